import { escapeHtml } from './email/fill.ts';
import { buildRawMessage, prepareQuotedPrintable, spliceQuotedPrintable } from './email/mime.ts';
import { eventInvites, renderAlert, renderDigest, renderReminder, type EmailAttachment, type RenderedEmail } from './email/render.ts';
import type { StoryRef } from './model/story.ts';
import { digestSignature, type DigestContent } from './digest-content.ts';
import type { DatedEvent } from './model/event.ts';
import { renderUpdate } from './email/render-update.ts';
import { jobRef, type JobKind, type SendJob } from './model/job.ts';
import type { StoryUpdate } from './model/story-update.ts';
import { eventOnStoryPage, type Links } from './links.ts';
import type { Subscriber } from './model/subscriber.ts';
import { canonicalTimeZone } from './zoned-time.ts';
import type { LeadTime } from './model/subscriber.ts';
import { languageOf, type Language } from './model/language.ts';
import { localizeDigest, localizeEvent, localizeStory } from './i18n/localize.ts';

export interface ComposedEmail {
  subject: string;
  raw: string;
}

/** Renders one job's email for one reader: a reminder or alert names its event and story, a digest its reader's content, an update its text. */
export type Compose = (input: {
  job: SendJob; reader: Subscriber; event?: DatedEvent; story?: StoryRef & { url?: string }; digest?: DigestContent;
  update?: Pick<StoryUpdate, 'subject' | 'body'>; now: Date;
}) => ComposedEmail;

/** Stand-ins for a reader's own links while the shared part of a job's email is rendered and encoded once. */
const SLOT = { preferences: '\u0001preferences\u0001', unsubscribe: '\u0001unsubscribe\u0001' };
const SLOT_PATTERN = /\u0001(preferences|unsubscribe)\u0001/;
const CACHE_LIMIT = 256;

interface PreparedEmail {
  subject: string;
  language: Language;
  tags: Record<string, string>;
  html: ReturnType<typeof prepareQuotedPrintable>;
  text: ReturnType<typeof prepareQuotedPrintable>;
  /** The job's invitation, rendered once; each reader's ATTENDEE is added per email. */
  invite?: (attendeeEmail: string) => EmailAttachment;
}

/**
 * Turns a job and a reader into the raw message: the rendered template plus the headers bulk senders must
 * carry (RFC 8058 one-click unsubscribe, RFC 2369 List-Unsubscribe, RFC 2919 List-Id) and the SES message tag
 * naming the kind of mail. No header carries the job's key, which names the reader's zone. Everything but the
 * reader's links and invitation is the same for every reader of a job in one zone at one second, so it is
 * rendered and encoded once and reused; the invitation names its reader (ATTENDEE) and is made per reader.
 */
