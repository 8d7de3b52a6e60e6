import { describe, expect, it } from 'vitest';
import { SES_SANDBOX_METADATA } from '../../infra/aws/ses-sandbox.ts';
import { actionsOf, inspect, sharedSynth, synth, type FunctionId } from './template-helpers.ts';

const SENDERS: FunctionId[] = ['Sender', 'SignUps', 'EditorMail'];
const VERIFIED = ['editor@example.org', 'tester@example.net'];

/** The resources of each sending function's ses:SendRawEmail grant, flattened to text. */
function sendResources(context: Record<string, unknown>) {
  const t = inspect(sharedSynth(context).statelessTemplate);
  return Object.fromEntries(SENDERS.map((name) => {
    const statements = t.functionStatements(name).filter((s) => actionsOf(s).includes('ses:SendRawEmail'));
    expect(statements, name).toHaveLength(1);
    return [name, [statements[0]!.Resource].flat().map((r) => JSON.stringify(r))];
  }));
}

describe('the SES sandbox flag (-c sesSandbox=true -c sesVerifiedRecipients=…)', () => {
  it('grants every sending function SendRawEmail on each verified recipient identity too', () => {
    // Act
    const sandbox = sendResources({ sesSandbox: 'true', sesVerifiedRecipients: VERIFIED.join(',') });
    const production = sendResources({});
    // Assess: the two recipient identities beside the domain identity and configuration set; none without the flag.
    for (const name of SENDERS) {
      expect(sandbox[name], name).toHaveLength(4);
      for (const address of VERIFIED) {
        expect(sandbox[name]!.filter((r) => r.includes(`:identity/${address}`)), name).toHaveLength(1);
      }
      expect(sandbox[name]!.slice(0, 2), name).toEqual(production[name]);
      expect(production[name]!.some((r) => r.includes('@')), name).toBe(false);
    }
  });

  it('marks the domain identity with the verified recipients, where the local stack reads them', () => {
    // Act
    const spaced = ` ${VERIFIED[0]} , ${VERIFIED[1]}`;
    const { statefulTemplate } = sharedSynth({ sesSandbox: 'true', sesVerifiedRecipients: spaced });
    const withoutFlag = sharedSynth({}).statefulTemplate;
    // Assess
    const [identity] = Object.values(statefulTemplate.findResources('AWS::SES::EmailIdentity'));
    expect(identity!.Metadata[SES_SANDBOX_METADATA]).toEqual({ verifiedRecipients: VERIFIED });
    const [plain] = Object.values(withoutFlag.findResources('AWS::SES::EmailIdentity'));
    expect(plain!.Metadata?.[SES_SANDBOX_METADATA]).toBeUndefined();
  });

  it('refuses a sandbox without recipients, a recipient not an address, and recipients without the flag', () => {
    expect(() => synth({ sesSandbox: 'true' })).toThrow(/needs -c sesVerifiedRecipients/);
    expect(() => synth({ sesSandbox: 'true', sesVerifiedRecipients: 'editor@example.org,nobody' }))
      .toThrow(/"nobody" is not an email address/);
    expect(() => synth({ sesVerifiedRecipients: 'editor@example.org' })).toThrow(/only with -c sesSandbox=true/);
    expect(() => synth({ sesSandbox: 'yes', sesVerifiedRecipients: 'editor@example.org' })).toThrow(/true or false/);
  });
});
