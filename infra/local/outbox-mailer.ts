import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Mailer } from '#ports/mailer.ts';

/**
 * Wraps the SES mailer on one machine: every raw message SES accepted is also written to
 * `<dir>/<MessageId>.eml`, since the emulator drops custom headers (List-Unsubscribe) from its store.
 */
export function withOutbox(mailer: Mailer, dir: string): Mailer {
  let ready: Promise<unknown> | undefined;
  return {
    async sendRaw(message) {
      const sent = await mailer.sendRaw(message);
      ready ??= mkdir(dir, { recursive: true });
      await ready;
      await writeFile(join(dir, `${sent.messageId.replace(/[^A-Za-z0-9._-]/g, '_')}.eml`), message.raw);
      return sent;
    },
  };
}
