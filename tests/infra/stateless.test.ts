import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../infra/aws/datewatch-function.ts';
import { routeKey, routes } from '../../lambdas/routes.ts';
import { TABLE_LAYOUT } from '../../lambdas/adapters/dynamodb/layout.ts';
import { actionsOf, FUNCTIONS, inspect, ref, sharedSynth, type FunctionId, type Statement } from './template-helpers.ts';

let template: Template;
let t: ReturnType<typeof inspect>;

beforeAll(() => {
  template = sharedSynth().statelessTemplate;
  t = inspect(template);
});

const logicalId = (type: string, prefix: string) => t.logicalId(type, prefix);
const statementsOf = (roleId: string) => t.statementsOf(roleId);
const allows = (name: FunctionId, action: string) => t.allows(name, action);
const sesActions = (name: FunctionId) => t.functionStatements(name).flatMap(actionsOf).filter((a) => a.startsWith('ses:'));
const tokenSecret = { 'Fn::ImportValue': expect.stringMatching(/TokenSigningKeys/) };
const suppressionSecret = { 'Fn::ImportValue': expect.stringMatching(/SuppressionKeys/) };

/** The function's DynamoDB grants: item actions on the table itself, and the indexes it may Query. */
function tableAccess(name: FunctionId): { items: string[]; queryIndexes: string[] } {
  const dynamo = t.functionStatements(name).filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
  const onIndexes = dynamo.filter((s) => ref(s.Resource).includes('/index/'));
  const onTable = dynamo.filter((s) => !onIndexes.includes(s));
  for (const s of onTable) expect(s.Resource, name).toEqual({ 'Fn::ImportValue': expect.stringMatching(/Table.*Arn/) });
  for (const s of onIndexes) expect(actionsOf(s), name).toEqual(['dynamodb:Query']);
  return {
    items: onTable.flatMap(actionsOf).map((a) => a.replace('dynamodb:', '')).sort(),
    queryIndexes: onIndexes.flatMap((s) => [...ref(s.Resource).matchAll(/\/index\/(\w+)/g)].map((m) => m[1]!)).sort(),
  };
}

describe('functions', () => {
  it('run Node.js 22 or newer on arm64 with tracing off (no SDK client is instrumented) and a log group of their own', () => {
    for (const name of FUNCTIONS) {
      const props = t.functionProps(name);
      expect(Number(/^nodejs(\d+)\.x$/.exec(props.Runtime)?.[1]), name).toBeGreaterThanOrEqual(22);
      expect(props.Architectures, name).toEqual(['arm64']);
      expect(props.TracingConfig?.Mode ?? 'PassThrough', name).not.toBe('Active');
      expect(t.functionStatements(name).flatMap(actionsOf).filter((a) => a.startsWith('xray:')), name).toEqual([]);
      expect(ref(props.LoggingConfig), name).toContain(`${name}Logs`);
    }
  });

  it('every Lambda in the stack, the CDK custom-resource framework included, runs Node.js 22 or newer', () => {
    for (const props of Object.values(template.findResources('AWS::Lambda::Function')).map((r) => r.Properties)) {
      expect(Number(/^nodejs(\d+)\.x$/.exec(props.Runtime)?.[1])).toBeGreaterThanOrEqual(22);
    }
  });

  it('name the handler file each runs, for the local stack', () => {
    const handlers = Object.fromEntries(FUNCTIONS.map((name) => [name, t.resources[logicalId('AWS::Lambda::Function', `${name}Function`)]!.Metadata?.['datewatch:handler']]));
    expect(handlers).toEqual({
      PublicPages: 'public-pages', Subscribe: 'subscribe', PublicApi: 'public-api', Preferences: 'preferences',
      StaticFiles: 'static-files', AdminApi: 'admin-api', SubscriberCsv: 'subscriber-csv', MailJobs: 'mail-jobs',
      EditorMail: 'editor-mail', Proposals: 'proposals',
      SignUps: 'sign-ups', Dispatcher: 'dispatcher', Sender: 'sender', SesEvents: 'ses-events', Seed: 'seed',
    });
  });
});

