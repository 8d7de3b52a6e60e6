import { getDenialReasons, runSimulation, type RequestDenial, type RunSimulationResults, type Simulation, type SimulationIdentityPolicy } from '@cloud-copilot/iam-simulate';
import type { CloudModel, LambdaSpec, PolicyDocument } from './model.ts';

export type Decision = { allowed: true } | { allowed: false; message: string };

interface Usage {
  action: string;
  resource: string;
  count: number;
}

export interface IamReport {
  functions: Record<string, { allowed: string[]; used: Usage[]; denied: Usage[] }>;
}

export interface IamGuard {
  /** Every resource must be allowed for the action; records usage. */
  authorize(functionLogicalId: string, action: string, resources: string[], context?: Record<string, string>): Promise<Decision>;
  report(): IamReport;
}

export interface IamGuardOptions {
  /** One line per denial (function, action, resource, reason), and a note per policy that cannot be evaluated. */
  log?: (line: string) => void;
  /** Told of each policy evaluation, i.e. each decision not yet in the cache (tests count them). */
  onEvaluation?: (principal: string, action: string, resource: string) => void;
}

/** A function's role session as AWS sees it, with the policies that apply to it. */
interface Caller {
  principal: string;
  policies: SimulationIdentityPolicy[];
  allowedActions: string[];
  used: Map<string, Usage>;
  denied: Map<string, Usage>;
}

/**
 * The SDK always calls AWS over TLS, so the CDK `enforceSSL` policies (Deny when aws:SecureTransport is false)
 * must see true here too, even though the local gateway speaks plain HTTP.
 */
const DEFAULT_CONTEXT = { 'aws:SecureTransport': 'true' };

/** Evaluates each function's role policies, and the target's resource policy, with a real IAM evaluator. */
export function makeIamGuard(model: CloudModel, opts: IamGuardOptions = {}): IamGuard {
  const log = opts.log ?? (() => {});
  const { accountId } = model.environment;
  const callers = new Map<string, Caller>();
  for (const fn of [...model.functions, ...model.frameworkFunctions]) {
    callers.set(fn.logicalId, callerOf(fn, accountId));
    if (fn.managedPolicyArns.length) log(`IAM: ${fn.logicalId} has managed policies the templates do not define, not evaluated locally: ${fn.managedPolicyArns.join(', ')}`);
  }
  const resourcePolicies = resourcePoliciesByArn(model);
  const decisions = new Map<string, Decision>();
  const pending = new Map<string, Promise<Decision>>();
  const unknownCallers = new Map<string, Map<string, Usage>>();

  /** The decision for one resource: from the map when known (the hot path), else one simulation shared by concurrent callers. */
  const decide = (caller: Caller, action: string, resource: string, context: Record<string, string>, contextId: string): Decision | Promise<Decision> => {
    const key = `${caller.principal}\n${action}\n${resource}\n${contextId}`;
    const known = decisions.get(key);
    if (known) return known;
    let inFlight = pending.get(key);
    if (!inFlight) {
      opts.onEvaluation?.(caller.principal, action, resource);
      inFlight = simulate(caller, action, resource, context, resourcePolicies.get(resource), accountId).then((decision) => {
        decisions.set(key, decision);
        pending.delete(key);
        return decision;
      });
      pending.set(key, inFlight);
    }
    return inFlight;
  };

  return {
    async authorize(functionLogicalId, action, resources, context) {
      // An action without resource-level permissions is authorized against "*".
      const targets = resources.length ? resources : ['*'];
      const caller = callers.get(functionLogicalId);
      if (!caller) {
        const message = `Unknown caller "${functionLogicalId}": no function of the templates has that logical id, so the request is treated as unsigned and denied (${action} on ${targets.join(', ')})`;
        const denied = unknownCallers.get(functionLogicalId) ?? new Map<string, Usage>();
        unknownCallers.set(functionLogicalId, denied);
        for (const resource of targets) count(denied, action, resource);
        log(`IAM denied ${functionLogicalId} ${action} on ${targets.join(', ')}: unknown caller`);
        return { allowed: false, message };
      }
      const merged = context ? { ...DEFAULT_CONTEXT, ...context } : DEFAULT_CONTEXT;
      const contextId = context ? contextKey(merged) : '';
      const pendingOrKnown = targets.map((resource) => decide(caller, action, resource, merged, contextId));
      const outcomes = pendingOrKnown.some((d) => d instanceof Promise) ? await Promise.all(pendingOrKnown) : (pendingOrKnown as Decision[]);
      let firstDenial: Decision | undefined;
      outcomes.forEach((decision, i) => {
        const resource = targets[i]!;
        if (decision.allowed) return void count(caller.used, action, resource);
        count(caller.denied, action, resource);
        log(`IAM denied ${functionLogicalId} ${action} on ${resource}: ${decision.message}`);
        firstDenial ??= decision;
      });
      return firstDenial ?? { allowed: true };
    },

    report() {
      const functions: IamReport['functions'] = {};
      const sorted = (usages: Map<string, Usage>) => [...usages.values()].map((u) => ({ ...u }))
        .sort((a, b) => a.action.localeCompare(b.action) || a.resource.localeCompare(b.resource));
      for (const [id, caller] of callers) functions[id] = { allowed: [...caller.allowedActions], used: sorted(caller.used), denied: sorted(caller.denied) };
      for (const [id, denied] of unknownCallers) functions[id] = { allowed: [], used: [], denied: sorted(denied) };
      return { functions };
    },
  };
}

