import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { AttributeType, BillingMode, ProjectionType, Table } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { MailIdentity } from './mail-identity.ts';
import { SES_SANDBOX_METADATA, type SesSandbox } from './ses-sandbox.ts';

/** The table's global secondary indexes; functions get Query on exactly these. */
export const TABLE_INDEXES = ['gsi1', 'gsi2', 'gsi3'] as const;
export type TableIndex = (typeof TABLE_INDEXES)[number];

export interface StatefulStackProps extends StackProps {
  /** The From address of every mail; its domain becomes the SES identity. */
  senderEmail: string;
  mailFromDomain?: string;
  /** Where DMARC aggregate reports go (-c dmarcRua); dmarc-reports@<sender domain> by default. */
  dmarcRua?: string;
  /** Publish the mail DNS records in this Route 53 zone instead of listing them as outputs. */
  hostedZone?: { hostedZoneId: string; zoneName: string };
  /** Prefix of the console's hosted sign-in domain (`<prefix>.auth.<region>.amazoncognito.com`); `datewatch-<account>` by default. */
  consoleDomainPrefix?: string;
  /** The account is in the SES sandbox (-c sesSandbox=true): these recipients are its verified identities. */
  sesSandbox?: SesSandbox;
}

/**
 * What outlives every deploy of the functions: the data, the mail configuration, the signing keys and the
 * admins' identities. Everything here is retained when the stack goes.
 */
export class StatefulStack extends Stack {
  readonly table: Table;
  readonly configurationSet: ses.ConfigurationSet;
  readonly mailIdentity: MailIdentity;
  /** Set while the account is in the SES sandbox: the sending functions are granted its verified recipients. */
  readonly sesSandbox?: SesSandbox;
  readonly sesEventsTopic: Topic;
  readonly tokenSecret: Secret;
  /** Keys of the suppression hashes (and the IP and rate-limit hashes): apart from the signing keys, so ses-events and the admin API cannot sign links. */
  readonly suppressionSecret: Secret;
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.UserPoolClient;
  /** The hosted UI (classic, so the pool's required TOTP applies) where editors sign in to /console. */
  readonly consoleDomain: cognito.UserPoolDomain;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);

    this.table = new Table(this, 'Table', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'ttl',
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const name of TABLE_INDEXES) {
      this.table.addGlobalSecondaryIndex({
        indexName: name,
        partitionKey: { name: `${name}pk`, type: AttributeType.STRING },
        sortKey: { name: `${name}sk`, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }

    // SES may publish to an encrypted topic only with a customer managed key whose policy lets it.
    const topicKey = new Key(this, 'SesEventsTopicKey', {
      description: 'Encrypts the SES bounce and complaint topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    topicKey.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
      actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      resources: ['*'], // in a key policy, "*" means this key
      conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
    }));
    this.sesEventsTopic = new Topic(this, 'SesEventsTopic', {
      displayName: 'Datewatch SES deliveries, bounces and complaints',
      masterKey: topicKey,
      enforceSSL: true,
    });
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
    });
    // Delivery too: each job's delivered / bounced / complained figures come from these events (never open or
    // click tracking). The id predates Delivery; it is kept so the deployed destination is updated in place.
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: ses.EventDestination.snsTopic(this.sesEventsTopic),
      events: [ses.EmailSendingEvent.DELIVERY, ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
    });
    this.mailIdentity = new MailIdentity(this, 'MailIdentity', {
      senderEmail: props.senderEmail,
      mailFromDomain: props.mailFromDomain,
      dmarcRua: props.dmarcRua,
      configurationSet: this.configurationSet,
      hostedZone: props.hostedZone,
    });
    if (props.sesSandbox) {
      this.sesSandbox = props.sesSandbox;
      const identity = this.mailIdentity.identity.node.defaultChild as ses.CfnEmailIdentity;
      identity.addMetadata(SES_SANDBOX_METADATA, props.sesSandbox);
    }

    this.tokenSecret = new Secret(this, 'TokenSigningKeys', {
      description: 'HMAC keys that sign the confirm, preferences and unsubscribe links in emails',
      generateSecretString: {
        // {"current": "…"}; a manual rotation adds "previous" so links already sent keep verifying.
        secretStringTemplate: JSON.stringify({}),
        generateStringKey: 'current',
        passwordLength: 64,
        excludePunctuation: true,
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.tokenSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Automatic rotation would void the signed unsubscribe and preference links in emails already delivered; keys are rotated by hand, old key kept for verification.',
    });

    // {"current": "…"}; an upgrade from before the split adds "derived" (npm run migrate-suppression-keys) so the
    // suppressions recorded under the signing keys' hashes still hold.
    this.suppressionSecret = new Secret(this, 'SuppressionKeys', {
      description: 'HMAC keys of the suppressed-mailbox, IP and rate-limit hashes (no link-signing key)',
      generateSecretString: { secretStringTemplate: JSON.stringify({}), generateStringKey: 'current', passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.suppressionSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'A rotation keeps the old key in "previous" so suppressions recorded under it still hold; a rotation Lambda would drop it. Rotated by hand, picked up by warm functions within a minute.',
    });

    this.userPool = new cognito.UserPool(this, 'AdminUsers', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Plus (threat protection) is billed per user; a few invited editors with required TOTP MFA do not need it.
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG3',
      reason: 'Threat protection (advanced security ENFORCED) needs the Cognito Plus plan; the pool holds a few invited editors, self sign-up is off and TOTP MFA is required.',
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason: 'Essentials plan on purpose: Plus adds per-user threat protection for a pool of a few invited editors with self sign-up off and TOTP MFA required.',
    });
    this.userPool.addGroup('Admins', { groupName: 'admins', description: 'Editors allowed to call /admin/*' });
    // SRP keeps the password off the wire, and a CLI can do it; CDK adds ALLOW_REFRESH_TOKEN_AUTH with any flow.
    this.userPoolClient = this.userPool.addClient('AdminApiClient', {
      authFlows: { userSrp: true },
      // No hosted UI or callback URL: editors sign in with SRP, and CDK's default implicit grant has no use here.
      disableOAuth: true,
      generateSecret: false,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
    });

    // Its prefix is the address editors bookmark, so it lives with the pool; the console's app client needs the
    // public address, which only the stateless stack knows, and lives there.
    this.consoleDomain = this.userPool.addDomain('ConsoleSignInDomain', {
      cognitoDomain: { domainPrefix: props.consoleDomainPrefix ?? `datewatch-${this.account}` },
    });

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'TokenSecretArn', { value: this.tokenSecret.secretArn, description: 'Link-signing keys (rotate: README, Deploying to AWS)' });
    new CfnOutput(this, 'SuppressionSecretArn', { value: this.suppressionSecret.secretArn, description: 'Suppression hash keys' });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
    new CfnOutput(this, 'ConsoleSignInDomain', { value: this.consoleDomain.baseUrl(), description: 'The hosted UI where editors sign in to /console' });
  }
}
