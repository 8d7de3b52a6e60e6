/**
 * Fifteen short stories written to break the reader on issue 24's failure classes (datelines with a past lede,
 * vaguer mentions beside dated ones, durations, venues of the sentence before or in apposition, negation and
 * postponement, Japanese and Russian), five per language, written before the reader ran on them; what they
 * showed it missing was fixed by general rules, and the expectations are an editor's reading.
 */
import { describe, expect, it } from 'vitest';
import { proposeEvents, type ProposedEvent } from '#core/proposals/propose.ts';

const when = (e: ProposedEvent) => e.date ?? e.startTime ?? (e.range && `${e.range.from}..${e.range.to}`);

type Probe = [
  name: string, text: string, publishedOn: string, events: Array<[string, string, boolean]>, notices: string[],
];

const PROBES: Record<string, Probe[]> = {
  en: [
    ['AP dateline with a country, a past lede, "later this month" joining its dated start',
      "JAKARTA, Indonesia (AP) — Indonesia's president met Chinese officials on Tuesday. He is expected to travel to "
        + 'China later this month. The visit, to Beijing and Shanghai, will begin on Oct. 24, his office said.',
      '2023-10-11', [['2023-10-24', 'Asia/Shanghai', false]], ['past']],
    ['an apposition, a duration after the date, and a meeting he will not attend',
      'ANKARA (AA) - Turkish Foreign Minister will pay a visit to the Azerbaijani capital, Baku, on Nov. 6 for two '
        + 'days of talks. He will not attend the OSCE meeting in Skopje on Nov. 30, the ministry said.',
      '2023-11-01', [['2023-11-06..2023-11-07', 'Asia/Baku', false]], ['negated']],
    ['Yonhap: a summit postponed from a day to mid-November, the last one past',
      'SEOUL, Sept. 4 (Yonhap) -- A trilateral summit among South Korea, China and Japan, which had been set for '
        + 'Sept. 26, has been postponed to mid-November, officials said Monday. The last summit was held in Chengdu in '
        + 'December 2019.',
      '2023-09-04', [['2023-11-11..2023-11-20', 'Asia/Seoul', true]], ['postponed', 'past']],
    ['KUNA: "next week in Riyadh" and the day the council convenes are one event',
      'KUWAIT, Jan 15 (KUNA) -- GCC foreign ministers will meet next week in Riyadh, a source said. The ministerial '
        + 'council is slated to convene on Jan. 22, the source added.',
      '2024-01-15', [['2024-01-22', 'Asia/Riyadh', false]], []],
    ['a trip "from … through …" and a day in it, the venue lent by "He will"',
      'LONDON (Reuters) - King Charles will travel to Kenya from Oct. 31 through Nov. 3. He will meet President '
        + 'William Ruto on Nov. 1, Buckingham Palace said.',
      '2023-10-10', [['2023-10-31..2023-11-03', 'Africa/Nairobi', false], ['2023-11-01', 'Africa/Nairobi', false]], []],
  ],
  ja: [
    ['a four-day visit and a speech the next day in the sentence after',
      '【ニューヨーク共同】岸田文雄首相は国連総会に出席するため、19日から4日間の日程で米国を訪問する。20日に一般討論演説を行う予定だ。',
      '2023-09-15', [['2023-09-19..2023-09-22', 'America/New_York', false], ['2023-09-20', 'America/New_York', false]],
      []],
    ['"韓国・釜山" under a Beijing dateline; the last meeting is past',
      '【北京共同】日中韓外相会談は11月下旬に韓国・釜山で開かれる見通しだ。前回の会談は2019年8月に北京で行われた。',
      '2023-11-10', [['2023-11-21..2023-11-30', 'Asia/Seoul', true]], ['past']],
    ['a town in a prefecture, with no dateline; the earlier plan postponed',
      '政府は来年1月中旬に静岡県熱海市で閣僚会合を開く方向で調整している。会合は当初12月に予定されていたが、延期された。',
      '2023-11-20', [['2024-01-11..2024-01-20', 'Asia/Tokyo', true]], ['postponed']],
    ['"訪中" names the country under a Moscow dateline',
      '【モスクワ時事】プーチン大統領は10月上旬に訪中し、習近平国家主席と会談する。',
      '2023-09-20', [['2023-10-01..2023-10-10', 'Asia/Shanghai', true]], []],
    ['a stay "8日から14日まで" and the summit inside it',
      '【ワシントン共同】日米首脳会談は4月10日にワシントンで行われる。首相は8日から14日まで米国に滞在する。',
      '2024-03-20', [['2024-04-08..2024-04-14', 'America/New_York', false], ['2024-04-10', 'America/New_York', false]],
      []],
  ],
  ru: [
    ['a forum "с 10 по 13 сентября" and a speech inside it',
      'ВЛАДИВОСТОК, 5 сентября. /ТАСС/. Восточный экономический форум пройдет с 10 по 13 сентября на острове Русский. '
        + 'Путин выступит на пленарном заседании 12 сентября.',
      '2023-09-05', [['2023-09-10..2023-09-13', 'Asia/Vladivostok', false], ['2023-09-12', 'Asia/Vladivostok', false]],
      []],
    ['a summit at the end of the month; the date it was planned for is a notice, not an event',
      'МОСКВА, 10 ноября. /ТАСС/. Саммит ОДКБ пройдет в конце ноября в Минске. Ранее он планировался на 23 ноября в '
        + 'Ереване, но Армения отказалась его принимать.',
      '2023-11-10', [['2023-11-21..2023-11-30', 'Europe/Minsk', true]], ['past']],
    ['a Washington dateline the story never names: the talks are where the visit is',
      'ВАШИНГТОН, 2 октября. /ТАСС/. Лавров посетит Пхеньян 18 октября, сообщили в МИД. Переговоры с северокорейской '
        + 'стороной пройдут 19 октября.',
      '2023-10-02', [['2023-10-18', 'Asia/Pyongyang', false], ['2023-10-19', 'Asia/Pyongyang', false]], []],
    ['"трехдневный визит … с 26 мая" and talks in the capital',
      'Президент совершит трехдневный визит в Узбекистан с 26 мая. Переговоры в Ташкенте пройдут 27 мая.',
      '2024-05-20', [['2024-05-26..2024-05-28', 'Asia/Tashkent', false], ['2024-05-27', 'Asia/Tashkent', false]], []],
    ['"не сможет" is negated; a town in a region by its genitive',
      'ХАБАРОВСК, 1 июня. /ТАСС/. Губернатор не сможет принять участие в форуме 5 июня. Совещание в '
        + 'Комсомольске-на-Амуре Хабаровского края состоится 8 июня.',
      '2024-06-01', [['2024-06-08', 'Asia/Vladivostok', false]], ['negated']],
  ],
};

describe.each(Object.entries(PROBES))('probing stories in %s', (language, probes) => {
  it.each(probes)('%s', (_name, text, publishedOn, events, notices) => {
    const proposals = proposeEvents({ text, publishedOn, publisher: 'Test Wire' });
    expect(proposals.story.language).toBe(language);
    expect(proposals.events.map((e) => [when(e), e.timeZone, e.provisional])).toEqual(events);
    expect(proposals.notices.map((n) => n.kind)).toEqual(notices);
    for (const e of proposals.events.filter((x) => x.range)) expect(e.range!.label.length).toBeGreaterThan(0);
  });
});
