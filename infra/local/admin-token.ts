
import { join } from 'node:path';
import { issueAdminToken, loadOrCreateSigningKey } from './local-auth.ts';
import { localSettings } from './settings.ts';

/** `npm run --silent admin-token`: prints a one-hour admin token that the local stack accepts. */
const file = join(localSettings().dataDir, 'auth-key.json');
console.log(await issueAdminToken(await loadOrCreateSigningKey(file)));
