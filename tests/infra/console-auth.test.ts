import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { inspect, sharedSynth } from './template-helpers.ts';

/** The console's app client: the one in the stateless stack (the CLI's SRP client stays in the stateful stack). */
function consoleClient(context: Record<string, unknown> = {}) {
  const built = sharedSynth(context);
  const clients = Object.entries(built.statelessTemplate.findResources('AWS::Cognito::UserPoolClient'));
  expect(clients).toHaveLength(1);
  const [logicalId, resource] = clients[0]!;
  return { ...built, logicalId, props: resource.Properties as Record<string, any> };
}

describe("the editors' console signs in through the Cognito hosted UI", () => {
  it('has a public app client that allows only the authorization code grant, with no secret', () => {
    const { props } = consoleClient({ publicBaseUrl: 'https://news.example.com' });
    expect(props.GenerateSecret).toBe(false);
    expect(props.AllowedOAuthFlows).toEqual(['code']);
    expect(props.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(props.AllowedOAuthScopes).toEqual(expect.arrayContaining(['openid', 'email']));
    expect(props.SupportedIdentityProviders).toEqual(['COGNITO']);
    // No password or SRP sign-in through this client: the hosted UI does that (with the pool's MFA).
    expect(props.ExplicitAuthFlows).toEqual(['ALLOW_REFRESH_TOKEN_AUTH']);
  });

  it('sends editors back to <publicBaseUrl>/console after sign-in and sign-out, and nowhere else', () => {
    const { props } = consoleClient({ publicBaseUrl: 'https://news.example.com' });
    expect(props.CallbackURLs).toEqual(['https://news.example.com/console']);
    expect(props.LogoutURLs).toEqual(['https://news.example.com/console']);
  });

  it('uses the HTTP API endpoint for the callback when no public address is given', () => {
    const { props } = consoleClient();
    expect(JSON.stringify(props.CallbackURLs)).toMatch(/HttpApi.*ApiEndpoint.*\/console/);
  });

  it('gives the user pool a hosted UI domain, prefixed from context or datewatch-<account>', () => {
    sharedSynth({ consoleDomainPrefix: 'datewatch-news' }).statefulTemplate.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'datewatch-news', UserPoolId: Match.anyValue(),
    });
    sharedSynth().statefulTemplate.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: { 'Fn::Join': ['', ['datewatch-', { Ref: 'AWS::AccountId' }]] },
    });
    sharedSynth().statefulTemplate.hasOutput('ConsoleSignInDomain', {});
  });

  it('tells the static files (the console) where to sign in; admin routes take the console client\'s tokens', () => {
    const { statelessTemplate, logicalId } = consoleClient({ publicBaseUrl: 'https://news.example.com' });
    const env = inspect(statelessTemplate).env('StaticFiles');
    expect(env).toMatchObject({
      CONSOLE_SIGN_IN: 'cognito',
      CONSOLE_CLIENT_ID: { Ref: logicalId },
      CONSOLE_REDIRECT_URI: 'https://news.example.com/console',
    });
    expect(JSON.stringify(env.CONSOLE_AUTH_DOMAIN_URL)).toMatch(/auth\..*amazoncognito\.com/);
    const [authorizer] = Object.values(statelessTemplate.findResources('AWS::ApiGatewayV2::Authorizer')).map((r) => r.Properties);
    expect(authorizer.JwtConfiguration.Audience).toContainEqual({ Ref: logicalId });
    statelessTemplate.hasOutput('ConsoleClientId', {});
  });

  it('signs in locally only when synthesized for the local stack', () => {
    const env = inspect(sharedSynth({ consoleSignIn: 'local' }).statelessTemplate).env('StaticFiles');
    expect(env.CONSOLE_SIGN_IN).toBe('local');
    expect(env.CONSOLE_CLIENT_ID).toBeUndefined();
  });
});
