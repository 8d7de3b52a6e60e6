import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { sdkSignInCalls, signInWithSrp } from './cognito-sign-in.ts';
import { ask } from './prompt.ts';

export interface AwsAdminTokenFlags {
  'user-pool-id'?: string;
  'client-id'?: string;
  username?: string;
  totp?: string;
  'id-token'?: boolean;
}

/**
 * Signs an editor in to the deployed pool (stack outputs UserPoolId and UserPoolClientId of DatewatchStateful) and
 * prints the access token: the API's JWT authorizer checks its client_id against the app client id (an ID token's
 * aud would pass too: `--id-token`). Returns the exit code; messages go to stderr, only the token to stdout.
 */
export async function printAwsAdminToken(flags: AwsAdminTokenFlags, env: NodeJS.ProcessEnv): Promise<number> {
  const userPoolId = flags['user-pool-id'] ?? env.DATEWATCH_USER_POOL_ID;
  const clientId = flags['client-id'] ?? env.DATEWATCH_USER_POOL_CLIENT_ID;
  if (!userPoolId || !clientId) {
    console.error('give the pool: --user-pool-id <UserPoolId> --client-id <UserPoolClientId> (outputs of the DatewatchStateful stack),\n'
      + 'or set DATEWATCH_USER_POOL_ID and DATEWATCH_USER_POOL_CLIENT_ID');
    return 2;
  }
  // The region is the pool id's prefix: eu-west-1_AbC123 lives in eu-west-1.
  const region = userPoolId.split('_')[0]!;
  const username = flags.username ?? env.DATEWATCH_ADMIN_USERNAME ?? await ask('E-mail address: ');
  const password = env.DATEWATCH_ADMIN_PASSWORD ?? await ask('Password: ', { secret: true });
  const client = new CognitoIdentityProviderClient({ region });
  try {
    const result = await signInWithSrp({
      cognito: sdkSignInCalls(client), userPoolId, clientId, username, password, totp: flags.totp,
      ask, tell: (message) => console.error(message),
    });
    const token = flags['id-token'] ? result.IdToken : result.AccessToken;
    if (!token) throw new Error('Cognito signed in but returned no token');
    console.error(`signed in; the token expires in ${Math.round((result.ExpiresIn ?? 3600) / 60)} minutes`);
    console.log(token);
    return 0;
  } catch (err) {
    const e = err as Error;
    console.error(`sign-in failed: ${e.name}: ${e.message}`);
    return 1;
  } finally {
    client.destroy();
  }
}
