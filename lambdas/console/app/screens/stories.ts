/// <reference lib="dom" />
import { api, ApiError, enc, explain } from '../api.ts';
import { button, field, h, replaceChildren, table, when, type Child } from '../dom.ts';
import { announce, busy, heading, outcome } from '../ui.ts';
import { followersOf } from '../audience.ts';
import { number, progressView, type JobProgress } from '../job-progress.ts';
import { previewPanel, zoneList } from './previews.ts';
import { zoneFromPlace } from './place-zone.ts';
import { archiveSection, finishWithdrawSection, storyEditForm, withdrawSection } from './story-manage.ts';
import { agoByStack } from '../time.ts';
import { translationFields } from './translations.ts';
// The admin API's own types, erased from the bundle: the console reads what the API answers, never a copy.
import type { DatedEvent, EventSource as Source, When } from '#core/model/event.ts';
import type { AdminStory, Story } from '#core/model/story.ts';


const go = (hash: string) => { location.hash = hash; };

export function whenOf(e: When): string {
  const at = e.date ? `${e.date}, all day` : e.startTime ? e.startTime.replace('T', ' ') : e.range ? `${e.range.from} to ${e.range.to}${e.range.label ? ` (${e.range.label})` : ''}` : '';
  return `${at} · ${e.timeZone}`;
}

// ---------------------------------------------------------------- stories

