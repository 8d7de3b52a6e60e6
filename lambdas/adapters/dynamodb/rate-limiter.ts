import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RateLimiter } from '#ports/rate-limiter.ts';
import { isConditionFailure } from './client.ts';

/**
 * One item per (key, window): `RATE#<key>#<windowStart>` / `RATE`, counted with a conditional ADD, so two
 * concurrent requests can never both take the last slot. The window is in the key, so an expired counter is
 * never read again even where TTL does not run (dynalite); TTL only tidies up on AWS.
 */
export function makeDynamoRateLimiter(doc: DynamoDBDocumentClient, tableName: string): RateLimiter {
  return {
    async hit(key, limit, windowSeconds, now) {
      const nowSeconds = Math.floor(now.getTime() / 1000);
      const windowStart = nowSeconds - (nowSeconds % windowSeconds);
      const retryAfterSeconds = windowStart + windowSeconds - nowSeconds;
      try {
        await doc.send(new UpdateCommand({
          TableName: tableName,
          Key: { pk: `RATE#${key}#${windowStart}`, sk: 'RATE' },
          UpdateExpression: 'ADD #c :one SET #ttl = if_not_exists(#ttl, :ttl)',
          ConditionExpression: 'attribute_not_exists(#c) OR #c < :limit',
          ExpressionAttributeNames: { '#c': 'hits', '#ttl': 'ttl' },
          ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':ttl': windowStart + windowSeconds + 3600 },
        }));
        return { allowed: true, retryAfterSeconds };
      } catch (err) {
        if (isConditionFailure(err)) return { allowed: false, retryAfterSeconds };
        throw err;
      }
    },
  };
}
