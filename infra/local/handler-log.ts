import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Where `npm start` puts the functions' own lines (JSON logs and EMF metrics, what CloudWatch Logs
 * would hold): always appended to a file, and printed too when asked for.
 */
export function openHandlerLog(file: string, print: boolean): { write(line: string): void; close(): Promise<void> } {
  mkdirSync(dirname(file), { recursive: true });
  const out = createWriteStream(file, { flags: 'a' });
  return {
    write(line) {
      out.write(`${line}\n`);
      if (print) console.log(line);
    },
    close: () => new Promise<void>((resolve) => out.end(resolve)),
  };
}
