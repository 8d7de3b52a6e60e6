/**
 * The failure classes of issue 24, one `describe` each: datelines, one proposal per event, durations, venues from
 * context, notices and hedges, Japanese and Russian, labels. Each example is written here.
 */
import { describe, expect, it } from 'vitest';
import { proposeEvents, type Proposals, type ProposedEvent } from '#core/proposals/propose.ts';

const read = (text: string, publishedOn: string, dateline?: string): Proposals =>
  proposeEvents({ text, publishedOn, publisher: 'Test Wire', ...(dateline ? { dateline } : {}) });
const when = (e: ProposedEvent) => e.date ?? e.startTime ?? (e.range && { from: e.range.from, to: e.range.to });

describe('datelines give the city and the day the story was filed, never an event', () => {
  it.each([
    [
      'CITY, Mon. D (AGENCY) --',
      'OSLO, March 4 (NTB) -- The minister met her Swedish counterpart on Friday.',
      '2019-03-04',
      'Oslo',
      '2019-03-04',
    ],
    [
      'City, Mon. D (Agency)--',
      'Osaka, Feb. 9 (Jiji Press)--The governor met the mayor of Busan on Friday.',
      '2019-02-09',
      'Osaka',
      '2019-02-09',
    ],
    [
      'CITY, Month D. /AGENCY/.',
      'MOSCOW, December 7. /TASS/. Putin held talks with Modi on Thursday.',
      '2018-12-07',
      'Moscow',
      '2018-12-07',
    ],
    [
      'CITY (Agency) -',
      'TOKYO (Reuters) - The central bank kept rates on hold on Tuesday.',
      '2019-03-05',
      'Tokyo',
      undefined,
    ],
    [
      'TASS in Russian',
      'МОСКВА, 7 декабря. /ТАСС/. Путин провел переговоры с Моди.',
      '2018-12-07',
      'Москва',
      '2018-12-07',
    ],
    [
      'Kyodo in Japanese',
      '【モスクワ共同】プーチン大統領は19日、モディ首相と会談した。',
      '2018-12-19',
      'モスクワ',
      undefined,
    ],
  ])('%s, even when the first sentence is in the past tense', (_form, text, publishedOn, city, date) => {
    // Act
    const { story, events } = read(text, publishedOn);

    // Assess
    expect(story.dateline).toEqual({ city, ...(date ? { date } : {}) });
    expect(events).toEqual([]);
  });

  it('lets the events of the text through, zoned by the dateline when they name no place', () => {
    const { events } = read(
      'Osaka, Feb. 9 (Jiji Press)--The governor will hold a news conference on Feb. 20.',
      '2019-02-09',
    );
    expect(events.map((e) => [e.date, e.timeZone, e.zoneFrom])).toEqual([['2019-02-20', 'Asia/Tokyo', 'dateline']]);
  });
});

describe('one proposal per real event', () => {
  it.each([
    [
      '"later in June" beside "on June 21"',
      'Leaders will hold a summit later in June. The summit in Ottawa on June 21 will focus on trade.',
      '2019-06-03',
      '2019-06-21',
    ],
    [
      '"in October" beside "mid-October"',
      'Ministers will meet in October. The meeting is planned for mid-October in Sapporo.',
      '2019-08-01',
      { from: '2019-10-11', to: '2019-10-20' },
    ],
    [
      '"next week" beside a day of that week',
      'Negotiators will hold talks next week. The talks will start in Seoul on Monday, June 10.',
      '2019-06-03',
      '2019-06-10',
    ],
  ])('%s: the vaguer mention joins the dated one, its quote added', (_name, text, publishedOn, expected) => {
    // Act
    const { events } = read(text, publishedOn);

    // Assess
    expect(events.map(when)).toEqual([expected]);
    expect(events[0]!.quotes).toHaveLength(2);
    expect(events[0]!.quotes[0]).toBe(events[0]!.quote);
  });

  it('keeps a vague event nothing dated covers, whatever names its sentence shares', () => {
    const { events } = read(
      'The chancellor will attend a summit in Brussels on June 20. The chancellor asked her deputy to travel '
        + 'to Jakarta in October.',
      '2019-06-03',
    );
    expect(events.map((e) => [when(e), e.place, e.provisional])).toEqual([
      ['2019-06-20', 'Brussels', false],
      [{ from: '2019-10-01', to: '2019-10-31' }, 'Jakarta', true],
    ]);
  });
});

