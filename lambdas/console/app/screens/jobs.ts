/// <reference lib="dom" />
import { api } from '../api.ts';
import { h, replaceChildren, select, table, when } from '../dom.ts';
import { heading } from '../ui.ts';

interface Job {
  id: string; kind: string; dueAt: string; status: string; reason?: string; recipients?: number;
  timeZone?: string; storyId?: string; eventId?: string; lead?: string; digest?: string; createdAt?: string;
  [more: string]: unknown;
}

/** Numbers a job may carry besides its recipients (sent, failed, skipped …), shown as they come. */
const countsOf = (j: Job): string => Object.entries(j)
  .filter(([k, v]) => typeof v === 'number' && k !== 'recipients')
  .map(([k, v]) => `${k} ${v}`).join(', ');

const aboutOf = (j: Job): string => [
  j.storyId && `story ${j.storyId}`, j.eventId && `event ${j.eventId}`, j.lead && `lead ${j.lead}`,
  j.digest && `${j.digest} digest`, j.timeZone && `zone ${j.timeZone}`,
].filter(Boolean).join(' · ');

/** What the dispatcher made of each minute: due, queued, skipped (and why), per kind, with filters. */
export async function jobsScreen(main: HTMLElement, params: URLSearchParams): Promise<void> {
  const { data } = await api<{ jobs: Job[] }>('GET', '/admin/jobs');
  const jobs = data.jobs;
  const kinds = [...new Set(jobs.map((j) => j.kind))].sort();
  const statuses = [...new Set(jobs.map((j) => j.status))].sort();
  const kind = select('Kind', 'kind', [['', 'Every kind'], ...kinds.map((k): [string, string] => [k, k])], params.get('kind') ?? '');
  const status = select('Status', 'status', [['', 'Every status'], ...statuses.map((s): [string, string] => [s, s])], params.get('status') ?? '');
  const text = h('input', { id: 'job-filter', type: 'search', autocomplete: 'off', placeholder: 'story, event or zone' });
  const count = h('p', { role: 'status', class: 'hint' });
  const listing = h('div');

  const summary = table('Jobs per kind and status', ['Kind', ...statuses, 'Recipients'], kinds.map((k) => {
    const own = jobs.filter((j) => j.kind === k);
    return [k, ...statuses.map((s) => String(own.filter((j) => j.status === s).length)), String(own.reduce((n, j) => n + (j.recipients ?? 0), 0))];
  }));

  const render = () => {
    const needle = text.value.trim().toLowerCase();
    const shown = jobs.filter((j) => (!kind.input.value || j.kind === kind.input.value) && (!status.input.value || j.status === status.input.value)
      && (!needle || aboutOf(j).toLowerCase().includes(needle)));
    count.textContent = `${shown.length} of ${jobs.length} jobs shown`;
    replaceChildren(listing, shown.length === 0 ? h('p', null, 'No jobs match.') : table('Jobs, latest first', ['Due', 'Kind', 'About', 'Status', 'Recipients', 'Reason'],
      shown.map((j) => [when(j.dueAt), j.kind, aboutOf(j), h('span', { class: `badge ${j.status}` }, j.status),
        [String(j.recipients ?? '—'), countsOf(j) ? h('span', { class: 'hint' }, ` (${countsOf(j)})`) : null], j.reason ?? ''])));
  };
  for (const input of [kind.input, status.input, text]) input.addEventListener('input', render);

  replaceChildren(main, heading('Jobs'),
    h('p', { class: 'lead' }, 'The latest send jobs: reminders, digests, alerts and updates. A job is queued when its readers are handed to the sender; skipped jobs say why.'),
    jobs.length ? summary : null,
    h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter jobs', onsubmit: (e: Event) => e.preventDefault() },
      kind.wrap, status.wrap, h('div', { class: 'field' }, h('label', { for: 'job-filter' }, 'About'), text)),
    count, listing);
  render();
}
