/**
 * Issue 24, fifth pass: mechanisms made general rather than fitted to a batch, each shown on sentences written
 * here (not a fixture's): towns found from data (GeoNames' towns beside city-timezones; a Russian name by its
 * Latin spelling) instead of a hand-written list.
 */
import { describe, expect, it } from 'vitest';
import { proposeEvents, type ProposedEvent } from '#core/proposals/propose.ts';
import { latinSpellings, placesByTransliteration, russianNominatives } from '#core/proposals/places-translit.ts';
import { lookupPlace, lookupTown, normalizePlaceName } from '#core/proposals/gazetteer.ts';

const when = (e: ProposedEvent) => e.date ?? e.startTime ?? (e.range && `${e.range.from}..${e.range.to}`);
const read = (text: string, publishedOn: string, dateline?: string) =>
  proposeEvents({ text, publishedOn, publisher: 'Test Wire', dateline });
const zoneAndPlace = (e: ProposedEvent) => [when(e), e.timeZone, e.place];

describe('towns the cities table lacks, from GeoNames', () => {
  it('keeps them apart: a name city-timezones knows is not one of them, and "ø" reads as "o"', () => {
    expect(lookupTown('kolding')[0]).toMatchObject({ iso2: 'DK', timeZone: 'Europe/Copenhagen' });
    expect(lookupTown(normalizePlaceName('Helsingør'))[0]).toMatchObject({ iso2: 'DK' });
    expect(lookupPlace('kolding')).toEqual([]);
    expect(lookupTown('london')).toEqual([]);
  });
  it('a town after "town of", in the country the adjective names', () => {
    const { events } = read(
      'OSLO, April 20 (NTB) -- Nordic trade ministers will meet in the Danish port town of ' + 'Kolding on May 4.',
      '2026-04-20',
    );
    expect(events.map(zoneAndPlace)).toEqual([['2026-05-04', 'Europe/Copenhagen', 'Kolding']]);
  });
  it('a large town after "in", in a story filed from elsewhere', () => {
    const { events } = read(
      'LONDON (Reuters) - British and Canadian officials will hold talks in Gatineau on June 12, ' +
        'the Foreign Office said.',
      '2026-06-01',
    );
    expect(events.map(zoneAndPlace)).toEqual([['2026-06-12', 'America/Toronto', 'Gatineau']]);
  });
  it('not a small town abroad that bears the name of a county the story is about', () => {
    const { events } = read(
      'TAMPA, Florida (Reuters) - Officials will open shelters in Hillsborough on Monday as the ' + 'storm nears.',
      '2026-09-04',
    );
    expect(events.map((e) => e.timeZone)).toEqual(['America/New_York']);
  });
  it('not where the words do not make the name a venue ("March", a person)', () => {
    const { events } = read('The council will vote in March on the plan Kolding drafted.', '2026-01-10', 'Copenhagen');
    expect(events).toHaveLength(1);
    expect(events[0]!.place).not.toMatch(/March|Kolding/);
  });
});

describe('a Russian town by its Latin spelling', () => {
  it('guesses the nominative from the case ending, the written form first', () => {
    expect(russianNominatives('Гродно')[0]).toBe('Гродно');
    expect(russianNominatives('Твери')).toContain('Тверь');
    expect(russianNominatives('Оренбурге')).toContain('Оренбург');
    expect(russianNominatives('Риге')).toContain('Рига');
  });
  it('spells it as the gazetteer does ("е" as "ye" at the start, "х" as "kh")', () => {
    expect(latinSpellings('Екатеринбург')).toContain('yekaterinburg');
    expect(latinSpellings('Хабаровск')).toContain('khabarovsk');
    expect(latinSpellings('Paris')).toEqual([]);
  });
  it('finds cities and towns, not institutions', () => {
    expect(placesByTransliteration('Оренбурге')[0]).toMatchObject({ iso2: 'RU', timeZone: 'Asia/Yekaterinburg' });
    expect(placesByTransliteration('Витебске')[0]).toMatchObject({ iso2: 'BY', timeZone: 'Europe/Minsk' });
    expect(placesByTransliteration('Тюмени')[0]).toMatchObject({ iso2: 'RU', timeZone: 'Asia/Yekaterinburg' });
    expect(placesByTransliteration('Кремле')).toEqual([]);
    expect(placesByTransliteration('Госдуме')).toEqual([]);
  });
  it("gives an event in such a town that town's zone, not the dateline's", () => {
    const forum = read(
      'МОСКВА, 2 июня. /ТАСС/. Межрегиональный форум пройдет в Оренбурге 12 июня, ' + 'сообщили организаторы.',
      '2026-06-02',
    );
    expect(forum.events.map((e) => [when(e), e.timeZone])).toEqual([['2026-06-12', 'Asia/Yekaterinburg']]);
    const talks = read('МОСКВА, 2 июня. /ТАСС/. Переговоры делегаций состоятся в Витебске 3 июля.', '2026-06-02');
    expect(talks.events.map((e) => [when(e), e.timeZone])).toEqual([['2026-07-03', 'Europe/Minsk']]);
  });
  it('not a place where a source spoke ("сообщили в …")', () => {
    const { events } = read('МОСКВА, 2 июня. /ТАСС/. Учения начнутся 10 июня, сообщили в Оренбурге.', '2026-06-02');
    expect(events.map((e) => e.timeZone)).toEqual(['Europe/Moscow']);
  });
});

