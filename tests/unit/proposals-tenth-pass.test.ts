/**
 * Issue 24, tenth pass: general mechanisms the held-out batches n and o showed missing, each on sentences written
 * here (not a fixture's).
 */
import { describe, expect, it } from 'vitest';
import { proposeEvents } from '#core/proposals/propose.ts';

const read = (text: string, publishedOn: string, dateline?: string) =>
  proposeEvents({ text, publishedOn, publisher: 'Test Wire', ...(dateline ? { dateline } : {}) });
const whens = (r: ReturnType<typeof read>) => r.events.map((e) => e.date ?? e.startTime ?? e.range);

describe('a Japanese day written alone is the story\'s month, unless its month was named just before', () => {
  it('"…は12月5日に開かれる。…8日から始まり" : the lone 8日 in the next sentence is this month\'s', () => {
    const r = read('【札幌共同】雪まつりの表彰式は12月5日に市役所で開かれる。各部門の審査は8日の彫刻部門から始まる。',
      '2025-10-02');
    expect(whens(r)).toEqual(['2025-10-08', '2025-12-05']);
  });
  it('"7月3日公示・20日投票": in the same sentence the lone day keeps the month before it', () => {
    const r = read('政府は、知事選を「7月3日告示・20日投票」の日程で行う方針です。', '2025-06-10');
    expect(whens(r)).toEqual(['2025-07-03', '2025-07-20']);
  });
  it('"来月19日から…。20日に…": a month named as "来月" still reaches the next sentence', () => {
    const r = read('首相は来月19日から欧州を訪問する。20日にはパリで大統領と会談する。', '2025-03-02');
    expect(whens(r)).toEqual(['2025-04-19', '2025-04-20']);
  });
});

describe('a Japanese span whose end names the next month or year', () => {
  it('"今月26日から来年1月4日まで" runs into the next year', () => {
    const r = read('年末年始の特別ダイヤは今月26日から来年1月4日まで実施される。', '2025-12-10');
    expect(whens(r)).toEqual([expect.objectContaining({ from: '2025-12-26', to: '2026-01-04' })]);
  });
  it('"20日から来月8日まで" runs into the next month', () => {
    const r = read('申請の受け付けは20日から来月8日まで行われる。', '2025-09-10');
    expect(whens(r)).toEqual([expect.objectContaining({ from: '2025-09-20', to: '2025-10-08' })]);
  });
});

describe('a weekday a date falls on is no date of its own', () => {
  it('"23 февраля выпадет на понедельник": one event, the holiday', () => {
    const r = read('День защитника Отечества, 23 февраля, в следующем году выпадет на понедельник.', '2025-09-01');
    expect(whens(r)).toEqual(['2026-02-23']);
  });
  it('"Christmas Day falls on a Thursday this year" names no Thursday', () => {
    const r = read('OSLO (Wire) - The market will open on Dec. 1, and Christmas Day falls on a Thursday this year.',
      '2025-11-03');
    expect(whens(r)).toEqual(['2025-12-01']);
  });
  it('"выпадет на пятницу, 12 июня" keeps the date after the weekday', () => {
    const r = read('Праздник выпадет на пятницу, 12 июня.', '2026-05-01');
    expect(whens(r)).toEqual(['2026-06-12']);
  });
});

