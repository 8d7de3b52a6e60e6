/** English page words: exactly what the pages have always said. */
import type { ReaderPageWords } from './messages.ts';

/** Every page's words but the story pages' (story-pages-en.ts), which only public-pages shows. */
export const pagesEn: ReaderPageWords = {
  footer:
    'Datewatch sends reminders and alerts for the dated events of a news story. Every email has a'
    + ' one-click unsubscribe '
    + 'link.',
  languageLabel: 'Language',
  languageHint: 'Emails and pages come in this language.',
  noEventsComing: 'No dated events are coming up right now; you will hear from us when there are.',
  cancelledMark: '(cancelled)',
  followTitle: 'Follow this story',
  followAllTitle: 'Follow news stories',
  followStory: (title) => `Follow “${title}”`,
  reportedOn: (publisher, day) =>
    `${publisher} reported on ${day} what happens next. Datewatch tells you before it does.`,
  comingUp: 'Coming up',
  allStoriesLink: 'All the stories Datewatch follows',
  followHeading: 'Follow the news stories that have dates',
  followIntro:
    'Each story below announced events that are still to come. Datewatch tells you before they happen, and when they '
    + 'move.',
  storiesHeading: 'Stories and what is coming up',
  noStories: 'No stories are followed right now.',
  receiveHeading: 'What you will receive',
  receive: [
    'A reminder before each event, at the lead times you choose.',
    'A digest of what is coming up, weekly or daily, or none.',
    'An alert straight away if an event is moved or cancelled.',
  ],
  confirmFirst:
    'We email you a link to confirm first; nothing else is sent until you use it. Every email has a'
    + ' one-click unsubscribe '
    + 'link.',
  subscribeHeading: 'Subscribe',
  emailLabel: 'Email address',
  honeypot: 'Leave this field empty',
  subscribeButton: 'Subscribe',
  checkInboxTitle: 'Check your inbox',
  checkInboxMessage:
    'Thanks. If this address can receive our mail, a confirmation link is on its way: open it within 7 days to start '
    + 'your reminders.',
  checkInboxExtraHtml:
    '<p>If nothing arrives within a few minutes, look in your spam folder, or <a href="/">try again</a>.</p>',
  choices: (reminders, digest, zone, language) =>
    `Reminders: ${reminders}. Digest: ${digest}. Time zone: ${zone}.${language ? ` Language: ${language}.` : ''}`,
  noReminders: 'no reminders',
  digestNames: { weekly: 'weekly', daily: 'daily', none: 'none' },
  confirmTitle: 'Confirm your subscription',
  confirmStartHtml: (email) => `Start Datewatch email for <strong>${email}</strong>.`,
  confirmButton: 'Confirm subscription',
  confirmHintHtml: `In a browser that runs scripts, this page confirms by itself as soon as it is shown;\
 otherwise only the
button does. Did not ask for this? The next page links to your preferences, where one click unsubscribes.`,
  confirmNoScript: 'Scripts are off here: close this page and nothing is confirmed or sent.',
  confirmedTitle: 'Subscription confirmed',
  alreadyConfirmedTitle: 'Already confirmed',
  confirmedMessage: 'Thank you: your subscription is active. Reminders and alerts will come to your inbox.',
  alreadyConfirmedMessage: 'Your subscription was already active; nothing has changed.',
  changePreferences: 'Change your preferences',
  preferencesTitle: 'Your preferences',
  savedNotice: 'Saved. Your next emails follow these preferences.',
  unsubscribedNoticeHtml:
    'You are unsubscribed and receive no email. To receive it again, <a href="/">subscribe again</a>.',
  pendingNotice: 'Your subscription is not confirmed yet: use the link in the confirmation email.',
  forEmailHtml: (email) => `For <strong>${email}</strong>.`,
  saveButton: 'Save preferences',
  stopAllHeading: 'Stop all email',
  unsubscribeLink: 'Unsubscribe',
  unsubscribeTitle: 'Unsubscribe',
  alreadyUnsubscribedStanding: 'This address is already unsubscribed: we send it no email.',
  suppressedStanding: 'This address is never mailed: we send it no email.',
  noneStanding: 'This address has no subscription: we send it no email.',
  stopAllHtml: (email) =>
    `Stop all Datewatch email${email ? ` to <strong>${email}</strong>` : ''}: reminders, digests and alerts.`,
  afterwards: 'And afterwards',
  neverLabel: 'Never email this address again, not even to confirm a new sign-up',
  unsubscribeButton: 'Unsubscribe',
  unsubscribed: {
    'unsubscribed': 'You are unsubscribed: we will send you no more email, including any already on its way.',
    'already-unsubscribed': 'You were already unsubscribed: we send you no email.',
    'not-subscribed': 'This address has no subscription: we send it no email.',
    'suppressed': 'This address is never mailed (it bounced, reported our mail as spam, or asked never to be'
      + ' mailed): we send it no email.',
    'unknown-address': 'This link belongs to a subscription that no longer exists and does not say'
    + ' which address it was for, '
      + 'so it changed nothing. If our email still reaches you, use the unsubscribe link in the newest one.',
  },
  unsubscribedTitle: 'Unsubscribed',
  notRecognisedTitle: 'Link not recognised',
  blocked: 'This address will never be mailed again, not even to confirm a new sign-up.',
  changedMindHtml: 'Changed your mind? <a href="/">Subscribe again</a>.',
  errorTitles: {
    slowDown: 'Slow down', notFound: 'Not found', wentWrong: 'Something went wrong', didNotWork: 'That did not work',
  },
  backToSubscribe: 'Back to the subscribe page',
  leadLabels: {
    P14D: 'Two weeks before',
    P7D: 'One week before',
    P3D: 'Three days before',
    P1D: 'The day before',
    P0D: 'On the morning of the day (the evening before if it begins by 08:00)',
  },
  digestLabels: { weekly: 'Weekly: once a week, in the morning', daily: 'Daily: every morning', none: 'No digest' },
  whichStories: 'Which stories',
  allStoriesOption: 'All stories, including new ones (the digest tells you about them)',
  chosenOption: 'Only the ones I tick below',
  timeZoneLabel: 'Your time zone',
  timeZoneHint: 'Reminders and digests arrive in the morning of this zone, and show times in it.',
  remindersLegend: 'Reminders before each event',
  digestLegend: 'Digest of what is coming up',
  updatesLegend: 'Updates',
  updatesLabel: "Editors' updates about the stories I follow",
  whichEvents: 'Which events',
  allEventsOption: (inStories) =>
    `All of them${inStories ? ' in the stories I follow' : ''}, including events added later`,
};
