/// <reference lib="dom" />
import { api, enc, explain } from '../api.ts';
import { button, field, h, replaceChildren, select } from '../dom.ts';
import { announce, busy, heading, outcome } from '../ui.ts';
import { largestAudienceZone } from '../audience.ts';
import type { When } from '#core/model/event.ts';

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
  /** The reader's language (en, ja, ru): the mail's words and dates, and the editors' translations. */
  language?: string;
  lead?: string;
  at?: string;
  /** A stored story update (from GET /admin/stories/{id}/updates). */
  update?: string;
  /** A story update's draft, previewed before it is sent. */
  subject?: string;
  body?: string;
  /** A move or confirmation before it is saved: the values about to be saved, over the stored event. */
  date?: string;
  /** A move, confirmation or cancellation before it is saved: its source, as the alert will quote it. */
  sourcePublisher?: string;
  sourceQuote?: string;
  startTime?: string;
  eventTimeZone?: string;
  place?: string;
}

interface Preview { subject: string; html: string; text: string; note?: string }

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
          data.note ? h('p', { class: 'notice' }, data.note) : null,
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

/** The readers' languages, as the Previews screen and the withdraw screen offer them. */
export const LANGUAGE_OPTIONS: [string, string][] = [
  ['en', 'English'], ['ja', '日本語 (Japanese)'], ['ru', 'Русский (Russian)'],
];

type ListedEvent = { id: string; title: string; storyId: string; status: string; timeZone: string } & When;

/** The next event a kind of email can be about: a provisional one for "date confirmed", a dated one otherwise. */
const fits = (kind: string, e: ListedEvent): boolean =>
  e.status === 'scheduled' && (kind === 'confirmed' ? !!e.range : !e.range);

