import { SQSClient } from '@aws-sdk/client-sqs';
import { clientConfig } from '#adapters/aws-client.ts';
import type { AwsAccess } from '#lambdas/config.ts';

/** One SQS client per function; on one machine the endpoint is the local AWS endpoint, which checks IAM. */
export function makeSqsClient(access: AwsAccess): SQSClient {
  return new SQSClient(clientConfig(access));
}
