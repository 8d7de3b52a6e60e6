import type { Resolved } from './environment.ts';
import type { TemplateIndex, TemplateResource } from './template-index.ts';
import type { AuthorizerSpec, TemplateRouteSpec } from './model.ts';

/** One HTTP API route, followed from its Target through the integration to the function it invokes. */
export function routeSpec(catalog: TemplateIndex, r: TemplateResource): TemplateRouteSpec {
  const where = `${r.stack}/${r.logicalId}`;
  const routeKey = catalog.text(r, 'RouteKey')!;
  const space = routeKey.indexOf(' ');
  const [method, path] = space < 0 ? ['ANY', routeKey] : [routeKey.slice(0, space), routeKey.slice(space + 1)];
  // Target is "integrations/<integration id>".
  const integrationId = catalog.text(r, 'Target')?.replace(/^integrations\//, '');
  const integration = integrationId === undefined ? undefined : catalog.find('AWS::ApiGatewayV2::Integration', integrationId);
  const uri = integration && catalog.text(integration, 'IntegrationUri');
  const authorizerId = catalog.text(r, 'AuthorizerId');
  const authorizer = authorizerId === undefined ? undefined : catalog.find('AWS::ApiGatewayV2::Authorizer', authorizerId);
  return {
    logicalId: r.logicalId,
    stack: r.stack,
    routeKey,
    method,
    path,
    authorizationType: catalog.text(r, 'AuthorizationType') ?? 'NONE',
    authorizer: authorizer && authorizerSpec(catalog, authorizer),
    integrationLogicalId: integration?.logicalId,
    functionLogicalId: uri === undefined ? undefined : catalog.functionLogicalId(uri, `${where} → ${integration!.logicalId}`),
    payloadFormatVersion: integration && catalog.text(integration, 'PayloadFormatVersion'),
  };
}

function authorizerSpec(catalog: TemplateIndex, a: TemplateResource): AuthorizerSpec {
  const jwt = catalog.prop(a, 'JwtConfiguration') as { Issuer?: string; Audience?: string[] } | undefined;
  return {
    logicalId: a.logicalId,
    type: catalog.text(a, 'AuthorizerType')!,
    identitySource: ((catalog.prop(a, 'IdentitySource') ?? []) as Resolved[]).map(String),
    issuer: jwt?.Issuer,
    audience: jwt?.Audience,
  };
}
