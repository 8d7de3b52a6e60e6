/**
 * Issue 24, fourth pass: the general reading rules added after the sealed batch u's first run, each shown on a
 * sentence written here (not a fixture's): spans given as a length or a closing day, two weekdays in a row, a night
 * across two days, and periods that are no events.
 */
import { describe, expect, it } from 'vitest';
import { proposeEvents, type ProposedEvent } from '#core/proposals/propose.ts';

const when = (e: ProposedEvent) => e.date ?? e.startTime ?? (e.range && `${e.range.from}..${e.range.to}`);
const read = (text: string, publishedOn: string, dateline?: string) =>
  proposeEvents({ text, publishedOn, publisher: 'Test Wire', dateline });

describe('spans given as a length or a closing day', () => {
  it('Russian "в течение трех дней, начиная со 7 октября" is a three-day span', () => {
    const { events } = read('Фестиваль пройдет в Самаре в течение трех дней, начиная со 7 октября.', '2026-08-10');
    expect(events.map(when)).toEqual(['2026-10-07..2026-10-09']);
  });
  it('Russian "в ночь с 30 на 31 мая" is both days', () => {
    const { events } = read('Ярмарка откроется в Туле в ночь с 30 на 31 мая.', '2026-01-14');
    expect(events.map(when)).toEqual(['2026-05-30..2026-05-31']);
  });
  it('Russian "в среду и в четверг" is one span of the two weekdays ahead', () => {
    const { events } = read('Снегопад ожидается в Новосибирске в среду и в четверг, сообщили синоптики.', '2026-01-12');
    expect(events.map(when)).toEqual(['2026-01-14..2026-01-15']);
  });
  it('Japanese "4月3日に開幕し、10日の閉幕まで" is one event over the whole span', () => {
    const { events } = read('春の祭りは4月3日に京都市で開幕し、10日の閉幕まで8日間にわたって開かれる。', '2026-02-01');
    expect(events.map(when)).toEqual(['2026-04-03..2026-04-10']);
    expect(events[0]!.timeZone).toBe('Asia/Tokyo');
  });
});

describe('one event, not two', () => {
  it('a tour announced for a vague period is the stay the next sentence dates ("歴訪" then "滞在")', () => {
    const { events } = read(
      '【ソウル共同】韓国大統領府は5日、大統領が今月下旬に欧州を歴訪すると発表した。'
        + '24日から2日間の日程でフランスに滞在し、25日にパリで仏大統領と会談する。',
      '2026-05-05', 'Seoul');
    expect(events.map(when).sort()).toEqual(['2026-05-24..2026-05-25', '2026-05-25']);
  });
});

describe('periods that are not events', () => {
  it('a Japanese fiscal year and a yearly rate date no event ("来年度", "年間")', () => {
    const { events } = read('気象庁は来年度、観測船を年間3回派遣する方針だ。', '2026-02-10');
    expect(events).toEqual([]);
  });
  it('"年内最後の" ranks a thing in its year and "毎年" is habitual: neither is a date', () => {
    const { events } = read('この花火大会は毎年、横浜市で開かれる年内最後の大会として知られる。', '2026-08-01');
    expect(events).toEqual([]);
  });
  it('"年内に" alone is still a period ahead', () => {
    const { events } = read('首相は年内に訪米する。', '2025-12-08');
    expect(events.map(when)).toEqual(['2025-12-08..2025-12-31']);
  });
  it('"the first … in more than three decades" counts back: no event in thirty years', () => {
    const { events } = read('The Pope is expected to visit Jakarta next month, in what would be the first papal trip '
      + 'there in more than three decades.', '2026-05-04');
    expect(events.map(when)).toEqual(['2026-06-01..2026-06-30']);
  });
  it('"in three years" with no "first" is still ahead', () => {
    const { events } = read('The new bridge over the river will open in three years.', '2026-05-04');
    expect(events.map(when)).toEqual(['2029-01-01..2029-12-31']);
  });
  it('"at their previous meeting in April" is the one before: a past notice, not next April', () => {
    const { events, notices } = read('Ministers had hoped to sign the accord at their previous meeting in April, but '
      + 'talks stalled. They will meet again on June 2 in Oslo.', '2026-05-04');
    expect(events.map(when)).toEqual(['2026-06-02']);
    expect(notices.map((n) => [n.kind, n.range?.from])).toEqual([['past', '2026-04-01']]);
  });
});

describe('past mentions are notices', () => {
  it('"今年4月に…会談している" read in December is a past notice, "来年3月に" an event', () => {
    const { events, notices } = read('一方、両外相は来年3月に東京で会談する見通しだ。両外相は今年4月にソウルで会談している。',
      '2024-12-09');
    expect(events.map(when)).toEqual(['2025-03-01..2025-03-31']);
    expect(notices.map((n) => [n.kind, n.range?.from])).toEqual([['past', '2024-04-01']]);
  });
});

describe('a clause after "что" has its own tense', () => {
  it('"сообщил, что в конце августа в Казани пройдет форум" is an event ahead, not a past notice', () => {
    const { events, notices } = read('Министр также сообщил, что в конце августа в Казани пройдет форум регионов.',
      '2024-07-02');
    expect(events.map(when)).toEqual(['2024-08-21..2024-08-31']);
    expect(notices).toEqual([]);
  });
  it('"сообщила во вторник" is still the day it was said', () => {
    const { events } = read('Об этом сообщила пресс-секретарь во вторник.', '2024-07-04');
    expect(events).toEqual([]);
  });
});

