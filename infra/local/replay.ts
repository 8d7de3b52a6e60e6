import { DEMO_READERS, REPLAY_END, REPLAY_START, replayStory, SEVEN_ZONE_READERS } from './replay-story.ts';

/** `npm run replay [-- --json] [-- --seven-zones]`: the story's mail from 2016-11-20 to 2016-12-17, in three zones (or seven). */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const readers = process.argv.includes('--seven-zones') ? SEVEN_ZONE_READERS : DEMO_READERS;
const { rows, dispatches, seconds, deadLetters } = await replayStory({ readers });

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  const widths = [25, 16, 8];
  console.log(['local send time', 'reader zone', 'kind', 'subject'].map((h, i) => h.padEnd(widths[i] ?? 0)).join('  '));
  for (const row of rows) console.log([row.sentAt.padEnd(widths[0]!), row.timeZone.padEnd(widths[1]!), row.kind.padEnd(widths[2]!), row.subject].join('  '));
  const byKind = rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.kind]: (acc[r.kind] ?? 0) + 1 }), {});
  console.log(`\n${rows.length} emails to ${readers.length} readers (${Object.entries(byKind).map(([k, n]) => `${n} ${k}`).join(', ')}); `
    + `${dispatches} hourly dispatches from ${REPLAY_START.toISOString()} to ${REPLAY_END.toISOString()} in ${seconds.toFixed(1)} s; dead letters: ${deadLetters}`);
}
