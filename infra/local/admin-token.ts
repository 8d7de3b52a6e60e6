import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { issueAdminToken, loadOrCreateSigningKey } from './local-auth.ts';
import { localSettings } from './settings.ts';

/**
 * `npm run --silent admin-token`: prints a one-hour admin token that the local stack accepts.
 * `npm run --silent admin-token -- --aws`: signs an editor in to the deployed user pool and prints a token that the
 * deployed API accepts (see aws-admin-token.ts).
 */
const { values } = parseArgs({
  options: {
    aws: { type: 'boolean', default: false },
    'user-pool-id': { type: 'string' },
    'client-id': { type: 'string' },
    username: { type: 'string' },
    totp: { type: 'string' },
    'id-token': { type: 'boolean', default: false },
  },
});

if (values.aws) {
  const { printAwsAdminToken } = await import('./aws-admin-token.ts');
  process.exitCode = await printAwsAdminToken(values, process.env);
} else {
  const file = join(localSettings().dataDir, 'auth-key.json');
  console.log(await issueAdminToken(await loadOrCreateSigningKey(file)));
}
