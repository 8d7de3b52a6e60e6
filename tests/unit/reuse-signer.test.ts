import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SendRawEmailCommand, SESClient } from '@aws-sdk/client-ses';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { reuseSigner } from '#adapters/aws-client.ts';
import { makeDocumentClient } from '#adapters/dynamodb/client.ts';
import { makeSesClient } from '#adapters/ses/mailer.ts';
import { makeSqsClient } from '#adapters/sqs/client.ts';

interface SignedRequest {
  headers: Record<string, string>;
}
interface Signer {
  sign(request: SignedRequest, options: Record<string, unknown>): Promise<SignedRequest>;
}

/** Keeps each signed request and answers as the service would, with no network. */
function recordingHandler(answer: (headers: Record<string, string>) => { contentType: string; body: string }) {
  const seen: Record<string, string>[] = [];
  const requests: SignedRequest[] = [];
  return {
    seen,
    requests,
    handler: {
      async handle(request: SignedRequest & { clone(): SignedRequest }) {
        seen.push({ ...request.headers });
        requests.push(request.clone());
        const { contentType, body } = answer(request.headers);
        return {
          response: { statusCode: 200, headers: { 'content-type': contentType }, body: Buffer.from(body, 'utf8') },
        };
      },
      updateHttpClientConfig() {},
      httpHandlerConfigs: () => ({}),
      destroy() {},
    },
  };
}

const credentials = { accessKeyId: 'SenderFunction', secretAccessKey: 'secret', sessionToken: 'session' };
const sesAnswer = () => ({
  contentType: 'text/xml',
  body: '<SendRawEmailResponse><SendRawEmailResult><MessageId>m-1</MessageId></SendRawEmailResult>'
    + '</SendRawEmailResponse>',
});
const dynamoAnswer = () => ({ contentType: 'application/x-amz-json-1.0', body: '{}' });
const sqsAnswer = () => ({
  contentType: 'application/x-amz-json-1.0',
  // MD5 of "hello", which the SDK checks against the body it sent.
  body: JSON.stringify({ MessageId: 'q-1', MD5OfMessageBody: '5d41402abc4b2a76b9719d911017c592' }),
});

/** Each request signed again, as sent, by a new signer from `client`'s own provider (what the SDK does per call). */
async function resigned(client: { config: { signer: () => Promise<unknown> } }, requests: SignedRequest[]) {
  const out: string[] = [];
  for (const request of requests) {
    const signer = (await client.config.signer()) as Signer;
    const { authorization, ...headers } = request.headers;
    const amzDate = headers['x-amz-date']!;
    const signingDate = new Date(
      // 20261208T010007Z as 2026-12-08T01:00:07Z
      amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'),
    );
    const again = await signer.sign({ ...request, headers }, { signingDate });
    out.push(again.headers.authorization ?? '');
  }
  return out;
}

describe('one SigV4 signer per client', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-08T01:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("signs every SES send exactly as the SDK's own signer, made afresh for each call, does", async () => {
    // Prepare: our client (signer kept); a plain SDK client gives the signer made per call.
    const ours = recordingHandler(sesAnswer);
    const kept = makeSesClient({
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:1',
      credentials,
      requestHandler: ours.handler,
    });
    const plain = new SESClient({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:1', credentials, maxAttempts: 1 });
    // Act: several messages, some seconds apart (a new date in the signature).
    for (const [i, text] of ['first', 'second', 'third'].entries()) {
      vi.setSystemTime(new Date(Date.UTC(2026, 11, 8, 1, 0, i * 7)));
      await kept.send(
        new SendRawEmailCommand({
          RawMessage: { Data: Buffer.from(`Subject: ${text}\r\n\r\nbody`) },
          ConfigurationSetName: 'mail',
        }),
      );
    }
    // Assert: each request signed again by a fresh signer gets the signature it carries.
    expect(await resigned(plain, ours.requests)).toEqual(ours.seen.map((h) => h.authorization));
    expect(new Set(ours.seen.map((h) => h.authorization)).size).toBe(3);
  });

  it('signs DynamoDB and SQS calls as the SDK does, asking the signer provider once', async () => {
    // Prepare
    const ours = recordingHandler(dynamoAnswer);
    const sqsOurs = recordingHandler(sqsAnswer);
    const doc = makeDocumentClient({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:1',
      credentials,
      requestHandler: ours.handler,
    });
    const sqs = makeSqsClient({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:1',
      credentials,
      requestHandler: sqsOurs.handler,
    });
    // A plain document client whose signer provider (as the SDK made it) is counted.
    const counted = recordingHandler(dynamoAnswer);
    const plainDoc = new DynamoDBClient({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:1',
      credentials,
      requestHandler: counted.handler,
    });
    const sdkProvider = plainDoc.config.signer;
    let asked = 0;
    plainDoc.config.signer = (scheme) => {
      asked++;
      return sdkProvider(scheme);
    };
    // Act
    for (let i = 0; i < 3; i++) {
      vi.setSystemTime(new Date(Date.UTC(2026, 11, 8, 1, 0, i * 7)));
      await doc.send(new PutCommand({ TableName: 'datewatch', Item: { pk: `JOB#${i}`, sk: 'TO#r', n: i } }));
      await sqs.send(
        new SendMessageCommand({ QueueUrl: 'http://127.0.0.1:1/000000000000/send', MessageBody: 'hello' }),
      );
      await plainDoc.send(
        new GetItemCommand({ TableName: 'datewatch', Key: { pk: { S: `JOB#${i}` }, sk: { S: 'TO#r' } } }),
      );
    }
    reuseSigner(plainDoc);
    for (let i = 0; i < 3; i++)
      await plainDoc.send(
        new GetItemCommand({ TableName: 'datewatch', Key: { pk: { S: 'JOB#x' }, sk: { S: `TO#${i}` } } }),
      );
    // Assert: the signatures a fresh signer gives; the plain client asked its provider per call, then once.
    expect(await resigned(new DynamoDBClient({ region: 'us-east-1', credentials }), ours.requests)).toEqual(
      ours.seen.map((h) => h.authorization),
    );
    expect(await resigned(new SQSClient({ region: 'us-east-1', credentials }), sqsOurs.requests)).toEqual(
      sqsOurs.seen.map((h) => h.authorization),
    );
    expect(asked).toBe(4);
  });

  it('asks the provider again after it failed', async () => {
    // Prepare: a provider that fails once, then gives a signer.
    let calls = 0;
    const signer = { sign: async (request: unknown) => request };
    const client = {
      config: {
        signer: async () => {
          calls++;
          if (calls === 1) throw new Error('no credentials yet');
          return signer;
        },
      },
    };
    reuseSigner(client);
    // Act
    const first = await client.config.signer().catch((err: Error) => err.message);
    const second = await client.config.signer();
    const third = await client.config.signer();
    // Assert
    expect(first).toBe('no credentials yet');
    expect(second).toBe(signer);
    expect(third).toBe(signer);
    expect(calls).toBe(2);
  });
});