describe('a country that opens its clause as the actor is the venue of what it does', () => {
  it('any verb in the third person makes it the actor ("Portugal takes over"), not only a listed few', () => {
    const { events } = read(
      'GENEVA (Reuters) - Portugal takes over the chairmanship of the council on Jan. 1, ' + 'diplomats said.',
      '2026-12-10',
    );
    expect(events.map((e) => [when(e), e.timeZone])).toEqual([['2027-01-01', 'Europe/Lisbon']]);
  });
  it('a possessive or "its" after the name is no verb', () => {
    const { events } = read("GENEVA (Reuters) - Portugal's parliament votes on the budget on Jan. 12.", '2026-12-10');
    expect(events.map((e) => e.timeZone)).toEqual(['Europe/Lisbon']);
  });
});

describe('Japanese days read in the month the story names', () => {
  it('"今月28日", "来月10日": a day of this or next month, not the month as a vague period', () => {
    const { events } = read('首相は今月28日に大阪で講演する。外相は来月10日に福岡で会見する。', '2026-06-03');
    expect(events.map(when)).toEqual(['2026-06-28', '2026-07-10']);
    expect(events.every((e) => !e.provisional)).toBe(true);
  });
  it('a day written alone after "来月10日から…" is in that month, as Japanese reads it', () => {
    const { events } = read(
      '外務省は3日、外相が来月10日から2日間の日程でインドを訪問すると発表した。' +
        '11日にニューデリーで首相と会談する。',
      '2026-06-03',
    );
    expect(events.map(when)).toEqual(['2026-07-10..2026-07-11', '2026-07-11']);
  });
  it('a vague "来月" alone does not move the days written after it', () => {
    const { events } = read('首相は来月、欧州を訪問する見通しだ。首相は28日、東京で記者会見する。', '2026-06-03');
    expect(events.map(when)).toContain('2026-06-28');
  });
});

