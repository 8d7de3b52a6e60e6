import { NotAuthorizedException, type AuthenticationResultType } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { signInWithSrp, type CognitoSignInCalls } from '#local/cognito-sign-in.ts';
import { makeSrpServer } from '../support/cognito-srp-server.ts';

const POOL_ID = 'eu-west-1_Ab12Cd34E';
const CLIENT_ID = '4abc5def6ghi7jkl8mno9pqr0s';
const USER_ID = '6f1b7a52-1111-4c3e-9d51-3c6b0a1e2f90';
const TOKENS: AuthenticationResultType = { AccessToken: 'access.jwt', IdToken: 'id.jwt', ExpiresIn: 3600, TokenType: 'Bearer' };

/**
 * A user pool with one editor, as Cognito answers the unauthenticated sign-in calls: SRP first, then a new
 * password if the one given was temporary, then TOTP set-up or a TOTP code (MFA is required).
 */
function fakePool(opts: { password: string; temporary: boolean; totpSecret?: string }) {
  const srp = makeSrpServer(POOL_ID, USER_ID, opts.password);
  let password = opts.password;
  let totp = opts.totpSecret;
  const calls: string[] = [];
  let pending: { srpA: string; check: ReturnType<typeof srp.challenge> } | undefined;
  const mfaStep = () => totp
    ? { ChallengeName: 'SOFTWARE_TOKEN_MFA' as const, Session: 's-mfa', ChallengeParameters: { USERNAME: USER_ID } }
    : { ChallengeName: 'MFA_SETUP' as const, Session: 's-setup', ChallengeParameters: { USERNAME: USER_ID } };
  const meta = { $metadata: {} };
  const cognito: CognitoSignInCalls = {
    async initiateAuth(input) {
      calls.push('InitiateAuth');
      expect(input).toMatchObject({ AuthFlow: 'USER_SRP_AUTH', ClientId: CLIENT_ID, AuthParameters: { USERNAME: 'editor@example.com' } });
      pending = { srpA: input.AuthParameters!.SRP_A!, check: srp.challenge() };
      return { ...meta, ChallengeName: 'PASSWORD_VERIFIER', ChallengeParameters: pending.check.parameters };
    },
    async respondToAuthChallenge(input) {
      calls.push(input.ChallengeName!);
      const r = input.ChallengeResponses ?? {};
      switch (input.ChallengeName) {
        case 'PASSWORD_VERIFIER':
          if (!pending!.check.verify(pending!.srpA, r)) throw new NotAuthorizedException({ message: 'Incorrect username or password.', ...meta });
          return { ...meta, ...(opts.temporary ? { ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 's-new', ChallengeParameters: { USER_ID_FOR_SRP: USER_ID, requiredAttributes: '[]' } } : mfaStep()) };
        case 'NEW_PASSWORD_REQUIRED':
          expect(input.Session).toBe('s-new');
          password = r.NEW_PASSWORD!;
          return { ...meta, ...mfaStep() };
        case 'MFA_SETUP':
          expect(input.Session).toBe('s-verified');
          return { ...meta, AuthenticationResult: TOKENS };
        case 'SOFTWARE_TOKEN_MFA':
          if (r.SOFTWARE_TOKEN_MFA_CODE !== '123456') throw new NotAuthorizedException({ message: 'Invalid code received for user', ...meta });
          return { ...meta, AuthenticationResult: TOKENS };
        default:
          throw new Error(`unexpected ${input.ChallengeName}`);
      }
    },
    async associateSoftwareToken(input) {
      calls.push('AssociateSoftwareToken');
      expect(input.Session).toBe('s-setup');
      return { ...meta, SecretCode: 'JBSWY3DPEHPK3PXP', Session: 's-associated' };
    },
    async verifySoftwareToken(input) {
      calls.push('VerifySoftwareToken');
      expect(input).toMatchObject({ Session: 's-associated', UserCode: '654321' });
      totp = 'JBSWY3DPEHPK3PXP';
      return { ...meta, Status: 'SUCCESS', Session: 's-verified' };
    },
  };
  return { cognito, calls, password: () => password };
}

/** Answers the questions in order, and records what the editor was told. */
function terminal(answers: string[]) {
  const told: string[] = [];
  const asked: string[] = [];
  return { told, asked, ask: async (q: string) => { asked.push(q); return answers.shift() ?? ''; }, tell: (m: string) => { told.push(m); } };
}

describe('signing an editor in to the deployed user pool', () => {
  it('a first sign-in: proves the temporary password, sets a new one, sets up TOTP, and gets the tokens', async () => {
    // Prepare
    const pool = fakePool({ password: 'Temp-Passw0rd!', temporary: true });
    const term = terminal(['My-own-Passw0rd!', 'My-own-Passw0rd!', '654321']);
    // Act
    const result = await signInWithSrp({ cognito: pool.cognito, userPoolId: POOL_ID, clientId: CLIENT_ID, username: 'editor@example.com', password: 'Temp-Passw0rd!', ask: term.ask, tell: term.tell });
    // Assess
    expect(result).toEqual(TOKENS);
    expect(pool.calls).toEqual(['InitiateAuth', 'PASSWORD_VERIFIER', 'NEW_PASSWORD_REQUIRED', 'AssociateSoftwareToken', 'VerifySoftwareToken', 'MFA_SETUP']);
    expect(pool.password()).toBe('My-own-Passw0rd!');
    expect(term.told.join('\n')).toMatch(/otpauth:\/\/totp\/Datewatch:editor%40example\.com\?secret=JBSWY3DPEHPK3PXP/);
  });

  it('a later sign-in: the password proof and the TOTP code given with --totp, nothing asked', async () => {
    const pool = fakePool({ password: 'My-own-Passw0rd!', temporary: false, totpSecret: 'JBSWY3DPEHPK3PXP' });
    const term = terminal([]);
    const result = await signInWithSrp({ cognito: pool.cognito, userPoolId: POOL_ID, clientId: CLIENT_ID, username: 'editor@example.com', password: 'My-own-Passw0rd!', totp: '123456', ask: term.ask, tell: term.tell });
    expect(result.AccessToken).toBe('access.jwt');
    expect(pool.calls).toEqual(['InitiateAuth', 'PASSWORD_VERIFIER', 'SOFTWARE_TOKEN_MFA']);
    expect(term.asked).toEqual([]);
  });

  it('a wrong password: Cognito refuses the proof and the error says so', async () => {
    const pool = fakePool({ password: 'My-own-Passw0rd!', temporary: false, totpSecret: 'JBSWY3DPEHPK3PXP' });
    const term = terminal([]);
    await expect(signInWithSrp({ cognito: pool.cognito, userPoolId: POOL_ID, clientId: CLIENT_ID, username: 'editor@example.com', password: 'guess', ask: term.ask, tell: term.tell }))
      .rejects.toThrow(/Incorrect username or password/);
  });
});
