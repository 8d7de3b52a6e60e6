import { Duration } from 'aws-cdk-lib';
import type { HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, MathExpression, Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { Operation, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { AlarmTopic } from './alarm-topic.ts';
import { DATEWATCH_NAMESPACE, DISPATCHER_LAG, SES_QUOTA_USED } from './custom-metrics.ts';
import type { DatewatchFunction } from './datewatch-function.ts';

/** A queue where work that could not be done ends up, with what its messages mean and what to do about them. */
export interface DeadEnd {
  id: string;
  queue: IQueue;
  description: string;
}

/** A function to watch, with what its errors and throttles mean for readers and editors. */
export interface WatchedFunction {
  id: string;
  fn: DatewatchFunction;
  onError: string;
  onThrottle: string;
}

export interface MonitoringProps {
  topic: AlarmTopic;
  stage: HttpStage;
  sendQueue: IQueue;
  signUpQueue: IQueue;
  table: ITable;
  deadEnds: readonly DeadEnd[];
  functions: readonly WatchedFunction[];
}

const FIVE_MINUTES = Duration.minutes(5);
/** Well before SES acts: it reviews an account at 5% bounces or 0.1% complaints. */
export const SES_BOUNCE_RATE_ALARM = 0.02;
export const SES_COMPLAINT_RATE_ALARM = 0.0005;
/** Fifteen minutes of backlog: at 10 mails/s that is 9,000 mails behind, later than any reader would accept. */
export const SEND_QUEUE_AGE_ALARM_SECONDS = 15 * 60;
/** A run that ends five minutes after its scheduled time means reminders go out late. */
export const DISPATCHER_LAG_ALARM_SECONDS = 5 * 60;
/** A handful of 5xx in five minutes, so one cold-start timeout does not page anyone. */
export const API_5XX_ALARM = 5;
/** Percent of mail SES refused for the reader (bad or suppressed address) over 15 minutes: a bad batch of addresses. */
export const RECIPIENT_REJECTED_RATE_ALARM = 5;
/** A subscribe request waiting 10 minutes means confirmations are not going out (the worker takes seconds). */
export const SIGN_UP_QUEUE_AGE_ALARM_SECONDS = 10 * 60;
/** Requests waiting in the sign-up queue: far above a normal minute's sign-ups. */
export const SIGN_UP_QUEUE_DEPTH_ALARM = 500;
/** DynamoDB throttled requests in five minutes; on-demand tables throttle only past their account or partition limits. */
export const TABLE_THROTTLES_ALARM = 5;
/** A function whose slowest run in five minutes took this share of its timeout is close to being cut off. */
export const DURATION_ALARM_SHARE_OF_TIMEOUT = 0.8;
/** Percent of the account's 24-hour SES quota used. */
export const SES_QUOTA_USED_ALARM_PERCENT = 80;
/** Throttled sends per five minutes, three periods running: the sender keeps going faster than SES allows. */
export const SES_THROTTLED_ALARM = 10;
export const SES_THROTTLED_PERIODS = 3;
/** The table operations the functions call (table-access.ts): one metric each, within an alarm's 10 metrics. */
const TABLE_OPERATIONS = [Operation.GET_ITEM, Operation.PUT_ITEM, Operation.UPDATE_ITEM, Operation.DELETE_ITEM, Operation.QUERY, Operation.BATCH_GET_ITEM, Operation.BATCH_WRITE_ITEM];

const mailMetric = (metricName: string, statistic: string, reason?: string, period = FIVE_MINUTES) =>
  new Metric({ namespace: DATEWATCH_NAMESPACE, metricName, statistic, period, ...(reason ? { dimensionsMap: { Reason: reason } } : {}) });

/** SES account-wide reputation: the figures SES itself uses to review or pause sending (no dimension). */
export const sesReputation = (metricName: 'Reputation.BounceRate' | 'Reputation.ComplaintRate', dimensionsMap?: Record<string, string>) =>
  new Metric({ namespace: 'AWS/SES', metricName, dimensionsMap, statistic: 'Maximum', period: Duration.hours(1) });

export const dispatcherLag = () =>
  new Metric({ namespace: DATEWATCH_NAMESPACE, metricName: DISPATCHER_LAG, statistic: 'Maximum', period: FIVE_MINUTES });

/** Every alarm of the service, each saying why it fires and what to do, reporting to one topic on alarm and OK. */
export class Monitoring extends Construct {
  readonly alarms: Alarm[] = [];
  private readonly topic: AlarmTopic;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = props.topic;

    for (const deadEnd of props.deadEnds) {
      this.alarm(`${deadEnd.id}NotEmpty`, deadEnd.queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: FIVE_MINUTES }), {
        threshold: 0, comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
        description: deadEnd.description,
      });
    }

    this.alarm('SendQueueFallingBehind', props.sendQueue.metricApproximateAgeOfOldestMessage({ statistic: 'Maximum', period: FIVE_MINUTES }), {
      threshold: SEND_QUEUE_AGE_ALARM_SECONDS, comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
      description: 'The oldest message in the send queue has waited over 15 minutes: mail is going out late. Either the sender is failing '
        + '(see its Errors alarm and logs), SES is throttling it (MailThrottled on the dashboard), or a fan-out is larger than '
        + 'the sender can send in time (the lower of the account\'s SES MaxSendRate and MAX_SEND_RATE_PER_SECOND, shared by SENDER_MAX_CONCURRENCY '
        + 'instances): ask AWS for a higher SES sending quota, then raise maxSendRate and senderMaxConcurrency.',
    });

    for (const { id: name, fn, onError, onThrottle } of props.functions) {
      this.alarm(`${name}Errors`, fn.fn.metricErrors({ statistic: 'Sum', period: FIVE_MINUTES }), {
        threshold: 1, comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        description: `The ${name} Lambda failed (an unhandled error or a timeout). ${onError} Read its log group, level ERROR, around the alarm time.`,
      });
      this.alarm(`${name}Throttles`, fn.fn.metricThrottles({ statistic: 'Sum', period: FIVE_MINUTES }), {
        threshold: 1, comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        description: `The ${name} Lambda was throttled: it reached its reserved concurrency or the account's limit. ${onThrottle}`,
      });
    }

    this.mailAlarms();
    this.signUpQueueAlarms(props.signUpQueue);
    this.tableAlarms(props.table);
    for (const { id: name, fn } of props.functions) {
      const timeoutMs = (fn.fn.timeout ?? Duration.seconds(3)).toMilliseconds();
      this.alarm(`${name}NearTimeout`, fn.fn.metricDuration({ statistic: 'Maximum', period: FIVE_MINUTES }), {
        threshold: Math.round(timeoutMs * DURATION_ALARM_SHARE_OF_TIMEOUT), comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
        description: `A ${name} run took over ${DURATION_ALARM_SHARE_OF_TIMEOUT * 100}% of its ${timeoutMs / 1000} s timeout: the next slower one is cut off `
          + 'mid-work (an SQS batch comes back whole, an API request gets 503). Find the slow call in its log (duration per line, '
          + 'MailThrottled, a slow table); shorten the work per invocation or raise the timeout in stateless-stack.ts.',
      });
    }

    this.alarm('Api5xx', props.stage.metricServerError({ statistic: 'Sum', period: FIVE_MINUTES }), {
      threshold: API_5XX_ALARM, comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      description: 'The HTTP API answered 5xx to readers or editors: a Lambda behind a route failed, timed out or was throttled. '
        + 'Check the Errors and Throttles alarms of the functions behind routes (PublicPages, Subscribe, PublicApi, '
        + 'Preferences, StaticFiles, AdminApi, SubscriberCsv, MailJobs, EditorMail, Proposals; routes.ts says which '
        + 'serves a route), and '
        + 'integrationError in the API access log.',
    });

    this.alarm('DispatcherFallingBehind', dispatcherLag(), {
      threshold: DISPATCHER_LAG_ALARM_SECONDS, comparison: ComparisonOperator.GREATER_THAN_THRESHOLD, evaluationPeriods: 2,
      // Missing data breaches: the dispatcher reports every minute, so ten silent minutes mean the clock or the dispatcher stopped.
      missing: TreatMissingData.BREACHING,
      description: 'The dispatcher ended a run more than 5 minutes after its scheduled time, or reported no DispatcherLagSeconds for '
        + '10 minutes (the schedule is disabled, the dispatcher fails before it reports, or it is not invoked). Reminders, digests '
        + 'and alerts go out late. Check the EveryMinute schedule is enabled, the clock and dispatcher dead-letter alarms, and the '
        + "dispatcher's Errors, Duration and Throttles; it catches up from its cursor once it runs again.",
    });

    this.alarm('SesBounceRate', sesReputation('Reputation.BounceRate'), {
      threshold: SES_BOUNCE_RATE_ALARM, comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      description: 'The SES account bounce rate reached 2% (SES reviews the account at 5% and may pause sending at 10%). '
        + 'Check ses-events is suppressing hard bounces (its alarms, MailBounced), and look for a bad batch of sign-ups; '
        + 'pause sending (aws sesv2 put-account-sending-attributes --no-sending-enabled) if the rate keeps rising.',
    });
    this.alarm('SesComplaintRate', sesReputation('Reputation.ComplaintRate'), {
      threshold: SES_COMPLAINT_RATE_ALARM, comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      description: 'The SES account complaint rate reached 0.05% (SES reviews the account at 0.1% and may pause sending at 0.5%). '
        + 'Check that complaints suppress readers (ses-events, MailComplained), that List-Unsubscribe one-click works, and that '
        + 'readers still expect this mail.',
    });
  }

  /** Mail that stops without failing anything: refused readers, an account or role SES refuses, the quota, throttling. */
  private mailAlarms(): void {
    const rejectedRate = new MathExpression({
      expression: '100 * rejected / (sent + rejected)',
      usingMetrics: { rejected: mailMetric('MailRejected', 'Sum', 'recipient', Duration.minutes(15)), sent: mailMetric('MailSent', 'Sum', undefined, Duration.minutes(15)) },
      period: Duration.minutes(15),
      label: 'Percent of sends SES refused for the reader',
    });
    this.alarm('MailRejectedRecipientRate', rejectedRate, {
      threshold: RECIPIENT_REJECTED_RATE_ALARM, comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      description: `Over ${RECIPIENT_REJECTED_RATE_ALARM}% of sends in 15 minutes were refused by SES for the reader (MailRejected, Reason recipient: `
        + 'an InvalidParameterValue or a MessageRejected that is not about the account). Those readers are skipped for good and get nothing. '
        + "Read the sender's WARN lines 'SES rejected the message' for the error; "
        + 'a bad import or a template fault (a malformed header) shows here first.'
        + " Sign-up confirmations count too (the sign-ups worker's WARN 'SES rejected the confirmation').",
    });
    this.alarm('MailRejectedSenderNotReady', mailMetric('MailRejected', 'Sum', 'sender-not-ready'), {
      threshold: 1, comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      description: 'SES refuses to send for the account or identity (sandbox, unverified identity or MAIL FROM, paused account or configuration set). '
        + "No mail goes out; it stays pending and is retried. Read the sender's ERROR line for the SES error, fix the account "
        + '(SES console: identity status, account dashboard), and mail catches up by itself.',
    });
    this.alarm('MailRejectedConfiguration', mailMetric('MailRejected', 'Sum', 'configuration', Duration.minutes(1)), {
      threshold: 1, comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      description: 'A function may not send mail: SES answered AccessDenied (a missing ses:SendRawEmail grant on the identity or the '
        + "configuration set, or an SCP). A configuration error, not SES's state: retrying cannot fix it. Read the function's ERROR line, "
        + 'fix its role in infra/aws (allowSendEmail) and deploy; the messages are retried and then dead-lettered, redrive them after the fix.',
    });
    this.alarm('SesQuotaNearlyUsed', mailMetric(SES_QUOTA_USED, 'Maximum', undefined, Duration.hours(1)), {
      threshold: SES_QUOTA_USED_ALARM_PERCENT, comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      description: `The account has used ${SES_QUOTA_USED_ALARM_PERCENT}% of its 24-hour SES sending quota (SesQuotaUsedPercent, read by the sender at each `
        + 'cold start from SESv2 GetAccount). Past 100% SES refuses every send until the window rolls on. Ask AWS for a higher quota '
        + '(Service Quotas, SES Sending quota) now, and postpone large imports or updates.',
    });
    this.alarm('SesThrottlingSustained', mailMetric('MailThrottled', 'Sum'), {
      threshold: SES_THROTTLED_ALARM, comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, evaluationPeriods: SES_THROTTLED_PERIODS,
      description: `SES throttled the sender ${SES_THROTTLED_ALARM} or more times in each of ${SES_THROTTLED_PERIODS} five-minute periods running: it sends faster than `
        + "the account allows (another sender on the account, or maxSendRate above SES's MaxSendRate). Mail goes out late. Check MailThrottled on the dashboard, then lower maxSendRate "
        + 'or senderMaxConcurrency, or ask AWS for a higher sending rate.',
    });
  }

  private signUpQueueAlarms(queue: IQueue): void {
    this.alarm('SignUpQueueFallingBehind', queue.metricApproximateAgeOfOldestMessage({ statistic: 'Maximum', period: FIVE_MINUTES }), {
      threshold: SIGN_UP_QUEUE_AGE_ALARM_SECONDS, comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
      description: 'A subscribe request has waited over 10 minutes in the sign-up queue: readers are not getting their confirmation. '
        + "The sign-ups function is failing (its Errors alarm, MailRejectedConfiguration) or throttled. The queue keeps requests 4 days; fix the cause and they are mailed.",
    });
    this.alarm('SignUpQueueDeep', queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: FIVE_MINUTES }), {
      threshold: SIGN_UP_QUEUE_DEPTH_ALARM, comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, evaluationPeriods: 2,
      description: `Over ${SIGN_UP_QUEUE_DEPTH_ALARM} subscribe requests wait in the sign-up queue for 10 minutes: a flood of sign-ups (look at the WAF `
        + 'and the API request count) or a stalled worker (its Errors and Throttles alarms).',
    });
  }

  private tableAlarms(table: ITable): void {
    this.alarm('TableThrottles', table.metricThrottledRequestsForOperations({ operations: TABLE_OPERATIONS, period: FIVE_MINUTES }), {
      threshold: TABLE_THROTTLES_ALARM, comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      description: 'DynamoDB throttled requests to the table: a hot partition or the account\'s on-demand throughput limit. Calls fail and are '
        + 'retried (SQS, the API answers 5xx). Find the operation in the ThrottledRequests metric; raise the table\'s on-demand maximum or the account quota.',
    });
    this.alarm('TableSystemErrors', table.metricSystemErrorsForOperations({ operations: TABLE_OPERATIONS, period: FIVE_MINUTES }), {
      threshold: 1, comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      description: 'DynamoDB answered 5xx (SystemErrors): an AWS-side fault. The functions retry; if it lasts, check the AWS Health Dashboard for DynamoDB in this region.',
    });
  }

  private alarm(id: string, metric: IMetric, o: {
    threshold: number; comparison: ComparisonOperator; description: string; evaluationPeriods?: number; missing?: TreatMissingData;
  }): void {
    const alarm = new Alarm(this, id, {
      metric,
      threshold: o.threshold,
      comparisonOperator: o.comparison,
      evaluationPeriods: o.evaluationPeriods ?? 1,
      treatMissingData: o.missing ?? TreatMissingData.NOT_BREACHING,
      alarmDescription: o.description,
    });
    alarm.addAlarmAction(this.topic.action);
    alarm.addOkAction(this.topic.action);
    this.alarms.push(alarm);
  }
}
