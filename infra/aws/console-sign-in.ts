import { Duration } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export interface ConsoleSignInProps {
  userPool: cognito.IUserPool;
  /** The pool's hosted UI domain (stateful: its prefix outlives deploys). */
  domain: cognito.UserPoolDomain;
  /** Where readers and editors reach the service; the console lives at `<publicBaseUrl>/console`. */
  publicBaseUrl: string;
  /** `local`: the local stack signs the console in itself (POST /_local/console-token); the client is still made. */
  mode: 'cognito' | 'local';
}

/**
 * The editors' console signs in through the Cognito hosted UI: a public app client (no secret) that allows only
 * the authorization code grant (the console adds PKCE, S256), back to `<publicBaseUrl>/console`. It lives beside
 * the functions because the callback is the API's (or the distribution's) address, which only this stack knows.
 */
export class ConsoleSignIn extends Construct {
  readonly client: cognito.UserPoolClient;
  readonly callbackUrl: string;
  /** What the public API needs to serve /console/config.json (read by readConsoleSignIn). */
  readonly environment: Record<string, string>;

  constructor(scope: Construct, id: string, props: ConsoleSignInProps) {
    super(scope, id);
    this.callbackUrl = `${props.publicBaseUrl}/console`;
    this.client = new cognito.UserPoolClient(this, 'Client', {
      userPool: props.userPool,
      generateSecret: false,
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [this.callbackUrl],
        logoutUrls: [this.callbackUrl],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      enableTokenRevocation: true,
    });
    // The hosted UI needs no API sign-in flow of its own: only refreshing what it issued (no SRP, no password).
    (this.client.node.defaultChild as cognito.CfnUserPoolClient).explicitAuthFlows = ['ALLOW_REFRESH_TOKEN_AUTH'];

    this.environment = props.mode === 'local'
      ? { CONSOLE_SIGN_IN: 'local' }
      : {
        CONSOLE_SIGN_IN: 'cognito',
        CONSOLE_AUTH_DOMAIN_URL: props.domain.baseUrl(),
        CONSOLE_CLIENT_ID: this.client.userPoolClientId,
        CONSOLE_REDIRECT_URI: this.callbackUrl,
      };
  }
}