describe('durations and spans become ranges', () => {
  it.each([
    [
      '"for N days from X"',
      'The king will tour Chile and Peru for six days from Thursday.',
      '2019-06-03',
      { from: '2019-06-06', to: '2019-06-11' },
      'for six days from Thursday',
    ],
    [
      '"a two-day … from X"',
      'Japan will host a two-day meeting of the Group of Seven finance ministers and central bank governors '
        + 'in Niigata from May 11.',
      '2023-04-20',
      { from: '2023-05-11', to: '2023-05-12' },
      'two-day meeting from May 11',
    ],
    [
      '"for three days from later on Monday"',
      'The talks were expected to run for three days from later on Monday in Vienna.',
      '2019-06-03',
      { from: '2019-06-03', to: '2019-06-05' },
      'for three days from later on Monday',
    ],
    [
      '"X through Y"',
      'The assembly will run from May 20 through May 28 in Geneva.',
      '2019-05-20',
      { from: '2019-05-20', to: '2019-05-28' },
      'May 20 through May 28',
    ],
    [
      '"X-Y"',
      'Health ministers will meet on June 3-4 in Berlin.',
      '2019-05-20',
      { from: '2019-06-03', to: '2019-06-04' },
      'June 3-4',
    ],
  ])('%s', (_name, text, publishedOn, range, label) => {
    const { events } = read(text, publishedOn);
    expect(events.map((e) => e.range)).toEqual([{ ...range, label }]);
  });
});

describe('the venue: its own sentence, the sentence before, the story, and last the dateline', () => {
  it('reads an apposition ("the Kazakh capital, Astana") and an unnamed capital ("the Philippine capital")', () => {
    const { events } = read(
      'ALMATY (Reuters) - Leaders will gather in the Kazakh capital, Astana, on June 12. ASEAN ministers will '
        + 'meet in the Philippine capital on June 20.',
      '2019-05-20',
    );
    expect(events.map((e) => [e.place, e.timeZone, e.zoneFrom])).toEqual([
      ['Astana', 'Asia/Almaty', 'city'],
      ['Manila', 'Asia/Manila', 'city'],
    ]);
  });

  it('takes the place of the sentence before when its own names none, and says so', () => {
    const { events } = read(
      "She will attend the council's meeting in Tromsø (Norway). The ministers will meet on June 3-4.",
      '2019-05-20',
      'Oslo',
    );
    expect(events.map((e) => [e.place, e.timeZone, e.zoneFrom])).toEqual([
      ['Tromsø (Norway)', 'Europe/Oslo', 'sentence-before'],
    ]);
  });

  it('takes a place the story names in a sentence of no date before the dateline', () => {
    const { events } = read(
      'TOKYO (Kyodo) - Delegates arrived in Vladivostok. They said the forum would be held on Sept. 4.\nIt '
        + 'draws investors every year.',
      '2019-08-30',
    );
    expect(events.map((e) => [e.timeZone, e.zoneFrom])).toEqual([['Asia/Vladivostok', 'sentence-before']]);
    const later = read(
      'TOKYO (Kyodo) - Delegates arrived in Vladivostok. Security was tight. The forum will be held on Sept. 4.',
      '2019-08-30',
    );
    expect(later.events.map((e) => [e.timeZone, e.zoneFrom])).toEqual([['Asia/Vladivostok', 'story']]);
  });

  it('does not lend the venue of another dated event to a sentence that names none', () => {
    const { events } = read(
      'CANBERRA - Morrison will hold a news conference in Sydney on Wednesday. Parliament returns on Feb. 4.',
      '2020-01-13',
    );
    expect(events.map((e) => [e.date, e.zoneFrom])).toEqual([
      ['2020-01-15', 'city'],
      ['2020-02-04', 'dateline'],
    ]);
  });
});

