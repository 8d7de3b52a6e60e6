import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS, inspect, ref, sharedSynth, synth } from './template-helpers.ts';

let template: Template;
let t: ReturnType<typeof inspect>;

beforeAll(() => {
  template = sharedSynth().statelessTemplate;
  t = inspect(template);
});

type AlarmProps = Record<string, any>;
const alarms = (): AlarmProps[] => Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((r) => r.Properties);
/** The one alarm whose logical id starts with the construct path Monitoring/<id>. */
const alarm = (id: string): AlarmProps => t.resources[t.logicalId('AWS::CloudWatch::Alarm', `Monitoring${id}`)]!.Properties;
const topicRef = () => ({ Ref: t.logicalId('AWS::SNS::Topic', 'AlarmsTopic') });
const queueArn = (prefix: string) => ({ 'Fn::GetAtt': [t.logicalId('AWS::SQS::Queue', prefix), 'Arn'] });

describe('the alarm topic', () => {
  it('is encrypted with a key CloudWatch may use, TLS-only, and lets only this account\'s alarms publish', () => {
    template.hasResourceProperties('AWS::SNS::Topic', {
      DisplayName: 'Datewatch alarms',
      KmsMasterKeyId: { 'Fn::GetAtt': [t.logicalId('AWS::KMS::Key', 'AlarmsKey'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({
        Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      })]) },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [topicRef()],
      PolicyDocument: { Statement: Match.arrayWith([
        Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        Match.objectLike({
          Effect: 'Allow', Action: 'sns:Publish', Principal: { Service: 'cloudwatch.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }, ArnLike: Match.anyValue() },
        }),
      ]) },
    });
  });

  it('mails the alarmEmail given as context, and no one by default', () => {
    template.resourcePropertiesCountIs('AWS::SNS::Subscription', { Protocol: 'email' }, 0);
    const withEmail = synth({ alarmEmail: 'ops@example.com' }).statelessTemplate;
    withEmail.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
  });
});

describe('every alarm', () => {
  it('reports to the topic when it fires and when it clears', () => {
    expect(alarms().length).toBeGreaterThan(15);
    for (const a of alarms()) {
      expect(a.AlarmActions, a.AlarmDescription).toEqual([topicRef()]);
      expect(a.OKActions, a.AlarmDescription).toEqual([topicRef()]);
    }
  });

  it('says why it fires and what to do, in words an operator can act on', () => {
    for (const a of alarms()) {
      expect(a.AlarmDescription.length, a.AlarmDescription).toBeGreaterThan(80);
      expect(a.AlarmDescription, a.AlarmDescription).toMatch(/\b(check|fix|read|find|raise|make|look|deploy|pause|subscribe)\b/i);
    }
    expect(new Set(alarms().map((a) => a.AlarmDescription)).size).toBe(alarms().length);
  });
});

describe('no asynchronous path ends without a dead end, and no dead end without an alarm', () => {
  it('alarms as soon as any queue nobody consumes holds a message', () => {
    const consumed = [t.logicalId('AWS::SQS::Queue', 'SendQueue'), t.logicalId('AWS::SQS::Queue', 'SignUpQueue')];
    const deadEnds = Object.keys(template.findResources('AWS::SQS::Queue')).filter((id) => !consumed.includes(id));
    expect(deadEnds.map((id) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual([
      'ClockDeadLetters', 'DispatcherFailures', 'SendDeadLetters', 'SesEventsDeliveryDeadLetters', 'SesEventsFailures', 'SignUpDeadLetters',
    ]);
    for (const id of deadEnds) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Statistic: 'Maximum',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [id, 'QueueName'] } }],
        ComparisonOperator: 'GreaterThanThreshold', Threshold: 0, TreatMissingData: 'notBreaching',
      });
    }
  });

  it('dead-letters SES feedback that SNS cannot deliver, into a queue only the SES events topic may write to', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      Endpoint: { 'Fn::GetAtt': [t.logicalId('AWS::Lambda::Function', 'SesEventsFunction'), 'Arn'] },
      RedrivePolicy: { deadLetterTargetArn: queueArn('SesEventsDeliveryDeadLetters') },
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: t.logicalId('AWS::SQS::Queue', 'SesEventsDeliveryDeadLetters') }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({
        Effect: 'Allow', Action: 'sqs:SendMessage', Principal: { Service: 'sns.amazonaws.com' },
        Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::ImportValue': Match.stringLikeRegexp('SesEventsTopic') } } },
      })]) },
    });
    // SSE-SQS, not SSE-KMS: SNS needs no key grant to write, whatever key encrypts the topic.
    expect(t.resources[t.logicalId('AWS::SQS::Queue', 'SesEventsDeliveryDeadLetters')]!.Properties.SqsManagedSseEnabled).toBe(true);
  });

  it('retries a failed SES notification twice, then keeps it for replay', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: t.logicalId('AWS::Lambda::Function', 'SesEventsFunction') },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: queueArn('SesEventsFailures') } },
    });
  });

  it('does not retry a failed dispatcher run (the next minute covers its window) but records it', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: t.logicalId('AWS::Lambda::Function', 'DispatcherFunction') },
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 120,
      DestinationConfig: { OnFailure: { Destination: queueArn('DispatcherFailures') } },
    });
  });
});

