import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/aws/app.ts';
import { routeKey, routes } from '../../lambdas/routes.ts';

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
type Resources = Record<string, { Type: string; Properties: Record<string, any> }>;

// Skip CDK's built-in CloudFormation rule check (seconds per synth); `cdk synth` still runs it, and cdk-nag runs here.
process.env.CDK_VALIDATION = 'false';

let template: Template;
let resources: Resources;

beforeAll(() => {
  const { stateless } = buildApp(new App({ context: { 'aws:cdk:bundling-stacks': [], deployNonce: 'test' } }));
  template = Template.fromStack(stateless);
  resources = template.toJSON().Resources;
});

/** Logical id of the one resource of a type whose id starts with a construct name, e.g. `Sender`. */
function logicalId(type: string, prefix: string): string {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.startsWith(prefix));
  expect(ids, `${type} ${prefix}`).toHaveLength(1);
  return ids[0]!;
}

/** Every IAM statement attached to a role, whichever policy carries it. */
function statementsOf(roleId: string): Statement[] {
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(`"${roleId}"`))
    .flatMap((r) => r.Properties.PolicyDocument.Statement as Statement[]);
}
const actionsOf = (s: Statement) => [s.Action].flat();
const functionStatements = (name: string) => statementsOf(logicalId('AWS::IAM::Role', `${name}Role`));
const allows = (name: string, action: string) => functionStatements(name).filter((s) => actionsOf(s).includes(action));
const ref = (json: unknown) => JSON.stringify(json);

const FUNCTIONS = ['PublicApi', 'AdminApi', 'Dispatcher', 'Sender', 'SesEvents', 'Seed'];

describe('functions', () => {
  it('run Node.js 22 or newer on arm64 with active tracing and a log group of their own', () => {
    for (const name of FUNCTIONS) {
      const props = resources[logicalId('AWS::Lambda::Function', `${name}Function`)]!.Properties;
      expect(Number(/^nodejs(\d+)\.x$/.exec(props.Runtime)?.[1]), name).toBeGreaterThanOrEqual(22);
      expect(props.Architectures, name).toEqual(['arm64']);
      expect(props.TracingConfig, name).toEqual({ Mode: 'Active' });
      expect(ref(props.LoggingConfig), name).toContain(`${name}Logs`);
    }
  });

  it('every Lambda in the stack, the CDK custom-resource framework included, runs Node.js 22 or newer', () => {
    for (const props of Object.values(template.findResources('AWS::Lambda::Function')).map((r) => r.Properties)) {
      expect(Number(/^nodejs(\d+)\.x$/.exec(props.Runtime)?.[1])).toBeGreaterThanOrEqual(22);
    }
  });

  it('know the table, the public base URL and the sender address', () => {
    for (const name of FUNCTIONS) {
      const env = resources[logicalId('AWS::Lambda::Function', `${name}Function`)]!.Properties.Environment.Variables;
      expect(Object.keys(env), name).toEqual(expect.arrayContaining(['TABLE_NAME', 'PUBLIC_BASE_URL', 'SENDER_EMAIL']));
    }
    const env = (name: string) => resources[logicalId('AWS::Lambda::Function', `${name}Function`)]!.Properties.Environment.Variables;
    expect(env('PublicApi').PUBLIC_BASE_URL).toEqual({ 'Fn::GetAtt': [logicalId('AWS::ApiGatewayV2::Api', 'HttpApi'), 'ApiEndpoint'] });
    expect(env('Dispatcher').SEND_QUEUE_URL).toEqual({ Ref: logicalId('AWS::SQS::Queue', 'SendQueue') });
    expect(Object.keys(env('Sender'))).not.toContain('SEND_QUEUE_URL'); // the sender consumes the queue; it never sends to it
    expect(env('PublicApi').TOKEN_SECRET_NAME).toEqual({ 'Fn::ImportValue': expect.stringMatching(/TokenSigningKeys/) });
    expect(env('Sender').SES_CONFIGURATION_SET).toBeDefined();
  });
});