describe('past, negated, postponed and cancelled mentions are notices, not events', () => {
  it.each([
    ['past', 'Ministers aim to build on the results of the summit in Lisbon in March.', '2019-06-03'],
    ['negated', 'Putin will not visit Japan on Dec. 15, the Kremlin said.', '2016-11-20'],
    ['postponed', 'The summit, which had been set for Dec. 15, has been postponed, officials said.', '2016-11-20'],
    ['cancelled', 'The concert planned for Dec. 15 in Osaka was called off.', '2016-11-20'],
  ])('%s', (kind, text, publishedOn) => {
    const { events, notices } = read(text, publishedOn);
    expect(events).toEqual([]);
    expect(notices).toEqual([expect.objectContaining({ kind, quote: text })]);
  });

  it('keeps the date an event is postponed to as an event', () => {
    const { events, notices } = read('The summit, first set for Dec. 15, has been postponed to Jan. 20.', '2016-11-20');
    expect(events.map((e) => e.date)).toEqual(['2017-01-20']);
    expect(notices).toEqual([expect.objectContaining({ kind: 'postponed', date: '2016-12-15' })]);
  });

  it('lowers the confidence of a hedged event, not making it provisional ("aims to … ahead of a summit")', () => {
    const { events } = read('The minister aims to deepen ties ahead of a summit in Hanoi on Nov. 10-12.', '2016-10-20');
    expect(events).toEqual([
      expect.objectContaining({
        range: { from: '2016-11-10', to: '2016-11-12', label: 'Nov. 10-12' },
        provisional: false,
      }),
    ]);
  });
});

describe('Japanese and Russian stories', () => {
  it('reads the Japanese Lima story: days, the next day, places in Japanese', () => {
    // Act
    const { story, events } = read(
      '【リマ共同】プーチン大統領は12月15日に山口県を訪問する。翌16日には東京で首相と協議する。岸田外相は12月3日にモスクワを訪れる。',
      '2016-11-19',
    );

    // Assess
    expect(story.language).toBe('ja');
    expect(events.map((e) => [e.date, e.timeZone, e.place])).toEqual([
      ['2016-12-03', 'Europe/Moscow', 'モスクワ'],
      ['2016-12-15', 'Asia/Tokyo', '山口県'],
      ['2016-12-16', 'Asia/Tokyo', '東京'],
    ]);
  });

  it('reads Japanese periods and spans as provisional ranges or ranges, labelled as written', () => {
    const { events } = read(
      '外相会談は来月中旬に東京で開かれる。G7会議は5月11日から3日間、新潟で開かれる。',
      '2023-04-20',
    );
    expect(events.map((e) => e.range)).toEqual([
      { from: '2023-05-11', to: '2023-05-20', label: '来月中旬' },
      { from: '2023-05-11', to: '2023-05-13', label: '5月11日から3日間' },
    ]);
  });

  it('reads the Russian story: declined place names, periods, and what will not happen', () => {
    // Act
    const { story, events, notices } = read(
      'МОСКВА, 20 ноября. /ТАСС/. Путин посетит Японию 15 декабря, сообщил Песков. В середине декабря в Токио '
        + 'пройдет встреча министров. Трамп не посетит Москву 7 декабря.',
      '2016-11-20',
    );

    // Assess
    expect(story.language).toBe('ru');
    expect(events.map((e) => [when(e), e.timeZone, e.place])).toEqual([
      [{ from: '2016-12-11', to: '2016-12-20' }, 'Asia/Tokyo', 'Токио'],
      ['2016-12-15', 'Asia/Tokyo', 'Японию'],
    ]);
    expect(notices).toEqual([expect.objectContaining({ kind: 'negated', date: '2016-12-07' })]);
  });

  it('answers a language it does not read with no events and a warning that says so', () => {
    const { story, events, warnings } = read(
      'Le président se rendra à Paris le 15 décembre pour un sommet avec les dirigeants européens.',
      '2016-11-19',
    );
    expect(story.language).toBe('fr');
    expect(events).toEqual([]);
    expect(warnings).toEqual([expect.stringMatching(/French.*English, Japanese and Russian/)]);
  });
});
