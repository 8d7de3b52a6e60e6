/**
 * Regions and country words in Japanese and Russian that say where an unknown town is: Japan's 47 prefectures
 * ("山口県長門市"), the one-kanji names of countries before a place ("米フロリダ州", "露ウラジオストク"), Russia's
 * regions by the adjective that names them ("в Хабаровском крае", "Свердловской области") and the names some go
 * by ("в Якутии", "на Камчатке"), and Russian adjectives of countries ("в японском городе Нагато"). Written here;
 * each region's zone is the gazetteer's (city-timezones) for the city it is named after or its centre.
 */

/** Japan's prefectures as written before 県/府/都/道 (Hokkaido, Tokyo, Osaka and Kyoto are in place-names.ts). */
export const JA_PREFECTURES = [
  '青森', '岩手', '宮城', '秋田', '山形', '福島', '茨城', '栃木', '群馬', '埼玉', '千葉', '神奈川', '新潟', '富山',
  '石川', '福井', '山梨', '長野', '岐阜', '静岡', '愛知', '三重', '滋賀', '兵庫', '奈良', '和歌山', '鳥取', '島根',
  '岡山', '広島', '山口', '徳島', '香川', '愛媛', '高知', '福岡', '佐賀', '長崎', '熊本', '大分', '宮崎', '鹿児島', '沖縄',
];

/** One kanji for a country, written before a place in it: "米ニューヨーク", "英南部", "露極東". */
export const JA_COUNTRY_KANJI: Record<string, string> = {
  米: 'US', 英: 'GB', 仏: 'FR', 独: 'DE', 露: 'RU', 中: 'CN', 韓: 'KR', 朝: 'KP', 豪: 'AU', 伊: 'IT', 加: 'CA',
  印: 'IN', 比: 'PH', 越: 'VN', 墨: 'MX', 伯: 'BR', 蘭: 'NL', 西: 'ES', 台: 'TW', 泰: 'TH', 星: 'SG', 尼: 'ID',
};

/**
 * Russia's regions by the stem of their adjective, with a city of theirs the gazetteer knows (its zone is the
 * region's). "Хабаровск" + "ом крае" reads "в Хабаровском крае"; the noun (край, область, республика, округ) may
 * follow in any case.
 */
export const RU_REGION_STEMS: Array<[stem: string, city: string]> = [
  ['Хабаровск', 'Khabarovsk'], ['Приморск', 'Vladivostok'], ['Камчатск', 'Petropavlovsk-Kamchatskiy'],
  ['Сахалинск', 'Yuzhno-Sakhalinsk'], ['Амурск', 'Blagoveshchensk'], ['Магаданск', 'Magadan'],
  ['Еврейск', 'Birobidzhan'], ['Забайкальск', 'Chita'], ['Иркутск', 'Irkutsk'], ['Красноярск', 'Krasnoyarsk'],
  ['Новосибирск', 'Novosibirsk'], ['Омск', 'Omsk'], ['Томск', 'Tomsk'], ['Кемеровск', 'Kemerovo'],
  ['Алтайск', 'Barnaul'], ['Тюменск', "Tyumen'"], ['Свердловск', 'Yekaterinburg'], ['Челябинск', 'Chelyabinsk'],
  ['Курганск', 'Kurgan'], ['Оренбургск', 'Orenburg'], ['Пермск', "Perm'"], ['Самарск', 'Samara'],
  ['Саратовск', 'Saratov'], ['Ульяновск', "Ul'yanovsk"], ['Астраханск', "Astrakhan'"], ['Волгоградск', 'Volgograd'],
  ['Калининградск', 'Kaliningrad'], ['Кировск', 'Kirov'], ['Московск', 'Moscow'], ['Ленинградск', 'St. Petersburg'],
  ['Мурманск', 'Murmansk'], ['Архангельск', "Arkhangel'sk"], ['Краснодарск', 'Krasnodar'],
  ['Ставропольск', "Stavropol'"], ['Ростовск', 'Rostov'], ['Белгородск', 'Belgorod'], ['Курск', 'Kursk'],
  ['Брянск', 'Bryansk'], ['Воронежск', 'Voronezh'], ['Нижегородск', 'Nizhny Novgorod'], ['Тверск', "Tver'"],
  ['Псковск', 'Pskov'], ['Новгородск', 'Novgorod'], ['Смоленск', 'Smolensk'], ['Тульск', 'Tula'],
  ['Ярославск', "Yaroslavl'"], ['Вологодск', 'Vologda'], ['Калужск', 'Kaluga'], ['Рязанск', "Ryazan'"],
  ['Ханты-Мансийск', 'Khanty-Mansiysk'], ['Ямало-Ненецк', 'Salekhard'], ['Чукотск', 'Anadyr'],
];

