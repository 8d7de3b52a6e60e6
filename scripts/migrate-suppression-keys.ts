/**
 * Once, after the first deploy that gives the suppression keys a secret of their own: suppressions recorded
 * before were hashed under keys derived from the link-signing secret. This copies those derived hash keys (not the
 * signing keys: a derived key cannot sign a link) into the suppression secret's "derived" list, so every earlier
 * suppression still holds; each is re-keyed under the new key when its address is next seen.
 *
 *   npm run --silent migrate-suppression-keys -- <TokenSecretArn> <SuppressionSecretArn>
 */
import { GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { suppressionHashKey } from '#core/suppressions.ts';

/** The suppression secret with the signing secret's keys added, derived, to its "derived" list (each once). */
export function withDerivedSigningKeys(signing: Record<string, unknown>, suppression: Record<string, unknown>): Record<string, unknown> {
  const signingKeys = [signing.current, signing.previous, ...(Array.isArray(signing.retired) ? signing.retired : [])]
    .filter((k): k is string => typeof k === 'string' && k.length > 0);
  const had = Array.isArray(suppression.derived) ? suppression.derived.filter((k): k is string => typeof k === 'string') : [];
  const derived = [...new Set([...had, ...signingKeys.map((k) => suppressionHashKey(k).toString('base64url'))])];
  return { ...suppression, derived };
}

async function main(): Promise<void> {
  const [tokenSecret, suppressionSecret] = process.argv.slice(2);
  if (!tokenSecret || !suppressionSecret) throw new Error('give the TokenSecretArn and SuppressionSecretArn outputs of DatewatchStateful');
  const client = new SecretsManagerClient({});
  const read = async (id: string) => JSON.parse((await client.send(new GetSecretValueCommand({ SecretId: id }))).SecretString ?? '{}') as Record<string, unknown>;
  const next = withDerivedSigningKeys(await read(tokenSecret), await read(suppressionSecret));
  await client.send(new PutSecretValueCommand({ SecretId: suppressionSecret, SecretString: JSON.stringify(next) }));
  console.log(`the suppression secret now recognises ${(next.derived as string[]).length} derived key(s); functions pick it up within a minute`);
}

if (process.argv[1]?.endsWith('migrate-suppression-keys.ts')) {
  main().catch((err: unknown) => { console.error((err as Error).message); process.exit(1); });
}
