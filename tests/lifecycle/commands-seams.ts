/**
 * Commands where issue 25's features meet the old ones: imports judged by the stack's clock, preference changes of
 * zone and stories, a story of the sequence's own archived, made active again and withdrawn, a hard bounce from
 * SES's mailbox simulator, and an SES event that SNS delivers again. Each checks what it alone can see; the
 * counters and jobs are checked after every step by World.audit.
 */
import fc from 'fast-check';
import { jobRef } from '#core/model/job.ts';
import { readTable } from './audit.ts';
import { activate, addressOf, everStopped, isSuppressed, suppress, type Preferences } from './oracle.ts';
import { BOUNCE_ADDRESS, SEED_STORY, type Sequence, type World } from './world.ts';
import { Step, type Cmd, type Ctx } from './step.ts';

type CapturedMail = Awaited<ReturnType<World['freshMails']>>[number];

const json = { 'content-type': 'application/json', accept: 'application/json' };
const admin = (w: World) => ({ authorization: `Bearer ${w.adminToken}` });
const settled = (w: World) => w.stack.cloud.drainQueues(10_000);
const source = { publisher: 'Kyodo News', quote: 'The talks were called off, officials said.' };
const day = 86_400_000;

/** An editor's import of one reader with consent evidence dated `consentDate` (ISO), as a CSV of one row. */
const importOne = (world: World, seq: Sequence, address: string, consentDate: string) =>
  world.call(seq, 'POST', '/admin/subscribers/import', {
    body: `email,consentDate,consentSource\n${address},${consentDate},lifecycle list\n`,
    headers: { ...admin(world), 'content-type': 'text/csv' },
  });

/** Each reader still receiving mail got one cancellation alert per event of a story they follow; the others none. */
function expectOneCancellationEach(
  seq: Sequence, story: NonNullable<Sequence['story']>, mails: CapturedMail[],
): void {
  for (const address of seq.oracle.receiving) {
    const p = seq.oracle.preferences.get(address);
    const follows = !p || p.stories === 'all' || p.stories.includes(story.id);
    for (const title of story.events) {
      const n = mails.filter(
        (m) => addressOf(m.destination.to[0] ?? '') === address && (m.body.text ?? '').includes(title),
      ).length;
      if (n !== (follows ? 1 : 0))
        seq.violations.push(`${seq.current}: ${address} got ${n} cancellation alerts for "${title}"`);
    }
  }
}

/** The sequence's own story, with one scheduled event, made on first use. */
async function ownStory(world: World, seq: Sequence): Promise<NonNullable<Sequence['story']>> {
  if (seq.story) return seq.story;
  const headers = { ...admin(world), ...json };
  const res = await world.call(seq, 'POST', '/admin/stories', {
    headers,
    body: JSON.stringify({ title: `Lifecycle talks ${seq.id}`, publisher: 'Kyodo News', publishedOn: '2016-11-01' }),
  });
  if (res.status !== 201) throw new Error(`creating the story answered ${res.status}: ${res.text.slice(0, 200)}`);
  seq.story = { id: res.json.id, version: res.json.version, status: 'active', events: [] };
  await addEvent(world, seq);
  return seq.story;
}

async function addEvent(world: World, seq: Sequence): Promise<void> {
  const story = seq.story!;
  const date = new Date(world.stack.clock.now().getTime() + (10 + story.events.length) * day)
    .toISOString()
    .slice(0, 10);
  const res = await world.call(seq, 'POST', '/admin/events', {
    headers: { ...admin(world), ...json },
    body: JSON.stringify({
      storyId: story.id,
      title: `Lifecycle talks ${seq.id} round ${story.events.length + 1}`,
      date,
      timeZone: 'Asia/Tokyo',
      place: 'Tokyo, Japan',
      summary: 'Talks.',
      source: { publisher: 'Kyodo News', quote: 'Talks are set, officials said.' },
    }),
  });
  if (res.status !== 201) throw new Error(`creating the event answered ${res.status}: ${res.text.slice(0, 200)}`);
  story.events.push(res.json.title);
}

