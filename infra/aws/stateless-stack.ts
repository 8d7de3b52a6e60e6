import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Annotations, CfnOutput, CustomResource, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as iam from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput, TimeWindow } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Provider } from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import { TABLE_LAYOUT } from '../../lambdas/adapters/dynamodb/layout.ts';
import { routeKey, routes, type LambdaName, type RouteSpec } from '../../lambdas/routes.ts';
import { AlarmTopic } from './alarm-topic.ts';
import { ConsoleSignIn } from './console-sign-in.ts';
import { OperationsDashboard } from './dashboard.ts';
import { DatewatchFunction, repoRoot } from './datewatch-function.ts';
import { ReaderEdge } from './edge.ts';
import { DEAD_END_RUNBOOK, FUNCTION_RUNBOOK } from './alarm-runbook.ts';
import { Monitoring, type DeadEnd, type WatchedFunction } from './monitoring.ts';
import type { StatefulStack } from './stateful-stack.ts';
import { TABLE_ACCESS, type HandlerName } from './table-access.ts';

export interface StatelessStackProps extends StackProps {
  stateful: StatefulStack;
  /** The From address; the stateful stack's SES identity is its domain. */
  senderEmail: string;
  /** Base URL of links in emails; the HTTP API's own endpoint when not given. */
  publicBaseUrl?: string;
  /** Subscribed to the alarm topic when given. */
  alarmEmail?: string;
  /** Emails per second per sender instance. */
  sendRatePerSecond?: number;
  /** A ceiling on the whole sender, whatever rate the SES account would allow. */
  maxSendRatePerSecond: number;
  /**
   * Reserve (and cap) concurrency for the dispatcher, sender and public API; needs an account quota above 100 + their sum,
   * so it is off unless -c reserveConcurrency=true (a new account's quota is 10). Without it the sender is still capped
   * by its event source's maximum concurrency, the dispatcher by running once a minute.
   */
  reserveConcurrency: boolean;
  recipientsPerMessage?: number;
  /** Sender instances the send queue's event source mapping may run at once. */
  senderMaxConcurrency?: number;
  /** Put the public routes behind CloudFront with this AWS WAF web ACL (CloudFront scope, from the edge stack). */
  edge?: { webAclArn: string };
  /** How the editors' console signs in: the Cognito hosted UI, or (the local stack only) its local token endpoint. */
  consoleSignIn?: 'cognito' | 'local';
}

/** Why a reader's route has no authorizer: readers have no accounts, their links carry signed tokens. */
function publicRouteReason(route: RouteSpec): string {
  return route.method === 'GET'
    ? `${routeKey(route)} is a public page or feed for readers without accounts; it changes nothing, and any token in its link is verified by the handler.`
    : `${routeKey(route)} is a reader action without an account: a signed, expiring token from the email authorizes it, and a new subscription waits for double opt-in.`;
}

const SENDER_TIMEOUT = Duration.seconds(60);
/** One sign-up request is a few table calls and one SES send; 30 s leaves room for a slow SES call. */
const SIGN_UPS_TIMEOUT = Duration.seconds(30);
/** Sign-up workers at once (the least SQS allows): each sends at most one email per request, far below the SES rate. */
const SIGN_UPS_MAX_CONCURRENCY = 2;
/** Two sender instances at most: with SEND_RATE_PER_SECOND each, the account's SES rate is never exceeded. */
const SENDER_MAX_CONCURRENCY = 2;
/**
 * Reserved concurrency, so a flood on the public API cannot take the instances mail needs: the dispatcher runs once
 * a minute (one is all it needs, and two runs of one window would only repeat work); the sender gets exactly what
 * its event source may use; readers' pages, sign-ups, the confirm and unsubscribe links (public API) and the
 * preferences link are capped apart, well above their usual handful and below the account's pool, so a flood of
 * page views or of sign-ups cannot take the instances unsubscribing needs.
 */
const RESERVED = { dispatcher: 1, publicPages: 15, subscribe: 5, publicApi: 5, preferences: 5 } as const;
const DEAD_LETTER_RETENTION = Duration.days(14);

/** Everything that can be replaced on any deploy: functions, HTTP API, clock, queues, seeding. */
export class StatelessStack extends Stack {
  readonly api: HttpApi;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { stateful } = props;