describe('environment: each function is told only what its composition root reads', () => {
  const keys = (name: FunctionId) => Object.keys(t.env(name)).sort();

  it('subscribe knows the table, the suppression keys (its keyed hashes), the sign-up queue; no signing key', () => {
    expect(keys('Subscribe')).toEqual(['NODE_OPTIONS', 'SIGN_UP_QUEUE_URL', 'SUPPRESSION_SECRET_NAME', 'TABLE_NAME']);
    expect(t.env('Subscribe').SIGN_UP_QUEUE_URL).toEqual({ Ref: logicalId('AWS::SQS::Queue', 'SignUpQueue') });
  });

  it('the public API (confirm, unsubscribe) knows the table, both keys and where links point; no queue', () => {
    expect(keys('PublicApi')).toEqual([
      'NODE_OPTIONS', 'PUBLIC_BASE_URL', 'SUPPRESSION_SECRET_NAME', 'TABLE_NAME', 'TOKEN_SECRET_NAME',
    ]);
  });

  it('preferences knows the table, the signing keys and where links point; no suppression key, no queue', () => {
    expect(keys('Preferences')).toEqual(['NODE_OPTIONS', 'PUBLIC_BASE_URL', 'TABLE_NAME', 'TOKEN_SECRET_NAME']);
  });

  it('readers\' pages know the table and where links point; static files the console\'s sign-in; proposals nothing', () => {
    expect(keys('PublicPages')).toEqual(['NODE_OPTIONS', 'PUBLIC_BASE_URL', 'TABLE_NAME']);
    expect(keys('StaticFiles')).toEqual([
      'CONSOLE_AUTH_DOMAIN_URL', 'CONSOLE_CLIENT_ID', 'CONSOLE_REDIRECT_URI', 'CONSOLE_SIGN_IN', 'NODE_OPTIONS',
    ]);
    expect(keys('Proposals')).toEqual(['NODE_OPTIONS']);
  });

  it('the sign-up worker knows the table, the signing keys, where links point and how to mail the confirmation; never the queue it consumes', () => {
    expect(keys('SignUps')).toEqual(['NODE_OPTIONS', 'PUBLIC_BASE_URL', 'SENDER_EMAIL', 'SES_CONFIGURATION_SET', 'SUPPRESSION_SECRET_NAME', 'TABLE_NAME', 'TOKEN_SECRET_NAME']);
  });

  it('the sender knows the same, its own send rate and the ceiling on the whole sender; never the queue it consumes', () => {
    expect(keys('Sender')).toEqual([
      'MAX_SEND_RATE_PER_SECOND', 'NODE_OPTIONS', 'PUBLIC_BASE_URL', 'SENDER_EMAIL', 'SENDER_MAX_CONCURRENCY', 'SEND_RATE_PER_SECOND',
      'SES_CONFIGURATION_SET', 'SUPPRESSION_SECRET_NAME', 'TABLE_NAME', 'TOKEN_SECRET_NAME',
    ]);
    expect(t.env('Sender').MAX_SEND_RATE_PER_SECOND).toBe('14');
  });

  it('the dispatcher knows the table, the send queue and how many readers go in one message', () => {
    expect(keys('Dispatcher')).toEqual(['NODE_OPTIONS', 'RECIPIENTS_PER_MESSAGE', 'SEND_QUEUE_URL', 'TABLE_NAME']);
    expect(t.env('Dispatcher').SEND_QUEUE_URL).toEqual({ Ref: logicalId('AWS::SQS::Queue', 'SendQueue') });
  });

  it('ses-events knows the table and the suppression keys (suppressions are keyed hashes), no signing key; seed only the table', () => {
    expect(keys('SesEvents')).toEqual(['NODE_OPTIONS', 'SUPPRESSION_SECRET_NAME', 'TABLE_NAME']);
    expect(keys('Seed')).toEqual(['NODE_OPTIONS', 'TABLE_NAME']);
  });

  it('links in mail point at the HTTP API unless a public base URL is given, and the keys are named by ARN', () => {
    const endpoint = { 'Fn::GetAtt': [logicalId('AWS::ApiGatewayV2::Api', 'HttpApi'), 'ApiEndpoint'] };
    for (const name of ['PublicApi', 'Preferences', 'SignUps', 'Sender'] as const) {
      expect(t.env(name).PUBLIC_BASE_URL, name).toEqual(endpoint);
      expect(t.env(name).TOKEN_SECRET_NAME, name).toEqual(tokenSecret);
    }
    for (const name of ['SignUps', 'Sender'] as const) expect(t.env(name).SENDER_EMAIL, name).toBe('alerts@example.com');
  });
});

