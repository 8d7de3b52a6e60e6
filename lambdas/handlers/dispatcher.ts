import { dispatcherRoot } from '#lambdas/roots/dispatcher.ts';
import type { Dispatch } from '#core/dispatcher.ts';
import { lazyHandler } from './http/router.ts';

/** EventBridge Scheduler passes its own scheduled time: the window ends there, not at the Lambda's clock. */
export interface ScheduleEvent {
  scheduledTime?: string;
}

export function makeDispatcherHandler(dispatch: Dispatch, log: (line: string) => void = console.log) {
  return async (event: ScheduleEvent) => {
    const at = new Date(event.scheduledTime ?? '');
    if (Number.isNaN(at.getTime())) throw new Error('the schedule must pass {"scheduledTime": "<aws.scheduler.scheduled-time>"}');
    const report = await dispatch(at);
    log(JSON.stringify({ msg: 'dispatched', ...report }));
    return report;
  };
}

export const handler = lazyHandler(async () => makeDispatcherHandler(await dispatcherRoot(process.env)));
