/// <reference lib="dom" />
import { api, ApiError, enc, explain } from '../api.ts';
import { currentSession } from '../auth.ts';
import { button, field, h, replaceChildren, table, when, type Child } from '../dom.ts';
import { announce, busy, heading, outcome } from '../ui.ts';

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

/** Readers per status, zone and story, counted from the export (the API's own CSV). */
function countsFrom(csv: string): { total: number; by: Record<string, Map<string, number>> } {
  const [header = [], ...rows] = parseCsv(csv);
  const col = (...names: string[]) => header.findIndex((h) => names.includes(h.trim().toLowerCase().replace(/[^a-z]/g, '')));
  const columns = { Status: col('status'), 'Time zone': col('timezone', 'zone'), Story: col('stories', 'story', 'storyid', 'storyids') };
  const by: Record<string, Map<string, number>> = {};
  for (const [name, index] of Object.entries(columns)) {
    if (index < 0) continue;
    const counts = new Map<string, number>();
    for (const r of rows) for (const value of (r[index] ?? '').split(/[|\s]+/).filter(Boolean).concat((r[index] ?? '').trim() ? [] : ['(none)'])) {
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    by[name] = counts;
  }
  return { total: rows.length, by };
}

export async function subscribersScreen(main: HTMLElement): Promise<void> {
  const counts = h('div', null, h('p', { class: 'hint' }, 'Counting…'));
  replaceChildren(main, heading('Subscribers'),
    h('section', { 'aria-labelledby': 'counts' }, h('h2', { id: 'counts' }, 'Readers'), counts, exportButton()),
    lookupSection('lookup', 'Find a reader'),
    importSection());
  try {
    const { data } = await api<string>('GET', '/admin/subscribers.csv', { accept: 'text/csv' });
    const { total, by } = countsFrom(String(data));
    replaceChildren(counts, h('p', null, `${total} readers in the export.`),
      Object.entries(by).map(([name, m]) => table(`Readers per ${name.toLowerCase()}`, [name, 'Readers'],
        [...m.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => [k, String(n)]))));
  } catch (err) {
    replaceChildren(counts, h('p', { class: 'notice error', role: 'alert' }, `No counts: they come from the export (GET /admin/subscribers.csv), which answered: ${explain(err)}`));
  }
}

function exportButton(): HTMLElement {
  const result = outcome();
  const run = async () => {
    try {
      const session = currentSession();
      const res = await fetch('/admin/subscribers.csv', { headers: { accept: 'text/csv', ...(session ? { authorization: `Bearer ${session.token}` } : {}) } });
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as { error?: string; message?: string };
        throw new ApiError(res.status, body.error ?? body.message ?? `export answered ${res.status}`, body);
      }
      const url = URL.createObjectURL(await res.blob());
      const a = h('a', { href: url, download: `datewatch-subscribers-${new Date().toISOString().slice(0, 10)}.csv` });
      document.body.append(a); a.click(); a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      announce('Export downloaded');
    } catch (err) {
      result.error(`No export: ${explain(err)}`);
    }
  };
  return h('div', { class: 'actions' }, button('Download all as CSV', () => void run(), { class: 'secondary' }), result.el);
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
          result.error(explain(err));
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

function importSection(): HTMLElement {
  const file = h('input', { type: 'file', id: 'import-file', accept: '.csv,text/csv', 'aria-describedby': 'import-file-hint' });
  const text = field('Or paste the CSV', 'import-text', { multiline: true, rows: 6, hint: 'Header row first: email, timeZone, … Comma or semicolon. A reader becomes active only with consent evidence (date and source) in the row; the others get a confirmation email.' });
  const dryRun = h('input', { type: 'checkbox', id: 'import-dry-run', checked: true });
  const report = h('div');
  const result = outcome();
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (f) void f.text().then((t) => { text.input.value = t; });
  });
  const form: HTMLFormElement = h('form', {
    class: 'stack',
    onsubmit: (e: Event) => {
      e.preventDefault();
      void busy(form, async () => {
        result.clear(); replaceChildren(report);
        const csv = text.input.value;
        if (!csv.trim()) { result.error('Choose a CSV file or paste its text first.'); return; }
        try {
          const { data } = await api<Record<string, unknown>>('POST', `/admin/subscribers/import${dryRun.checked ? '?dryRun=true' : ''}`, { text: csv, contentType: 'text/csv; charset=utf-8' });
          replaceChildren(report, importReport(data, dryRun.checked));
          announce(dryRun.checked ? 'Dry run done: nothing was imported' : 'Import done');
        } catch (err) {
          result.error(`The import answered: ${explain(err)}`, err instanceof ApiError && Object.keys(err.body).length > 1 ? importReport(err.body, dryRun.checked) : null);
        }
      });
    },
  },
  h('div', { class: 'field' }, h('label', { for: 'import-file' }, 'CSV file'), h('p', { class: 'hint', id: 'import-file-hint' }, 'UTF-8, with or without a BOM.'), file),
  text.wrap,
  h('div', { class: 'choice' }, dryRun, h('label', { for: 'import-dry-run' }, 'Dry run: show what would happen, change nothing')),
  h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Import')), result.el);
  return h('section', { 'aria-labelledby': 'import' }, h('h2', { id: 'import' }, 'Import readers'), form, report);
}

/** The per-row report, whatever its exact shape: every list of rows as a table (bad rows marked), the rest as facts. */
function importReport(data: Record<string, unknown>, dryRun: boolean): HTMLElement {
  const facts: Record<string, unknown> = {};
  const tables: HTMLElement[] = [];
  const visit = (prefix: string, o: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(o)) {
      if (Array.isArray(v) && v.every((x) => typeof x === 'object' && x !== null)) {
        const rows = v as Record<string, unknown>[];
        if (rows.length === 0) continue;
        const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
        const t = table(`${prefix}${k} (${rows.length})`, columns, rows.map((r) => columns.map((c) => cellText(r[c]))));
        rows.forEach((r, i) => { if (r.error || r.reason || r.errors || /invalid|error|reject|bad/i.test(String(r.status ?? r.outcome ?? ''))) t.tBodies[0]!.rows[i]!.classList.add('bad'); });
        tables.push(t);
      } else if (v && typeof v === 'object' && !Array.isArray(v)) visit(`${prefix}${k} `, v as Record<string, unknown>);
      else facts[`${prefix}${k}`] = Array.isArray(v) ? v.join(', ') : v;
    }
  };
  visit('', data);
  return h('div', { class: 'card' }, h('h3', null, dryRun ? 'Dry run: what would happen' : 'What happened'), h('dl', { class: 'facts' }, entries(facts)), tables);
}

export async function suppressionsScreen(main: HTMLElement): Promise<void> {
  replaceChildren(main, heading('Suppressions'),
    h('p', { class: 'lead' }, 'Hard bounces, complaints and readers\' "never mail me" keep an address from ever being mailed again, even after erasure. They are kept as keyed hashes, so they can be checked but not listed.'),
    lookupSection('suppression-lookup', 'Is an address suppressed?', true));
}
