/**
 * The real side of the lifecycle model: one local stack (dynalite, the SES emulator, every function from the
 * synthesized template) that all sequences share. Each sequence gets addresses of its own (a prefix) and starts
 * two clock hours after the last, so no state or rate-limit window carries over; what it observes in the SES
 * emulator's store is checked against the oracle after every step.
 */
import { request as httpRequest } from 'node:http';
import { clearSesStore, readSesStore, type StoredEmail } from '#local/ses-emulator.ts';
import type { LocalStack } from '#local/stack.ts';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { makeDocumentClient } from '#adapters/dynamodb/client.ts';
import type { EventStore } from '#ports/event-store.ts';
import { startTestStack } from '../support/local-stack.ts';
import {
  answeredCounts, differences, ledgerSends, modelCounts, readTable, whyFiguresWrong, type Counts, type JobJson,
} from './audit.ts';
import { addressOf, countConfirmation, newOracle, whyNoListMail, type Oracle } from './oracle.ts';

export const SEED_STORY = 'abe-putin-lima-2016';
/** SES's mailbox simulator: the same addresses in every sequence. */
export const BOUNCE_ADDRESS = 'bounce@simulator.amazonses.com';
const SHARED_ADDRESSES = [BOUNCE_ADDRESS];
const CONFIRMATION_SUBJECT = 'Confirm your Datewatch subscription';

export interface Answer { status: number; text: string; json: any }

/** One sequence's view of the stack: its own addresses, the oracle, what it has seen, what went wrong. */
export interface Sequence {
  id: number;
  /** Turns a spelling template ("{q}Alice@gmail.com") into this sequence's address. */
  address(template: string): string;
  oracle: Oracle;
  violations: string[];
  /** The step being run, for messages. */
  current: string;
  event?: { id: string; version: number; cancelled: boolean; date: string };
  mailsSeen: number;
  /** The steps run so far, as labels. */
  trace: string[];
  /** The readers' counters (a full count) when the sequence began, before any of its readers. */
  baseline: Counts;
  /** Jobs that existed when the sequence began; the others are the sequence's. */
  jobsBefore: Set<string>;
  /** Suppression and departure keys that existed when the sequence began. */
  suppressedBefore: Set<string>;
  /** The sequence's own story, once a step has made it. */
  story?: { id: string; version: number; status: 'active' | 'archived' | 'cancelled'; events: string[] };
}

export interface CallInit {
  body?: string;
  headers?: Record<string, string>;
  from?: string;
  /** A fault was injected for this request: its 500 is what is tested, not a violation. */
  crashing?: boolean;
}

