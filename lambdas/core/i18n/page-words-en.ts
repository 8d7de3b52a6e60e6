/**
 * The English words a page, a feed or a calendar says (pages, when, invite): apart from the mail's words in en.ts,
 * so a function that serves pages bundles these alone (page-words.ts).
 */
import type { PageWords } from './messages.ts';
import { pagesEn } from './pages-en.ts';

/** When an event is, in words (the mail's too: en.ts takes it from here). */
export const enWhen: PageWords['when'] = {
  when: 'When',
  yourTime: 'Your time',
  localAtEvent: 'Local time at the event',
  ends: 'Ends',
  date: 'Date',
  endsText: (hours) => `not announced (calendar entries show ${hours} hours)`,
  zoned: (dt, zone) => `${dt} ${zone}`,
  zonedYours: (dt, zone) => `${dt} ${zone} (your time)`,
  zonedSame: (dt, zone, reader) => `${dt} ${zone} (the same on your clock, ${reader})`,
  allDay: (day, zone) => `${day}, all day (${zone})`,
  allDaySame: (day, zone) => `${day}, all day (${zone}, the same day on your calendar)`,
  span: (start, until, zone) => `${start} to ${until} ${zone}`,
  provisional: (label) => `date to be confirmed (${label})`,
  shortTimed: (dt) => `${dt} your time`,
  shortAllDay: (day) => `${day} (all day)`,
  shortAllDayIn: (day, zone) => `${day} (all day, ${zone})`,
  dayIn: (day, zone) => `${day}, ${zone}`,
};

/** The calendar invitation's description (the mail's too). */
export const enInvite: PageWords['invite'] = {
  sourceOfChange: 'Source of the change', source: 'Source', firstAnnounced: 'First announced',
};

export const enPageWords: PageWords = { pages: pagesEn, when: enWhen, invite: enInvite };
