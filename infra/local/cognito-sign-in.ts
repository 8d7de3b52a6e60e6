import {
  AssociateSoftwareTokenCommand, CognitoIdentityProviderClient, InitiateAuthCommand, RespondToAuthChallengeCommand,
  VerifySoftwareTokenCommand, type AssociateSoftwareTokenCommandInput, type AssociateSoftwareTokenCommandOutput,
  type AuthenticationResultType, type InitiateAuthCommandInput, type InitiateAuthCommandOutput,
  type RespondToAuthChallengeCommandInput, type RespondToAuthChallengeCommandOutput, type VerifySoftwareTokenCommandInput,
  type VerifySoftwareTokenCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { makeSrpClient, poolNameOf } from './cognito-srp.ts';

/** The four unauthenticated Cognito calls a sign-in needs (no AWS credentials: the session and SRP prove who asks). */
export interface CognitoSignInCalls {
  initiateAuth(input: InitiateAuthCommandInput): Promise<InitiateAuthCommandOutput>;
  respondToAuthChallenge(input: RespondToAuthChallengeCommandInput): Promise<RespondToAuthChallengeCommandOutput>;
  associateSoftwareToken(input: AssociateSoftwareTokenCommandInput): Promise<AssociateSoftwareTokenCommandOutput>;
  verifySoftwareToken(input: VerifySoftwareTokenCommandInput): Promise<VerifySoftwareTokenCommandOutput>;
}

export function sdkSignInCalls(client: CognitoIdentityProviderClient): CognitoSignInCalls {
  return {
    initiateAuth: (input) => client.send(new InitiateAuthCommand(input)),
    respondToAuthChallenge: (input) => client.send(new RespondToAuthChallengeCommand(input)),
    associateSoftwareToken: (input) => client.send(new AssociateSoftwareTokenCommand(input)),
    verifySoftwareToken: (input) => client.send(new VerifySoftwareTokenCommand(input)),
  };
}

export interface SignInOptions {
  cognito: CognitoSignInCalls;
  userPoolId: string;
  clientId: string;
  /** The editor's sign-in name (the pool signs in by e-mail address). */
  username: string;
  password: string;
  /** A TOTP code given up front (`--totp`); otherwise asked for when Cognito wants one. */
  totp?: string;
  /** Asks the person at the terminal; `secret` hides what they type. */
  ask(question: string, options?: { secret?: boolean }): Promise<string>;
  /** Tells the person something (on stderr, so stdout carries only the token). */
  tell(message: string): void;
  now?: () => Date;
}

/**
 * Signs an editor in with USER_SRP_AUTH and answers each challenge Cognito sets: the password proof, a new password
 * for a first sign-in with a temporary one, TOTP set-up when the pool requires MFA and none is set, and the TOTP code.
 */
export async function signInWithSrp(o: SignInOptions): Promise<AuthenticationResultType> {
  const srp = makeSrpClient();
  const poolName = poolNameOf(o.userPoolId);
  let answer: InitiateAuthCommandOutput | RespondToAuthChallengeCommandOutput = await o.cognito.initiateAuth({
    AuthFlow: 'USER_SRP_AUTH', ClientId: o.clientId, AuthParameters: { USERNAME: o.username, SRP_A: srp.largeA },
  });
  let userId = o.username;
  let totpUsed = false;
  for (let step = 0; step < 6; step++) {
    if (answer.AuthenticationResult) return answer.AuthenticationResult;
    const challenge = answer.ChallengeName;
    const params = answer.ChallengeParameters ?? {};
    userId = params.USER_ID_FOR_SRP ?? params.USERNAME ?? userId;
    let session = answer.Session;
    let responses: Record<string, string>;
    switch (challenge) {
      case 'PASSWORD_VERIFIER': {
        if (!params.SRP_B || !params.SALT || !params.SECRET_BLOCK) throw new Error('Cognito sent a PASSWORD_VERIFIER challenge without SRP_B, SALT and SECRET_BLOCK');
        responses = { USERNAME: userId, ...srp.respond({ poolName, userId, password: o.password, srpB: params.SRP_B, saltHex: params.SALT, secretBlock: params.SECRET_BLOCK, now: o.now?.() }) };
        break;
      }
      case 'NEW_PASSWORD_REQUIRED': {
        o.tell('This is the first sign-in with a temporary password: choose your own.');
        const newPassword = await o.ask('New password: ', { secret: true });
        if (newPassword !== await o.ask('Repeat it: ', { secret: true })) throw new Error('the two passwords differ; nothing was changed');
        responses = { USERNAME: userId, NEW_PASSWORD: newPassword };
        for (const attribute of JSON.parse(params.requiredAttributes ?? '[]') as string[]) {
          responses[attribute] = await o.ask(`${attribute.replace(/^userAttributes\./, '')}: `);
        }
        break;
      }
      case 'MFA_SETUP': {
        const associated = await o.cognito.associateSoftwareToken({ Session: session });
        if (!associated.SecretCode) throw new Error('Cognito did not return a TOTP secret to set up');
        o.tell('The pool requires an authenticator app (TOTP). Add this key to it, then type the code it shows.');
        o.tell(`  key: ${associated.SecretCode}`);
        o.tell(`  or this URI (as a QR code): otpauth://totp/Datewatch:${encodeURIComponent(o.username)}?secret=${associated.SecretCode}&issuer=Datewatch`);
        const verified = await o.cognito.verifySoftwareToken({
          Session: associated.Session, UserCode: await o.ask('Code from the app: '), FriendlyDeviceName: 'datewatch admin-token',
        });
        if (verified.Status !== 'SUCCESS') throw new Error(`Cognito did not accept the code (status ${verified.Status ?? 'unknown'})`);
        session = verified.Session;
        responses = { USERNAME: userId };
        break;
      }
      case 'SOFTWARE_TOKEN_MFA': {
        // A code given with --totp is good once: a second ask (after a new password) needs a fresh one.
        const code = o.totp && !totpUsed ? o.totp : await o.ask('Code from your authenticator app: ');
        totpUsed = true;
        responses = { USERNAME: userId, SOFTWARE_TOKEN_MFA_CODE: code };
        break;
      }
      case 'SELECT_MFA_TYPE':
        responses = { USERNAME: userId, ANSWER: 'SOFTWARE_TOKEN_MFA' };
        break;
      default:
        throw new Error(`Cognito asks for the ${challenge ?? 'unnamed'} challenge, which this command does not answer`);
    }
    answer = await o.cognito.respondToAuthChallenge({ ClientId: o.clientId, ChallengeName: challenge, Session: session, ChallengeResponses: responses });
  }
  throw new Error('Cognito kept setting challenges; giving up');
}
