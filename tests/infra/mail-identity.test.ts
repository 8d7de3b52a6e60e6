import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { sharedSynth, synth } from './template-helpers.ts';

const DNS_OUTPUTS = ['DnsDkim1', 'DnsDkim2', 'DnsDkim3', 'DnsMailFromMx', 'DnsMailFromSpf', 'DnsDmarc'];

describe('the SES identity', () => {
  it('is the sender domain, signed with Easy DKIM, bouncing to its own MAIL FROM domain, through the configuration set', () => {
    const template = sharedSynth({ senderEmail: 'news@example.org' }).statefulTemplate;
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'example.org',
      DkimSigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' },
      MailFromAttributes: { MailFromDomain: 'mail.example.org', BehaviorOnMxFailure: 'USE_DEFAULT_VALUE' },
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: Match.stringLikeRegexp('^ConfigurationSet') } },
    });
  });

  it('takes the MAIL FROM domain from context, and refuses one outside the sender domain', () => {
    sharedSynth({ senderEmail: 'news@example.org', mailFromDomain: 'bounce.example.org' }).statefulTemplate
      .hasResourceProperties('AWS::SES::EmailIdentity', { MailFromAttributes: Match.objectLike({ MailFromDomain: 'bounce.example.org' }) });
    expect(() => synth({ senderEmail: 'news@example.org', mailFromDomain: 'mail.example.net' })).toThrow(/subdomain of example.org/);
  });

  it('refuses a sender that is not an address at a domain', () => {
    expect(() => synth({ senderEmail: 'alerts' })).toThrow(/senderEmail/);
  });
});

describe('the DNS records the domain needs', () => {
  it('are stack outputs to publish by hand when no hosted zone is given', () => {
    const template = sharedSynth().statefulTemplate;
    for (const name of DNS_OUTPUTS) template.hasOutput(name, {});
    template.resourceCountIs('AWS::Route53::RecordSet', 0);
    const outputs = template.toJSON().Outputs;
    expect(JSON.stringify(outputs.DnsDkim1.Value)).toMatch(/DkimDNSTokenName1.* CNAME .*DkimDNSTokenValue1/);
    expect(JSON.stringify(outputs.DnsMailFromMx.Value)).toContain('mail.example.com MX 10 feedback-smtp.');
    expect(outputs.DnsMailFromSpf.Value).toBe('mail.example.com TXT "v=spf1 include:amazonses.com ~all"');
    expect(outputs.DnsDmarc.Value).toBe('_dmarc.example.com TXT "v=DMARC1; p=none; rua=mailto:dmarc-reports@example.com;"');
  });

  it('ask receivers for DMARC aggregate reports at the address given as -c dmarcRua, and refuse one that is not an address', () => {
    const template = sharedSynth({ dmarcRua: 'mailto:dmarc@reports.example.org' }).statefulTemplate;
    template.hasOutput('DnsDmarc', { Value: '_dmarc.example.com TXT "v=DMARC1; p=none; rua=mailto:dmarc@reports.example.org;"' });
    expect(() => synth({ dmarcRua: 'reports; p=reject' })).toThrow(/dmarcRua must be an e-mail address/);
  });

  it('are created in the Route 53 zone given as context, and then not output', () => {
    const template = sharedSynth({ hostedZoneId: 'Z0123456789', hostedZoneName: 'example.com' }).statefulTemplate;
    const records = Object.values(template.findResources('AWS::Route53::RecordSet')).map((r) => r.Properties);
    expect(records.map((r) => r.Type).sort()).toEqual(['CNAME', 'CNAME', 'CNAME', 'MX', 'TXT', 'TXT']);
    expect(records.every((r) => r.HostedZoneId === 'Z0123456789')).toBe(true);
    template.hasResourceProperties('AWS::Route53::RecordSet', { Name: '_dmarc.example.com', Type: 'TXT', ResourceRecords: ['"v=DMARC1; p=none; rua=mailto:dmarc-reports@example.com;"'] });
    expect(Object.keys(template.toJSON().Outputs).filter((k) => k.startsWith('Dns'))).toEqual([]);
  });

  it('refuse a hosted zone that does not hold the sender domain, or half of the zone context', () => {
    expect(() => synth({ hostedZoneId: 'Z0123456789', hostedZoneName: 'example.net' })).toThrow(/not in the hosted zone/);
    expect(() => synth({ hostedZoneId: 'Z0123456789' })).toThrow(/hostedZoneName/);
  });
});
