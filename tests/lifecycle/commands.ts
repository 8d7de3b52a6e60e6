/**
 * What a reader, an editor, an operator and the mail servers can do, as fast-check commands over the local stack.
 * Each command acts over HTTP (or as SES's feedback would arrive), tells the oracle what it means, and checks
 * what the answer claims against the store. Mail is judged after every step by World.observe.
 */
import fc from 'fast-check';
import { activate, addressOf, everStopped, isSuppressed, mailboxOf, stop, suppress, whyConfirmationMayNot, type MailedLink } from './oracle.ts';
import { SEED_STORY, type World } from './world.ts';
import { seamArbitraries } from './commands-seams.ts';
import { Step, stepsRun, type Cmd, type Ctx } from './step.ts';

export { stepsRun, type Ctx };

/** Two mailboxes, several spellings each: case, +tags, Gmail dots and googlemail.com. */
export const SPELLINGS = [
  '{q}alice@gmail.com', '{Q}Alice@gmail.com', '{q}.alice@gmail.com', '{q}a.lice@googlemail.com', '{q}alice+news@gmail.com',
  '{q}bob@example.org', '{Q}Bob@Example.org', '{q}bob+1@example.org', '{q}bob+2@example.org',
] as const;

const json = { 'content-type': 'application/json', accept: 'application/json' };
const admin = (w: World) => ({ authorization: `Bearer ${w.adminToken}` });
const settled = (w: World) => w.stack.cloud.drainQueues(10_000);
const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;

/** What an unsubscribe or preferences answer claims, against the store; a violation when they differ. */
async function storeAgrees(ctx: Ctx, address: string, claimed: string, what: string): Promise<void> {
  const { world, seq } = ctx;
  const found = await world.lookup(seq, address);
  const stored = found.status === 404 ? 'none' : found.json?.status;
  const suppressed = Boolean(found.json?.suppression) || stored === 'suppressed';
  const agrees = claimed === stored || (claimed === 'suppressed' && suppressed) || (claimed === 'none' && stored === 'none');
  if (!agrees) seq.violations.push(`${seq.current}: ${what} claims "${claimed}", the store says "${stored}"${suppressed ? ' (suppressed)' : ''}`);
}

class Subscribe extends Step {
  constructor(readonly spelling: string, readonly network: number) { super(); }
  label() { return `subscribe ${this.spelling} from network ${this.network}`; }
  async act({ world, seq }: Ctx) {
    const from = `127.${30 + (seq.id % 200)}.${this.network}.${(seq.oracle.step % 250) + 1}`;
    const res = await world.call(seq, 'POST', '/subscriptions', { body: JSON.stringify({ email: seq.address(this.spelling) }), headers: json, from });
    if (res.status !== 202 && res.status !== 429) seq.violations.push(`${seq.current}: subscribe answered ${res.status}`);
    const address = addressOf(seq.address(this.spelling));
    if (res.status === 202 && !seq.oracle.receiving.has(address)) seq.oracle.pendingPreferences.delete(address);
    await settled(world);
  }
}

class UseConfirmLink extends Step {
  constructor(readonly index: number, readonly post: boolean) { super(); }
  label() { return `${this.post ? 'POST' : 'GET'} confirmation link #${this.index}`; }
  override check(m: Readonly<Ctx>) { return m.seq.oracle.links.confirm.length > 0; }
  async act(ctx: Ctx) {
    const { world, seq } = ctx;
    const link: MailedLink = pick(seq.oracle.links.confirm, this.index);
    const before = await world.lookup(seq, link.address);
    if (!this.post) {
      // A mail scanner: GET shows a page and changes nothing.
      await world.call(seq, 'GET', link.url, { headers: { accept: 'text/html' } });
      const after = await world.lookup(seq, link.address);
      if (after.json?.status === 'active' && before.json?.status !== 'active') seq.violations.push(`${seq.current}: a GET confirmed ${link.address}`);
      return;
    }
    const token = new URL(link.url).searchParams.get('token');
    const res = await world.call(seq, 'POST', '/subscriptions/confirm', { body: JSON.stringify({ token }), headers: json });
    if (res.status !== 200) {
      if (res.status < 400 || !res.json?.error) seq.violations.push(`${seq.current}: confirm answered ${res.status} without a reason`);
      return;
    }
    await storeAgrees(ctx, link.address, res.json.status, 'the confirm answer');
    if (res.json.outcome === 'confirmed') {
      const why = whyConfirmationMayNot(seq.oracle, link);
      if (why) seq.violations.push(`${seq.current}: ${why}`);
      else activate(seq.oracle, link.address);
    }
  }
}

