import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { makeCompose } from '#core/compose.ts';
import { renderDigest, renderReminder } from '#core/email/render.ts';
import type { StoryRef } from '#core/model/story.ts';
import type { SendJob } from '#core/model/job.ts';
import type { Links } from '#core/links.ts';
import type { Subscriber } from '#core/model/subscriber.ts';
import { allDayEvent } from '../support/events.ts';

const links: Links = {
  confirmUrl: (id) => `https://news.example.com/subscriptions/confirm?token=c-${id}`,
  preferencesUrl: (id) => `https://news.example.com/preferences?token=p-${id}&x=1`,
  unsubscribeUrl: (id) => `https://news.example.com/unsubscribe?token=u-${id}`,
  storyPageUrl: (id) => `https://news.example.com/stories/${id}`,
};
const story: StoryRef = { id: 'abe-putin-lima-2016', title: 'Abe and Putin meet in Lima', publisher: 'Kyodo News', background: ['Eight-point plan'] };
const event = allDayEvent({ title: 'Kishida <visits> "Russia" & more' });
const job: SendJob = {
  id: 'reminder|kishida-visit|2016-12-03|P7D|Asia/Tokyo', kind: 'reminder', dueAt: '2016-11-25T23:00:00.000Z', timeZone: 'Asia/Tokyo',
  eventId: event.id, eventDate: '2016-12-03', lead: 'P7D', status: 'queued', createdAt: '2016-11-25T23:00:00.000Z',
};
const reader = (id: string): Subscriber => ({
  id, email: `${id}@example.com`, status: 'active', preferences: { timeZone: 'Asia/Tokyo', reminders: ['P7D'], digest: 'none', events: 'all' },
  consent: { requestedAt: '', requestIpHash: '', requestUserAgent: '' }, createdAt: '', updatedAt: '', confirmedAt: '2016-11-20T00:00:00.000Z',
});

/** The decoded body of the part with this content type, found by the MIME boundaries (quoted-printable or base64). */
function partBody(raw: string, type: string): string {
  const boundaries = [...raw.matchAll(/boundary="([^"]+)"/g)].map((m) => m[1]!);
  const parts = boundaries.flatMap((b) => raw.split(`--${b}`));
  const part = parts.find((p) => p.startsWith(`\r\nContent-Type: ${type}`))!;
  const split = part.indexOf('\r\n\r\n');
  const [head, body] = [part.slice(0, split), part.slice(split + 4).replace(/\r\n$/, '')];
  if (/base64/.test(head)) return Buffer.from(body, 'base64').toString('utf8');
  const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

describe('compose', () => {
  const now = new Date('2016-11-25T23:00:00Z');
  const compose = makeCompose({ links, from: 'Datewatch <alerts@datewatch.example>' });

  it('produces, for each reader, exactly the email a direct render with that reader\'s links gives', () => {
    for (const id of ['alice', 'bob', 'carol']) {
      // Act
      const { raw, subject } = compose({ job, reader: reader(id), event, story, now });
      // Assess: one render is shared by all three, but each gets only their own links.
      const direct = renderReminder({
        event, story, readerTimeZone: 'Asia/Tokyo', now,
        links: { preferencesUrl: links.preferencesUrl(id), unsubscribeUrl: links.unsubscribeUrl(id) },
        // The text part's one calendar line: the event on its story's page, in the reader's zone.
        eventPageUrl: `https://news.example.com/stories/${story.id}?timeZone=Asia%2FTokyo#event-${event.id}`,
      });
      expect(subject).toBe(direct.subject);
      // Text parts travel with CRLF line ends (RFC 2045); otherwise the bodies are identical.
      expect(partBody(raw, 'text/html')).toBe(direct.html.replace(/\r?\n/g, '\r\n'));
      expect(partBody(raw, 'text/plain')).toBe(direct.text.replace(/\r?\n/g, '\r\n'));
      expect(raw).toContain(`List-Unsubscribe: <${links.unsubscribeUrl(id)}>`);
      expect(raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
      for (const line of raw.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
    }
  });

  it('invites each reader by name (ATTENDEE) from the sender address (ORGANIZER)', () => {
    for (const id of ['alice', 'bob']) {
      const { raw } = compose({ job, reader: reader(id), event, story, now });
      const vevent = new ICAL.Component(ICAL.parse(partBody(raw, 'text/calendar'))).getFirstSubcomponent('vevent')!;
      expect(vevent.getFirstPropertyValue('organizer')).toBe('mailto:alerts@datewatch.example');
      expect(vevent.getAllProperties('attendee').map((p) => p.getFirstValue())).toEqual([`mailto:${id}@example.com`]);
      expect(vevent.getFirstProperty('attendee')!.getParameter('rsvp')).toBe('FALSE');
    }
  });

  it('keeps a digest of twenty long events well under Gmail\'s 102 KB, encoded and all', () => {
    const many = Array.from({ length: 60 }, (_, i) => allDayEvent({ id: `e${i}`, title: 'T'.repeat(200), summary: 'S'.repeat(2000), place: 'P'.repeat(200), date: '2016-12-10' }));
    const digestJob: SendJob = { ...job, id: 'digest|daily|Asia/Tokyo|2016-11-26', kind: 'digest', digest: 'daily', eventId: undefined, lead: undefined, eventDate: undefined };
    const { raw } = compose({ job: digestJob, reader: reader('alice'), digest: { groups: [{ story, events: many }], newStories: [] }, now });
    expect(Buffer.byteLength(raw)).toBeLessThan(90 * 1024);
  });

  it('renders each reader\'s own digest when two readers of one job follow different stories', () => {
    const digestJob: SendJob = { ...job, id: 'digest|weekly|Asia/Tokyo|2016-11-26', kind: 'digest', digest: 'weekly', eventId: undefined, lead: undefined, eventDate: undefined };
    const other: StoryRef = { id: 'g20', title: 'G20 in Hangzhou', publisher: 'Reuters' };
    const g20 = allDayEvent({ id: 'g20-talks', storyId: 'g20', title: 'G20 talks', date: '2016-12-10' });
    const lima = { groups: [{ story, events: [event] }], newStories: [] };
    const both = { groups: [{ story, events: [event] }, { story: other, events: [g20] }], newStories: [other] };
    // Same job, same zone, same second: only the content tells the two apart.
    for (const [id, digest] of [['alice', lima], ['bob', both], ['carol', lima]] as const) {
      const { raw, subject } = compose({ job: digestJob, reader: reader(id), digest, now });
      const direct = renderDigest({ ...digest, readerTimeZone: 'Asia/Tokyo', period: 'weekly', now, links: { preferencesUrl: links.preferencesUrl(id), unsubscribeUrl: links.unsubscribeUrl(id) } });
      expect(subject).toBe(direct.subject);
      expect(partBody(raw, 'text/plain')).toBe(direct.text.replace(/\r?\n/g, '\r\n'));
      expect(partBody(raw, 'text/plain').includes('G20 talks')).toBe(id === 'bob');
    }
  });

  it('carries List-Id and the kind as an SES tag, and no header with the job key or the reader\'s zone', () => {
    const { raw } = compose({ job, reader: reader('alice'), event, story, now });
    const headers = raw.slice(0, raw.indexOf('\r\n\r\n'));
    expect(headers).toContain('List-Id: Datewatch <datewatch.datewatch.example>');
    expect(headers).toMatch(/^X-SES-MESSAGE-TAGS: kind=reminder, job=[0-9a-f]{16}$/m);
    expect(headers).not.toContain('Asia/Tokyo');
    expect(headers).not.toContain(job.id);
  });
});