describe('mail falling behind', () => {
  it('alarms when the oldest message in the send queue waited over 15 minutes', () => {
    expect(alarm('SendQueueFallingBehind')).toMatchObject({
      Namespace: 'AWS/SQS', MetricName: 'ApproximateAgeOfOldestMessage', Statistic: 'Maximum',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [t.logicalId('AWS::SQS::Queue', 'SendQueue'), 'QueueName'] } }],
      ComparisonOperator: 'GreaterThanThreshold', Threshold: 900,
    });
  });

  it('alarms when the dispatcher lags 5 minutes, and when it goes silent, since it reports every minute', () => {
    expect(alarm('DispatcherFallingBehind')).toMatchObject({
      Namespace: 'Datewatch', MetricName: 'DispatcherLagSeconds', Statistic: 'Maximum', Period: 300,
      ComparisonOperator: 'GreaterThanThreshold', Threshold: 300, EvaluationPeriods: 2,
      TreatMissingData: 'breaching',
    });
    expect(alarm('DispatcherFallingBehind').Dimensions).toBeUndefined();
  });
});

describe('functions and the API', () => {
  it('alarms on any error and any throttle of each function', () => {
    for (const name of FUNCTIONS) {
      const dimensions = [{ Name: 'FunctionName', Value: { Ref: t.logicalId('AWS::Lambda::Function', `${name}Function`) } }];
      expect(alarm(`${name}Errors`), name).toMatchObject({
        Namespace: 'AWS/Lambda', MetricName: 'Errors', Statistic: 'Sum', Dimensions: dimensions,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold', Threshold: 1,
      });
      expect(alarm(`${name}Throttles`), name).toMatchObject({
        Namespace: 'AWS/Lambda', MetricName: 'Throttles', Statistic: 'Sum', Dimensions: dimensions,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold', Threshold: 1,
      });
    }
  });

  it('alarms on 5xx from the HTTP API\'s default stage', () => {
    expect(alarm('Api5xx')).toMatchObject({
      Namespace: 'AWS/ApiGateway', MetricName: '5xx', Statistic: 'Sum',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold', Threshold: 5,
    });
    expect(alarm('Api5xx').Dimensions).toEqual(expect.arrayContaining([
      { Name: 'ApiId', Value: { Ref: t.logicalId('AWS::ApiGatewayV2::Api', 'HttpApi') } },
      { Name: 'Stage', Value: expect.anything() },
    ]));
  });
});