describe('notices with no day: what will not be, and earlier editions', () => {
  const kinds = (r: ReturnType<typeof read>) => r.notices.map((n) => n.kind);
  it('"are not expected to sign a treaty" and "will not be invited" are negated notices', () => {
    const r = read('OSLO (Wire) - The two prime ministers will meet in Bergen on March 3. They are not expected to '
      + 'sign a treaty, officials said. The opposition leader will not be invited to the dinner.', '2025-02-20');
    expect(whens(r)).toEqual(['2025-03-03']);
    expect(kinds(r)).toEqual(['negated', 'negated']);
  });
  it('"Officials said no fireworks would be launched this year": a negated notice, not an event this year', () => {
    const r = read('LISBON (Wire) - The harbour festival opens on June 2. Officials said no fireworks would be '
      + 'launched this year.', '2025-05-10');
    expect(whens(r)).toEqual(['2025-06-02']);
    expect(kinds(r)).toEqual(['negated']);
  });
  it('"The 2023 edition went ahead without spectators" is a past notice', () => {
    const r = read('LISBON (Wire) - The harbour festival opens on June 2. The 2023 edition went ahead without '
      + 'spectators.', '2025-05-10');
    expect(kinds(r)).toEqual(['past']);
  });
  it('Japanese: "前回の…大会は", "前回、…", "…年の…以来" are past; "…は行わない考え", "…は投票できない" negated', () => {
    const kindsOf = (text: string) => kinds(read(text, '2025-06-01'));
    expect(kindsOf('大会は20日に開幕する。前回の名古屋大会は雨のため短縮された。')).toEqual(['past']);
    expect(kindsOf('選挙は20日に行われる。前回、4年前の選挙の投票率は48％だった。')).toEqual(['past']);
    expect(kindsOf('新線は20日に開業する。値下げは2001年の会社設立以来初めてだ。')).toEqual(['past']);
    expect(kindsOf('選挙は20日に行われる。首相は国会の解散は行わない考えだ。')).toEqual(['negated']);
    expect(kindsOf('選挙は20日に行われる。元市長は拘束中で、本人は投票できない。')).toEqual(['negated']);
  });
  it('Russian: "проводиться не будут", "Продлевать … не будут", "не предусмотрены" negated; "Впервые … прошел" past',
    () => {
      const kindsOf = (text: string) => kinds(read(text, '2025-06-01'));
      expect(kindsOf('Ярмарка пройдет 20 июня. Концерты на площади проводиться не будут.')).toEqual(['negated']);
      expect(kindsOf('Ярмарка пройдет 20 июня. Продлевать работу трамваев в эту ночь не будут.')).toEqual(['negated']);
      expect(kindsOf('Ярмарка пройдет 20 июня. Бесплатные автобусы в этом году не предусмотрены.'))
        .toEqual(['negated']);
      expect(kindsOf('Ярмарка пройдет 20 июня. Впервые ярмарка прошла в 1812 году.')).toEqual(['past']);
    });
});

describe('a span given as a length', () => {
  it('"over ten days starting July 23" is a span of ten days', () => {
    const r = read('AMMAN (Wire) - The book fair will be held in Aqaba over ten days starting July 23.', '2025-05-05');
    expect(whens(r)).toEqual([expect.objectContaining({ from: '2025-07-23', to: '2025-08-01' })]);
  });
  it('"стартует 3 июня от собора в Вологде и продлится пять дней": a place between the day and its length', () => {
    const r = read('Фестиваль стартует 3 июня от Софийского собора в Вологде и продлится пять дней.', '2025-05-20');
    expect(whens(r)).toEqual([expect.objectContaining({ from: '2025-06-03', to: '2025-06-07' })]);
  });
});

describe('namesakes in one country: the larger', () => {
  it('"в Кирове" is the regional capital (Europe/Kirov), not the small Kirov of Kaluga region', () => {
    const r = read('Форум пройдет 12 июня в Кирове.', '2025-05-20');
    expect(r.events.map((e) => e.timeZone)).toEqual(['Europe/Kirov']);
  });
});

describe('a dateline the gazetteer lacks, in a country of many zones', () => {
  it('"【ベセル共同】米アラスカ州西部の…" is read in Alaska\'s zone, not the country\'s first', () => {
    const r = read('【ベセル共同】米アラスカ州西部の村で15日、伝統の犬ぞり大会が開かれる。', '2026-03-02');
    expect(r.events.map((e) => e.timeZone)).toEqual(['America/Anchorage']);
  });
  it('two zones in the first sentence leave the country\'s', () => {
    const r = read('【ベセル共同】米アラスカ州とテキサス州の団体が15日、共同で記者会見を開く。', '2026-03-02');
    expect(r.events.map((e) => e.timeZone)).not.toEqual(['America/Anchorage']);
  });
});

