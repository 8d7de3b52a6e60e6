/** Русский: Russian; «ёлочки» for titles, plural forms one/few/many/other picked by Intl.PluralRules. */
import { plural, type Messages } from './messages.ts';
import { pagesRu } from './pages-ru.ts';

const HOURS = { one: '{n} час', few: '{n} часа', many: '{n} часов', other: '{n} часа' };
const STORIES = { one: '{n} сюжет', few: '{n} сюжета', many: '{n} сюжетов', other: '{n} сюжета' };

const andList = (items: readonly string[]) =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} и ${items.at(-1)}`;

export const ru: Messages = {
  pages: pagesRu,
  list: andList,
  quoted: (text) => `«${text}»`,
  when: {
    when: 'Когда',
    yourTime: 'Ваше время',
    localAtEvent: 'Местное время события',
    ends: 'Окончание',
    date: 'Дата',
    endsText: (hours) =>
      `не объявлено (в календаре событие займёт ${plural('ru', hours, HOURS)})`,
    zoned: (dt, zone) => `${dt} (${zone})`,
    zonedYours: (dt, zone) => `${dt} (${zone}, ваше время)`,
    zonedSame: (dt, zone, reader) => `${dt} (${zone}; на ваших часах то же время, ${reader})`,
    allDay: (day, zone) => `${day}, весь день (${zone})`,
    allDaySame: (day, zone) => `${day}, весь день (${zone}; в вашем календаре тот же день)`,
    span: (start, until, zone) => `${start} — ${until} (${zone})`,
    provisional: (label) => `дата уточняется (${label})`,
    shortTimed: (dt) => `${dt} по вашему времени`,
    shortAllDay: (day) => `${day} (весь день)`,
    shortAllDayIn: (day, zone) => `${day} (весь день, ${zone})`,
    dayIn: (day, zone) => `${day}, ${zone}`,
  },
  distance: {
    provisional: 'Дата уточняется', underWay: 'Уже идёт', today: 'Сегодня', tomorrow: 'Завтра',
    inDays: { one: 'Через {n} день', few: 'Через {n} дня', many: 'Через {n} дней', other: 'Через {n} дня' },
  },
  leadWords: { P14D: 'за 14 дней', P7D: 'за 7 дней', P3D: 'за 3 дня', P1D: 'за 1 день', P0D: 'в день события' },
  template: {
    where: 'Где',
    addToCalendar: 'Добавить в календарь',
    addToGoogle: 'Добавить в Google Календарь',
    googleCalendar: 'Google Календарь',
    addToOutlook: 'Добавить в календарь Outlook.com',
    footerWhy: 'Вы получили это письмо, потому что следите за сюжетом на Datewatch.',
    preferences: 'Настройки рассылки',
    unsubscribe: 'Отписаться',
    ignoreIfNotYou:
      'Если вы не подписывались, просто не обращайте внимания на это письмо: пока ссылкой выше не воспользуются, '
      + 'мы ничего вам не пришлём.',
    eventCancelled: 'Событие отменено',
    plannedFor: 'Планировалось',
    dateConfirmed: 'Дата подтверждена',
    eventMoved: 'Событие перенесено',
    now: 'Теперь',
    before: 'Раньше',
    untilNow: 'До сих пор',
    confirmHeading: 'Подтвердите подписку',
    receiveReminder: 'напоминание перед каждым событием с датой;',
    receiveDigest: 'сводку того, что предстоит;',
    receiveAlert: 'оповещение, если событие перенесут или отменят.',
    confirmButton: 'Подтвердить подписку',
    orPaste: 'Или вставьте эту ссылку в адресную строку браузера:',
    updateLabel: 'Новость от редакции',
  },
  mail: {
    fromStory: (title) => `Из сюжета «${title}»`,
    storyLine: (title, publisher) => `Из сюжета «${title}» (${publisher})`,
    addToGoogleText: 'Добавить в Google Календарь',
    addToCalendarText: 'Добавить в Google Календарь или Outlook.com (на странице события)',
    addToOutlookText: 'Добавить в Outlook.com',
  },
  invite: {
    sourceOfChange: 'Источник сведений о переносе', source: 'Источник', firstAnnounced: 'Как сообщалось изначально',
  },
  reminder: {
    cancelled: 'Отменено',
    subject: (heading, title) => `${heading}: ${title}`,
    inviteNote: (file) => `Для Apple Календаря и других приложений откройте приложенный файл ${file}.`,
    oneADay: (leads) => 'Не больше одного напоминания о событии в день:'
      + ` напоминание ${leads.map((l) => `«${l}»`).join(' и ')}`
      + ' пришлось на этот же день, поэтому вы получаете только это, более близкое.',
  },
  digest: {
    subject: (period, count) => `${period === 'weekly' ? 'Еженедельная' : 'Ежедневная'} сводка: ${count}`,
    heading: (period) => `Ваша ${period === 'weekly' ? 'еженедельная' : 'ежедневная'} сводка`,
    intro: (zone) => `Что предстоит в сюжетах, за которыми вы следите; время — по вашим часам (${zone}).`,
    nothing: 'пока ничего не запланировано',
    underWay: { one: '{n} уже идёт', other: '{n} уже идут' },
    upcoming: {
      one: '{n} предстоящее событие', few: '{n} предстоящих события',
      many: '{n} предстоящих событий', other: '{n} предстоящего события',
    },
    toConfirm: {
      one: '{n} дата уточняется', few: '{n} даты уточняются', many: '{n} дат уточняются', other: '{n} даты уточняются',
    },
    newStories: {
      one: '{n} новый сюжет', few: '{n} новых сюжета', many: '{n} новых сюжетов', other: '{n} нового сюжета',
    },
    expected: (label) => `Ожидается: ${label}`,
    toConfirmHeading: 'Даты уточняются',
    background: 'Контекст',
    noEvents: 'Сейчас нет запланированных событий с датой.',
    more: (n) => `И ещё ${n} — на страницах сюжетов.`,
    newStoriesHeading: 'Новые сюжеты, за которыми вы теперь следите',
    storyWithPublisher: (title, publisher) => `${title} (${publisher})`,
    next: (title, distance) => `Далее: ${title}, ${distance.toLowerCase()}`,
    underWayList: (titles) => `Уже идёт: ${titles.join(', ')}`,
    cancelledBadge: ' (отменено)',
  },
  alert: {
    backgroundLabel: 'Как сообщалось изначально',
    sourceOfCancellation: 'Источник сведений об отмене',
    sourceOfDate: 'Источник сведений о дате',
    sourceOfChange: 'Источник сведений о переносе',
    cancelledSubject: (title) => `Отменено: ${title}`,
    cancelledInvite: (file) => `Приложенный файл ${file} удалит событие из вашего календаря.`,
    movedSubject: (title) => `Перенесено: ${title}`,
    movedInvite: (file) => `Приложенный файл ${file} обновит событие в вашем календаре.`,
    movedInviteProvisional: (file) =>
      `Приложенный файл ${file} уберёт прежнюю дату из вашего календаря;`
      + ' новое приглашение придёт, когда дату подтвердят.',
    confirmedSubject: (title, day) => `Дата подтверждена: ${title} — ${day}`,
    confirmedInvite: (file) => `${file ? `Приложенный файл ${file} добавит событие в ваш календарь. ` : ''}`
      + 'Напоминания о нём придут в выбранное вами время.',
    cancelledStatement: (when, place) => `Отменено: событие не состоится, как планировалось (${when}, ${place}).`,
    confirmedStatement: (when, before) => `Дата подтверждена: ${when}${before ? `; до сих пор было: ${before}` : ''}.`,
    fromTo: (before, after) => `${before} → ${after}`,
    movedStatement: (moves) => `Перенесено: ${moves.join('; ')}.`,
    zoneOnlyStatement: (when) => `Изменилось местное время или часовой пояс события; для вас это по-прежнему ${when}.`,
  },
  confirmation: {
    subject: 'Подтвердите подписку на Datewatch',
    preheader: 'Один щелчок — и напоминания начнут приходить.',
    followAll: 'все новостные сюжеты, за которыми следит Datewatch',
    followOne: (title, publisher) => `сюжет «${title}» (${publisher})`,
    followThis: 'этот сюжет',
    followMany: (titles) => `${plural('ru', titles.length, STORIES)}: ${titles.map((t) => `«${t}»`).join(', ')}`,
    intro: (followed) =>
      `С этого адреса кто-то — надеемся, вы — попросил присылать письма Datewatch о следующем: ${followed}.`
      + ' Подтвердите подписку, чтобы получать:',
    comingUp: 'Что предстоит',
    noEvents: 'Событий с датой пока нет: мы напомним, когда они появятся',
    confirmText: 'Подтвердить',
  },
  update: {
    readAtHtml: (publisher) => `Читать материал (${publisher})`,
    moreInHtml: (title) => `Ещё о сюжете «${title}» на Datewatch`,
    readStoryText: 'Читать материал',
    moreInText: (title) => `Ещё о сюжете «${title}» на Datewatch`,
    turnOffHtml: (url) =>
      `Вы следите за этим сюжетом на Datewatch. Новости от редакции можно отключить в <a href="${url}">настройках `
      + `рассылки</a>, сохранив напоминания.`,
    turnOffText: 'Новости от редакции можно отключить в настройках рассылки, сохранив напоминания.',
    storyLineHtml: (title, publisher) => `Из сюжета «${title}» (${publisher})`,
  },
};
