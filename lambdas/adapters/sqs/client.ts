import { SQSClient } from '@aws-sdk/client-sqs';
import type { AwsAccess } from '#lambdas/config.ts';

/** One SQS client per function; on one machine the endpoint is the local AWS endpoint, which checks IAM. */
export function makeSqsClient({ region, endpoint, credentials }: AwsAccess): SQSClient {
  return new SQSClient({ region, endpoint, credentials });
}
