/**
 * Place names in Japanese and Russian, written here for the cities and countries wire stories in those languages
 * name most: each row is the gazetteer's English name (with its country, to pick the right one), then its
 * Japanese spellings, then its Russian nominatives (the cases a sentence puts them in are made by `russianForms`).
 * And the adjectives a story uses for a country ("the Philippine capital"), to find its capital.
 */

export type NativeName = [english: string, iso2: string, ja: string[], ru: string[]];

export const NATIVE_NAMES: NativeName[] = [
  // Countries
  ['Japan', 'JP', ['日本'], ['Япония']], ['Russia', 'RU', ['ロシア'], ['Россия']], ['China', 'CN', ['中国'], ['Китай', 'КНР']],
  ['United States', 'US', ['米国', 'アメリカ'], ['США', 'Америка']], ['South Korea', 'KR', ['韓国'], ['Южная Корея', 'Республика Корея']],
  ['North Korea', 'KP', ['北朝鮮'], ['КНДР', 'Северная Корея']], ['United Kingdom', 'GB', ['英国', 'イギリス'], ['Великобритания', 'Британия']],
  ['France', 'FR', ['フランス'], ['Франция']], ['Germany', 'DE', ['ドイツ'], ['Германия']], ['Italy', 'IT', ['イタリア'], ['Италия']],
  ['India', 'IN', ['インド'], ['Индия']], ['Ukraine', 'UA', ['ウクライナ'], ['Украина']], ['Kazakhstan', 'KZ', ['カザフスタン'], ['Казахстан']],
  ['Belarus', 'BY', ['ベラルーシ'], ['Белоруссия', 'Беларусь']], ['Vietnam', 'VN', ['ベトナム'], ['Вьетнам']],
  ['Philippines', 'PH', ['フィリピン'], []], ['Indonesia', 'ID', ['インドネシア'], ['Индонезия']], ['Thailand', 'TH', ['タイ'], ['Таиланд']],
  ['Australia', 'AU', ['オーストラリア', '豪州'], ['Австралия']], ['Canada', 'CA', ['カナダ'], ['Канада']], ['Brazil', 'BR', ['ブラジル'], ['Бразилия']],
  ['Peru', 'PE', ['ペルー'], ['Перу']], ['Turkey', 'TR', ['トルコ'], ['Турция']], ['Iran', 'IR', ['イラン'], ['Иран']],
  ['Egypt', 'EG', ['エジプト'], ['Египет']], ['Mongolia', 'MN', ['モンゴル'], ['Монголия']], ['Singapore', 'SG', ['シンガポール'], ['Сингапур']],
  ['Uzbekistan', 'UZ', ['ウズベキスタン'], ['Узбекистан']], ['Armenia', 'AM', ['アルメニア'], ['Армения']],
  ['Azerbaijan', 'AZ', ['アゼルバイジャン'], ['Азербайджан']], ['Serbia', 'RS', ['セルビア'], ['Сербия']], ['Finland', 'FI', ['フィンランド'], ['Финляндия']],
  ['Austria', 'AT', ['オーストリア'], ['Австрия']], ['Switzerland', 'CH', ['スイス'], ['Швейцария']], ['Belgium', 'BE', ['ベルギー'], ['Бельгия']],
  ['Saudi Arabia', 'SA', ['サウジアラビア'], ['Саудовская Аравия']], ['United Arab Emirates', 'AE', ['アラブ首長国連邦'], ['ОАЭ']],
  ['South Africa', 'ZA', ['南アフリカ'], ['ЮАР']], ['Kyrgyzstan', 'KG', ['キルギス'], ['Киргизия']], ['Norway', 'NO', ['ノルウェー'], ['Норвегия']],
  // Cities
  ['Tokyo', 'JP', ['東京'], ['Токио']], ['Osaka', 'JP', ['大阪'], ['Осака']], ['Kyoto', 'JP', ['京都'], ['Киото']],
  ['Nagoya', 'JP', ['名古屋'], ['Нагоя']], ['Sapporo', 'JP', ['札幌'], ['Саппоро']], ['Fukuoka', 'JP', ['福岡'], ['Фукуока']],
  ['Hiroshima', 'JP', ['広島'], ['Хиросима']], ['Nagasaki', 'JP', ['長崎'], ['Нагасаки']], ['Niigata', 'JP', ['新潟'], ['Ниигата']],
  ['Sendai', 'JP', ['仙台'], ['Сендай']], ['Kobe', 'JP', ['神戸'], ['Кобе']], ['Yokohama', 'JP', ['横浜'], ['Иокогама']],
  ['Naha', 'JP', ['那覇'], ['Наха']], ['Yamaguchi', 'JP', ['山口', '長門'], ['Ямагути', 'Нагато']], ['Hokkaido', 'JP', ['北海道'], ['Хоккайдо']],
  ['Okinawa', 'JP', ['沖縄'], ['Окинава']], ['Moscow', 'RU', ['モスクワ'], ['Москва']],
  ['St. Petersburg', 'RU', ['サンクトペテルブルク'], ['Санкт-Петербург', 'Петербург']], ['Vladivostok', 'RU', ['ウラジオストク'], ['Владивосток']],
  ['Sochi', 'RU', ['ソチ'], ['Сочи']], ['Kazan', 'RU', ['カザン'], ['Казань']], ['Novosibirsk', 'RU', ['ノボシビルスク'], ['Новосибирск']],
  ['Yekaterinburg', 'RU', ['エカテリンブルク'], ['Екатеринбург']], ['Khabarovsk', 'RU', ['ハバロフスク'], ['Хабаровск']],
  ['Kaliningrad', 'RU', ['カリーニングラード'], ['Калининград']], ['Murmansk', 'RU', ['ムルマンスク'], ['Мурманск']],
  ['Yuzhno-Sakhalinsk', 'RU', ['ユジノサハリンスク'], ['Южно-Сахалинск']], ['Beijing', 'CN', ['北京'], ['Пекин']],
  ['Shanghai', 'CN', ['上海'], ['Шанхай']], ['Seoul', 'KR', ['ソウル'], ['Сеул']], ['Busan', 'KR', ['釜山'], ['Пусан']],
  ['Pyongyang', 'KP', ['平壌'], ['Пхеньян']], ['Washington', 'US', ['ワシントン'], ['Вашингтон']], ['New York', 'US', ['ニューヨーク'], ['Нью-Йорк']],
  ['London', 'GB', ['ロンドン'], ['Лондон']], ['Paris', 'FR', ['パリ'], ['Париж']], ['Berlin', 'DE', ['ベルリン'], ['Берлин']],
  ['Rome', 'IT', ['ローマ'], ['Рим']], ['Geneva', 'CH', ['ジュネーブ'], ['Женева']], ['Brussels', 'BE', ['ブリュッセル'], ['Брюссель']],
  ['Vienna', 'AT', ['ウィーン'], ['Вена']], ['Helsinki', 'FI', ['ヘルシンキ'], ['Хельсинки']], ['Minsk', 'BY', ['ミンスク'], ['Минск']],
  ['Kyiv', 'UA', ['キーウ', 'キエフ'], ['Киев']], ['Astana', 'KZ', ['アスタナ'], ['Астана']], ['Almaty', 'KZ', ['アルマトイ'], ['Алма-Ата', 'Алматы']],
  ['Tashkent', 'UZ', ['タシケント'], ['Ташкент']], ['Baku', 'AZ', ['バクー'], ['Баку']], ['Yerevan', 'AM', ['エレバン'], ['Ереван']],
  ['Bishkek', 'KG', ['ビシュケク'], ['Бишкек']], ['Ankara', 'TR', ['アンカラ'], ['Анкара']], ['Istanbul', 'TR', ['イスタンブール'], ['Стамбул']],
  ['New Delhi', 'IN', ['ニューデリー'], ['Нью-Дели']], ['Hanoi', 'VN', ['ハノイ'], ['Ханой']], ['Manila', 'PH', ['マニラ'], ['Манила']],
  ['Jakarta', 'ID', ['ジャカルタ'], ['Джакарта']], ['Bangkok', 'TH', ['バンコク'], ['Бангкок']], ['Sydney', 'AU', ['シドニー'], ['Сидней']],
  ['Tehran', 'IR', ['テヘラン'], ['Тегеран']], ['Cairo', 'EG', ['カイロ'], ['Каир']], ['Dubai', 'AE', ['ドバイ'], ['Дубай']],
  ['Lima', 'PE', ['リマ'], ['Лима']], ['Ulaanbaatar', 'MN', ['ウランバートル'], ['Улан-Батор']], ['Taipei', 'TW', ['台北'], ['Тайбэй']],
  ['Hong Kong', 'HK', ['香港'], ['Гонконг']], ['Belgrade', 'RS', ['ベオグラード'], ['Белград']], ['Oslo', 'NO', ['オスロ'], ['Осло']],
  ['Lisbon', 'PT', ['リスボン'], ['Лиссабон']], ['Hamburg', 'DE', ['ハンブルク'], ['Гамбург']], ['Florida', 'US', ['フロリダ'], ['Флорида']],
  ['Chengdu', 'CN', ['成都'], ['Чэнду']], ['Rovaniemi', 'FI', ['ロバニエミ'], ['Рованиеми']],
  ['Riyadh', 'SA', ['リヤド'], ['Эр-Рияд']], ['Abu Dhabi', 'AE', ['アブダビ'], ['Абу-Даби']], ['Ottawa', 'CA', ['オタワ'], ['Оттава']],
];

