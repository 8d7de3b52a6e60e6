/** The words of the reader-facing pages (layout, subscribe, confirm, preferences, unsubscribe, story pages). */
import type { DigestFrequency, LeadTime } from '../model/subscriber.ts';
import type { UnsubscribeOutcome } from '../subscriptions.ts';

export interface PageMessages {
  footer: string;
  /** The language picker's label. */
  languageLabel: string;
  languageHint: string;
  // The subscribe page
  noEventsComing: string;
  cancelledMark: string;
  followTitle: string;
  followAllTitle: string;
  followStory(titleHtml: string): string;
  reportedOn(publisherHtml: string, dayHtml: string): string;
  comingUp: string;
  allStoriesLink: string;
  followHeading: string;
  followIntro: string;
  storiesHeading: string;
  noStories: string;
  receiveHeading: string;
  receive: readonly [string, string, string];
  confirmFirst: string;
  subscribeHeading: string;
  emailLabel: string;
  honeypot: string;
  subscribeButton: string;
  checkInboxTitle: string;
  checkInboxMessage: string;
  checkInboxExtraHtml: string;
  // What a reader chose, in one line
  choices(reminders: string, digest: string, zone: string, language: string): string;
  noReminders: string;
  digestNames: Record<DigestFrequency, string>;
  // Confirm and preferences
  confirmTitle: string;
  confirmStartHtml(emailHtml: string): string;
  confirmButton: string;
  confirmHintHtml: string;
  confirmNoScript: string;
  confirmedTitle: string;
  alreadyConfirmedTitle: string;
  confirmedMessage: string;
  alreadyConfirmedMessage: string;
  changePreferences: string;
  preferencesTitle: string;
  savedNotice: string;
  unsubscribedNoticeHtml: string;
  pendingNotice: string;
  forEmailHtml(emailHtml: string): string;
  saveButton: string;
  stopAllHeading: string;
  unsubscribeLink: string;
  // Unsubscribe
  unsubscribeTitle: string;
  alreadyUnsubscribedStanding: string;
  suppressedStanding: string;
  noneStanding: string;
  stopAllHtml(emailHtml: string | undefined): string;
  afterwards: string;
  neverLabel: string;
  unsubscribeButton: string;
  unsubscribed: Record<UnsubscribeOutcome, string>;
  unsubscribedTitle: string;
  notRecognisedTitle: string;
  blocked: string;
  changedMindHtml: string;
  // Errors
  errorTitles: { slowDown: string; notFound: string; wentWrong: string; didNotWork: string };
  backToSubscribe: string;
  // Preference fields
  leadLabels: Record<LeadTime, string>;
  digestLabels: Record<DigestFrequency, string>;
  whichStories: string;
  allStoriesOption: string;
  chosenOption: string;
  timeZoneLabel: string;
  timeZoneHint: string;
  remindersLegend: string;
  digestLegend: string;
  updatesLegend: string;
  updatesLabel: string;
  whichEvents: string;
  allEventsOption(inStories: boolean): string;
  // The stories page
  stories: {
    title: string;
    intro: string;
    none: string;
    followHtml(linkHtml: string): string;
    followLink: string;
    over: string;
    feeds: string;
    /** What a feed of changes is: a phone opens an Atom link as raw text, so the page says what it is for. */
    feedWordsHtml: string;
    /** What a calendar link is. */
    calendarWordsHtml: string;
    icsHtml(linkHtml: string): string;
    icsLink: string;
    feedName(title: string): string;
    feedLink: string;
    calendarName(title: string): string;
    calendarLink: string;
    status: Record<'archived' | 'cancelled', string>;
  };
  // A story's page
  story: {
    changesFeedTitle(title: string): string;
    eventsFeedTitle(title: string): string;
    readOriginalHtml(publisherHtml: string): string;
    background: string;
    dates: string;
    noEvents: string;
    follow: string;
    followItemHtml(linkHtml: string): string;
    followLink: string;
    atomItemHtml(linkHtml: string): string;
    atomLink: string;
    icsItemHtml(linkHtml: string): string;
    icsLink: string;
    archived: string;
    calledOff: string;
    publishedHtml(dayHtml: string): string;
    eachOwnZone: string;
    unknownZoneHtml(askedHtml: string): string;
    showTimesIn: string;
    shownInHtml(zoneHtml: string): string;
    shownInOwn: string;
    showTimes: string;
    cancelled: string;
    /** An event a withdrawn story still holds as scheduled (its withdraw not finished): it takes place no more. */
    calledOffWithStory: string;
    past: string;
    provisional: string;
    scheduled: string;
    place: string;
    history: string;
    /** Before an event's calendar links (the link a reminder's text part gives leads here). */
    addToCalendar: string;
    /** Google's calendar, by the product's own name in the language. */
    googleCalendar: string;
    dateUnknown: string;
    unknown: string;
    itWas: string;
    from: string;
    to: string;
    recordedHtml(whenHtml: string): string;
    unknownTime: string;
    accordingToHtml(publisherHtml: string, linkHtml: string): string;
    sourceLink: string;
    changeTitles: Record<'created' | 'moved' | 'confirmed' | 'cancelled', string>;
  };
}
