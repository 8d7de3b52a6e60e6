import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { makeDocumentClient } from '#adapters/dynamodb/client.ts';
import { dynamoDbProtocol } from '#local/aws-endpoint/dynamodb.ts';
import { makeInProcessHandler } from '#local/aws-endpoint/in-process.ts';
import { startAwsGateway, type AwsGateway } from '#local/aws-endpoint/server.ts';
import { freePort, startTestTable, type TestTable } from '../support/dynalite.ts';

let table: TestTable;
let gateway: AwsGateway;
const logs: string[] = [];
const asked: string[] = [];

beforeAll(async () => {
  table = await startTestTable();
  gateway = await startAwsGateway({
    port: await freePort(),
    services: { dynamodb: dynamoDbProtocol(table.endpoint) },
    // Reader may read; Writer may also write; anyone else nothing.
    iam: {
      async authorize(caller, action, resources) {
        asked.push(`${caller} ${action} ${resources.join(',')}`);
        const allowed = (caller === 'Reader' && action === 'dynamodb:GetItem') || (caller === 'Writer' && /GetItem|PutItem/.test(action));
        return allowed ? { allowed: true } : { allowed: false, message: `User: ${caller} is not authorized to perform: ${action}` };
      },
    },
    log: (line) => logs.push(line),
  });
});
afterAll(async () => { await gateway?.close(); await table?.close(); });

/** A function's document client, signing as `role`, over HTTP to the gateway or handing calls to it in process. */
function clientOf(role: string, inProcess: boolean) {
  const transport = makeInProcessHandler();
  transport.attach(gateway);
  return makeDocumentClient({
    region: 'us-east-1', endpoint: gateway.url, credentials: { accessKeyId: role, secretAccessKey: 'local' },
    ...(inProcess ? { requestHandler: transport.handler } : {}),
  });
}

const failure = (err: unknown) => ({ name: (err as Error).name, message: (err as Error).message, status: (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode });

describe('a function\'s SDK handing its calls to the local gateway in process', () => {
  it('gets the same answers, the same IAM questions and the same denial logs as over HTTP', async () => {
    // Prepare
    const item = { pk: 'PARITY#1', sk: 'ITEM', value: 'ä 😀 "quoted"' };
    const outcomes: Record<string, unknown[]> = {};
    // Act: the same calls through each transport.
    for (const inProcess of [false, true]) {
      logs.length = 0;
      asked.length = 0;
      const writer = clientOf('Writer', inProcess);
      const reader = clientOf('Reader', inProcess);
      const stranger = clientOf('Stranger', inProcess);
      const put = await writer.send(new PutCommand({ TableName: table.tableName, Item: { ...item, by: String(inProcess) } }));
      const got = await reader.send(new GetCommand({ TableName: table.tableName, Key: { pk: item.pk, sk: item.sk }, ConsistentRead: true }));
      const denied = await reader.send(new PutCommand({ TableName: table.tableName, Item: item })).catch(failure);
      const unknown = await stranger.send(new GetCommand({ TableName: table.tableName, Key: { pk: item.pk, sk: item.sk } })).catch(failure);
      outcomes[String(inProcess)] = [put.$metadata.httpStatusCode, { ...got.Item, by: undefined }, denied, unknown, [...asked], [...logs]];
      for (const c of [writer, reader, stranger]) c.destroy();
    }
    // Assess
    const [status, read, denied, unknown, questions, denials] = outcomes.true!;
    expect(status).toBe(200);
    expect(read).toEqual({ ...item, by: undefined });
    expect(denied).toMatchObject({ name: 'AccessDeniedException', message: 'User: Reader is not authorized to perform: dynamodb:PutItem', status: 400 });
    expect(unknown).toMatchObject({ name: 'AccessDeniedException', status: 400 });
    expect(questions).toHaveLength(4);
    expect(denials).toHaveLength(2);
    expect(outcomes.true).toEqual(outcomes.false);
  });

  it('refuses a call it cannot attribute, as the HTTP server does', async () => {
    // Prepare: a transport for a client whose request carries no signature.
    const transport = makeInProcessHandler();
    transport.attach(gateway);
    // Act
    const { response } = await transport.handler.handle({ method: 'POST', path: '/', headers: { 'X-Amz-Target': 'DynamoDB_20120810.GetItem' }, body: '{}' });
    const body = response.body.toString('utf8'); // bytes, as the SDK's deserializers take them
    // Assess
    expect(response.statusCode).toBe(403);
    expect(JSON.parse(body)).toMatchObject({ __type: 'MissingAuthenticationTokenException' });
  });

  it('refuses an empty string in a key condition, as DynamoDB does (dynalite would answer it)', async () => {
    for (const inProcess of [false, true]) {
      const query = (from: string) => clientOf('Reader', inProcess).send(new QueryCommand({
        TableName: table.tableName, KeyConditionExpression: 'pk = :p AND sk >= :from',
        ExpressionAttributeValues: { ':p': 'EVENT#x', ':from': from },
      }));
      await expect(query('')).rejects.toMatchObject({ name: 'ValidationException' });
    }
  });

  // A closed stack's emulators may already serve the next test.
  it('refuses every call once detached, as a closed stack must', async () => {
    // Arrange
    const transport = makeInProcessHandler();
    transport.attach(gateway);
    const client = makeDocumentClient({
      region: 'us-east-1', endpoint: gateway.url, credentials: { accessKeyId: 'Writer', secretAccessKey: 'local' },
      requestHandler: transport.handler,
    });
    const put = (id: string) =>
      client.send(new PutCommand({ TableName: table.tableName, Item: { pk: `LATE#${id}`, sk: 'x' } }));
    await put('before');
    // Act
    transport.detach();
    // Assess
    await expect(put('after')).rejects.toThrow('the local AWS gateway is closed');
    const read = await clientOf('Reader', false)
      .send(new GetCommand({ TableName: table.tableName, Key: { pk: 'LATE#after', sk: 'x' } }));
    expect(read.Item).toBeUndefined();
  });
});