describe('Japanese times, sayings and counted days', () => {
  it('"20日午後3時半" is a start time', () => {
    const { events } = read('気象衛星を積んだロケットは20日午後3時半に種子島宇宙センターから打ち上げられる。', '2026-02-10');
    expect(events.map(when)).toEqual(['2026-02-20T15:30']);
  });
  it('"3月8日に実施すると改めて発表した": the verb of saying, not the vote, is past', () => {
    const { events, notices } = read(
      '【ジャカルタ共同】インドネシアの選挙管理委員会は5日、大統領選を3月8日に実施すると改めて発表した。', '2026-01-05');
    expect(events.map(when)).toEqual(['2026-03-08']);
    expect(notices).toEqual([]);
  });
  it('"閉幕翌日の24日" counted from a date it does not follow is still the 24th', () => {
    const { events } = read('実行委員会は5日、大会の日程を発表した。審判委員会は閉幕翌日の24日に福岡市内で会合を開く。',
      '2025-10-05');
    expect(events.map(when)).toEqual(['2025-10-24']);
  });
});

describe('weekdays named by their week, and a counted day with nothing to count from', () => {
  it('"в прошлую пятницу" is a past notice, "в следующий вторник" an event', () => {
    const { events, notices } = read('Телефонный разговор лидеров состоялся в прошлую пятницу. Переговоры министров '
      + 'пройдут в Минске в следующий вторник.', '2025-12-09');
    expect(events.map(when)).toEqual(['2025-12-16']);
    expect(notices.map((n) => [n.kind, n.date])).toEqual([['past', '2025-12-05']]);
  });
  it('"閉会翌日の12日" with no date in the sentences before it is the 12th ahead', () => {
    const { events } = read('選手団は元気に練習を続けている。評議会は閉会翌日の12日に大阪市内で会合を開く。', '2026-03-20');
    expect(events.map(when)).toEqual(['2026-04-12']);
  });
});

describe('"in the city" points back', () => {
  it('"Ministers will meet in the city" is in the city the sentence before named, not the dateline', () => {
    const { events } = read('OTTAWA (Reuters) - The trade fair will open in the port city of Halifax on June 3. '
      + 'Ministers will meet in the city on June 5, officials said.', '2026-05-02');
    expect(events.map((e) => [when(e), e.timeZone])).toEqual([
      ['2026-06-03', 'America/Halifax'], ['2026-06-05', 'America/Halifax']]);
  });
});

describe('named venues', () => {
  it('a racecourse is in its city: "at Caulfield" under a Sydney dateline is Melbourne', () => {
    const { events } = read('SYDNEY (Reuters) - The favourite will race in the Caulfield Cup at Caulfield on Saturday, '
      + 'the richest handicap in Australia.', '2026-10-05');
    expect(events.map((e) => [when(e), e.timeZone, e.place]))
      .toEqual([['2026-10-10', 'Australia/Melbourne', 'Caulfield']]);
  });
  it('a launch site is a place of its own: "from the Naro Space Center"', () => {
    const { events } = read('SEOUL, Nov. 3 (Yonhap) -- The rocket will lift off from the Naro Space Center on Dec. 5.',
      '2026-11-03');
    expect(events.map((e) => [when(e), e.timeZone, e.place]))
      .toEqual([['2026-12-05', 'Asia/Seoul', 'Naro Space Center']]);
  });
});

describe('a reserve window is no event', () => {
  it('"with backup days running through March 9" leaves the launch alone', () => {
    const { events } = read('The satellite is set to launch on March 3, with backup days running through March 9 if '
      + 'winds are strong.', '2026-02-10');
    expect(events.map(when)).toEqual(['2026-03-03']);
  });
  it('"予備日は3月4日から10日まで" leaves the launch alone', () => {
    const { events } = read('打ち上げは3月3日の予定で、予備日は3月4日から10日まで設けられている。', '2026-02-10');
    expect(events.map(when)).toEqual(['2026-03-03']);
  });
});

describe("a week's loose edges are a week's only", () => {
  it('"в середине октября" is not the meeting dated "8 октября" in the next sentence', () => {
    const { events } = read('По его словам, лидеры шести стран соберутся в Душанбе в середине октября. Кроме того, '
      + '8 октября в таджикской столице состоится заседание Совета министров.', '2025-09-15', 'ДУШАНБЕ');
    expect(events.map(when).sort()).toEqual(['2025-10-08', '2025-10-11..2025-10-20']);
  });
});

describe('a Japanese place named by its facility', () => {
  it('"鹿児島県の内之浦宇宙空間観測所から" is at Uchinoura, not the prefecture at large', () => {
    const { events } = read('観測ロケットは20日に鹿児島県の内之浦宇宙空間観測所から打ち上げられる。', '2026-02-10');
    expect(events.map((e) => [when(e), e.timeZone, e.place])).toEqual([['2026-02-20', 'Asia/Tokyo', '内之浦']]);
  });
});
