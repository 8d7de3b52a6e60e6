import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SignUpQueue } from '#ports/sign-up-queue.ts';

/** One SendMessage per subscribe request: the same call whatever the address's state. */
export function makeSqsSignUpQueue(client: SQSClient, queueUrl: string): SignUpQueue {
  return {
    async enqueue(message) {
      await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(message) }));
    },
  };
}