/** A sign-up with a zone and stories of its own; the model takes them when it is confirmed. */
class SubscribeWith extends Step {
  constructor(
    readonly spelling: string,
    readonly zone: string,
    readonly own: boolean,
  ) {
    super();
  }
  label() {
    return `subscribe ${this.spelling} in ${this.zone} to ${this.own ? 'its own story' : 'the seed story'}`;
  }
  async act({ world, seq }: Ctx) {
    const stories = [this.own ? (await ownStory(world, seq)).id : SEED_STORY];
    const address = seq.address(this.spelling);
    const from = `127.${30 + (seq.id % 200)}.3.${(seq.oracle.step % 250) + 1}`;
    const res = await world.call(seq, 'POST', '/subscriptions', {
      body: JSON.stringify({ email: address, timeZone: this.zone, stories }),
      headers: json,
      from,
    });
    // A withdrawn story can no longer be followed: a 400 that names it.
    const withdrawn = this.own && seq.story?.status === 'cancelled';
    if (withdrawn && !(res.status === 400 && res.text.includes(stories[0]!))) {
      seq.violations.push(`${seq.current}: following a withdrawn story answered ${res.status}`);
    }
    if (withdrawn) return;
    if (res.status !== 202 && res.status !== 429)
      seq.violations.push(`${seq.current}: subscribe answered ${res.status}`);
    if (res.status === 202 && !seq.oracle.receiving.has(addressOf(address))) {
      seq.oracle.pendingPreferences.set(addressOf(address), { timeZone: this.zone, stories });
    }
    await settled(world);
  }
}

/** A reader changes zone and stories through a preferences link mailed to them. */
class ChangeFollowing extends Step {
  constructor(
    readonly index: number,
    readonly zone: string,
    readonly stories: 'all' | 'seed',
  ) {
    super();
  }
  label() {
    return `preferences link #${this.index}: zone ${this.zone}, stories ${this.stories}`;
  }
  override check(m: Readonly<Ctx>) {
    return m.seq.oracle.links.preferences.length > 0;
  }
  async act({ world, seq }: Ctx) {
    const link = seq.oracle.links.preferences[this.index % seq.oracle.links.preferences.length]!;
    const token = new URL(link.url).searchParams.get('token');
    const stories = this.stories === 'all' ? ('all' as const) : [SEED_STORY];
    const res = await world.call(seq, 'POST', '/preferences', {
      body: JSON.stringify({ token, timeZone: this.zone, stories }),
      headers: json,
    });
    if (res.status !== 200) return;
    const prefs: Preferences = { timeZone: this.zone, stories };
    const o = seq.oracle;
    if (o.receiving.has(link.address)) o.preferences.set(link.address, prefs);
    else o.pendingPreferences.set(link.address, prefs);
  }
}

/** An import whose consent comes after the stack's clock: refused, and nothing written. */
class ImportLateConsent extends Step {
  constructor(readonly spelling: string) {
    super();
  }
  label() {
    return `import ${this.spelling} with consent after the stack's clock`;
  }
  async act({ world, seq }: Ctx) {
    const address = seq.address(this.spelling);
    const late = new Date(world.stack.clock.now().getTime() + 2 * day).toISOString();
    const before = await readTable(world.doc, world.stack.cloud.tableName);
    const held = (await world.lookup(seq, address)).json;
    const res = await importOne(world, seq, address, late);
    if (res.status !== 200 && res.status !== 400) {
      seq.violations.push(`${seq.current}: import answered ${res.status}`);
      return;
    }
    const row = res.json?.rows?.[0];
    if (res.status === 200 && row?.reason !== 'consent-date-in-future') {
      seq.violations.push(`${seq.current}: a consent after the stack's clock was not refused: ${JSON.stringify(row)}`);
    }
    await settled(world);
    const after = await readTable(world.doc, world.stack.cloud.tableName);
    const now = (await world.lookup(seq, address)).json;
    if (
      JSON.stringify(now) !== JSON.stringify(held) ||
      JSON.stringify([...after.counts]) !== JSON.stringify([...before.counts])
    ) {
      seq.violations.push(`${seq.current}: a refused import wrote something (${held?.status} → ${now?.status})`);
    }
  }
}

/** A reader who left, imported again with consent: skipped (the reader alone may come back). */
class ImportLeaver extends Step {
  constructor(readonly index: number) {
    super();
  }
  label() {
    return `import the reader who left #${this.index}`;
  }
  override check(m: Readonly<Ctx>) {
    return m.seq.oracle.stoppedAt.size > 0;
  }
  async act({ world, seq }: Ctx) {
    const left = [...seq.oracle.stoppedAt.keys()];
    const address = left[this.index % left.length]!;
    const date = new Date(world.stack.clock.now().getTime() - 60_000).toISOString();
    const res = await importOne(world, seq, address, date);
    if (res.status !== 200) {
      seq.violations.push(`${seq.current}: import answered ${res.status}`);
      return;
    }
    const row = res.json.rows[0];
    if (row?.outcome === 'activated' && everStopped(seq.oracle, address)) {
      seq.violations.push(`${seq.current}: the import activated ${address}, who had left`);
    } else if (row?.outcome === 'activated') activate(seq.oracle, address, 'import');
    await settled(world);
  }
}

