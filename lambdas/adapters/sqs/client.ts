import { SQSClient } from '@aws-sdk/client-sqs';
import { clientConfig, reuseSigner } from '#adapters/aws-client.ts';
import type { AwsAccess } from '#lambdas/config.ts';

/** One SQS client per function; on one machine the endpoint is the local AWS endpoint, which checks IAM. */
export function makeSqsClient(access: AwsAccess): SQSClient {
  // No cacheMiddleware here: with it, concurrent sends share one context, which SQS's queueUrlMiddleware may rewrite
  // per call (the endpoint from each QueueUrl). SES's sends are the volume; the dispatcher sends a batch per 10 pages.
  const client = new SQSClient(clientConfig(access));
  reuseSigner(client);
  return client;
}
