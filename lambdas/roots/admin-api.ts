import { makeDynamoEventStore } from '#adapters/dynamodb/event-store.ts';
import { makeDynamoJobStore } from '#adapters/dynamodb/job-store.ts';
import { makeDynamoSendLedger } from '#adapters/dynamodb/send-ledger.ts';
import { makeDynamoSubscriberStore } from '#adapters/dynamodb/subscriber-store.ts';
import { makeEventsService } from '#core/events-service.ts';
import { makeJobsAdmin } from '#core/jobs-admin.ts';
import { makeSubscribersAdmin } from '#core/subscribers-admin.ts';
import type { AdminApiDeps } from '#handlers/admin-api.ts';
import { readAwsAccess, readTableName, type Env } from '#lambdas/config.ts';
import { randomIds } from './ids.ts';
import { clockOf, documentClient, telemetryOf, type RootOptions } from './shared.ts';

/** Admin API: events, subscriber lookup and erasure, delivery status. It signs no links and sends no mail. */
export async function adminApiRoot(env: Env, options: RootOptions = {}): Promise<AdminApiDeps> {
  const access = readAwsAccess(env);
  const tableName = readTableName(env);
  const clock = clockOf(options);
  const doc = documentClient(access, options);
  return {
    events: makeEventsService({ events: makeDynamoEventStore(doc, tableName), clock, newId: randomIds }),
    subscribers: makeSubscribersAdmin({
      subscribers: makeDynamoSubscriberStore(doc, tableName), deliveries: makeDynamoSendLedger(doc, tableName), clock,
    }),
    jobs: makeJobsAdmin(makeDynamoJobStore(doc, tableName)),
    telemetry: telemetryOf(env, options),
  };
}
