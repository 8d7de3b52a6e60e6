import type { Resolved } from './environment.ts';
import type { TemplateIndex, TemplateResource } from './template-index.ts';
import type { Resolver } from './intrinsics.ts';
import { documentOf, objectOrJson } from './resolved-values.ts';
import type { CfnTemplate } from './template.ts';
import type { CustomResourceSpec, FrameworkFunctionSpec, QueueSpec, ResourcePolicySpec, SecretSpec, StackSpec, TableSpec, TopicSpec } from './model.ts';

/** SQS's defaults when the template leaves them out. */
const SQS_DEFAULTS = { visibilityTimeoutSeconds: 30, messageRetentionSeconds: 345_600, delaySeconds: 0 };

/** The resources functions call or are called through: queues, tables, topics, secrets, custom resources, policies, outputs. */

export function queueSpec(catalog: TemplateIndex, q: TemplateResource): QueueSpec {
  const redrive = objectOrJson(catalog.prop(q, 'RedrivePolicy'), `${q.logicalId} RedrivePolicy`);
  return {
    logicalId: q.logicalId,
    stack: q.stack,
    name: catalog.attribute(q, 'QueueName'),
    url: catalog.ref(q),
    arn: catalog.attribute(q, 'Arn'),
    fifo: catalog.prop(q, 'FifoQueue') === true,
    visibilityTimeoutSeconds: catalog.number(q, 'VisibilityTimeout') ?? SQS_DEFAULTS.visibilityTimeoutSeconds,
    messageRetentionSeconds: catalog.number(q, 'MessageRetentionPeriod') ?? SQS_DEFAULTS.messageRetentionSeconds,
    delaySeconds: catalog.number(q, 'DelaySeconds') ?? SQS_DEFAULTS.delaySeconds,
    redrive: redrive && { deadLetterArn: String(redrive.deadLetterTargetArn), maxReceiveCount: Number(redrive.maxReceiveCount) },
  };
}

export function tableSpec(catalog: TemplateIndex, t: TemplateResource): TableSpec {
  return {
    logicalId: t.logicalId,
    stack: t.stack,
    name: catalog.ref(t),
    arn: catalog.attribute(t, 'Arn'),
    streamArn: catalog.attribute(t, 'StreamArn'),
    properties: resolvedProperties(catalog, t),
  };
}

export function topicSpec(catalog: TemplateIndex, t: TemplateResource): TopicSpec {
  return { logicalId: t.logicalId, stack: t.stack, name: catalog.attribute(t, 'TopicName'), arn: catalog.ref(t), fifo: catalog.prop(t, 'FifoTopic') === true };
}

export function customResourceSpec(catalog: TemplateIndex, c: TemplateResource, framework: FrameworkFunctionSpec[]): CustomResourceSpec {
  const { ServiceToken, ...properties } = resolvedProperties(catalog, c);
  const serviceToken = String(ServiceToken);
  const target = catalog.findFunction(serviceToken);
  const provider = target && framework.find((f) => f.logicalId === target.logicalId);
  return {
    logicalId: c.logicalId,
    stack: c.stack,
    type: c.type,
    serviceToken,
    providerFunctionLogicalId: provider?.logicalId,
    userFunctionLogicalId: provider ? provider.userFunctionLogicalId : target?.logicalId,
    properties,
  };
}

export function secretSpec(catalog: TemplateIndex, s: TemplateResource): SecretSpec {
  const arn = catalog.ref(s);
  return {
    logicalId: s.logicalId,
    stack: s.stack,
    // arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 characters>
    name: arn.split(':secret:')[1]!.replace(/-[A-Za-z0-9]{6}$/, ''),
    arn,
    generateSecretString: catalog.prop(s, 'GenerateSecretString') as Record<string, Resolved> | undefined,
    secretString: catalog.text(s, 'SecretString'),
  };
}

/** Queue, topic and secret policies, keyed by the ARNs they guard (queue policies name queues by URL). */
export function resourcePolicies(catalog: TemplateIndex, queues: QueueSpec[]): ResourcePolicySpec[] {
  const list = (r: TemplateResource, name: string) => [catalog.prop(r, name) ?? []].flat().map(String);
  const guarded: [string, (r: TemplateResource) => string[]][] = [
    ['AWS::SQS::QueuePolicy', (r) => list(r, 'Queues').map((url) => queues.find((q) => q.url === url)?.arn ?? url)],
    ['AWS::SNS::TopicPolicy', (r) => list(r, 'Topics')],
    ['AWS::SecretsManager::ResourcePolicy', (r) => list(r, 'SecretId')],
  ];
  return guarded.flatMap(([type, arns]) => catalog.ofType(type).map((r) => ({
    logicalId: r.logicalId,
    stack: r.stack,
    type,
    resourceArns: arns(r),
    document: documentOf(catalog.prop(r, type === 'AWS::SecretsManager::ResourcePolicy' ? 'ResourcePolicy' : 'PolicyDocument')),
  })));
}

export function stackSpec(resolver: Resolver, name: string, template: CfnTemplate): StackSpec {
  const outputs: Record<string, string> = {};
  const exports: Record<string, string> = {};
  for (const [key, output] of Object.entries(template.Outputs ?? {})) {
    if (output.Condition && !resolver.condition(name, output.Condition)) continue;
    const value = resolver.resolveString(name, output.Value, `${name}/Outputs/${key}/Value`);
    outputs[key] = value;
    if (output.Export) exports[resolver.resolveString(name, output.Export.Name, `${name}/Outputs/${key}/Export/Name`)] = value;
  }
  return { name, description: template.Description, outputs, exports };
}

function resolvedProperties(catalog: TemplateIndex, r: TemplateResource): Record<string, Resolved> {
  return (catalog.resolver.resolve(r.stack, r.properties, `${r.stack}/${r.logicalId}/Properties`) ?? {}) as Record<string, Resolved>;
}
