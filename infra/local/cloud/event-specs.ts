import type { Resolved } from './environment.ts';
import { objectOrJson } from './resolved-values.ts';
import type { TemplateIndex, TemplateResource } from './template-index.ts';
import type {
  EventSourceMappingSpec, InvokeConfigSpec, ScheduleSpec, SesEventDestinationSpec, SnsSubscriptionSpec,
} from './model.ts';

/** EventBridge Scheduler's and Lambda's asynchronous-invocation defaults when the template leaves them out. */
const SCHEDULER_RETRY_DEFAULTS = { maximumRetryAttempts: 185, maximumEventAgeInSeconds: 86_400 };
const INVOKE_DEFAULTS = { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 21_600 };

/** How events reach functions: queue mappings, schedules, SNS subscriptions and asynchronous-invoke settings. */

export function eventSourceMapping(catalog: TemplateIndex, m: TemplateResource): EventSourceMappingSpec {
  const where = `${m.stack}/${m.logicalId}`;
  const eventSourceArn = catalog.text(m, 'EventSourceArn');
  if (!eventSourceArn) throw new Error(`${where}: only EventSourceArn sources are modelled (no self-managed Kafka or MQ)`);
  const queue = catalog.find('AWS::SQS::Queue', eventSourceArn);
  const scaling = catalog.prop(m, 'ScalingConfig') as { MaximumConcurrency?: number } | undefined;
  return {
    logicalId: m.logicalId,
    stack: m.stack,
    functionLogicalId: catalog.functionLogicalId(catalog.text(m, 'FunctionName'), where),
    eventSourceArn,
    queueArn: eventSourceArn.startsWith('arn:aws:sqs:') ? eventSourceArn : undefined,
    queueLogicalId: queue?.logicalId,
    enabled: catalog.prop(m, 'Enabled') !== false,
    // Lambda's default batch is 10 for SQS and 100 for streams.
    batchSize: catalog.number(m, 'BatchSize') ?? (eventSourceArn.startsWith('arn:aws:sqs:') ? 10 : 100),
    maximumBatchingWindowSeconds: catalog.number(m, 'MaximumBatchingWindowInSeconds') ?? 0,
    reportBatchItemFailures: ((catalog.prop(m, 'FunctionResponseTypes') ?? []) as Resolved[]).includes('ReportBatchItemFailures'),
    maxConcurrency: scaling?.MaximumConcurrency === undefined ? undefined : Number(scaling.MaximumConcurrency),
  };
}

export function scheduleSpec(catalog: TemplateIndex, s: TemplateResource): ScheduleSpec {
  const where = `${s.stack}/${s.logicalId}`;
  const target = catalog.prop(s, 'Target') as Record<string, Resolved>;
  const window = catalog.prop(s, 'FlexibleTimeWindow') as { Mode: string; MaximumWindowInMinutes?: number };
  const retry = target.RetryPolicy as { MaximumRetryAttempts?: number; MaximumEventAgeInSeconds?: number } | undefined;
  const targetArn = String(target.Arn);
  return {
    logicalId: s.logicalId,
    stack: s.stack,
    name: catalog.ref(s),
    expression: catalog.text(s, 'ScheduleExpression')!,
    timezone: catalog.text(s, 'ScheduleExpressionTimezone') ?? 'UTC',
    enabled: (catalog.text(s, 'State') ?? 'ENABLED') === 'ENABLED',
    flexibleWindow: { mode: window.Mode, maximumWindowInMinutes: window.MaximumWindowInMinutes },
    targetArn,
    functionLogicalId: targetArn.startsWith('arn:aws:lambda:') ? catalog.functionLogicalId(targetArn, `${where}/Target`) : undefined,
    input: target.Input === undefined ? undefined : String(target.Input),
    retryPolicy: {
      maximumRetryAttempts: retry?.MaximumRetryAttempts ?? SCHEDULER_RETRY_DEFAULTS.maximumRetryAttempts,
      maximumEventAgeInSeconds: retry?.MaximumEventAgeInSeconds ?? SCHEDULER_RETRY_DEFAULTS.maximumEventAgeInSeconds,
    },
    deadLetterArn: (target.DeadLetterConfig as { Arn?: string } | undefined)?.Arn,
    roleArn: target.RoleArn === undefined ? undefined : String(target.RoleArn),
  };
}

export function subscriptionSpec(catalog: TemplateIndex, s: TemplateResource): SnsSubscriptionSpec {
  const protocol = catalog.text(s, 'Protocol')!;
  const endpoint = catalog.text(s, 'Endpoint') ?? '';
  const redrive = objectOrJson(catalog.prop(s, 'RedrivePolicy'), `${s.logicalId} RedrivePolicy`);
  return {
    logicalId: s.logicalId,
    stack: s.stack,
    topicArn: catalog.text(s, 'TopicArn')!,
    protocol,
    endpoint,
    functionLogicalId: protocol === 'lambda' ? catalog.functionLogicalId(endpoint, `${s.stack}/${s.logicalId}`) : undefined,
    deadLetterArn: redrive?.deadLetterTargetArn === undefined ? undefined : String(redrive.deadLetterTargetArn),
    filterPolicy: objectOrJson(catalog.prop(s, 'FilterPolicy'), `${s.logicalId} FilterPolicy`),
    rawMessageDelivery: catalog.prop(s, 'RawMessageDelivery') === true || catalog.prop(s, 'RawMessageDelivery') === 'true',
  };
}

export function sesEventDestinationSpec(catalog: TemplateIndex, d: TemplateResource): SesEventDestinationSpec {
  const destination = (catalog.prop(d, 'EventDestination') ?? {}) as {
    Enabled?: boolean; MatchingEventTypes?: string[]; SnsDestination?: { TopicARN?: string };
  };
  return {
    logicalId: d.logicalId,
    stack: d.stack,
    enabled: destination.Enabled !== false,
    eventTypes: (destination.MatchingEventTypes ?? []).map((t) => String(t).toLowerCase()),
    ...(destination.SnsDestination?.TopicARN ? { topicArn: String(destination.SnsDestination.TopicARN) } : {}),
  };
}

export function invokeConfig(catalog: TemplateIndex, c: TemplateResource): InvokeConfigSpec {
  const destinations = catalog.prop(c, 'DestinationConfig') as { OnSuccess?: { Destination: string }; OnFailure?: { Destination: string } } | undefined;
  return {
    logicalId: c.logicalId,
    stack: c.stack,
    functionLogicalId: catalog.functionLogicalId(catalog.text(c, 'FunctionName'), `${c.stack}/${c.logicalId}`),
    qualifier: catalog.text(c, 'Qualifier') ?? '$LATEST',
    maximumRetryAttempts: catalog.number(c, 'MaximumRetryAttempts') ?? INVOKE_DEFAULTS.maximumRetryAttempts,
    maximumEventAgeInSeconds: catalog.number(c, 'MaximumEventAgeInSeconds') ?? INVOKE_DEFAULTS.maximumEventAgeInSeconds,
    onSuccessArn: destinations?.OnSuccess?.Destination,
    onFailureArn: destinations?.OnFailure?.Destination,
  };
}