describe('no silent drops (issue 22)', () => {
  const datewatch = (metricName: string, reason?: string) => Match.objectLike({
    Namespace: 'Datewatch', MetricName: metricName, ...(reason ? { Dimensions: [{ Name: 'Reason', Value: reason }] } : {}),
  });

  it('alarms when over 5% of sends in 15 minutes are refused for the reader, from the per-reason count', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', Match.objectLike({
      AlarmDescription: Match.stringLikeRegexp('refused by SES for the reader'),
      ComparisonOperator: 'GreaterThanOrEqualToThreshold', Threshold: 5,
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: '100 * rejected / (sent + rejected)' }),
        Match.objectLike({ Id: 'rejected', MetricStat: Match.objectLike({ Metric: datewatch('MailRejected', 'recipient'), Period: 900, Stat: 'Sum' }) }),
        Match.objectLike({ Id: 'sent', MetricStat: Match.objectLike({ Metric: datewatch('MailSent'), Period: 900, Stat: 'Sum' }) }),
      ]),
    }));
  });

  it('alarms at the first send refused for the account, and at once (one minute) on a missing SES permission', () => {
    expect(alarm('MailRejectedSenderNotReady')).toMatchObject({
      Namespace: 'Datewatch', MetricName: 'MailRejected', Dimensions: [{ Name: 'Reason', Value: 'sender-not-ready' }],
      Statistic: 'Sum', ComparisonOperator: 'GreaterThanOrEqualToThreshold', Threshold: 1, EvaluationPeriods: 1,
    });
    expect(alarm('MailRejectedConfiguration')).toMatchObject({
      Namespace: 'Datewatch', MetricName: 'MailRejected', Dimensions: [{ Name: 'Reason', Value: 'configuration' }],
      Statistic: 'Sum', Period: 60, ComparisonOperator: 'GreaterThanOrEqualToThreshold', Threshold: 1, EvaluationPeriods: 1,
    });
    expect(alarm('MailRejectedConfiguration').AlarmDescription).toMatch(/AccessDenied/);
  });

  it('alarms on the sign-up queue\'s age (10 minutes) and depth (500 for 10 minutes), and the queue keeps requests 4 days', () => {
    const signUpQueue = { Name: 'QueueName', Value: { 'Fn::GetAtt': [t.logicalId('AWS::SQS::Queue', 'SignUpQueue'), 'QueueName'] } };
    expect(alarm('SignUpQueueFallingBehind')).toMatchObject({
      Namespace: 'AWS/SQS', MetricName: 'ApproximateAgeOfOldestMessage', Dimensions: [signUpQueue], ComparisonOperator: 'GreaterThanThreshold', Threshold: 600,
    });
    expect(alarm('SignUpQueueDeep')).toMatchObject({
      Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Dimensions: [signUpQueue],
      ComparisonOperator: 'GreaterThanOrEqualToThreshold', Threshold: 500, EvaluationPeriods: 2,
    });
    template.hasResourceProperties('AWS::SQS::Queue', Match.objectLike({
      MessageRetentionPeriod: 4 * 86_400, RedrivePolicy: Match.objectLike({ deadLetterTargetArn: queueArn('SignUpDeadLetters') }),
    }));
  });

  it('alarms on DynamoDB throttles and system errors of every operation the functions call', () => {
    for (const [id, metricName, threshold] of [['TableThrottles', 'ThrottledRequests', 5], ['TableSystemErrors', 'SystemErrors', 1]] as const) {
      const metrics = alarm(id).Metrics as { Expression?: string; MetricStat?: { Metric: { MetricName: string; Dimensions: { Name: string; Value: unknown }[] } } }[];
      expect(alarm(id), id).toMatchObject({ ComparisonOperator: 'GreaterThanOrEqualToThreshold', Threshold: threshold });
      const operations = metrics.filter((m) => m.MetricStat).map((m) => {
        expect(m.MetricStat!.Metric.MetricName).toBe(metricName);
        expect(m.MetricStat!.Metric.Dimensions).toContainEqual({ Name: 'TableName', Value: { 'Fn::ImportValue': expect.stringMatching(/Table/) } });
        return m.MetricStat!.Metric.Dimensions.find((d) => d.Name === 'Operation')!.Value;
      });
      expect(operations.sort(), id).toEqual(['BatchGetItem', 'BatchWriteItem', 'DeleteItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem']);
      expect(metrics.length, 'an alarm reads at most 10 metrics').toBeLessThanOrEqual(10);
    }
  });

  it('alarms when a function\'s slowest run in 5 minutes took over 80% of its own timeout', () => {
    for (const name of FUNCTIONS) {
      const timeoutMs = t.functionProps(name).Timeout * 1000;
      expect(alarm(`${name}NearTimeout`), name).toMatchObject({
        Namespace: 'AWS/Lambda', MetricName: 'Duration', Statistic: 'Maximum', Period: 300,
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: t.logicalId('AWS::Lambda::Function', `${name}Function`) } }],
        ComparisonOperator: 'GreaterThanThreshold', Threshold: Math.round(timeoutMs * 0.8),
      });
    }
    expect(alarm('SenderNearTimeout').Threshold).toBe(48_000);
  });

  it('alarms at 80% of the 24-hour SES quota, from the sender\'s own reading of it, and on throttling three periods running', () => {
    expect(alarm('SesQuotaNearlyUsed')).toMatchObject({
      Namespace: 'Datewatch', MetricName: 'SesQuotaUsedPercent', Statistic: 'Maximum', Period: 3600,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold', Threshold: 80,
    });
    expect(alarm('SesThrottlingSustained')).toMatchObject({
      Namespace: 'Datewatch', MetricName: 'MailThrottled', Statistic: 'Sum', Period: 300,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold', Threshold: 10, EvaluationPeriods: 3,
    });
  });

  it('warns at synth when no one is subscribed to the alarms, and not when alarmEmail is given', () => {
    const without = synth();
    Annotations.fromStack(without.stateless).hasWarning('*', Match.stringLikeRegexp('No alarm subscriber'));
    const withEmail = synth({ alarmEmail: 'ops@example.com' });
    Annotations.fromStack(withEmail.stateless).hasNoWarning('*', Match.stringLikeRegexp('No alarm subscriber'));
  });
});