describe('least privilege', () => {
  it('gives nobody dynamodb:*, Scan, or any wildcard action', () => {
    const statements = Object.values(t.resources).filter((r) => r.Type === 'AWS::IAM::Policy')
      .flatMap((r) => r.Properties.PolicyDocument.Statement as Statement[]);
    const actions = statements.flatMap(actionsOf);
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions.filter((a) => a === '*' || a.endsWith(':*'))).toEqual([]);
  });

  it('allows a wildcard resource only for a call that has no resource-level permissions: the sender reading its SES quota', () => {
    for (const name of FUNCTIONS) {
      const wildcard = t.functionStatements(name).filter((s) => s.Resource === '*');
      const expected = name === 'Sender' ? ['ses:GetAccount'] : [];
      expect(wildcard.flatMap(actionsOf).sort(), name).toEqual(expected.sort());
    }
  });

  describe('grants each function the table actions its adapters send, and Query only on the indexes they name', () => {
    it.each([
      ['PublicPages', 'reads a story, stories and events (gsi1), a story\'s events (gsi3); writes nothing', ['GetItem'], ['gsi1', 'gsi3']],
      ['Subscribe', 'checks a sign-up\'s story and event ids (gsi1) and counts rate-limit hits; reads no subscription',
        ['UpdateItem'], ['gsi1']],
      ['PublicApi', 'reads and writes subscriptions and suppressions, ends a mailbox\'s other spellings (gsi3)',
        ['GetItem', 'PutItem', 'UpdateItem'], ['gsi3']],
      ['Preferences', 'lists live stories and upcoming events (gsi1), reads and writes the subscription',
        ['GetItem', 'PutItem', 'UpdateItem'], ['gsi1']],
      ['StaticFiles', 'touches no table', [], []],
      ['Proposals', 'touches no table', [], []],
      ['EditorMail', 'reads an event, a story, an update, lists stories and events (gsi1), counts test sends',
        ['GetItem', 'UpdateItem'], ['gsi1']],
      ['MailJobs', 'lists jobs (gsi2) with their figures, a story\'s updates (gsi3) with their jobs, puts an update once',
        ['BatchGetItem', 'GetItem', 'PutItem'], ['gsi2', 'gsi3']],
      ['SignUps', 'makes an address pending (an ended subscription is deleted), counts mailbox hits, lists events from gsi1', ['DeleteItem', 'GetItem', 'PutItem', 'UpdateItem'], ['gsi1']],
      ['AdminApi', 'edits stories and events (a story\'s events from gsi3), looks up and erases subscribers, lists '
        + 'a reader\'s deliveries from gsi2; no batch reads or writes',
        ['DeleteItem', 'GetItem', 'PutItem', 'UpdateItem'], ['gsi1', 'gsi2', 'gsi3']],
      ['SubscriberCsv', 'imports readers in batches, lists stories, events and active readers (gsi1), the others (gsi2)',
        ['BatchGetItem', 'BatchWriteItem', 'DeleteItem', 'PutItem', 'UpdateItem'], ['gsi1', 'gsi2']],
      ['Dispatcher', 'creates each job once, advances its cursor, reads its events\' stories by key, pages readers (gsi1) and zones and alerts (gsi2)', ['BatchGetItem', 'GetItem', 'PutItem', 'UpdateItem'], ['gsi1', 'gsi2']],
      ['Sender', 'batch-reads readers and claims, settles or releases each ledger entry', ['BatchGetItem', 'DeleteItem', 'GetItem', 'PutItem', 'UpdateItem'], ['gsi1']],
      ['SesEvents', 'records a suppression, rewrites the subscriptions of its mailbox (listed on gsi3) and the address entry',
        ['GetItem', 'PutItem', 'UpdateItem'], ['gsi3']],
      ['Seed', 'creates the story and events that are missing, gives old events their story, indexes old readers\' mailboxes',
        ['PutItem', 'UpdateItem'], ['gsi1', 'gsi2']],
    ] as const)('%s %s', (name, _why, items, queryIndexes) => {
      expect(tableAccess(name)).toEqual({ items: [...items], queryIndexes: [...queryIndexes] });
    });

    it('names every index ARN, never index/*', () => {
      for (const name of FUNCTIONS) expect(ref(allows(name, 'dynamodb:Query')), name).not.toContain('index/*');
    });
  });

  it('lets only the functions that sign or verify links read the signing secret: ses-events and the admin API never hold it', () => {
    const reads = (name: FunctionId) => allows(name, 'secretsmanager:GetSecretValue').map((s) => s.Resource);
    // The sender looks a mailbox up in the suppressions (under any spelling) before each send, so it reads both.
    for (const name of ['PublicApi', 'SignUps', 'Sender'] as const) expect(reads(name), name).toEqual([tokenSecret, suppressionSecret]);
    // The preferences page verifies its link and signs the unsubscribe link; it looks no suppression up.
    expect(reads('Preferences')).toEqual([tokenSecret]);
    // A sign-up is hashed (consent, limits) under keys derived from the suppression key; it signs and verifies none.
    for (const name of ['Subscribe', 'AdminApi', 'SubscriberCsv', 'SesEvents'] as const) {
      expect(reads(name), name).toEqual([suppressionSecret]);
      const onSigning = t.functionStatements(name).filter((s) => ref(s.Resource).includes('TokenSigningKeys'));
      expect(onSigning, name).toEqual([]);
    }
    for (const name of ['PublicPages', 'StaticFiles', 'MailJobs', 'EditorMail', 'Proposals', 'Dispatcher', 'Seed'] as const) {
      expect(t.functionStatements(name).flatMap(actionsOf).filter((a) => a.startsWith('secretsmanager:')), name).toEqual([]);
    }
  });

  it('the sign-up worker, not the public API, may send the confirmation, from the SES domain identity through the configuration set', () => {
    const [send, ...more] = allows('SignUps', 'ses:SendRawEmail');
    expect(more).toEqual([]);
    expect(sesActions('SignUps')).toEqual(['ses:SendRawEmail']);
    expect(sesActions('PublicApi')).toEqual([]);
    const arn = (kind: string, exported: RegExp) => ({ 'Fn::Join': ['', expect.arrayContaining([`:${kind}/`, { 'Fn::ImportValue': expect.stringMatching(exported) }])] });
    expect(send!.Resource).toEqual([arn('identity', /MailIdentityDomain/), arn('configuration-set', /ConfigurationSet/)]);
  });

  it('the sender may send through the same identity and configuration set, and read the account send quota', () => {
    const [send, ...more] = allows('Sender', 'ses:SendRawEmail');
    expect(more).toEqual([]);
    expect(send!.Resource).toEqual(allows('SignUps', 'ses:SendRawEmail')[0]!.Resource);
    expect(sesActions('Sender').sort()).toEqual(['ses:GetAccount', 'ses:SendRawEmail']);
  });

  it('the admin API knows the suppression keys (not the signing keys); no queue, no mail', () => {
    expect(Object.keys(t.env('AdminApi')).sort()).toEqual(['NODE_OPTIONS', 'SUPPRESSION_SECRET_NAME', 'TABLE_NAME']);
    expect(sesActions('AdminApi')).toEqual([]);
  });

  it('mail-jobs knows the table and nothing else: no secret, no queue, no mail', () => {
    expect(Object.keys(t.env('MailJobs')).sort()).toEqual(['NODE_OPTIONS', 'TABLE_NAME']);
    expect(sesActions('MailJobs')).toEqual([]);
  });

  it('subscriber-csv knows the suppression keys (not the signing keys) and the sign-up queue; it sends no mail', () => {
    // SIGN_UP_QUEUE_URL: a subscriber import queues its confirmations.
    expect(Object.keys(t.env('SubscriberCsv')).sort())
      .toEqual(['NODE_OPTIONS', 'SIGN_UP_QUEUE_URL', 'SUPPRESSION_SECRET_NAME', 'TABLE_NAME']);
    expect(sesActions('SubscriberCsv')).toEqual([]);
    // A 10,000-row import takes seconds: the most API Gateway waits for, less a second; admin-api keeps the default.
    expect(t.functionProps('SubscriberCsv').Timeout).toBe(29);
    expect(t.functionProps('AdminApi').Timeout).toBe(10);
  });

  it('editor mail knows where preview links point and how to mail a test send, through the same identity and set', () => {
    expect(Object.keys(t.env('EditorMail')).sort())
      .toEqual(['NODE_OPTIONS', 'PUBLIC_BASE_URL', 'SENDER_EMAIL', 'SES_CONFIGURATION_SET', 'TABLE_NAME']);
    const [send, ...more] = allows('EditorMail', 'ses:SendRawEmail');
    expect(more).toEqual([]);
    expect(send!.Resource).toEqual(allows('SignUps', 'ses:SendRawEmail')[0]!.Resource);
    expect(sesActions('EditorMail')).toEqual(['ses:SendRawEmail']);
  });

  it('no other function behind a route, nor the dispatcher, ses-events or seed, sends mail', () => {
    const silent = [
      'PublicPages', 'Subscribe', 'PublicApi', 'Preferences', 'StaticFiles', 'AdminApi', 'SubscriberCsv', 'MailJobs',
      'Proposals', 'Dispatcher',
      'SesEvents', 'Seed',
    ] as const;
    for (const name of silent) expect(sesActions(name), name).toEqual([]);
  });

  it('lets the dispatcher enqueue and only the sender consume, each on the send queue only', () => {
    const sendQueue = { 'Fn::GetAtt': [logicalId('AWS::SQS::Queue', 'SendQueue'), 'Arn'] };
    const signUpQueue = { 'Fn::GetAtt': [logicalId('AWS::SQS::Queue', 'SignUpQueue'), 'Arn'] };
    const failures = (name: string) => ({ 'Fn::GetAtt': [logicalId('AWS::SQS::Queue', `${name}Failures`), 'Arn'] });
    // Besides the send queue, each asynchronously invoked function may only record its own failures.
    expect(allows('Dispatcher', 'sqs:SendMessage').map((s) => s.Resource)).toEqual([sendQueue, failures('Dispatcher')]);
    expect(allows('SesEvents', 'sqs:SendMessage').map((s) => s.Resource)).toEqual([failures('SesEvents')]);
    // The subscribe function enqueues subscribe requests, subscriber-csv an import's readers without consent
    // evidence, and only the sign-up worker consumes them.
    expect(allows('Subscribe', 'sqs:SendMessage').map((s) => s.Resource)).toEqual([signUpQueue]);
    expect(allows('SubscriberCsv', 'sqs:SendMessage').map((s) => s.Resource)).toEqual([signUpQueue]);
    const notQueuing = [
      'SignUps', 'Sender', 'Seed', 'PublicPages', 'PublicApi', 'Preferences', 'StaticFiles', 'AdminApi', 'MailJobs',
      'EditorMail', 'Proposals',
    ] as const;
    for (const name of notQueuing) {
      expect(allows(name, 'sqs:SendMessage'), name).toEqual([]);
    }
    expect(allows('Sender', 'sqs:ReceiveMessage').map((s) => s.Resource)).toEqual([sendQueue]);
    expect(allows('Sender', 'sqs:DeleteMessage').map((s) => s.Resource)).toEqual([sendQueue]);
    expect(allows('SignUps', 'sqs:ReceiveMessage').map((s) => s.Resource)).toEqual([signUpQueue]);
    expect(allows('SignUps', 'sqs:DeleteMessage').map((s) => s.Resource)).toEqual([signUpQueue]);
    // What the code and Lambda's poller call, nothing more: no GetQueueUrl anywhere, GetQueueAttributes only for the poller.
    for (const name of FUNCTIONS) expect(allows(name, 'sqs:GetQueueUrl'), name).toEqual([]);
    for (const name of FUNCTIONS) {
      expect(allows(name, 'sqs:GetQueueAttributes').map((s) => s.Resource), name)
        .toEqual(name === 'Sender' ? [sendQueue] : name === 'SignUps' ? [signUpQueue] : []);
    }
    for (const name of FUNCTIONS.filter((n) => n !== 'Sender' && n !== 'SignUps')) expect(allows(name, 'sqs:ReceiveMessage'), name).toEqual([]);
  });
});

