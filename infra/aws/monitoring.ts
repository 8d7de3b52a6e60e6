import { Duration } from 'aws-cdk-lib';
import type { HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { AlarmTopic } from './alarm-topic.ts';
import { DATEWATCH_NAMESPACE, DISPATCHER_LAG } from './custom-metrics.ts';
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

    this.alarm('Api5xx', props.stage.metricServerError({ statistic: 'Sum', period: FIVE_MINUTES }), {
      threshold: API_5XX_ALARM, comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      description: 'The HTTP API answered 5xx to readers or editors: a Lambda behind a route failed, timed out or was throttled. '
        + 'Check the PublicApi and AdminApi Errors and Throttles alarms, and integrationError in the API access log.',
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
