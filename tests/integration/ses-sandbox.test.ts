import { Aspects, type App, type IAspect } from 'aws-cdk-lib';
import { CfnPolicy } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSesStore } from '#local/ses-emulator.ts';
import type { LocalStack } from '#local/stack.ts';
import { api, startTestStack } from '../support/local-stack.ts';
import { addActiveReader } from '../support/readers.ts';

/** The 7-day reminder of Kishida's visit, due at 08:00 Tokyo on 26 November 2016. */
const DUE = new Date('2016-11-26T08:00:00+09:00');
const SUBJECT = 'In 7 days: Foreign Minister Kishida visits Russia for talks with Lavrov';
const VERIFIED = 'verified.reader@example.com';
const UNVERIFIED = 'unverified.reader@example.com';

/** Takes the recipient identities out of every send grant, as a stack deployed without the flag would have it. */
class WithoutRecipientGrants implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof CfnPolicy)) return;
    const doc = (node.policyDocument as { toJSON(): { Statement: { Resource?: unknown }[] } }).toJSON();
    const statements = doc.Statement.map((s) => Array.isArray(s.Resource)
      ? { ...s, Resource: s.Resource.filter((r) => !JSON.stringify(r).includes('@')) } : s);
    node.policyDocument = { Version: '2012-10-17', Statement: statements };
  }
}

const json = (lines: string[]) => lines.flatMap((l) => {
  try { return [JSON.parse(l) as Record<string, any>]; } catch { return []; }
});
/** The test stack's fast send rate, synthesized for the sandbox with one verified recipient. */
const SANDBOX = {
  sendRatePerSecond: '1000', maxSendRate: '100000', sesSandbox: 'true', sesVerifiedRecipients: VERIFIED,
};

describe('a stack synthesized for the SES sandbox (-c sesSandbox=true -c sesVerifiedRecipients=…)', () => {
  let stack: LocalStack;
  const lines: string[] = [];

  beforeAll(async () => {
    // Prepare: the template names one verified recipient; two readers follow the story.
    stack = await startTestStack({
      handlerLog: (l) => lines.push(l),
      context: SANDBOX,
    });
    for (const email of [VERIFIED, UNVERIFIED]) {
      await addActiveReader(stack.deps.subscriberStore, email, { timeZone: 'Asia/Tokyo', reminders: ['P7D'] });
    }
  });
  afterAll(async () => { await stack?.close(); });

  it('makes the local SES a sandbox account that knows the verified recipients from the template', async () => {
    const account = (await api(stack, 'GET', '/_local/ses')).json;
    expect(account).toMatchObject({ productionAccessEnabled: false, verifiedRecipients: [VERIFIED] });
  });

  it('mails the verified recipient under its identity grant, and SES refuses the other as "not verified"', async () => {
    // Act
    await stack.dispatch(DUE);

    // Assess: only the verified reader has the mail, once.
    const inbox = (await readSesStore(Number(new URL(stack.sesUrl).port))).filter((m) => m.subject === SUBJECT);
    expect(inbox.flatMap((m) => m.destination.to)).toEqual([VERIFIED]);
    // The sender's send was authorized against the recipient's identity too (the grant the flag adds).
    const sender = [...stack.cloud.functions.values()].find((f) => f.spec.handler === 'sender')!;
    const report = (await api(stack, 'GET', '/_local/iam')).json;
    const used = report.functions[sender.spec.logicalId].used as { action: string; resource: string }[];
    expect(used).toEqual(expect.arrayContaining([
      expect.objectContaining({
        action: 'ses:SendRawEmail', resource: expect.stringMatching(`:identity/${VERIFIED}$`),
      }),
    ]));
    expect(used.some((u) => u.resource.includes(UNVERIFIED))).toBe(false);
    // SES answered the unverified recipient as the sandbox does; the sender kept that mail pending (never skipped).
    const refused = json(lines).find((l) => l.level === 'ERROR' && /SES refuses to send/.test(l.message));
    expect(refused).toMatchObject({ error: 'MessageRejected', detail: expect.stringMatching(/not verified/) });
    expect(json(lines).some((l) => /AccessDenied/.test(JSON.stringify(l)))).toBe(false);
  });
});

describe('the sandbox without the recipient grants', () => {
  it('meets AccessDenied for the verified recipient: SES checks the grant against the recipient identity', async () => {
    // Prepare: the sandbox template with its recipient identities taken out of the grants.
    const lines: string[] = [];
    const stack = await startTestStack({
      handlerLog: (l) => lines.push(l),
      context: SANDBOX,
      customizeApp: (app: App) => Aspects.of(app).add(new WithoutRecipientGrants()),
    });
    try {
      await addActiveReader(stack.deps.subscriberStore, VERIFIED, { timeZone: 'Asia/Tokyo', reminders: ['P7D'] });
      // Act
      await stack.dispatch(DUE);
      // Assess: nothing sent, and the refusal is the configuration error (a missing grant), not "not ready".
      const inbox = (await readSesStore(Number(new URL(stack.sesUrl).port))).filter((m) => m.subject === SUBJECT);
      expect(inbox).toEqual([]);
      expect(json(lines).some((l) => l.level === 'ERROR' && /may not send mail/.test(l.message))).toBe(true);
    } finally {
      await stack.close();
    }
  });
});