describe('HTTP API', () => {
  it('has exactly one route per entry of lambdas/routes.ts, each on the Lambda it names', () => {
    const created = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties);
    expect(created.map((r) => r.RouteKey).sort()).toEqual(routes.map(routeKey).sort());
    for (const route of routes) {
      const target = ref(created.find((r) => r.RouteKey === routeKey(route))!.Target);
      const integration = `${route.lambda.charAt(0).toUpperCase()}${route.lambda.slice(1)}Integration`;
      expect(target, routeKey(route)).toContain(integration);
    }
  });

  it('puts the Cognito JWT authorizer on admin routes and on no public route', () => {
    const authorizerId = logicalId('AWS::ApiGatewayV2::Authorizer', 'HttpApiAdminJwt');
    for (const route of routes) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', route.admin
        ? { RouteKey: routeKey(route), AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } }
        : { RouteKey: routeKey(route), AuthorizationType: 'NONE', AuthorizerId: Match.absent() });
    }
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        // The admin API's own client, and the console's (its ID tokens carry the console client as audience).
        Audience: [Match.objectLike({ 'Fn::ImportValue': Match.stringLikeRegexp('AdminApiClient') }), { Ref: Match.stringLikeRegexp('ConsoleSignInClient') }],
        Issuer: { 'Fn::Join': ['', Match.arrayWith(['https://cognito-idp.', { Ref: 'AWS::Region' }])] },
      },
    });
  });

  it('logs access as JSON, without paths or tokens, to a log group with retention, and throttles the default stage', () => {
    const stage = template.findResources('AWS::ApiGatewayV2::Stage');
    const [props] = Object.values(stage).map((s) => s.Properties);
    expect(props.StageName).toBe('$default');
    expect(props.DefaultRouteSettings).toEqual({ ThrottlingBurstLimit: expect.any(Number), ThrottlingRateLimit: expect.any(Number) });
    const format = JSON.parse(props.AccessLogSettings.Format);
    expect(format).toMatchObject({ requestId: '$context.requestId', routeKey: '$context.routeKey', status: '$context.status' });
    expect(Object.values(format).join(' ')).not.toMatch(/\$context\.path|querystring/i);
    const accessLogs = logicalId('AWS::Logs::LogGroup', 'ApiAccessLogs');
    expect(props.AccessLogSettings.DestinationArn).toEqual({ 'Fn::GetAtt': [accessLogs, 'Arn'] });
    expect(t.resources[accessLogs]!.Properties.RetentionInDays).toBeGreaterThan(0);
  });

  it('outputs the API URL', () => {
    template.hasOutput('ApiUrl', {});
  });
});

