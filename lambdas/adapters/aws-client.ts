import type { AwsAccess } from '#lambdas/config.ts';

/** An SDK client's region, endpoint, credentials and transport, each only when the access names it. */
export function clientConfig(access: AwsAccess) {
  return {
    region: access.region,
    ...(access.endpoint ? { endpoint: access.endpoint } : {}),
    ...(access.credentials ? { credentials: access.credentials } : {}),
    ...(access.requestHandler ? { requestHandler: access.requestHandler } : {}),
  };
}
