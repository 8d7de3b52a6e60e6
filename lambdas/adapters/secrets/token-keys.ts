import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { AwsAccess } from '#lambdas/config.ts';
import { clientConfig } from '../aws-client.ts';
import type { TokenKeys } from '#core/tokens.ts';

/**
 * The secret holds {"current": "…", "previous": "…", "retired": ["…"]}: during a rotation current and previous
 * verify links, only current signs; retired keys only still recognise suppressions recorded under them.
 */
export async function readTokenKeys(access: AwsAccess, secretId: string): Promise<TokenKeys> {
  const client = new SecretsManagerClient(clientConfig(access));
  try {
    const out = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    const parsed = JSON.parse(out.SecretString ?? '{}') as Partial<TokenKeys>;
    if (!parsed.current) throw new Error(`secret ${secretId} has no "current" key`);
    const retired = Array.isArray(parsed.retired) ? parsed.retired.filter((k): k is string => typeof k === 'string' && k.length > 0) : [];
    return { current: parsed.current, ...(parsed.previous ? { previous: parsed.previous } : {}), ...(retired.length ? { retired } : {}) };
  } finally {
    client.destroy();
  }
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
