import type { Clock } from '#ports/clock.ts';
import { sesTags } from './compose.ts';
import type { Mailer } from '#ports/mailer.ts';
import type { DatedEvent } from './event.ts';
import { renderConfirmation } from './email/render.ts';
import { buildRawMessage } from './email/mime.ts';
import { follows, type Subscriber } from './subscriber.ts';

/** Sends the double opt-in email; the subscription use cases decide when. */
export type SendConfirmation = (subscriber: Subscriber, confirmUrl: string) => Promise<void>;

export function makeConfirmationMailer({ mailer, sender, events, clock }: {
  mailer: Mailer;
  sender: string;
  events: { listAll(): Promise<DatedEvent[]> };
  clock: Clock;
}): SendConfirmation {
  return async (subscriber, confirmUrl) => {
    const now = clock.now();
    const followed = (await events.listAll()).filter((e) => follows(subscriber.preferences, e.storyId, e.id));
    const mail = renderConfirmation({ confirmUrl, events: followed, readerTimeZone: subscriber.preferences.timeZone, now });
    const raw = buildRawMessage({
      from: sender, to: subscriber.email, subject: mail.subject, html: mail.html, text: mail.text,
      attachments: mail.attachments, messageDate: now,
      // Transactional, not bulk: it carries no List-Unsubscribe; ignoring it is how a reader declines.
      headers: { 'Auto-Submitted': 'auto-generated', ...sesTags('confirmation') },
    });
    await mailer.sendRaw({ to: subscriber.email, raw });
  };
}
