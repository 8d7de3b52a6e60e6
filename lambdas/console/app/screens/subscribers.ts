/// <reference lib="dom" />
import { api, ApiError, enc, explain } from '../api.ts';
import { button, field, h, replaceChildren, table, when, type Child } from '../dom.ts';
import { announce, busy, heading, outcome } from '../ui.ts';
import { loadAudience, type Audience } from '../audience.ts';

/** RFC 4180 rows, comma or semicolon (whichever the header line uses), a BOM ignored. */
export function parseCsv(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, '');
  const firstLine = src.slice(0, src.search(/\r?\n|$/));
  const sep = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) { row.push(cell); cell = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

/** The export's pages (GET /admin/subscribers.csv, following `x-next-cursor`) as one CSV: the header once. */
export async function exportAll(onProgress?: (rows: number) => void): Promise<{ csv: string; rows: number }> {
  let csv = '';
  let rows = 0;
  let cursor: string | undefined;
  for (let page = 0; page < 10_000; page++) {
    const q = new URLSearchParams({ limit: String(EXPORT_PAGE_ROWS), ...(cursor ? { cursor } : {}) });
    const { data, headers } = await api<string>('GET', `/admin/subscribers.csv?${q}`, { accept: 'text/csv' });
    const text = String(data);
    // Every page is a whole CSV: its header line goes, but the first page's.
    const body = page === 0 ? text : text.slice(text.indexOf('\n') + 1);
    csv += body && !/\n$/.test(body) ? `${body}\r\n` : body;
    rows += Number(headers.get('x-row-count') ?? parseCsv(body).length - (page === 0 ? 1 : 0));
    onProgress?.(rows);
    cursor = headers.get('x-next-cursor') ?? undefined;
    if (!cursor) return { csv, rows };
  }
  throw new Error('the export did not end after 10,000 pages');
}
const EXPORT_PAGE_ROWS = 10_000;

const number = (n: number) => n.toLocaleString('en');

export async function subscribersScreen(main: HTMLElement): Promise<void> {
  const counts = h('div', null, h('p', { class: 'hint', role: 'status' }, 'Counting…'));
  replaceChildren(main, heading('Subscribers'),
    h('section', { 'aria-labelledby': 'counts' }, h('h2', { id: 'counts' }, 'Readers'), counts, exportButton()),
    lookupSection('lookup', 'Find a reader'),
    importSection());
  try {
    replaceChildren(counts, audienceTables(await loadAudience()));
  } catch (err) {
    replaceChildren(counts,
      h('p', { class: 'notice error', role: 'alert' }, `No counts: GET /admin/audience answered: ${explain(err)}`));
  }
}

/** Active readers from the counters kept as subscriptions change: one small read, never the export. */
function audienceTables(a: Audience): Child[] {
  if (a.total === 0) return [h('p', null, 'No active readers yet.')];
  const rows = (list: [string, number][]) => list.map(([k, n]): Child[] => [k, number(n)]);
  const stories = a.stories
    .map((s): [string, number] => [s.status === 'active' ? s.title : `${s.title} (${s.status})`, s.followers])
    .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
  return [
    h('p', null,
      `${number(a.total)} active ${a.total === 1 ? 'reader' : 'readers'}; `
      + `${number(a.followAll)} of them follow every story. `,
      h('span', { class: 'hint' },
        'Counted as readers confirm, change their choices, leave, are imported, suppressed or erased.')),
    table('Active readers per time zone', ['Time zone', 'Readers'], rows(a.zones.map((z) => [z.timeZone, z.readers]))),
    table('Followers per story', ['Story', 'Followers'], rows(stories)),
    a.languages.length
      ? table('Active readers per language', ['Language', 'Readers'],
        rows(a.languages.map((l) => [l.language, l.readers])))
      : null,
  ];
}

function exportButton(): HTMLElement {
  const result = outcome();
  const run = async () => {
    result.clear();
    try {
      const { csv, rows } = await exportAll((n) => result.ok(`Fetching the export… ${number(n)} rows so far.`));
      // A BOM, so that spreadsheet programs read the file as UTF-8; the import ignores it.
      const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
      const a = h('a', { href: url, download: `datewatch-subscribers-${new Date().toISOString().slice(0, 10)}.csv`, hidden: true });
      document.body.append(a); a.click(); a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      result.ok(`Downloaded ${number(rows)} readers as CSV. It holds addresses and consent evidence: keep it safe and delete it when done.`);
      announce(`Export downloaded: ${rows} readers`);
    } catch (err) {
      result.error(`No export: ${explain(err)}`);
    }
  };
  const b: HTMLButtonElement = button('Download all as CSV', () => { b.disabled = true; void run().finally(() => { b.disabled = false; }); }, { class: 'secondary' });
  return h('div', null, h('div', { class: 'actions' }, b), result.el);
}

/** One reader's record: status, preferences, consent, suppression, deliveries; erasure. */
export function lookupSection(id: string, title: string, onlySuppression = false): HTMLElement {
  const email = field('Email address', `${id}-email`, { type: 'email', required: true, autocomplete: 'off' });
  const found = h('div');
  const result = outcome();
  const form: HTMLFormElement = h('form', {
    class: 'inline-form', role: 'search', 'aria-label': title,
    onsubmit: (e: Event) => {
      e.preventDefault();
      void busy(form, async () => {
        result.clear(); replaceChildren(found);
        try {
          const { data } = await api<Record<string, any>>('GET', `/admin/subscribers/${enc(email.input.value.trim())}`);
          replaceChildren(found, onlySuppression ? suppressionView(data) : readerView(data, () => replaceChildren(found)));
          announce(`Found ${data.email ?? email.input.value}: ${data.status}`);
        } catch (err) {
          // Never seen is an answer, not an error: no suppression stands in the way of mail to it.
          if (onlySuppression && err instanceof ApiError && err.status === 404) {
            const address = email.input.value.trim();
            result.ok(`${address} is not suppressed: mail may go to it. No reader has this address either.`);
            announce(`${address} is not suppressed`);
          } else result.error(explain(err));
        }
      });
    },
  }, email.wrap, h('button', { type: 'submit' }, 'Look up'));
  return h('section', { 'aria-labelledby': id }, h('h2', { id }, title), form, result.el, found);
}

function suppressionView(r: Record<string, any>): HTMLElement {
  const s = r.suppression as Record<string, unknown> | undefined;
  if (!s && !r.suppressedAt) return h('p', { class: 'notice' }, `${r.email} is not suppressed: mail may go to it.`);
  return h('div', { class: 'notice error' }, h('p', null, h('strong', null, `${r.email} is suppressed`), ': no mail goes to it, and an import never adds it.'),
    h('dl', { class: 'facts' }, entries({ reason: s?.reason ?? r.suppressionReason, since: when(String(s?.at ?? s?.createdAt ?? r.suppressedAt ?? '')), ...(s ?? {}) })));
}

function readerView(r: Record<string, any>, onErased: () => void): HTMLElement {
  const result = outcome();
  const erase = button('Erase this reader', () => {
    if (!confirm(`Erase ${r.email}? Their subscription and address entry are deleted; a suppression is kept.`)) return;
    void (async () => {
      try {
        const { data } = await api<{ suppressionKept?: boolean }>('DELETE', `/admin/subscribers/${enc(r.email)}`);
        onErased();
        announce(`${r.email} erased${data.suppressionKept ? '; the suppression is kept' : ''}`);
      } catch (err) {
        result.error(`Not erased: ${explain(err)}`);
      }
    })();
  }, { class: 'danger' });
  const deliveries = (r.recentDeliveries ?? []) as Record<string, unknown>[];
  return h('div', { class: 'card' },
    h('h3', null, r.email),
    h('dl', { class: 'facts' }, entries({
      status: r.status, created: when(r.createdAt), confirmed: when(r.confirmedAt), unsubscribed: when(r.unsubscribedAt), expires: when(r.expiresAt),
      'time zone': r.preferences?.timeZone, reminders: r.preferences?.reminders?.join(', '), digest: r.preferences?.digest,
      stories: r.preferences?.stories?.join?.(', '), 'consent requested': when(r.consent?.requestedAt), 'consent confirmed': when(r.consent?.confirmedAt),
      'consent source': r.consent?.source,
    })),
    r.suppression || r.suppressedAt ? suppressionView(r) : h('p', { class: 'hint' }, 'Not suppressed.'),
    deliveries.length ? table('Recent deliveries', Object.keys(deliveries[0]!), deliveries.map((d) => Object.values(d).map(cellText))) : h('p', { class: 'hint' }, 'No deliveries yet.'),
    r.status !== 'none' ? h('div', { class: 'actions' }, erase) : null, result.el);
}

function entries(o: Record<string, unknown>): Child[] {
  return Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== '' && typeof v !== 'object')
    .map(([k, v]) => [h('dt', null, k), h('dd', null, String(v))]);
}

