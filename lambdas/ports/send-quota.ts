/** The mail account's sending limits, as SESv2 GetAccount reports them. */
export interface SendQuota {
  /** Emails per second the whole account may send. */
  maxSendRate: number;
  max24HourSend: number;
  sentLast24Hours: number;
  /** False in the SES sandbox: only verified addresses receive mail. */
  productionAccessEnabled: boolean;
  sendingEnabled: boolean;
}

export type ReadSendQuota = () => Promise<SendQuota>;
