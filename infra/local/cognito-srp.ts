import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * The client side of Cognito's SRP-6a (USER_SRP_AUTH): the 3072-bit group of RFC 5054 with g = 2, SHA-256, and
 * Cognito's own choices: x = H(salt | H(poolName | userId | ":" | password)), a 16-byte key by HKDF over S with
 * u as salt and "Caldera Derived Key" as info, and a claim signed with HMAC-SHA256 over poolName | userId |
 * secretBlock | timestamp. Big integers travel as hex in two's complement, with a leading 00 when the top bit is set.
 */
export const N = BigInt('0x'
  + 'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD'
  + 'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED'
  + 'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F'
  + '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B'
  + 'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510'
  + '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7'
  + 'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C'
  + 'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF');
export const g = 2n;

/** Non-negative integers only: even length, and 00 in front when the first bit is set, as Java's toByteArray. */
export function padHex(n: bigint): string {
  if (n < 0n) throw new RangeError('padHex takes non-negative integers');
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return /^[89a-f]/.test(hex) ? `00${hex}` : hex;
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();
const hexHash = (hex: string) => sha256(Buffer.from(hex, 'hex')).toString('hex');
const toBigInt = (hex: string) => BigInt(`0x${hex}`);

export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = ((base % modulus) + modulus) % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}

/** k = H(N | g), SRP-6a's multiplier. */
export const k = toBigInt(hexHash(padHex(N) + padHex(g)));

/** The part of a pool id after the region: `eu-west-1_AbC123` → `AbC123`. */
export function poolNameOf(userPoolId: string): string {
  const name = userPoolId.split('_')[1];
  if (!name) throw new Error(`"${userPoolId}" is not a user pool id (<region>_<name>)`);
  return name;
}

/** x = H(salt | H(poolName | userId | ":" | password)): the password's exponent, on the client and in the verifier. */
export function passwordExponent(poolName: string, userId: string, password: string, saltHex: string): bigint {
  const inner = sha256(`${poolName}${userId}:${password}`).toString('hex');
  return toBigInt(hexHash(padHex(toBigInt(saltHex)) + inner));
}

export interface SrpClient {
  /** SRP_A for InitiateAuth, as hex. */
  readonly largeA: string;
  /** The PASSWORD_VERIFIER answer: sign the server's challenge with the password. */
  respond(input: { poolName: string; userId: string; password: string; srpB: string; saltHex: string; secretBlock: string; now?: Date }): {
    PASSWORD_CLAIM_SECRET_BLOCK: string;
    PASSWORD_CLAIM_SIGNATURE: string;
    TIMESTAMP: string;
  };
}

/** A fresh client: a random 128-byte a (or the one given, for tests), and A = g^a mod N. */
export function makeSrpClient(smallA: bigint = toBigInt(randomBytes(128).toString('hex'))): SrpClient {
  const A = modPow(g, smallA, N);
  if (A % N === 0n) throw new Error('A mod N is 0: draw another a');
  return {
    largeA: A.toString(16),
    respond({ poolName, userId, password, srpB, saltHex, secretBlock, now = new Date() }) {
      const B = toBigInt(srpB);
      if (B % N === 0n) throw new Error('the server sent B = 0 (mod N): refusing to sign');
      const u = toBigInt(hexHash(padHex(A) + padHex(B)));
      if (u === 0n) throw new Error('u = H(A | B) is 0: refusing to sign');
      const x = passwordExponent(poolName, userId, password, saltHex);
      const S = modPow(B - k * modPow(g, x, N), smallA + u * x, N);
      const key = Buffer.from(hkdfSync('sha256', Buffer.from(padHex(S), 'hex'), Buffer.from(padHex(u), 'hex'), 'Caldera Derived Key', 16));
      const timestamp = cognitoTimestamp(now);
      const signature = createHmac('sha256', key)
        .update(Buffer.concat([Buffer.from(poolName), Buffer.from(userId), Buffer.from(secretBlock, 'base64'), Buffer.from(timestamp)]))
        .digest('base64');
      return { PASSWORD_CLAIM_SECRET_BLOCK: secretBlock, PASSWORD_CLAIM_SIGNATURE: signature, TIMESTAMP: timestamp };
    },
  };
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Cognito's TIMESTAMP: `Tue Feb 1 03:04:05 UTC 2000` (the day of the month unpadded, the time padded, in UTC). */
export function cognitoTimestamp(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[at.getUTCDay()]} ${MONTHS[at.getUTCMonth()]} ${at.getUTCDate()} `
    + `${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())} UTC ${at.getUTCFullYear()}`;
}
