import { synthTemplates } from '#local/cloud/synth.ts';
import { readCloud } from '#local/cloud/read-cloud.ts';

/** What `cdk deploy` with the default context deploys, read from the synthesized template: the figures costs are priced for. */
export interface DeployedFigures {
  senderMemoryGb: number;
  sqsBatchSize: number;
  /** SEND_RATE_PER_SECOND of one sender instance. */
  sendRatePerSecondPerInstance: number;
  senderMaxConcurrency: number;
  ledgerRetentionDays: number;
}

export async function deployedFigures(): Promise<DeployedFigures> {
  const model = readCloud(await synthTemplates(), { apiUrl: 'http://127.0.0.1', awsEndpoint: 'http://127.0.0.1' });
  const sender = model.functions.find((f) => f.handler === 'sender');
  const mapping = model.eventSourceMappings.find((m) => m.functionLogicalId === sender?.logicalId);
  if (!sender || !mapping) throw new Error('the template has no sender with an event source mapping');
  return {
    senderMemoryGb: sender.memoryMb / 1024,
    sqsBatchSize: mapping.batchSize,
    sendRatePerSecondPerInstance: Number(sender.environment.SEND_RATE_PER_SECOND),
    senderMaxConcurrency: mapping.maxConcurrency ?? 1,
    // The ledger's TTL is set by the sender's code (core), not the stack.
    ledgerRetentionDays: 400,
  };
}
