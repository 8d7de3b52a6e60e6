import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '#core/errors.ts';
import { proposeEvents, proposeFromRequest, type ProposalRequest, type ProposedEvent } from '#core/proposals/propose.ts';
import { labelledStories, scoreAll } from '../../bench/proposals-score.ts';

const lima: ProposalRequest = {
  text: readFileSync(new URL('../fixtures/stories/seed/lima-kyodo-2016-11-19.txt', import.meta.url), 'utf8'),
  publishedOn: '2016-11-19',
  publisher: 'Kyodo News',
  dateline: 'Lima',
};

/** The one event a short story proposes. */
function only(text: string, publishedOn: string, dateline?: string): ProposedEvent {
  const { events } = proposeEvents({ text, publishedOn, publisher: 'Test Wire', ...(dateline ? { dateline } : {}) });
  expect(events, JSON.stringify(events, null, 2)).toHaveLength(1);
  return events[0]!;
}

const when = (e: ProposedEvent) => e.date ?? e.startTime ?? e.range;

describe('the Lima story (Kyodo, Saturday 19 November 2016)', () => {
  it('yields its three dated events and the December visit it names no day for, with the zones a reader takes', () => {
    // Act
    const { events } = proposeEvents(lima);

    // Assess
    const read = events.map((e) => ({ date: e.date ?? e.range, timeZone: e.timeZone, zoneFrom: e.zoneFrom, place: e.place, provisional: e.provisional }));
    const december = { from: '2016-12-01', to: '2016-12-31', label: 'next month' };
    expect(read).toEqual([
      { date: december, timeZone: 'Asia/Tokyo', zoneFrom: 'country', place: 'Japan', provisional: true },
      { date: '2016-12-03', timeZone: 'Europe/Moscow', zoneFrom: 'country', place: 'Russia', provisional: false },
      { date: '2016-12-15', timeZone: 'Asia/Tokyo', zoneFrom: 'region', place: 'Yamaguchi', provisional: false },
      { date: '2016-12-16', timeZone: 'Asia/Tokyo', zoneFrom: 'city', place: 'Tokyo', provisional: false },
    ]);
  });

  it('dates the Yamaguchi summit from "a day beforehand" and quotes the sentence each event comes from', () => {
    const { events } = proposeEvents(lima);
    const summit = events.find((e) => e.place === 'Yamaguchi')!;
    expect(summit.quote).toBe('Abe expressed his intention to speak with Putin about economic issues in Tokyo on Dec. 16, following their scheduled meeting in Yamaguchi, Abe’s constituency in western Japan, a day beforehand.');
    expect(events.every((e) => lima.text.includes(e.quote))).toBe(true);
    expect(events.find((e) => e.date === '2016-12-03')!.title).toBe('Japanese Foreign Minister Fumio Kishida to visit Russia for talks with his Russian counterpart');
    expect(events[0]!.title).toBe('Putin visits Japan');
  });

  it('invents no day for "next month", and proposes nothing for what is past (the talks Saturday, the plan of May)', () => {
    const { events } = proposeEvents(lima);
    expect(events.some((e) => e.date === '2016-12-19' || e.date === '2016-12-01')).toBe(false);
    expect(events.some((e) => e.date === '2016-11-19' || e.range?.from.startsWith('2017-05'))).toBe(false);
  });

  it('proposes a story with a title, the lede as summary and its language', () => {
    const { story } = proposeEvents(lima);
    expect(story.language).toBe('en');
    expect(story.title).toBe('Prime Minister Shinzo Abe held intensive talks Saturday with Russian President Vladimir Putin on territorial issues');
    expect(story.summary).toMatch(/^Prime Minister Shinzo Abe held intensive talks Saturday/);
  });
});

