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

/** The part of an SDK client `reuseSigner` changes: its resolved config's signer provider (SigV4's). */
interface SigningClient {
  config: { signer: (authScheme?: never) => Promise<unknown> };
}

/**
 * One SigV4 signer per client (per signing region and service) instead of one per call. The SDK's default
 * provider builds a new signer for every request, from a copy of the whole client config; the signer asks the
 * credential provider and takes the date, region and service of each call at signing time, so the one kept signs
 * exactly as a fresh one would, and a key rotated in a warm container is used from the next call on.
 */
export function reuseSigner(client: SigningClient): void {
  const make = client.config.signer;
  const made = new Map<string, Promise<unknown>>();
  client.config.signer = (authScheme?: never) => {
    const scheme = authScheme as { signingRegion?: string; signingName?: string } | undefined;
    const key = `${scheme?.signingRegion ?? ''}/${scheme?.signingName ?? ''}`;
    let signer = made.get(key);
    if (!signer) {
      signer = make(authScheme);
      // A provider that failed is asked again next time, as the SDK would.
      signer.catch(() => made.delete(key));
      made.set(key, signer);
    }
    return signer;
  };
}
