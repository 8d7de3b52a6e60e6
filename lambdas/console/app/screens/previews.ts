/// <reference lib="dom" />
import { api, enc, explain } from '../api.ts';
import { button, field, h, replaceChildren, select } from '../dom.ts';
import { announce, busy, heading, outcome } from '../ui.ts';

export const PREVIEW_KINDS: [string, string][] = [
  ['confirmation', 'Confirmation'], ['reminder', 'Reminder'], ['digest', 'Digest'],
  ['moved', 'Moved alert'], ['confirmed', 'Date confirmed alert'], ['cancelled', 'Cancelled alert'], ['update', 'Story update'],
];
export const LEADS: [string, string][] = [['P14D', '14 days before'], ['P7D', '7 days before'], ['P3D', '3 days before'], ['P1D', 'The day before'], ['P0D', 'On the day']];

/** What a preview or a test send is of: the same fields for both (the test send adds nothing but the kind). */
export interface PreviewQuery {
  kind: string;
  event?: string;
  story?: string;
  timeZone?: string;
  lead?: string;
  at?: string;
  /** A stored story update (from GET /admin/stories/{id}/updates). */
  update?: string;
  /** A story update's draft, previewed before it is sent. */
  subject?: string;
  body?: string;
  /** A move or confirmation before it is saved: the values about to be saved, over the stored event. */
  date?: string;
  startTime?: string;
  eventTimeZone?: string;
  place?: string;
}

interface Preview { subject: string; html: string; text: string }

const queryString = (q: PreviewQuery): string => {
  const params = new URLSearchParams();
  for (const [key, v] of Object.entries(q)) if (key !== 'kind' && typeof v === 'string' && v !== '') params.set(key, v);
  const s = params.toString();
  return s ? `?${s}` : '';
};

/**
 * An email as readers will get it: subject, the HTML in a sandboxed frame (no scripts, no same origin, no
 * forms) and the text version beside it (below it on a phone).
 */
export function previewPanel(title = 'Preview'): { el: HTMLElement; show(q: PreviewQuery): Promise<boolean>; testSend(q: PreviewQuery): Promise<void> } {
  const headingId = `preview-${Math.random().toString(36).slice(2, 8)}`;
  const body = h('div', { class: 'preview-body' });
  const result = outcome();
  // Hidden until asked for, so an empty heading does not sit in the page.
  const el = h('section', { class: 'preview', 'aria-labelledby': headingId, hidden: true }, h('h2', { id: headingId }, title), result.el, body);
  return {
    el,
    async show(q) {
      el.hidden = false;
      result.clear();
      replaceChildren(body, h('p', { class: 'hint' }, 'Loading the preview…'));
      try {
        const { data } = await api<Preview>('GET', `/admin/previews/${enc(q.kind)}${queryString(q)}`);
        replaceChildren(body,
          h('p', { class: 'subject' }, h('strong', null, 'Subject: '), data.subject),
          h('div', { class: 'preview-pair' },
            h('div', null,
              h('h3', null, 'HTML version'),
              h('iframe', { sandbox: '', srcdoc: data.html, title: `HTML version of “${data.subject}”`, class: 'mail-frame', referrerpolicy: 'no-referrer' })),
            h('div', null,
              h('h3', null, 'Text version'),
              h('pre', { class: 'mail-text', tabindex: '0', 'aria-label': `Text version of “${data.subject}”` }, data.text))));
        announce(`Preview ready: ${data.subject}`);
        return true;
      } catch (err) {
        replaceChildren(body);
        result.error(`No preview: ${explain(err)}`);
        return false;
      }
    },
    async testSend(q) {
      el.hidden = false;
      result.clear();
      try {
        const { data } = await api<{ to?: string; message?: string }>('POST', '/admin/test-sends', { json: withoutEmpty(q) });
        const to = data && typeof data === 'object' && data.to ? ` to ${data.to}` : ' to your own address';
        result.ok(`Test email sent${to}. It is marked as a test.`);
        announce(`Test email sent${to}`);
      } catch (err) {
        result.error(`The test email was not sent: ${explain(err)}`);
      }
    },
  };
}

function withoutEmpty(q: PreviewQuery): Record<string, string> {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => typeof v === 'string' && v !== '')) as Record<string, string>;
}

/** A datetime-local value (the editor's clock) as an ISO instant, or undefined. */
export const instantOf = (local: string): string | undefined => (local ? new Date(local).toISOString() : undefined);

