/// <reference lib="dom" />
import { h, type Child } from './dom.ts';

// A job's progress as GET /admin/jobs (and a story's updates) answer it: the API's own type, erased from the bundle.
import type { JobProgress } from '#core/jobs-admin.ts';
export type { JobProgress };

export const number = (n: number): string => n.toLocaleString('en');
const readers = (n: number): string => `${number(n)} ${n === 1 ? 'reader' : 'readers'}`;

/**
 * "12 targeted · 10 sent · 2 skipped · 9 delivered · 1 bounced · 0 complained", each skip reason in words below.
 * Delivered, bounced and complained are SES's own events for the mail sent; nothing says whether anyone opened it.
 */
export function progressView(p: JobProgress | undefined): Child {
  const skipped = p ? p.skipped.reduce((n, s) => n + s.readers, 0) : 0;
  // A job that never reached the sender (skipped whole by the dispatcher, or still fanning out) has no figures yet.
  if (!p || (p.targeted === undefined && p.sent === 0 && skipped === 0)) return '—';
  const figures: [string, number | undefined][] = [
    ['targeted', p.targeted],
    ['sent', p.sent],
    ['skipped', skipped],
    ['waiting', p.waiting || undefined],
    ['delivered', p.delivered],
    ['bounced', p.bounced],
    ['complained', p.complained],
  ];
  return h(
    'div',
    { class: 'progress-figures' },
    h(
      'ul',
      { class: 'figures' },
      figures
        .filter(([, n]) => n !== undefined)
        .map(([label, n]) =>
          h(
            'li',
            { class: label === 'bounced' || label === 'complained' ? (n ? 'warn' : undefined) : undefined },
            h('strong', null, number(n!)),
            ` ${label}`,
          ),
        ),
    ),
    p.skipped.length
      ? h(
          'ul',
          { class: 'hint reasons', 'aria-label': 'Skipped, by reason' },
          p.skipped.map((s) => h('li', null, `${readers(s.readers)}: ${s.reason}`)),
        )
      : null,
  );
}