describe('a day counted from an event the story dates elsewhere', () => {
  it('"on the second day" is a day of the span dated before it', () => {
    const { events } = read(
      'NOVOSIBIRSK, February 16. /TASS/. The forum will run from March 26 through 28, the ' +
        'government said on Monday. The minister is expected to speak at the plenary session on the second day.',
      '2026-02-16',
    );
    expect(events.map(when)).toEqual(['2026-03-26..2026-03-28', '2026-03-27']);
  });
  it('"the same day", "the following day" count from the last event dated ahead, sentences back', () => {
    const same = read(
      'SAO PAULO (Reuters) - The president will open his campaign at a rally in Sao Paulo on Aug. 16, ' +
        'his party said on Monday. His rival will open his own the same day in Manaus.',
      '2026-08-03',
    );
    expect(same.events.map((e) => [when(e), e.timeZone])).toEqual([
      ['2026-08-16', 'America/Sao_Paulo'],
      ['2026-08-16', 'America/Manaus'],
    ]);
    const next = read(
      'The ministers will hold talks in Perth on Friday. The foreign minister will not attend. ' +
        'The defence minister will tour a naval base in Perth the following day.',
      '2026-07-13',
      'Sydney',
    );
    expect(next.events.map(when)).toEqual(['2026-07-17', '2026-07-18']);
  });
  it('"three days before the vote" counts back from the vote', () => {
    const { events } = read(
      'Voters go to the polls on Oct. 26. The president will hold a final rally in Cordoba three ' +
        'days before the vote.',
      '2025-10-01',
      'Buenos Aires',
    );
    expect(events.map(when)).toEqual(['2025-10-23', '2025-10-26']);
  });
  it('Russian "накануне старта", "за три дня до голосования", not "Накануне поездки, 11 марта,"', () => {
    const eve = read(
      'ПЕТРОПАВЛОВСК-КАМЧАТСКИЙ, 2 марта. /ТАСС/. Старт лыжного марафона дадут 8 марта, сообщили ' +
        'организаторы. В гонке примут участие 300 спортсменов. Церемония открытия пройдет накануне старта.',
      '2026-03-02',
    );
    expect(eve.events.map(when)).toEqual(['2026-03-07', '2026-03-08']);
    const before = read(
      'БУЭНОС-АЙРЕС, 1 октября. /ТАСС/. Выборы губернатора пройдут 26 октября. Кандидат проведет ' +
        'митинг в Росарио за три дня до голосования.',
      '2025-10-01',
    );
    expect(before.events.map(when)).toEqual(['2025-10-23', '2025-10-26']);
    const dated = read(
      'МОСКВА, 3 марта. /ТАСС/. Министр посетит Китай 12-13 марта. Накануне поездки, 11 марта, ' +
        'министр проведет в Москве переговоры.',
      '2026-03-03',
    );
    expect(dated.events.map(when)).toEqual(['2026-03-11', '2026-03-12..2026-03-13']);
  });
});

describe('a national vote is held across its country', () => {
  it("an election dated under a city dateline is the country's, in its capital's zone", () => {
    const { events } = read(
      "LISBON (Reuters) - Portugal's president said on Monday the general election will be held " + 'on March 8.',
      '2026-01-12',
    );
    expect(events.map((e) => [when(e), e.place, e.timeZone])).toEqual([['2026-03-08', 'Portugal', 'Europe/Lisbon']]);
  });
  it('the city stays for a campaign rally, a local race, or a rally counted from the vote', () => {
    const rally = read(
      'LIMA (Reuters) - The candidate will hold a final rally in Arequipa three days before the vote. ' +
        'Peruvians go to the polls on June 7.',
      '2026-05-20',
    );
    expect(rally.events.find((e) => e.date === '2026-06-04')?.place).toBe('Arequipa');
    const mayor = read('CHICAGO (Reuters) - The mayoral election will be held in Chicago on Feb. 24.', '2026-01-12');
    expect(mayor.events.map((e) => e.place)).toEqual(['Chicago']);
  });
  it('Japanese and Russian stories name the country as they write it', () => {
    const ja = read(
      '【シドニー時事】ニュージーランドの首相は20日、首都ウェリントンで会見し、総選挙を11月7日に実施すると発表した。',
      '2026-01-20',
    );
    expect(ja.events.map((e) => [when(e), e.place, e.timeZone])).toEqual([
      ['2026-11-07', 'ニュージーランド', 'Pacific/Auckland'],
    ]);
    const ru = read(
      'МОСКВА, 5 июня. /ТАСС/. Выборы в Государственную думу пройдут 20 сентября, сообщили в ЦИК.',
      '2026-06-05',
    );
    expect(ru.events.map((e) => [e.place, e.timeZone])).toEqual([['Россия', 'Europe/Moscow']]);
  });
});

describe('Russian venues the gazetteer lacks or reaches only through other words', () => {
  it('a settlement after "в селе"/"в поселке" is the venue, in the zone of the dateline', () => {
    const { events } = read(
      'ПЕТРОПАВЛОВСК-КАМЧАТСКИЙ, 2 марта. /ТАСС/. Фестиваль откроется 8 марта в селе Мильково, ' +
        'сообщили организаторы.',
      '2026-03-02',
    );
    expect(events.map((e) => [when(e), e.place, e.timeZone])).toEqual([['2026-03-08', 'Мильково', 'Asia/Kamchatka']]);
  });
  it('"в районе Бийска": a town after "в районе" is found by its Latin spelling', () => {
    const { events } = read(
      'Новосибирск. 3 апреля. INTERFAX - Пик паводка в районе Бийска ожидается 12 апреля.',
      '2025-04-03',
    );
    expect(events.map((e) => e.timeZone)).toEqual(['Asia/Barnaul']);
  });
});

