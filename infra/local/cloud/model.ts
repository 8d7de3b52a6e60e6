import { makeCatalog, type TemplateResource } from './catalog.ts';
import { edgeSpec, type EdgeSpec } from './edge-specs.ts';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION, type CloudEnvironment, type Resolved } from './environment.ts';
import { eventSourceMapping, invokeConfig, scheduleSpec, subscriptionSpec } from './event-specs.ts';
import { makeResolver } from './intrinsics.ts';
import { lambdaSpecs } from './lambda-specs.ts';
import { isCustomResourceType } from './physical-ids.ts';
import { customResourceSpec, queueSpec, resourcePolicies, secretSpec, stackSpec, tableSpec, topicSpec } from './resource-specs.ts';
import { routeSpec } from './route-specs.ts';
import type { CfnTemplates } from './template.ts';

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Principal?: Resolved;
  Condition?: Record<string, Record<string, Resolved>>;
}

export interface PolicyDocument {
  Version?: string;
  Statement: PolicyStatement[];
}

export interface NamedPolicy {
  name: string;
  document: PolicyDocument;
}

/** What every Lambda of the templates has, ours and the CDK framework's. */
export interface LambdaSpec {
  logicalId: string;
  stack: string;
  name: string;
  arn: string;
  description?: string;
  environment: Record<string, string>;
  timeoutSeconds: number;
  memoryMb: number;
  reservedConcurrency?: number;
  logGroup?: string;
  /** Undefined when the role is not in the templates (an imported ARN). */
  roleLogicalId?: string;
  roleName: string;
  roleArn: string;
  /** Inline policies, AWS::IAM::Policy / RolePolicy, and customer managed policies of the templates. */
  policies: NamedPolicy[];
  /** Managed policies attached by ARN that the templates do not define (AWS managed ones): not evaluated locally. */
  managedPolicyArns: string[];
}

/** One of our functions: a file under lambdas/handlers/. */
export interface FunctionSpec extends LambdaSpec {
  handler: string;
}

/** A Lambda of the CDK custom-resource framework, which forwards to a user function. */
export interface FrameworkFunctionSpec extends LambdaSpec {
  userFunctionLogicalId?: string;
}

export interface QueueSpec {
  logicalId: string;
  stack: string;
  name: string;
  url: string;
  arn: string;
  fifo: boolean;
  visibilityTimeoutSeconds: number;
  messageRetentionSeconds: number;
  delaySeconds: number;
  redrive?: { deadLetterArn: string; maxReceiveCount: number };
}

export interface EventSourceMappingSpec {
  logicalId: string;
  stack: string;
  functionLogicalId: string;
  eventSourceArn: string;
  /** The event source when it is an SQS queue. */
  queueArn?: string;
  /** Set when that queue is one of the templates. */
  queueLogicalId?: string;
  enabled: boolean;
  batchSize: number;
  maximumBatchingWindowSeconds: number;
  reportBatchItemFailures: boolean;
  maxConcurrency?: number;
}

export interface ScheduleSpec {
  logicalId: string;
  stack: string;
  name: string;
  expression: string;
  timezone: string;
  enabled: boolean;
  flexibleWindow: { mode: string; maximumWindowInMinutes?: number };
  targetArn: string;
  functionLogicalId?: string;
  /** The target's Input, a JSON string that may hold <aws.scheduler.*> placeholders. */
  input?: string;
  retryPolicy: { maximumRetryAttempts: number; maximumEventAgeInSeconds: number };
  deadLetterArn?: string;
  roleArn?: string;
}

export interface AuthorizerSpec {
  logicalId: string;
  type: string;
  identitySource: string[];
  issuer?: string;
  audience?: string[];
}

export interface RouteSpec {
  logicalId: string;
  stack: string;
  routeKey: string;
  /** `ANY` for `ANY /path` and for `$default`. */
  method: string;
  path: string;
  authorizationType: string;
  authorizer?: AuthorizerSpec;
  integrationLogicalId?: string;
  functionLogicalId?: string;
  payloadFormatVersion?: string;
}

export interface SnsSubscriptionSpec {
  logicalId: string;
  stack: string;
  topicArn: string;
  protocol: string;
  endpoint: string;
  functionLogicalId?: string;
  deadLetterArn?: string;
  filterPolicy?: Record<string, Resolved>;
  rawMessageDelivery: boolean;
}

export interface CustomResourceSpec {
  logicalId: string;
  stack: string;
  type: string;
  serviceToken: string;
  /** The CDK Provider framework function the token names, if it is one. */
  providerFunctionLogicalId?: string;
  /** The function that does the work: the token's own, or the one the framework forwards to. */
  userFunctionLogicalId?: string;
  /** Resolved properties, ServiceToken left out: what the handler receives as ResourceProperties. */
  properties: Record<string, Resolved>;
}

