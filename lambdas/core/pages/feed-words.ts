/**
 * What a feed and a calendar file are, in the words of the pages that link to them: a phone opens an Atom link as
 * raw XML, so the link says what it is for and offers the calendar, which a phone does know what to do with.
 */
export const FEED_WORDS = 'for a feed reader app (such as NetNewsWire, Feedly or Thunderbird): paste the link there '
  + 'and the app shows each announcement, move and cancellation as it is made, with no email. '
  + 'Opened in a browser it is raw text.';

export const CALENDAR_WORDS = 'open it on a phone or computer to add the events to your calendar, or subscribe to its '
  + 'link in your calendar app so moves and cancellations follow.';