describe('an institution named for its city', () => {
  it('"в Госдуме", "at the Kremlin": the seat\'s city and zone, not the dateline\'s', () => {
    const ru = read('ВЛАДИВОСТОК, 3 июня. /ТАСС/. Министр выступит в Госдуме 10 июня с отчетом.', '2026-06-03');
    expect(ru.events.map((e) => [e.place, e.timeZone])).toEqual([['Госдуме', 'Europe/Moscow']]);
    const en = read('ASTANA (Reuters) - The two presidents will hold talks at the Kremlin on June 10.', '2026-06-03');
    expect(en.events.map((e) => e.timeZone)).toEqual(['Europe/Moscow']);
  });
  it('"最高裁第1小法廷は…開く": the court acts through its chamber, in Tokyo', () => {
    const { events } = read(
      '福岡市の会社を巡る訴訟で、最高裁第2小法廷は5日、弁論を6月2日に開くと決めた。',
      '2026-03-05',
    );
    expect(events.map((e) => [when(e), e.place, e.timeZone])).toEqual([['2026-06-02', '最高裁', 'Asia/Tokyo']]);
  });
  it('a source that spoke there is still no venue ("сообщили в Кремле")', () => {
    const { events } = read('ВЛАДИВОСТОК, 3 июня. /ТАСС/. Форум пройдет 10 июня, сообщили в Кремле.', '2026-06-03');
    expect(events.map((e) => e.timeZone)).toEqual(['Asia/Vladivostok']);
  });
});

describe('past mentions of a period before this one are past notices', () => {
  it('"last year", "в прошлом году", "昨年の", "去年の" give a past notice and no event', () => {
    const en = read("The fair opens on June 3. Last year's fair drew 40,000 visitors.", '2026-05-01', 'Berlin');
    expect(en.notices.map((n) => [n.kind, n.range?.from])).toEqual([['past', '2025-01-01']]);
    expect(en.events.map(when)).toEqual(['2026-06-03']);
    const ru = read(
      'Фестиваль пройдет 3 июня в Казани. В прошлом году фестиваль посетили 40 тыс. человек.',
      '2026-05-01',
    );
    expect(ru.notices.map((n) => n.kind)).toEqual(['past']);
    const ja = read('祭りは6月3日に京都で開かれる。去年の祭りには4万人が訪れた。', '2026-05-01');
    expect(ja.notices.map((n) => n.kind)).toEqual(['past']);
    expect(ja.events.map(when)).toEqual(['2026-06-03']);
  });
  it('a Japanese month with its year before "、" or "だった" is read ("2019年4月、…命じていた")', () => {
    const { notices } = read('地裁は2019年4月、会社に支払いを命じていた。高裁は7月2日に判決を言い渡す。', '2026-05-01');
    expect(notices.map((n) => [n.kind, n.range?.from])).toEqual([['past', '2019-04-01']]);
  });
  it('a newspaper\'s dateline with its correspondent ("【カイロ＝山田太郎】") dates and places the story', () => {
    const { story, events } = read('【カイロ＝山田太郎】観光省は11日、来月3日に祭りを開くと発表した。', '2026-05-12');
    expect(story.dateline?.city).toBe('カイロ');
    expect(events.map((e) => e.timeZone)).toEqual(['Africa/Cairo']);
  });
});

describe('a move in space is no move in time', () => {
  it('"was moved to the launch pad on Monday" is past, no postponement; "moved to Nov. 28" still is one', () => {
    const pad = read(
      'BEIJING (Xinhua) -- The rocket was moved to the launch pad on Monday. The launch is set for ' + 'Sunday.',
      '2026-08-18',
    );
    expect(pad.events.map(when)).toEqual(['2026-08-23']);
    expect(pad.notices.map((n) => [n.kind, n.date])).toEqual([['past', '2026-08-17']]);
    const moved = read('The summit, first set for Nov. 12, was moved to Nov. 28.', '2026-10-01', 'Minsk');
    expect(moved.events.map(when)).toEqual(['2026-11-28']);
    expect(moved.notices.map((n) => n.kind)).toEqual(['postponed']);
  });
});