function callerOf(fn: LambdaSpec, accountId: string): Caller {
  const allowed = new Set<string>();
  for (const { document } of fn.policies) {
    for (const statement of document.Statement) if (statement.Effect === 'Allow') for (const a of [statement.Action ?? []].flat()) allowed.add(a);
  }
  return {
    principal: `arn:aws:sts::${accountId}:assumed-role/${fn.roleName}/${fn.name}`,
    policies: fn.policies.map((p) => ({ name: p.name, policy: p.document })),
    allowedActions: [...allowed].sort(),
    used: new Map(),
    denied: new Map(),
  };
}

/** Each guarded ARN's resource policy; two policies on one resource act as one with both statements. */
function resourcePoliciesByArn(model: CloudModel): Map<string, PolicyDocument> {
  const byArn = new Map<string, PolicyDocument>();
  for (const policy of model.resourcePolicies) {
    for (const arn of policy.resourceArns) {
      const existing = byArn.get(arn);
      byArn.set(arn, existing ? { ...existing, Statement: [...existing.Statement, ...policy.document.Statement] } : policy.document);
    }
  }
  return byArn;
}

function count(usages: Map<string, Usage>, action: string, resource: string): void {
  const key = `${action} ${resource}`;
  const usage = usages.get(key);
  if (usage) usage.count++;
  else usages.set(key, { action, resource, count: 1 });
}

const contextKey = (context: Record<string, string>) => Object.keys(context).sort().map((k) => `${k}=${context[k]}`).join('&');

async function simulate(caller: Caller, action: string, resource: string, context: Record<string, string>, resourcePolicy: PolicyDocument | undefined, accountId: string): Promise<Decision> {
  const simulation: Simulation = {
    request: {
      principal: caller.principal,
      action,
      // arn:partition:service:region:account:…; S3 and "*" carry no account, so the resource is the caller's.
      resource: { resource, accountId: resource.split(':')[4] || accountId },
      contextVariables: context,
    },
    identityPolicies: caller.policies,
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy,
  };
  const result = await runSimulation(simulation, {});
  if (result.resultType === 'error') {
    return { allowed: false, message: `User: ${caller.principal} is not authorized to perform: ${action} on resource: ${resource} because the request could not be evaluated (${result.errors.message})` };
  }
  if (result.overallResult === 'Allowed') return { allowed: true };
  return { allowed: false, message: `User: ${caller.principal} is not authorized to perform: ${action} on resource: ${resource} ${because(action, denialsOf(result))}` };
}

function denialsOf(result: Exclude<RunSimulationResults, { resultType: 'error' }>): RequestDenial[] {
  if (result.resultType === 'single') return getDenialReasons(result.result.analysis);
  return result.results.flatMap((r) => (r.analysis.result === 'Allowed' ? [] : getDenialReasons(r.analysis)));
}

const POLICY_NAMES: Record<string, [article: string, name: string]> = {
  identity: ['an', 'identity-based policy'],
  resource: ['a', 'resource-based policy'],
  scp: ['a', 'service control policy'],
  rcp: ['a', 'resource control policy'],
  pb: ['a', 'permissions boundary'],
  vpce: ['a', 'VPC endpoint policy'],
  's3-bpa': ['an', 'S3 Block Public Access setting'],
};

/** AWS's own wording for why: an explicit deny wins over a missing allow, as in the evaluation logic. */
function because(action: string, denials: RequestDenial[]): string {
  const explicit = denials.find((d) => d.denialType === 'Explicit');
  const reason = explicit ?? denials[0];
  const [article, name] = POLICY_NAMES[reason?.policyType ?? 'identity'] ?? POLICY_NAMES.identity!;
  if (explicit) return `with an explicit deny in ${article} ${name}`;
  return `because no ${name} allows the ${action} action`;
}
