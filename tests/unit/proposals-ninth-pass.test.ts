/**
 * Issue 24, ninth pass: general mechanisms the tenth held-out batch (p) showed missing, each on sentences written
 * here (not a fixture's).
 */
import { describe, expect, it } from 'vitest';
import { proposeEvents } from '#core/proposals/propose.ts';

const read = (text: string, publishedOn: string, dateline?: string) =>
  proposeEvents({ text, publishedOn, publisher: 'Test Wire', ...(dateline ? { dateline } : {}) });
const kinds = (r: ReturnType<typeof read>) => r.notices.map((n) => [n.kind, n.title]);

describe('a dateline with a state in brackets before its country (ANI)', () => {
  it('"Leh (Ladakh) [India], May 3 (ANI):" dates the story and gives its city, never an event', () => {
    const r = read('Leh (Ladakh) [India], May 3 (ANI): The annual river rafting festival will open on June 12, the '
      + 'tourism department said on Saturday.', '2025-05-03');
    expect(r.events.map((e) => [e.date, e.timeZone])).toEqual([['2025-06-12', 'Asia/Kolkata']]);
  });
});

describe('nothing of the kind will be: a negation by "no"', () => {
  it('"No ferries will run to the island this week" is a negated notice, not an event', () => {
    const r = read('HELSINKI (Wire) - No ferries will run to the island this week because of the ice, the operator '
      + 'said.', '2025-02-03');
    expect(r.events).toEqual([]);
    expect(r.notices.map((n) => n.kind)).toEqual(['negated']);
  });
  it('"No. 2 seed" is a rank, and "the No. 2 will play on Friday" stays an event', () => {
    const r = read('PARIS (Wire) - The world No. 2 will play her opening match on Friday, organisers said.',
      '2025-05-20');
    expect(r.events.map((e) => e.date)).toEqual(['2025-05-23']);
  });
  it('"…, and no further talks are planned" beside a past meeting gives a past and a negated notice', () => {
    const r = read('ROME (Wire) - The two ministers met in Geneva in March, and no further talks are planned this '
      + 'spring.', '2025-04-10');
    expect(r.events).toEqual([]);
    expect(kinds(r)).toEqual([['past', 'Two ministers met in Geneva'], ['negated', 'No further talks are planned']]);
  });
  it('"…, and no further meeting is planned during the trip" (no day) is a negated notice of its own clause', () => {
    const r = read('ROME (Wire) - The two ministers met in Geneva in March, and no further meeting is planned during '
      + 'the tour.', '2025-04-10');
    expect(kinds(r)).toEqual([['past', 'Two ministers met in Geneva'],
      ['negated', 'no further meeting is planned during the tour']]);
  });
});

describe('English tense: participles and plural nouns', () => {
  it('"will be formally opened on May 2" is ahead: an adverb between "be" and its participle', () => {
    const r = read('OSLO (Wire) - The bridge, paid for by the state, will be formally opened on May 2 by the king.',
      '2025-04-14');
    expect(r.events.map((e) => e.date)).toEqual(['2025-05-02']);
    expect(r.notices).toEqual([]);
  });
  it('"which shut its gates to tourists on March 3" is past, though the sentence looks ahead', () => {
    const r = read('ATHENS (Wire) - The site, which shut its gates to tourists on March 3 for repairs, will reopen on '
      + 'April 20.', '2025-04-01');
    expect(r.events.map((e) => e.date)).toEqual(['2025-04-20']);
    expect(r.notices.map((n) => [n.kind, n.date])).toEqual([['past', '2025-03-03']]);
  });
  it('"to discuss" is still an infinitive that looks ahead', () => {
    const r = read('OSLO (Wire) - The ministers meet to discuss fishing quotas on May 12.', '2025-05-02');
    expect(r.events.map((e) => e.date)).toEqual(['2025-05-12']);
  });
});
