import { buildRawMessage } from './email/mime.ts';
import { renderAlert, renderDigest, renderReminder, type RenderedEmail } from './email/render.ts';
import { digestEvents } from './due.ts';
import type { Links } from './links.ts';
import type { Compose } from './sender.ts';
import { story } from './story.ts';
import { leadDays } from './subscriber.ts';

/**
 * Turns a job and a reader into the raw message: the rendered template plus the headers bulk senders
 * must carry (RFC 8058 one-click unsubscribe, RFC 2369 List-Unsubscribe).
 */
export function makeCompose({ links, from }: { links: Links; from: string }): Compose {
  return ({ job, reader, event, events, now }) => {
    const emailLinks = { preferencesUrl: links.preferencesUrl(reader.id), unsubscribeUrl: links.unsubscribeUrl(reader.id) };
    const readerTimeZone = reader.preferences.timeZone;
    let rendered: RenderedEmail;
    switch (job.kind) {
      case 'reminder':
        rendered = renderReminder({ event: event!, readerTimeZone, leadDays: leadDays(job.lead!), links: emailLinks, now });
        break;
      case 'digest':
        rendered = renderDigest({ events: digestEvents(events, now), storyContext: story.context, readerTimeZone, period: job.digest!, links: emailLinks, now });
        break;
      case 'alert':
        rendered = renderAlert({ event: event!, kind: job.alert!.kind, previous: job.alert!.previous, readerTimeZone, links: emailLinks, now });
        break;
    }
    const raw = buildRawMessage({
      from,
      to: reader.email,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      attachments: rendered.attachments,
      messageDate: now,
      headers: {
        'List-Unsubscribe': `<${emailLinks.unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'X-Datewatch-Job': job.id.replace(/[^\x20-\x7e]/g, '?'),
      },
    });
    return { subject: rendered.subject, raw };
  };
}
