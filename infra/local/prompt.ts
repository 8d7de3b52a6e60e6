import { createInterface } from 'node:readline/promises';

/**
 * Asks on stderr and reads a line from stdin; with `secret`, typed characters are not echoed (a TTY in raw mode).
 * Stdout stays free for the one thing a command prints, such as a token.
 */
export async function ask(question: string, { secret = false } = {}): Promise<string> {
  const { stdin, stderr } = process;
  if (!secret || !stdin.isTTY) {
    const rl = createInterface({ input: stdin, output: stderr, terminal: Boolean(stdin.isTTY) });
    try { return (await rl.question(question)).trim(); } finally { rl.close(); }
  }
  stderr.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise<string>((resolve, reject) => {
    let typed = '';
    const done = (err?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
      if (err) reject(err); else resolve(typed);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new Error('cancelled'));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}
