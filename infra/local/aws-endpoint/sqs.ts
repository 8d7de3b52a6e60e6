import { createHash, randomUUID } from 'node:crypto';
import { jsonError, parseJson } from './json-errors.ts';
import { ServiceError, type AwsRequest, type ServiceProtocol } from './types.ts';

const CONTENT_TYPE = 'application/x-amz-json-1.0';

/** A queue the gateway can deliver to: the local stand-in of one AWS::SQS::Queue. */
export interface GatewayQueue {
  arn: string;
  url: string;
  enqueue(bodies: string[]): void;
}

const JSON_NAMES: Record<string, string> = {
  'AWS.SimpleQueueService.NonExistentQueue': 'QueueDoesNotExist',
  'AWS.SimpleQueueService.TooManyEntriesInBatchRequest': 'TooManyEntriesInBatchRequest',
};

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

/**
 * SQS over its JSON protocol (`X-Amz-Target: AmazonSQS.<Action>`): SendMessage and SendMessageBatch, into the
 * in-process queue that feeds the sender the way the event source mapping does. The MD5s are real: the SDK
 * checks them.
 */
export function sqsProtocol(queues: readonly GatewayQueue[]): ServiceProtocol {
  const byUrl = (url: unknown) => {
    const name = typeof url === 'string' ? url.split('/').pop() : undefined;
    const queue = queues.find((q) => q.url === url || q.url.split('/').pop() === name);
    if (!queue) throw new ServiceError('AWS.SimpleQueueService.NonExistentQueue', `The specified queue does not exist: ${String(url)}`);
    return queue;
  };
  // The JSON error names the shape; the query-compatible header keeps the old query code the SDK also reads.
  const error = (code: string, message: string) => jsonError(CONTENT_TYPE, `com.amazonaws.sqs#${JSON_NAMES[code] ?? code}`, message, {
    'x-amzn-query-error': `${code};Sender`,
  });
  return {
    authorization(req) {
      const action = req.target?.split('.')[1];
      if (!action) throw new ServiceError('InvalidAction', 'missing X-Amz-Target');
      const queue = byUrl(parseJson(req.body).QueueUrl);
      // SendMessageBatch is authorized as sqs:SendMessage, as on AWS.
      const iamAction = action === 'SendMessageBatch' ? 'SendMessage' : action;
      return { action: `sqs:${iamAction}`, resources: [queue.arn] };
    },
    accessDenied: (_req, message) => error('AccessDenied', message),
    badRequest: (_req, code, message) => error(code, message),
    async serve(req: AwsRequest) {
      const action = req.target?.split('.')[1];
      const body = parseJson(req.body);
      const queue = byUrl(body.QueueUrl);
      const ok = (out: unknown) => ({ status: 200, headers: { 'content-type': CONTENT_TYPE }, body: JSON.stringify(out) });
      if (action === 'SendMessage') {
        const text = String(body.MessageBody ?? '');
        queue.enqueue([text]);
        return ok({ MessageId: randomUUID(), MD5OfMessageBody: md5(text) });
      }
      if (action === 'SendMessageBatch') {
        const entries = (body.Entries as { Id: string; MessageBody: string }[] | undefined) ?? [];
        if (entries.length === 0 || entries.length > 10) throw new ServiceError('AWS.SimpleQueueService.TooManyEntriesInBatchRequest', 'a batch holds 1 to 10 entries');
        queue.enqueue(entries.map((e) => e.MessageBody));
        return ok({ Successful: entries.map((e) => ({ Id: e.Id, MessageId: randomUUID(), MD5OfMessageBody: md5(e.MessageBody) })), Failed: [] });
      }
      throw new ServiceError('InvalidAction', `the local SQS serves SendMessage and SendMessageBatch, not ${action}`);
    },
  };
}