class UseUnsubscribeLink extends Step {
  constructor(readonly index: number, readonly never: boolean) { super(); }
  label() { return `unsubscribe link #${this.index}${this.never ? ' with never=yes' : ''}`; }
  override check(m: Readonly<Ctx>) { return m.seq.oracle.links.unsubscribe.length > 0; }
  async act(ctx: Ctx) {
    const { world, seq } = ctx;
    const link = pick(seq.oracle.links.unsubscribe, this.index);
    // First the page (what a mail scanner fetches, and what the reader sees): its word on the address must be the store's.
    const before = await world.lookup(seq, link.address);
    const page = await world.call(seq, 'GET', link.url, { headers: { accept: 'text/html' } });
    const after = await world.lookup(seq, link.address);
    if (after.json?.status !== before.json?.status) seq.violations.push(`${seq.current}: a GET of the unsubscribe link changed ${link.address} from ${before.json?.status} to ${after.json?.status}`);
    const stored = after.status === 404 ? 'none' : after.json?.status;
    const standing = /already unsubscribed/.test(page.text) ? 'unsubscribed' : /is never mailed/.test(page.text) ? 'suppressed'
      : /has no subscription/.test(page.text) ? 'none' : 'subscribed';
    const pageAgrees = standing === 'subscribed' ? stored === 'active' || stored === 'pending'
      : standing === 'suppressed' ? stored === 'suppressed' || Boolean(after.json?.suppression) : standing === stored;
    if (page.status === 200 && !pageAgrees) seq.violations.push(`${seq.current}: the unsubscribe page says the address is ${standing}, the store says ${stored}`);
    const res = await world.call(seq, 'POST', link.url, {
      body: `List-Unsubscribe=One-Click${this.never ? '&never=yes' : ''}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    });
    // Any link ever mailed stops the address's mail; never=yes suppresses its mailbox.
    if (this.never) suppress(seq.oracle, link.address);
    else stop(seq.oracle, link.address);
    if (res.status !== 200) { seq.violations.push(`${seq.current}: unsubscribe answered ${res.status}: ${res.text.slice(0, 200)}`); return; }
    const found = await world.lookup(seq, link.address);
    if (found.json?.status === 'active' || found.json?.status === 'pending') {
      seq.violations.push(`${seq.current}: the unsubscribe link answered ${JSON.stringify(res.json)}, yet ${link.address} is still ${found.json.status}`);
      return;
    }
    if (this.never && !found.json?.suppression && found.json?.status !== 'suppressed') seq.violations.push(`${seq.current}: never=yes left ${link.address} unsuppressed`);
    await storeAgrees(ctx, link.address, res.json?.status, 'the unsubscribe answer');
  }
}

class UsePreferencesLink extends Step {
  constructor(readonly index: number, readonly digest: 'none' | 'daily' | 'weekly') { super(); }
  label() { return `preferences link #${this.index}: digest ${this.digest}`; }
  override check(m: Readonly<Ctx>) { return m.seq.oracle.links.preferences.length > 0; }
  async act(ctx: Ctx) {
    const { world, seq } = ctx;
    const link = pick(seq.oracle.links.preferences, this.index);
    const token = new URL(link.url).searchParams.get('token');
    const res = await world.call(seq, 'POST', '/preferences', { body: JSON.stringify({ token, digest: this.digest }), headers: json });
    if (res.status === 200) return storeAgrees(ctx, link.address, res.json.status, 'the preferences answer');
    if (res.status === 404) {
      // "There is no subscription for this link any more": true only if the address has none (or is suppressed).
      const found = await world.lookup(seq, link.address);
      if (found.status === 200 && found.json.status !== 'suppressed' && found.json.status !== 'none') {
        seq.violations.push(`${seq.current}: the preferences link says there is no subscription, the store has ${found.json.status}`);
      }
      return;
    }
    seq.violations.push(`${seq.current}: preferences answered ${res.status}`);
  }
}

class Import extends Step {
  constructor(readonly spelling: string, readonly consent: boolean) { super(); }
  label() { return `import ${this.spelling} ${this.consent ? 'with' : 'without'} consent`; }
  async act({ world, seq }: Ctx) {
    const address = seq.address(this.spelling);
    const date = new Date(world.stack.clock.now().getTime() - 60_000).toISOString();
    const csv = `email,consentDate,consentSource\n${address},${this.consent ? `${date},lifecycle list` : ','}\n`;
    const res = await world.call(seq, 'POST', '/admin/subscribers/import', { body: csv, headers: { ...admin(world), 'content-type': 'text/csv' } });
    if (res.status !== 200) { seq.violations.push(`${seq.current}: import answered ${res.status}`); return; }
    const row = res.json.rows[0];
    if (row?.outcome === 'activated') {
      if (everStopped(seq.oracle, address)) seq.violations.push(`${seq.current}: the import activated ${address}, who had left (${row.outcome})`);
      else activate(seq.oracle, address, 'import');
    }
    await settled(world);
  }
}

class Erase extends Step {
  constructor(readonly spelling: string) { super(); }
  label() { return `erase ${this.spelling}`; }
  async act({ world, seq }: Ctx) {
    const address = seq.address(this.spelling);
    const res = await world.call(seq, 'DELETE', `/admin/subscribers/${encodeURIComponent(address)}`, { headers: admin(world) });
    if (res.status !== 200 && res.status !== 404) seq.violations.push(`${seq.current}: erase answered ${res.status}`);
    stop(seq.oracle, address);
  }
}

class Feedback extends Step {
  constructor(readonly spelling: string, readonly kind: 'bounce' | 'complaint') { super(); }
  label() { return `${this.kind} from ${this.spelling}`; }
  async act({ world, seq }: Ctx) {
    const emailAddress = seq.address(this.spelling);
    await world.stack.publishSesNotification(this.kind === 'bounce'
      ? { notificationType: 'Bounce', bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress }] } }
      : { notificationType: 'Complaint', complaint: { complainedRecipients: [{ emailAddress }] } });
    suppress(seq.oracle, emailAddress);
    const found = await world.lookup(seq, emailAddress);
    if (!found.json?.suppression) seq.violations.push(`${seq.current}: after a ${this.kind}, ${mailboxOf(emailAddress)} is not suppressed`);
  }
}