/** Forms Russian multi-word names take, which the one-word rules below cannot make. */
const RUSSIAN_PHRASES: Record<string, string[]> = {
  'Южная Корея': ['Южной Кореи', 'Южную Корею', 'Южной Корее', 'Южной Кореей'],
  'Северная Корея': ['Северной Кореи', 'Северную Корею', 'Северной Корее'],
  'Республика Корея': ['Республики Корея', 'Республику Корея', 'Республике Корея'],
  'Саудовская Аравия': ['Саудовской Аравии', 'Саудовскую Аравию', 'Саудовской Аравией'],
};

/** A Russian name in the cases a sentence puts it in: "Япония" → "Японии", "Японию"; "Пекин" → "Пекине". */
export function russianForms(name: string): string[] {
  if (RUSSIAN_PHRASES[name]) return [name, ...RUSSIAN_PHRASES[name]];
  if (/[A-ZА-ЯЁ]{2,}$/u.test(name) || /[оиуеэю]$/u.test(name)) return [name]; // "США", "Токио", "Сочи": not declined
  const stem = name.slice(0, -1);
  if (name.endsWith('ия')) return [name, `${name.slice(0, -2)}ии`, `${name.slice(0, -2)}ию`, `${name.slice(0, -2)}ией`];
  if (name.endsWith('я')) return [name, `${stem}и`, `${stem}ю`, `${stem}ей`, `${stem}е`];
  if (name.endsWith('а')) return [name, `${stem}${/[кгхжшчщ]$/u.test(stem) ? 'и' : 'ы'}`, `${stem}е`, `${stem}у`, `${stem}ой`];
  if (name.endsWith('ь')) return [name, `${stem}и`, `${stem}ью`, `${stem}е`, `${stem}я`, `${stem}ю`];
  if (name.endsWith('й')) return [name, `${stem}я`, `${stem}ю`, `${stem}е`, `${stem}ем`];
  return [name, `${name}а`, `${name}е`, `${name}у`, `${name}ом`, `${name}ем`];
}