describe('dates resolved the way a reader of the story would', () => {
  it.each([
    ['"Friday" in a Thursday story is the next day', 'Ministers will meet in Brussels on Friday.', '2017-03-16', '2017-03-17'],
    ['"Dec. 3" in a November story is this year\'s', 'Kishida will visit Russia on Dec. 3.', '2016-11-19', '2016-12-03'],
    ['"Jan. 20" in a December story is next year\'s', 'Parliament will convene in Tokyo on Jan. 20.', '2016-12-20', '2017-01-20'],
    ['"Saturday" in a Saturday story that looks ahead is today', 'Lula will hold a final rally in Sao Paulo on Saturday.', '2022-10-29', '2022-10-29'],
    ['"next Tuesday" is in the next week', 'A second debate will be held in Ottawa next Tuesday.', '2021-09-09', '2021-09-14'],
    ['"tomorrow" is the next day', 'The cabinet will decide in Rome tomorrow.', '2020-03-10', '2020-03-11'],
    ['a time of day makes a start time', 'Morrison will hold a news conference in Sydney at 10 a.m. on Wednesday.', '2020-01-13', '2020-01-15T10:00'],
  ])('%s', (_name, text, publishedOn, expected) => {
    const e = only(text, publishedOn);
    expect(when(e)).toBe(expected);
    expect(e.provisional).toBe(false);
  });

  it.each([
    ['"next week" is a range', 'Officials will hold talks in Seoul next week.', '2018-06-06', { from: '2018-06-11', to: '2018-06-17' }, true],
    ['"from Sunday for four days"', 'Hasina will visit India from Sunday for four days.', '2019-10-03', { from: '2019-10-06', to: '2019-10-09' }, false],
    ['"Oct. 7 to 12"', 'The fair will run in Frankfurt from Oct. 7 to 12.', '2017-09-20', { from: '2017-10-07', to: '2017-10-12' }, false],
    ['"August 30 to September 1"', 'The festival runs in Edinburgh from August 30 to September 1.', '2019-08-20', { from: '2019-08-30', to: '2019-09-01' }, false],
    ['"Aug. 30-Sept. 1"', 'The festival runs in Edinburgh Aug. 30-Sept. 1.', '2019-08-20', { from: '2019-08-30', to: '2019-09-01' }, false],
    ['"between Sept. 15 and 17"', 'The race takes place in Singapore between Sept. 15 and 17.', '2017-09-01', { from: '2017-09-15', to: '2017-09-17' }, false],
    ['"on Thursday and Friday"', 'Xi will meet Trump in Florida on Thursday and Friday.', '2017-04-03', { from: '2017-04-06', to: '2017-04-07' }, false],
    ['"mid-November" names no day', 'China will host trade ministers in Beijing in mid-November.', '2017-10-02', { from: '2017-11-11', to: '2017-11-20' }, true],
    ['"later in May" starts after the story', 'The couple will travel to Canada later in May.', '2018-05-08', { from: '2018-05-09', to: '2018-05-31' }, true],
    ['"early next year" is its first third', 'Trump will meet Kim in Hanoi early next year.', '2018-11-27', { from: '2019-01-01', to: '2019-04-30' }, true],
    ['"next month" is the whole month', 'The parliament will sit in Canberra next month.', '2019-05-20', { from: '2019-06-01', to: '2019-06-30' }, true],
    ['"in March 2018"', 'Russia will hold its presidential election in Moscow in March 2018.', '2017-06-01', { from: '2018-03-01', to: '2018-03-31' }, true],
    ['"this summer" in the southern hemisphere is December to February', 'The festival returns to Sydney this summer.', '2019-09-01', { from: '2019-12-01', to: '2020-02-29' }, true],
  ])('%s', (_name, text, publishedOn, expected, provisional) => {
    const e = only(text, publishedOn);
    expect(e.range).toMatchObject(expected);
    // The label is the story's own words for the span.
    expect(text).toContain(e.range!.label);
    expect(e.date).toBeUndefined();
    expect(e.provisional).toBe(provisional);
  });

  it('keeps the day a story hedges ("may visit", "aims to") as a dated event, only less sure of it', () => {
    const hedged = only('Xi Jinping may visit Japan on June 27.', '2019-02-11');
    const firm = only('Xi Jinping will visit Japan on June 27.', '2019-02-11');
    expect(hedged).toMatchObject({ date: '2019-06-27', provisional: false });
    expect(hedged.confidence).toBeLessThan(firm.confidence);
  });

  it('proposes nothing for what already happened, even with a date after the story\'s own', () => {
    const { events } = proposeEvents({
      text: 'The ministers met in Paris on Friday. The talks followed a meeting in Berlin on Feb. 19. Abe proposed the plan to Putin in May.',
      publishedOn: '2018-03-05', publisher: 'AFP',
    });
    expect(events).toEqual([]);
  });
});