/** Regions a Russian story names by a noun of their own: "в Якутии", "на Камчатке", "в Приморье". */
export const RU_REGION_NAMES: Array<[names: string[], city: string]> = [
  [['Якутия', 'Якутии', 'Якутию'], 'Yakutsk'],
  [['Камчатка', 'Камчатке', 'Камчатку', 'Камчатки'], 'Petropavlovsk-Kamchatskiy'],
  [['Приморье', 'Приморья', 'Приморью'], 'Vladivostok'], [['Сахалин', 'Сахалине', 'Сахалина'], 'Yuzhno-Sakhalinsk'],
  [['Чукотка', 'Чукотке', 'Чукотку', 'Чукотки'], 'Anadyr'], [['Татарстан', 'Татарстане', 'Татарстана'], 'Kazan'],
  [['Башкирия', 'Башкирии', 'Башкортостан', 'Башкортостане'], 'Ufa'], [['Бурятия', 'Бурятии', 'Бурятию'], 'Ulan-Ude'],
  [['Кубань', 'Кубани'], 'Krasnodar'], [['Подмосковье', 'Подмосковья'], 'Moscow'], [['Ямал', 'Ямале'], 'Salekhard'],
  [['Югра', 'Югре', 'Югры'], 'Khanty-Mansiysk'], [['Крым', 'Крыму', 'Крыма'], 'Simferopol'],
  [['Дагестан', 'Дагестане', 'Дагестана'], 'Makhachkala'], [['Чечня', 'Чечне', 'Чечни'], 'Groznyy'],
  [['Карелия', 'Карелии', 'Карелию'], 'Petrozavodsk'], [['Урал', 'Урале'], 'Yekaterinburg'],
  [['Кузбасс', 'Кузбассе'], 'Kemerovo'], [['Забайкалье', 'Забайкалья'], 'Chita'],
];

/** Russian adjectives of countries by stem: "в японском городе Нагато", "в туркменской столице". */
export const RU_COUNTRY_STEMS: Record<string, string> = {
  японск: 'JP', китайск: 'CN', американск: 'US', британск: 'GB', английск: 'GB', французск: 'FR', германск: 'DE',
  немецк: 'DE', итальянск: 'IT', индийск: 'IN', турецк: 'TR', казахстанск: 'KZ', казахск: 'KZ', туркменск: 'TM',
  узбекск: 'UZ', южнокорейск: 'KR', северокорейск: 'KP', корейск: 'KR', вьетнамск: 'VN', индонезийск: 'ID',
  малайзийск: 'MY', таиландск: 'TH', тайск: 'TH', египетск: 'EG', саудовск: 'SA', иранск: 'IR', израильск: 'IL',
  белорусск: 'BY', украинск: 'UA', киргизск: 'KG', кыргызск: 'KG', таджикск: 'TJ', армянск: 'AM',
  азербайджанск: 'AZ', грузинск: 'GE', финск: 'FI', финляндск: 'FI', швейцарск: 'CH', австрийск: 'AT',
  бразильск: 'BR', аргентинск: 'AR', мексиканск: 'MX', канадск: 'CA', австралийск: 'AU', российск: 'RU',
  монгольск: 'MN', сербск: 'RS', венгерск: 'HU', польск: 'PL', чешск: 'CZ', испанск: 'ES', португальск: 'PT',
  греческ: 'GR', норвежск: 'NO', шведск: 'SE', датск: 'DK', нидерландск: 'NL', голландск: 'NL', бельгийск: 'BE',
  катарск: 'QA', эмиратск: 'AE', бахрейнск: 'BH', кувейтск: 'KW', оманск: 'OM', пакистанск: 'PK', афганск: 'AF',
  сирийск: 'SY', иракск: 'IQ', иорданск: 'JO', ливанск: 'LB', кубинск: 'CU', венесуэльск: 'VE', чилийск: 'CL',
  перуанск: 'PE', филиппинск: 'PH', камбоджийск: 'KH', лаосск: 'LA', сингапурск: 'SG', новозеландск: 'NZ',
  южноафриканск: 'ZA', нигерийск: 'NG', кенийск: 'KE', эфиопск: 'ET', алжирск: 'DZ', марокканск: 'MA',
  молдавск: 'MD', латвийск: 'LV', литовск: 'LT', эстонск: 'EE', болгарск: 'BG', румынск: 'RO', хорватск: 'HR',
  кипрск: 'CY', ирландск: 'IE', шотландск: 'GB', мьянманск: 'MM', бангладешск: 'BD', ланкийск: 'LK',
};