class PostUpdate extends Step {
  label() { return 'an editor posts a story update'; }
  async act({ world, seq }: Ctx) {
    const res = await world.call(seq, 'POST', `/admin/stories/${SEED_STORY}/updates`, {
      body: JSON.stringify({ subject: `Update at step ${seq.oracle.step}`, body: 'The leaders meet again.' }),
      headers: { ...admin(world), ...json, 'idempotency-key': `lifecycle-${seq.id}-${seq.oracle.step}` },
    });
    if (res.status !== 201) seq.violations.push(`${seq.current}: posting an update answered ${res.status}: ${res.text.slice(0, 200)}`);
  }
}

class ChangeEvent extends Step {
  constructor(readonly cancel: boolean) { super(); }
  label() { return this.cancel ? 'an editor cancels the event' : 'an editor moves the event a day later'; }
  async act({ world, seq }: Ctx) {
    const headers = { ...admin(world), ...json };
    const source = { publisher: 'Kyodo News', quote: 'The meeting was moved, officials said.' };
    if (!seq.event) {
      const date = new Date(world.stack.clock.now().getTime() + 20 * 86_400_000).toISOString().slice(0, 10);
      const res = await world.call(seq, 'POST', '/admin/events', {
        headers, body: JSON.stringify({ storyId: SEED_STORY, title: `Lifecycle meeting ${seq.id}`, date, timeZone: 'Asia/Tokyo', place: 'Tokyo, Japan', summary: 'A meeting.', source }),
      });
      if (res.status !== 201) { seq.violations.push(`${seq.current}: creating the event answered ${res.status}: ${res.text.slice(0, 200)}`); return; }
      seq.event = { id: res.json.id, version: res.json.version, cancelled: false, date };
    }
    const event = seq.event;
    const ifMatch = { ...headers, 'if-match': `"${event.version}"` };
    const res = this.cancel
      ? await world.call(seq, 'DELETE', `/admin/events/${event.id}`, { headers: ifMatch, body: JSON.stringify({ changeSource: source }) })
      : await world.call(seq, 'PATCH', `/admin/events/${event.id}`, {
        headers: ifMatch, body: JSON.stringify({ date: new Date(Date.parse(event.date) + 86_400_000).toISOString().slice(0, 10), changeSource: source }),
      });
    if (res.status === 200) {
      event.version = res.json.version;
      event.date = res.json.date ?? event.date;
      event.cancelled ||= this.cancel;
    } else if (!(event.cancelled && res.status === 400)) {
      seq.violations.push(`${seq.current}: changing the event answered ${res.status}: ${res.text.slice(0, 200)}`);
    }
  }
}