describe('a venue reached through the words before it', () => {
  it('"там же" after a sentence naming no place is where that sentence\'s event was placed', () => {
    const { events } = read(
      'МОСКВА, 15 дек — РИА Новости. Турнир пройдет в Казани с 16 по 18 января. Финал состоится ' +
        '18 января на арене «Ак Барс». Накануне, 17 января, там же пройдет конкурс.',
      '2025-12-15',
    );
    expect(events.find((e) => e.date === '2026-01-17')?.place).toBe('Казань') // the nominative since the ninth pass;
  });
  it('an opening city whose verb follows an apposition is the actor ("Vladivostok, a Pacific port, will host")', () => {
    const { events } = read(
      'MOSCOW, Feb. 2. /TASS/. Vladivostok, a Pacific port, will host the games in late ' + 'August.',
      '2026-02-02',
    );
    expect(events.map((e) => [e.place, e.timeZone])).toEqual([['Vladivostok', 'Asia/Vladivostok']]);
  });
});

describe('Japan\'s regions', () => {
  it('"東北地方に", "四国南部で": the region and the part of it named, not a city named elsewhere in the story', () => {
    const { events } = read('気象庁によりますと、前線は大阪の北を東へ進んでいます。あす3日には東北地方に近づき、'
      + '4日は四国南部で大雨となるおそれがあります。', '2026-07-02');
    expect(events.map((e) => [when(e), e.place])).toEqual([['2026-07-03', '東北地方'], ['2026-07-04', '四国南部']]);
  });
  it('"中国" alone is China; "中国地方" is the region of Japan', () => {
    const { events } = read('首相は5日に中国地方で視察する。', '2026-07-02');
    expect(events.map((e) => [e.place, e.timeZone])).toEqual([['中国地方', 'Asia/Tokyo']]);
  });
});

describe('a period a figure is forecast for is no event', () => {
  it('"в этом году составит 5 млн рублей", "by the end of the year inflation will fall to 4%"', () => {
    const ru = read('Фестиваль пройдет 3 июня в Казани. Призовой фонд в этом году составит 5 млн рублей.',
      '2026-05-01');
    expect(ru.events.map(when)).toEqual(['2026-06-03']);
    const en = read('The central bank meets on June 3. Economists expect inflation to fall to 4% by the end of the '
      + 'year.',
      '2026-05-01', 'London');
    expect(en.events.map(when)).toEqual(['2026-06-03']);
  });
  it('a dated event with a figure in its clause stays ("a summit … on a $5 billion fund later this month")', () => {
    const { events } = read('Leaders will hold a summit on a $5 billion fund later this month.', '2026-05-01',
      'London');
    expect(events).toHaveLength(1);
  });
});

describe('a Japanese negation of something done at an event, not of the event', () => {
  it('"…で10、11両日に開かれる会議に代表を送らない": the meeting stands, and the refusal is a notice', () => {
    const { events, notices } = read('【北京共同】中国外務省は3日、ジュネーブで10、11両日に開かれる国際会議に代表団を派遣しないと発表した。',
      '2026-06-03');
    expect(events.map((e) => [when(e), e.timeZone])).toEqual([['2026-06-10..2026-06-11', 'Europe/Zurich']]);
    expect(notices.map((n) => n.kind)).toEqual(['negated']);
  });
  it('a negated meeting itself is no event ("会談を10日に開く予定はない")', () => {
    const { events } = read('両首脳が10日に東京で会談する予定はない。', '2026-06-03');
    expect(events).toEqual([]);
  });
});

describe('a venue placed by the landmark beside it', () => {
  it('"at Yaraka, west of Rockhampton": an unknown venue takes the landmark\'s zone, not the dateline\'s', () => {
    const { events } = read('SYDNEY (Reuters) - The minister will open a solar farm at Yaraka, west of Rockhampton, '
      + 'on Friday.', '2026-07-13');
    expect(events.map((e) => [e.place, e.timeZone])).toEqual([['Yaraka', 'Australia/Brisbane']]);
  });
});
