import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@aws-lambda-powertools/logger';
import type { LogItem } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { CountName, GaugeName, GaugeUnit, InvocationTelemetry, LogFields, Reason } from '#ports/telemetry.ts';
import { redact, redactingReplacer } from './redact.ts';

export const METRICS_NAMESPACE = 'Datewatch';
const SERVICE = 'datewatch';

export interface PowertoolsTelemetryOptions {
  /** The Lambda's name, on every log line (AWS_LAMBDA_FUNCTION_NAME). */
  functionName: string;
  /** Where log and metric lines go instead of stdout: the local stack's handler log. */
  sink?: (line: string) => void;
}

/** One invocation's correlation ids and the metrics it has counted so far. */
interface Scope {
  /** The telemetry that opened it: another function's invocation in this process (one machine) is not ours. */
  owner: object;
  ids: LogFields;
  counts: Map<string, { name: CountName; reason?: string; n: number }>;
  gauges: { name: GaugeName; value: number; unit: GaugeUnit }[];
}

/**
 * One store for the whole process. On Node 20 every AsyncLocalStorage in use is visited for each promise created,
 * so a store per telemetry (one per warm environment of each local function, hundreds under load) cost more CPU
 * than the functions' own work.
 */
const scopes = new AsyncLocalStorage<Scope>();

/** Powertools' JSON logger writing each line to a function of ours instead of the process's stdout. */
class SinkLogger extends Logger {
  declare sink: ((line: string) => void) | undefined;

  protected override printLog(_level: number, log: LogItem): void {
    log.prepareForPrint();
    const line = JSON.stringify(log.getAttributes(), this.getJsonReplacer());
    if (this.sink) this.sink(line);
    else process.stdout.write(`${line}\n`);
  }
}

/**
 * Telemetry through Powertools for AWS Lambda: structured JSON logs (Logger) and CloudWatch embedded metric
 * format (Metrics). Counts are summed per invocation and published once when it ends: one line of plain
 * metrics (no dimension, what the alarms read) and one line per Reason.
 */
export function makePowertoolsTelemetry({ functionName, sink }: PowertoolsTelemetryOptions): InvocationTelemetry {
  const options = { serviceName: SERVICE, logLevel: 'INFO' as const, persistentKeys: { function: functionName }, jsonReplacerFn: redactingReplacer };
  const logger = sink ? Object.assign(new SinkLogger(options), { sink }) : new Logger(options);
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE });
  // Without this Powertools adds a `service` dimension to every metric, and the alarms read the plain ones.
  metrics.clearDefaultDimensions();
  // Several invocations of one local function may run at once in one process: each keeps its own ids and counts.
  // The scope store is shared by every telemetry in the process (see `scopes`); each reads only its own scopes.
  const owner = {};
  const current = (): Scope | undefined => { const s = scopes.getStore(); return s?.owner === owner ? s : undefined; };

  const emit = () => {
    if (!sink) { metrics.publishStoredMetrics(); return; }
    sink(JSON.stringify(metrics.serializeMetrics()));
    metrics.clearMetrics();
    metrics.clearDimensions();
  };

  const publish = (scope: Scope) => {
    const entries = [...scope.counts.values()];
    if (entries.length === 0 && scope.gauges.length === 0) return;
    const totals = new Map<CountName, number>();
    for (const e of entries) totals.set(e.name, (totals.get(e.name) ?? 0) + e.n);
    for (const [name, n] of totals) metrics.addMetric(name, MetricUnit.Count, n);
    for (const g of scope.gauges) metrics.addMetric(g.name, MetricUnit[g.unit], g.value);
    // The empty dimension set: EMF's way of saying "this metric has no dimension", as the alarms read it.
    metrics.addDimensions({});
    emit();
    for (const reason of new Set(entries.flatMap((e) => (e.reason ? [e.reason] : [])))) {
      metrics.addDimension('Reason', reason);
      for (const e of entries) if (e.reason === reason) metrics.addMetric(e.name, MetricUnit.Count, e.n);
      emit();
    }
  };

  /** A count or gauge outside any invocation (during a cold start) is published at once. */
  const inScope = (record: (scope: Scope) => void) => {
    const mine = current();
    if (mine) { record(mine); return; }
    const once: Scope = { owner, ids: {}, counts: new Map(), gauges: [] };
    record(once);
    publish(once);
  };

  const line = (level: 'info' | 'warn' | 'error') => (message: string, fields: LogFields = {}) => {
    logger[level](redact(message), { ...current()?.ids, ...fields });
  };

  return {
    info: line('info'),
    warn: line('warn'),
    error: line('error'),
    count(name, n = 1, dimension?: Reason) {
      if (n === 0) return;
      inScope((scope) => {
        const key = `${name}\u0000${dimension?.Reason ?? ''}`;
        const entry = scope.counts.get(key) ?? { name, ...(dimension ? { reason: dimension.Reason } : {}), n: 0 };
        entry.n += n;
        scope.counts.set(key, entry);
      });
    },
    gauge(name, value, unit) {
      inScope((scope) => scope.gauges.push({ name, value, unit }));
    },
    async invocation(ids, work) {
      const outer = current();
      // A nested invocation (one SQS record of a batch) adds its ids; the batch publishes the metrics once.
      if (outer) return scopes.run({ ...outer, ids: { ...outer.ids, ...ids } }, work);
      const scope: Scope = { owner, ids, counts: new Map(), gauges: [] };
      try {
        return await scopes.run(scope, work);
      } finally {
        publish(scope);
      }
    },
  };
}