describe('clock', () => {
  it('calls the dispatcher every minute, exactly on time, with the scheduled time, retries and a DLQ', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 minute)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: { 'Fn::GetAtt': [logicalId('AWS::Lambda::Function', 'DispatcherFunction'), 'Arn'] },
        Input: JSON.stringify({ scheduledTime: '<aws.scheduler.scheduled-time>' }),
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 120 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalId('AWS::SQS::Queue', 'ClockDeadLetters'), 'Arn'] } },
        RoleArn: { 'Fn::GetAtt': [logicalId('AWS::IAM::Role', 'ClockRole'), 'Arn'] },
      },
    });
  });

  it("runs under a role that can invoke the dispatcher and dead-letter, nothing more", () => {
    const actions = statementsOf(logicalId('AWS::IAM::Role', 'ClockRole')).flatMap(actionsOf).sort();
    expect(actions).toEqual(['lambda:InvokeFunction', 'sqs:SendMessage']);
    expect(ref(statementsOf(logicalId('AWS::IAM::Role', 'ClockRole')))).not.toContain('SenderFunction');
  });
});

describe('send queue', () => {
  it('is encrypted, TLS-only, dead-letters after 5 receives and outlasts six sender timeouts', () => {
    const sender = t.resources[logicalId('AWS::Lambda::Function', 'SenderFunction')]!.Properties;
    const queue = t.resources[logicalId('AWS::SQS::Queue', 'SendQueue')]!.Properties;
    expect(queue.SqsManagedSseEnabled).toBe(true);
    expect(queue.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [logicalId('AWS::SQS::Queue', 'SendDeadLetters'), 'Arn'] },
      maxReceiveCount: 5,
    });
    expect(queue.VisibilityTimeout).toBeGreaterThan(6 * sender.Timeout);
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: logicalId('AWS::SQS::Queue', 'SendQueue') }],
      PolicyDocument: { Statement: [Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })] },
    });
  });

  it('feeds the sender in batches that report item failures, with bounded concurrency', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId('AWS::Lambda::Function', 'SenderFunction') },
      EventSourceArn: { 'Fn::GetAtt': [logicalId('AWS::SQS::Queue', 'SendQueue'), 'Arn'] },
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: Match.anyValue() },
    });
  });
});

