/**
 * Issue 24, seventh pass: general mechanisms for text the reader has not seen, each shown on sentences written here
 * (not a fixture's): an end given in the next sentence only when that sentence tells of the event going on, "the
 * same region" read as the place the sentence's own words point back to, and foreign places written in katakana
 * found in the gazetteer by their sound.
 */
import { describe, expect, it } from 'vitest';
import { kanaKey, latinKeys, venuesBySound } from '#core/proposals/places-kana.ts';
import { proposeEvents, type ProposedEvent } from '#core/proposals/propose.ts';

const when = (e: ProposedEvent) => e.startTime ?? e.date ?? (e.range && `${e.range.from}..${e.range.to}`);
const read = (text: string, publishedOn: string) => proposeEvents({ text, publishedOn, publisher: 'Test Wire' });
const whens = (text: string, publishedOn: string) => read(text, publishedOn).events.map(when);

describe('an end given alone in the next sentence', () => {
  it('closes the span when that sentence tells of the event going on ("will compete … until")', () => {
    const text = 'The regional games will open in Accra on May 4. '
      + 'Some 900 athletes will compete in three towns until May 9.';
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

const zoneAndPlace = (e: ProposedEvent) => [when(e), e.timeZone, e.place];

describe('a foreign place in katakana that no table names, found by its sound', () => {
  it('the key of a katakana name and of a Latin one meet ("ルクソール" and Luxor, "ポートモレスビー" and Port Moresby)', () => {
    expect(kanaKey('ルクソール')).toBe('rksr');
    expect(latinKeys('Luxor')).toContain('rksr');
    expect(latinKeys('Port Moresby')).toContain(kanaKey('ポートモレスビー'));
    expect(latinKeys('Stuttgart')).toContain(kanaKey('シュツットガルト'));
  });
  it('a venue written alone in katakana takes the zone of the place it sounds like', () => {
    const text = '【カイロ共同】エジプト観光省は2日、国際天文フェスティバルを来月20日にルクソールで開くと発表した。';
    expect(read(text, '2026-05-20').events.map(zoneAndPlace)).toEqual([['2026-06-20', 'Africa/Cairo', 'ルクソール']]);
  });
  it('the nearest spelling wins over a larger namesake of the same consonants ("ウェリントン" is not Arlington)', () => {
    expect(venuesBySound('ウェリントン', new Set(['NZ']))[0]).toMatchObject({ name: 'Wellington', iso2: 'NZ' });
    expect(venuesBySound('アーリントン', new Set(['US']))[0]).toMatchObject({ name: 'Arlington', iso2: 'US' });
  });
  it('a small town is too often a common word\'s namesake to be read by sound, even in a named country', () => {
    expect(venuesBySound('タイガース', new Set(['JP']))).toEqual([]);
    const text = '【ワシントン共同】米国の選手団は20日、テニスで初戦に臨む。';
    expect(read(text, '2026-05-02').events.map((e) => e.place)).not.toContain('テニス');
  });
  it('a short name is read only in a country the story names; a common loanword is no place', () => {
    expect(venuesBySound('カザン', new Set())).toEqual([]);
    expect(venuesBySound('カザン', new Set(['RU']))[0]).toMatchObject({ iso2: 'RU', timeZone: 'Europe/Moscow' });
    const text = '【東京共同】政府は2日、国際会議を来月20日にオンラインで開くと発表した。';
    expect(read(text, '2026-05-20').events.map((e) => e.place)).not.toContain('オンライン');
  });
  it('a dateline in katakana that no table names ("【ルクソール共同】") is found by its sound', () => {
    expect(read('【ルクソール共同】式典は2月5日に開かれる。', '2026-01-02').events.map((e) => [e.timeZone, e.zoneFrom]))
      .toEqual([['Africa/Cairo', 'dateline']]);
  });
  it('"に" alone after a katakana name is a person\'s, not a venue ("ゼレンスキーに書簡を送る"); "に到着" is one', () => {
    expect(read('【モスクワ共同】大統領は20日、ゼレンスキーに書簡を送る。', '2026-05-02').events.map((e) => e.place))
      .toEqual(['モスクワ']);
    expect(read('【カイロ共同】首相は20日、ルクソールに到着する。', '2026-05-02').events.map((e) => e.place))
      .toEqual(['ルクソール']);
  });
  it('"米…ヘンダーソンで": a town after its country, in that country\'s zone for it (not the capital\'s)', () => {
    const text = '【ワシントン共同】米政府は2日、来年3月14日に米西部ヘンダーソンで会議を開くと表明した。';
    expect(read(text, '2026-05-20').events.map(zoneAndPlace))
      .toEqual([['2027-03-14', 'America/Los_Angeles', 'ヘンダーソン']]);
  });
});

describe('Russian towns in the cases and forms a sentence puts them in', () => {
  it('a two-letter stem ("в Охе" → Оха), a hyphenated name declined part by part, "под" as a cue', () => {
    expect(read('Марафон стартует в Охе 3 июня.', '2026-05-02').events.map(zoneAndPlace))
      .toEqual([['2026-06-03', 'Asia/Sakhalin', 'Охе']]);
    expect(read('Церемония пройдет в Петропавловске-Камчатском 20 мая.', '2026-05-02').events.map(zoneAndPlace))
      .toEqual([['2026-05-20', 'Asia/Kamchatka', 'Петропавловске-Камчатском']]);
    expect(read('Учения пройдут на полигоне под Оренбургом 20 мая.', '2026-05-02').events.map(zoneAndPlace))
      .toEqual([['2026-05-20', 'Asia/Yekaterinburg', 'Оренбург']]); // the nominative since the ninth pass
  });
  it('"в Иркутской области в поселке Листвянка": the settlement after its region is the venue, in its zone', () => {
    expect(read('Фестиваль пройдет в Иркутской области в поселке Листвянка 7 марта.', '2026-02-02').events
      .map(zoneAndPlace)).toEqual([['2026-03-07', 'Asia/Irkutsk', 'Листвянка']]);
  });
  it('a smaller Russian town counts in a Russian story that names no country ("в Ханты-Мансийске")', () => {
    expect(read('Игры пройдут в Ханты-Мансийске с 25 по 29 марта.', '2026-02-02').events.map(zoneAndPlace))
      .toEqual([['2026-03-25..2026-03-29', 'Asia/Yekaterinburg', 'Ханты-Мансийске']]);
  });
});

describe('Russian: a time right after its day', () => {
  it('"12 мая в 20:00 мск", "9 мая в 10:00 по местному времени" give the day its time', () => {
    expect(whens('Матч пройдет в Сочи 12 мая в 20:00 мск.', '2026-05-02')).toEqual(['2026-05-12T20:00']);
    expect(whens('Церемония начнется 9 мая в 10:00 по местному времени в Хабаровске.', '2026-05-02'))
      .toEqual(['2026-05-09T10:00']);
  });
});

describe('Japanese decisions and relative clauses (found on batch q, after its first run)', () => {
  it('"8日の閣議で…6月3日に実施することを決めた": the decision is past, the vote it decides is ahead', () => {
    const text = '【ソウル共同】韓国政府は8日の閣議で、大統領選を6月3日に実施することを決めた。';
    expect(whens(text, '2025-04-08')).toEqual(['2025-06-03']);
    expect(read(text, '2025-04-08').notices).toEqual([]);
  });
  it('"今週土曜日の25日" is that day, not the week; a bare "30日" two sentences after "4月22日" is this month\'s', () => {
    expect(whens('隅田川花火大会が、今週土曜日の25日に開かれます。', '2026-07-21')).toEqual(['2026-07-25']);
    const text = '総選挙は5月3日に実施される。期日前投票は4月22日から始まる。与党は政権維持を目指す。'
      + '首相は30日にパースを訪れ、集会を開く予定。';
    expect(whens(text, '2025-03-28')).toContain('2025-03-30');
  });
  it('"4日に罷免を決定したことを受けた" is past; "来月1日に行われる東京マラソン…が発表されました" is ahead', () => {
    expect(read('憲法裁判所が4日に罷免を決定したことを受けたもので、投票日は公休日となる。', '2025-04-08').notices
      .map((n) => n.kind)).toEqual(['past']);
    expect(whens('来月1日に行われる東京マラソンの主な出場選手が17日、発表されました。', '2026-02-17'))
      .toEqual(['2026-03-01']);
  });
});

describe('Russian datelines, countries and relative clauses (found on batch q, after its first run)', () => {
  it('"Томск. 14 апреля. INTERFAX-SIBERIA": a regional Interfax dateline, its city by its Latin spelling', () => {
    const text = 'Томск. 14 апреля. INTERFAX-SIBERIA - Учения спасателей перенесены на 24 апреля, сообщили в МЧС.';
    expect(read(text, '2026-04-14').events.map((e) => [e.timeZone, e.zoneFrom])).toEqual([['Asia/Tomsk', 'dateline']]);
  });
  it('"в Боливии": a country the table has no Russian name for ("-ия" is "-ia")', () => {
    expect(read('Всеобщие выборы в Боливии пройдут 17 августа.', '2025-08-11').events.map((e) => e.timeZone))
      .toEqual(['America/La_Paz']);
  });
  it('"28 марта стартует Праздник Севера, который продлится до 6 апреля" is one span', () => {
    expect(whens('В Мурманске 28 марта стартует Праздник Севера, который продлится до 6 апреля.', '2025-03-17'))
      .toEqual(['2025-03-28..2025-04-06']);
  });
});

describe('more of batch q\'s misses, after its first run', () => {
  it('"мониторингу окружающей среды" is the environment, not a Wednesday', () => {
    const text = 'Ледоход ожидается 22-24 апреля, сообщили в центре по гидрометеорологии '
      + 'и мониторингу окружающей среды.';
    expect(read(text, '2026-04-14').notices).toEqual([]);
  });
  it('"首相は開幕日に基調演説を行う": the first day of the span dated before it', () => {
    expect(whens('会議が20日から3日間、横浜市で開かれる。首相は開幕日に基調演説を行う。', '2025-08-08'))
      .toEqual(['2025-08-20..2025-08-22', '2025-08-20']);
  });
  it('"7日に記者会見し、辞任する意向を表明していた" is past; "来月8日から5日間の日程で開かれる総会" is ahead', () => {
    expect(read('首相は7日に記者会見し、辞任する意向を表明していた。', '2025-09-09').notices.map((n) => n.kind))
      .toEqual(['past']);
    expect(whens('来月8日から5日間の日程で開かれる総会について、国務省は代表団を派遣しない方針を明らかにした。', '2025-11-21'))
      .toEqual(['2025-12-08..2025-12-12']);
  });
});

describe('Japanese dates: the same moment on Japan\'s clock, and "同月"', () => {
  it('"（日本時間15日午前8時）" beside a local time is no second event', () => {
    expect(whens('試合は現地時間14日午後7時（日本時間15日午前8時）に始まる。', '2026-05-02'))
      .toEqual(['2026-05-14T19:00']);
  });
  it('"13日夜から14日にかけて", "あす12日から13日の朝にかけて": one span, a time of day on either day, "あす" not twice', () => {
    expect(whens('台風は13日夜から14日にかけて沖縄地方に接近する見込み。', '2026-05-02'))
      .toEqual(['2026-05-13..2026-05-14']);
    expect(whens('沖縄本島地方はあす12日から13日の朝にかけて暴風域に入るおそれがあります。', '2025-10-11'))
      .toEqual(['2025-10-12..2025-10-13']);
  });
  it('"7月10日に開幕し、同月25日まで" is one span', () => {
    expect(whens('大会は7月10日に開幕し、同月25日まで熱戦が繰り広げられる。', '2026-05-02'))
      .toEqual(['2026-07-10..2026-07-25']);
  });
});

describe('an absence told with no day is a negated notice', () => {
  const kinds = (text: string) => read(text, '2026-05-02').notices.map((n) => n.kind);
  it('English, Russian and Japanese', () => {
    const en = 'The summit will open in Oslo on June 3. The prime minister will not travel to Oslo, officials said.';
    expect(kinds(en)).toEqual(['negated']);
    expect(read(en, '2026-05-02').events).toHaveLength(1);
    expect(kinds('Саммит откроется в Казани 3 июня. Президент в саммите участвовать не будет.')).toEqual(['negated']);
    expect(kinds('首脳会議は6月3日に大阪で開かれる。大統領は会議に出席しない。')).toEqual(['negated']);
  });
  it('but not a sentence that gives an event, nor one that only says "not"', () => {
    expect(kinds('The summit will open in Oslo on June 3. The weather will not be a problem, officials said.'))
      .toEqual([]);
  });
});

describe('an event of a kind placed before', () => {
  it('"A second launch is planned for March" is held where the launch before it is, not at the dateline', () => {
    const text = 'NEW DELHI (PTI) The ISRO will launch the satellite from Sriharikota on Jan. 12. '
      + 'A second launch is planned for March.';
    expect(read(text, '2026-01-02').events.map((e) => e.place)).toEqual(['Sriharikota', 'Sriharikota']);
  });
  it('but not a visit: too common a word to say it is the same one', () => {
    const text = 'MOSCOW (TASS) - The minister will visit Kazan on May 3. '
      + 'Officials said another visit is planned for June.';
    expect(read(text, '2026-04-02').events.map((e) => e.place)).toEqual(['Kazan', 'Moscow']);
  });
});

describe('a day of the span before it, and a court named for its city', () => {
  it('Russian "в последний день соревнований", "во второй день форума"', () => {
    const text = 'Этап пройдет в Тюмени с 26 по 29 марта. '
      + 'Церемония закрытия состоится в последний день соревнований.';
    expect(whens(text, '2026-03-16')).toEqual(['2026-03-26..2026-03-29', '2026-03-29']);
    expect(whens('Форум пройдет в Казани с 5 по 8 июля. Во второй день форума выступит министр.', '2026-06-16'))
      .toEqual(['2026-07-05..2026-07-08', '2026-07-06']);
  });
  it('"the Osaka District Court" is in Osaka, not a region named "Osaka District" nor the Tokyo dateline', () => {
    expect(read('TOKYO (Kyodo) -- The Osaka District Court will rule on March 18 on the lawsuit.', '2026-02-09')
      .events.map((e) => e.place)).toEqual(['Osaka']);
  });
});

describe('English venues (found on batch q, after its first run)', () => {
  it('"according to the Kremlin" is a source, not the venue', () => {
    const text = 'VLADIVOSTOK, August 27. /TASS/. The forum will be held on Russky Island from September 3 to 6. '
      + "Putin will address the forum's plenary session on September 5, according to the Kremlin.";
    expect(read(text, '2024-08-27').events.map((e) => e.timeZone)).toEqual(['Asia/Vladivostok', 'Asia/Vladivostok']);
  });
  it('"in Kananaskis, a mountain resort in the province of Alberta": the region\'s zone, not the country\'s', () => {
    const text = 'TOKYO (Kyodo) -- Ishiba will travel to Canada to attend the summit in Kananaskis, a mountain resort '
      + 'in the province of Alberta, from June 15 to 17.';
    expect(read(text, '2025-06-10').events.map((e) => e.timeZone)).toEqual(['America/Edmonton']);
  });
  it('"Colombians will elect a new Congress" is a national vote; "President-elect" is not', () => {
    const text = 'BOGOTA (Reuters) - Colombians will elect a new Congress on March 8, the registrar said.';
    expect(read(text, '2026-01-15').events.map((e) => e.place)).toEqual(['Colombia']);
  });
});

describe('English months and lengths', () => {
  it('"next July" is the coming July, "this September" this year\'s, and "this may be" no month', () => {
    expect(whens('Turkiye will host the NATO summit in Ankara next July.', '2026-11-02'))
      .toEqual(['2027-07-01..2027-07-31']);
    expect(whens('The forum will be held in Kazan this September.', '2026-05-02')).toEqual(['2026-09-01..2026-09-30']);
    expect(whens('The forum will be held in Kazan. This may be the last one.', '2026-05-02')).toEqual([]);
  });
  it('"after a week-long closure" is no date a week on', () => {
    expect(whens('PARIS (AFP) - The Louvre will reopen on Friday after a week-long closure.', '2026-11-02'))
      .toEqual(['2026-11-06']);
  });
});

describe('English tense', () => {
  it('"no earlier than May 20" is a day ahead, not a past mention', () => {
    const { events, notices } = read('The launch is planned for no earlier than May 20 from Cape Canaveral.',
      '2026-05-02');
    expect(events.map(when)).toEqual(['2026-05-20']);
    expect(notices).toEqual([]);
  });
});

describe('Japanese venues: within a city, after a middle dot, "都内"', () => {
  it('"横浜市内で" is Yokohama (not the London dateline), "スイス・ジュネーブで" Geneva, "都内のホテルで" Tokyo', () => {
    expect(read('【ロンドン共同】首脳会議は20日、横浜市内で開かれる。', '2026-05-02').events.map(zoneAndPlace))
      .toEqual([['2026-05-20', 'Asia/Tokyo', '横浜市']]);
    expect(read('【パリ共同】年次総会が19日、スイス・ジュネーブで開幕する。', '2026-05-02').events.map(zoneAndPlace))
      .toEqual([['2026-05-19', 'Europe/Zurich', 'ジュネーブ']]);
    expect(read('【ソウル共同】式典は20日、都内のホテルで開かれる。', '2026-05-02').events.map(zoneAndPlace))
      .toEqual([['2026-05-20', 'Asia/Tokyo', '都内']]);
  });
});

describe('the venue "で" names beats the actor "は" names', () => {
  it('"日本は来年6月14日、ロサンゼルスで初戦に臨む" is in Los Angeles, not Japan', () => {
    const text = '【ワシントン時事】日本は来年6月14日、ロサンゼルスでオランダとの初戦に臨む。';
    expect(read(text, '2025-12-06').events.map(zoneAndPlace))
      .toEqual([['2026-06-14', 'America/Los_Angeles', 'ロサンゼルス']]);
  });
  it('"米テキサス州ダラス近郊のアーリントンで": a town near a city, by its sound', () => {
    const text = '【ワシントン時事】日本は来年6月14日、米テキサス州ダラス近郊のアーリントンで初戦に臨む。';
    expect(read(text, '2025-12-06').events.map((e) => e.timeZone)).toEqual(['America/Chicago']);
  });
});

describe('a katakana place within the country written just before it', () => {
  it('"オーストラリア北部ダーウィン", "ブラジル北部ベレン": a short name is read in that country (final m as ン)', () => {
    const darwin = '【シドニー共同】式典は3日、オーストラリア北部ダーウィンで行われる。';
    expect(read(darwin, '2026-05-02').events.map(zoneAndPlace))
      .toEqual([['2026-05-03', 'Australia/Darwin', 'ダーウィン']]);
    expect(read('首脳会議はブラジル北部ベレンで11月10日から開かれる。', '2026-05-02').events.map((e) => e.timeZone))
      .toEqual(['America/Belem']);
  });
  it('a past verb with its object before a noun only describes it ("代表を集めた国際会議を…開く" is ahead)', () => {
    const { events, notices } = read('6月には参加国の代表を集めた国際会議を横浜市内で開く。', '2026-03-19');
    expect(events.map(when)).toEqual(['2026-06-01..2026-06-30']);
    expect(notices).toEqual([]);
    expect(read('3月にリスボンで開かれた首脳会議の成果を確認する。', '2026-05-02').notices.map((n) => n.kind))
      .toEqual(['past']);
    // "を受けた後": after it happened, past (found on batch q's first run).
    expect(read('イランは6月に核施設への攻撃を受けた後、協力を停止している。', '2025-09-08').notices.map((n) => n.kind))
      .toEqual(['past']);
  });
  it('"来年の…議長国を務め、12月14、15両日に": the year a noun is named for is the year of the days after it', () => {
    const text = '米国は来年のG20議長国を務め、12月14、15両日に首脳会議を開く予定だ。';
    expect(whens(text, '2025-11-08')).toEqual(['2026-12-14..2026-12-15']);
    expect(whens('The summit will be held in Oslo on Dec. 14, the ministry said.', '2025-11-08'))
      .toEqual(['2025-12-14']);
  });
  it('"マイアミ近郊ドラルで": a town near a city, by its sound, in that city\'s country', () => {
    const text = '【ワシントン共同】首脳会議は12月14日、南部フロリダ州マイアミ近郊ドラルにあるリゾートで開かれる。';
    expect(read(text, '2025-11-08').events.map((e) => e.place)).toEqual(['ドラル']);
  });
  it('"同じ日に…式典が行われる": another event on the day dated before it, at its own venue', () => {
    const text = '【ジャカルタ共同】8月17日の式典はバリ島で開かれる。'
      + '首都ジャカルタの独立宮殿でも同じ日に式典が行われる。';
    expect(read(text, '2026-07-14').events.map(zoneAndPlace)).toEqual([
      ['2026-08-17', 'Asia/Makassar', 'バリ島'], ['2026-08-17', 'Asia/Jakarta', 'ジャカルタ'],
    ]);
  });
  it('a month alone before a comma is read ("両陛下は6月、英国を訪問される")', () => {
    expect(whens('天皇、皇后両陛下は6月、英国を公式訪問される。', '2026-05-02')).toEqual(['2026-06-01..2026-06-30']);
  });
});
