import { AsyncLocalStorage } from 'node:async_hooks';
import type { CountName, GaugeName, GaugeUnit, InvocationTelemetry, LogFields, Reason } from '#ports/telemetry.ts';
import { redact, redactingReplacer } from './redact.ts';

export const METRICS_NAMESPACE = 'Datewatch';
const SERVICE = 'datewatch';

export interface CloudWatchTelemetryOptions {
  /** The Lambda's name, on every log line (AWS_LAMBDA_FUNCTION_NAME). */
  functionName: string;
  /** Where log and metric lines go instead of stdout: the local stack's handler log. */
  sink?: (line: string) => void;
  /** The invocation's X-Ray trace header (_X_AMZN_TRACE_ID), read at each line: Lambda sets it per invocation. */
  traceHeader?: () => string | undefined;
  /** The least severe log line written (AWS_LAMBDA_LOG_LEVEL); INFO when unset. Metric lines are always written. */
  level?: LogLevel;
}

type LogLevel = 'INFO' | 'WARN' | 'ERROR';
const SEVERITY: Readonly<Record<LogLevel, number>> = { INFO: 0, WARN: 1, ERROR: 2 };

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

/** The keys every log line starts with; a field of the same name is dropped rather than let it overwrite one. */
const RESERVED = new Set(['level', 'message', 'timestamp', 'service', 'sampling_rate', 'xray_trace_id', 'function']);

/** EMF's metric values by name: one number, or the list of them when a gauge was recorded more than once. */
type MetricValues = Map<string, { unit: GaugeUnit; values: number[] }>;

/**
 * Telemetry as CloudWatch reads it, written as plain lines on stdout (what Lambda sends to the function's log
 * group): structured JSON logs with the fields Powertools Logger gave them (level, message, timestamp, service,
 * sampling_rate, xray_trace_id, function, then the invocation's ids and the line's fields), and metrics in the
 * CloudWatch embedded metric format (a JSON object whose `_aws.CloudWatchMetrics` names the namespace, dimension
 * sets and metrics, with the values as top-level members). Counts are summed per invocation and published once
 * when it ends: one line of plain metrics (the empty dimension set, what the alarms read) and one line per Reason.
 */
export function makeCloudWatchTelemetry(
  { functionName, sink, traceHeader, level: least = 'INFO' }: CloudWatchTelemetryOptions,
): InvocationTelemetry {
  const write = sink ?? ((line: string) => { process.stdout.write(`${line}\n`); });
  // Several invocations of one local function may run at once in one process: each keeps its own ids and counts.
  // The scope store is shared by every telemetry in the process (see `scopes`); each reads only its own scopes.
  const owner = {};
  const current = (): Scope | undefined => { const s = scopes.getStore(); return s?.owner === owner ? s : undefined; };

  const emit = (dimensions: Record<string, string>, metrics: MetricValues) => {
    const directive = {
      Namespace: METRICS_NAMESPACE,
      // [[]]: EMF's way of saying "this metric has no dimension", as the alarms read it.
      Dimensions: [Object.keys(dimensions)],
      Metrics: [...metrics].map(([Name, { unit }]) => ({ Name, Unit: unit })),
    };
    const values = Object.fromEntries([...metrics].map(([name, { values: v }]) => [name, v.length === 1 ? v[0] : v]));
    const metadata = { Timestamp: Date.now(), CloudWatchMetrics: [directive] };
    write(JSON.stringify({ _aws: metadata, ...dimensions, ...values }));
  };

  const publish = (scope: Scope) => {
    const entries = [...scope.counts.values()];
    if (entries.length === 0 && scope.gauges.length === 0) return;
    const plain: MetricValues = new Map();
    for (const e of entries) {
      const total = plain.get(e.name);
      if (total) total.values[0]! += e.n;
      else plain.set(e.name, { unit: 'Count', values: [e.n] });
    }
    for (const g of scope.gauges) {
      const known = plain.get(g.name);
      if (known) known.values.push(g.value);
      else plain.set(g.name, { unit: g.unit, values: [g.value] });
    }
    emit({}, plain);
    for (const reason of new Set(entries.flatMap((e) => (e.reason ? [e.reason] : [])))) {
      const byReason: MetricValues = new Map();
      for (const e of entries) if (e.reason === reason) byReason.set(e.name, { unit: 'Count', values: [e.n] });
      emit({ Reason: reason }, byReason);
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

  const line = (level: LogLevel) => (message: string, fields: LogFields = {}) => {
    if (SEVERITY[level] < SEVERITY[least]) return;
    const trace = /Root=([^;]+)/.exec(traceHeader?.() ?? '')?.[1];
    const entry: Record<string, unknown> = {
      level, message: redact(message), timestamp: new Date().toISOString(), service: SERVICE, sampling_rate: 0,
      ...(trace ? { xray_trace_id: trace } : {}), function: functionName,
    };
    for (const [key, value] of Object.entries({ ...current()?.ids, ...fields })) {
      if (!RESERVED.has(key)) entry[key] = value;
    }
    write(JSON.stringify(entry, redactingReplacer));
  };

  return {
    info: line('INFO'),
    warn: line('WARN'),
    error: line('ERROR'),
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
