/**
 * The SES sandbox (a new account): SES delivers only to verified identities, and checks a role's identity-scoped
 * send grant against each verified recipient identity as well as the sending one. With -c sesSandbox=true and
 * -c sesVerifiedRecipients=<address>,<address>, the sending functions are granted those identities too, and the
 * domain identity carries the list under this metadata key, where the local stack reads it to refuse the others.
 */
export const SES_SANDBOX_METADATA = 'datewatch:ses-sandbox';

export interface SesSandbox {
  /** Addresses verified as SES identities in the account (the console's "Verified identities"). */
  verifiedRecipients: string[];
}

const ADDRESS = /^[^@\s,]+@[^@\s,]+\.[^@\s,]+$/;

/** The sandbox settings from the CDK context, or undefined when the account is out of the sandbox (the default). */
export function sesSandboxOf(context: (key: string) => string | undefined): SesSandbox | undefined {
  const flag = context('sesSandbox');
  const list = context('sesVerifiedRecipients');
  if (flag === undefined || String(flag) === 'false') {
    if (list !== undefined) throw new Error('sesVerifiedRecipients is read only with -c sesSandbox=true');
    return undefined;
  }
  if (String(flag) !== 'true') throw new Error(`context sesSandbox must be true or false, not "${flag}"`);
  const verifiedRecipients = String(list ?? '').split(',').map((a) => a.trim()).filter((a) => a !== '');
  if (verifiedRecipients.length === 0) {
    throw new Error(
      '-c sesSandbox=true needs -c sesVerifiedRecipients=<address>,<address>: the sandbox mails nobody else',
    );
  }
  const bad = verifiedRecipients.find((a) => !ADDRESS.test(a));
  if (bad !== undefined) throw new Error(`sesVerifiedRecipients: "${bad}" is not an email address`);
  return { verifiedRecipients };
}