describe('sign-up queue: the confirmation email is sent off the request path', () => {
  it('is encrypted, TLS-only, keeps a request 4 days (its age alarms after 10 minutes), dead-letters after 5 receives and outlasts six worker timeouts', () => {
    const worker = t.resources[logicalId('AWS::Lambda::Function', 'SignUpsFunction')]!.Properties;
    const queue = t.resources[logicalId('AWS::SQS::Queue', 'SignUpQueue')]!.Properties;
    expect(queue.SqsManagedSseEnabled).toBe(true);
    expect(queue.MessageRetentionPeriod).toBe(4 * 86_400);
    expect(queue.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [logicalId('AWS::SQS::Queue', 'SignUpDeadLetters'), 'Arn'] },
      maxReceiveCount: 5,
    });
    expect(queue.VisibilityTimeout).toBeGreaterThan(6 * worker.Timeout);
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: logicalId('AWS::SQS::Queue', 'SignUpQueue') }],
      PolicyDocument: { Statement: [Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })] },
    });
  });

  it('feeds the sign-up worker in batches that report item failures, so a failed confirmation is retried alone', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId('AWS::Lambda::Function', 'SignUpsFunction') },
      EventSourceArn: { 'Fn::GetAtt': [logicalId('AWS::SQS::Queue', 'SignUpQueue'), 'Arn'] },
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 2 },
    });
  });
});

describe('SES events and seeding', () => {
  it('subscribes the ses-events Lambda to the bounce and complaint topic', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      Endpoint: { 'Fn::GetAtt': [logicalId('AWS::Lambda::Function', 'SesEventsFunction'), 'Arn'] },
    });
  });

  it('seeds through a custom resource that carries the story data hash and the table layout, after every function', () => {
    const storyHash = createHash('sha256').update(readFileSync(`${repoRoot}lambdas/data/story.json`)).digest('hex');
    const [seed, ...more] = Object.values(template.findResources('Custom::DatewatchSeed'));
    expect(more).toEqual([]);
    const { ServiceToken: _, ...properties } = seed!.Properties;
    // A change of either calls the seed and its backfills; an unchanged tree synthesises an unchanged resource.
    expect(properties).toEqual({ storyHash, layout: TABLE_LAYOUT });
    // The items a backfill moves are read by the functions of the same release: it runs once they are updated.
    const functions = FUNCTIONS.filter((name) => name !== 'Seed')
      .map((name) => logicalId('AWS::Lambda::Function', `${name}Function`));
    expect(seed!.DependsOn).toEqual(expect.arrayContaining(functions));
  });
});
