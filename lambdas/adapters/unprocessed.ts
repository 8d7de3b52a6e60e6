/**
 * Batch APIs (DynamoDB BatchGet/BatchWrite, SQS SendMessageBatch) may accept a call and leave part of it
 * undone. This sends the batch, then only what was left, with exponential backoff, until nothing is left or
 * the attempts run out (then it throws: a half-done page is never reported as done).
 */
export async function untilAllProcessed<T>(
  items: T[],
  send: (batch: T[]) => Promise<T[]>,
  { attempts = 8, baseDelayMs = 25, maxDelayMs = 1000, what = 'items' }: { attempts?: number; baseDelayMs?: number; maxDelayMs?: number; what?: string } = {},
): Promise<void> {
  let left = items;
  for (let attempt = 0; left.length > 0; attempt++) {
    if (attempt >= attempts) throw new Error(`${left.length} ${what} still unprocessed after ${attempts} attempts`);
    if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(maxDelayMs, baseDelayMs * 2 ** attempt)));
    left = await send(left);
  }
}