export interface World {
  stack: LocalStack;
  /** The stack's table, read as an operator would (for full counts and the ledger). */
  doc: ReturnType<typeof makeDocumentClient>;
  adminToken: string;
  /** Starts a sequence: fresh addresses, a clock two hours on, an empty SES store. */
  begin(): Promise<Sequence>;
  /** An HTTP request to the stack, from a chosen loopback address; a 5xx is a violation unless `crashing`. */
  call(seq: Sequence, method: string, pathOrUrl: string, init?: CallInit): Promise<Answer>;
  /**
   * The one injected fault: with a number, the admin function stops (its write fails) after that many more
   * cancellations of events, as a crash between two of a withdraw's events would leave it.
   */
  faults: { cancelsBeforeCrash?: number };
  lookup(seq: Sequence, address: string): Promise<Answer>;
  /** Reads the mail the step caused and judges it; collects the links it carries. */
  observe(seq: Sequence): Promise<void>;
  /** Checks the counters and the jobs' figures against a full count, the model and the ledger. */
  audit(seq: Sequence): Promise<void>;
  /** The mails the step caused so far, to every address (observe reads them again). */
  freshMails(seq: Sequence): Promise<StoredEmail[]>;
  /** Erases every address the sequence used, so later sequences' dispatches do not carry its readers. */
  end(seq: Sequence, spellings: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  const faults: World['faults'] = {};
  const stack = await startTestStack({
    wrap: {
      wrapStores: (s) => (s.events ? { ...s, events: { ...s.events, replace: crashingCancels(s.events, faults) } } : s),
    },
  });
  const adminToken = await stack.adminToken();
  const sesPort = Number(new URL(stack.sesUrl).port);
  const apiPort = Number(new URL(stack.apiUrl).port);
  let sequences = 0;
  const doc = makeDocumentClient({ region: 'us-east-1', endpoint: stack.dynamoEndpoint });
  const tableName = stack.cloud.tableName;
  const adminHeaders = { authorization: `Bearer ${adminToken}` };

  function call(seq: Sequence, method: string, pathOrUrl: string, init: CallInit = {}): Promise<Answer> {
    const url = new URL(pathOrUrl, stack.apiUrl);
    const body = init.body === undefined ? undefined : Buffer.from(init.body);
    return new Promise((resolve, reject) => {
      const req = httpRequest({
        host: '127.0.0.1', port: apiPort, path: url.pathname + url.search, method, agent: false, localAddress: init.from,
        headers: { ...(body ? { 'content-length': String(body.length) } : {}), ...init.headers },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try { json = JSON.parse(text); } catch { json = undefined; }
          const status = res.statusCode ?? 0;
          if (status >= 500 && !init.crashing) seq.violations.push(`${seq.current}: ${method} ${url.pathname} answered ${status}: ${text.slice(0, 200)}`);
          resolve({ status, text, json });
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  const linkPattern = (path: string) => new RegExp(`${stack.apiUrl.replace(/\./g, '\\.')}${path}\\?token=[A-Za-z0-9._%-]+`, 'g');

  return {
    stack, adminToken, call, doc, faults,
    async begin() {
      const id = ++sequences;
      stack.clock.set(new Date(stack.clock.now().getTime() + 2 * 3_600_000));
      await clearSesStore(sesPort);
      const table = await readTable(doc, tableName);
      const starting = { violations: [], current: 'start' } as unknown as Sequence;
      const jobs = await call(starting, 'GET', '/admin/jobs', { headers: adminHeaders });
      return {
        id, oracle: newOracle(), violations: [], current: 'start', mailsSeen: 0, trace: [],
        baseline: table.counts, suppressedBefore: table.suppressedKeys,
        jobsBefore: new Set(((jobs.json?.jobs ?? []) as JobJson[]).map((j) => j.id)),
        address: (template) => template.replace('{q}', `q${id}`).replace('{Q}', `Q${id}`),
      };
    },
    lookup(seq, address) {
      return call(seq, 'GET', `/admin/subscribers/${encodeURIComponent(address)}`, { headers: { authorization: `Bearer ${adminToken}` } });
    },
    async observe(seq) {
      const mails: StoredEmail[] = await readSesStore(sesPort);
      const fresh = mails.slice(seq.mailsSeen);
      seq.mailsSeen = mails.length;
      const o = seq.oracle;
      const ours = new RegExp(`^q${seq.id}[^0-9]`, 'i');
      for (const m of fresh) {
        const to = m.destination.to[0] ?? '';
        if (!ours.test(to)) continue;
        const text = m.body.text ?? '';
        if (m.subject === CONFIRMATION_SUBJECT) {
          const why = countConfirmation(o, to, stack.clock.now());
          if (why) seq.violations.push(`${seq.current}: ${why}`);
          for (const url of text.match(linkPattern('/subscriptions/confirm')) ?? []) o.links.confirm.push({ url, address: addressOf(to), mailedStep: o.step });
          continue;
        }
        const why = whyNoListMail(o, to);
        if (why) seq.violations.push(`${seq.current}: ${why} ("${m.subject}")`);
        // A list mail tells its reader they are subscribed: the store must hold them so.
        const held = await call(seq, 'GET', `/admin/subscribers/${encodeURIComponent(to)}`, { headers: adminHeaders });
        if (held.json?.status !== 'active') {
          const as = held.json?.status ?? 'nobody';
          const said = `list mail reached ${to}, whom the store holds as ${as}`;
          seq.violations.push(`${seq.current}: ${said} ("${m.subject}")`);
        }
        for (const url of new Set(text.match(linkPattern('/unsubscribe')) ?? [])) o.links.unsubscribe.push({ url, address: addressOf(to), mailedStep: o.step });
        for (const url of new Set(text.match(linkPattern('/preferences')) ?? [])) o.links.preferences.push({ url, address: addressOf(to), mailedStep: o.step });
      }
    },
    async freshMails(seq) {
      return (await readSesStore(sesPort)).slice(seq.mailsSeen);
    },
    async audit(seq) {
      const table = await readTable(doc, tableName);
      const answer = await call(seq, 'GET', '/admin/audience', { headers: adminHeaders });
      const wrongAnswer = answeredCounts(answer.json, table.counts);
      if (wrongAnswer.length > 0) {
        seq.violations.push(`${seq.current}: GET /admin/audience differs from a full count: ${wrongAnswer.join(', ')}`);
      }
      const wrongModel = differences(table.counts, modelCounts(seq.baseline, seq.oracle));
      if (wrongModel.length > 0) {
        const list = wrongModel.join(', ');
        seq.violations.push(`${seq.current}: a full count differs from the model (count≠model): ${list}`);
      }
      const jobs = ((await call(seq, 'GET', '/admin/jobs', { headers: adminHeaders })).json?.jobs ?? []) as JobJson[];
      for (const job of jobs) {
        if (seq.jobsBefore.has(job.id)) continue;
        const sends = await ledgerSends(doc, tableName, job.id);
        for (const why of whyFiguresWrong(job, sends)) seq.violations.push(`${seq.current}: ${why}`);
      }
    },
    async end(seq, spellings) {
      const addresses = new Set([...spellings.map((t) => addressOf(seq.address(t))), ...SHARED_ADDRESSES]);
      for (const address of addresses) {
        await call(seq, 'DELETE', `/admin/subscribers/${encodeURIComponent(address)}`, { headers: { authorization: `Bearer ${adminToken}` } });
      }
      // The simulator's addresses are shared by every sequence: what one sequence's bounce suppressed,
      // the next starts without.
      const table = await readTable(doc, tableName);
      for (const pk of table.suppressedKeys) {
        if (seq.suppressedBefore.has(pk)) continue;
        await doc.send(new DeleteCommand({ TableName: tableName, Key: { pk, sk: 'SUPPRESSED' } }));
      }
    },
    async close() {
      doc.destroy();
      await stack.close();
    },
  };
}

/** The events store's write, failing once after `faults.cancelsBeforeCrash` more cancellations. */
function crashingCancels(events: EventStore, faults: World['faults']): EventStore['replace'] {
  return async (event, expected, alert) => {
    if (alert?.kind === 'cancelled' && faults.cancelsBeforeCrash !== undefined) {
      if (faults.cancelsBeforeCrash === 0) {
        faults.cancelsBeforeCrash = undefined;
        throw new Error('the function stopped before this cancellation');
      }
      faults.cancelsBeforeCrash--;
    }
    return events.replace(event, expected, alert);
  };
}
