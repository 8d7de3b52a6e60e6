import { makeProposals } from '#handlers/proposals.ts';
import { lazyHandler } from '#handlers/http/router.ts';
import type { Env } from '#lambdas/config.ts';
import { awsAccessOf, edgeTrustOf, telemetryOf, type BuildOptions } from './build-basics.ts';

/** Proposed events from a story's text: the parser and the gazetteer, no table, no secret of ours, no mail. */
export async function build(env: Env, options: BuildOptions = {}) {
  const edge = await edgeTrustOf(env, awsAccessOf(env, options));
  return makeProposals({ telemetry: telemetryOf(env, options), ...(edge ? { edge } : {}) });
}

export const handler = lazyHandler(() => build(process.env));
