/** The reminder preview (preview-kinds/context.ts): as the sender renders it when it is due. */
import { eventOnStoryPage } from '../links.ts';
import { reminderDueAt } from '../due.ts';
import { renderReminder } from '../email/render-reminder.ts';
import { isProvisional } from '../model/event.ts';
import type { LeadTime } from '../model/subscriber.ts';
import { ValidationError } from '../errors.ts';
import { stamped, type KindRenderers } from './context.ts';

export const RENDERERS: KindRenderers = {
  /** As the sender renders it when it is due: `at` defaults to the moment the reminder at `lead` goes out. */
  async reminder(ctx, q, at) {
    const { base, links, needEvent, inLanguage } = ctx;
    const event = await needEvent('reminder', q);
    if (event.status === 'cancelled') {
      throw new ValidationError(`event "${event.id}" is cancelled: readers get no reminder for it; `
        + 'preview kind cancelled');
    }
    if (isProvisional(event)) {
      throw new ValidationError(`event "${event.id}" has no date yet: readers get no reminder until it is confirmed`);
    }
    const tz = q.timeZone ?? event.timeZone;
    const lead: LeadTime = q.lead ?? 'P1D';
    const language = q.language ?? 'en';
    const storyPage = `${base}/stories/${encodeURIComponent(event.storyId)}?lang=${language}`;
    return stamped(renderReminder, {
      ...(await inLanguage(event, language)), readerTimeZone: tz, links,
      eventPageUrl: eventOnStoryPage(storyPage, event.id, tz),
      now: at ?? reminderDueAt(event, lead, tz), ...(q.withoutInvite ? { withoutInvite: true } : {}),
    });
  },
};
