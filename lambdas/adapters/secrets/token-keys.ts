import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { AwsAccess } from '#lambdas/config.ts';
import type { SuppressionKeys } from '#core/suppressions.ts';
import { clientConfig } from '../aws-client.ts';
import type { TokenKeys } from '#core/tokens.ts';

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((k): k is string => typeof k === 'string' && k.length > 0) : []);

/**
 * The link-signing secret holds {"current": "…", "previous": "…", "previousUntil": "<ISO instant>"}: during a
 * rotation current and previous verify links (previous until its grace period ends), only current signs.
 * "retired" keys are read for suppressions recorded before the suppression key had a secret of its own.
 */
export async function readTokenKeys(access: AwsAccess, secretId: string): Promise<TokenKeys> {
  const parsed = JSON.parse(await readSecretString(access, secretId)) as Record<string, unknown>;
  if (typeof parsed.current !== 'string' || !parsed.current) throw new Error(`secret ${secretId} has no "current" key`);
  const retired = strings(parsed.retired);
  return {
    current: parsed.current,
    ...(typeof parsed.previous === 'string' && parsed.previous ? { previous: parsed.previous } : {}),
    ...(typeof parsed.previousUntil === 'string' ? { previousUntil: parsed.previousUntil } : {}),
    ...(retired.length ? { retired } : {}),
  };
}

/**
 * The suppression secret holds {"current": "…", "previous": "…", "retired": […], "derived": […]}: current records a
 * suppression, every key recognises one; "derived" are the hash keys of the link-signing keys used before the split.
 */
export async function readSuppressionKeys(access: AwsAccess, secretId: string): Promise<SuppressionKeys> {
  const parsed = JSON.parse(await readSecretString(access, secretId)) as Record<string, unknown>;
  if (typeof parsed.current !== 'string' || !parsed.current) throw new Error(`secret ${secretId} has no "current" key`);
  const retired = strings(parsed.retired);
  const derived = strings(parsed.derived);
  return {
    current: parsed.current,
    ...(typeof parsed.previous === 'string' && parsed.previous ? { previous: parsed.previous } : {}),
    ...(retired.length ? { retired } : {}),
    ...(derived.length ? { derived } : {}),
  };
}

/** A secret's plain string value (the CloudFront origin header's value). */
export async function readSecretString(access: AwsAccess, secretId: string): Promise<string> {
  const client = new SecretsManagerClient(clientConfig(access));
  try {
    const out = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    if (!out.SecretString) throw new Error(`secret ${secretId} has no string value`);
    return out.SecretString;
  } finally {
    client.destroy();
  }
}
