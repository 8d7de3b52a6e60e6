import type { Resolved } from './environment.ts';
import type { TemplateIndex, TemplateResource } from './template-index.ts';
import { documentOf } from './resolved-values.ts';
import type { FrameworkFunctionSpec, FunctionSpec, LambdaSpec, NamedPolicy } from './model.ts';

/** The metadata key infra/aws/datewatch-function.ts puts on each CfnFunction: the entry file under lambdas/functions/. */
export const HANDLER_METADATA = 'datewatch:handler';

/** CloudFormation's defaults when a function leaves them out. */
const DEFAULT_TIMEOUT_SECONDS = 3;
const DEFAULT_MEMORY_MB = 128;

/** Our functions (with a handler) and the CDK framework's (without), each with its role's policies resolved. */
export function lambdaSpecs(catalog: TemplateIndex): { functions: FunctionSpec[]; frameworkFunctions: FrameworkFunctionSpec[] } {
  const functions: FunctionSpec[] = [];
  const framework: LambdaSpec[] = [];
  for (const resource of catalog.ofType('AWS::Lambda::Function')) {
    const spec = lambdaSpec(catalog, resource);
    const handler = resource.metadata[HANDLER_METADATA];
    if (typeof handler === 'string') functions.push({ ...spec, handler });
    else framework.push(spec);
  }
  const seen = new Map<string, string>();
  for (const fn of [...functions, ...framework]) {
    const other = seen.get(fn.logicalId);
    if (other) throw new Error(`Function logical id ${fn.logicalId} is in both ${other} and ${fn.stack}; the local stack keys functions by logical id`);
    seen.set(fn.logicalId, fn.stack);
  }
  const frameworkFunctions = framework.map((spec) => {
    // The CDK Provider framework finds the user's onEvent function through this variable.
    const userArn = spec.environment.USER_ON_EVENT_FUNCTION_ARN;
    return { ...spec, userFunctionLogicalId: userArn ? catalog.findFunction(userArn)?.logicalId : undefined };
  });
  return { functions, frameworkFunctions };
}

function lambdaSpec(catalog: TemplateIndex, fn: TemplateResource): LambdaSpec {
  const roleArn = catalog.text(fn, 'Role');
  if (!roleArn) throw new Error(`${fn.stack}/${fn.logicalId}: a function without Role`);
  const role = catalog.find('AWS::IAM::Role', roleArn);
  const logging = catalog.prop(fn, 'LoggingConfig') as Record<string, Resolved> | undefined;
  return {
    logicalId: fn.logicalId,
    stack: fn.stack,
    name: catalog.ref(fn),
    arn: catalog.attribute(fn, 'Arn'),
    description: catalog.text(fn, 'Description'),
    environment: environmentOf(catalog, fn),
    timeoutSeconds: catalog.number(fn, 'Timeout') ?? DEFAULT_TIMEOUT_SECONDS,
    memoryMb: catalog.number(fn, 'MemorySize') ?? DEFAULT_MEMORY_MB,
    reservedConcurrency: catalog.number(fn, 'ReservedConcurrentExecutions'),
    logGroup: typeof logging?.LogGroup === 'string' ? logging.LogGroup : undefined,
    roleLogicalId: role?.logicalId,
    roleName: role ? catalog.ref(role) : roleArn.split('/').pop()!,
    roleArn,
    ...(role ? policiesOf(catalog, role) : { policies: [], managedPolicyArns: [] }),
  };
}

/** Lambda environment variables are strings; anything else left after resolution is a template bug. */
function environmentOf(catalog: TemplateIndex, fn: TemplateResource): Record<string, string> {
  const environment = catalog.prop(fn, 'Environment') as { Variables?: Record<string, Resolved> } | undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(environment?.Variables ?? {})) {
    if (typeof value === 'object') throw new Error(`${fn.stack}/${fn.logicalId}: environment variable ${key} resolved to ${JSON.stringify(value)}, not a string`);
    out[key] = String(value);
  }
  return out;
}

/**
 * Every policy that applies to a role: its inline Policies, AWS::IAM::Policy / RolePolicy / ManagedPolicy resources
 * naming it, and managed policy ARNs. AWS-managed ARNs cannot be read here; they are returned for the caller to judge.
 */
function policiesOf(catalog: TemplateIndex, role: TemplateResource): { policies: NamedPolicy[]; managedPolicyArns: string[] } {
  const roleName = catalog.ref(role);
  const policies: NamedPolicy[] = [];
  const inline = (catalog.prop(role, 'Policies') ?? []) as { PolicyName: string; PolicyDocument: Resolved }[];
  for (const p of inline) policies.push({ name: p.PolicyName, document: documentOf(p.PolicyDocument) });

  const names = (r: TemplateResource, property: string) => ((catalog.prop(r, property) ?? []) as Resolved[]).map(String);
  for (const policy of catalog.ofType('AWS::IAM::Policy')) {
    if (names(policy, 'Roles').includes(roleName)) {
      policies.push({ name: catalog.text(policy, 'PolicyName') ?? policy.logicalId, document: documentOf(catalog.prop(policy, 'PolicyDocument')) });
    }
  }
  for (const policy of catalog.ofType('AWS::IAM::RolePolicy')) {
    if (catalog.text(policy, 'RoleName') === roleName) {
      policies.push({ name: catalog.text(policy, 'PolicyName') ?? policy.logicalId, document: documentOf(catalog.prop(policy, 'PolicyDocument')) });
    }
  }
  const attached = new Set(names(role, 'ManagedPolicyArns'));
  for (const managed of catalog.ofType('AWS::IAM::ManagedPolicy')) {
    const arn = catalog.ref(managed);
    if (attached.delete(arn) || names(managed, 'Roles').includes(roleName)) {
      policies.push({ name: arn, document: documentOf(catalog.prop(managed, 'PolicyDocument')) });
    }
  }
  return { policies, managedPolicyArns: [...attached] };
}
