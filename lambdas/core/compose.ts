import { escapeHtml } from './email/fill.ts';
import { buildRawMessage, prepareQuotedPrintable, spliceQuotedPrintable } from './email/mime.ts';
import { renderAlert, renderDigest, renderReminder, type EmailAttachment, type RenderedEmail } from './email/render.ts';
import { digestEvents } from './due.ts';
import type { DatedEvent } from './event.ts';
import type { SendJob } from './job.ts';
import type { Links } from './links.ts';
import type { Compose } from './sender.ts';
import { story } from './story.ts';
import { leadDays } from './subscriber.ts';

/** Stand-ins for a reader's own links while the shared part of a job's email is rendered and encoded once. */
const SLOT = { preferences: '\u0001preferences\u0001', unsubscribe: '\u0001unsubscribe\u0001' };
const SLOT_PATTERN = /\u0001(preferences|unsubscribe)\u0001/;
const CACHE_LIMIT = 256;

interface PreparedEmail {
  subject: string;
  html: ReturnType<typeof prepareQuotedPrintable>;
  text: ReturnType<typeof prepareQuotedPrintable>;
  attachments: EmailAttachment[];
}

/**
 * Turns a job and a reader into the raw message: the rendered template plus the headers bulk senders must
 * carry (RFC 8058 one-click unsubscribe, RFC 2369 List-Unsubscribe). Everything but the reader's links is the
 * same for every reader of a job in one zone at one second, so it is rendered and encoded once and reused.
 */
export function makeCompose({ links, from }: { links: Links; from: string }): Compose {
  const prepared = new Map<string, PreparedEmail>();

  function prepare(job: SendJob, readerTimeZone: string, event: DatedEvent | undefined, events: DatedEvent[], now: Date): PreparedEmail {
    const key = [job.id, readerTimeZone, event?.version, Math.floor(now.getTime() / 1000),
      job.kind === 'digest' ? events.map((e) => `${e.id}:${e.version}`).join(',') : ''].join('|');
    const cached = prepared.get(key);
    if (cached) return cached;
    const slotLinks = { preferencesUrl: SLOT.preferences, unsubscribeUrl: SLOT.unsubscribe };
    let rendered: RenderedEmail;
    switch (job.kind) {
      case 'reminder':
        rendered = renderReminder({ event: event!, readerTimeZone, leadDays: leadDays(job.lead!), links: slotLinks, now });
        break;
      case 'digest':
        rendered = renderDigest({ events: digestEvents(events, now), storyContext: story.context, readerTimeZone, period: job.digest!, links: slotLinks, now });
        break;
      case 'alert':
        rendered = renderAlert({ event: event!, kind: job.alert!.kind, previous: job.alert!.previous, readerTimeZone, links: slotLinks, now });
        break;
    }
    const email: PreparedEmail = {
      subject: rendered.subject,
      html: prepareQuotedPrintable(rendered.html, SLOT_PATTERN),
      text: prepareQuotedPrintable(rendered.text, SLOT_PATTERN),
      attachments: rendered.attachments,
    };
    if (prepared.size >= CACHE_LIMIT) prepared.clear();
    prepared.set(key, email);
    return email;
  }

  return ({ job, reader, event, events, now }) => {
    const email = prepare(job, reader.preferences.timeZone, event, events, now);
    const preferencesUrl = links.preferencesUrl(reader.id);
    const unsubscribeUrl = links.unsubscribeUrl(reader.id);
    const raw = buildRawMessage({
      from,
      to: reader.email,
      subject: email.subject,
      html: spliceQuotedPrintable(email.html, { preferences: escapeHtml(preferencesUrl), unsubscribe: escapeHtml(unsubscribeUrl) }),
      text: spliceQuotedPrintable(email.text, { preferences: preferencesUrl, unsubscribe: unsubscribeUrl }),
      attachments: email.attachments,
      messageDate: now,
      headers: {
        'List-Unsubscribe': `<${unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'X-Datewatch-Job': job.id.replace(/[^\x20-\x7e]/g, '?'),
      },
    });
    return { subject: email.subject, raw };
  };
}