describe('least privilege', () => {
  it('gives nobody dynamodb:*, Scan, or any wildcard action', () => {
    const statements = Object.values(resources).filter((r) => r.Type === 'AWS::IAM::Policy')
      .flatMap((r) => r.Properties.PolicyDocument.Statement as Statement[]);
    const actions = statements.flatMap(actionsOf);
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions.filter((a) => a === '*' || a.endsWith(':*'))).toEqual([]);
  });

  it('allows a wildcard resource only for the X-Ray calls that have no resource-level permissions', () => {
    for (const name of FUNCTIONS) {
      const wildcard = functionStatements(name).filter((s) => s.Resource === '*');
      expect(wildcard.flatMap(actionsOf).sort(), name).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    }
  });

  it('scopes table access to the table and its two named indexes', () => {
    for (const name of FUNCTIONS) {
      const query = allows(name, 'dynamodb:Query');
      expect(ref(query), name).toContain('/index/gsi1');
      expect(ref(query), name).toContain('/index/gsi2');
      expect(ref(query), name).not.toContain('index/*');
      expect(allows(name, 'dynamodb:PutItem'), name).toHaveLength(1);
    }
  });

  it('lets only the sender send mail, through the configured identity and configuration set', () => {
    for (const name of FUNCTIONS.filter((n) => n !== 'Sender')) {
      expect(functionStatements(name).flatMap(actionsOf).filter((a) => a.startsWith('ses:')), name).toEqual([]);
    }
    const [send, ...more] = allows('Sender', 'ses:SendRawEmail');
    expect(more).toEqual([]);
    expect(actionsOf(send!)).toEqual(['ses:SendRawEmail']);
    const resourcesText = ref(send!.Resource);
    expect(resourcesText).toContain(':identity/alerts@example.com');
    expect(resourcesText).toContain(':configuration-set/');
    expect(resourcesText).not.toContain('*');
  });

  it('lets the dispatcher enqueue and only the sender consume, each on the send queue only', () => {
    const sendQueue = { 'Fn::GetAtt': [logicalId('AWS::SQS::Queue', 'SendQueue'), 'Arn'] };
    expect(allows('Dispatcher', 'sqs:SendMessage').map((s) => s.Resource)).toEqual([sendQueue]);
    expect(allows('Sender', 'sqs:ReceiveMessage').map((s) => s.Resource)).toEqual([sendQueue]);
    expect(allows('Sender', 'sqs:DeleteMessage').map((s) => s.Resource)).toEqual([sendQueue]);
    for (const name of FUNCTIONS.filter((n) => n !== 'Dispatcher')) expect(allows(name, 'sqs:SendMessage'), name).toEqual([]);
    for (const name of FUNCTIONS.filter((n) => n !== 'Sender')) expect(allows(name, 'sqs:ReceiveMessage'), name).toEqual([]);
  });

  it('lets the functions read the token secret and no other secret', () => {
    // Every function today: the shared composition root loads the keys at start, even where nothing is signed.
    for (const name of FUNCTIONS) {
      const reads = allows(name, 'secretsmanager:GetSecretValue');
      expect(reads.map((s) => s.Resource), name).toEqual([{ 'Fn::ImportValue': expect.stringMatching(/TokenSigningKeys/) }]);
    }
  });
});

describe('HTTP API', () => {
  it('has exactly one route per entry of lambdas/routes.ts, each on the Lambda it names', () => {
    const created = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties);
    expect(created.map((r) => r.RouteKey).sort()).toEqual(routes.map(routeKey).sort());
    for (const route of routes) {
      const target = ref(created.find((r) => r.RouteKey === routeKey(route))!.Target);
      expect(target, routeKey(route)).toContain(route.lambda === 'publicApi' ? 'PublicApiIntegration' : 'AdminApiIntegration');
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
        Audience: [Match.objectLike({ 'Fn::ImportValue': Match.stringLikeRegexp('AdminApiClient') })],
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
    expect(resources[accessLogs]!.Properties.RetentionInDays).toBeGreaterThan(0);
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
    const sender = resources[logicalId('AWS::Lambda::Function', 'SenderFunction')]!.Properties;
    const queue = resources[logicalId('AWS::SQS::Queue', 'SendQueue')]!.Properties;
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

describe('SES events and seeding', () => {
  it('subscribes the ses-events Lambda to the bounce and complaint topic', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      Endpoint: { 'Fn::GetAtt': [logicalId('AWS::Lambda::Function', 'SesEventsFunction'), 'Arn'] },
    });
  });

  it('seeds through a custom resource whose properties change with the story and the deploy nonce', () => {
    template.hasResourceProperties('Custom::DatewatchSeed', {
      storyHash: Match.stringLikeRegexp('^[0-9a-f]{64}$'),
      deployNonce: 'test',
    });
  });

  it('gets a new deploy nonce on each synth unless one is pinned', () => {
    const { stateless } = buildApp(new App({ context: { 'aws:cdk:bundling-stacks': [] } }));
    const seed = Object.values(Template.fromStack(stateless).findResources('Custom::DatewatchSeed'))[0]!;
    expect(seed.Properties.deployNonce).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});