export async function previewsScreen(main: HTMLElement, params: URLSearchParams): Promise<void> {
  const [stories, events] = await Promise.all([
    api<{ stories: { id: string; title: string }[] }>('GET', '/admin/stories').then((r) => r.data.stories).catch(() => []),
    api<{ events: { id: string; title: string; storyId: string }[] }>('GET', '/admin/events').then((r) => r.data.events).catch(() => []),
  ]);
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const kind = select('Email', 'kind', PREVIEW_KINDS, params.get('kind') ?? 'reminder');
  const story = select('Story', 'story', [['', 'Any story'], ...stories.map((s): [string, string] => [s.id, s.title])], params.get('story') ?? '');
  const event = select('Event', 'event', [['', 'No event'], ...events.map((e): [string, string] => [e.id, e.title])], params.get('event') ?? '',
    'Reminders and alerts are about one event.');
  const timeZone = field("Reader's time zone", 'timeZone', { value: params.get('timeZone') ?? zone, hint: 'An IANA zone, such as Asia/Tokyo', attrs: { list: 'zones' } });
  const lead = select('Reminder lead', 'lead', LEADS, params.get('lead') ?? 'P1D');
  const at = field('As if sent at', 'at', { type: 'datetime-local' });
  const atHint = at.wrap.querySelector('.hint') ?? h('p', { class: 'hint', id: `${at.input.id}-hint` });
  at.input.setAttribute('aria-describedby', atHint.id);
  at.wrap.insertBefore(atHint, at.input);
  const update = select('Update', 'update', [['', 'Choose a story first']], '', 'One of the story\'s stored updates.');
  let updatesOf = '';
  const loadUpdates = async (wanted = update.input.value) => {
    const storyId = story.input.value;
    if (kind.input.value !== 'update' || storyId === updatesOf) return;
    updatesOf = storyId;
    const list = !storyId ? [] : await api<{ updates: { id: string; subject: string; createdAt: string }[] }>('GET', `/admin/stories/${enc(storyId)}/updates`)
      .then((r) => r.data.updates).catch(() => []);
    replaceChildren(update.input, !storyId ? h('option', { value: '' }, 'Choose a story first')
      : list.length === 0 ? h('option', { value: '' }, 'This story has no updates yet')
        : list.map((u) => h('option', { value: u.id, selected: u.id === wanted }, `${u.subject} (${u.createdAt.slice(0, 10)})`)));
  };
  const panel = previewPanel();
  const query = (): PreviewQuery => ({
    kind: kind.input.value, story: story.input.value || undefined, event: event.input.value || undefined,
    timeZone: timeZone.input.value.trim() || undefined, lead: kind.input.value === 'reminder' ? lead.input.value : undefined, at: instantOf(at.input.value),
    update: kind.input.value === 'update' ? update.input.value || undefined : undefined,
  });
  const sync = () => {
    const k = kind.input.value;
    lead.wrap.hidden = k !== 'reminder';
    update.wrap.hidden = k !== 'update';
    // The sender's own moment: a reminder goes out at its lead before the event, in the reader's zone.
    atHint.textContent = k === 'reminder'
      ? 'Your clock. Empty: the moment this reminder would go out (its lead before the event, in the reader\'s zone).'
      : 'Your clock. Empty: now.';
  };
  kind.input.addEventListener('change', () => { sync(); void loadUpdates(); });
  story.input.addEventListener('change', () => void loadUpdates());
  sync();
  await loadUpdates(params.get('update') ?? '');
  const form: HTMLFormElement = h('form', { class: 'stack', onsubmit: (e: Event) => { e.preventDefault(); void busy(form, () => panel.show(query())); } },
    kind.wrap, story.wrap, update.wrap, event.wrap, timeZone.wrap, lead.wrap, at.wrap,
    h('div', { class: 'actions' },
      h('button', { type: 'submit' }, 'Show preview'),
      button('Send me a test', () => void busy(form, () => panel.testSend(query())), { class: 'secondary' })));
  replaceChildren(main, heading('Previews'),
    h('p', { class: 'lead' }, 'See an email exactly as the sender would build it for a reader, and send one to yourself.'),
    h('div', { class: 'two-col' }, form, panel.el), zoneList());
  if (params.get('kind')) void panel.show(query());
}

/** Every IANA zone the browser knows, for the zone inputs' suggestions. */
export function zoneList(): HTMLDataListElement {
  const existing = document.getElementById('zones');
  if (existing) existing.remove();
  const zones = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return h('datalist', { id: 'zones' }, zones.map((z) => h('option', { value: z })));
}
