import { CfnOutput, Stack } from 'aws-cdk-lib';
import { CfnRecordSet } from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface MailIdentityProps {
  /** The From address; its domain becomes the SES identity. */
  senderEmail: string;
  /** Bounce (Return-Path) domain; `mail.<sender domain>` when not given. */
  mailFromDomain?: string;
  /** Mail goes through this set even when a caller forgets to name it. */
  configurationSet: ses.IConfigurationSet;
  /** When given, the records are created in this Route 53 zone; otherwise they are stack outputs to publish by hand. */
  hostedZone?: { hostedZoneId: string; zoneName: string };
  /** Where receivers send DMARC aggregate reports (rua); `dmarc-reports@<sender domain>` when not given. */
  dmarcRua?: string;
}

/** One DNS record the domain needs, as a zone-file line would state it. */
export interface DnsRecord {
  id: string;
  name: string;
  type: 'CNAME' | 'MX' | 'TXT';
  value: string;
}

/**
 * A monitoring DMARC policy: rejects nothing, and has receivers send daily aggregate reports to `rua`, which is
 * what tells the owner of the domain when it is safe to tighten it to quarantine or reject.
 */
export const dmarcPolicy = (rua: string): string => `v=DMARC1; p=none; rua=mailto:${rua};`;

/** The domain identity readers' mail is sent from, signed with Easy DKIM and bounced to its own MAIL FROM domain. */
export class MailIdentity extends Construct {
  readonly domain: string;
  readonly mailFromDomain: string;
  readonly identity: ses.EmailIdentity;
  readonly records: DnsRecord[];

  constructor(scope: Construct, id: string, props: MailIdentityProps) {
    super(scope, id);
    this.domain = domainOf(props.senderEmail);
    this.mailFromDomain = props.mailFromDomain ?? `mail.${this.domain}`;
    if (!this.mailFromDomain.endsWith(`.${this.domain}`)) {
      throw new Error(`mailFromDomain ${this.mailFromDomain} must be a subdomain of ${this.domain}, or SPF will not align for DMARC`);
    }

    this.identity = new ses.EmailIdentity(this, 'Domain', {
      identity: ses.Identity.domain(this.domain),
      dkimIdentity: ses.DkimIdentity.easyDkim(ses.EasyDkimSigningKeyLength.RSA_2048_BIT),
      mailFromDomain: this.mailFromDomain,
      // Until the MX record is published SES bounces to amazonses.com; mail still flows and DKIM still aligns.
      mailFromBehaviorOnMxFailure: ses.MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE,
      configurationSet: props.configurationSet,
    });

    const { region } = Stack.of(this);
    this.records = [
      ...this.identity.dkimRecords.map((r, i): DnsRecord => ({ id: `Dkim${i + 1}`, name: r.name, type: 'CNAME', value: r.value })),
      { id: 'MailFromMx', name: this.mailFromDomain, type: 'MX', value: `10 feedback-smtp.${region}.amazonses.com` },
      { id: 'MailFromSpf', name: this.mailFromDomain, type: 'TXT', value: '"v=spf1 include:amazonses.com ~all"' },
      { id: 'Dmarc', name: `_dmarc.${this.domain}`, type: 'TXT', value: `"${dmarcPolicy(dmarcRuaOf(props.dmarcRua, this.domain))}"` },
    ];

    const zone = props.hostedZone;
    if (zone) {
      const zoneName = zone.zoneName.replace(/\.$/, '');
      if (this.domain !== zoneName && !this.domain.endsWith(`.${zoneName}`)) {
        throw new Error(`the sender domain ${this.domain} is not in the hosted zone ${zoneName}`);
      }
      for (const r of this.records) {
        new CfnRecordSet(this, `${r.id}Record`, { hostedZoneId: zone.hostedZoneId, name: r.name, type: r.type, resourceRecords: [r.value], ttl: '1800' });
      }
    } else {
      for (const r of this.records) {
        // At stack level, so the output keys read DnsDkim1, DnsMailFromMx … without a hash.
        new CfnOutput(Stack.of(this), `Dns${r.id}`, { description: `Publish in the DNS of ${this.domain}`, value: `${r.name} ${r.type} ${r.value}` });
      }
    }
  }
}

/** `alerts@example.com` → `example.com`; anything without one @ and a dotted domain fails the synth. */
export function domainOf(email: string): string {
  const match = /^[^@\s]+@([a-z0-9-]+(?:\.[a-z0-9-]+)+)$/i.exec(email);
  if (!match) throw new Error(`senderEmail must be an address at a domain you own, got "${email}"`);
  return match[1]!.toLowerCase();
}

/** The report address: given (a mailbox, mailto: optional), or dmarc-reports@ the sender's domain. */
function dmarcRuaOf(given: string | undefined, domain: string): string {
  const rua = (given ?? `dmarc-reports@${domain}`).replace(/^mailto:/i, '');
  if (!/^[^@\s;,!]+@[^@\s;,!]+\.[^@\s;,!]+$/.test(rua)) throw new Error(`dmarcRua must be an e-mail address, not "${given}"`);
  return rua;
}
