import type { EdgeSpec } from './edge-specs.ts';
import type { CloudEnvironment, Resolved } from './environment.ts';

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

/** One of our functions: an entry file under lambdas/functions/. */
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

export interface TemplateRouteSpec {
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

/** A configuration set's event destination: the sending events it publishes (lower case) and where. */
export interface SesEventDestinationSpec {
  logicalId: string;
  stack: string;
  enabled: boolean;
  eventTypes: string[];
  topicArn?: string;
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
  routes: TemplateRouteSpec[];
  snsSubscriptions: SnsSubscriptionSpec[];
  /** What the configuration set publishes: the local SES publishes those events of the mailbox simulator only. */
  sesEventDestinations: SesEventDestinationSpec[];
  customResources: CustomResourceSpec[];
  tables: TableSpec[];
  secrets: SecretSpec[];
  topics: TopicSpec[];
  invokeConfigs: InvokeConfigSpec[];
  resourcePolicies: ResourcePolicySpec[];
  stacks: StackSpec[];
  /** CloudFront distributions (the edge, with -c region): the local edge filters requests as their behaviours do. */
  edges: EdgeSpec[];
  /** Set when the stack was synthesized for the SES sandbox (-c sesSandbox=true): the local SES refuses the others. */
  sesSandbox?: { verifiedRecipients: string[] };
}

/** Where the model's names point; region and account default to us-east-1 / 000000000000. */
export type CloudNames = Omit<CloudEnvironment, 'region' | 'accountId'> & Partial<Pick<CloudEnvironment, 'region' | 'accountId'>>;
