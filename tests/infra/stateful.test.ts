import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedSynth } from './template-helpers.ts';

let template: Template;

beforeAll(() => {
  template = sharedSynth().statefulTemplate;
});

describe('the table outlives every deploy', () => {
  it('is one pay-per-request table keyed pk/sk with TTL on `ttl`, PITR and deletion protection', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
    });
  });

  it('is retained when the stack is deleted or the resource replaced', () => {
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('has the three string-keyed GSIs gsi1, gsi2 and gsi3, projecting all attributes', () => {
    const gsi = (name: string) => ({
      IndexName: name,
      KeySchema: [{ AttributeName: `${name}pk`, KeyType: 'HASH' }, { AttributeName: `${name}sk`, KeyType: 'RANGE' }],
      Projection: { ProjectionType: 'ALL' },
    });
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: [gsi('gsi1'), gsi('gsi2'), gsi('gsi3')],
      AttributeDefinitions: Match.arrayWith(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk'].map((n) => ({ AttributeName: n, AttributeType: 'S' }))),
    });
  });
});

describe('mail feedback', () => {
  it('sends SES deliveries, bounces and complaints, and only those (no opens or clicks), to an SNS topic', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ['delivery', 'bounce', 'complaint'],
        SnsDestination: { TopicARN: { Ref: Match.stringLikeRegexp('^SesEventsTopic') } },
      },
    });
  });

  it('lets SES, for this account only, publish to the encrypted topic', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({
        Action: 'sns:Publish', Principal: { Service: 'ses.amazonaws.com' },
        Condition: { StringEquals: Match.objectLike({ 'AWS:SourceAccount': Match.anyValue() }) },
      })]) },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'ses.amazonaws.com' } })]) },
    });
  });
});

describe('secrets and admins', () => {
  it('generates the token-signing key and keeps it, so links already sent keep verifying', () => {
    template.hasResource('AWS::SecretsManager::Secret', {
      Properties: { GenerateSecretString: Match.objectLike({ GenerateStringKey: 'current', PasswordLength: 64 }) },
      DeletionPolicy: 'Retain',
    });
  });

  it('keeps the suppression keys in a secret apart from the signing keys, retained too, with both ARNs as outputs', () => {
    const secrets = template.findResources('AWS::SecretsManager::Secret', {
      Properties: { GenerateSecretString: Match.objectLike({ GenerateStringKey: 'current', PasswordLength: 64 }) },
      DeletionPolicy: 'Retain',
    });
    expect(Object.keys(secrets).map((id) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual(['SuppressionKeys', 'TokenSigningKeys']);
    template.hasOutput('TokenSecretArn', { Value: { Ref: Match.stringLikeRegexp('^TokenSigningKeys') } });
    template.hasOutput('SuppressionSecretArn', { Value: { Ref: Match.stringLikeRegexp('^SuppressionKeys') } });
  });

  it('has an invite-only user pool with MFA, an `admins` group and an app client without secret', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'admins' });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', { GenerateSecret: false });
  });

  it('lets an editor sign in from a CLI with SRP and refresh tokens, with no password flow and no OAuth grant', () => {
    const [client, ...more] = Object.values(template.findResources('AWS::Cognito::UserPoolClient')).map((r) => r.Properties);
    expect(more).toEqual([]);
    expect(client.ExplicitAuthFlows).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    expect(client.AllowedOAuthFlows).toBeUndefined();
    expect(client.CallbackURLs).toBeUndefined();
  });

  it('outputs the table name, user pool id and client id', () => {
    for (const name of ['TableName', 'UserPoolId', 'UserPoolClientId']) template.hasOutput(name, {});
  });
});

it('holds every stateful resource and no function', () => {
  expect(template.findResources('AWS::Lambda::Function')).toEqual({});
});