describe('places to zones', () => {
  it('a city gives its zone, a region the zone of its cities, a country its capital\'s when one zone dominates', () => {
    expect(only('The forum will open in Vladivostok on Sept. 4.', '2019-07-15')).toMatchObject({ timeZone: 'Asia/Vladivostok', zoneFrom: 'city', place: 'Vladivostok' });
    expect(only('The festival opens in Nevada on Aug. 25.', '2019-08-01')).toMatchObject({ timeZone: 'America/Los_Angeles', zoneFrom: 'region' });
    expect(only('Kishida will visit Russia on Dec. 3.', '2016-11-19')).toMatchObject({ timeZone: 'Europe/Moscow', zoneFrom: 'country' });
  });

  it('a country that spans zones takes the zone of the city named with it, or is marked uncertain', () => {
    expect(only('The forum will be held in Vladivostok, Russia, on Sept. 4.', '2019-07-15')).toMatchObject({ timeZone: 'Asia/Vladivostok', place: 'Vladivostok, Russia' });
    expect(only('Tesla will unveil its roof in the United States on Oct. 28.', '2016-10-05')).toMatchObject({ timeZone: 'America/New_York', zoneFrom: 'country-uncertain' });
  });

  it('falls back to the dateline city and says so; with neither, says there was none', () => {
    expect(only('A vote is expected on March 29.', '2017-03-16', 'Brussels')).toMatchObject({ timeZone: 'Europe/Brussels', zoneFrom: 'dateline', place: 'Brussels' });
    expect(only('BRUSSELS (Reuters) - A vote is expected on March 29.', '2017-03-16')).toMatchObject({ timeZone: 'Europe/Brussels', zoneFrom: 'dateline' });
    expect(only('A vote is expected on March 29.', '2017-03-16')).toMatchObject({ timeZone: 'UTC', zoneFrom: 'none' });
  });

  it('reads "Lima" as Peru\'s capital, not the town in Ohio', () => {
    expect(only('The summit will open in Lima on Nov. 19.', '2016-11-01')).toMatchObject({ timeZone: 'America/Lima', zoneFrom: 'city' });
  });
});

describe('offline and deterministic (its speed: npm run bench:proposals-worst)', () => {
  it('gives the same proposals for the same text, whatever the machine\'s time zone', () => {
    const first = proposeEvents(lima);
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      expect(proposeEvents(lima)).toEqual(first);
      process.env.TZ = 'America/Adak';
      expect(proposeEvents(lima)).toEqual(first);
    } finally {
      if (saved === undefined) delete process.env.TZ; else process.env.TZ = saved;
    }
  });
});

describe('the request', () => {
  it('is checked like every admin body, naming the field that is wrong', () => {
    const bad = (body: unknown) => { try { proposeFromRequest(body); } catch (err) { return err; } return undefined; };
    expect(bad({ text: 'x', publisher: 'AP', publishedOn: '2016-02-30' })).toBeInstanceOf(ValidationError);
    expect((bad({ text: 'x', publisher: 'AP', publishedOn: '2016-02-30' }) as ValidationError).message).toMatch(/publishedOn must be a real calendar date/);
    expect((bad({ publisher: 'AP', publishedOn: '2016-11-19' }) as ValidationError).details).toMatchObject({ issues: [{ field: 'text' }] });
    expect((bad({ text: 'x', publisher: 'AP', publishedOn: '2016-11-19', url: 'u' }) as ValidationError).message).toMatch(/unknown field "url"/);
    expect((bad({ text: '  ', publisher: 'AP', publishedOn: '2016-11-19' }) as ValidationError).message).toMatch(/text must not be empty/);
  });
});

describe('the labelled stories', () => {
  it('keep the precision and recall the README reports on the stories the rules were fitted to', () => {
    const { fields } = scoreAll(labelledStories().filter((s) => !s.heldOut));
    const by = Object.fromEntries(fields.map((f) => [f.field, f]));
    for (const field of ['event', 'when', 'timeZone', 'provisional'] as const) {
      expect(by[field]!.precision, field).toBeGreaterThanOrEqual(0.95);
      expect(by[field]!.recall, field).toBeGreaterThanOrEqual(0.95);
    }
    expect(by.place!.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('keep them in each language the stories are labelled in, notices included', () => {
    const stories = labelledStories();
    for (const language of ['en', 'ja', 'ru']) {
      const mine = stories.filter((s) => s.language === language && !s.heldOut);
      expect(mine.length, language).toBeGreaterThanOrEqual(10);
      const { fields, notices } = scoreAll(mine);
      for (const f of fields) {
        expect(f.precision, `${language} ${f.field}`).toBeGreaterThanOrEqual(0.95);
        expect(f.recall, `${language} ${f.field}`).toBeGreaterThanOrEqual(0.95);
      }
      expect(notices.recall, `${language} notices`).toBeGreaterThanOrEqual(0.95);
    }
  });
});
