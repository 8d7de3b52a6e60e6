import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { api, startTestStack } from '../support/local-stack.ts';
import { addActiveReader } from '../support/readers.ts';
import { clearSesStore, readSesStore, type StoredEmail } from '#local/ses-emulator.ts';
import type { LocalStack } from '#local/stack.ts';

let stack: LocalStack;
let sesPort: number;
let token: string;

const at = (iso: string) => stack.dispatch(new Date(iso));
/** The emulator's store keeps attachment bodies base64-encoded. */
const attachmentText = (a: { content: string }) => Buffer.from(a.content, 'base64').toString('utf8');
const inbox = async (to: string): Promise<StoredEmail[]> => (await readSesStore(sesPort)).filter((m) => m.destination.to.includes(to));

beforeAll(async () => {
  stack = await startTestStack();
  sesPort = Number(new URL(stack.sesUrl).port);
  token = await stack.adminToken();
  await addActiveReader(stack.deps.subscriberStore, 'tokyo@example.com', { timeZone: 'Asia/Tokyo', reminders: ['P7D', 'P1D'], digest: 'none' });
  await addActiveReader(stack.deps.subscriberStore, 'ny@example.com', { timeZone: 'America/New_York', reminders: ['P1D'], digest: 'none', events: ['kishida-visits-russia'] });
});
afterAll(async () => { await stack?.close(); });
beforeEach(async () => { await clearSesStore(sesPort); });

describe('delivery on the scheduler clock', () => {
  it('sends the 7-day reminder for 3 December at 08:00 Tokyo on 26 November, not a minute before, and once', async () => {
    await at('2016-11-26T07:59:00+09:00');
    expect(await inbox('tokyo@example.com')).toEqual([]);

    const report = await at('2016-11-26T08:00:00+09:00');
    expect(report.recipients).toBe(1);
    const mail = await inbox('tokyo@example.com');
    expect(mail.map((m) => m.subject)).toEqual(['In 7 days: Foreign Minister Kishida visits Russia for talks with Lavrov']);

    const again = await at('2016-11-26T08:00:00+09:00');
    expect(again.recipients).toBe(0);
    expect(await inbox('tokyo@example.com')).toHaveLength(1);
  });

  it('attaches an .ics that a third-party parser reads, with the stable UID and METHOD:REQUEST', async () => {
    await at('2016-12-02T08:00:00+09:00');
    const [mail] = await inbox('tokyo@example.com');
    expect(mail!.subject).toBe('Tomorrow: Foreign Minister Kishida visits Russia for talks with Lavrov');
    const ics = mail!.attachments!.find((a) => /calendar/.test(a.contentType))!;
    const cal = new ICAL.Component(ICAL.parse(attachmentText(ics)));
    expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(cal.getFirstSubcomponent('vevent')!.getFirstPropertyValue('uid')).toBe('kishida-visits-russia@datewatch');
  });

  it('sends the New York reader its 1-day reminder at 08:00 New York time', async () => {
    await at('2016-12-02T07:59:00-05:00');
    expect(await inbox('ny@example.com')).toEqual([]);
    await at('2016-12-02T08:00:00-05:00');
    expect((await inbox('ny@example.com')).map((m) => m.subject)).toEqual(['Tomorrow: Foreign Minister Kishida visits Russia for talks with Lavrov']);
  });

  it('alerts followers when an event moves, and the next reminder names the new date', async () => {
    const moved = await api(stack, 'PATCH', '/admin/events/abe-putin-economic-talks-tokyo', { token, body: { date: '2016-12-17' }, headers: { 'if-match': '"1"' } });
    expect(moved.status).toBe(200);
    await at('2016-12-03T09:00:00+09:00');
    const alerts = await inbox('tokyo@example.com');
    expect(alerts.map((m) => m.subject)).toEqual([expect.stringMatching(/moved/i)]);
    expect(alerts[0]!.body.text).toMatch(/17 December 2016/);
    expect(await inbox('ny@example.com')).toEqual([]); // follows only Kishida's visit

    await at('2016-12-10T08:00:00+09:00');
    const reminder = await inbox('tokyo@example.com');
    expect(reminder.map((m) => m.subject)).toContain('In 7 days: Abe and Putin discuss economic issues in Tokyo');
    expect(reminder.find((m) => m.subject.startsWith('In 7 days: Abe and Putin discuss'))!.body.text).toMatch(/17 December 2016/);
  });

  it('sends a cancellation with METHOD:CANCEL and no reminder for the cancelled event afterwards', async () => {
    const cancelled = await api(stack, 'DELETE', '/admin/events/abe-putin-summit-yamaguchi', { token });
    expect(cancelled.status).toBe(200);
    await at('2016-12-10T09:00:00+09:00');
    const [alert] = await inbox('tokyo@example.com');
    expect(alert!.subject).toMatch(/cancelled/i);
    const ics = alert!.attachments!.find((a) => /calendar/.test(a.contentType))!;
    expect(attachmentText(ics)).toMatch(/METHOD:CANCEL/);

    await clearSesStore(sesPort);
    await at('2016-12-14T08:00:00+09:00');
    expect((await inbox('tokyo@example.com')).filter((m) => /Yamaguchi/.test(m.subject))).toEqual([]);
  });

  it('does not send mail already queued for a reader who unsubscribed in between (RFC 8058 one-click POST)', async () => {
    // Prepare: a reader who follows everything, and a reminder job that exists already.
    const reader = await addActiveReader(stack.deps.subscriberStore, 'leaving@example.com', { timeZone: 'Asia/Tokyo', reminders: ['P7D'] });
    const jobId = 'reminder|kishida-visits-russia|2016-12-03|P7D|Asia/Tokyo';
    expect(await stack.deps.jobStore.get(jobId)).toBeDefined();
    const unsubscribe = await fetch(stack.deps.links.unsubscribeUrl(reader.id), {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click',
    });
    expect(unsubscribe.status).toBe(200);

    // Act: the message for that reader reaches the sender after the unsubscribe.
    await stack.queue.sendAll([{ jobId, recipients: [reader.id] }]);
    await stack.queue.drain();

    // Assess
    expect(await inbox('leaving@example.com')).toEqual([]);
    const [delivery] = await stack.deps.ledger.recentFor(reader.id, 5);
    expect(delivery).toMatchObject({ jobId, status: 'SKIPPED', reason: 'reader unsubscribed' });
  });
});
