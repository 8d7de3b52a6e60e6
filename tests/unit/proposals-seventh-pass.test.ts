/**
 * Issue 24, seventh pass: general mechanisms for text the reader has not seen, each shown on sentences written here
 * (not a fixture's): an end given in the next sentence only when that sentence tells of the event going on, "the
 * same region" read as the place the sentence's own words point back to, and foreign places written in katakana
 * found in the gazetteer by their sound.
 */
import { describe, expect, it } from 'vitest';
import { proposeEvents, type ProposedEvent } from '#core/proposals/propose.ts';

const when = (e: ProposedEvent) => e.startTime ?? e.date ?? (e.range && `${e.range.from}..${e.range.to}`);
const read = (text: string, publishedOn: string) => proposeEvents({ text, publishedOn, publisher: 'Test Wire' });
const whens = (text: string, publishedOn: string) => read(text, publishedOn).events.map(when);

describe('an end given alone in the next sentence', () => {
  it('closes the span when that sentence tells of the event going on ("will compete … until")', () => {
    const text = 'The regional games will open in Accra on May 4. Some 900 athletes will compete in three towns until May 9.';
    expect(whens(text, '2026-04-20')).toEqual(['2026-05-04..2026-05-09']);
  });
  it('but not when that sentence is about something else ("prices will be frozen until")', () => {
    const text = 'The fair opens in Lyon on May 4. Prices for the city\'s trams will be frozen until June 1.';
    expect(whens(text, '2026-04-20')).not.toContain('2026-05-04..2026-06-01');
    expect(whens(text, '2026-04-20')).toContain('2026-05-04');
  });
  it('Russian: "Выставка будет работать до …" closes it; "Цены заморожены до …" does not', () => {
    expect(whens('Выставка откроется в Казани 3 марта. Она будет работать до 10 мая.', '2026-02-01'))
      .toEqual(['2026-03-03..2026-05-10']);
    expect(whens('Выставка откроется в Казани 3 марта. Цены на билеты заморожены до 10 мая.', '2026-02-01'))
      .not.toContain('2026-03-03..2026-05-10');
  });
});

describe('"in the same region": the place the sentence points back to', () => {
  it('the latest placed event, not the story\'s first, when the words share nothing', () => {
    const text = 'SEOUL (Yonhap) -- A send-off for the team will take place in Seoul on Jan. 28. '
      + 'The winter games will be held in Gangneung from Feb. 2 to 8, organizers said. '
      + 'A cultural festival will follow in the same region from Feb. 12 to 14.';
    expect(read(text, '2026-01-10').events.map((e) => e.place)).toEqual(['Seoul', 'Gangneung', 'Gangneung']);
  });
  it('the event whose sentence shares the words, past a later one elsewhere', () => {
    const text = 'SEOUL (Yonhap) -- The winter games will be held in Gangneung from Feb. 2 to 8, organizers said. '
      + 'A send-off for the team will take place in Seoul on Jan. 28. '
      + 'The winter youth games will follow in the same region from Feb. 12 to 14.';
    expect(read(text, '2026-01-10').events.map((e) => e.place)).toEqual(['Seoul', 'Gangneung', 'Gangneung']);
  });
});
