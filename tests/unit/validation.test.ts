import { describe, expect, it } from 'vitest';
import { createEventSchema } from '#core/model/event.ts';
import { subscribeSchema } from '#core/subscription-schema.ts';
import { parseWith } from '#core/validation.ts';

const messageOf = (run: () => unknown) => { try { run(); } catch (err) { return (err as Error).message; } };
const event = {
  storyId: 'a', title: 't', summary: 's', date: '2016-12-01', timeZone: 'Asia/Tokyo', place: 'p',
  source: { publisher: 'x', quote: 'q' },
};

describe('a 4xx for a field of the wrong type (parseWith)', () => {
  it('says what type the field must be, not that it is missing', () => {
    expect(messageOf(() => parseWith(subscribeSchema, { email: 42, timeZone: 'Europe/Paris' })))
      .toBe('email must be a string, not a number');
    expect(messageOf(() => parseWith(createEventSchema, { ...event, title: ['t'] })))
      .toBe('title must be a string');
    expect(messageOf(() => parseWith(createEventSchema, { ...event, source: 'Kyodo' })))
      .toBe('source must be an object with publisher and quote (and optionally url)');
    expect(messageOf(() => parseWith(createEventSchema, { ...event, place: null })))
      .toBe('place must be a string');
  });

  it('still calls a missing field required, and keeps a schema\'s own message that says more', () => {
    expect(messageOf(() => parseWith(subscribeSchema, { timeZone: 'Europe/Paris' }))).toBe('email is required');
    const reminders = { email: 'a@example.com', timeZone: 'Europe/Paris', reminders: [1] };
    expect(messageOf(() => parseWith(subscribeSchema, reminders)))
      .toBe('reminders must be lead times from P14D, P7D, P3D, P1D, P0D');
  });
});
