/*
 * What each alarm means and what to do about it, read by the on-call person in the alarm e-mail. Kept apart from
 * the stack so the wording can be reviewed as the runbook it is.
 */

/** The dead ends of the asynchronous paths: a message in any of them is work that did not happen. */
export const DEAD_END_RUNBOOK = {
  SendDeadLetters: 'Mail for some readers was given up after 5 receives and sits in the send dead-letter queue (output SendDeadLetterQueueUrl). '
    + "Find the cause in the sender's logs (message failed, with the messageId), fix it, then redrive the queue to the send queue "
    + '(SQS console: Start DLQ redrive); the send ledger skips readers who already got their mail.',
  SignUpDeadLetters: 'Some subscribe requests were given up after 5 receives (their confirmation email could not be sent) and sit in the '
    + "sign-up dead-letter queue; those readers got no confirmation. Find the cause in the sign-ups function's logs, fix it, then redrive the "
    + 'queue to the sign-up queue within its 14 days; a request already mailed is not mailed again. The messages hold addresses: do not copy them elsewhere.',
  ClockDeadLetters: 'EventBridge Scheduler could not invoke the dispatcher for some minutes (its role, or the function itself, was missing or '
    + 'refused). Nothing is lost once it can: the dispatcher catches up from its cursor. Fix the schedule role or the function, then purge this queue.',
  DispatcherFailures: 'A dispatcher run failed or waited over 2 minutes to start; the record holds the error (responsePayload) and the scheduled '
    + 'time. The next run covers the window from the cursor, so only repeated failures delay mail: fix the error in the dispatcher log, then purge this queue.',
  SesEventsDeliveryDeadLetters: 'SNS could not deliver SES bounce or complaint notifications to the ses-events Lambda, so those readers are not '
    + 'suppressed yet. Fix the delivery (function, permission, throttling), then invoke ses-events with each message wrapped as an SNS record '
    + '({"Records":[{"Sns":{"Message": <the body\'s Message>}}]}) and delete it.',
  SesEventsFailures: 'ses-events failed on a bounce or complaint notification three times, so that reader is not suppressed yet. Read the error '
    + "(responsePayload, and the function log), fix it, invoke ses-events again with the record's requestPayload, then delete the record.",
} as const;

const NO_CONCURRENCY_LEFT = 'The account has no concurrency left: find the function using it all (ConcurrentExecutions per function) and cap it.';

/** What an error or a throttle of each function means for readers and editors. */
export const FUNCTION_RUNBOOK = {
  PublicPages: {
    onError: 'Readers get error pages on the subscribe page, story pages, or the calendar and Atom feeds.',
    onThrottle: 'More than its reserved concurrency of requests at once: a flood or a real spike, and readers get '
      + 'errors. Raise RESERVED.publicPages in stateless-stack.ts if it is real traffic; subscribing and unsubscribing '
      + 'are unaffected.',
  },
  Subscribe: {
    onError: 'Readers get error pages (or API clients 5xx) when they subscribe; nothing is queued for them.',
    onThrottle: 'More than its reserved concurrency of sign-ups at once: a flood or a real spike, and readers get '
      + 'errors. Raise RESERVED.subscribe in stateless-stack.ts if it is real traffic; confirming and unsubscribing '
      + 'are unaffected.',
  },
  PublicApi: {
    onError: 'Readers get error pages on the confirmation and unsubscribe links (the one-click unsubscribe too).',
    onThrottle: 'More than its reserved concurrency of requests at once: a flood or a real spike, and readers get errors. '
      + 'Raise RESERVED.publicApi in stateless-stack.ts if it is real traffic.',
  },
  Preferences: {
    onError: 'Readers get error pages on their preferences page, or their changes are not saved.',
    onThrottle: 'More than its reserved concurrency of requests at once: a flood or a real spike, and readers get '
      + 'errors. Raise RESERVED.preferences in stateless-stack.ts if it is real traffic; unsubscribing is unaffected.',
  },
  StaticFiles: {
    onError: 'Editors cannot load the console (/console) or the API description (/openapi.json); '
      + 'the admin API still works.',
    onThrottle: NO_CONCURRENCY_LEFT,
  },
  SignUps: {
    onError: 'A batch of subscribe requests failed as a whole (SES refused the account, or the table): they are retried and dead-lettered after 5 receives.',
    onThrottle: `Confirmation emails wait in the sign-up queue (up to 4 days). ${NO_CONCURRENCY_LEFT}`,
  },
  AdminApi: { onError: "Editors' requests fail.", onThrottle: NO_CONCURRENCY_LEFT },
  SubscriberCsv: {
    onError: "A subscriber CSV import or export failed; the other editors' routes and readers' mail do not depend on "
      + 'it. A dry run of the same file (?dryRun=true) shows what sending it again would do.',
    onThrottle: NO_CONCURRENCY_LEFT,
  },
  MailJobs: {
    onError: "Editors' view of send jobs and story updates fails (no update is written, so none is sent); reminders, "
      + 'digests, alerts and updates already written do not depend on it.',
    onThrottle: NO_CONCURRENCY_LEFT,
  },
  EditorMail: {
    onError: "Editors' email previews and test sends fail; reminders, digests and alerts do not depend on it.",
    onThrottle: NO_CONCURRENCY_LEFT,
  },
  Proposals: {
    onError: "Reading a story's text fails (\"read a story\" in the console); editors can still create events by hand.",
    onThrottle: NO_CONCURRENCY_LEFT,
  },
  Dispatcher: {
    onError: 'That minute queued nothing (it lands in DispatcherFailures); the next run catches up from its cursor.',
    onThrottle: 'A run started before the previous one ended (its reserved concurrency is 1): runs are getting slow; check its Duration.',
  },
  Sender: {
    onError: 'A whole batch failed; its messages are retried and dead-lettered after 5 receives.',
    onThrottle: 'Its reserved concurrency is below the event source maximum, or the account has no concurrency left: make them equal.',
  },
  SesEvents: {
    onError: 'A bounce or complaint was not recorded; Lambda retries twice, then it lands in SesEventsFailures.',
    onThrottle: `SES feedback waits in Lambda's queue for up to 6 hours. ${NO_CONCURRENCY_LEFT}`,
  },
  Seed: {
    onError: 'Seeding the story failed and CloudFormation rolled the deploy back.',
    onThrottle: 'The account has no concurrency left during the deploy; deploy again.',
  },
} as const;
