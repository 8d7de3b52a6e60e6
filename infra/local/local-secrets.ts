import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CloudModel } from './cloud/model.ts';
import type { GatewaySecret } from './aws-endpoint/secrets-manager.ts';

/**
 * Each AWS::SecretsManager::Secret of the template, generated here as Secrets Manager would from its
 * GenerateSecretString (template + key + length), kept under `<dataDir>/secrets/` so links survive a restart.
 */
export function makeLocalSecrets(model: CloudModel, dataDir?: string) {
  const values = new Map<string, string>();
  const find = (arnOrName: string) => {
    const secret = list.find((s) => s.arn === arnOrName || s.name === arnOrName);
    if (!secret) throw new Error(`the template has no secret ${arnOrName}`);
    return secret;
  };
  const list: GatewaySecret[] = model.secrets.map((s) => ({
    arn: s.arn,
    name: s.name,
    value: () => {
      let value = values.get(s.arn);
      if (value === undefined) {
        value = s.secretString ?? loadOrGenerate(s.logicalId, generateOf(s.generateSecretString), dataDir);
        values.set(s.arn, value);
      }
      return value;
    },
  }));
  return {
    list,
    valueOf(arnOrName: string): string {
      return find(arnOrName).value();
    },
    /** A new value, as `aws secretsmanager put-secret-value` gives one (an operator's rotation); kept like a generated one. */
    put(arnOrName: string, value: string): void {
      const secret = find(arnOrName);
      values.set(secret.arn, value);
      const logicalId = model.secrets.find((s) => s.arn === secret.arn)!.logicalId;
      if (dataDir) writeSecretFile(secretFile(dataDir, logicalId), dataDir, value);
    },
  };
}

interface Generate { template?: string; key?: string; length?: number }

function generateOf(g: Record<string, unknown> | undefined): Generate | undefined {
  if (!g) return undefined;
  return {
    template: typeof g.SecretStringTemplate === 'string' ? g.SecretStringTemplate : undefined,
    key: typeof g.GenerateStringKey === 'string' ? g.GenerateStringKey : undefined,
    length: typeof g.PasswordLength === 'number' ? g.PasswordLength : undefined,
  };
}

function loadOrGenerate(logicalId: string, generate: Generate | undefined, dataDir?: string): string {
  const file = dataDir && secretFile(dataDir, logicalId);
  if (file && existsSync(file)) return readFileSync(file, 'utf8');
  const base = JSON.parse(generate?.template || '{}') as Record<string, string>;
  const secret = randomBytes(Math.ceil((generate?.length ?? 32) * 0.75)).toString('base64url').slice(0, generate?.length ?? 32);
  const value = generate?.key ? JSON.stringify({ ...base, [generate.key]: secret }) : secret;
  if (file) writeSecretFile(file, dataDir!, value);
  return value;
}

const secretFile = (dataDir: string, logicalId: string) => join(dataDir, 'secrets', `${logicalId}.json`);

function writeSecretFile(file: string, dataDir: string, value: string): void {
  mkdirSync(join(dataDir, 'secrets'), { recursive: true });
  writeFileSync(file, value, { mode: 0o600 });
}