export interface TableSpec {
  logicalId: string;
  stack: string;
  name: string;
  arn: string;
  streamArn: string;
  /** Resolved CloudFormation properties (KeySchema, GlobalSecondaryIndexes, TimeToLiveSpecification …). */
  properties: Record<string, Resolved>;
}

export interface SecretSpec {
  logicalId: string;
  stack: string;
  name: string;
  arn: string;
  generateSecretString?: Record<string, Resolved>;
  secretString?: string;
}

export interface TopicSpec {
  logicalId: string;
  stack: string;
  name: string;
  arn: string;
  fifo: boolean;
}

export interface InvokeConfigSpec {
  logicalId: string;
  stack: string;
  functionLogicalId: string;
  qualifier: string;
  maximumRetryAttempts: number;
  maximumEventAgeInSeconds: number;
  onSuccessArn?: string;
  onFailureArn?: string;
}

/** A resource-based policy of the templates and the ARNs it guards. */
export interface ResourcePolicySpec {
  logicalId: string;
  stack: string;
  type: string;
  resourceArns: string[];
  document: PolicyDocument;
}

export interface StackSpec {
  name: string;
  description?: string;
  outputs: Record<string, string>;
  exports: Record<string, string>;
}

/** The deployed app as the local stack needs it, every value resolved. */
export interface CloudModel {
  environment: CloudEnvironment;
  functions: FunctionSpec[];
  frameworkFunctions: FrameworkFunctionSpec[];
  queues: QueueSpec[];
  eventSourceMappings: EventSourceMappingSpec[];
  schedules: ScheduleSpec[];
  routes: RouteSpec[];
  snsSubscriptions: SnsSubscriptionSpec[];
  customResources: CustomResourceSpec[];
  tables: TableSpec[];
  secrets: SecretSpec[];
  topics: TopicSpec[];
  invokeConfigs: InvokeConfigSpec[];
  resourcePolicies: ResourcePolicySpec[];
  stacks: StackSpec[];
  /** CloudFront distributions (the edge, with -c region): the local edge filters requests as their behaviours do. */
  edges: EdgeSpec[];
}

/** Where the model's names point; region and account default to us-east-1 / 000000000000. */
export type CloudNames = Omit<CloudEnvironment, 'region' | 'accountId'> & Partial<Pick<CloudEnvironment, 'region' | 'accountId'>>;

/** The templates read as the local stack needs them: every function, event source, route and resource, resolved. */
export function readCloud(templates: CfnTemplates, names: CloudNames): CloudModel {
  const environment: CloudEnvironment = { region: LOCAL_REGION, accountId: LOCAL_ACCOUNT_ID, ...names };
  const resolver = makeResolver(templates, environment);
  const catalog = makeCatalog(templates, resolver);
  const { functions, frameworkFunctions } = lambdaSpecs(catalog);
  const queues = catalog.ofType('AWS::SQS::Queue').map((q) => queueSpec(catalog, q));
  const each = <T>(type: string, read: (r: TemplateResource) => T): T[] => catalog.ofType(type).map(read);
  return {
    environment,
    functions,
    frameworkFunctions,
    queues,
    eventSourceMappings: each('AWS::Lambda::EventSourceMapping', (m) => eventSourceMapping(catalog, m)),
    schedules: each('AWS::Scheduler::Schedule', (s) => scheduleSpec(catalog, s)),
    routes: each('AWS::ApiGatewayV2::Route', (r) => routeSpec(catalog, r)),
    snsSubscriptions: each('AWS::SNS::Subscription', (s) => subscriptionSpec(catalog, s)),
    customResources: catalog.where((r) => isCustomResourceType(r.type)).map((c) => customResourceSpec(catalog, c, frameworkFunctions)),
    tables: each('AWS::DynamoDB::Table', (t) => tableSpec(catalog, t)),
    secrets: each('AWS::SecretsManager::Secret', (s) => secretSpec(catalog, s)),
    topics: each('AWS::SNS::Topic', (t) => topicSpec(catalog, t)),
    invokeConfigs: each('AWS::Lambda::EventInvokeConfig', (c) => invokeConfig(catalog, c)),
    resourcePolicies: resourcePolicies(catalog, queues),
    stacks: Object.entries(templates).map(([name, template]) => stackSpec(resolver, name, template)),
    edges: each('AWS::CloudFront::Distribution', (d) => edgeSpec(catalog, d)),
  };
}