/**
 * Archive, make active again, or withdraw the sequence's own story; a withdrawal alerts each follower once per
 * event.
 */
class StoryStatus extends Step {
  constructor(readonly to: 'archived' | 'active' | 'cancelled') {
    super();
  }
  label() {
    return this.to === 'cancelled' ? 'an editor withdraws its story' : `an editor makes its story ${this.to}`;
  }
  async act({ world, seq }: Ctx) {
    const story = await ownStory(world, seq);
    if (story.status === 'cancelled') return;
    const before = await readTable(world.doc, world.stack.cloud.tableName);
    const body = this.to === 'cancelled' ? { status: 'cancelled', changeSource: source } : { status: this.to };
    const res = await world.call(seq, 'PATCH', `/admin/stories/${story.id}`, {
      headers: { ...admin(world), ...json, 'if-match': `"${story.version}"` },
      body: JSON.stringify(body),
    });
    if (res.status !== 200) {
      seq.violations.push(`${seq.current}: the story answered ${res.status}: ${res.text.slice(0, 200)}`);
      return;
    }
    story.version = res.json.version;
    story.status = this.to;
    const after = await readTable(world.doc, world.stack.cloud.tableName);
    if (JSON.stringify([...after.counts].sort()) !== JSON.stringify([...before.counts].sort())) {
      seq.violations.push(`${seq.current}: changing the story's status moved the readers' counters`);
    }
    if (this.to !== 'cancelled') return;
    await world.stack.dispatch(new Date(world.stack.clock.now().getTime() + 60_000));
    await settled(world);
    const mails = (await world.freshMails(seq)).filter((m) => /^Cancelled/i.test(m.subject));
    expectOneCancellationEach(seq, story, mails);
  }
}

/**
 * A withdraw that stops half-way (the admin function dies after cancelling one of two events), then the same
 * request sent again: meanwhile a follower is told of the cancelled event only, and nothing else of the story;
 * at the end each follower has exactly one cancellation alert per event.
 */
class HalfDoneWithdraw extends Step {
  label() {
    return 'an editor withdraws its story, the function stops half-way, the editor sends it again';
  }
  async act({ world, seq }: Ctx) {
    const story = await ownStory(world, seq);
    if (story.status === 'cancelled') return;
    if (story.events.length < 2) await addEvent(world, seq);
    const send = (crashing: boolean) =>
      world.call(seq, 'PATCH', `/admin/stories/${story.id}`, {
        headers: { ...admin(world), ...json, 'if-match': `"${story.version}"` },
        body: JSON.stringify({ status: 'cancelled', changeSource: source }),
        crashing,
      });
    world.faults.cancelsBeforeCrash = 1;
    const first = await send(true);
    world.faults.cancelsBeforeCrash = undefined;
    if (first.status !== 500) seq.violations.push(`${seq.current}: the crashing withdraw answered ${first.status}`);
    story.status = 'cancelled';
    const view = await world.call(seq, 'GET', `/admin/stories/${story.id}`, { headers: admin(world) });
    const left = view.json?.withdrawal?.eventsLeft?.length;
    if (left !== story.events.length - 1) seq.violations.push(`${seq.current}: the API shows ${left} events left`);
    const next = () =>
      world.stack.dispatch(new Date(world.stack.clock.now().getTime() + 60_000)).then(() => settled(world));
    await next();
    const meantime = (await world.freshMails(seq)).filter((m) =>
      story.events.some((t) => (m.body.text ?? '').includes(t)),
    );
    const notCancellation = meantime.filter((m) => !/^Cancelled/i.test(m.subject));
    if (notCancellation.length)
      seq.violations.push(`${seq.current}: meanwhile "${notCancellation[0]!.subject}" went out`);
    const again = await send(false);
    if (again.status !== 200 || again.json?.withdrawal?.eventsLeft?.length !== 0) {
      seq.violations.push(
        `${seq.current}: sending the withdraw again answered ${again.status}: ${again.text.slice(0, 200)}`,
      );
    }
    story.version = again.json?.version ?? story.version + 1;
    await next();
    const mails = (await world.freshMails(seq)).filter((m) => /^Cancelled/i.test(m.subject));
    expectOneCancellationEach(seq, story, mails);
  }
}

