import { describe, expect, it } from 'vitest';
import { whyNot } from '#core/audience.ts';
import { makeCompose } from '#core/compose.ts';
import { renderUpdate } from '#core/email/render-update.ts';
import { updateJobId, type SendJob } from '#core/model/job.ts';
import type { Links } from '#core/links.ts';
import { planJobs } from '#core/planning.ts';
import { makeStoryUpdates } from '#core/story-updates.ts';
import type { StoryUpdate } from '#core/model/story-update.ts';
import type { Story } from '#core/model/story.ts';
import type { Preferences, Subscriber } from '#core/model/subscriber.ts';
import { formToPreferences, preferencesSchema } from '#core/subscription-schema.ts';
import { preferenceFields } from '#core/pages/preference-fields.ts';
import type { UpdateStore } from '#ports/update-store.ts';
import { makePreviews } from '#core/previews.ts';

const STORY = 'opec-vienna-2016';
const now = new Date('2016-12-05T18:00:00Z');
const job: SendJob = {
  id: updateJobId(STORY, 'u1'), kind: 'update', dueAt: now.toISOString(), storyId: STORY, updateId: 'u1', status: 'queued', createdAt: now.toISOString(),
};
const reader = (prefs: Partial<Preferences> = {}, over: Partial<Subscriber> = {}): Subscriber => ({
  id: 'r1', email: 'r1@example.com', status: 'active',
  preferences: { timeZone: 'Asia/Tokyo', reminders: ['P7D'], digest: 'none', events: 'all', ...prefs },
  consent: { requestedAt: '', requestIpHash: '', requestUserAgent: '' }, createdAt: '', updatedAt: '', confirmedAt: '2016-11-20T00:00:00.000Z', ...over,
});

describe('planning an update', () => {
  it('makes one job per pending update, for every zone, with an id naming story and update; a story no longer active: skipped', () => {
    // Act
    const jobs = planJobs({
      from: new Date(now.getTime() - 60_000), to: now, events: [], zones: ['Asia/Tokyo', 'UTC'], alerts: [],
      updates: [{ storyId: STORY, updateId: 'u1', storyStatus: 'active' }, { storyId: 'old', updateId: 'u2', storyStatus: 'archived' }],
    }).filter((j) => j.kind === 'update');
    // Assess
    expect(jobs).toEqual([
      { id: 'update|opec-vienna-2016|u1', kind: 'update', dueAt: now.toISOString(), storyId: STORY, updateId: 'u1', status: 'fanning-out', createdAt: now.toISOString() },
      { id: 'update|old|u2', kind: 'update', dueAt: now.toISOString(), storyId: 'old', updateId: 'u2', status: 'skipped', reason: 'story archived', createdAt: now.toISOString() },
    ]);
  });
});

describe('who gets an update (whyNot, asked at fan-out and again at send time)', () => {
  it('every follower of the story, in any zone, whatever events they chose', () => {
    expect(whyNot(reader(), job)).toBeUndefined();
    expect(whyNot(reader({ stories: [STORY], events: ['some-event'], timeZone: 'America/Chicago' }), job)).toBeUndefined();
    expect(whyNot(reader({ updates: true }), job)).toBeUndefined();
  });

  it('not readers of another story, nor readers who turned updates off, nor who left or confirmed after it fell due', () => {
    expect(whyNot(reader({ stories: ['abe-putin-lima-2016'] }), job)).toEqual({ code: 'preferences-changed', reason: 'reader does not follow the story' });
    expect(whyNot(reader({ updates: false }), job)).toEqual({ code: 'preferences-changed', reason: "reader turned editors' updates off" });
    expect(whyNot(reader({}, { status: 'unsubscribed' }), job)?.code).toBe('reader-unsubscribed');
    expect(whyNot(reader({}, { confirmedAt: '2016-12-06T00:00:00.000Z' }), job)?.code).toBe('confirmed-after-due');
    expect(whyNot(undefined, job)?.code).toBe('reader-erased');
  });
});

