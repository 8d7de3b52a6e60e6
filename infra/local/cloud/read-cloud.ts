import { makeTemplateIndex, type TemplateResource } from './template-index.ts';
import { edgeSpec } from './edge-specs.ts';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION, type CloudEnvironment } from './environment.ts';
import {
  eventSourceMapping, invokeConfig, scheduleSpec, sesEventDestinationSpec, subscriptionSpec,
} from './event-specs.ts';
import { makeResolver } from './intrinsics.ts';
import { lambdaSpecs } from './lambda-specs.ts';
import type { CloudModel, CloudNames } from './model.ts';
import { isCustomResourceType } from './physical-ids.ts';
import {
  customResourceSpec, queueSpec, resourcePolicies, secretSpec, stackSpec, tableSpec, topicSpec,
} from './resource-specs.ts';
import { routeSpec } from './route-specs.ts';
import { SES_SANDBOX_METADATA, type SesSandbox } from '../../aws/ses-sandbox.ts';
import type { CfnTemplates } from './template.ts';

/** The templates read as the local stack needs them: every function, event source, route and resource, resolved. */
export function readCloud(templates: CfnTemplates, names: CloudNames): CloudModel {
  const environment: CloudEnvironment = { region: LOCAL_REGION, accountId: LOCAL_ACCOUNT_ID, ...names };
  const resolver = makeResolver(templates, environment);
  const catalog = makeTemplateIndex(templates, resolver);
  const { functions, frameworkFunctions } = lambdaSpecs(catalog);
  const queues = catalog.ofType('AWS::SQS::Queue').map((q) => queueSpec(catalog, q));
  const each = <T>(type: string, read: (r: TemplateResource) => T): T[] => catalog.ofType(type).map(read);
  const sesSandbox = catalog.ofType('AWS::SES::EmailIdentity')
    .map((r) => r.metadata[SES_SANDBOX_METADATA] as SesSandbox | undefined).find((s) => s !== undefined);
  return {
    environment,
    functions,
    frameworkFunctions,
    queues,
    eventSourceMappings: each('AWS::Lambda::EventSourceMapping', (m) => eventSourceMapping(catalog, m)),
    schedules: each('AWS::Scheduler::Schedule', (s) => scheduleSpec(catalog, s)),
    routes: each('AWS::ApiGatewayV2::Route', (r) => routeSpec(catalog, r)),
    snsSubscriptions: each('AWS::SNS::Subscription', (s) => subscriptionSpec(catalog, s)),
    sesEventDestinations: each('AWS::SES::ConfigurationSetEventDestination',
      (d) => sesEventDestinationSpec(catalog, d)),
    customResources: catalog
      .where((r) => isCustomResourceType(r.type))
      .map((c) => customResourceSpec(catalog, c, frameworkFunctions)),
    tables: each('AWS::DynamoDB::Table', (t) => tableSpec(catalog, t)),
    secrets: each('AWS::SecretsManager::Secret', (s) => secretSpec(catalog, s)),
    topics: each('AWS::SNS::Topic', (t) => topicSpec(catalog, t)),
    invokeConfigs: each('AWS::Lambda::EventInvokeConfig', (c) => invokeConfig(catalog, c)),
    resourcePolicies: resourcePolicies(catalog, queues),
    stacks: Object.entries(templates).map(([name, template]) => stackSpec(resolver, name, template)),
    edges: each('AWS::CloudFront::Distribution', (d) => edgeSpec(catalog, d)),
    ...(sesSandbox ? { sesSandbox: { verifiedRecipients: [...sesSandbox.verifiedRecipients] } } : {}),
  };
}
