import { SQSClient } from '@aws-sdk/client-sqs';
import { clientConfig, reuseSigner } from '#adapters/aws-client.ts';
import type { AwsAccess } from '#lambdas/config.ts';

/** One SQS client per function; on one machine the endpoint is the local AWS endpoint, which checks IAM. */
export function makeSqsClient(access: AwsAccess): SQSClient {
  // The middleware stack resolved once per command type, not on every send (no command adds its own).
  const client = new SQSClient({ ...clientConfig(access), cacheMiddleware: true });
  reuseSigner(client);
  return client;
}