const cellText = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

interface ImportRow {
  row: number; line: number; email?: string; outcome: Outcome; reason?: string; message?: string;
  problems?: { field: string; reason: string; message: string }[];
}
type Outcome = 'activated' | 'confirmation-queued' | 'unchanged' | 'skipped' | 'invalid' | 'failed';
interface ImportAnswer {
  dryRun: boolean; delimiter: string; rowNumbering?: string; columns: string[]; ignoredColumns: string[];
  counts: Record<Outcome, number> & { rows: number }; rows: ImportRow[];
  /** Rows the report leaves out (it lists a bounded number per outcome and reason); counts cover them. */
  omitted?: { rows: number; byReason: Record<string, number> };
}

const OUTCOMES: [Outcome, string, string][] = [
  ['activated', 'active at once (consent evidence in the row)', 'would be active at once (consent evidence in the row)'],
  ['confirmation-queued', 'sent a confirmation email', 'would get a confirmation email'],
  ['unchanged', 'unchanged (already active)', 'unchanged (already active)'],
  ['skipped', 'skipped', 'would be skipped'],
  ['invalid', 'invalid: not imported', 'invalid: would not be imported'],
  ['failed', 'failed: import these rows again', 'failed'],
];
const SHOWN_ROWS = 500;

/** Why a row is as it is: every problem of an invalid row (its field, the API's reason code and words), or the reason. */
function whyOf(r: ImportRow): Child {
  // The API's messages mostly start with the field's name: it is not said twice.
  if (r.problems?.length) {
    return r.problems.map((p) => h('span', { class: 'problem' },
      p.message.startsWith(p.field) ? [h('strong', null, p.field), p.message.slice(p.field.length)] : [h('strong', null, p.field), ': ', p.message], ' ', h('code', null, p.reason)));
  }
  if (!r.reason && !r.message) return '';
  return [r.message ?? '', r.reason ? [' ', h('code', null, r.reason)] : null];
}

