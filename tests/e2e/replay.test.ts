import { describe, expect, it } from 'vitest';
import { replayStory } from '#local/replay-story.ts';

describe('the story replayed end to end (npm run replay)', () => {
  it('delivers each reader the story\'s mail on their own calendar, labelled truly, once, and nothing before they confirmed', async () => {
    // Act
    const { rows, deadLetters } = await replayStory();
    // Rows of one reader in their own offset, so sorting the strings sorts them in time (ties by subject).
    const to = (zone: string) => rows.filter((r) => r.timeZone === zone).map((r) => `${r.sentAt} ${r.kind} ${r.subject}`).sort();

    // Assess
    expect(deadLetters).toBe(0);
    expect(to('Asia/Tokyo')).toEqual([
      '2016-11-21T08:00:00+09:00 digest Weekly digest: 1 upcoming event',
      '2016-11-26T08:00:00+09:00 reminder In 7 days: Foreign Minister Kishida visits Russia for talks with Lavrov',
      '2016-11-28T08:00:00+09:00 digest Weekly digest: 1 upcoming event',
      '2016-12-02T08:00:00+09:00 reminder Tomorrow: Foreign Minister Kishida visits Russia for talks with Lavrov',
      '2016-12-05T08:00:00+09:00 digest Weekly digest: 2 upcoming events',
      '2016-12-08T08:00:00+09:00 reminder In 7 days: Abe-Putin summit in Yamaguchi',
      '2016-12-09T08:00:00+09:00 reminder In 7 days: Abe and Putin discuss economic issues in Tokyo',
      '2016-12-12T08:00:00+09:00 digest Weekly digest: 2 upcoming events',
      '2016-12-14T08:00:00+09:00 reminder Tomorrow: Abe-Putin summit in Yamaguchi',
      '2016-12-15T08:00:00+09:00 reminder Tomorrow: Abe and Putin discuss economic issues in Tokyo',
    ]);
    // Moscow: 3 days before, and the morning of the day the event begins there. Kishida's visit begins at midnight
    // in Moscow, so its morning-of reminder comes at 20:00 the evening before; the Tokyo events begin at 18:00 Moscow time.
    expect(to('Europe/Moscow').filter((r) => r.includes('reminder'))).toEqual([
      '2016-11-30T08:00:00+03:00 reminder In 3 days: Foreign Minister Kishida visits Russia for talks with Lavrov',
      '2016-12-02T20:00:00+03:00 reminder Tomorrow: Foreign Minister Kishida visits Russia for talks with Lavrov',
      '2016-12-11T08:00:00+03:00 reminder In 3 days: Abe-Putin summit in Yamaguchi',
      '2016-12-12T08:00:00+03:00 reminder In 3 days: Abe and Putin discuss economic issues in Tokyo',
      '2016-12-14T08:00:00+03:00 reminder Today: Abe-Putin summit in Yamaguchi',
      '2016-12-15T08:00:00+03:00 reminder Today: Abe and Putin discuss economic issues in Tokyo',
    ]);
    // New York: each event begins the day before its own date there (Kishida at 16:00 on 2 December, the Tokyo
    // events at 10:00). The 14-day reminder for Kishida fell due on 18 November, before the reader confirmed.
    expect(to('America/New_York')).toEqual([
      '2016-11-30T08:00:00-05:00 reminder In 14 days: Abe-Putin summit in Yamaguchi',
      '2016-12-01T08:00:00-05:00 reminder In 14 days: Abe and Putin discuss economic issues in Tokyo',
      '2016-12-01T08:00:00-05:00 reminder Tomorrow: Foreign Minister Kishida visits Russia for talks with Lavrov',
      '2016-12-13T08:00:00-05:00 reminder Tomorrow: Abe-Putin summit in Yamaguchi',
      '2016-12-14T08:00:00-05:00 reminder Tomorrow: Abe and Putin discuss economic issues in Tokyo',
    ]);
    expect(new Set(rows.map((r) => `${r.reader} ${r.subject} ${r.sentAt}`)).size).toBe(rows.length);
    // A hang guard, not a speed check: the month of hourly dispatches took 51 s at load 10-12 and passed 120 s at
    // load 16-20 (2026-12-07, 2 cores); the month of mail-as-read.test.ts and languages.test.ts has 600 s too.
  }, 600_000);
});