/**
 * Launch and landing sites, which wire stories name instead of a town, each with a city of the gazetteer in its zone:
 * English and Japanese names as written, Russian ones after "космодром" ("с космодрома Восточный"), since alone they
 * are common words ("Восточный экономический форум").
 */
export const LAUNCH_SITES: Array<[en: string[], ja: string[], ru: string[], city: string, iso2: string]> = [
  [['Kennedy Space Center', 'Cape Canaveral'], ['ケネディ宇宙センター'], [], 'Orlando', 'US'],
  [['Vandenberg'], [], [], 'Santa Barbara', 'US'],
  [['Baikonur'], ['バイコヌール'], ['Байконур'], 'Qyzylorda', 'KZ'],
  [['Vostochny'], ['ボストーチヌイ'], ['Восточный'], 'Blagoveshchensk', 'RU'],
  [['Plesetsk'], ['プレセツク'], ['Плесецк'], "Arkhangel'sk", 'RU'],
  [['Jiuquan', 'Dongfeng'], ['酒泉'], ['Цзюцюань'], 'Lanzhou', 'CN'],
  [['Wenchang'], ['文昌'], ['Вэньчан'], 'Haikou', 'CN'],
  [['Xichang'], ['西昌'], ['Сичан'], 'Chengdu', 'CN'],
  [['Tanegashima', 'Uchinoura'], ['種子島', '内之浦'], ['Танэгасима'], 'Kagoshima', 'JP'],
  [['Sriharikota'], ['スリハリコタ'], ['Шрихарикота'], 'Chennai', 'IN'],
  [['Kourou'], ['クールー'], ['Куру'], 'Cayenne', 'GF'],
  [['Naro Space Center', 'Naro Space Centre'], ['羅老宇宙センター'], [], 'Gwangju', 'KR'],
];

/**
 * Racecourses that sports wires name instead of their city ("at Moonee Valley on Saturday"), each with that city:
 * English names as written, read like the launch sites above.
 */
export const NAMED_VENUES: Array<[en: string[], city: string, iso2: string]> = [
  [['Flemington', 'Moonee Valley', 'Caulfield'], 'Melbourne', 'AU'],
  [['Randwick', 'Rosehill'], 'Sydney', 'AU'],
  [['Longchamp'], 'Paris', 'FR'],
  [['Churchill Downs'], 'Louisville', 'US'],
  [['Meydan'], 'Dubai', 'AE'],
  [['Sha Tin', 'Happy Valley Racecourse'], 'Hong Kong', 'HK'],
];

/**
 * The seats of national institutions, which a story names instead of their city ("выступит в Госдуме", "最高裁は…
 * 弁論を開く", "talks at the Kremlin"): English, Japanese and Russian (nominative) names, then the city and country.
 */
export const SEATS: Array<[en: string[], ja: string[], ru: string[], city: string, iso2: string]> = [
  [['Kremlin', 'State Duma', 'Federation Council'], ['クレムリン'], ['Кремль', 'Госдума', 'Государственная дума',
    'Совет Федерации', 'Совфед'], 'Moscow', 'RU'],
  [['White House', 'Capitol Hill', 'Oval Office', 'Pentagon'], ['米連邦最高裁'],
    ['Белый дом', 'Капитолий', 'Пентагон'], 'Washington', 'US'],
  [['Downing Street', 'Westminster'], ['英首相官邸'], ['Даунинг-стрит'], 'London', 'GB'],
  [['Elysee Palace', 'Élysée Palace'], ['エリゼ宮'], ['Елисейский дворец'], 'Paris', 'FR'],
  [['Bundestag', 'Chancellery'], ['独連邦議会'], ['Бундестаг'], 'Berlin', 'DE'],
  [['Zhongnanhai', 'Great Hall of the People'], ['人民大会堂'], ['Дом народных собраний'], 'Beijing', 'CN'],
  [['Yongsan'], [], [], 'Seoul', 'KR'],
  [['Kantei'], ['首相官邸', '最高裁', '日銀', '日本銀行'], [], 'Tokyo', 'JP'],
];
