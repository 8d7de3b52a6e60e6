/**
 * The local SES account: its send quota (what SESv2 GetAccount answers) and, when set, a refusal that every
 * SendRawEmail meets, as SES answers an account or identity that is not ready to send.
 */
export interface LocalSesAccount {
  maxSendRate: number;
  max24HourSend: number;
  productionAccessEnabled: boolean;
  sendingEnabled: boolean;
  /** Messages accepted since the stack started (SendQuota.SentLast24Hours). */
  sent: number;
  fault?: SesFaultName;
  /**
   * In the SES sandbox (the template's -c sesSandbox=true): the recipients verified as identities. SES refuses
   * any other recipient, and checks the send grant against each of these it mails.
   */
  verifiedRecipients?: string[];
}

/**
 * What SES answers SendRawEmail when the account or identity is not ready (wire codes of the query protocol).
 * `{from}` and `{to}` are filled with the message's addresses, as SES names them in its message.
 */
export const SES_FAULTS = {
  sandbox: { code: 'MessageRejected', message: 'Email address is not verified. The following identities failed the check in region {region}: {to}' },
  'identity-not-verified': { code: 'MessageRejected', message: 'Email address is not verified. The following identities failed the check in region {region}: {from}' },
  'account-paused': { code: 'AccountSendingPausedException', message: 'Sending is paused for this account.' },
  'configuration-set-missing': { code: 'ConfigurationSetDoesNotExist', message: 'Configuration set <{configurationSet}> does not exist.' },
  'configuration-set-paused': { code: 'ConfigurationSetSendingPausedException', message: 'Sending is paused for this configuration set.' },
  'mail-from-not-verified': { code: 'MailFromDomainNotVerifiedException', message: 'The MAIL FROM domain is not verified.' },
} as const;
export type SesFaultName = keyof typeof SES_FAULTS;

export const isSesFaultName = (name: string): name is SesFaultName => Object.hasOwn(SES_FAULTS, name);

/**
 * A new account out of the sandbox. The rate is about what the emulator takes (700 sends/s measured), so the
 * sender's own settings, not this quota, set the pace unless a test lowers it.
 */
export function makeLocalSesAccount(settings: Partial<Omit<LocalSesAccount, 'sent'>> = {}): LocalSesAccount {
  return { maxSendRate: 500, max24HourSend: 10_000_000, productionAccessEnabled: true, sendingEnabled: true, sent: 0, ...settings };
}

/** SESv2 GetAccount's answer for the account. */
export function getAccountAnswer(account: LocalSesAccount) {
  return {
    DedicatedIpAutoWarmupEnabled: false,
    EnforcementStatus: 'HEALTHY',
    ProductionAccessEnabled: account.productionAccessEnabled,
    SendingEnabled: account.sendingEnabled,
    SendQuota: { Max24HourSend: account.max24HourSend, MaxSendRate: account.maxSendRate, SentLast24Hours: account.sent },
    SuppressionAttributes: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
  };
}
