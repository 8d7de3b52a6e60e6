import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { expect } from 'vitest';
import { buildApp } from '../../infra/aws/app.ts';

export type Statement = { Action: string | string[]; Resource: unknown; Effect: string; Condition?: unknown };
export type Resources = Record<string, { Type: string; Properties: Record<string, any>; Metadata?: Record<string, unknown> }>;

// Skip CDK's built-in CloudFormation rule check (seconds per synth); `cdk synth` still runs it, and cdk-nag runs here.
process.env.CDK_VALIDATION = 'false';

/** Both stacks synthesized without bundling (0.05 s instead of about 1 s a stack); `context` adds -c values. */
export function synth(context: Record<string, unknown> = {}) {
  const built = buildApp(new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } }));
  return { ...built, statefulTemplate: Template.fromStack(built.stateful), statelessTemplate: Template.fromStack(built.stateless) };
}

const shared = new Map<string, ReturnType<typeof synth>>();

/**
 * synth(context) made once per context and worker (a worker's files share one module graph), for tests that only
 * read the templates. A test that adds aspects, validates the app, reads its annotations or compares two synths
 * calls synth() and gets its own.
 */
export function sharedSynth(context: Record<string, unknown> = {}): ReturnType<typeof synth> {
  const key = JSON.stringify(context);
  let built = shared.get(key);
  if (!built) {
    built = synth(context);
    shared.set(key, built);
  }
  return built;
}

/** Queries over one synthesized template, named by construct ids rather than hashed logical ids. */
export function inspect(template: Template) {
  const resources = template.toJSON().Resources as Resources;

  /** Logical id of the one resource of a type whose id starts with a construct name, e.g. `Sender`. */
  function logicalId(type: string, prefix: string): string {
    const ids = Object.keys(template.findResources(type)).filter((id) => id.startsWith(prefix));
    expect(ids, `${type} ${prefix}`).toHaveLength(1);
    return ids[0]!;
  }

  /** Every IAM statement attached to a role, whichever policy carries it. */
  function statementsOf(roleId: string): Statement[] {
    return Object.values(resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(`"${roleId}"`))
      .flatMap((r) => r.Properties.PolicyDocument.Statement as Statement[]);
  }

  const functionStatements = (name: string) => statementsOf(logicalId('AWS::IAM::Role', `${name}Role`));
  const allows = (name: string, action: string) => functionStatements(name).filter((s) => actionsOf(s).includes(action));
  const functionProps = (name: string) => resources[logicalId('AWS::Lambda::Function', `${name}Function`)]!.Properties;
  const env = (name: string): Record<string, unknown> => functionProps(name).Environment.Variables;

  return { resources, logicalId, statementsOf, functionStatements, allows, functionProps, env };
}

export const actionsOf = (s: Statement): string[] => [s.Action].flat();
export const ref = (json: unknown): string => JSON.stringify(json);

/** Construct ids of every function: the eight behind HTTP routes first. */
export const FUNCTIONS = [
  'PublicPages', 'Subscribe', 'PublicApi', 'Preferences', 'StaticFiles', 'AdminApi', 'SubscriberCsv', 'MailJobs',
  'EditorMail', 'Proposals',
  'SignUps', 'Dispatcher', 'Sender', 'SesEvents', 'Seed',
] as const;
export type FunctionId = (typeof FUNCTIONS)[number];
