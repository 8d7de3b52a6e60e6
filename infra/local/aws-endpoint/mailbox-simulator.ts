import { addressIn, sesMessageOf } from './ses-message.ts';
import type { ServiceProtocol } from './types.ts';

type SendingEvent = 'Delivery' | 'Bounce' | 'Complaint';

/**
 * What SES's mailbox simulator answers (docs: "Using the mailbox simulator"): bounce@ bounces hard; complaint@ is
 * delivered, then its reader complains; success@ is delivered. Any other address the local SES accepted is taken as
 * delivered too, as a mail server that accepts it makes SES publish a Delivery.
 */
const SIMULATED: Record<string, SendingEvent[]> = {
  'bounce@simulator.amazonses.com': ['Bounce'],
  'complaint@simulator.amazonses.com': ['Delivery', 'Complaint'],
  'success@simulator.amazonses.com': ['Delivery'],
};

/**
 * Adds SES's event publishing to the local SES: a message accepted through a configuration set is followed, shortly
 * after, by the Delivery, Bounce or Complaint events of each recipient that the set publishes (`publishes`, read
 * from the template's event destination), with the message's tags, so ses-events runs locally as it does on AWS.
 */
export function withMailboxSimulator(
  ses: ServiceProtocol,
  publish: (notification: unknown) => Promise<void>,
  now: () => Date,
  onError: (err: unknown) => void,
  publishes: (eventType: SendingEvent) => boolean = () => true,
  /** Told of each batch of events still to publish, so a test can wait until SES's feedback has landed. */
  track: (publishing: Promise<void>) => void = () => {},
): ServiceProtocol {
  return {
    ...ses,
    async serve(req) {
      const res = await ses.serve(req);
      if (res.status !== 200) return res;
      const { form, header } = sesMessageOf(req);
      const configurationSet = form.get('ConfigurationSetName');
      if (!configurationSet) return res;
      const messageId = /<MessageId>([^<]+)<\/MessageId>/.exec(res.body.toString('utf8'))?.[1] ?? 'local';
      const tags = { ...tagsOf(header), 'ses:configuration-set': [configurationSet] };
      const events: { eventType: SendingEvent; address: string }[] = [];
      for (const address of new Set(recipientsOf(form, header))) {
        for (const eventType of SIMULATED[address] ?? ['Delivery'])
          if (publishes(eventType)) events.push({ eventType, address });
      }
      // SES publishes after it answered, in order (a complaint follows its delivery); the caller does not wait.
      if (events.length) {
        const publishing = new Promise<void>((resolve) => setTimeout(resolve, 10))
          .then(async () => {
            for (const { eventType, address } of events)
              await publish(notificationOf(eventType, address, messageId, tags, now().toISOString()));
          })
          .catch(onError);
        track(publishing);
      }
      return res;
    },
  };
}

function notificationOf(
  eventType: SendingEvent,
  address: string,
  messageId: string,
  tags: Record<string, string[]>,
  at: string,
) {
  const mail = { messageId, destination: [address], timestamp: at, tags };
  switch (eventType) {
    case 'Delivery':
      return {
        eventType,
        delivery: {
          recipients: [address],
          timestamp: at,
          processingTimeMillis: 10,
          smtpResponse: '250 2.6.0 Message received',
        },
        mail,
      };
    case 'Bounce':
      return {
        eventType,
        bounce: {
          bounceType: 'Permanent',
          bounceSubType: 'General',
          bouncedRecipients: [{ emailAddress: address }],
          timestamp: at,
        },
        mail,
      };
    case 'Complaint':
      return {
        eventType,
        complaint: { complainedRecipients: [{ emailAddress: address }], complaintFeedbackType: 'abuse', timestamp: at },
        mail,
      };
  }
}

/** The envelope's recipients (`Destinations.member.N`), or else the message's To header. */
function recipientsOf(form: URLSearchParams, header: string): string[] {
  const listed = [...form.entries()].filter(([k]) => /^Destinations\.member\.\d+$/.test(k)).map(([, v]) => v);
  const to = addressIn(header, 'To');
  return (listed.length ? listed : to ? [to] : []).map((a) => a.trim().toLowerCase());
}

/** `X-SES-MESSAGE-TAGS: kind=reminder, job=…` as SES publishes tags: each name with its list of values. */
function tagsOf(header: string): Record<string, string[]> {
  const line = /^X-SES-MESSAGE-TAGS:(.*)$/im.exec(header)?.[1] ?? '';
  const tags: Record<string, string[]> = {};
  for (const pair of line.split(',')) {
    const [name, value] = pair.split('=').map((p) => p.trim());
    if (name && value) tags[name] = [value];
  }
  return tags;
}
