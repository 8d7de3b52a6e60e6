import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';

/** Builds both stacks; the table and its neighbours outlive every deploy of the functions. */
export function buildApp(app: App = new App()): { app: App; stateful: StatefulStack; stateless: StatelessStack } {
  const context = (key: string): string | undefined => app.node.tryGetContext(key) ?? undefined;
  const stateful = new StatefulStack(app, 'DatewatchStateful', {
    description: 'Datewatch data, mail configuration, signing keys and admin users (retained)',
  });
  const stateless = new StatelessStack(app, 'DatewatchStateless', {
    description: 'Datewatch functions, HTTP API, one-minute clock and send queue',
    stateful,
    senderEmail: context('senderEmail') ?? 'alerts@example.com',
    publicBaseUrl: context('publicBaseUrl'),
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stateful, stateless };
}

// Synthesize when run as the CDK app; tests import buildApp() instead.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) buildApp().app.synth();