export async function storiesScreen(main: HTMLElement): Promise<void> {
  const list = h('div');
  const render = async () => {
    const { data } = await api<{ stories: Story[] }>('GET', '/admin/stories');
    replaceChildren(list, data.stories.length === 0 ? h('p', null, 'No stories yet.') : table('Stories', ['Story', 'Publisher', 'Published', 'Status'],
      data.stories.map((s) => [h('a', { href: `#/stories/${enc(s.id)}` }, s.title), s.publisher, s.publishedOn, s.status])));
  };
  const title = field('Title', 'title', { required: true });
  const publisher = field('Publisher', 'publisher', { required: true, placeholder: 'Kyodo News' });
  const publishedOn = field('Published on', 'publishedOn', { type: 'date', required: true });
  const url = field('Link to the story', 'url', { type: 'url', placeholder: 'https://' });
  const summary = field('Summary', 'summary', { multiline: true, rows: 3 });
  const id = field('Short name (id)', 'id', { hint: 'Lower-case letters, digits and dashes; made from the title when empty.' });
  const translations = translationFields('story', undefined);
  const result = outcome();
  const form: HTMLFormElement = h('form', {
    class: 'stack', 'aria-labelledby': 'new-story',
    onsubmit: (e: Event) => {
      e.preventDefault();
      void busy(form, async () => {
        const body: Record<string, unknown> = { title: title.input.value.trim(),
          publisher: publisher.input.value.trim(), publishedOn: publishedOn.input.value };
        if (url.input.value.trim()) body.url = url.input.value.trim();
        if (summary.input.value.trim()) body.summary = summary.input.value.trim();
        if (id.input.value.trim()) body.id = id.input.value.trim();
        if (translations.value()) body.translations = translations.value();
        try {
          const { data } = await api<Story>('POST', '/admin/stories', { json: body });
          announce(`Story “${data.title}” created`);
          go(`#/stories/${enc(data.id)}`);
        } catch (err) {
          result.error(`The story was not created: ${explain(err)}`);
        }
      });
    },
  }, title.wrap, publisher.wrap, publishedOn.wrap, url.wrap, summary.wrap, translations.set, id.wrap, result.el,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Create story')));
  replaceChildren(main, heading('Stories'), list, h('h2', { id: 'new-story' }, 'New story'), form);
  await render();
}

// ---------------------------------------------------------------- one story and its events

export async function storyScreen(main: HTMLElement, storyId: string, message?: string): Promise<void> {
  const updates = updatesList(storyId);
  const [{ data: story, etag }, { data: all }] = await Promise.all([
    api<AdminStory>('GET', `/admin/stories/${enc(storyId)}`),
    api<{ events: DatedEvent[] }>('GET', '/admin/events'),
  ]);
  const events = all.events.filter((e) => e.storyId === story.id);
  const facts = h('dl', { class: 'facts' },
    h('dt', null, 'Publisher'), h('dd', null, story.publisher),
    h('dt', null, 'Published'), h('dd', null, story.publishedOn),
    h('dt', null, 'Status'), h('dd', null, story.status),
    h('dt', null, 'Last changed'), h('dd', null, lastChanged(story.updatedAt)),
    story.url ? [h('dt', null, 'Link'),
      h('dd', null, h('a', { href: story.url, rel: 'noopener noreferrer', target: '_blank' }, story.url))] : null,
    h('dt', null, 'Readers see'), h('dd', null, h('a', { href: `/stories/${enc(story.id)}` }, 'its public page')));
  const eventList = events.length === 0 ? h('p', null, 'No events yet.') : table(`Events of ${story.title}`, ['Event', 'When', 'Place', 'Status'],
    events.map((e) => [h('a', { href: `#/events/${enc(e.id)}` }, e.title), whenOf(e), e.place, e.status]), { captionHidden: true });
  const live = story.status === 'active';
  const done = outcome();
  const manage = {
    story, etag: etag ?? `"${story.version}"`, events,
    reload: async (said: string) => {
      await storyScreen(main, storyId, said);
      announce(said);
    },
  };
  replaceChildren(main, heading(story.title), live ? null : readOnlyBanner(storyBanner(story)), done.el, facts,
    live ? h('p', { class: 'actions' },
      h('a', { class: 'button-link', href: `#/stories/${enc(story.id)}/update` }, 'Write an update to followers'),
      h('a', { class: 'button-link secondary', href: `#/previews?kind=digest&story=${enc(story.id)}` },
        'Preview a digest')) : null,
    h('h2', null, 'Events'), eventList,
    h('h2', { id: 'updates-heading' }, 'Updates to followers'), updates.el,
    live ? [h('h2', { id: 'new-event' }, 'New event'), eventForm({ story }), zoneList()] : null,
    live ? [h('h2', { id: 'edit-story' }, 'Edit the story'), storyEditForm(manage)] : null,
    finishWithdrawSection(manage), archiveSection(manage), withdrawSection(manage));
  if (message) {
    done.ok(message);
    done.focus();
  }
  await updates.load();
}

/** "2016-12-19 14:03 GMT+9 (5 minutes ago by the stack's clock)": the editor's zone, the age by the stack's clock. */
export function lastChanged(iso: string): string {
  const ago = agoByStack(iso);
  return ago ? `${when(iso)} (${ago} by the stack's clock)` : when(iso);
}

// ---------------------------------------------------------------- what can no longer change

/** Why a story that is not active takes no more edits, events or mail. */
function storyBanner(story: AdminStory): { title: string; text: string } {
  const left = story.withdrawal?.eventsLeft.length ?? 0;
  if (story.status === 'archived') {
    return { title: 'This story is archived',
      text: 'Its page and feeds stay readable; no events can be added and no more mail is sent about it.' };
  }
  return left > 0
    ? { title: 'This story is withdrawn, but the withdraw did not finish',
      text: `${left} of its events ${left === 1 ? 'is' : 'are'} still scheduled and their followers not told yet: `
        + 'finish the withdraw on the story. Nothing else can be added or sent.' }
    : { title: 'This story is withdrawn',
      text: 'Its events were cancelled and their followers told; nothing more can be added or sent.' };
}

/** The banner at the head of a screen whose subject can no longer change: read, never edited. */
const readOnlyBanner = (b: { title: string; text: string }): HTMLElement =>
  h('div', { class: 'notice read-only', role: 'note', 'aria-labelledby': 'read-only-title' },
    h('p', null, h('strong', { id: 'read-only-title' }, b.title)), h('p', null, b.text));

/** The event as it stands, for a screen that shows it without a form. */
function eventFacts(e: DatedEvent): HTMLElement {
  return h('dl', { class: 'facts' },
    h('dt', null, 'When'), h('dd', null, whenOf(e)),
    h('dt', null, 'Place'), h('dd', null, e.place),
    h('dt', null, 'Summary'), h('dd', null, e.summary),
    e.source ? [h('dt', null, 'Source'), h('dd', null, `${e.source.publisher}: “${e.source.quote}”`)] : null);
}

// ---------------------------------------------------------------- the event form (create and edit)

type WhenKind = 'date' | 'startTime' | 'range';
const MOVE_FIELDS = ['date', 'startTime', 'range', 'timeZone', 'place'] as const;

interface FormValues { title: string; summary: string; kind: WhenKind; date: string; startTime: string; from: string; to: string; label: string; timeZone: string; place: string }

const valuesOf = (e: Partial<DatedEvent>): FormValues => ({
  title: e.title ?? '', summary: e.summary ?? '',
  kind: e.startTime ? 'startTime' : e.range ? 'range' : 'date',
  date: e.date ?? '', startTime: e.startTime ?? '', from: e.range?.from ?? '', to: e.range?.to ?? '', label: e.range?.label ?? '',
  timeZone: e.timeZone ?? '', place: e.place ?? '',
});

/** The API's body for the form's values: exactly one of date, startTime and range. */
function eventFields(v: FormValues): Record<string, unknown> {
  const when: Record<string, unknown> = v.kind === 'date' ? { date: v.date } : v.kind === 'startTime' ? { startTime: v.startTime }
    : { range: { from: v.from, to: v.to, ...(v.label.trim() ? { label: v.label.trim() } : {}) } };
  return { title: v.title.trim(), summary: v.summary.trim(), ...when, timeZone: v.timeZone.trim(), place: v.place.trim() };
}

/** Only what changed from `base`; `moved` when the change moves the event (it then needs a change source). */
function patchOf(base: FormValues, v: FormValues): { patch: Record<string, unknown>; moved: boolean } {
  const before = eventFields(base);
  const after = eventFields(v);
  const patch: Record<string, unknown> = {};
  for (const key of ['title', 'summary', 'timeZone', 'place'] as const) if (after[key] !== before[key]) patch[key] = after[key];
  const whenKey = v.kind;
  if (JSON.stringify(after[whenKey]) !== JSON.stringify(before[whenKey])) patch[whenKey] = after[whenKey];
  return { patch, moved: MOVE_FIELDS.some((k) => k in patch) };
}

function sourceFields(legend: string, name: string, hint: string, start?: { publisher?: string; url?: string }) {
  const publisher = field('Publisher', `${name}-publisher`, { placeholder: 'Kyodo News', value: start?.publisher });
  const quote = field('Their words', `${name}-quote`, { multiline: true, rows: 2, hint: 'Quote the sentence that says so.' });
  const url = field('Link', `${name}-url`, { type: 'url', placeholder: 'https://', value: start?.url });
  const set = h('fieldset', { class: 'source' }, h('legend', null, legend), h('p', { class: 'hint' }, hint), publisher.wrap, quote.wrap, url.wrap);
  return {
    set,
    required(on: boolean) { publisher.input.required = on; quote.input.required = on; },
    value(): Source | undefined {
      const p = publisher.input.value.trim();
      const q = quote.input.value.trim();
      if (!p && !q) return undefined;
      return { publisher: p, quote: q, ...(url.input.value.trim() ? { url: url.input.value.trim() } : {}) };
    },
  };
}

/** The alert a draft would send, as preview parameters: the values about to be saved over the stored event. */
export function draftAlert(base: FormValues, v: FormValues): { kind: 'moved' | 'confirmed'; fields: Record<string, string> } {
  const { patch } = patchOf(base, v);
  const fields: Record<string, string> = {};
  if (typeof patch.date === 'string') fields.date = patch.date;
  if (typeof patch.startTime === 'string') fields.startTime = patch.startTime;
  if (typeof patch.timeZone === 'string') fields.eventTimeZone = patch.timeZone;
  if (typeof patch.place === 'string') fields.place = patch.place;
  return { kind: base.kind === 'range' && v.kind !== 'range' ? 'confirmed' : 'moved', fields };
}

/** Preview parameters with a change's source added, when it is whole and there is a change to be the source of. */
function withSource<T extends { fields: Record<string, string> }>(d: T, source: Source | undefined): T {
  if (source?.publisher && source.quote && Object.keys(d.fields).length > 0) {
    d.fields.sourcePublisher = source.publisher;
    d.fields.sourceQuote = source.quote;
  }
  return d;
}

interface EditOptions {
  event: DatedEvent; etag: string; preview: ReturnType<typeof previewPanel>; initial?: FormValues;
  onSaved(e: DatedEvent, message: string): void;
  onConflict(mine: FormValues): void;
  /** Gives the screen the draft's alert, for "preview before saving". */
  exposeDraft(draft: () => ReturnType<typeof draftAlert>): void;
}

function eventForm(opts: { story: Omit<Story, 'withdrawal'> } | EditOptions): HTMLFormElement {
  const editing = 'event' in opts ? opts.event : undefined;
  const base = valuesOf(editing ?? {});
  const start = 'initial' in opts && opts.initial ? opts.initial : base;
  const title = field('Title', 'title', { required: true, value: start.title });
  const summary = field('Summary', 'summary', { required: true, multiline: true, rows: 3, value: start.summary });
  const kindName = `when-kind-${Math.random().toString(36).slice(2, 7)}`;
  const radio = (value: WhenKind, text: string) => {
    const id = `${kindName}-${value}`;
    return h('div', { class: 'choice' }, h('input', { type: 'radio', name: kindName, id, value, checked: start.kind === value }), h('label', { for: id }, text));
  };
  const date = field('Date', 'date', { type: 'date', value: start.date, hint: 'All day, in the event\'s own zone.' });
  const startTime = field('Starts at', 'startTime', { type: 'datetime-local', value: start.startTime, hint: 'Wall time in the event\'s zone.' });
  const from = field('From', 'range-from', { type: 'date', value: start.from });
  const to = field('To', 'range-to', { type: 'date', value: start.to });
  const label = field('As the source put it', 'range-label', { value: start.label, placeholder: 'mid-December' });
  const rangeBox = h('div', { class: 'range' }, from.wrap, to.wrap, label.wrap);
  const whenSet = h('fieldset', null, h('legend', null, 'When'),
    h('div', { class: 'choices' }, radio('date', 'All day'), radio('startTime', 'At a time'), radio('range', 'Not yet known (a range)')),
    date.wrap, startTime.wrap, rangeBox);
  // A new event's zone comes from its place (typed first), not from the editor's browser.
  const timeZone = field("Event's time zone", 'timeZone', {
    required: true, value: start.timeZone, attrs: { list: 'zones' },
    hint: editing ? 'An IANA zone, such as Europe/Moscow'
      : 'An IANA zone, such as Europe/Moscow: filled in from the place when it is known.',
  });
  const place = field('Place', 'place', {
    required: true, value: start.place, hint: 'As readers should read it, e.g. Lima, Peru.',
  });
  const zoneHint = zoneFromPlace(place.input, timeZone.input, { fill: !editing });
  const story = 'story' in opts ? opts.story : undefined;
  const source = sourceFields('Source', 'source',
    "Who announced the event: the story's publisher unless someone else did.",
    story ? { publisher: story.publisher, ...(story.url ? { url: story.url } : {}) } : undefined);
  const translations = translationFields('event', editing?.translations);
  const change = sourceFields('Source of this change', 'change', 'You moved the event (date, time, zone or place): on whose word? Followers are told.');
  const result = outcome();

  const kind = (): WhenKind => (whenSet.querySelector<HTMLInputElement>(`input[name="${kindName}"]:checked`)?.value as WhenKind) ?? 'date';
  const values = (): FormValues => ({
    title: title.input.value, summary: summary.input.value, kind: kind(), date: date.input.value, startTime: startTime.input.value,
    from: from.input.value, to: to.input.value, label: label.input.value, timeZone: timeZone.input.value, place: place.input.value,
  });
  const sync = () => {
    const k = kind();
    date.wrap.hidden = k !== 'date'; date.input.required = k === 'date';
    startTime.wrap.hidden = k !== 'startTime'; startTime.input.required = k === 'startTime';
    rangeBox.hidden = k !== 'range'; from.input.required = k === 'range'; to.input.required = k === 'range';
    if (editing) {
      const { moved } = patchOf(base, values());
      change.set.hidden = !moved;
      change.required(moved);
    }
  };
  source.required(!editing);
  // The draft's alert quotes the change's source as typed so far, as the saved alert will.
  if ('exposeDraft' in opts) opts.exposeDraft(() => withSource(draftAlert(base, values()), change.value()));

  const form: HTMLFormElement = h('form', {
    class: 'stack', novalidate: false,
    oninput: sync, onchange: sync,
    onsubmit: (e: Event) => {
      e.preventDefault();
      void busy(form, async () => {
        result.clear();
        if (!editing) {
          try {
            const json = { storyId: story!.id, ...eventFields(values()), source: source.value() };
            const given = translations.value();
            const { data } = await api<DatedEvent>('POST', '/admin/events', { json: given ? { ...json,
              translations: given } : json });
            announce(`Event “${data.title}” created`);
            go(`#/events/${enc(data.id)}`);
          } catch (err) {
            result.error(`The event was not created: ${explain(err)}`);
          }
          return;
        }
        const { patch, moved } = patchOf(base, values());
        const translated = translations.patch();
        if (translated !== undefined) patch.translations = translated;
        if (Object.keys(patch).length === 0) { result.error('Nothing changed.'); return; }
        if (moved) patch.changeSource = change.value();
        const o = opts as EditOptions;
        try {
          const { data } = await api<DatedEvent>('PATCH', `/admin/events/${enc(editing.id)}`, { json: patch, ifMatch: o.etag });
          const message = moved
            ? `Event moved; version ${data.version}. Its followers get an alert at the next dispatcher run.`
            : `Event saved; version ${data.version}.`;
          o.onSaved(data, message);
          announce(message);
          if (moved) {
            const kind = base.kind === 'range' && data.range === undefined ? 'confirmed' : 'moved';
            void o.preview.show({ kind, event: data.id, timeZone: data.timeZone });
          }
        } catch (err) {
          if (err instanceof ApiError && (err.status === 409 || err.status === 412)) o.onConflict(values());
          else result.error(`Not saved: ${explain(err)}`);
        }
      });
    },
  }, title.wrap, summary.wrap, whenSet, place.wrap, zoneHint, timeZone.wrap, translations.set,
  editing ? change.set : source.set, result.el,
  h('div', { class: 'actions' }, h('button', { type: 'submit' }, editing ? 'Save changes' : 'Create event')));
  sync();
  return form;
}

// ---------------------------------------------------------------- one event: edit, conflicts, preview, cancel

export async function eventScreen(main: HTMLElement, eventId: string): Promise<void> {
  const preview = previewPanel('What followers will get');
  const load = async () => api<DatedEvent>('GET', `/admin/events/${enc(eventId)}`);
  let { data: event, etag } = await load();
  const { data: story } = await api<AdminStory>('GET', `/admin/stories/${enc(event.storyId)}`);
  // What can no longer change is shown, not offered: no form, no cancel button, no alert that would never go out.
  if (event.status === 'cancelled' || story.status !== 'active') {
    const cancelled = (event.history ?? []).filter((c) => c.kind === 'cancelled').at(-1);
    const word = cancelled ? `, on the word of ${cancelled.source.publisher}` : '';
    const banner = event.status === 'cancelled'
      ? { title: 'This event is cancelled', text: `Its followers were told${word}. A cancelled event cannot change.` }
      : storyBanner(story);
    replaceChildren(main, heading(event.title), readOnlyBanner(banner),
      h('p', { class: 'hint' },
        `Version ${event.version} · ${event.status} · last changed ${lastChanged(event.updatedAt)}`, ' · ',
        h('a', { href: `#/stories/${enc(event.storyId)}` }, `back to ${story.title}`)),
      eventFacts(event));
    return;
  }
  const formSlot = h('div');
  const conflictSlot = h('div');
  // Outlives the form, which is built afresh after a save: focus lands here, on what the save did.
  const saved = outcome();
  let draft: () => ReturnType<typeof draftAlert> = () => ({ kind: 'moved', fields: {} });
  const info = h('p', { class: 'hint' });

  const showInfo = () => replaceChildren(info,
    `Version ${event.version} · ${event.status} · last changed ${lastChanged(event.updatedAt)} · `,
    h('a', { href: `#/stories/${enc(event.storyId)}` }, 'back to its story'));
  const renderForm = (initial?: FormValues) => {
    replaceChildren(formSlot, eventForm({
      event, etag: etag ?? `"${event.version}"`, preview, initial,
      onSaved: (next, message) => {
        event = next; etag = `"${next.version}"`; showInfo(); renderForm();
        saved.ok(message);
        saved.focus();
      },
      onConflict: (mine) => void showConflict(mine),
      exposeDraft: (fn) => { draft = fn; },
    }));
  };
  const showConflict = async (mine: FormValues) => {
    const edited = event;
    const current = await load();
    const theirs = valuesOf(current.data);
    const { patch } = patchOf(valuesOf(edited), mine);
    const rows: Child[][] = Object.keys(patch).filter((k) => k !== 'changeSource').map((k) => [k, describe(patch[k]), describe(eventFields(theirs)[k])]);
    const box = h('div', { class: 'notice error', role: 'alert' },
      h('h2', { tabindex: '-1' }, 'Changed by someone else'),
      h('p', null, `You edited version ${edited.version}; the event is now at version ${current.data.version} (${when(current.data.updatedAt)}). Nothing of yours was saved.`),
      rows.length ? table('Your changes and the current values', ['Field', 'Yours', 'Now'], rows) : null,
      h('div', { class: 'actions' },
        button('Reload and re-apply my changes', () => {
          event = current.data; etag = current.etag ?? `"${current.data.version}"`;
          // Their version underneath, my changed fields on top: saving again needs the source again if it moves.
          const merged: FormValues = { ...theirs };
          for (const k of Object.keys(patchOf(valuesOf(edited), mine).patch)) reapply(merged, mine, k);
          replaceChildren(conflictSlot); showInfo(); renderForm(merged);
          announce(`Reloaded version ${event.version}; your changes are in the form. Check them and save.`);
          formSlot.querySelector<HTMLElement>('input, textarea')?.focus();
        }),
        button('Discard mine and reload', () => {
          event = current.data; etag = current.etag ?? `"${current.data.version}"`;
          replaceChildren(conflictSlot); showInfo(); renderForm();
          announce(`Reloaded version ${event.version}.`);
        }, { class: 'secondary' })));
    replaceChildren(conflictSlot, box);
    box.querySelector<HTMLElement>('h2')?.focus();
  };

  const cancelSource = sourceFields('Source of the cancellation', 'cancel', 'On whose word is it cancelled? Followers are told.');
  cancelSource.required(true);
  const cancelResult = outcome();
  const cancelForm: HTMLFormElement = h('form', {
    class: 'stack', 'aria-labelledby': 'cancel-heading',
    onsubmit: (e: Event) => {
      e.preventDefault();
      void busy(cancelForm, async () => {
        try {
          await api<DatedEvent>('DELETE', `/admin/events/${enc(event.id)}`,
            { json: { changeSource: cancelSource.value() }, ifMatch: etag ?? `"${event.version}"` });
          announce('The event is cancelled. Its followers get a cancellation at the next dispatcher run.');
          await eventScreen(main, eventId);
          main.querySelector<HTMLElement>('.read-only')?.setAttribute('tabindex', '-1');
          main.querySelector<HTMLElement>('.read-only')?.focus();
        } catch (err) {
          if (err instanceof ApiError && (err.status === 409 || err.status === 412)) cancelResult.error(`Changed by someone else: ${err.message}. Reload the page to see the current version.`, button('Reload', () => void eventScreen(main, eventId)));
          else cancelResult.error(`Not cancelled: ${explain(err)}`);
        }
      });
    },
  }, cancelSource.set, cancelResult.el, h('div', { class: 'actions' },
    button('Preview the cancellation', () => {
      const src = cancelSource.value();
      void preview.show({
        kind: 'cancelled', event: event.id, timeZone: previewZone.value.trim(),
        ...(src?.publisher && src.quote ? { sourcePublisher: src.publisher, sourceQuote: src.quote } : {}),
      });
    }, { class: 'secondary' }),
    h('button', { type: 'submit', class: 'danger' }, 'Cancel this event')));

  // The event's own zone to start with: the readers nearest to it; the editor can read it as anyone else.
  const previewZone = h('input', { id: 'preview-zone', value: event.timeZone, list: 'zones', autocomplete: 'off' });
  // The form's unsaved date, time, zone and place go with the request: the alert as it would be if saved now.
  const alertQuery = () => { const d = draft(); return { kind: d.kind, event: event.id, timeZone: previewZone.value.trim(), ...d.fields }; };
  const previewControls = h('div', { class: 'stack' },
    h('div', { class: 'field' }, h('label', { for: 'preview-zone' }, "Reader's time zone"), previewZone),
    h('div', { class: 'actions' },
      button('Preview the alert', () => void preview.show(alertQuery())),
      button('Preview a reminder', () => void preview.show({ kind: 'reminder', event: event.id, timeZone: previewZone.value.trim(), lead: 'P1D' }), { class: 'secondary' }),
      button('Send me the alert as a test', () => void preview.testSend(alertQuery()), { class: 'secondary' })));

  showInfo();
  renderForm();
  replaceChildren(main, heading(event.title), info, conflictSlot, saved.el, formSlot,
    h('section', { 'aria-labelledby': 'alert-preview' }, h('h2', { id: 'alert-preview' }, 'The alert before you save'),
      h('p', { class: 'hint' }, 'A move or a cancellation sends followers an alert. Preview it in a reader\'s zone, or send it to yourself.'),
      previewControls),
    preview.el,
    h('h2', { id: 'cancel-heading' }, 'Cancel the event'), cancelForm,
    zoneList());
}

function reapply(target: FormValues, mine: FormValues, key: string): void {
  if (key === 'date' || key === 'startTime' || key === 'range') {
    target.kind = mine.kind; target.date = mine.date; target.startTime = mine.startTime; target.from = mine.from; target.to = mine.to; target.label = mine.label;
  } else if (key in target) (target as unknown as Record<string, string>)[key] = (mine as unknown as Record<string, string>)[key]!;
}

const describe = (v: unknown): string => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

// ---------------------------------------------------------------- a story update to followers

interface UpdateJob {
  id: string; status: string; dueAt: string; recipients?: number; reason?: string; progress?: JobProgress;
}
interface StoryUpdate { id: string; storyId: string; subject: string; body: string; status: 'pending' | 'dispatched'; createdAt: string; dispatchedAt?: string; job: UpdateJob | null }

/** A story's updates (GET /admin/stories/{id}/updates), newest first, each with its send job once dispatched. */
function updatesList(storyId: string): { el: HTMLElement; load(): Promise<void> } {
  const el = h('div', { class: 'updates' }, h('p', { class: 'hint' }, 'Loading the updates…'));
  return {
    el,
    async load() {
      try {
        const { data } = await api<{ updates: StoryUpdate[] }>('GET', `/admin/stories/${enc(storyId)}/updates`);
        replaceChildren(el, data.updates.length === 0 ? h('p', null, 'No updates sent yet.') : table('Updates to followers, newest first', ['Written', 'Subject', 'Status', 'Send job'],
          data.updates.map((u) => [
            when(u.createdAt),
            [h('strong', null, u.subject), ' ', h('a', { href: `#/previews?kind=update&story=${enc(u.storyId)}&update=${enc(u.id)}`, 'aria-label': `Preview “${u.subject}”` }, 'Preview')],
            u.status === 'pending' ? h('span', { class: 'badge pending' }, 'waiting for the dispatcher') : [h('span', { class: 'badge dispatched' }, 'dispatched'), u.dispatchedAt ? ` ${when(u.dispatchedAt)}` : ''],
            jobOf(u.job),
          ]), { captionHidden: true }));
      } catch (err) {
        replaceChildren(el, h('p', { class: 'notice error', role: 'alert' }, `No updates: ${explain(err)}`));
      }
    },
  };
}

const jobOf = (job: UpdateJob | null): Child => (!job ? '—' : [
  h('span', { class: `badge ${job.status}` }, job.status),
  job.reason ? h('span', { class: 'hint' }, ` (${job.reason})`) : '',
  job.progress ? progressView(job.progress)
    : job.recipients !== undefined ? ` ${job.recipients} ${job.recipients === 1 ? 'reader' : 'readers'}` : '',
  h('a', { href: `#/jobs?kind=update` }, 'in Jobs'),
]);

export async function storyUpdateScreen(main: HTMLElement, storyId: string): Promise<void> {
  const { data: story } = await api<AdminStory>('GET', `/admin/stories/${enc(storyId)}`);
  if (story.status !== 'active') {
    const before = updatesList(story.id);
    replaceChildren(main, heading(`Update to followers of ${story.title}`), readOnlyBanner(storyBanner(story)),
      h('p', { class: 'hint' }, h('a', { href: `#/stories/${enc(story.id)}` }, 'Back to the story')),
      h('h2', null, 'Sent before'), before.el);
    await before.load();
    return;
  }
  const subject = field('Subject', 'subject', { required: true });
  const body = field('Message', 'body', { required: true, multiline: true, rows: 8, hint: 'Plain text or Markdown (paragraphs, **bold**, *italic*, [links](https://…), lists).' });
  const preview = previewPanel();
  const result = outcome();
  const sent = updatesList(story.id);
  const draft = () => ({ kind: 'update', story: story.id, subject: subject.input.value.trim(), body: body.input.value });
  /*
   * One Idempotency-Key per draft: sending the same subject and body again (a retry after the network failed, a
   * double press) carries the same key, so followers get it once; a changed text is a new update with a new key.
   */
  let keyed: { subject: string; body: string; key: string } | undefined;
  const keyFor = (d: { subject: string; body: string }): string => {
    if (!keyed || keyed.subject !== d.subject || keyed.body !== d.body) keyed = { subject: d.subject, body: d.body, key: crypto.randomUUID() };
    return keyed.key;
  };
  const form: HTMLFormElement = h('form', {
    class: 'stack',
    onsubmit: (e: Event) => {
      e.preventDefault();
      const d = draft();
      void busy(form, async () => {
        // The count as the counters have it now: readers who turned updates off are among them, and get nothing.
        const followers = await followersOf(story.id);
        // The count is of followers; those who turned updates off are among them and get nothing: say so.
        const counted = followers === undefined ? ''
          : ` ${number(followers)} ${followers === 1 ? 'reader follows' : 'readers follow'} it; `
            + 'those who turned updates off get nothing.';
        if (!confirm(`Send “${d.subject}” to the followers of ${story.title}?${counted}`)) return;
        result.clear();
        try {
          const { status, data } = await api<StoryUpdate>('POST', `/admin/stories/${enc(story.id)}/updates`, { json: { subject: d.subject, body: d.body }, headers: { 'idempotency-key': keyFor(d) } });
          keyed = undefined;
          subject.input.value = ''; body.input.value = '';
          result.ok(status === 201
            ? 'The update is stored; it goes to the story\'s followers at the next dispatcher run.'
            : 'This update had already been stored (the same draft was sent before): nothing is sent twice.',
          h('p', null,
            `“${data.subject}”: `
            + `${data.status === 'pending' ? 'waiting for the next dispatcher run' : data.status}; `
            + 'its progress shows below once it is sent. ',
            h('a', { href: `#/stories/${enc(story.id)}` }, 'See it in the story')));
          announce(status === 201 ? 'Update queued for the followers' : 'Update already stored; nothing sent twice');
          result.focus();
          await sent.load();
        } catch (err) {
          if (err instanceof ApiError && err.status === 0) {
            result.error('No answer from the API: the update may or may not be stored. Send again: the retry carries the same Idempotency-Key, so followers get it at most once.');
          } else result.error(`Not sent: ${explain(err)}`);
        }
      });
    },
  }, subject.wrap, body.wrap,
  h('div', { class: 'actions' },
    button('Preview', () => void busy(form, () => preview.show(draft()))),
    button('Send me a test', () => void busy(form, () => preview.testSend(draft())), { class: 'secondary' }),
    h('button', { type: 'submit', class: 'danger' }, 'Send to followers')),
  result.el);
  replaceChildren(main, heading(`Update to followers of ${story.title}`),
    h('p', { class: 'hint' }, h('a', { href: `#/stories/${enc(story.id)}` }, 'Back to the story'), ' · Readers who turned updates off in their preferences do not get it.'),
    h('div', { class: 'two-col' }, form, preview.el),
    h('h2', null, 'Sent before'), sent.el);
  await sent.load();
}