function rowsTable(caption: string, rows: ImportRow[]): HTMLTableElement {
  const t = table(caption, ['Row', 'Line', 'Email', 'Outcome', 'Why'],
    rows.slice(0, SHOWN_ROWS).map((r) => [String(r.row), String(r.line), r.email ?? '', r.outcome, whyOf(r)]));
  rows.slice(0, SHOWN_ROWS).forEach((r, i) => {
    if (r.outcome === 'invalid' || r.outcome === 'failed') t.tBodies[0]!.rows[i]!.classList.add('bad');
  });
  return t;
}

/** The API's report: what happened (or would), the rows that were not imported by row and line, and every row. */
function importReport(data: ImportAnswer, extra: Child = null): HTMLElement {
  const dry = data.dryRun;
  const notImported = data.rows.filter((r) => r.outcome !== 'activated' && r.outcome !== 'confirmation-queued');
  const counts = OUTCOMES.filter(([o]) => data.counts[o]).map(([o, done, would]) => h('li', null, h('strong', null, number(data.counts[o])), ` ${dry ? would : done}`));
  const more = (n: number) => (n > SHOWN_ROWS ? h('p', { class: 'hint' }, `The first ${SHOWN_ROWS} of ${number(n)} are shown.`) : null);
  return h('div', { class: 'card report' },
    h('h3', { tabindex: '-1' }, dry ? 'Dry run: nothing was written or sent' : 'Import done'),
    h('p', null, `${number(data.counts.rows)} rows read (separated by “${data.delimiter}”).`),
    counts.length ? h('ul', { class: 'counts' }, counts) : null,
    h('dl', { class: 'facts' },
      h('dt', null, 'Columns read'), h('dd', null, data.columns.join(', ') || '—'),
      data.ignoredColumns.length ? [h('dt', null, 'Columns ignored'), h('dd', null, data.ignoredColumns.join(', '))] : null),
    notImported.length ? [rowsTable(`${dry ? 'Rows that would not be imported' : 'Rows not imported'} (${number(notImported.length)})`, notImported), more(notImported.length)] : null,
    data.omitted?.rows ? h('p', { class: 'hint' }, `The report lists ${number(data.rows.length)} rows; ${number(data.omitted.rows)} more are counted above but not listed (${
      Object.entries(data.omitted.byReason).map(([reason, n]) => `${reason}: ${number(n)}`).join(', ')}).`) : null,
    data.rowNumbering ? h('p', { class: 'hint' }, `Row 1 is the first row after the header; line is the line of the file, the header being line 1.`) : null,
    extra,
    data.rows.length ? h('details', null, h('summary', null, `Every row (${number(data.rows.length)})`), rowsTable('Every row', data.rows), more(data.rows.length)) : null);
}

