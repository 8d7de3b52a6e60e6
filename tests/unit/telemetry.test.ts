import { describe, expect, it } from 'vitest';
import { makeCloudWatchTelemetry, METRICS_NAMESPACE } from '#adapters/cloudwatch/telemetry.ts';
import type { CountName, GaugeName } from '#ports/telemetry.ts';
import { telemetryOf } from '#lambdas/functions/build-basics.ts';
import { errorResponse } from '#handlers/http/errors.ts';
import { DATEWATCH_NAMESPACE, DISPATCHER_LAG, MAIL_OUTCOMES } from '../../infra/aws/custom-metrics.ts';

function recorded(traceHeader?: string) {
  const lines: string[] = [];
  const telemetry = makeCloudWatchTelemetry({
    functionName: 'datewatch-sender', sink: (l) => lines.push(l), traceHeader: () => traceHeader,
  });
  const parsed = () => lines.map((l) => JSON.parse(l) as Record<string, any>);
  return { telemetry, lines, logs: () => parsed().filter((l) => !l._aws), metrics: () => parsed().filter((l) => l._aws) };
}

describe('telemetry as CloudWatch reads it (JSON log lines, EMF metric lines)', () => {
  it('emits the names, in the namespace, that the alarms and the dashboard read', () => {
    const counts: Record<CountName, true> = {
      MailSent: true, MailSkipped: true, MailRejected: true, MailRetried: true, MailThrottled: true, MailBounced: true,
      MailComplained: true,
      MailHandedBack: true,
    };
    const gauges: Partial<Record<GaugeName, true>> = { DispatcherLagSeconds: true };
    expect(Object.keys(counts).sort()).toEqual([...MAIL_OUTCOMES].sort());
    expect(Object.keys(gauges)).toContain(DISPATCHER_LAG);
    expect(METRICS_NAMESPACE).toBe(DATEWATCH_NAMESPACE);
  });

  it('sums an invocation\'s counts into one plain EMF line (no dimension) and one line per reason', async () => {
    const { telemetry, metrics } = recorded();
    await telemetry.invocation({ records: 2 }, async () => {
      await telemetry.invocation({ correlation_id: 'm-1' }, async () => { telemetry.count('MailSent', 2); telemetry.count('MailSkipped', 1, { Reason: 'reader-unsubscribed' }); });
      await telemetry.invocation({ correlation_id: 'm-2' }, async () => { telemetry.count('MailSkipped', 2, { Reason: 'event-moved' }); telemetry.gauge('MailLagSeconds', 4, 'Seconds'); });
    });
    const [plain, ...byReason] = metrics();
    expect(plain!._aws.CloudWatchMetrics).toEqual([{ Namespace: 'Datewatch', Dimensions: [[]], Metrics: expect.arrayContaining([{ Name: 'MailSent', Unit: 'Count' }, { Name: 'MailLagSeconds', Unit: 'Seconds' }]) }]);
    expect(plain).toMatchObject({ MailSent: 2, MailSkipped: 3, MailLagSeconds: 4 });
    expect(byReason.map((m) => [m._aws.CloudWatchMetrics[0].Dimensions, m.Reason, m.MailSkipped])).toEqual([
      [[['Reason']], 'reader-unsubscribed', 1], [[['Reason']], 'event-moved', 2],
    ]);
  });

  it('puts the function name and the invocation\'s ids on every line, and keeps concurrent invocations apart', async () => {
    const { telemetry, logs } = recorded();
    // Invocation a waits for b to finish before it logs: its line comes last, whatever the machine's speed.
    let bDone!: () => void;
    const bFinished = new Promise<void>((resolve) => { bDone = resolve; });
    const slow = telemetry.invocation({ correlation_id: 'a' }, async () => { await bFinished; telemetry.info('done a'); });
    const fast = telemetry.invocation({ correlation_id: 'b' }, async () => { telemetry.info('done b'); });
    await fast;
    bDone();
    await slow;
    expect(logs().map((l) => [l.message, l.correlation_id, l.function, l.level])).toEqual([
      ['done b', 'b', 'datewatch-sender', 'INFO'], ['done a', 'a', 'datewatch-sender', 'INFO'],
    ]);
  });

  it('masks addresses, link tokens and bearer tokens wherever they appear in a line', () => {
    const { telemetry, lines } = recorded();
    telemetry.error('SES said: Email address is not verified: Reader.One+tag@Example.co.uk', {
      detail: 'GET /unsubscribe?token=abc.def-123&x=1', auth: 'Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln',
    });
    const line = lines.join('\n');
    expect(line).not.toMatch(/Reader\.One|abc\.def-123|eyJ/);
    expect(JSON.parse(line)).toMatchObject({ message: 'SES said: Email address is not verified: <address>', detail: 'GET /unsubscribe?token=<redacted>&x=1', auth: 'Bearer <redacted>' });
  });

  it('masks an address typed with letters beyond ASCII (before the domain is made punycode), whole', () => {
    const { telemetry, lines } = recorded();
    telemetry.warn('refused: josé.garcía@correo.example.es, читатель@пример.рф, 読者@例え.jp');
    expect(JSON.parse(lines[0]!).message).toBe('refused: <address>, <address>, <address>');
  });

  it('writes the fields Powertools Logger wrote, in its order, and the trace id of the invocation', () => {
    const { telemetry, lines } = recorded('Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0');
    telemetry.warn('slow', { ms: 12, level: 'DEBUG', skipped: undefined });
    const [line] = lines;
    expect(Object.keys(JSON.parse(line!))).toEqual([
      'level', 'message', 'timestamp', 'service', 'sampling_rate', 'xray_trace_id', 'function', 'ms',
    ]);
    expect(JSON.parse(line!)).toMatchObject({
      level: 'WARN', message: 'slow', service: 'datewatch', sampling_rate: 0,
      xray_trace_id: '1-5759e988-bd862e3fe1be46a994272793', function: 'datewatch-sender', ms: 12,
    });
    expect(new Date(JSON.parse(line!).timestamp).toISOString()).toBe(JSON.parse(line!).timestamp);
  });

  it('gives a gauge recorded twice in an invocation both values (EMF allows it); counts outside one go at once', async () => {
    const { telemetry, metrics } = recorded();
    telemetry.count('MailBounced', 1, { Reason: 'Permanent' });
    await telemetry.invocation({}, async () => {
      telemetry.gauge('MailLagSeconds', 4, 'Seconds');
      telemetry.gauge('MailLagSeconds', 9, 'Seconds');
    });
    expect(metrics().map((m) => [m._aws.CloudWatchMetrics[0].Dimensions, m.MailBounced, m.MailLagSeconds])).toEqual([
      [[[]], 1, undefined], [[['Reason']], 1, undefined], [[[]], undefined, [4, 9]],
    ]);
    expect(metrics().every((m) => typeof m._aws.Timestamp === 'number')).toBe(true);
  });

  it('honours the log level Lambda\'s logging controls set (AWS_LAMBDA_LOG_LEVEL); metrics go on', async () => {
    const lines: string[] = [];
    const at = (level?: string) => telemetryOf(
      { AWS_LAMBDA_FUNCTION_NAME: 'datewatch-sender', ...(level ? { AWS_LAMBDA_LOG_LEVEL: level } : {}) },
      { log: (l) => lines.push(l) },
    );
    const levels = async (level?: string) => {
      lines.length = 0;
      const telemetry = at(level);
      await telemetry.invocation({}, async () => {
        telemetry.info('one'); telemetry.warn('two'); telemetry.error('three'); telemetry.count('MailSent');
      });
      return lines.map((l) => JSON.parse(l) as Record<string, any>).map((l) => (l._aws ? 'EMF' : l.level));
    };
    expect(await levels()).toEqual(['INFO', 'WARN', 'ERROR', 'EMF']);
    expect(await levels('DEBUG')).toEqual(['INFO', 'WARN', 'ERROR', 'EMF']);
    expect(await levels('WARN')).toEqual(['WARN', 'ERROR', 'EMF']);
    expect(await levels('error')).toEqual(['ERROR', 'EMF']);
    expect(await levels('FATAL')).toEqual(['ERROR', 'EMF']);
  });

  it('logs an unhandled error with its cause, masked, and answers the reader a bare 500 naming neither', async () => {
    const { telemetry, logs } = recorded();
    const refused = new Error('connect ECONNREFUSED 10.0.3.7:443 sending to reader@example.com', {
      cause: new Error('getaddrinfo ENOTFOUND for https://x.example/confirm?token=abc.def'),
    });
    const wrapped = new TypeError('fetch failed', { cause: refused });

    const answer = await telemetry.invocation({ correlation_id: 'r-1' }, async () => errorResponse(wrapped, telemetry));

    expect(answer.statusCode).toBe(500);
    expect(answer.body).not.toMatch(/fetch failed|ECONNREFUSED|10\.0\.3\.7|reader@/);
    expect(logs()).toEqual([expect.objectContaining({
      level: 'ERROR', correlation_id: 'r-1', error: 'TypeError', detail: 'fetch failed',
      cause: 'Error: connect ECONNREFUSED 10.0.3.7:443 sending to <address>',
    })]);
  });
});