describe('the updates preference', () => {
  it('the form sends a hidden "no" and the checkbox\'s "yes"; the last counts; a page without it leaves the choice alone', () => {
    expect(formToPreferences({ updates: ['no', 'yes'] }).updates).toBe(true);
    expect(formToPreferences({ updates: 'no' }).updates).toBe(false);
    expect(formToPreferences({}).updates).toBeUndefined();
    expect(preferencesSchema.parse({ updates: false })).toEqual({ updates: false });
    expect(() => preferencesSchema.parse({ updates: 'no' })).toThrow(/updates must be true or false/);
  });

  it('the preferences page has the checkbox, ticked unless the reader turned updates off', () => {
    const base: Preferences = { timeZone: 'UTC', reminders: [], digest: 'none', events: 'all' };
    expect(preferenceFields(base, [])).toMatch(/<input type="checkbox" name="updates" value="yes" checked> Editors(&#39;|') updates about the stories I follow/);
    expect(preferenceFields({ ...base, updates: false }, [])).toMatch(/<input type="checkbox" name="updates" value="yes"> Editors(&#39;|')/);
  });
});

describe('composing an update', () => {
  const links: Links = {
    confirmUrl: (id) => `https://news.example.com/c?token=${id}`,
    preferencesUrl: (id) => `https://news.example.com/preferences?token=p-${id}`,
    unsubscribeUrl: (id) => `https://news.example.com/unsubscribe?token=u-${id}`,
    storyPageUrl: (id) => `https://news.example.com/stories/${id}`,
  };
  const story = { id: STORY, title: 'OPEC agrees first output cut since 2008', publisher: 'Reuters', url: 'https://www.reuters.com/opec' };
  const update = { subject: 'Ministers meet on Saturday', body: 'The **non-OPEC** ministers join.\n\n- Russia\n- Mexico\n\n<script>alert(1)</script>' };

  it('every "more" line is a link, and the preheader is the body\'s first sentence in plain words', () => {
    // Prepare: a story with no article of its own, a body that opens with a list and a bare link.
    const noArticle = { id: STORY, title: 'OPEC agrees first output cut since 2008', publisher: 'Reuters' };
    const body = '- Russia joins [the cut](https://example.com/cut) https://example.com/raw today. More follows.\n- Mexico too';

    // Act
    const mail = renderUpdate({ story: noArticle, subject: 'Who joins', body, readerTimeZone: 'Asia/Tokyo', links: { preferencesUrl: 'https://p.example/', unsubscribeUrl: 'https://u.example/' }, storyPageUrl: `https://news.example.com/stories/${STORY}`, now });

    // Assess
    expect(mail.html).toContain(`<a href="https://news.example.com/stories/${STORY}">More in &ldquo;OPEC agrees first output cut since 2008&rdquo; on Datewatch</a>`);
    expect(mail.text).toContain(`More in "OPEC agrees first output cut since 2008" on Datewatch: https://news.example.com/stories/${STORY}`);
    expect(mail.html).not.toMatch(/More in[^<]*<\/(?!a>)/);
    expect(mail.html).toMatch(/color:#4b5563[^>]*>Russia joins the cut today\.</);
  });

  it('renders the alerts\' layout: the story on top, the subject as heading, the body, the story\'s link, a text part', () => {
    const mail = renderUpdate({ story, ...update, readerTimeZone: 'Asia/Tokyo', links: { preferencesUrl: 'https://p.example/', unsubscribeUrl: 'https://u.example/' }, storyPageUrl: `https://news.example.com/stories/${STORY}`, now });
    expect(mail.subject).toBe('Ministers meet on Saturday');
    expect(mail.html).toMatch(/From the story &ldquo;OPEC agrees first output cut since 2008&rdquo; \(Reuters\)/);
    expect(mail.html).toMatch(/<h1[^>]*>Ministers meet on Saturday<\/h1>/);
    expect(mail.html).toContain('The <strong>non-OPEC</strong> ministers join.');
    expect(mail.html).toContain('<li>Russia</li><li>Mexico</li>');
    expect(mail.html).toContain('<a href="https://www.reuters.com/opec">Read the story at Reuters</a>');
    expect(mail.html).not.toMatch(/<script/i);
    expect(mail.html).toContain('&lt;script&gt;');
    // Dated on the reader's calendar: 18:00 UTC on 5 December is 6 December in Tokyo.
    expect(mail.html).toContain('Tuesday 6 December 2016');
    expect(mail.text).toContain('From the story "OPEC agrees first output cut since 2008" (Reuters)');
    expect(mail.text).toContain('The non-OPEC ministers join.\n\n- Russia\n- Mexico\n\n<script>alert(1)</script>');
    expect(mail.text).toContain('Read the story: https://www.reuters.com/opec');
  });

  it('compose gives each reader the update with their own links and the update\'s SES tag', () => {
    const compose = makeCompose({ links, from: 'Datewatch <alerts@datewatch.example>' });
    const a = compose({ job, reader: reader(), story, update, now });
    const b = compose({ job, reader: { ...reader(), id: 'r2', email: 'r2@example.com' }, story, update, now });
    expect(a.subject).toBe('Ministers meet on Saturday');
    expect(a.raw).toMatch(/X-SES-MESSAGE-TAGS: kind=update, job=[0-9a-f]{16}/);
    expect(a.raw).toContain('List-Unsubscribe: <https://news.example.com/unsubscribe?token=u-r1>');
    expect(b.raw).toContain('List-Unsubscribe: <https://news.example.com/unsubscribe?token=u-r2>');
    expect(b.raw).not.toContain('token=u-r1');
  });
});

describe('posting an update (the use case, over an in-memory store)', () => {
  const story = (status: Story['status'] = 'active'): Story => ({
    id: STORY, title: 'OPEC', publisher: 'Reuters', publishedOn: '2016-11-30', language: 'en', background: [], status, version: 1, createdAt: '', updatedAt: '',
  });
  const memoryStore = (): UpdateStore & { items: Map<string, StoryUpdate> } => {
    const items = new Map<string, StoryUpdate>();
    return {
      items,
      create: async (u) => (items.has(`${u.storyId}/${u.id}`) ? false : (items.set(`${u.storyId}/${u.id}`, u), true)),
      get: async (s, id) => items.get(`${s}/${id}`),
      listByStory: async (s) => [...items.values()].filter((u) => u.storyId === s).reverse(),
      pending: async () => [...items.values()].filter((u) => u.status === 'pending'),
      markDispatched: async () => {},
    };
  };
  const service = (status: Story['status'] = 'active') => {
    const updates = memoryStore();
    return { updates, api: makeStoryUpdates({ updates, stories: { get: async (id) => (id === STORY ? story(status) : undefined) }, jobs: { get: async () => undefined }, clock: { now: () => now } }) };
  };
  const body = { subject: 'Ministers meet', body: 'Saturday.' };

  it('stores it pending once per Idempotency-Key; the same request again is the first result; another request under the key is refused', async () => {
    const { updates, api } = service();
    const first = await api.post(STORY, 'key-1', body);
    expect(first).toMatchObject({ created: true, update: { storyId: STORY, subject: 'Ministers meet', body: 'Saturday.', status: 'pending', createdAt: now.toISOString() } });
    expect(first.update).not.toHaveProperty('requestHash');
    expect(await api.post(STORY, 'key-1', body)).toEqual({ created: false, update: first.update });
    await expect(api.post(STORY, 'key-1', { ...body, body: 'Sunday.' })).rejects.toThrow(/Idempotency-Key was used for another update/);
    expect(updates.items.size).toBe(1);
  });

  it('refuses a missing or malformed key, a long or multi-line subject, a long body, an unknown or archived story', async () => {
    const { api } = service();
    await expect(api.post(STORY, undefined, body)).rejects.toThrow(/Idempotency-Key/);
    await expect(api.post(STORY, 'x'.repeat(101), body)).rejects.toThrow(/Idempotency-Key/);
    await expect(api.post(STORY, 'has space', body)).rejects.toThrow(/Idempotency-Key/);
    await expect(api.post(STORY, 'k', { ...body, subject: 'a\nb' })).rejects.toThrow(/subject must be a single line/);
    await expect(api.post(STORY, 'k', { ...body, subject: 'x'.repeat(151) })).rejects.toThrow(/subject must be at most 150/);
    await expect(api.post(STORY, 'k', { ...body, body: 'x'.repeat(10_001) })).rejects.toThrow(/body must be at most 10000/);
    await expect(api.post(STORY, 'k', { ...body, extra: 1 })).rejects.toThrow(/unknown field "extra"/);
    await expect(api.post('no-such-story', 'k', body)).rejects.toThrow(/no story with id "no-such-story"/);
    await expect(service('archived').api.post(STORY, 'k', body)).rejects.toThrow(/the story is archived/);
  });
});

describe('previewing an update (GET /admin/previews/update)', () => {
  const story: Story = {
    id: STORY, title: 'OPEC', publisher: 'Reuters', publishedOn: '2016-11-30', url: 'https://www.reuters.com/opec', language: 'en', background: [],
    status: 'active', version: 1, createdAt: '', updatedAt: '',
  };
  const stored: StoryUpdate = { id: 'u1', storyId: STORY, subject: 'Stored subject', body: 'Stored *body*.', status: 'dispatched', createdAt: '', requestHash: 'h' };
  const previews = makePreviews({
    events: { get: async () => undefined, listAll: async () => [], listFrom: async () => [] },
    stories: { get: async (id) => (id === STORY ? story : undefined), list: async () => [story] },
    updates: { get: async (s, id) => (s === STORY && id === 'u1' ? stored : undefined) },
    clock: { now: () => now }, publicBaseUrl: 'https://datewatch.example',
  });
  const links = { preferencesUrl: 'https://datewatch.example/preferences?token=preview', unsubscribeUrl: 'https://datewatch.example/unsubscribe?token=preview' };

  it('renders a draft exactly as renderUpdate does for the sender, in the chosen zone', async () => {
    const preview = await previews.preview('update', { story: STORY, subject: 'Draft', body: '**Soon**', timeZone: 'Asia/Tokyo' });
    const direct = renderUpdate({ story: { id: STORY, title: 'OPEC', publisher: 'Reuters', background: [], url: 'https://www.reuters.com/opec' }, subject: 'Draft', body: '**Soon**', readerTimeZone: 'Asia/Tokyo', links, storyPageUrl: `https://datewatch.example/stories/${STORY}`, now });
    expect(preview).toEqual({ subject: direct.subject, html: direct.html, text: direct.text });
  });

  it('renders a stored update by id; refuses a missing story, subject or body, an unknown update, and both at once', async () => {
    expect((await previews.preview('update', { story: STORY, update: 'u1' })).subject).toBe('Stored subject');
    await expect(previews.preview('update', { subject: 'x', body: 'y' })).rejects.toThrow(/story is required/);
    await expect(previews.preview('update', { story: STORY, subject: 'x' })).rejects.toThrow(/needs subject and body/);
    await expect(previews.preview('update', { story: STORY, update: 'nope' })).rejects.toThrow(/no update with id "nope"/);
    await expect(previews.preview('update', { story: STORY, update: 'u1', subject: 'x', body: 'y' })).rejects.toThrow(/not both/);
    await expect(previews.preview('reminder', { event: 'e', subject: 'x' })).rejects.toThrow(/subject applies to update previews only/);
  });
});
