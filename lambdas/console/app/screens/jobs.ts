/// <reference lib="dom" />
import { api } from '../api.ts';
import { h, replaceChildren, select, table, when, type Child } from '../dom.ts';
import { number, progressView, type JobProgress } from '../job-progress.ts';
import { heading } from '../ui.ts';

interface Job {
  id: string;
  kind: string;
  dueAt: string;
  status: string;
  reason?: string;
  recipients?: number;
  timeZone?: string;
  storyId?: string;
  eventId?: string;
  lead?: string;
  digest?: string;
  createdAt?: string;
  storyTitle?: string;
  eventTitle?: string;
  updateSubject?: string;
  progress?: JobProgress;
}

/** "P7D" → "7 days before", "P0D" → "on the day". */
const leadWords = (lead: string): string => {
  const days = Number(/^P(\d+)D$/.exec(lead)?.[1]);
  if (!Number.isFinite(days)) return lead;
  return days === 0 ? 'on the day' : `${days} ${days === 1 ? 'day' : 'days'} before`;
};

/** What a job is about, by title (its ids only where the title is gone). */
const aboutOf = (j: Job): string =>
  [
    j.updateSubject && `“${j.updateSubject}”`,
    j.storyTitle ?? (j.storyId && `story ${j.storyId}`),
    j.eventTitle ?? (j.eventId && `event ${j.eventId}`),
    j.lead && leadWords(j.lead),
    j.digest && `${j.digest} digest`,
    j.timeZone && j.timeZone.replace(/_/g, ' '),
  ]
    .filter(Boolean)
    .join(' · ');

/** A digest the dispatcher skipped (nothing coming up, or a later one sent): hidden by default. */
const isEmptyDigest = (j: Job): boolean => j.kind === 'digest' && j.status === 'skipped';

const statusOf = (j: Job): Child => [
  h('span', { class: `badge ${j.status}` }, j.status),
  j.reason ? h('span', { class: 'hint' }, ` ${j.reason}`) : null,
];

/** What the dispatcher made of each minute and what became of the mail: per kind, with filters. */
export async function jobsScreen(main: HTMLElement, params: URLSearchParams): Promise<void> {
  const { data } = await api<{ jobs: Job[] }>('GET', '/admin/jobs');
  const jobs = data.jobs;
  const kinds = [...new Set(jobs.map((j) => j.kind))].sort();
  const statuses = [...new Set(jobs.map((j) => j.status))].sort();
  const kind = select(
    'Kind',
    'kind',
    [['', 'Every kind'], ...kinds.map((k): [string, string] => [k, k])],
    params.get('kind') ?? '',
  );
  const status = select(
    'Status',
    'status',
    [['', 'Every status'], ...statuses.map((s): [string, string] => [s, s])],
    params.get('status') ?? '',
  );
  const text = h('input', {
    id: 'job-filter',
    type: 'search',
    autocomplete: 'off',
    placeholder: 'story, event or zone',
  });
  const emptyDigests = jobs.filter(isEmptyDigest).length;
  const showEmpty = h('input', { type: 'checkbox', id: 'job-empty-digests', checked: params.get('empty') === 'yes' });
  const count = h('p', { role: 'status', class: 'hint' });
  const listing = h('div');

  const summary = table(
    'Jobs per kind and status',
    ['Kind', ...statuses, 'Targeted', 'Sent', 'Delivered', 'Bounced', 'Complained'],
    kinds.map((k) => {
      const own = jobs.filter((j) => j.kind === k);
      const sum = (f: (p: JobProgress) => number | undefined) =>
        number(own.reduce((n, j) => n + (j.progress ? (f(j.progress) ?? 0) : 0), 0));
      return [
        k,
        ...statuses.map((s) => String(own.filter((j) => j.status === s).length)),
        sum((p) => p.targeted),
        sum((p) => p.sent),
        sum((p) => p.delivered),
        sum((p) => p.bounced),
        sum((p) => p.complained),
      ];
    }),
  );

  const render = () => {
    const needle = text.value.trim().toLowerCase();
    const matching = jobs.filter(
      (j) =>
        (!kind.input.value || j.kind === kind.input.value) &&
        (!status.input.value || j.status === status.input.value) &&
        (!needle || aboutOf(j).toLowerCase().includes(needle)),
    );
    const shown = showEmpty.checked ? matching : matching.filter((j) => !isEmptyDigest(j));
    // Only those the other filters would show: the count says what the box would add.
    const hidden = matching.length - shown.length;
    const hiddenWords = hidden ? `; ${hidden} skipped ${hidden === 1 ? 'digest' : 'digests'} hidden` : '';
    count.textContent = `${shown.length} of ${jobs.length} jobs shown${hiddenWords}`;
    replaceChildren(
      listing,
      shown.length === 0
        ? h('p', null, 'No jobs match.')
        : table(
            'Jobs, latest first',
            ['Due', 'Kind', 'About', 'Status', 'Readers'],
            shown.map((j) => [when(j.dueAt), j.kind, aboutOf(j), statusOf(j), progressView(j.progress)]),
          ),
    );
  };
  for (const input of [kind.input, status.input, text, showEmpty]) input.addEventListener('input', render);

  replaceChildren(
    main,
    heading('Jobs'),
    h(
      'p',
      { class: 'lead' },
      'The latest send jobs: reminders, digests, alerts and updates, with what became of their mail. ' +
        "Delivered, bounced and complained are the receiving mail servers' answers as SES reports them; " +
        'nothing tracks whether a reader opened a mail or clicked in it.',
    ),
    jobs.length ? summary : null,
    h(
      'form',
      { class: 'filters', role: 'search', 'aria-label': 'Filter jobs', onsubmit: (e: Event) => e.preventDefault() },
      kind.wrap,
      status.wrap,
      h('div', { class: 'field' }, h('label', { for: 'job-filter' }, 'About'), text),
      h(
        'div',
        { class: 'field choice' },
        showEmpty,
        h(
          'label',
          { for: 'job-empty-digests' },
          `Show skipped digests: nothing coming up, or a later one sent (${number(emptyDigests)})`,
        ),
      ),
    ),
    count,
    listing,
  );
  render();
}
