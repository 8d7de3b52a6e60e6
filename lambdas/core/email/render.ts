/**
 * Renders every email the service sends from the compiled templates: pure functions of their inputs (time
 * included), no AWS and no mjml. HTML gets escaped values through fill(); the text part carries the same facts.
 * Dates follow one set of rules (when.ts); a reminder's label is the true distance on the reader's calendar at
 * the moment it is rendered, not the lead time it was planned for.
 *
 * Each kind is a module (render-reminder.ts, render-digest.ts, render-alert.ts, render-confirmation.ts; what they
 * share in render-parts.ts, the invitation in render-invite.ts); this one gathers them for the functions that send.
 */
export { googleCalendarUrl, outlookCalendarUrl } from '../calendar-links.ts';
export {
  INVITE_FILENAME, MAX_HTML_BYTES, singleLine, templateWords, type EmailAttachment, type EmailLinks, type InviteParties,
  type RenderedEmail,
} from './render-parts.ts';
export { eventInvite, eventInvites } from './render-invite.ts';
export { renderReminder, type ReminderInput } from './render-reminder.ts';
export { renderDigest, type DigestGroup, type DigestInput } from './render-digest.ts';
export { renderAlert, type AlertInput, type EventWhenAndWhere } from './render-alert.ts';
export { renderConfirmation, type ConfirmationInput } from './render-confirmation.ts';
