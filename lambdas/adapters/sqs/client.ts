import { SQSClient } from '@aws-sdk/client-sqs';
import { clientConfig, reuseSigner } from '#adapters/aws-client.ts';
import type { AwsAccess } from '#lambdas/config.ts';

/** One SQS client per function; on one machine the endpoint is the local AWS endpoint, which checks IAM. */
export function makeSqsClient(access: AwsAccess): SQSClient {
  // No cacheMiddleware: with it, concurrent sends share one context, which SQS's queueUrlMiddleware may rewrite per
  // call (the endpoint from each QueueUrl).
  const client = new SQSClient(clientConfig(access));
  reuseSigner(client);
  return client;
}