describe('Russian venues: a facility named by its city\'s adjective; where things are moved to', () => {
  it('"Томский аэропорт будет закрыт …, рейсы перенесут в Новосибирск" is in Tomsk', () => {
    const r = read('Томский аэропорт будет закрыт с 3 по 9 июля, рейсы перенесут в Новосибирск.', '2026-05-14');
    expect(r.events.map((e) => [e.place, e.timeZone])).toEqual([['Томск', 'Asia/Tomsk']]);
  });
  it('"Омская область" stays a region, and "Русский музей" names no town', () => {
    const r = read('Выставка откроется 3 июля в Русском музее.', '2026-05-14', 'Санкт-Петербург');
    expect(r.events.map((e) => e.timeZone)).toEqual(['Europe/Moscow']);
  });
});

describe('a span told as "a two-day …" whose day chrono reads with its "on"', () => {
  it('"a three-day meeting that opens in the Omani capital on Sunday" is a span from Sunday', () => {
    const r = read('MUSCAT (Wire) - Ministers will attend the Gulf Dialogue, a three-day meeting of experts that opens '
      + 'in the Omani capital on Sunday, officials said on Wednesday.', '2025-12-03');
    expect(whens(r)).toEqual([expect.objectContaining({ from: '2025-12-07', to: '2025-12-09' })]);
  });
  it('"on the forum\'s second day" is a day of that span', () => {
    const r = read('MUSCAT (Wire) - The Gulf Dialogue will run from Dec. 7 to Dec. 9. The minister will speak on the '
      + 'forum\'s second day.', '2025-12-03');
    expect(whens(r)).toContainEqual('2025-12-08');
  });
});

describe('a national vote announced abroad', () => {
  it('"【シンガポール共同】マレーシアの首相は…総選挙を…実施すると発表した" is held in Malaysia, not where it was filed',
    () => {
      const r = read('【シンガポール共同】マレーシアのアンワル首相は3日、次期総選挙を9月12日に実施すると発表した。',
        '2026-02-03');
      expect(r.events.map((e) => [e.date, e.place])).toEqual([['2026-09-12', 'マレーシア']]);
  });
  it('"SYDNEY (Wire) - Fiji\'s prime minister said the general election will be held on Sept. 12" too', () => {
    const r = read('SYDNEY (Wire) - Fiji\'s prime minister said on Tuesday the general election will be held on '
      + 'Sept. 12.', '2026-02-03');
    expect(r.events.map((e) => [e.date, e.timeZone])).toEqual([['2026-09-12', 'Pacific/Fiji']]);
  });
});

describe('an event named for a city, held in another country', () => {
  it('"札幌冬季五輪の聖火採火式が…中国北部の古都大同で行われる" is in China, not Sapporo', () => {
    const r = read('札幌冬季五輪の聖火採火式が12日、中国北部の古都大同で行われる。', '2026-01-05');
    expect(r.events.map((e) => e.timeZone)).toEqual(['Asia/Shanghai']);
  });
  it('"東京マラソンが…で行われる" with no other country stays in Tokyo', () => {
    const r = read('東京マラソンが3月1日に行われる。', '2026-01-05');
    expect(r.events.map((e) => [e.place, e.timeZone])).toEqual([['東京', 'Asia/Tokyo']]);
  });
});

describe('a Japanese length counted from an event is no days of the month', () => {
  it('"ゴールは8～10日後になる見通し" proposes no 8th–10th', () => {
    const r = read('大会は20日に開幕する。ゴールは8～10日後になる見通し。', '2026-03-02');
    expect(whens(r)).toEqual(['2026-03-20']);
  });
  it('"15～16日に開かれる" is still a span', () => {
    const r = read('会合は15～16日に開かれる。', '2026-03-02');
    expect(whens(r)).toEqual([expect.objectContaining({ from: '2026-03-15', to: '2026-03-16' })]);
  });
});
