import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importTable } from '#local/backup/table-backup.ts';
import { clearSesStore, readSesStore } from '#local/ses-emulator.ts';
import type { LocalStack } from '#local/stack.ts';
import { api, startTestStack } from '../support/local-stack.ts';

/**
 * The upgrade to many stories, on a table written by the release before it: `tests/fixtures/backups/before-stories.jsonl`
 * was made by `npm run export` from commit cf438d3 (one story as a constant; three readers following all of it or
 * one event; a reminder sent, an event moved and its alert sent; a pending sign-up). Its events carry no storyId and
 * no story index entry; its readers no `stories` preference. Importing it and running the deploy's seed (the custom
 * resource) must leave a service that works as before.
 */
const BACKUP = 'tests/fixtures/backups/before-stories.jsonl';
const LIMA = 'abe-putin-lima-2016';
let stack: LocalStack;
let sesPort: number;
let token: string;
let seedReport: string[];

const inbox = async (to: string) => (await readSesStore(sesPort)).filter((m) => m.destination.to.includes(to));

beforeAll(async () => {
  stack = await startTestStack();
  sesPort = Number(new URL(stack.sesUrl).port);
  token = await stack.adminToken();
  const imported = await importTable({ endpoint: stack.dynamoEndpoint, tableName: stack.cloud.tableName, file: BACKUP });
  expect(imported.written).toBe(28);
  seedReport = await stack.cloud.runCustomResources(); // what `cdk deploy` of the upgrade runs
});
afterAll(async () => { await stack?.close(); });

describe('a table from before stories keeps working after the upgrade', () => {
  it('the deploy\'s seed gives the old events their story', async () => {
    expect(seedReport.join('\n')).toMatch(/"migrated":3/);
    const stories = await api(stack, 'GET', '/stories');
    expect(stories.json.stories.map((s: { id: string }) => s.id)).toEqual([LIMA]);
    const moved = await api(stack, 'GET', '/admin/events/abe-putin-economic-talks-tokyo', { token });
    expect(moved.json).toMatchObject({ storyId: LIMA, date: '2016-12-17', version: 2 });
    const own = await api(stack, 'GET', `/stories/${LIMA}/events.ics`);
    expect(own.text.match(/BEGIN:VEVENT/g)).toHaveLength(3);
    // An event stored before the change log existed shows its creation from its own source.
    const page = await api(stack, 'GET', `/stories/${LIMA}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Kishida will visit Russia on Dec. 3');
  });

  it('a second run of the seed changes nothing', async () => {
    const again = await stack.cloud.runCustomResources();
    expect(again.join('\n')).toMatch(/"migrated":0/);
  });

  it('readers from before follow every story: reminders and digests go out as before, once', async () => {
    await clearSesStore(sesPort);
    // The old cursor stands at 27 November 09:00 Tokyo. The Moscow reader follows Kishida's visit only (P1D: 2 December 08:00 Moscow).
    await stack.dispatch(new Date('2016-12-02T08:00:00+03:00'));
    const moscow = (await inbox('moscow@example.com')).map((m) => m.subject);
    expect(moscow).toEqual(['Tomorrow: Foreign Minister Kishida visits Russia for talks with Lavrov']);
    const tokyo = (await inbox('tokyo@example.com')).map((m) => m.subject);
    // Tokyo asked for P7D and P1D and a weekly digest: the 7-day reminder went out before the export, the weekly digest of Monday 28 November now.
    expect(tokyo).toContain('Tomorrow: Foreign Minister Kishida visits Russia for talks with Lavrov');
    expect(tokyo.filter((s) => s.startsWith('In 7 days: Foreign Minister Kishida'))).toEqual([]);
    const digest = (await inbox('tokyo@example.com')).find((m) => m.subject.startsWith('Weekly digest'))!;
    expect(digest.body.text).toContain('== Abe and Putin meet in Lima');
    const count = (await readSesStore(sesPort)).length;
    await stack.dispatch(new Date('2016-12-02T08:00:00+03:00'));
    expect((await readSesStore(sesPort)).length).toBe(count);
  });

  it('the admin API finds a reader from before, whose missing stories preference reads as all', async () => {
    const lookup = await api(stack, 'GET', '/admin/subscribers/ny%40example.com', { token });
    expect(lookup.json).toMatchObject({ status: 'active', preferences: { timeZone: 'America/New_York', events: 'all' } });
    expect(lookup.json.preferences.stories).toBeUndefined();
  });
});
