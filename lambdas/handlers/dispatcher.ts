import type { Dispatch } from '#core/dispatcher.ts';
import { noTelemetry, type InvocationTelemetry } from '#ports/telemetry.ts';

/** EventBridge Scheduler passes its own scheduled time: the window ends there, not at the Lambda's clock. */
export interface ScheduleEvent {
  scheduledTime?: string;
}

export interface DispatcherHandlerDeps {
  dispatch: Dispatch;
  telemetry?: InvocationTelemetry;
}

export function makeDispatcherHandler({ dispatch, telemetry = noTelemetry }: DispatcherHandlerDeps) {
  return (event: ScheduleEvent) => telemetry.invocation({ correlation_id: event.scheduledTime }, async () => {
    const at = new Date(event.scheduledTime ?? '');
    if (Number.isNaN(at.getTime())) throw new Error('the schedule must pass {"scheduledTime": "<aws.scheduler.scheduled-time>"}');
    const report = await dispatch(at);
    telemetry.info('dispatched', { ...report });
    return report;
  });
}
