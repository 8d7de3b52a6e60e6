import { forwardInThread } from './forward-thread.ts';
import { jsonError, parseJson } from './json-errors.ts';
import { ACCOUNT_ID, ServiceError, type ServiceProtocol } from './types.ts';

const CONTENT_TYPE = 'application/x-amz-json-1.0';

/**
 * DynamoDB: `X-Amz-Target: DynamoDB_20120810.<Operation>`, the table (and index) named in the body. Allowed
 * calls go on, unchanged, to dynalite (through the forwarding thread, forward-thread.ts).
 */
export function dynamoDbProtocol(dynaliteUrl: string): ServiceProtocol {
  return {
    authorization(req) {
      const operation = req.target?.split('.')[1];
      if (!operation) throw new ServiceError('UnknownOperationException', 'missing X-Amz-Target');
      const body = parseJson(req.body);
      if (operation === 'Query') refuseEmptyKeyValues(body);
      const tableArn = (name: string) => `arn:aws:dynamodb:${req.region}:${ACCOUNT_ID}:table/${name}`;
      const tables = typeof body.TableName === 'string'
        ? [body.TableName]
        : Object.keys((body.RequestItems as Record<string, unknown> | undefined) ?? {});
      const resources = tables.map((t) => typeof body.IndexName === 'string' ? `${tableArn(t)}/index/${body.IndexName}` : tableArn(t));
      const transactItems = (body.TransactItems as Record<string, { TableName?: string }>[] | undefined) ?? [];
      for (const item of transactItems) for (const inner of Object.values(item)) if (inner?.TableName) resources.push(tableArn(inner.TableName));
      return { action: `dynamodb:${operation}`, resources: resources.length ? resources : [`arn:aws:dynamodb:${req.region}:${ACCOUNT_ID}:table/*`] };
    },
    accessDenied: (_req, message) => jsonError(CONTENT_TYPE, 'com.amazon.coral.service#AccessDeniedException', message),
    badRequest: (_req, code, message) => jsonError(CONTENT_TYPE, `com.amazonaws.dynamodb.v20120810#${code}`, message),
    serve: (req) => forwardInThread(dynaliteUrl, req),
  };
}

/**
 * DynamoDB refuses an empty string as a key attribute's value, in a Query's key condition too; dynalite answers
 * it. Refused here as DynamoDB does, so a query that would fail on AWS fails in the tests.
 */
function refuseEmptyKeyValues(body: Record<string, unknown>): void {
  const condition = typeof body.KeyConditionExpression === 'string' ? body.KeyConditionExpression : '';
  const values = (body.ExpressionAttributeValues ?? {}) as Record<string, { S?: string }>;
  for (const name of condition.match(/:[A-Za-z0-9_]+/g) ?? []) {
    if (values[name]?.S === '') {
      throw new ServiceError('ValidationException',
        'One or more parameter values are not valid. '
          + 'The AttributeValue for a key attribute cannot contain an empty string value.');
    }
  }
}
