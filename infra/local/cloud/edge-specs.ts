import type { TemplateIndex as Catalog, TemplateResource } from './template-index.ts';

/** Which of a kind of request value reach the origin: none, all, all but some, or only the named ones (lower case). */
export type Forwarded = { kind: 'none' } | { kind: 'all' } | { kind: 'only'; names: string[] } | { kind: 'allExcept'; names: string[] };

/** One cache behaviour: the request values its cache policy and origin request policy forward together. */
export interface EdgeBehaviourSpec {
  pathPattern: string;
  headers: Forwarded[];
  cookies: Forwarded[];
  queryStrings: Forwarded[];
}

/** A CloudFront distribution of the template: behaviours in CloudFront's order (the default last) and the origin's own headers. */
export interface EdgeSpec {
  logicalId: string;
  behaviours: EdgeBehaviourSpec[];
  /** Header name → value; a `{{resolve:secretsmanager:…}}` reference is resolved when the edge starts. */
  originHeaders: Record<string, string>;
}

type Config = Record<string, any>;

/** AWS managed cache policies by id, as AWS documents them; only those the app uses are modelled. */
const MANAGED_CACHE_POLICIES: Record<string, { headers: Forwarded; cookies: Forwarded; queryStrings: Forwarded }> = {
  // CachingDisabled: nothing in the cache key, so nothing forwarded by it.
  '4135ea2d-6df8-44a3-9df3-4b5a84be39ad': { headers: { kind: 'none' }, cookies: { kind: 'none' }, queryStrings: { kind: 'none' } },
};

const lower = (names: unknown): string[] => (Array.isArray(names) ? names.map((n) => String(n).toLowerCase()) : []);

function forwardedOf(behavior: string | undefined, names: unknown): Forwarded {
  switch (behavior) {
    case undefined: case 'none': return { kind: 'none' };
    case 'whitelist': return { kind: 'only', names: lower(names) };
    case 'allExcept': return { kind: 'allExcept', names: lower(names) };
    // allViewerAndWhitelistCloudFront: every viewer header plus the CloudFront ones named.
    case 'all': case 'allViewer': case 'allViewerAndWhitelistCloudFront': return { kind: 'all' };
    default: throw new Error(`CloudFront forwarding behaviour ${behavior} is not modelled locally`);
  }
}

function policyOf(catalog: Catalog, type: string, id: string): TemplateResource {
  const policy = catalog.find(type, id);
  if (!policy) throw new Error(`the local edge knows no ${type} ${id} (only the app's own and ${Object.keys(MANAGED_CACHE_POLICIES).join(', ')})`);
  return policy;
}

function behaviourOf(catalog: Catalog, pathPattern: string, b: Config): EdgeBehaviourSpec {
  const out: EdgeBehaviourSpec = { pathPattern, headers: [], cookies: [], queryStrings: [] };
  if (b.CachePolicyId) {
    const managed = MANAGED_CACHE_POLICIES[b.CachePolicyId];
    const key = managed ?? (() => {
      const config = (catalog.prop(policyOf(catalog, 'AWS::CloudFront::CachePolicy', b.CachePolicyId), 'CachePolicyConfig') as Config).ParametersInCacheKeyAndForwardedToOrigin as Config;
      return {
        headers: forwardedOf(config.HeadersConfig?.HeaderBehavior, config.HeadersConfig?.Headers),
        cookies: forwardedOf(config.CookiesConfig?.CookieBehavior, config.CookiesConfig?.Cookies),
        queryStrings: forwardedOf(config.QueryStringsConfig?.QueryStringBehavior, config.QueryStringsConfig?.QueryStrings),
      };
    })();
    out.headers.push(key.headers); out.cookies.push(key.cookies); out.queryStrings.push(key.queryStrings);
  }
  if (b.OriginRequestPolicyId) {
    const config = catalog.prop(policyOf(catalog, 'AWS::CloudFront::OriginRequestPolicy', b.OriginRequestPolicyId), 'OriginRequestPolicyConfig') as Config;
    out.headers.push(forwardedOf(config.HeadersConfig?.HeaderBehavior, config.HeadersConfig?.Headers));
    out.cookies.push(forwardedOf(config.CookiesConfig?.CookieBehavior, config.CookiesConfig?.Cookies));
    out.queryStrings.push(forwardedOf(config.QueryStringsConfig?.QueryStringBehavior, config.QueryStringsConfig?.QueryStrings));
  }
  return out;
}

/** Each AWS::CloudFront::Distribution, read as the local edge applies it (one origin: the local HTTP API). */
export function edgeSpec(catalog: Catalog, d: TemplateResource): EdgeSpec {
  // Only the parts the edge applies are resolved: the web ACL's ARN comes from a cross-region custom resource.
  const raw = d.properties.DistributionConfig as Config;
  const part = (value: unknown, name: string) => catalog.resolver.resolve(d.stack, value, `${d.stack}/${d.logicalId}/DistributionConfig/${name}`);
  const config: Config = {
    Origins: ((raw.Origins ?? []) as Config[]).map((o, i) => ({ OriginCustomHeaders: part(o.OriginCustomHeaders ?? [], `Origins[${i}]`) })),
    CacheBehaviors: ((raw.CacheBehaviors ?? []) as Config[]).map((b, i) => part(pick(b), `CacheBehaviors[${i}]`)),
    DefaultCacheBehavior: part(pick(raw.DefaultCacheBehavior as Config), 'DefaultCacheBehavior'),
  };
  const origins = (config.Origins ?? []) as Config[];
  if (origins.length !== 1) throw new Error(`${d.logicalId}: the local edge models one origin, the template has ${origins.length}`);
  const originHeaders: Record<string, string> = {};
  for (const h of (origins[0]!.OriginCustomHeaders ?? []) as Config[]) originHeaders[String(h.HeaderName).toLowerCase()] = String(h.HeaderValue);
  const behaviours = [
    ...((config.CacheBehaviors ?? []) as Config[]).map((b) => behaviourOf(catalog, String(b.PathPattern), b)),
    behaviourOf(catalog, '*', config.DefaultCacheBehavior as Config),
  ];
  return { logicalId: d.logicalId, behaviours, originHeaders };
}

const pick = (b: Config): Config => ({ PathPattern: b.PathPattern, CachePolicyId: b.CachePolicyId, OriginRequestPolicyId: b.OriginRequestPolicyId });