class Dispatch extends Step {
  constructor(readonly minutes: number) { super(); }
  label() { return `dispatch ${this.minutes} minutes later`; }
  async act({ world }: Ctx) {
    await world.stack.dispatch(new Date(world.stack.clock.now().getTime() + this.minutes * 60_000));
  }
}

/** Any spelling, the plain ones (as their owners type them) more often, so sequences come back to one address. */
const spelling = fc.oneof(
  { weight: 4, arbitrary: fc.constant(SPELLINGS[5]) },
  { weight: 3, arbitrary: fc.constant(SPELLINGS[0]) },
  { weight: 3, arbitrary: fc.constantFrom(...SPELLINGS) },
);
const index = fc.nat({ max: 30 });
const weighted = (weight: number, arbitrary: fc.Arbitrary<Cmd>) => Array.from({ length: weight }, () => arbitrary);

/** Sign-ups, confirmations, dispatches and unsubscribes most often: the seams are where they meet the rest. */
export const commandArbitraries: fc.Arbitrary<Cmd>[] = [
  ...weighted(4, fc.tuple(spelling, fc.nat({ max: 2 })).map(([s, n]): Cmd => new Subscribe(s, n))),
  ...weighted(4, fc.tuple(index, fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) })).map(([i, post]): Cmd => new UseConfirmLink(i, post))),
  ...weighted(3, fc.tuple(index, fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) })).map(([i, never]): Cmd => new UseUnsubscribeLink(i, never))),
  ...weighted(1, fc.tuple(index, fc.constantFrom('none' as const, 'daily' as const, 'weekly' as const)).map(([i, d]): Cmd => new UsePreferencesLink(i, d))),
  ...weighted(1, fc.tuple(spelling, fc.boolean()).map(([s, c]): Cmd => new Import(s, c))),
  ...weighted(1, spelling.map((s): Cmd => new Erase(s))),
  ...weighted(1, fc.tuple(spelling, fc.constantFrom('bounce' as const, 'complaint' as const)).map(([s, k]): Cmd => new Feedback(s, k))),
  ...weighted(2, fc.constant<Cmd>(new PostUpdate())),
  ...weighted(1, fc.boolean().map((c): Cmd => new ChangeEvent(c))),
  ...weighted(3, fc.constantFrom(1, 61, 24 * 60).map((m): Cmd => new Dispatch(m))),
  ...seamArbitraries(spelling, index),
];

export { isSuppressed };
