/**
 * The shape of a message catalogue: every word a reader receives or opens, once per language (en.ts, ja.ts,
 * ru.ts beside this file). Each catalogue is typed `Messages`, so a key missing in one language fails
 * `npm run typecheck`; tests/unit/i18n-catalogues.test.ts checks the same at run time, and that the templates
 * and pages carry no English of their own. Counted phrases are plural forms picked by Intl.PluralRules
 * (Russian has one, few, many and other); dates and zones come from dates.ts, never from a catalogue.
 */
import type { Language } from '../model/language.ts';
import type { DigestFrequency, LeadTime } from '../model/subscriber.ts';
import type { PageMessages } from './page-messages.ts';

/** The forms of a counted phrase, by CLDR plural category; `{n}` is the number. `other` is always required. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const rules = new Map<Language, Intl.PluralRules>();

/** The form of `forms` that `n` takes in `lang` ("1 день", "3 дня", "5 дней"), with `{n}` filled in. */
export function plural(lang: Language, n: number, forms: PluralForms): string {
  let r = rules.get(lang);
  if (!r) {
    r = new Intl.PluralRules(lang);
    rules.set(lang, r);
  }
  return (forms[r.select(n)] ?? forms.other).replaceAll('{n}', String(n));
}

/** Words the MJML templates show as they are: filled in as `{{t.name}}`, so the templates hold no language. */
export interface TemplateWords {
  where: string;
  addToCalendar: string;
  addToGoogle: string;
  /** The Google button's label: the product's own name in the language. */
  googleCalendar: string;
  addToOutlook: string;
  footerWhy: string;
  preferences: string;
  unsubscribe: string;
  ignoreIfNotYou: string;
  eventCancelled: string;
  plannedFor: string;
  dateConfirmed: string;
  eventMoved: string;
  now: string;
  before: string;
  untilNow: string;
  confirmHeading: string;
  receiveReminder: string;
  receiveDigest: string;
  receiveAlert: string;
  confirmButton: string;
  orPaste: string;
  updateLabel: string;
}

export interface Messages {
  /** The reader pages' words (pages-<lang>.ts). */
  pages: PageMessages;
  /** Lists of a few names: "A, B and C". */
  list(items: readonly string[]): string;
  /** A quoted title: “…”, 「…」, «…». */
  quoted(text: string): string;
  when: {
    when: string;
    yourTime: string;
    localAtEvent: string;
    ends: string;
    date: string;
    endsText(hours: number): string;
    zoned(dateTime: string, zone: string): string;
    zonedYours(dateTime: string, zone: string): string;
    zonedSame(dateTime: string, zone: string, readerZone: string): string;
    allDay(day: string, zone: string): string;
    allDaySame(day: string, zone: string): string;
    span(start: string, until: string, zone: string): string;
    provisional(label: string): string;
    shortTimed(dateTime: string): string;
    shortAllDay(day: string): string;
    shortAllDayIn(day: string, zone: string): string;
    dayIn(day: string, zone: string): string;
  };
  distance: { provisional: string; underWay: string; today: string; tomorrow: string; inDays: PluralForms };
  /** How a reminder's lead time is named in a sentence: "7 days before". */
  leadWords: Record<LeadTime, string>;
  template: TemplateWords;
  mail: {
    /** Above an event mail's heading: From the story “…”. */
    fromStory(title: string): string;
    /** The text part's first line: From the story "…" (publisher). */
    storyLine(title: string, publisher: string): string;
    addToGoogleText: string;
    /** The text part's one calendar line, before the link to the event on its story page. */
    addToCalendarText: string;
    addToOutlookText: string;
  };
  /** The invitation's DESCRIPTION (ical.ts). */
  invite: { sourceOfChange: string; source: string; firstAnnounced: string };
  reminder: {
    cancelled: string;
    subject(heading: string, title: string): string;
    inviteNote(file: string): string;
    oneADay(leads: readonly string[]): string;
  };
  digest: {
    subject(period: Exclude<DigestFrequency, 'none'>, count: string): string;
    heading(period: Exclude<DigestFrequency, 'none'>): string;
    intro(zone: string): string;
    nothing: string;
    underWay: PluralForms;
    upcoming: PluralForms;
    toConfirm: PluralForms;
    newStories: PluralForms;
    expected(label: string): string;
    toConfirmHeading: string;
    background: string;
    noEvents: string;
    more(n: number): string;
    newStoriesHeading: string;
    storyWithPublisher(title: string, publisher: string): string;
    next(title: string, distance: string): string;
    underWayList(titles: readonly string[]): string;
    cancelledBadge: string;
  };
  alert: {
    backgroundLabel: string;
    sourceOfCancellation: string;
    sourceOfDate: string;
    sourceOfChange: string;
    cancelledSubject(title: string): string;
    cancelledInvite(file: string): string;
    movedSubject(title: string): string;
    movedInvite(file: string): string;
    movedInviteProvisional(file: string): string;
    confirmedSubject(title: string, day: string): string;
    confirmedInvite(file: string | undefined): string;
    cancelledStatement(when: string, place: string): string;
    confirmedStatement(when: string, before: string | undefined): string;
    fromTo(before: string, after: string): string;
    movedStatement(moves: readonly string[]): string;
    zoneOnlyStatement(when: string): string;
  };
  confirmation: {
    subject: string;
    preheader: string;
    followAll: string;
    followOne(title: string, publisher: string): string;
    followThis: string;
    followMany(titles: readonly string[]): string;
    intro(followed: string): string;
    comingUp: string;
    noEvents: string;
    confirmText: string;
  };
  update: {
    readAtHtml(publisherHtml: string): string;
    moreInHtml(titleHtml: string): string;
    readStoryText: string;
    moreInText(title: string): string;
    turnOffHtml(preferencesUrlHtml: string): string;
    turnOffText: string;
    storyLineHtml(title: string, publisher: string): string;
  };
}

/** The words of the stories page and a story's page (story-pages-en.ts for English). */
export type StoryPageWords = Pick<PageMessages, 'story' | 'stories'>;
/** The words of every other page. */
export type ReaderPageWords = Omit<PageMessages, 'story' | 'stories'>;
/** The words of pages, feeds and calendars: what page-words.ts gives a function that serves pages. */
export type PageWords = Pick<Messages, 'when' | 'invite'> & { pages: ReaderPageWords };

/** Every word but the pages': what messagesFor (catalogues.ts) gives the mail and its use cases. */
export type MailWords = Omit<Messages, 'pages'>;
