/**
 * Issue 24, sixth pass: mechanisms batch s showed missing, each shown on sentences written here (not a fixture's):
 * a time of day given apart from its date, venues the chooser fell back from, spans whose end is given apart, and
 * past mentions with no day.
 */
import { describe, expect, it } from 'vitest';
import { proposeEvents, type ProposedEvent } from '#core/proposals/propose.ts';

const when = (e: ProposedEvent) => e.startTime ?? e.date ?? (e.range && `${e.range.from}..${e.range.to}`);
const read = (text: string, publishedOn: string) => proposeEvents({ text, publishedOn, publisher: 'Test Wire' });
const whens = (text: string, publishedOn: string) => read(text, publishedOn).events.map(when);

describe('a time of day given apart from its date', () => {
  it('"at 8 a.m. local time on June 7": the full stop of "a.m." ends no sentence', () => {
    expect(whens('ROME (Reuters) - The cycling race will start at 8 a.m. local time on June 7 in the old town.',
      '2026-05-01')).toEqual(['2026-06-07T08:00']);
  });
  it('a later sentence that only says when the event begins gives it its time, past a day something was said', () => {
    const text = 'LIMA (Kyodo) -- A memorial will be held at a plaza in Lima on Friday, the embassy said Tuesday. '
      + 'The memorial will begin at 4:15 p.m., with a minute of silence.';
    expect(whens(text, '2026-03-10')).toEqual(['2026-03-13T16:15']);
  });
  it('but not a time in a sentence about something else', () => {
    const text = 'The fair will open in Lyon on Friday. Shops in the city close at 7 p.m. on weekdays.';
    expect(whens(text, '2026-03-10')).toEqual(['2026-03-13']);
  });
  it('Russian: the time later in the date\'s sentence ("он начнется в 19:00")', () => {
    expect(whens('Концерт пройдет в Самаре 14 июня, он начнется в 19:00 по местному времени.', '2026-05-20'))
      .toEqual(['2026-06-14T19:00']);
  });
  it('Japanese: "午後2時" alone, further on in the date\'s sentence', () => {
    expect(whens('韓国政府は2日、9月20日の記念式典を、釜山の公園で現地時間午後2時から開くと発表した。', '2026-05-20'))
      .toEqual(['2026-09-20T14:00']);
  });
  it('a time in the next sentence does not reach back across a sentence with its own date', () => {
    const text = 'The fair will open in Lyon on Friday. Talks will follow on Monday. It will begin at 9 a.m.';
    expect(whens(text, '2026-03-10')).toEqual(['2026-03-13', '2026-03-16T09:00']);
  });
});
