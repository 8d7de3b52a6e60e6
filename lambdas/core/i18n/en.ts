/** English: the words Datewatch has always written; an English reader's mail reads exactly as before. */
import type { MailWords } from './messages.ts';
import { enInvite, enWhen } from './page-words-en.ts';

const andList = (items: readonly string[]) =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/** The mail's words: a page's are looked up in page-words.ts, so a mail function does not bundle them. */
export const en: MailWords = {
  when: enWhen,
  invite: enInvite,
  list: andList,
  quoted: (text) => `“${text}”`,
  distance: {
    provisional: 'Date to be confirmed', underWay: 'Under way', today: 'Today', tomorrow: 'Tomorrow',
    inDays: { one: 'In {n} day', other: 'In {n} days' },
  },
  leadWords: {
    P14D: '14 days before', P7D: '7 days before', P3D: '3 days before', P1D: '1 day before', P0D: 'on the day',
  },
  template: {
    where: 'Where',
    addToCalendar: 'Add to your calendar',
    addToGoogle: 'Add to Google Calendar',
    googleCalendar: 'Google Calendar',
    addToOutlook: 'Add to Outlook.com calendar',
    footerWhy: 'You get this email because you follow a story on Datewatch.',
    preferences: 'Email preferences',
    unsubscribe: 'Unsubscribe',
    ignoreIfNotYou:
      'If you did not ask to subscribe, ignore this email: nothing will be sent to you unless the link above is used.',
    eventCancelled: 'Event cancelled',
    plannedFor: 'It was planned for',
    dateConfirmed: 'Date confirmed',
    eventMoved: 'Event moved',
    now: 'Now',
    before: 'Before',
    untilNow: 'Until now',
    confirmHeading: 'Confirm your subscription',
    receiveReminder: 'a reminder before each dated event,',
    receiveDigest: 'a digest of what is coming up,',
    receiveAlert: 'an alert if an event is moved or cancelled.',
    confirmButton: 'Confirm my subscription',
    orPaste: 'Or paste this link into your browser:',
    updateLabel: 'Update from the editors',
  },
  mail: {
    fromStory: (title) => `From the story &ldquo;${title}&rdquo;`,
    storyLine: (title, publisher) => `From the story "${title}" (${publisher})`,
    addToGoogleText: 'Add to Google Calendar',
    addToCalendarText: 'Add to Google Calendar or Outlook.com (on the event\'s page)',
    addToOutlookText: 'Add to Outlook.com',
  },
  reminder: {
    cancelled: 'Cancelled',
    subject: (heading, title) => `${heading}: ${title}`,
    inviteNote: (file) => `For Apple Calendar and other apps, open the attached ${file} file.`,
    oneADay: (leads) => `One reminder per event per day: your ${leads.map((l) => `"${l}"`).join(' and ')} reminder`
      + ' fell on this same day, so you get only this one, the nearer.',
  },
  digest: {
    subject: (period, count) => `${period === 'weekly' ? 'Weekly' : 'Daily'} digest: ${count}`,
    heading: (period) => `Your ${period} digest`,
    intro: (zone) => `What is coming up in the stories you follow, with times on your clock (${zone}).`,
    nothing: 'nothing scheduled yet',
    underWay: { other: '{n} under way' },
    upcoming: { one: '{n} upcoming event', other: '{n} upcoming events' },
    toConfirm: { one: '{n} date to be confirmed', other: '{n} dates to be confirmed' },
    newStories: { one: '{n} new story', other: '{n} new stories' },
    expected: (label) => `Expected ${label}`,
    toConfirmHeading: 'Dates to be confirmed',
    background: 'Background',
    noEvents: 'No dated events are scheduled at the moment.',
    more: (n) => `And ${n} more on the stories' pages.`,
    newStoriesHeading: 'New stories you now follow',
    storyWithPublisher: (title, publisher) => `${title} (${publisher})`,
    next: (title, distance) => `Next: ${title}, ${distance.toLowerCase()}`,
    underWayList: (titles) => `Under way: ${titles.join(', ')}`,
    cancelledBadge: ' (cancelled)',
  },
  alert: {
    backgroundLabel: 'As first announced',
    sourceOfCancellation: 'Source of the cancellation',
    sourceOfDate: 'Source of the date',
    sourceOfChange: 'Source of the change',
    cancelledSubject: (title) => `Cancelled: ${title}`,
    cancelledInvite: (file) => `The attached ${file} removes it from your calendar.`,
    movedSubject: (title) => `Moved: ${title}`,
    movedInvite: (file) => `The attached ${file} updates it in your calendar.`,
    movedInviteProvisional: (file) =>
      `The attached ${file} takes the old date out of your calendar;`
      + ' a new invitation follows once the date is confirmed.',
    confirmedSubject: (title, day) => `Date confirmed: ${title} — ${day}`,
    confirmedInvite: (file) =>
      `${file ? `The attached ${file} adds it to your calendar. ` : ''}`
      + 'Your reminders for it follow at the times you chose.',
    cancelledStatement: (when, place) => `Cancelled: it will not take place as planned (${when}, ${place}).`,
    confirmedStatement: (when, before) => `Date confirmed: ${when}${before ? `; until now it was ${before}` : ''}.`,
    fromTo: (before, after) => `from ${before} to ${after}`,
    movedStatement: (moves) => `Moved ${moves.join(', and ')}.`,
    zoneOnlyStatement: (when) => `Moved: the event's local time or zone changed; for you it is still ${when}.`,
  },
  confirmation: {
    subject: 'Confirm your Datewatch subscription',
    preheader: 'One click to start your reminders.',
    followAll: 'the news stories Datewatch follows',
    followOne: (title, publisher) => `the story “${title}” (${publisher})`,
    followThis: 'this story',
    followMany: (titles) => `${titles.length} stories: ${titles.map((t) => `“${t}”`).join(', ')}`,
    intro: (followed) =>
      `Someone, hopefully you, asked to follow ${followed} on Datewatch with this address. Confirm to start receiving:`,
    comingUp: 'Coming up',
    noEvents: 'No dated events yet: we will remind you when there are',
    confirmText: 'Confirm',
  },
  update: {
    readAtHtml: (publisher) => `Read the story at ${publisher}`,
    moreInHtml: (title) => `More in &ldquo;${title}&rdquo; on Datewatch`,
    readStoryText: 'Read the story',
    moreInText: (title) => `More in "${title}" on Datewatch`,
    turnOffHtml: (url) =>
      `You follow this story on Datewatch. You can turn editors&rsquo; updates off in your <a href="${url}">email `
      + `preferences</a> and keep your reminders.`,
    turnOffText: "You can turn editors' updates off in your email preferences and keep your reminders.",
    storyLineHtml: (title, publisher) => `From the story &ldquo;${title}&rdquo; (${publisher})`,
  },
};
