import { Duration } from 'aws-cdk-lib';
import type { HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { Dashboard, GraphWidget, Metric, TextWidget } from 'aws-cdk-lib/aws-cloudwatch';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DATEWATCH_NAMESPACE, MAIL_OUTCOMES } from './custom-metrics.ts';
import {
  DISPATCHER_LAG_ALARM_SECONDS, dispatcherLag, SES_BOUNCE_RATE_ALARM, SES_COMPLAINT_RATE_ALARM, sesReputation,
  type DeadEnd, type WatchedFunction,
} from './monitoring.ts';

export interface OperationsDashboardProps {
  stage: HttpStage;
  sendQueue: IQueue;
  deadEnds: readonly DeadEnd[];
  functions: readonly WatchedFunction[];
  configurationSetName: string;
}

const PERIOD = Duration.minutes(5);

/** One page with the golden signals: API traffic and errors, mail outcomes, queues, Lambdas, SES reputation. */
export class OperationsDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const { stage, sendQueue } = props;
    const perFunction = (metric: (f: WatchedFunction) => Metric) => props.functions.map((f) => metric(f).with({ label: f.id }));
    const mail = (name: (typeof MAIL_OUTCOMES)[number]) => new Metric({ namespace: DATEWATCH_NAMESPACE, metricName: name, statistic: 'Sum', period: PERIOD, label: name });
    const configurationSet = { 'ses:configuration-set': props.configurationSetName };

    this.dashboard = new Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.days(1),
      widgets: [
        [new TextWidget({ markdown: '# Datewatch\nEvery alarm reports to the Datewatch alarms topic; each alarm description says what to do.', width: 24, height: 2 })],
        [
          new GraphWidget({ title: 'API requests', left: [stage.metricCount({ statistic: 'Sum', period: PERIOD })], width: 6 }),
          new GraphWidget({
            title: 'API latency',
            left: [stage.metricLatency({ statistic: 'p50', period: PERIOD, label: 'p50' }), stage.metricLatency({ statistic: 'p99', period: PERIOD, label: 'p99' })],
            width: 6,
          }),
          new GraphWidget({ title: 'API 4xx', left: [stage.metricClientError({ statistic: 'Sum', period: PERIOD })], width: 6 }),
          new GraphWidget({ title: 'API 5xx', left: [stage.metricServerError({ statistic: 'Sum', period: PERIOD })], width: 6 }),
        ],
        [
          new GraphWidget({ title: 'Mail sent, skipped, rejected', left: [mail('MailSent'), mail('MailSkipped'), mail('MailRejected')], width: 8 }),
          new GraphWidget({
            title: 'Mail retried and throttled', width: 8,
            left: [mail('MailRetried'), mail('MailThrottled'), mail('MailHandedBack')],
          }),
          new GraphWidget({ title: 'Mail bounced and complained', left: [mail('MailBounced'), mail('MailComplained')], width: 8 }),
        ],
        [
          new GraphWidget({ title: 'Send queue depth', left: [sendQueue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: PERIOD })], width: 6 }),
          new GraphWidget({ title: 'Send queue oldest message (s)', left: [sendQueue.metricApproximateAgeOfOldestMessage({ statistic: 'Maximum', period: PERIOD })], width: 6 }),
          new GraphWidget({
            title: 'Dead-letter queues',
            left: props.deadEnds.map((d) => d.queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: PERIOD, label: d.id })),
            width: 6,
          }),
          new GraphWidget({
            title: 'Dispatcher lag (s)', left: [dispatcherLag()],
            leftAnnotations: [{ value: DISPATCHER_LAG_ALARM_SECONDS, label: 'alarm' }], width: 6,
          }),
        ],
        [
          new GraphWidget({ title: 'Lambda errors', left: perFunction((f) => f.fn.fn.metricErrors({ statistic: 'Sum', period: PERIOD })), width: 8 }),
          new GraphWidget({ title: 'Lambda duration p99 (ms)', left: perFunction((f) => f.fn.fn.metricDuration({ statistic: 'p99', period: PERIOD })), width: 8 }),
          new GraphWidget({ title: 'Lambda throttles', left: perFunction((f) => f.fn.fn.metricThrottles({ statistic: 'Sum', period: PERIOD })), width: 8 }),
        ],
        [
          new GraphWidget({
            title: 'SES bounce rate',
            left: [sesReputation('Reputation.BounceRate').with({ label: 'account' }), sesReputation('Reputation.BounceRate', configurationSet).with({ label: 'configuration set' })],
            leftAnnotations: [{ value: SES_BOUNCE_RATE_ALARM, label: 'alarm' }, { value: 0.05, label: 'SES review' }], width: 12,
          }),
          new GraphWidget({
            title: 'SES complaint rate',
            left: [sesReputation('Reputation.ComplaintRate').with({ label: 'account' }), sesReputation('Reputation.ComplaintRate', configurationSet).with({ label: 'configuration set' })],
            leftAnnotations: [{ value: SES_COMPLAINT_RATE_ALARM, label: 'alarm' }, { value: 0.001, label: 'SES review' }], width: 12,
          }),
        ],
      ],
    });
  }
}
