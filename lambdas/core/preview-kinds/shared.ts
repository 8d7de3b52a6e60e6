/**
 * The exports of our modules that the preview kinds' code (confirmation.ts, reminder.ts, digest.ts, alerts.ts,
 * update.ts and the renderers they import) takes from the editor-mail bundle when it is a file beside it
 * (kind-files.ts), by path under lambdas/: built without them (scripts/build-catalogues.ts), it uses the bundle's,
 * so each exists once (the catalogues and templates read once, the errors the router knows). A kind importing a
 * module of ours that is neither here nor in KIND_OWN_MODULES fails that build; a name not handed here fails it too.
 */
import { fragments, template } from '../email/compiled.ts';
import { escapeHtml, fill } from '../email/fill.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { messagesFor } from '../i18n/catalogues.ts';
import { longDate, zoneName } from '../i18n/dates.ts';
import { foreign, localizeDigest, localizeEvent, localizeStory, textHtml } from '../i18n/localize.ts';
import { plural } from '../i18n/messages.ts';
import { inviteWordsFor } from '../i18n/page-words.ts';
import {
  applyPatch, eventEndsAt, eventHistory, eventStartsAt, isConfirmation, isMove, isProvisional, PatchShapeError,
  whenAndWhere,
} from '../model/event.ts';
import { storyIsLive, storyRef } from '../model/story.ts';
import { follows, followsStory, leadDays } from '../model/subscriber.ts';
import { dayAligned, rangeText, readerDay, whenLines, whenShort, whenText } from '../when.ts';
import { addDays, isoWeekday, localDate, zonedToInstant } from '../zoned-time.ts';
import { stamped } from './context.ts';

export const SHARED_MAIL_MODULES_KEY = 'datewatch.editor-mail.shared-modules';

export const SHARED_MAIL_MODULES: Readonly<Record<string, object>> = {
  'core/email/compiled.ts': { fragments, template },
  'core/email/fill.ts': { escapeHtml, fill },
  'core/errors.ts': { NotFoundError, ValidationError },
  'core/i18n/catalogues.ts': { messagesFor },
  'core/i18n/dates.ts': { longDate, zoneName },
  'core/i18n/localize.ts': { foreign, localizeDigest, localizeEvent, localizeStory, textHtml },
  'core/i18n/messages.ts': { plural },
  'core/i18n/page-words.ts': { inviteWordsFor },
  'core/model/event.ts': {
    applyPatch, eventEndsAt, eventHistory, eventStartsAt, isConfirmation, isMove, isProvisional, PatchShapeError,
    whenAndWhere,
  },
  'core/model/story.ts': { storyIsLive, storyRef },
  'core/model/subscriber.ts': { follows, followsStory, leadDays },
  'core/preview-kinds/context.ts': { stamped },
  'core/when.ts': { dayAligned, rangeText, readerDay, whenLines, whenShort, whenText },
  'core/zoned-time.ts': { addDays, isoWeekday, localDate, zonedToInstant },
};

/** The modules the kinds' files bundle: each kind's code, which the editor-mail bundle holds none of. */
export const KIND_OWN_MODULES = [
  'core/preview-kinds/confirmation.ts', 'core/preview-kinds/reminder.ts', 'core/preview-kinds/digest.ts',
  'core/preview-kinds/alerts.ts', 'core/preview-kinds/update.ts',
  'core/email/render-confirmation.ts', 'core/email/render-reminder.ts', 'core/email/render-digest.ts',
  'core/email/render-alert.ts', 'core/email/render-update.ts', 'core/email/render-invite.ts', 'core/email/markdown.ts',
  'core/email/render-parts.ts', 'core/ical.ts', 'core/calendar-links.ts', 'core/change-notice.ts',
  'core/digest-content.ts', 'core/due.ts', 'core/links.ts',
] as const;
