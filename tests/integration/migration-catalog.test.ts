import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importTable } from '#local/backup/table-backup.ts';
import type { LocalStack } from '#local/stack.ts';
import { api, startTestStack } from '../support/local-stack.ts';

/**
 * The upgrade that lists the stories with the events (one Query for GET /events), on a table written by the release
 * before it: `tests/fixtures/backups/before-catalog-listing.jsonl` was exported from commit c545791 (its stories
 * on gsi1 `STORIES`): the seed story with an edited summary (version 2), a second active story with one event, and
 * an archived third with one. Importing it and running the deploy's seed must leave every list as it was.
 */
const BACKUP = 'tests/fixtures/backups/before-catalog-listing.jsonl';
const LIMA = 'abe-putin-lima-2016';
let stack: LocalStack;
let token: string;
let seedReport: string[];

beforeAll(async () => {
  stack = await startTestStack();
  token = await stack.adminToken();
  const { dynamoEndpoint: endpoint, cloud } = stack;
  const imported = await importTable({ endpoint, tableName: cloud.tableName, file: BACKUP });
  expect(imported.written).toBe(8);
  seedReport = await stack.cloud.runCustomResources(); // what `cdk deploy` of the upgrade runs
});
afterAll(async () => { await stack?.close(); });

describe('a table whose stories were listed apart keeps every list after the upgrade', () => {
  it('the deploy\'s seed moves the three stories, once, and keeps their edits', async () => {
    expect(seedReport.join('\n')).toMatch(/"migrated":3/);
    expect((await stack.cloud.runCustomResources()).join('\n')).toMatch(/"migrated":0/);
    const lima = await api(stack, 'GET', `/admin/stories/${LIMA}`, { token });
    expect(lima.json).toMatchObject({ summary: 'Edited before the upgrade.', version: 2 });
  });

  it('GET /events lists the live stories and their upcoming events; GET /stories all, newest first', async () => {
    const events = await api(stack, 'GET', '/events');
    expect(events.json.stories.map((s: { id: string }) => s.id)).toEqual(['opec-vienna-2016', LIMA]);
    const storyIds = new Set(events.json.events.map((e: { storyId: string }) => e.storyId));
    expect([...storyIds].sort()).toEqual([LIMA, 'opec-vienna-2016']);
    expect(events.json.events.map((e: { id: string }) => e.id)).toContain('kishida-visits-russia');
    const stories = await api(stack, 'GET', '/stories');
    const ids = stories.json.stories.map((s: { id: string }) => s.id);
    expect(ids).toEqual(['opec-vienna-2016', LIMA, 'us-election-2016']);
  });

  it('a story edited after the upgrade is listed once, with the edit', async () => {
    const opec = await api(stack, 'GET', '/admin/stories/opec-vienna-2016', { token });
    const patched = await api(stack, 'PATCH', '/admin/stories/opec-vienna-2016', {
      token, body: { summary: 'Edited after the upgrade.' }, headers: { 'if-match': `"${opec.json.version}"` },
    });
    expect(patched.status, patched.text).toBe(200);
    const { stories } = (await api(stack, 'GET', '/events')).json;
    const listed = stories.filter((s: { id: string }) => s.id === 'opec-vienna-2016');
    expect(listed).toEqual([expect.objectContaining({ summary: 'Edited after the upgrade.' })]);
  });
});