    this.api = new HttpApi(this, 'HttpApi', { description: 'Datewatch public and admin routes', createDefaultStage: false });
    const readerEdge = props.edge ? new ReaderEdge(this, 'ReaderEdge', { api: this.api, webAclArn: props.edge.webAclArn }) : undefined;
    // Readers' links go through the firewall when there is one.
    const publicBaseUrl = props.publicBaseUrl ?? (readerEdge ? `https://${readerEdge.distribution.distributionDomainName}` : this.api.apiEndpoint);
    const consoleSignIn = new ConsoleSignIn(this, 'ConsoleSignIn', {
      userPool: stateful.userPool, domain: stateful.consoleDomain, publicBaseUrl, mode: props.consoleSignIn ?? 'cognito',
    });

    const sendDlq = this.queue('SendDeadLetters', DEAD_LETTER_RETENTION);
    const sendQueue = new Queue(this, 'SendQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Longer than six sender timeouts, as Lambda advises for SQS event sources.
      visibilityTimeout: Duration.seconds(SENDER_TIMEOUT.toSeconds() * 7),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: sendDlq, maxReceiveCount: 5 },
    });

    // Subscribe requests, queued by the subscribe function so the answer never waits for (or reveals) the confirmation
    // email.
    const signUpDlq = this.queue('SignUpDeadLetters', DEAD_LETTER_RETENTION);
    const signUpQueue = new Queue(this, 'SignUpQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(SIGN_UPS_TIMEOUT.toSeconds() * 7),
      // Long enough to outlast a weekend's outage: the age alarm fires after 10 minutes, so nothing expires unseen.
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: signUpDlq, maxReceiveCount: 5 },
    });

    const senderMaxConcurrency = props.senderMaxConcurrency ?? SENDER_MAX_CONCURRENCY;
    const reserve = (n: number) => (props.reserveConcurrency ? n : undefined);

    // Each function gets only the table access, secret, mail and environment its own composition root uses.
    const fn = (id: string, handler: HandlerName, description: string, options: { timeout?: Duration; environment?: Record<string, string>; reservedConcurrency?: number } = {}) =>
      new DatewatchFunction(this, id, { handler, description, ...options }).bindTable(stateful.table, TABLE_ACCESS[handler]);
    const sendsMail = (f: DatewatchFunction) => f.allowSendEmail({
      senderEmail: props.senderEmail,
      identityArn: stateful.mailIdentity.identity.emailIdentityArn,
      configurationSetName: stateful.configurationSet.configurationSetName,
      sandboxRecipients: stateful.sesSandbox?.verifiedRecipients ?? [],
    });

    // Readers' pages and feeds: reads stories and events, nothing else (no secret, no queue, no mail).
    const pagesDescription = 'Subscribe page, stories, story pages, calendars, Atom feeds, events list';
    const publicPages = fn('PublicPages', 'public-pages', pagesDescription, {
      environment: { PUBLIC_BASE_URL: publicBaseUrl },
      reservedConcurrency: reserve(RESERVED.publicPages),
    });
    // Validates and queues sign-ups: the suppression keys only for the keyed hashes of its consent record and limit;
    // no signing key, no subscription read or written, no mail.
    const subscribeDescription = 'Subscribe requests (the form post and JSON), queued for the sign-up worker';
    const subscribe = fn('Subscribe', 'subscribe', subscribeDescription, {
      reservedConcurrency: reserve(RESERVED.subscribe),
    }).bindSuppressionSecret(stateful.suppressionSecret);
    // Verifies the confirmation and unsubscribe links, checks and records suppressions; it sends no mail.
    const publicApiDescription = 'Confirmation and unsubscribe pages and actions (the links in every email)';
    const publicApi = fn('PublicApi', 'public-api', publicApiDescription, {
      environment: { PUBLIC_BASE_URL: publicBaseUrl },
      reservedConcurrency: reserve(RESERVED.publicApi),
    }).bindTokenSecret(stateful.tokenSecret).bindSuppressionSecret(stateful.suppressionSecret);
    // Verifies the preferences link and signs the page's unsubscribe link: the token keys, no suppression key.
    const preferencesDescription = "A reader's preferences page and its changes (the link in every email)";
    const preferences = fn('Preferences', 'preferences', preferencesDescription, {
      environment: { PUBLIC_BASE_URL: publicBaseUrl },
      reservedConcurrency: reserve(RESERVED.preferences),
    }).bindTokenSecret(stateful.tokenSecret);
    // Built files (the console, the OpenAPI document) deployed beside a few lines of code; no table, no secret of ours.
    const staticFiles = new DatewatchFunction(this, 'StaticFiles', {
      handler: 'static-files', description: "The editors' console and the OpenAPI document, as built",
      environment: consoleSignIn.environment,
    });
    // Reads a story's text: the parser and the gazetteer; no table, no secret of ours, no mail.
    const proposals = new DatewatchFunction(this, 'Proposals', {
      handler: 'proposals', description: "Proposes a story's dated events from its text (stores nothing)",
    });
    // The editors' routes that render mail (previews, test sends to the signed-in editor): the templates and SES, no
    // signing key.
    const editorMail = sendsMail(fn('EditorMail', 'editor-mail', 'Email previews and test sends', {
      environment: { PUBLIC_BASE_URL: publicBaseUrl },
    }));
    // Send jobs and their figures, story updates written and listed: the table only (no secret, no queue, no mail).
    const mailJobs = fn('MailJobs', 'mail-jobs', 'Send jobs with their progress; story updates written and listed');
    // Makes an address pending and mails its confirmation, off the request path; signs the confirmation link.
    const signUps = sendsMail(fn('SignUps', 'sign-ups', 'Sign-up worker: pending subscription and confirmation email for each queued subscribe request', {
      timeout: SIGN_UPS_TIMEOUT,
      environment: { PUBLIC_BASE_URL: publicBaseUrl },
    }).bindTokenSecret(stateful.tokenSecret).bindSuppressionSecret(stateful.suppressionSecret));
    // The suppression keys find an address's suppression (a keyed hash); it holds no signing key and sends no mail.
    const adminDescription = 'Stories and events, subscriber lookup and erasure, audience, clock';
    const adminApi = fn('AdminApi', 'admin-api', adminDescription).bindSuppressionSecret(stateful.suppressionSecret);
    // Readers in and out as CSV: the suppression keys (a keyed hash) keep a reader who left out of an import, whose
    // other readers' confirmations it queues for the sign-up worker; no signing key, no mail.
    const subscriberCsv = fn('SubscriberCsv', 'subscriber-csv', 'Subscriber CSV import and export', {
      // A 10,000-row subscriber import takes seconds; API Gateway's HTTP API waits at most 30 s for its integration.
      timeout: Duration.seconds(29),
    }).bindSuppressionSecret(stateful.suppressionSecret);
    const dispatcher = fn('Dispatcher', 'dispatcher', 'Each minute: finds due reminders, digests and alerts; queues recipients', {
      timeout: Duration.seconds(60),
      environment: { RECIPIENTS_PER_MESSAGE: String(props.recipientsPerMessage ?? 10) },
      reservedConcurrency: reserve(RESERVED.dispatcher),
    });
    // Signs the preferences and unsubscribe links of every message it sends.
    const sender = sendsMail(fn('Sender', 'sender', 'Claims each (job, recipient), renders and sends it through SES', {
      timeout: SENDER_TIMEOUT,
      environment: {
        PUBLIC_BASE_URL: publicBaseUrl,
        SEND_RATE_PER_SECOND: String(props.sendRatePerSecond ?? 5),
        MAX_SEND_RATE_PER_SECOND: String(props.maxSendRatePerSecond),
        // The sender shares the account's rate among this many instances (the event source's maximum concurrency).
        SENDER_MAX_CONCURRENCY: String(senderMaxConcurrency),
      },
      // Exactly the event source's ceiling: never throttled by its own reservation, never more than SES allows.
      reservedConcurrency: reserve(senderMaxConcurrency),
      // The suppression keys only to look a mailbox up (any spelling of it) before sending; it records none.
    }).bindTokenSecret(stateful.tokenSecret).bindSuppressionSecret(stateful.suppressionSecret));
    // The suppression keys make the suppression's keyed hash; it signs no link, so it has no signing key.
    const sesEvents = fn('SesEvents', 'ses-events', 'Turns SES bounces and complaints into suppressions').bindSuppressionSecret(stateful.suppressionSecret);
    const seed = fn('Seed', 'seed', "Seeds the story's events when the story data changes", { timeout: Duration.minutes(2) });

    // SendMessage only: grantSendMessages adds GetQueueAttributes and GetQueueUrl, which the dispatcher never calls.
    dispatcher.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [sendQueue.queueArn] }));
    dispatcher.fn.addEnvironment('SEND_QUEUE_URL', sendQueue.queueUrl);
    sender.consumeQueue(sendQueue, { batchSize: 10, maxConcurrency: senderMaxConcurrency });
    this.allowReadingSendQuota(sender);
    subscribe.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['sqs:SendMessage'], resources: [signUpQueue.queueArn],
    }));
    // A subscriber import queues its readers' confirmations for the same worker (SendMessageBatch is sqs:SendMessage).
    subscriberCsv.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [signUpQueue.queueArn] }));
    subscriberCsv.fn.addEnvironment('SIGN_UP_QUEUE_URL', signUpQueue.queueUrl);
    const routed: Record<LambdaName, DatewatchFunction> = {
      publicPages, subscribe, publicApi, preferences, staticFiles, adminApi, subscriberCsv, mailJobs, editorMail,
      proposals,
    };
    if (readerEdge) {
      // Every function behind routes refuses a request without CloudFront's secret header, so AWS WAF cannot be walked
      // around through the API's own endpoint; the public API believes CloudFront-Viewer-Address only with it.
      for (const f of Object.values(routed)) {
        f.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [readerEdge.originSecret.secretArn] }));
        f.fn.addEnvironment('ORIGIN_VERIFY_SECRET', readerEdge.originSecret.secretArn);
      }
      new CfnOutput(this, 'ReaderUrl', { value: `https://${readerEdge.distribution.distributionDomainName}`, description: 'Readers: the public routes behind AWS WAF' });
    }
    subscribe.fn.addEnvironment('SIGN_UP_QUEUE_URL', signUpQueue.queueUrl);
    signUps.consumeQueue(signUpQueue, { batchSize: 10, maxConcurrency: SIGN_UPS_MAX_CONCURRENCY });

    const stage = this.routes(routed, stateful, consoleSignIn.client.userPoolClientId);
    const clockDeadLetters = this.clock(dispatcher);
    const dispatcherFailures = this.deadLetterQueue('DispatcherFailures', 'Lambda on-failure destination of the dispatcher; nothing consumes it, the alarm on it is the consumer.');
    // Scheduler invokes asynchronously: a failed run is not retried (the next minute covers its window from the cursor), only recorded.
    dispatcher.fn.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: Duration.minutes(2), onFailure: dispatcher.failuresTo(dispatcherFailures) });
    const sesFeedback = this.sesFeedback(sesEvents, stateful);

    const deadEnds: DeadEnd[] = [
      { id: 'SendDeadLetters', queue: sendDlq, description: DEAD_END_RUNBOOK.SendDeadLetters },
      { id: 'SignUpDeadLetters', queue: signUpDlq, description: DEAD_END_RUNBOOK.SignUpDeadLetters },
      { id: 'ClockDeadLetters', queue: clockDeadLetters, description: DEAD_END_RUNBOOK.ClockDeadLetters },
      { id: 'DispatcherFailures', queue: dispatcherFailures, description: DEAD_END_RUNBOOK.DispatcherFailures },
      { id: 'SesEventsDeliveryDeadLetters', queue: sesFeedback.deliveryDeadLetters, description: DEAD_END_RUNBOOK.SesEventsDeliveryDeadLetters },
      { id: 'SesEventsFailures', queue: sesFeedback.failures, description: DEAD_END_RUNBOOK.SesEventsFailures },
    ];
    const watched = {
      PublicPages: publicPages, Subscribe: subscribe, PublicApi: publicApi, Preferences: preferences,
      StaticFiles: staticFiles, SignUps: signUps, AdminApi: adminApi, SubscriberCsv: subscriberCsv, MailJobs: mailJobs,
      EditorMail: editorMail, Proposals: proposals, Dispatcher: dispatcher, Sender: sender, SesEvents: sesEvents, Seed: seed,
    };
    this.seedWhenStoryChanges(seed, Object.values(watched).filter((f) => f !== seed));
    const functions: WatchedFunction[] = Object.entries(watched).map(([id, fn]) => ({ id, fn, ...FUNCTION_RUNBOOK[id as keyof typeof watched] }));
    const alarmTopic = new AlarmTopic(this, 'Alarms', { alarmEmail: props.alarmEmail });
    new Monitoring(this, 'Monitoring', { topic: alarmTopic, stage, sendQueue, signUpQueue, table: stateful.table, deadEnds, functions });
    if (!props.alarmEmail) {
      Annotations.of(this).addWarningV2('datewatch:no-alarm-subscriber',
        'No alarm subscriber: the alarms notify the Datewatch alarms topic, which nobody reads. Deploy with -c alarmEmail=<address> (and confirm the e-mail AWS sends), or subscribe to the AlarmTopicArn output yourself.');
    }
    const { dashboard } = new OperationsDashboard(this, 'Operations', {
      stage, sendQueue, deadEnds, functions, configurationSetName: stateful.configurationSet.configurationSetName,
    });

    new CfnOutput(this, 'AlarmTopicArn', { value: alarmTopic.topic.topicArn, description: 'Subscribe here (or pass -c alarmEmail=…) to hear of alarms' });
    new CfnOutput(this, 'DashboardName', { value: dashboard.dashboardName });
    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
    new CfnOutput(this, 'ConsoleUrl', { value: consoleSignIn.callbackUrl, description: "The editors' console" });
    new CfnOutput(this, 'ConsoleClientId', { value: consoleSignIn.client.userPoolClientId });
    new CfnOutput(this, 'SendDeadLetterQueueUrl', { value: sendDlq.queueUrl });
  }

  /** One route per entry of lambdas/routes.ts; admin routes carry the Cognito JWT authorizer. */
  private routes(functions: Record<LambdaName, DatewatchFunction>, stateful: StatefulStack, consoleClientId: string): HttpStage {
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY });
    const stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { burstLimit: 100, rateLimit: 50 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // No path or query string: links carry tokens and addresses that do not belong in logs.
        format: AccessLogFormat.custom(JSON.stringify({
          requestId: '$context.requestId', ip: '$context.identity.sourceIp', time: '$context.requestTime',
          routeKey: '$context.routeKey', status: '$context.status', latency: '$context.responseLatency',
          responseLength: '$context.responseLength', integrationError: '$context.integrationErrorMessage',
          authorizerError: '$context.authorizer.error',
        })),
      },
    });

    const { region, urlSuffix } = Stack.of(this);
    const authorizer = new HttpJwtAuthorizer('AdminJwt', `https://cognito-idp.${region}.${urlSuffix}/${stateful.userPool.userPoolId}`, {
      // The CLI's client (SRP) and the console's (hosted UI): ID tokens carry their client id as the audience.
      jwtAudience: [stateful.userPoolClient.userPoolClientId, consoleClientId],
    });
    // One integration per function, named after it (e.g. PublicPagesIntegration).
    const integrations = Object.fromEntries(Object.entries(functions).map(([name, f]) => {
      const id = `${name.charAt(0).toUpperCase()}${name.slice(1)}Integration`;
      return [name, new HttpLambdaIntegration(id, f.fn)];
    })) as Record<LambdaName, HttpLambdaIntegration>;
    for (const route of routes) {
      const [created] = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: integrations[route.lambda],
        authorizer: route.admin ? authorizer : undefined,
      });
      if (!route.admin && created) Validations.of(created).acknowledge({ id: 'AwsSolutions-APIG4', reason: publicRouteReason(route) });
    }
    return stage;
  }

  /** EventBridge Scheduler calls the dispatcher every minute with the scheduled time, retrying into a DLQ. */
  private clock(dispatcher: DatewatchFunction): Queue {
    const deadLetters = this.deadLetterQueue('ClockDeadLetters', 'This queue is itself the dead-letter queue of the one-minute schedule; it has no consumer to fail.');
    const role = new iam.Role(this, 'ClockRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': this.account } } }),
      description: 'Lets the one-minute schedule invoke the dispatcher and dead-letter to its queue, nothing else',
    });
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(dispatcher.fn.node.defaultChild as never)}.Arn>:*]`,
      reason: 'The scheduler target grants lambda:InvokeFunction on the dispatcher and its versions (arn:*), one function only.',
    });
    new Schedule(this, 'EveryMinute', {
      description: 'Datewatch clock: now = the scheduled time',
      schedule: ScheduleExpression.rate(Duration.minutes(1)),
      timeWindow: TimeWindow.off(),
      target: new LambdaInvoke(dispatcher.fn, {
        input: ScheduleTargetInput.fromObject({ scheduledTime: ContextAttribute.scheduledTime }),
        retryAttempts: 3,
        maxEventAge: Duration.minutes(2),
        deadLetterQueue: deadLetters,
        role,
      }),
    });
    return deadLetters;
  }

  /**
   * SES feedback has two dead ends: SNS dead-letters what it cannot hand to Lambda, and Lambda sends what still fails
   * after its retries to an on-failure destination. Both queues are SSE-SQS: SNS may write to them with no key grant
   * (an SSE-KMS queue would need a customer managed key letting sns.amazonaws.com use it), whatever the topic's own key.
   */
  private sesFeedback(sesEvents: DatewatchFunction, stateful: StatefulStack): { deliveryDeadLetters: Queue; failures: Queue } {
    const deliveryDeadLetters = this.deadLetterQueue('SesEventsDeliveryDeadLetters', 'Dead-letter queue of the SES feedback subscription; SNS writes here what it could not deliver to ses-events.');
    // LambdaSubscription lets the topic (and only it, by aws:SourceArn) send to this queue.
    stateful.sesEventsTopic.addSubscription(new LambdaSubscription(sesEvents.fn, { deadLetterQueue: deliveryDeadLetters }));
    const failures = this.deadLetterQueue('SesEventsFailures', 'Lambda on-failure destination of ses-events; it holds notifications that failed after retries, for replay.');
    // Two retries ride out a throttled table; six hours (the most Lambda allows) outlasts a short outage.
    sesEvents.fn.configureAsyncInvoke({ retryAttempts: 2, maxEventAge: Duration.hours(6), onFailure: sesEvents.failuresTo(failures) });
    return { deliveryDeadLetters, failures };
  }

  /** SESv2 GetAccount, so the sender can stay under the account's sending rate; it has no resource to name. */
  private allowReadingSendQuota(sender: DatewatchFunction): void {
    // A policy of its own, outside the function construct, so its wildcard carries its own acknowledgement.
    const policy = new iam.Policy(this, 'SenderSendQuotaPolicy', {
      roles: [sender.role],
      statements: [new iam.PolicyStatement({ actions: ['ses:GetAccount'], resources: ['*'] })],
    });
    Validations.of(policy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'ses:GetAccount (the account send quota and rate) supports no resource-level permissions: the Service Authorization Reference lists no resource type for it, so "*" is required; it reads, never sends.',
    });
  }

  /**
   * A custom resource carrying the story data's hash and the table's layout: CloudFormation calls the seed when
   * either changes. It waits for every other function, so the items it moves are read by code that knows where they
   * went (a release that moves items and its new readers land together; the dispatcher reads stories by key).
   */
  private seedWhenStoryChanges(seed: DatewatchFunction, after: DatewatchFunction[]): void {
    // Only the data, never the time of the synth, so a synth of an unchanged tree is an empty `cdk diff`.
    const storyHash = createHash('sha256').update(readFileSync(`${repoRoot}lambdas/data/story.json`)).digest('hex');
    const frameworkLogs = new LogGroup(this, 'SeedProviderLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    const frameworkRole = new iam.Role(this, 'SeedProviderRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Runs the custom-resource framework that invokes the seed Lambda',
    });
    frameworkLogs.grantWrite(frameworkRole);
    const provider = new Provider(this, 'SeedProvider', {
      onEventHandler: seed.fn,
      logGroup: frameworkLogs,
      frameworkOnEventRole: frameworkRole,
    });
    Validations.of(frameworkRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(seed.fn.node.defaultChild as never)}.Arn>:*]`,
      reason: 'The CDK Provider framework grants lambda:InvokeFunction on the seed function and its versions (arn:*), one function only.',
    });
    const resource = new CustomResource(this, 'SeedStory', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::DatewatchSeed',
      properties: { storyHash, layout: TABLE_LAYOUT },
    });
    for (const f of after) resource.node.addDependency(f.fn);
  }

  /** An encrypted, TLS-only queue with no consumer of its own. */
  private queue(id: string, retention: Duration): Queue {
    return new Queue(this, id, { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: retention });
  }

  /** A dead end of some asynchronous path: kept 14 days, watched by an alarm, needing no dead-letter queue of its own. */
  private deadLetterQueue(id: string, whyNoDeadLetterQueue: string): Queue {
    const queue = this.queue(id, DEAD_LETTER_RETENTION);
    Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS3', reason: whyNoDeadLetterQueue });
    return queue;
  }
}