/** A calendar date a number of days on (calendar arithmetic on the date alone: no zone enters it). */
function daysAfter(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The would-be date a preview starts from: the provisional range's first day, or the day after the event's. */
const wouldBeDate = (kind: string, e: ListedEvent | undefined): string => {
  if (!e) return '';
  if (kind === 'confirmed') return e.range?.from ?? '';
  const day = e.date ?? e.startTime?.slice(0, 10);
  return day ? daysAfter(day, 1) : '';
};

const CHANGE_KINDS = ['moved', 'confirmed', 'cancelled'];

/** What an event's label adds after its title: why it is not an ordinary dated event. */
const stateOf = (e: ListedEvent): string =>
  (e.status === 'cancelled' ? ' (cancelled)' : e.range ? ' (to be confirmed)' : '');

export async function previewsScreen(main: HTMLElement, params: URLSearchParams): Promise<void> {
  const [stories, events, upcoming, audienceZone] = await Promise.all([
    api<{ stories: { id: string; title: string; status: string }[] }>('GET', '/admin/stories')
      .then((r) => r.data.stories).catch(() => []),
    api<{ events: ListedEvent[] }>('GET', '/admin/events').then((r) => r.data.events).catch(() => []),
    // The public list: what is still to come by the stack's own clock, in start order.
    api<{ events: { id: string }[] }>('GET', '/events')
      .then((r) => r.data.events.map((e) => e.id)).catch(() => [] as string[]),
    // Where most readers are (the readers' counters): what most of them will see.
    largestAudienceZone(),
  ]);
  const titleOf = new Map(stories.map((s) => [s.id, s.title]));
  const byId = new Map(events.map((e) => [e.id, e]));
  const nextOf = (storyId: string, k: string): ListedEvent | undefined => {
    const own = (e: ListedEvent) => (!storyId || e.storyId === storyId) && fits(k, e);
    return upcoming.map((id) => byId.get(id)).find((e): e is ListedEvent => !!e && own(e)) ?? events.find(own);
  };
  const firstKind = params.get('kind') ?? 'reminder';
  // The story of the next event coming up, unless the link names one.
  const firstStory = params.get('story')
    ?? nextOf('', firstKind === 'confirmed' ? 'confirmed' : 'reminder')?.storyId ?? stories[0]?.id ?? '';
  const kind = select('Email', 'kind', PREVIEW_KINDS, firstKind);
  const storyOptions = stories.map((s): [string, string] => [s.id, s.title]);
  const story = select('Story', 'story', [['', 'Every story'], ...storyOptions], firstStory);
  const event = select('Event', 'event', [], '',
    'Reminders and alerts are about one event: the story\'s next one, unless you choose.');
  const timeZone = field("Reader's time zone", 'timeZone', {
    value: params.get('timeZone') ?? '', hint: 'An IANA zone, such as Asia/Tokyo', attrs: { list: 'zones' },
  });
  let zoneChosen = params.has('timeZone');
  timeZone.input.addEventListener('input', () => { zoneChosen = true; });
  const lead = select('Reminder lead', 'lead', LEADS, params.get('lead') ?? 'P1D');
  const language = select("Reader's language", 'language', LANGUAGE_OPTIONS, params.get('language') ?? 'en',
    'As a reader who chose it gets the mail: its words, dates and your translations of the text.');
  const date = field('Would-be date', 'would-be-date',
    { type: 'date', hint: 'The day the event would move to, or be confirmed for.' });
  const changePublisher = field('Publisher', 'change-publisher', { placeholder: 'Kyodo News' });
  const changeQuote = field('Their words', 'change-quote',
    { multiline: true, rows: 2, hint: 'As the alert will quote them.' });
  const changeSet = h('fieldset', { class: 'source' },
    h('legend', null, 'Source of the change'), changePublisher.wrap, changeQuote.wrap);
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
  /** The event list of the chosen story ("story — event"), its next event chosen; the zone and would-be date follow. */
  const listEvents = (wanted?: string) => {
    const storyId = story.input.value;
    const k = kind.input.value;
    const shown = events.filter((e) => !storyId || e.storyId === storyId);
    const chosen = (wanted && byId.get(wanted)) || nextOf(storyId, k);
    replaceChildren(event.input, shown.length === 0 ? h('option', { value: '' }, 'This story has no events')
      : shown.map((e) => h('option', { value: e.id, selected: e.id === chosen?.id },
        `${titleOf.get(e.storyId) ?? e.storyId} — ${e.title}${stateOf(e)}`)));
    eventChanged();
  };
  const eventChanged = () => {
    const e = byId.get(event.input.value) ?? nextOf(story.input.value, 'reminder');
    // The zone of the largest audience until the editor picks one; with no readers yet, the event's own zone.
    if (!zoneChosen) timeZone.input.value = audienceZone ?? e?.timeZone ?? '';
    date.input.value = wouldBeDate(kind.input.value, byId.get(event.input.value));
  };
  const panel = previewPanel();
  const query = (): PreviewQuery => {
    const k = kind.input.value;
    const change = CHANGE_KINDS.includes(k) && changePublisher.input.value.trim() && changeQuote.input.value.trim()
      ? { sourcePublisher: changePublisher.input.value.trim(), sourceQuote: changeQuote.input.value.trim() } : {};
    return {
      kind: k, story: story.input.value || undefined,
      event: ['confirmation', 'digest', 'update'].includes(k) ? undefined : event.input.value || undefined,
      timeZone: timeZone.input.value.trim() || undefined, lead: k === 'reminder' ? lead.input.value : undefined,
      language: language.input.value === 'en' ? undefined : language.input.value,
      at: instantOf(at.input.value),
      update: k === 'update' ? update.input.value || undefined : undefined,
      date: k === 'moved' || k === 'confirmed' ? date.input.value || undefined : undefined,
      ...change,
    };
  };
  const sync = () => {
    const k = kind.input.value;
    lead.wrap.hidden = k !== 'reminder';
    update.wrap.hidden = k !== 'update';
    event.wrap.hidden = ['confirmation', 'digest', 'update'].includes(k);
    date.wrap.hidden = k !== 'moved' && k !== 'confirmed';
    changeSet.hidden = !CHANGE_KINDS.includes(k);
    // The sender's own moment: a reminder goes out at its lead before the event, in the reader's zone.
    atHint.textContent = k === 'reminder'
      ? 'Your clock. Empty: the moment this reminder would go out (its lead before the event, in the reader\'s zone).'
      : 'Your clock. Empty: now.';
  };
  kind.input.addEventListener('change', () => {
    sync();
    // The chosen event stays while it suits the kind ("date confirmed" needs one still to be confirmed).
    const current = byId.get(event.input.value);
    listEvents(current && fits(kind.input.value, current) ? current.id : undefined);
    void loadUpdates();
  });
  story.input.addEventListener('change', () => { listEvents(); void loadUpdates(); });
  event.input.addEventListener('change', eventChanged);
  sync();
  listEvents(params.get('event') ?? undefined);
  await loadUpdates(params.get('update') ?? '');
  const form: HTMLFormElement = h('form', { class: 'stack', onsubmit: (e: Event) => { e.preventDefault(); void busy(form, () => panel.show(query())); } },
    kind.wrap, story.wrap, update.wrap, event.wrap, date.wrap, changeSet, timeZone.wrap, language.wrap, lead.wrap,
    at.wrap,
    h('div', { class: 'actions' },
      h('button', { type: 'submit' }, 'Show preview'),
      button('Send me a test', () => void busy(form, () => panel.testSend(query())), { class: 'secondary' })));
  replaceChildren(main, heading('Previews'),
    h('p', { class: 'lead' }, 'See an email exactly as the sender would build it for a reader, and send one to yourself.'),
    h('div', { class: 'two-col' }, form, panel.el), zoneList());
  // On arrival, the preview of what the form holds: the story's next event, in the largest audience's zone.
  void panel.show(query());
}

/** Every IANA zone the browser knows, for the zone inputs' suggestions. */
export function zoneList(): HTMLDataListElement {
  const existing = document.getElementById('zones');
  if (existing) existing.remove();
  const zones = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return h('datalist', { id: 'zones' }, zones.map((z) => h('option', { value: z })));
}
