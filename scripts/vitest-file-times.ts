/**
 * A vitest reporter for finding where the suite's time goes: each file's import (collect) and test-and-hook time,
 * slowest first, printed and written as JSON (FILE_TIMES_OUT, default .local/file-times.json).
 * `npx vitest run --reporter=./scripts/vitest-file-times.ts --reporter=dot`
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

export default class FileTimes implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const rows = modules.map((m) => {
      const d = m.diagnostic();
      const tests = [...m.children.allTests()].map((t) => ({ name: t.fullName, ms: t.diagnostic()?.duration ?? 0 }));
      const file = m.moduleId.replace(`${process.cwd()}/`, '');
      return { file, collect: d.collectDuration, duration: d.duration, state: m.state(), tests };
    }).sort((a, b) => b.collect + b.duration - (a.collect + a.duration));
    const out = process.env.FILE_TIMES_OUT ?? '.local/file-times.json';
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(rows, null, 1));
    const s = (ms: number) => (ms / 1000).toFixed(1).padStart(6);
    console.log('  total  import  tests  file (seconds)');
    for (const r of rows.slice(0, 25)) {
      console.log(`${s(r.collect + r.duration)}${s(r.collect)}${s(r.duration)}  ${r.file} ${r.state}`);
    }
  }
}
