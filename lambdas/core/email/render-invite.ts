/**
 * The invitation a reminder or an alert carries (ical.ts): a module of its own, beside the renderers that attach one.
 */
import type { ChangeNotice } from '../change-notice.ts';
import type { DatedEvent } from '../model/event.ts';
import { eventInviteFor } from '../ical.ts';
import type { Language } from '../model/language.ts';
import { INVITE_FILENAME, type EmailAttachment, type InviteParties, type RenderedEmail } from './render-parts.ts';

export function withInvite(
  mail: RenderedEmail, event: DatedEvent, method: 'REQUEST' | 'CANCEL',
  input: { invite?: InviteParties; now: Date; readerTimeZone: string; withoutInvite?: boolean; language?: Language },
  change?: ChangeNotice,
): RenderedEmail {
  if (input.withoutInvite) return { ...mail, ...(change ? { change } : {}) };
  const attachments = input.invite
    ? [eventInvite(event, method, {
      ...input.invite, now: input.now, readerTimeZone: input.readerTimeZone, change, language: input.language,
    })]
    : [];
  return { ...mail, attachments, inviteMethod: method, ...(change ? { change } : {}) };
}

/** The invitation attached to a reminder or alert; compose makes one per reader (the ATTENDEE is the reader). */
export function eventInvite(
  event: DatedEvent, method: 'REQUEST' | 'CANCEL',
  options: InviteParties & {
    now: Date; readerTimeZone: string; change?: ChangeNotice; language?: Language | undefined;
  },
): EmailAttachment {
  return eventInvites(event, method, options)(options.attendeeEmail);
}

/** The same invitation for many readers: rendered once, each reader's ATTENDEE added per call. */
export function eventInvites(
  event: DatedEvent, method: 'REQUEST' | 'CANCEL',
  options: {
    organizerEmail: string; now: Date; readerTimeZone: string; change?: ChangeNotice | undefined;
    language?: Language | undefined;
  },
): (attendeeEmail: string) => EmailAttachment {
  const forReader = eventInviteFor(event, { method, ...options });
  const contentType = `text/calendar; charset=UTF-8; method=${method}`;
  return (attendeeEmail) => ({ filename: INVITE_FILENAME, contentType, content: forReader(attendeeEmail) });
}