/** "the Kazakh capital", "the Philippine capital": the country an adjective names. */
export const DEMONYMS: Record<string, string> = {
  Afghan: 'AF', Argentine: 'AR', Armenian: 'AM', Australian: 'AU', Austrian: 'AT', Azerbaijani: 'AZ', Bangladeshi: 'BD',
  Belarusian: 'BY', Belgian: 'BE', Brazilian: 'BR', British: 'GB', Bulgarian: 'BG', Cambodian: 'KH', Canadian: 'CA',
  Chilean: 'CL', Chinese: 'CN', Colombian: 'CO', Croatian: 'HR', Czech: 'CZ', Danish: 'DK', Dutch: 'NL', Egyptian: 'EG',
  Emirati: 'AE', Ethiopian: 'ET', Finnish: 'FI', French: 'FR', Georgian: 'GE', German: 'DE', Greek: 'GR', Hungarian: 'HU',
  Indian: 'IN', Indonesian: 'ID', Iranian: 'IR', Iraqi: 'IQ', Irish: 'IE', Israeli: 'IL', Italian: 'IT', Japanese: 'JP',
  Jordanian: 'JO', Kazakh: 'KZ', Kenyan: 'KE', Kuwaiti: 'KW', Kyrgyz: 'KG', Lao: 'LA', Lebanese: 'LB', Malaysian: 'MY',
  Mexican: 'MX', Mongolian: 'MN', Nepali: 'NP', Nigerian: 'NG', 'North Korean': 'KP', Norwegian: 'NO', Pakistani: 'PK',
  Peruvian: 'PE', Philippine: 'PH', Filipino: 'PH', Polish: 'PL', Portuguese: 'PT', Qatari: 'QA', Romanian: 'RO',
  Russian: 'RU', Saudi: 'SA', Serbian: 'RS', 'South African': 'ZA', 'South Korean': 'KR', Spanish: 'ES', 'Sri Lankan': 'LK',
  Swedish: 'SE', Swiss: 'CH', Syrian: 'SY', Taiwanese: 'TW', Tajik: 'TJ', Thai: 'TH', Turkish: 'TR', Turkmen: 'TM',
  Ukrainian: 'UA', Uzbek: 'UZ', Vietnamese: 'VN',
};