export function makeCompose({ links, from }: { links: Links; from: string }): Compose {
  const prepared = new Map<string, PreparedEmail>();
  const organizerEmail = addressOf(from);
  const listId = `Datewatch <datewatch.${organizerEmail.slice(organizerEmail.indexOf('@') + 1)}>`;

  function prepare(
    job: SendJob, readerTimeZone: string, event: DatedEvent | undefined, story: (StoryRef & { url?: string }) | undefined, digest: DigestContent | undefined,
    update: Pick<StoryUpdate, 'subject' | 'body'> | undefined, now: Date, standsFor: readonly LeadTime[],
      language: Language,
  ): PreparedEmail {
    const key = [job.id, readerTimeZone, language, event?.version, story?.title, Math.floor(now.getTime() / 1000),
      standsFor.join(','),
      job.kind === 'digest' && digest ? digestSignature(digest) : ''].join('|');
    const cached = prepared.get(key);
    if (cached) return cached;
    const slotLinks = { preferencesUrl: SLOT.preferences, unsubscribeUrl: SLOT.unsubscribe };
    // The story's and events' text in the reader's language where an editor wrote it, else as written (marked).
    const own = story?.language ?? 'en';
    const localStory = story && localizeStory(story, language, own);
    const localEvent = event && localizeEvent(event, language, own);
    const common = { readerTimeZone, links: slotLinks, now, language };
    let rendered: RenderedEmail;
    switch (job.kind) {
      case 'reminder':
        rendered = renderReminder({ ...common, event: localEvent!, story: localStory!, standsFor,
          eventPageUrl: eventOnStoryPage(links.storyPageUrl(story!.id, language), event!.id, readerTimeZone) });
        break;
      case 'digest': {
        rendered = renderDigest({ ...common, ...localizeDigest(digest, language), period: job.digest! });
        break;
      }
      case 'alert':
        rendered = renderAlert({ ...common, event: localEvent!, story: localStory!, kind: job.alert!.kind,
          previous: job.alert!.previous, version: job.alert!.version });
        break;
      case 'update':
        // An update never changes once stored: its job id (which names it) keys the cache.
        rendered = renderUpdate({ ...common, story: localStory!, subject: update!.subject, body: update!.body,
          storyPageUrl: links.storyPageUrl(story!.id, language) });
        break;
    }
    const email: PreparedEmail = {
      subject: rendered.subject,
      language: rendered.language,
      tags: sesTags(job.kind, jobRef(job.id)),
      html: prepareQuotedPrintable(rendered.html, SLOT_PATTERN),
      text: prepareQuotedPrintable(rendered.text, SLOT_PATTERN),
      ...(rendered.inviteMethod && localEvent ? {
        invite: eventInvites(localEvent, rendered.inviteMethod, { organizerEmail, now, readerTimeZone, change: rendered.change, language }),
      } : {}),
    };
    if (prepared.size >= CACHE_LIMIT) prepared.clear();
    prepared.set(key, email);
    return email;
  }

  return ({ job, reader, event, story, digest, update, now }) => {
    // A zone stored before zones were canonical still reads as its canonical name.
    const readerTimeZone = canonicalTimeZone(reader.preferences.timeZone) ?? reader.preferences.timeZone;
    // The reader's own farther reminders that yielded to this one today (they were skipped): the mail says so.
    const standsFor = job.standsFor?.filter((lead) => reader.preferences.reminders.includes(lead)) ?? [];
    const email = prepare(job, readerTimeZone, event, story, digest, update, now, standsFor,
      languageOf(reader.preferences));
    const preferencesUrl = links.preferencesUrl(reader.id, reader.email);
    const unsubscribeUrl = links.unsubscribeUrl(reader.id, reader.email);
    const raw = buildRawMessage({
      from,
      to: reader.email,
      subject: email.subject,
      html: spliceQuotedPrintable(email.html, { preferences: escapeHtml(preferencesUrl), unsubscribe: escapeHtml(unsubscribeUrl) }),
      text: spliceQuotedPrintable(email.text, { preferences: preferencesUrl, unsubscribe: unsubscribeUrl }),
      attachments: email.invite ? [email.invite(reader.email)] : [],
      messageDate: now,
      headers: {
        'List-Id': listId,
        'List-Unsubscribe': `<${unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'Content-Language': email.language,
        ...email.tags,
      },
    });
    return { subject: email.subject, raw };
  };
}

/**
 * SES reads this header of a raw message as message tags and removes it before delivery: the kind of mail (and
 * an opaque job reference) come back with every send, bounce and complaint event of the configuration set, so
 * they can be told apart per kind. SES writes the Feedback-ID header itself; a second one of ours would only
 * compete with it.
 */
export function sesTags(kind: JobKind | 'confirmation', ref?: string): Record<string, string> {
  return { 'X-SES-MESSAGE-TAGS': `kind=${kind}${ref ? `, job=${ref}` : ''}` };
}

/** The address part of `Name <address>` or a bare address. */
function addressOf(mailbox: string): string {
  return /<([^<>]+)>\s*$/.exec(mailbox)?.[1]?.trim() ?? mailbox.trim();
}
