import { createHash } from 'node:crypto';
import type { CloudEnvironment, Resolved } from './environment.ts';

/** What `Ref` and `Fn::GetAtt` return for one deployed resource. */
export interface PhysicalIdentity {
  ref: string;
  attributes: Record<string, string>;
}

/** One resource as the identity rules see it; `property` resolves the template value on demand. */
export interface IdentityInput {
  stack: string;
  logicalId: string;
  type: string;
  env: CloudEnvironment;
  property(name: string): Resolved | undefined;
}

type IdentityRule = (r: IdentityInput) => PhysicalIdentity;

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const MIXED_ALPHA = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const HEX = '0123456789abcdef';

/** Stable "random" characters: the same stack and logical id always get the same names, so local data survives restarts. */
function pseudoRandom(seed: string, length: number, alphabet: string): string {
  const bytes = createHash('sha512').update(seed).digest();
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i % bytes.length]! % alphabet.length];
  return out;
}

const uuid = (seed: string): string => {
  const h = pseudoRandom(seed, 32, HEX);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** CloudFormation's generated name, `<stack>-<logicalId>-<SUFFIX>`, both parts shortened to fit the service's limit. */
export function generatedName(stack: string, logicalId: string, maxLength: number, ending = ''): string {
  const suffix = pseudoRandom(`${stack}/${logicalId}`, 12, UPPER_ALNUM);
  const budget = maxLength - suffix.length - 2 - ending.length;
  let stackPart = stack;
  let logicalPart = logicalId;
  if (stackPart.length + logicalPart.length > budget) {
    logicalPart = logicalPart.slice(0, Math.max(budget - stackPart.length, Math.ceil(budget / 2)));
    stackPart = stackPart.slice(0, budget - logicalPart.length);
  }
  return `${stackPart}-${logicalPart}-${suffix}${ending}`;
}

function explicitName(r: IdentityInput, property: string): string | undefined {
  const value = r.property(property);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new Error(`${r.stack}/${r.logicalId} (${r.type}): ${property} must resolve to a string`);
  return value;
}

/** The declared name if there is one, else the one CloudFormation would generate. */
function nameOf(r: IdentityInput, property: string, maxLength: number, ending = ''): string {
  return explicitName(r, property) ?? generatedName(r.stack, r.logicalId, maxLength, ending);
}

const arn = (r: IdentityInput, service: string, resource: string, regional = true): string =>
  `arn:aws:${service}:${regional ? r.env.region : ''}:${r.env.accountId}:${resource}`;

const seedOf = (r: IdentityInput, salt: string): string => `${r.stack}/${r.logicalId}/${salt}`;
const shortId = (r: IdentityInput, length: number) => pseudoRandom(seedOf(r, 'id'), length, LOWER_ALNUM);
const withRef = (ref: string, attributes: Record<string, string> = {}): PhysicalIdentity => ({ ref, attributes });

const dynamoTable: IdentityRule = (r) => {
  const name = nameOf(r, 'TableName', 255);
  const tableArn = arn(r, 'dynamodb', `table/${name}`);
  return withRef(name, { Arn: tableArn, StreamArn: `${tableArn}/stream/1970-01-01T00:00:00.000` });
};

const sqsQueue: IdentityRule = (r) => {
  const name = nameOf(r, 'QueueName', 80, r.property('FifoQueue') === true ? '.fifo' : '');
  const url = `${r.env.awsEndpoint.replace(/\/+$/, '')}/${r.env.accountId}/${name}`;
  return withRef(url, { Arn: arn(r, 'sqs', name), QueueName: name, QueueUrl: url });
};

const snsTopic: IdentityRule = (r) => {
  const name = nameOf(r, 'TopicName', 256, r.property('FifoTopic') === true ? '.fifo' : '');
  const topicArn = arn(r, 'sns', name);
  return withRef(topicArn, { TopicArn: topicArn, TopicName: name });
};

const snsSubscription: IdentityRule = (r) => {
  const topic = explicitName(r, 'TopicArn');
  if (!topic) throw new Error(`${r.stack}/${r.logicalId}: AWS::SNS::Subscription without TopicArn`);
  const subscriptionArn = `${topic}:${uuid(seedOf(r, 'subscription'))}`;
  return withRef(subscriptionArn, { Arn: subscriptionArn });
};

const secret: IdentityRule = (r) => {
  // Secrets Manager appends six random characters to the name in the ARN.
  const name = explicitName(r, 'Name') ?? `${r.logicalId}-${pseudoRandom(seedOf(r, 'name'), 12, MIXED_ALPHA)}`;
  const secretArn = arn(r, 'secretsmanager', `secret:${name}-${pseudoRandom(seedOf(r, 'arn'), 6, MIXED_ALPHA)}`);
  return withRef(secretArn, { Id: secretArn });
};

const emailIdentity: IdentityRule = (r) => {
  const identity = explicitName(r, 'EmailIdentity');
  if (!identity) throw new Error(`${r.stack}/${r.logicalId}: AWS::SES::EmailIdentity without EmailIdentity`);
  const dkim: Record<string, string> = {};
  for (const n of [1, 2, 3]) {
    dkim[`DkimDNSTokenName${n}`] = `local-dkim-${n}._domainkey.${identity}`;
    dkim[`DkimDNSTokenValue${n}`] = `local-dkim-${n}.dkim.amazonses.com`;
  }
  return withRef(identity, dkim);
};

const lambdaFunction: IdentityRule = (r) => {
  const name = nameOf(r, 'FunctionName', 64);
  return withRef(name, { Arn: arn(r, 'lambda', `function:${name}`) });
};

const iamRole: IdentityRule = (r) => {
  const name = nameOf(r, 'RoleName', 64);
  const path = explicitName(r, 'Path') ?? '/';
  return withRef(name, { Arn: arn(r, 'iam', `role${path}${name}`, false), RoleId: `AROA${pseudoRandom(seedOf(r, 'role'), 17, UPPER_ALNUM)}` });
};

const managedPolicy: IdentityRule = (r) => {
  const name = nameOf(r, 'ManagedPolicyName', 128);
  const policyArn = arn(r, 'iam', `policy${explicitName(r, 'Path') ?? '/'}${name}`, false);
  return withRef(policyArn, { PolicyArn: policyArn, PolicyId: `ANPA${pseudoRandom(seedOf(r, 'policy'), 17, UPPER_ALNUM)}` });
};

const logGroup: IdentityRule = (r) => {
  const name = nameOf(r, 'LogGroupName', 512);
  // CloudFormation's Arn attribute of a log group ends in `:*`, covering its streams.
  return withRef(name, { Arn: arn(r, 'logs', `log-group:${name}:*`) });
};

const httpApi: IdentityRule = (r) => {
  const id = shortId(r, 10);
  return withRef(id, { ApiId: id, ApiEndpoint: r.env.apiUrl.replace(/\/+$/, '') });
};

const userPool: IdentityRule = (r) => {
  const id = `${r.env.region}_${pseudoRandom(seedOf(r, 'pool'), 9, MIXED_ALPHA)}`;
  const providerName = `cognito-idp.${r.env.region}.amazonaws.com/${id}`;
  return withRef(id, { UserPoolId: id, Arn: arn(r, 'cognito-idp', `userpool/${id}`), ProviderName: providerName, ProviderURL: `https://${providerName}` });
};

const kmsKey: IdentityRule = (r) => {
  const id = uuid(seedOf(r, 'key'));
  return withRef(id, { KeyId: id, Arn: arn(r, 'kms', `key/${id}`) });
};

const schedule: IdentityRule = (r) => {
  const name = nameOf(r, 'Name', 64);
  return withRef(name, { Arn: arn(r, 'scheduler', `schedule/${explicitName(r, 'GroupName') ?? 'default'}/${name}`) });
};

const alarm: IdentityRule = (r) => {
  const name = nameOf(r, 'AlarmName', 255);
  return withRef(name, { Arn: arn(r, 'cloudwatch', `alarm:${name}`) });
};

const customResource: IdentityRule = (r) => ({ ref: generatedName(r.stack, r.logicalId, 255), attributes: {} });

/** Resources whose Ref is a short generated id (API Gateway children, app clients, mappings). */
const idOnly = (length: number): IdentityRule => (r) => withRef(shortId(r, length));

const RULES: Record<string, IdentityRule> = {
  'AWS::DynamoDB::Table': dynamoTable,
  'AWS::SQS::Queue': sqsQueue,
  'AWS::SNS::Topic': snsTopic,
  'AWS::SNS::Subscription': snsSubscription,
  'AWS::SecretsManager::Secret': secret,
  'AWS::SES::ConfigurationSet': (r) => withRef(nameOf(r, 'Name', 64)),
  'AWS::SES::EmailIdentity': emailIdentity,
  'AWS::Lambda::Function': lambdaFunction,
  'AWS::Lambda::EventSourceMapping': (r) => {
    const id = uuid(seedOf(r, 'mapping'));
    return withRef(id, { Id: id, EventSourceMappingArn: arn(r, 'lambda', `event-source-mapping:${id}`) });
  },
  'AWS::IAM::Role': iamRole,
  'AWS::IAM::ManagedPolicy': managedPolicy,
  'AWS::Logs::LogGroup': logGroup,
  'AWS::ApiGatewayV2::Api': httpApi,
  'AWS::ApiGatewayV2::Route': idOnly(7),
  'AWS::ApiGatewayV2::Integration': idOnly(7),
  'AWS::ApiGatewayV2::Authorizer': idOnly(6),
  'AWS::ApiGatewayV2::Stage': (r) => withRef(nameOf(r, 'StageName', 128)),
  'AWS::Cognito::UserPool': userPool,
  'AWS::Cognito::UserPoolClient': (r) => { const id = shortId(r, 26); return withRef(id, { ClientId: id }); },
  'AWS::Cognito::UserPoolGroup': (r) => withRef(nameOf(r, 'GroupName', 128)),
  'AWS::KMS::Key': kmsKey,
  'AWS::KMS::Alias': (r) => withRef(nameOf(r, 'AliasName', 256)),
  'AWS::Scheduler::Schedule': schedule,
  'AWS::Scheduler::ScheduleGroup': (r) => { const name = nameOf(r, 'Name', 64); return withRef(name, { Arn: arn(r, 'scheduler', `schedule-group/${name}`) }); },
  'AWS::CloudWatch::Alarm': alarm,
  'AWS::CloudFormation::CustomResource': customResource,
  // The local edge answers where the HTTP API does (the local stack has one address): its domain is that host.
  'AWS::CloudFront::Distribution': (r) => {
    const id = `E${pseudoRandom(seedOf(r, 'distribution'), 13, UPPER_ALNUM)}`;
    return withRef(id, { Id: id, DomainName: new URL(r.env.apiUrl).host });
  },
};

/** Any other type: Ref is `<stack>-<logicalId>` and Arn a plausible ARN, so a new resource type does not stop the stack. */
const fallback: IdentityRule = (r) => {
  const ref = `${r.stack}-${r.logicalId}`;
  const [, service = 'unknown', kind = 'resource'] = r.type.split('::');
  return withRef(ref, { Arn: arn(r, service.toLowerCase(), `${kind.toLowerCase()}/${ref}`) });
};

/** Ref and attributes of one resource, deterministic from stack name and logical id unless the template names it. */
export function physicalIdentity(input: IdentityInput): PhysicalIdentity {
  const rule = RULES[input.type] ?? (input.type.startsWith('Custom::') ? customResource : fallback);
  return rule(input);
}

/** Custom resources' attributes come from their handler's response, so nothing can be known before it runs. */
export const isCustomResourceType = (type: string): boolean =>
  type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource';