/** A CSV file's text, refused unless it is UTF-8 (what the API reads). */
async function fileText(f: File): Promise<string> {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await f.arrayBuffer());
  } catch {
    throw new Error(`${f.name} is not UTF-8: save it as “CSV UTF-8” and choose it again`);
  }
}

/** Large files stay out of the text box (they are sent as chosen); smaller ones are shown there, to read or fix. */
const SHOW_FILE_BYTES = 256 * 1024;

function importSection(): HTMLElement {
  const file = h('input', { type: 'file', id: 'import-file', accept: '.csv,text/csv', 'aria-describedby': 'import-file-hint' });
  const text = field('Or paste the CSV', 'import-text', { multiline: true, rows: 6, hint: 'Header row first. Comma or semicolon. An export imports back as it is.' });
  const report = h('div');
  const result = outcome();
  const fileNote = h('p', { class: 'hint', role: 'status' });
  /** A chosen file too large to show: sent as it is, until the text box is edited. */
  let aside: { name: string; text: string } | undefined;
  const csvNow = () => aside?.text ?? text.input.value;
  /** What the last dry run checked: only that exact text may then be imported. */
  let checked: string | undefined;

  file.addEventListener('change', () => {
    const f = file.files?.[0];
    result.clear(); replaceChildren(fileNote); aside = undefined;
    if (!f) return;
    void fileText(f).then((t) => {
      const lines = t.split(/\r\n|\n|\r/).filter((l) => l.trim()).length;
      if (f.size <= SHOW_FILE_BYTES) text.input.value = t;
      else { aside = { name: f.name, text: t }; text.input.value = ''; }
      replaceChildren(fileNote, `${f.name}: ${number(Math.max(0, lines - 1))} rows after the header${aside ? ' (too many to show here: the file is sent as chosen)' : ''}. Check it with a dry run.`);
      text.input.dispatchEvent(new Event('input'));
    }, (err: unknown) => { file.value = ''; result.error(explain(err)); });
  });
  text.input.addEventListener('input', (e) => {
    if (e.isTrusted && aside) { aside = undefined; file.value = ''; replaceChildren(fileNote); }
    if (checked !== undefined && csvNow() !== checked) {
      checked = undefined;
      report.querySelector('.import-now')?.replaceWith(h('p', { class: 'notice' }, 'The CSV changed since this dry run: check it again before importing.'));
    }
  });

  const run = async (csv: string, dryRun: boolean) => {
    result.clear();
    try {
      const { data } = await api<ImportAnswer>('POST', `/admin/subscribers/import${dryRun ? '?dryRun=true' : ''}`, { text: csv, contentType: 'text/csv; charset=utf-8' });
      const willChange = data.counts.activated + data.counts['confirmation-queued'];
      let extra: Child = null;
      if (dryRun) {
        checked = csv;
        extra = willChange
          ? h('div', { class: 'actions import-now' }, button(`Import now (${number(willChange)} ${willChange === 1 ? 'reader' : 'readers'})`, (e) => {
            const b = e.currentTarget as HTMLButtonElement;
            b.disabled = true;
            void run(csv, false).finally(() => { b.disabled = false; });
          }))
          : h('p', { class: 'notice' }, 'Nothing to import: no row would add or confirm a reader.');
      } else checked = undefined;
      replaceChildren(report, importReport(data, extra));
      report.querySelector<HTMLElement>('h3')?.focus();
      announce(dryRun ? `Dry run: ${data.counts.invalid} invalid rows, ${willChange} to import; nothing was written` : `Imported: ${data.counts.activated} active, ${data.counts['confirmation-queued']} asked to confirm`);
    } catch (err) {
      replaceChildren(report);
      result.error(`The ${dryRun ? 'dry run' : 'import'} answered: ${explain(err)}`);
    }
  };

  const form: HTMLFormElement = h('form', {
    class: 'stack', 'aria-labelledby': 'import',
    onsubmit: (e: Event) => {
      e.preventDefault();
      const csv = csvNow();
      if (!csv.trim()) { result.error('Choose a CSV file or paste its text first.'); return; }
      void busy(form, () => run(csv, true));
    },
  },
  h('div', { class: 'field' }, h('label', { for: 'import-file' }, 'CSV file'), h('p', { class: 'hint', id: 'import-file-hint' }, 'UTF-8, with or without a BOM; at most 4 MB.'), file, fileNote),
  text.wrap,
  h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Check (dry run)')), result.el);
  return h('section', { 'aria-labelledby': 'import' }, h('h2', { id: 'import' }, 'Import readers'),
    h('p', null, 'A dry run first shows what the import would do, row by row; then import the same text. Only ', h('code', null, 'email'), ' is required; the other columns are ',
      ['status', 'timeZone', 'reminders', 'digest', 'stories', 'events', 'consentDate', 'consentSource'].map((c, i) => [i ? ', ' : '', h('code', null, c)]), '.'),
    h('ul', { class: 'hint' },
      h('li', null, 'A row with consent evidence (consentDate and consentSource) makes an active reader at once.'),
      h('li', null, 'Every other row goes through sign-up: the reader gets a confirmation email and is active only once they click it.'),
      h('li', null, 'Suppressed addresses are never imported; active readers are left as they are.')),
    form, report);
}

export async function suppressionsScreen(main: HTMLElement): Promise<void> {
  replaceChildren(main, heading('Suppressions'),
    h('p', { class: 'lead' }, 'Hard bounces, complaints and readers\' "never mail me" keep an address from ever being mailed again, even after erasure. They are kept as keyed hashes, so they can be checked but not listed.'),
    lookupSection('suppression-lookup', 'Is an address suppressed?', true));
}
