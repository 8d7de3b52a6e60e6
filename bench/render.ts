/**
 * Rendering: one personalised reminder with the compiled templates (render alone, and compose: tokens, render,
 * MIME) against the naive way, an mjml2html call for every email followed by the same MIME step.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import mjml2html from 'mjml';
import { makeCompose } from '#core/compose.ts';
import { buildRawMessage } from '#core/email/mime.ts';
import { renderReminder } from '#core/email/render.ts';
import type { DatedEvent } from '#core/model/event.ts';
import type { SendJob } from '#core/model/job.ts';
import { makeLinks } from '#core/links.ts';
import { limaSeed, storyRef } from '#core/model/story.ts';
import type { Subscriber } from '#core/model/subscriber.ts';
import { subscriberIdOf } from '#core/subscriber-id.ts';
import { makeTokens } from '#core/tokens.ts';
import { median, progress, round } from './lib.ts';

const { story: seedStory, events: storyEvents } = limaSeed();

const templatesDir = fileURLToPath(new URL('../templates/', import.meta.url));
const ZONES = ['Asia/Tokyo', 'Europe/Moscow', 'America/New_York', 'UTC'];

export interface RenderResult {
  compiledRenderUs: number;
  compiledComposeUs: number;
  mimeShareUs: number;
  mjmlRenderUs: number;
  naiveComposeUs: number;
  speedupRender: number;
  speedupCompose: number;
  htmlBytes: number;
  rawBytes: number;
  mjmlRenders: number;
  compiledEmails: number;
}

export async function benchRender({ emails = 20_000, mjmlRenders = 30 } = {}): Promise<RenderResult> {
  const now = new Date('2016-12-14T00:00:00Z');
  const source = storyEvents.find((e) => e.id === 'abe-putin-summit-yamaguchi') ?? storyEvents[0]!;
  const event: DatedEvent = { ...source, status: 'scheduled', version: 1, createdAt: '2016-11-20T00:00:00.000Z', updatedAt: '2016-11-20T00:00:00.000Z' };
  const tokens = makeTokens({ keys: { current: 'bench-signing-key-0123456789abcdef' }, clock: { now: () => now } });
  const links = makeLinks({ baseUrl: 'https://news.example.com', tokens });
  const compose = makeCompose({ links, from: 'Datewatch <alerts@datewatch.example>' });
  const story = storyRef({ ...seedStory, status: 'active', version: 1, createdAt: '', updatedAt: '' });
  const job: SendJob = {
    id: `reminder|${event.id}|2016-12-15|P1D|Asia/Tokyo`, kind: 'reminder', dueAt: now.toISOString(), timeZone: 'Asia/Tokyo',
    eventId: event.id, eventDate: '2016-12-15', lead: 'P1D', status: 'fanning-out', createdAt: now.toISOString(),
  };
  const readers: Subscriber[] = Array.from({ length: 1000 }, (_, i) => {
    const email = `reader-${i}@bench.example.com`;
    return {
      id: subscriberIdOf(email), email, status: 'active',
      preferences: { timeZone: ZONES[i % ZONES.length]!, reminders: ['P1D'], digest: 'none', events: 'all' },
      consent: { requestedAt: '', requestIpHash: '', requestUserAgent: '' },
      createdAt: '', updatedAt: '',
    };
  });
  const emailLinks = { preferencesUrl: links.preferencesUrl(readers[0]!.id), unsubscribeUrl: links.unsubscribeUrl(readers[0]!.id) };

  const timeEach = (n: number, once: (i: number) => unknown): number => {
    for (let i = 0; i < Math.min(2000, n); i++) once(i); // warm-up
    const rounds: number[] = [];
    for (let r = 0; r < 5; r++) {
      const t0 = performance.now();
      for (let i = 0; i < n / 5; i++) once(i);
      rounds.push(((performance.now() - t0) * 1000) / (n / 5));
    }
    return median(rounds);
  };

  progress(`render: ${emails} reminders with the compiled templates`);
  const renderUs = timeEach(emails, (i) => renderReminder({
    event, story, readerTimeZone: readers[i % readers.length]!.preferences.timeZone, links: emailLinks, now,
  }));
  const composeUs = timeEach(emails, (i) => compose({ job, reader: readers[i % readers.length]!, event, story, now }));
  const sample = renderReminder({ event, story, readerTimeZone: 'Asia/Tokyo', links: emailLinks, now });
  const raw = compose({ job, reader: readers[0]!, event, story, now }).raw;

  progress(`render: ${mjmlRenders} reminders with mjml2html each (the naive way)`);
  const mjmlSource = await readFile(`${templatesDir}reminder.mjml`, 'utf8');
  const options = { filePath: `${templatesDir}reminder.mjml`, includePath: templatesDir, ignoreIncludes: false, validationLevel: 'skip' as const };
  // Unminified: cheaper than the build's minified output, so the comparison flatters the naive way.
  for (let i = 0; i < 3; i++) await mjml2html(mjmlSource, options);
  const mjmlTimes: number[] = [];
  for (let i = 0; i < mjmlRenders; i++) {
    const t0 = performance.now();
    const { html } = await mjml2html(mjmlSource.replace(/\{\{\{?\s*unsubscribeUrl\s*\}?\}\}/g, emailLinks.unsubscribeUrl), options);
    buildRawMessage({ from: 'alerts@datewatch.example', to: readers[i % readers.length]!.email, subject: sample.subject, html, text: sample.text, attachments: sample.attachments, messageDate: now });
    mjmlTimes.push((performance.now() - t0) * 1000);
  }
  const naiveComposeUs = median(mjmlTimes);
  const mimeShareUs = Math.max(0, composeUs - renderUs);
  const mjmlRenderUs = Math.max(0, naiveComposeUs - mimeShareUs);
  const result: RenderResult = {
    compiledRenderUs: round(renderUs, 1), compiledComposeUs: round(composeUs, 1), mimeShareUs: round(mimeShareUs, 1),
    mjmlRenderUs: round(mjmlRenderUs, 0), naiveComposeUs: round(naiveComposeUs, 0),
    speedupRender: round(mjmlRenderUs / renderUs, 0), speedupCompose: round(naiveComposeUs / composeUs, 0),
    htmlBytes: Buffer.byteLength(sample.html), rawBytes: Buffer.byteLength(raw), mjmlRenders, compiledEmails: emails,
  };
  progress(`render: compiled ${result.compiledRenderUs} µs (compose incl. MIME ${result.compiledComposeUs} µs), mjml2html ${result.mjmlRenderUs} µs`);
  return result;
}