/** SES's simulator bounces hard: the reader is suppressed and counted no more. */
class HardBounce extends Step {
  label() {
    return 'a reader at bounce@simulator is imported, then an update bounces';
  }
  async act({ world, seq }: Ctx) {
    const o = seq.oracle;
    const date = new Date(world.stack.clock.now().getTime() - 60_000).toISOString();
    const res = await importOne(world, seq, BOUNCE_ADDRESS, date);
    if (res.status !== 200) {
      seq.violations.push(`${seq.current}: import answered ${res.status}`);
      return;
    }
    const outcome = res.json.rows[0]?.outcome;
    if (outcome === 'activated') {
      if (isSuppressed(o, BOUNCE_ADDRESS))
        seq.violations.push(`${seq.current}: the import activated a suppressed mailbox`);
      activate(o, BOUNCE_ADDRESS, 'import');
    }
    await world.audit(seq);
    const posted = await world.call(seq, 'POST', `/admin/stories/${SEED_STORY}/updates`, {
      body: JSON.stringify({ subject: `Bounced update at step ${o.step}`, body: 'The leaders meet again.' }),
      headers: { ...admin(world), ...json, 'idempotency-key': `lifecycle-bounce-${seq.id}-${o.step}` },
    });
    if (posted.status !== 201) seq.violations.push(`${seq.current}: posting an update answered ${posted.status}`);
    await world.stack.dispatch(new Date(world.stack.clock.now().getTime() + 60_000));
    await settled(world);
    if (o.receiving.has(BOUNCE_ADDRESS)) {
      const found = (await world.lookup(seq, BOUNCE_ADDRESS)).json;
      if (found?.status !== 'suppressed' && !found?.suppression)
        seq.violations.push(`${seq.current}: the hard bounce left ${BOUNCE_ADDRESS} ${found?.status}`);
      suppress(o, BOUNCE_ADDRESS);
    }
  }
}

/** SNS delivers an SES Delivery event again (its own retry): no figure moves. */
class RedeliverEvent extends Step {
  constructor(readonly index: number) {
    super();
  }
  label() {
    return `SNS delivers a Delivery event again (reader #${this.index})`;
  }
  override check(m: Readonly<Ctx>) {
    return m.seq.oracle.receiving.size > 0;
  }
  async act({ world, seq }: Ctx) {
    const readers = [...seq.oracle.receiving];
    const address = readers[this.index % readers.length]!;
    const reader = await world.stack.deps.subscriberStore.findByAddress(address);
    if (!reader) return;
    const [sent] = (await world.stack.deps.ledger.recentFor(reader.id, 5)).filter(
      (d) => d.status === 'SENT' && d.messageId,
    );
    if (!sent) return;
    const figures = async () =>
      ((await world.call(seq, 'GET', '/admin/jobs', { headers: admin(world) })).json?.jobs ?? []).find(
        (j: { id: string }) => j.id === sent.jobId,
      )?.progress;
    const before = await figures();
    const event = {
      eventType: 'Delivery',
      delivery: { recipients: [reader.email], timestamp: world.stack.clock.now().toISOString() },
      mail: {
        messageId: sent.messageId,
        destination: [reader.email],
        tags: { kind: [sent.kind], job: [jobRef(sent.jobId)] },
      },
    };
    await world.stack.cloud.publishSesNotification(event);
    await world.stack.cloud.publishSesNotification(event);
    const after = await figures();
    if (JSON.stringify(after) !== JSON.stringify(before)) {
      seq.violations.push(
        `${seq.current}: a Delivery event delivered again moved the figures: ` +
          `${JSON.stringify(before)} → ${JSON.stringify(after)}`,
      );
    }
  }
}

const zone = fc.constantFrom('UTC', 'Asia/Tokyo', 'America/Lima');
const weighted = (weight: number, arbitrary: fc.Arbitrary<Cmd>) => Array.from({ length: weight }, () => arbitrary);

export function seamArbitraries(spelling: fc.Arbitrary<string>, index: fc.Arbitrary<number>): fc.Arbitrary<Cmd>[] {
  return [
    ...weighted(
      2,
      fc.tuple(spelling, zone, fc.boolean()).map(([s, z, own]): Cmd => new SubscribeWith(s, z, own)),
    ),
    ...weighted(
      1,
      fc
        .tuple(index, zone, fc.constantFrom('all' as const, 'seed' as const))
        .map(([i, z, s]): Cmd => new ChangeFollowing(i, z, s)),
    ),
    ...weighted(
      1,
      spelling.map((s): Cmd => new ImportLateConsent(s)),
    ),
    ...weighted(
      1,
      index.map((i): Cmd => new ImportLeaver(i)),
    ),
    ...weighted(
      1,
      fc.constantFrom('archived' as const, 'active' as const, 'cancelled' as const).map((t): Cmd => new StoryStatus(t)),
    ),
    ...weighted(1, fc.constant<Cmd>(new HalfDoneWithdraw())),
    ...weighted(1, fc.constant<Cmd>(new HardBounce())),
    ...weighted(
      1,
      index.map((i): Cmd => new RedeliverEvent(i)),
    ),
  ];
}
