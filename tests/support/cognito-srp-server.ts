import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { g, k, modPow, N, padHex, passwordExponent, poolNameOf } from '#local/cognito-srp.ts';

const H = (hexValue: string) => BigInt(`0x${createHash('sha256').update(Buffer.from(hexValue, 'hex')).digest('hex')}`);

/**
 * Cognito's side of SRP-6a for one user, written from the protocol: it keeps only the verifier v = g^x, sends
 * B = kv + g^b, and checks the client's signature with the key it derives from S = (A v^u)^b, a path the
 * client never takes.
 */
export function makeSrpServer(userPoolId: string, userId: string, password: string) {
  const poolName = poolNameOf(userPoolId);
  const salt = randomBytes(16).toString('hex');
  const v = modPow(g, passwordExponent(poolName, userId, password, salt), N);
  return {
    /** One sign-in attempt: the challenge parameters, and the check of the client's answer. */
    challenge() {
      const b = BigInt(`0x${randomBytes(128).toString('hex')}`);
      const B = (k * v + modPow(g, b, N)) % N;
      const secretBlock = randomBytes(64).toString('base64');
      return {
        parameters: { SALT: salt, SRP_B: B.toString(16), SECRET_BLOCK: secretBlock, USER_ID_FOR_SRP: userId, USERNAME: userId },
        verify(srpA: string, answer: Record<string, string | undefined>): boolean {
          const A = BigInt(`0x${srpA}`);
          const u = H(padHex(A) + padHex(B));
          const S = modPow(A * modPow(v, u, N), b, N);
          const key = Buffer.from(hkdfSync('sha256', Buffer.from(padHex(S), 'hex'), Buffer.from(padHex(u), 'hex'), 'Caldera Derived Key', 16));
          const expected = createHmac('sha256', key).update(Buffer.concat([
            Buffer.from(poolName), Buffer.from(userId), Buffer.from(answer.PASSWORD_CLAIM_SECRET_BLOCK ?? '', 'base64'), Buffer.from(answer.TIMESTAMP ?? ''),
          ])).digest('base64');
          return answer.PASSWORD_CLAIM_SECRET_BLOCK === secretBlock && answer.USERNAME === userId && expected === answer.PASSWORD_CLAIM_SIGNATURE;
        },
      };
    },
  };
}
