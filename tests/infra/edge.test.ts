import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { WAF_PUBLIC_LIMIT_PER_5_MIN, WAF_SUBSCRIBE_LIMIT_PER_5_MIN } from '../../infra/aws/edge.ts';
import { ORIGIN_VERIFY_HEADER } from '../../lambdas/routes.ts';
import { inspect, ref, synth } from './template-helpers.ts';

// Skip CDK's built-in CloudFormation rule check (seconds per synth); cdk-nag runs here.
process.env.CDK_VALIDATION = 'false';

/** As `cdk deploy` synthesizes for an account in eu-west-1: the region is known, so WAF is on by default. */
let deployed: ReturnType<typeof synth>;
let edge: Template;
let t: ReturnType<typeof inspect>;

beforeAll(() => {
  deployed = synth({ region: 'eu-west-1' });
  edge = Template.fromStack(deployed.edge!);
  t = inspect(deployed.statelessTemplate);
});

const ruleNamed = (name: string) => (edge.toJSON().Resources.ReaderFirewall.Properties.Rules as { Name: string; Statement: any; Action: any }[]).find((r) => r.Name === name)!;

describe('AWS WAF in front of the public routes (-c waf, on by default)', () => {
  it('is a CloudFront-scope web ACL in its own us-east-1 stack, allowing by default', () => {
    expect(deployed.edge!.region).toBe('us-east-1');
    edge.hasResourceProperties('AWS::WAFv2::WebACL', { Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
  });

  it('rate-limits each client IP over five minutes: POST /subscriptions tightly, every route but /admin/* loosely, with a 429', () => {
    const subscribe = ruleNamed('SubscribePerIp');
    expect(subscribe.Statement.RateBasedStatement).toMatchObject({ Limit: WAF_SUBSCRIBE_LIMIT_PER_5_MIN, AggregateKeyType: 'IP', EvaluationWindowSec: 300 });
    expect(JSON.stringify(subscribe.Statement.RateBasedStatement.ScopeDownStatement)).toMatch(/"SearchString":"POST".*"SearchString":"\/subscriptions"/);
    const everything = ruleNamed('PublicRoutesPerIp');
    expect(everything.Statement.RateBasedStatement).toMatchObject({ Limit: WAF_PUBLIC_LIMIT_PER_5_MIN, AggregateKeyType: 'IP' });
    expect(everything.Statement.RateBasedStatement.ScopeDownStatement.NotStatement.Statement.ByteMatchStatement)
      .toMatchObject({ PositionalConstraint: 'STARTS_WITH', SearchString: '/admin/' });
    for (const rule of [subscribe, everything]) expect(rule.Action).toEqual({ Block: { CustomResponse: { ResponseCode: 429 } } });
  });

  it('puts the web ACL on a CloudFront distribution whose origin is the HTTP API over TLS 1.2, caching nothing', () => {
    deployed.statelessTemplate.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        WebACLId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ExportsReader'), Match.stringLikeRegexp('ReaderFirewallArn')] },
        Origins: [Match.objectLike({
          DomainName: { 'Fn::Join': ['', [{ Ref: t.logicalId('AWS::ApiGatewayV2::Api', 'HttpApi') }, '.execute-api.eu-west-1.', { Ref: 'AWS::URLSuffix' }]] },
          CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
          OriginCustomHeaders: [{ HeaderName: ORIGIN_VERIFY_HEADER, HeaderValue: Match.anyValue() }],
        })],
        DefaultCacheBehavior: Match.objectLike({ CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', ViewerProtocolPolicy: 'redirect-to-https' }),
      }),
    });
    deployed.statelessTemplate.hasResourceProperties('AWS::CloudFront::OriginRequestPolicy', {
      OriginRequestPolicyConfig: Match.objectLike({ HeadersConfig: { HeaderBehavior: 'whitelist', Headers: Match.arrayWith(['CloudFront-Viewer-Address']) } }),
    });
  });

  it('sends readers through it; every function behind routes knows the origin secret, so a direct call is refused', () => {
    expect(t.env('PublicApi').PUBLIC_BASE_URL).toEqual({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [t.logicalId('AWS::CloudFront::Distribution', 'ReaderEdge'), 'DomainName'] }]] });
    const originSecret = { Ref: t.logicalId('AWS::SecretsManager::Secret', 'ReaderEdgeOriginVerify') };
    // Every route of the HTTP API runs one of these: each refuses a request without the header
    // (tests/unit/edge-guard.test.ts).
    const behindRoutes = [
      'AdminApi', 'EditorMail', 'MailJobs', 'Preferences', 'Proposals', 'PublicApi', 'PublicPages', 'StaticFiles',
      'Subscribe', 'SubscriberCsv',
    ] as const;
    const routed = new Set(Object.values(t.resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::Integration').map((r) => ref(r.Properties.IntegrationUri)));
    const names = [...routed].map((uri) => behindRoutes.find((name) => uri.includes(`${name}Function`)));
    expect(names.sort()).toEqual([...behindRoutes]);
    for (const name of behindRoutes) {
      expect(t.env(name).ORIGIN_VERIFY_SECRET, name).toEqual(originSecret);
      deployed.statelessTemplate.hasResourceProperties('AWS::IAM::Policy', Match.objectLike({
        Roles: [{ Ref: t.logicalId('AWS::IAM::Role', `${name}Role`) }],
        PolicyDocument: Match.objectLike({ Statement: Match.arrayWith([Match.objectLike({ Action: 'secretsmanager:GetSecretValue', Effect: 'Allow', Resource: originSecret })]) }),
      }));
    }
    for (const name of ['SignUps', 'Sender', 'SesEvents'] as const) expect(t.env(name).ORIGIN_VERIFY_SECRET, name).toBeUndefined();
    deployed.statelessTemplate.hasOutput('ReaderUrl', {});
  });

  it('forwards Authorization on /admin/* through a cache policy (the only way CloudFront forwards it), caching effectively nothing', () => {
    const policies = deployed.statelessTemplate.findResources('AWS::CloudFront::CachePolicy');
    const [editorsKeyId, ...others] = Object.keys(policies);
    expect(others).toEqual([]);
    deployed.statelessTemplate.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: Match.objectLike({
        MinTTL: 0, DefaultTTL: 0, MaxTTL: 1,
        ParametersInCacheKeyAndForwardedToOrigin: Match.objectLike({
          HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['Authorization'] },
          CookiesConfig: { CookieBehavior: 'none' },
        }),
      }),
    });
    deployed.statelessTemplate.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        CacheBehaviors: [Match.objectLike({
          PathPattern: '/admin/*', CachePolicyId: { Ref: editorsKeyId },
          AllowedMethods: Match.arrayWith(['GET', 'PATCH', 'POST', 'DELETE']), ViewerProtocolPolicy: 'https-only',
          OriginRequestPolicyId: { Ref: t.logicalId('AWS::CloudFront::OriginRequestPolicy', 'ReaderEdgeEditorsForwarded') },
        })],
      }),
    });
    // An origin request policy may not name Authorization (CloudFront answers 400): it forwards what the admin API reads.
    deployed.statelessTemplate.hasResourceProperties('AWS::CloudFront::OriginRequestPolicy', {
      OriginRequestPolicyConfig: Match.objectLike({
        HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['Accept', 'Content-Type', 'If-Match', 'Idempotency-Key'] },
        QueryStringsConfig: { QueryStringBehavior: 'all' },
      }),
    });
    for (const policy of Object.values(deployed.statelessTemplate.findResources('AWS::CloudFront::OriginRequestPolicy'))) {
      const headers = (policy.Properties.OriginRequestPolicyConfig.HeadersConfig.Headers ?? []) as string[];
      expect(headers.map((h) => h.toLowerCase())).not.toContain('authorization');
    }
  });

  it('passes cdk-nag with every acknowledgement given where it applies', () => {
    const report = new AwsSolutionsChecks().validateScope(deployed.app);
    expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath)}`)).toEqual([]);
  });

  it('is left out with -c waf=false, and without a region (offline synth, the local stack) with a warning saying so', () => {
    const off = synth({ region: 'eu-west-1', waf: 'false' });
    expect(off.edge).toBeUndefined();
    off.statelessTemplate.resourceCountIs('AWS::CloudFront::Distribution', 0);
    const local = synth();
    expect(local.edge).toBeUndefined();
    Annotations.fromStack(local.stateless).hasWarning('*', Match.stringLikeRegexp('No AWS WAF'));
  });
});
