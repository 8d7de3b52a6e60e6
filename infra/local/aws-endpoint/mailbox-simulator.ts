import { sesMessageOf } from './ses-message.ts';
import type { ServiceProtocol } from './types.ts';

/** SES's mailbox simulator addresses that answer with feedback (docs: "Using the mailbox simulator"). */
const SIMULATED = {
  'bounce@simulator.amazonses.com': 'Bounce',
  'complaint@simulator.amazonses.com': 'Complaint',
} as const;

/**
 * Adds SES's mailbox simulator to the local SES: a message accepted for bounce@ or complaint@
 * simulator.amazonses.com through a configuration set is followed, shortly after, by the Bounce or Complaint
 * event that set publishes to its SNS topic, so ses-events runs locally as it does on AWS.
 */
export function withMailboxSimulator(ses: ServiceProtocol, publish: (notification: unknown) => Promise<void>, now: () => Date, onError: (err: unknown) => void): ServiceProtocol {
  return {
    ...ses,
    async serve(req) {
      const res = await ses.serve(req);
      if (res.status !== 200) return res;
      const { form, header } = sesMessageOf(req);
      if (!form.get('ConfigurationSetName')) return res;
      const to = [...header.matchAll(/[\w.+-]+@simulator\.amazonses\.com/gi)].map((m) => m[0].toLowerCase());
      const messageId = /<MessageId>([^<]+)<\/MessageId>/.exec(res.body.toString('utf8'))?.[1] ?? 'local';
      for (const address of new Set(to)) {
        const eventType = SIMULATED[address as keyof typeof SIMULATED];
        if (!eventType) continue;
        const at = now().toISOString();
        const notification = eventType === 'Bounce'
          ? { eventType, bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: address }], timestamp: at }, mail: { messageId, destination: [address], timestamp: at } }
          : { eventType, complaint: { complainedRecipients: [{ emailAddress: address }], complaintFeedbackType: 'abuse', timestamp: at }, mail: { messageId, destination: [address], timestamp: at } };
        // SES publishes after it answered; the caller does not wait for the feedback.
        setTimeout(() => { publish(notification).catch(onError); }, 10);
      }
      return res;
    },
  };
}