describe('SES reputation', () => {
  it('alarms at a 2% bounce rate and a 0.05% complaint rate, well before SES reviews the account', () => {
    expect(alarm('SesBounceRate')).toMatchObject({
      Namespace: 'AWS/SES', MetricName: 'Reputation.BounceRate', ComparisonOperator: 'GreaterThanOrEqualToThreshold', Threshold: 0.02,
    });
    expect(alarm('SesComplaintRate')).toMatchObject({
      Namespace: 'AWS/SES', MetricName: 'Reputation.ComplaintRate', ComparisonOperator: 'GreaterThanOrEqualToThreshold', Threshold: 0.0005,
    });
  });
});

describe('the dashboard', () => {
  it('shows the golden signals: API, mail outcomes, queues, Lambdas, SES reputation', () => {
    const [dashboard, ...more] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
    expect(more).toEqual([]);
    const body = ref(dashboard!.Properties.DashboardBody);
    for (const signal of [
      'API requests', 'API latency', 'API 4xx', 'API 5xx', 'MailSent', 'MailSkipped', 'MailRejected', 'MailRetried', 'MailThrottled',
      'MailBounced', 'MailComplained', 'ApproximateNumberOfMessagesVisible', 'ApproximateAgeOfOldestMessage', 'DispatcherLagSeconds',
      'Lambda errors', 'Lambda duration', 'Lambda throttles', 'Reputation.BounceRate', 'Reputation.ComplaintRate',
    ]) expect(body, signal).toContain(signal);
  });
});

describe('concurrency', () => {
  const reserved = (tpl: Template) => Object.fromEntries(FUNCTIONS.map((name) => [
    name, inspect(tpl).functionProps(name).ReservedConcurrentExecutions,
  ]));

  it('reserves nothing by default, so an account whose concurrency quota is 10 (a new one) deploys with no flag', () => {
    expect(Object.values(reserved(template)).every((n) => n === undefined)).toBe(true);
  });

  it('with -c reserveConcurrency=true: one dispatcher, the sender\'s event source maximum, caps on readers', () => {
    const raised = synth({ reserveConcurrency: 'true' }).statelessTemplate;
    const mapping = Object.values(raised.findResources('AWS::Lambda::EventSourceMapping'))[0]!.Properties;
    expect(reserved(raised)).toEqual({
      PublicPages: 15, Subscribe: 5, PublicApi: 5, Preferences: 5,
      StaticFiles: undefined, AdminApi: undefined, SubscriberCsv: undefined, MailJobs: undefined, EditorMail: undefined,
      Proposals: undefined, SignUps: undefined, Dispatcher: 1, Sender: mapping.ScalingConfig.MaximumConcurrency,
      SesEvents: undefined, Seed: undefined,
    });
  });

  it('follows the sender concurrency of the event source when it is set as context', () => {
    expect(reserved(synth({ senderMaxConcurrency: 4, reserveConcurrency: 'true' }).statelessTemplate).Sender).toBe(4);
  });
});

describe('the send quota', () => {
  it('lets only the sender read the account send quota, and tells it the ceiling from context maxSendRate', () => {
    for (const name of FUNCTIONS) expect(t.allows(name, 'ses:GetAccount').length, name).toBe(name === 'Sender' ? 1 : 0);
    expect(t.allows('Sender', 'ses:GetAccount')[0]).toMatchObject({ Action: 'ses:GetAccount', Resource: '*', Effect: 'Allow' });
    expect(inspect(synth({ maxSendRate: 30 }).statelessTemplate).env('Sender').MAX_SEND_RATE_PER_SECOND).toBe('30');
  });
});
