import { fileURLToPath } from 'node:url';
import { Duration, Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Architecture, type CfnFunction, type IDestination, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { BuildOptions } from 'esbuild';
import { ASSET_FILES } from '../../lambdas/asset-files.ts';
import type { TableAccess } from './table-access.ts';

/** The repository root, so entries resolve the same from `cdk synth`, tsx and vitest. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Newest Node.js runtime this aws-cdk-lib knows; cdk-nag AwsSolutions-L1 asks for the latest. */
export const DATEWATCH_RUNTIME = Runtime.NODEJS_24_X;

/** The handler file a function runs, e.g. `public-api` → lambdas/functions/public-api.ts. */
export const handlerEntry = (handler: string): string => `${repoRoot}lambdas/functions/${handler}.ts`;

/**
 * esbuild's options exactly as NodejsFunction passes them (it adds only the entry and `--outfile=index.mjs`),
 * so a test or a benchmark can build each bundle as `cdk synth` does: `build({ ...DATEWATCH_ESBUILD,
 * entryPoints: [handlerEntry('sender')], outfile })` gives the very bytes of the deployed index.mjs.
 */
export const DATEWATCH_ESBUILD = {
  // CDK runs esbuild from the project root (the lock file's folder); the same bytes come out only from there.
  absWorkingDir: repoRoot,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  mainFields: ['module', 'main'],
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  // Text outside ASCII as itself (UTF-8), not as \uXXXX escapes: the proposals function's Japanese and Russian place
  // tables and rules are 32 KB smaller so (the same strings and patterns; Node reads every module as UTF-8).
  charset: 'utf8',
  // Bundle the AWS SDK v3 too, so the versions we test are the versions we run.
  external: [],
  // `datewatch-asset` picks the `#asset/…` imports (package.json) that read files beside the bundle (catalogues
  // other than English, the gazetteer) instead of bundling them; `module` is esbuild's default, which naming any
  // condition turns off, so it is named too (without it the same packages resolve to their larger CommonJS builds).
  conditions: ['datewatch-asset', 'module'],
  // Some CommonJS dependencies call require() at run time; ESM has none unless we make one.
  banner: { js: "import { createRequire as __dwCreateRequire } from 'node:module'; const require = __dwCreateRequire(import.meta.url);" },
} satisfies BuildOptions;

export interface DatewatchFunctionProps {
  /** Function entry file under lambdas/functions/, without extension, e.g. `public-api`. */
  handler: string;
  description: string;
  timeout?: Duration;
  memorySize?: number;
  environment?: Record<string, string>;
  /** Both a guarantee and a cap on concurrent instances; unset means the account's shared pool. */
  reservedConcurrency?: number;
}

/**
 * The shell commands that copy a function's files (lambdas/asset-files.ts: path in the package → path in the
 * repository) into its package after esbuild ran (NodejsFunction's afterBundling hook, from the project root to the
 * asset folder): what `copyAssetFiles` does for tests. A missing file fails the synth rather than the first request.
 */
export function assetFileCommands(inputDir: string, outputDir: string, files: Readonly<Record<string, string>>): string[] {
  const dirs = [...new Set(Object.keys(files).map((name) => name.split('/').slice(0, -1).join('/')).filter(Boolean))];
  const copies = Object.entries(files).map(([name, path]) => `cp "${inputDir}/${path}" "${outputDir}/${name}"`);
  return [...dirs.map((dir) => `mkdir -p "${outputDir}/${dir}"`), ...copies];
}

/** One Lambda with our defaults: latest Node on arm64, JSON logs to a retained group, minified ESM bundle, no X-Ray. */
export class DatewatchFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: DatewatchFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Our own role instead of AWSLambdaBasicExecutionRole: logs go to this one group only.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the ${props.handler} Lambda`,
    });
    this.logGroup.grantWrite(this.role);

    const files = ASSET_FILES[props.handler];
    this.fn = new NodejsFunction(this, 'Function', {
      entry: handlerEntry(props.handler),
      handler: 'handler',
      description: props.description,
      runtime: DATEWATCH_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      reservedConcurrentExecutions: props.reservedConcurrency,
      // Off: with no SDK client instrumented, Active tracing recorded only the invocation span, which the Duration
      // metric and the correlation_id on every log line already give; instrumenting (Powertools Tracer) would add
      // the X-Ray SDK to every bundle and a wildcard grant to every role. Turn it on together with the Tracer.
      tracing: Tracing.DISABLED,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      depsLockFilePath: `${repoRoot}package-lock.json`,
      bundling: {
        format: DATEWATCH_ESBUILD.format as OutputFormat, // the enum's values are esbuild's format names
        target: DATEWATCH_ESBUILD.target,
        mainFields: DATEWATCH_ESBUILD.mainFields,
        minify: DATEWATCH_ESBUILD.minify,
        sourceMap: DATEWATCH_ESBUILD.sourcemap,
        sourcesContent: DATEWATCH_ESBUILD.sourcesContent,
        externalModules: DATEWATCH_ESBUILD.external,
        banner: DATEWATCH_ESBUILD.banner.js,
        // `charset` goes here: NodejsFunction's own `charset` prop reaches no esbuild argument (aws-cdk-lib 2.276).
        esbuildArgs: {
          '--conditions': DATEWATCH_ESBUILD.conditions.join(','), '--charset': DATEWATCH_ESBUILD.charset,
        },
        ...(files ? {
          commandHooks: {
            beforeBundling: () => [],
            beforeInstall: () => [],
            afterBundling: (inputDir: string, outputDir: string) => assetFileCommands(inputDir, outputDir, files),
          },
        } : {}),
      },
    });
    // The local stack reads this to know which handler file a function of the template runs.
    (this.fn.node.defaultChild as CfnFunction).addMetadata('datewatch:handler', props.handler);

  }

  /** Grants exactly the item actions and index Queries the function's use cases send, and sets TABLE_NAME. */
  bindTable(table: ITable, access: TableAccess): this {
    if (access.items.length) {
      this.role.addToPrincipalPolicy(new iam.PolicyStatement({
        actions: access.items.map((action) => `dynamodb:${action}`),
        resources: [table.tableArn],
      }));
    }
    if (access.queryIndexes.length) {
      // Named index ARNs rather than `index/*`, so no wildcard reaches the policy.
      this.role.addToPrincipalPolicy(new iam.PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: access.queryIndexes.map((name) => `${table.tableArn}/index/${name}`),
      }));
    }
    this.fn.addEnvironment('TABLE_NAME', table.tableName);
    return this;
  }

  /** Lets the function read the token-signing keys and tells it where they are. */
  bindTokenSecret(secret: ISecret): this {
    // GetSecretValue only: grantRead adds DescribeSecret, which no root calls (GET /_local/iam shows it unused).
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }));
    // The full ARN: GetSecretValue accepts it as SecretId, and a generated name carries a random suffix.
    this.fn.addEnvironment('TOKEN_SECRET_NAME', secret.secretArn);
    return this;
  }

  /** Lets the function read the suppression keys (keyed hashes of suppressed mailboxes, IPs, limit counters). */
  bindSuppressionSecret(secret: ISecret): this {
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }));
    this.fn.addEnvironment('SUPPRESSION_SECRET_NAME', secret.secretArn);
    return this;
  }

  /**
   * Runs the function on an SQS queue's messages in batches that report item failures. The event source mapping is
   * declared directly because SqsEventSource grants sqs:GetQueueUrl too, which Lambda's poller never calls; these
   * are the actions the poller uses (ChangeMessageVisibility when a batch item failure is handed back).
   */
  consumeQueue(queue: IQueue, options: { batchSize: number; maxConcurrency: number }): this {
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
      resources: [queue.queueArn],
    }));
    const mapping = this.fn.addEventSourceMapping(`SqsEventSource:${Names.nodeUniqueId(queue.node)}`, {
      eventSourceArn: queue.queueArn,
      batchSize: options.batchSize,
      reportBatchItemFailures: true,
      maxConcurrency: options.maxConcurrency,
    });
    // The role's policy must exist before Lambda validates the mapping against the queue.
    mapping.node.addDependency(this.role);
    return this;
  }

  /** An on-failure destination that may only be sent to (SqsDestination also grants GetQueueAttributes and GetQueueUrl). */
  failuresTo(queue: IQueue): IDestination {
    return {
      bind: () => {
        this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] }));
        return { destination: queue.queueArn };
      },
    };
  }

  /**
   * SES SendRawEmail from one verified identity through one configuration set, and nothing else; in the SES
   * sandbox, also on each verified recipient identity, since SES checks the grant against those too.
   */
  allowSendEmail(mail: {
    senderEmail: string; identityArn: string; configurationSetName: string; sandboxRecipients?: string[];
  }): this {
    const { region, account, partition } = Stack.of(this);
    const identity = (name: string) => `arn:${partition}:ses:${region}:${account}:identity/${name}`;
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['ses:SendRawEmail'],
      resources: [
        mail.identityArn, `arn:${partition}:ses:${region}:${account}:configuration-set/${mail.configurationSetName}`,
        ...(mail.sandboxRecipients ?? []).map(identity),
      ],
    }));
    this.fn.addEnvironment('SENDER_EMAIL', mail.senderEmail);
    this.fn.addEnvironment('SES_CONFIGURATION_SET', mail.configurationSetName);
    return this;
  }
}
