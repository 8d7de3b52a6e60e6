/// <reference lib="dom" />
/**
 * "Read a story": the story's text goes to `POST /admin/stories/proposals`; the proposed story and its events
 * come back as editable cards beside the text, each event's quote marked in it. Nothing is stored until the
 * editor presses "Create story and N events": then `POST /admin/stories`, and `POST /admin/events` per chosen
 * event, in order, each one's outcome shown on its card.
 */
import { api, ApiError, enc, explain } from '../api.ts';
import { button, field, h, nextId, replaceChildren, type Child } from '../dom.ts';
import { announce, busy, heading, outcome } from '../ui.ts';
import { zoneList } from './previews.ts';
import type { ZoneFrom } from '#core/proposals/propose.ts';

interface ProposedEvent {
  title: string; date?: string; startTime?: string; range?: { from: string; to: string; label?: string };
  timeZone: string; zoneFrom: ZoneFrom; place: string; quote: string; confidence: number; provisional: boolean;
}
/** A mention that is no new event (past, will not happen, postponed, cancelled), for the editor to apply by hand. */
interface Notice { kind: string; title: string; date?: string; startTime?: string; range?: { from: string; to: string; label?: string }; quote: string }
interface Proposals {
  story: { title: string; summary: string; language: string };
  events: ProposedEvent[];
  /** Absent from an older API. */
  notices?: Notice[];
  warnings?: string[];
}
interface Issue { field: string; message: string }

/** Pre-ticked from this confidence up. */
const SURE = 0.6;

/** How the zone was found, in words, with a nudge where a person should look. */
export const ZONE_FROM: Record<ZoneFrom, string> = {
  city: 'zone from the city named',
  region: 'zone from the region named',
  'region-uncertain': 'zone from a region that spans zones — check it',
  country: "zone from the country named (its capital's)",
  'country-uncertain': 'zone from a country that spans zones — check it',
  'sentence-before': 'zone from the place named in the sentence before — check it',
  story: 'zone from a place named elsewhere in the story — check it',
  language: "no place found, so the zone of the story's language (Japan, Russia) — check it",
  dateline: 'zone from the dateline — check it',
  none: 'no place found, so UTC — set the zone',
};

const go = (hash: string) => { location.hash = hash; };
/** Titles are one line: a wrapped textarea's line breaks become spaces. */
const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

const weekdayFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long' });
const shortFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
/** "Monday 12 December 2016", the way pages and mail write a day (browsers differ on the comma). */
const dayFormat = { format: (d: Date) => `${weekdayFormat.format(d)} ${shortFormat.format(d)}` };
const asDay = (iso: string, f: { format(d: Date): string } = dayFormat): string => {
  const d = new Date(`${iso}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && !Number.isNaN(d.getTime()) ? f.format(d) : iso;
};

/** "mid-January", "later in May", "next week": how the sentence put a vague date, to prefill the range's label. */
const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';
const VAGUE = new RegExp(`\\b(?:(?:early|mid|late|the (?:start|beginning|middle|end) of|end of|later in|earlier in|early in|late in)[ -]?(?:next |this )?(?:${MONTH}|year|month|week|spring|summer|autumn|fall|winter)(?: (?:\\d{4}|next year))?|(?:next|this|later this) (?:week|month|year|spring|summer|autumn|fall|winter)|(?:in|during) the (?:coming|next) (?:weeks|months|days))`, 'i');
export function labelFrom(quote: string): string {
  return VAGUE.exec(quote)?.[0].replace(/^(?:in|during) /i, '') ?? '';
}

/**
 * Where a quote sits in the text: exact, or with its spaces collapsed (the API trims and joins lines), or its start
 * when clipped.
 */
export function findQuote(text: string, quote: string): [number, number] | undefined {
  const exact = text.indexOf(quote);
  if (exact >= 0) return [exact, exact + quote.length];
  const words = quote.replace(/…$/, '').trim().split(/\s+/).filter(Boolean);
  if (!words.length) return undefined;
  const m = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+')).exec(text);
  return m ? [m.index, m.index + m[0].length] : undefined;
}

/**
 * The text with each quote in a `<mark>` (text nodes only: the story is never parsed as HTML); a mark shared by events
 * that quote one sentence.
 */
function markedText(text: string, events: ProposedEvent[]): { el: HTMLElement; marks: (HTMLElement | undefined)[] } {
  const spans = events.map((e, i) => ({ i, at: findQuote(text, e.quote) })).filter((s): s is { i: number; at: [number, number] } => !!s.at)
    .sort((a, b) => a.at[0] - b.at[0] || a.i - b.i);
  // Overlapping quotes become one mark over both.
  const groups: { start: number; end: number; events: number[] }[] = [];
  for (const s of spans) {
    const last = groups.at(-1);
    if (last && s.at[0] < last.end) { last.end = Math.max(last.end, s.at[1]); last.events.push(s.i); } else groups.push({ start: s.at[0], end: s.at[1], events: [s.i] });
  }
  const el = h('div', { class: 'story-text' });
  const marks: (HTMLElement | undefined)[] = events.map(() => undefined);
  let at = 0;
  for (const g of groups) {
    if (g.start > at) el.append(document.createTextNode(text.slice(at, g.start)));
    const numbers = g.events.map((i) => i + 1).sort((a, b) => a - b);
    const names = `${numbers.length > 1 ? 'events' : 'event'} ${numbers.join(' and ')}`;
    const mark = h('mark', { id: nextId('quote'), tabindex: '-1', 'data-events': numbers.join(' ') },
      h('span', { class: 'mark-n', 'aria-hidden': 'true' }, numbers.join('+')),
      h('span', { class: 'visually-hidden' }, `Quote of ${names}: `),
      text.slice(g.start, g.end));
    el.append(mark);
    for (const i of g.events) marks[i] = mark;
    at = g.end;
  }
  if (at < text.length) el.append(document.createTextNode(text.slice(at)));
  return { el, marks };
}

type WhenKind = 'date' | 'startTime' | 'range';

/** One proposed event as an editable card. */
function eventCard(e: ProposedEvent, n: number, total: number, mark: HTMLElement | undefined, onToggle: () => void) {
  const headingId = nextId('proposal');
  const include = h('input', { type: 'checkbox', id: nextId('include'), checked: e.confidence >= SURE, onchange: () => { sync(); onToggle(); } });
  const sure = e.confidence >= SURE;
  const title = field('Title', 'title', { required: true, multiline: true, rows: 2, value: e.title });
  const summary = field('Summary', 'summary', { required: true, multiline: true, rows: 4, value: e.quote, hint: "Prefilled with the quote (marked in the text, and stored as the event's source); say it in your own words if you like." });
  const kindName = nextId('when-kind');
  const start: WhenKind = e.startTime ? 'startTime' : e.range ? 'range' : 'date';
  const radio = (value: WhenKind, text: string) => {
    const id = `${kindName}-${value}`;
    return h('div', { class: 'choice' }, h('input', { type: 'radio', name: kindName, id, value, checked: start === value }), h('label', { for: id }, text));
  };
  const date = field('Date', 'date', { type: 'date', value: e.date ?? e.startTime?.slice(0, 10) ?? e.range?.from ?? '' });
  const startTime = field('Starts at', 'startTime', { type: 'datetime-local', value: e.startTime?.slice(0, 16) ?? '', hint: "Wall time in the event's zone." });
  const from = field('From', 'range-from', { type: 'date', value: e.range?.from ?? '' });
  const to = field('To', 'range-to', { type: 'date', value: e.range?.to ?? '' });
  const label = field('As the story put it', 'range-label', { value: e.range?.label ?? labelFrom(e.quote), placeholder: 'mid-January', hint: 'Readers see “date to be confirmed (…)”.' });
  const rangeBox = h('div', { class: 'range' }, from.wrap, to.wrap, label.wrap);
  const reads = h('p', { class: 'reads' });
  const whenSet = h('fieldset', null, h('legend', null, 'When'),
    h('div', { class: 'choices' }, radio('date', 'Exact day'), radio('startTime', 'Day and time'), radio('range', 'Provisional range')),
    date.wrap, startTime.wrap, rangeBox, reads);
  const timeZone = field("Event's time zone", 'timeZone', { required: true, value: e.timeZone, hint: 'An IANA zone, such as Europe/Vienna', attrs: { list: 'zones' } });
  const place = field('Place', 'place', { required: true, value: e.place });
  const result = outcome();
  const status = h('p', { class: 'card-status' });
  const kind = (): WhenKind => (whenSet.querySelector<HTMLInputElement>(`input[name="${kindName}"]:checked`)?.value as WhenKind) ?? 'date';

  const inputs: Record<string, HTMLInputElement | HTMLTextAreaElement> = {
    title: title.input, summary: summary.input, date: date.input, startTime: startTime.input,
    'range.from': from.input, 'range.to': to.input, 'range.label': label.input, timeZone: timeZone.input, place: place.input,
  };
  function sync(): void {
    const k = kind();
    const on = include.checked;
    date.wrap.hidden = k !== 'date'; startTime.wrap.hidden = k !== 'startTime'; rangeBox.hidden = k !== 'range';
    date.input.required = on && k === 'date'; startTime.input.required = on && k === 'startTime';
    from.input.required = on && k === 'range'; to.input.required = on && k === 'range';
    for (const input of [title.input, summary.input, timeZone.input, place.input]) input.required = on;
    card.classList.toggle('excluded', !on);
    const zone = timeZone.input.value.trim();
    replaceChildren(reads, 'Readers see: ', h('strong', null,
      k === 'date' ? asDay(date.input.value)
        : k === 'startTime' ? `${asDay(startTime.input.value.slice(0, 10))}, ${startTime.input.value.slice(11, 16)}`
          : `date to be confirmed (${label.input.value.trim() || (from.input.value === to.input.value ? asDay(from.input.value, shortFormat) : `${asDay(from.input.value, shortFormat)} – ${asDay(to.input.value, shortFormat)}`)})`),
    zone ? ` · ${zone}` : '');
  }

  const showInText = mark
    ? button('Show in text', () => {
      mark.scrollIntoView({ block: 'center', behavior: 'smooth' });
      mark.focus({ preventScroll: true });
      mark.classList.add('current');
      setTimeout(() => mark.classList.remove('current'), 1600);
    }, { class: 'secondary small', 'aria-describedby': headingId })
    : h('p', { class: 'hint' }, 'Its quote was not found in the text.');

  const card: HTMLElement = h('section', { class: 'card proposal', 'aria-labelledby': headingId, oninput: sync, onchange: sync },
    h('div', { class: 'card-head' },
      h('h3', { id: headingId }, `Event ${n} of ${total}`),
      h('div', { class: 'choice include' }, include, h('label', { for: include.id }, `Include event ${n}`))),
    h('p', { class: 'meta' },
      h('span', { class: `badge ${sure ? 'sure' : 'unsure'}` }, `confidence ${Math.round(e.confidence * 100)}%${sure ? '' : ' (low)'}`), ' ',
      h('span', { class: `badge ${/check|set/.test(ZONE_FROM[e.zoneFrom] ?? '') ? 'unsure' : 'neutral'}` }, ZONE_FROM[e.zoneFrom] ?? e.zoneFrom),
      e.provisional ? [' ', h('span', { class: 'badge pending' }, 'provisional')] : null),
    h('div', { class: 'actions' }, showInText),
    title.wrap, summary.wrap, whenSet, timeZone.wrap, place.wrap, status, result.el);
  sync();

  return {
    el: card,
    get included() { return include.checked; },
    created: undefined as string | undefined,
    /** The first field the browser would refuse, after showing why. */
    valid(): boolean {
      for (const input of Object.values(inputs)) {
        if (input.closest('[hidden]')) continue;
        if (!input.checkValidity()) { input.reportValidity(); input.focus(); return false; }
      }
      return true;
    },
    body(storyId: string, publisher: string, url: string): Record<string, unknown> {
      const k = kind();
      const when = k === 'date' ? { date: date.input.value } : k === 'startTime' ? { startTime: startTime.input.value }
        : { range: { from: from.input.value, to: to.input.value, ...(label.input.value.trim() ? { label: label.input.value.trim() } : {}) } };
      return {
        storyId, title: oneLine(title.input.value), summary: summary.input.value.trim(), ...when,
        timeZone: timeZone.input.value.trim(), place: place.input.value.trim(),
        source: { publisher, quote: e.quote, ...(url ? { url } : {}) },
      };
    },
    title: () => oneLine(title.input.value),
    state(text: string, kindOf: 'busy' | 'ok' | 'error') { status.className = `card-status ${kindOf}`; status.textContent = text; },
    clear() {
      result.clear();
      for (const input of Object.values(inputs)) input.removeAttribute('aria-invalid');
    },
    failed(message: string, issues: Issue[]) {
      for (const i of issues) inputs[i.field]?.setAttribute('aria-invalid', 'true');
      result.error(issues.length ? `Event ${n} was not created; the API says:` : `Event ${n} was not created: ${message}`, issues.length
        ? h('ul', null, issues.map((i) => h('li', null, h('code', null, i.field), ' ', i.message))) : null);
    },
    setDisabled(on: boolean) {
      for (const el of Array.from(card.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLButtonElement>('input, textarea, button'))) {
        if (el !== showInText) el.disabled = on;
      }
    },
  };
}

type Card = ReturnType<typeof eventCard>;

const NOTICE_KIND: Record<string, string> = {
  past: 'already past', negated: 'will not happen', postponed: 'postponed', cancelled: 'cancelled',
};

/** The notices as a list apart from the events: what to apply to an event already stored, if any. */
function noticeList(notices: Notice[]): HTMLElement {
  return h('section', { class: 'notices', 'aria-labelledby': 'notices-heading' },
    h('h3', { id: 'notices-heading' }, `Notices (${notices.length})`),
    h('p', { class: 'hint' }, 'Mentions that are no new event. Apply them to a stored event if one fits: nothing is created from them.'),
    h('ul', null, notices.map((n) => h('li', null,
      h('span', { class: 'badge unsure' }, NOTICE_KIND[n.kind] ?? n.kind), ' ',
      h('strong', null, n.title), ' ',
      `(${n.date ?? n.startTime ?? (n.range ? n.range.label || `${n.range.from} – ${n.range.to}` : '')})`,
      h('blockquote', null, n.quote)))));
}

const issuesOf = (err: unknown): Issue[] => {
  const list = err instanceof ApiError ? err.body.issues : undefined;
  return Array.isArray(list) ? list.filter((i): i is Issue => typeof i?.field === 'string' && typeof i?.message === 'string') : [];
};

export async function proposalsScreen(main: HTMLElement): Promise<void> {
  const text = field("The story's text", 'story-text', { required: true, multiline: true, rows: 10, hint: 'Paste the story as plain text, dateline and all.' });
  const publishedOn = field('Published on', 'publishedOn', { type: 'date', required: true });
  const publisher = field('Publisher', 'publisher', { required: true, placeholder: 'Kyodo News' });
  const dateline = field('Dateline city', 'dateline', { placeholder: 'Lima', hint: 'Optional: where the story was filed. Places the story does not name take its zone.' });
  const url = field('Link to the story', 'url', { type: 'url', placeholder: 'https://', hint: 'Optional: stored with the story and as each event\'s source.' });
  const result = outcome();
  const slot = h('div');

  const form: HTMLFormElement = h('form', {
    class: 'stack', 'aria-labelledby': 'read-heading',
    onsubmit: (ev: Event) => {
      ev.preventDefault();
      void busy(form, async () => {
        result.clear();
        const body: Record<string, string> = { text: text.input.value, publishedOn: publishedOn.input.value, publisher: publisher.input.value.trim() };
        if (dateline.input.value.trim()) body.dateline = dateline.input.value.trim();
        try {
          const { data } = await api<Proposals>('POST', '/admin/stories/proposals', { json: body });
          showProposals(data, text.input.value.replace(/\r\n?/g, '\n'));
        } catch (err) {
          const issues = issuesOf(err);
          result.error(`No proposals: ${explain(err)}`, issues.length ? h('ul', null, issues.map((i) => h('li', null, h('code', null, i.field), ' ', i.message))) : null);
        }
      });
    },
  }, text.wrap, h('div', { class: 'row' }, publishedOn.wrap, publisher.wrap), h('div', { class: 'row' }, dateline.wrap, url.wrap), result.el,
  h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Propose events')));

  function showProposals(p: Proposals, storyText: string): void {
    const storyTitle = field('Title', 'story-title', { required: true, multiline: true, rows: 2, value: p.story.title });
    const storySummary = field('Summary', 'story-summary', { multiline: true, rows: 4, value: p.story.summary });
    const language = field('Language', 'language', { required: true, value: p.story.language, hint: 'A BCP 47 tag, such as en or pt-BR.' });
    const storyId = field('Short name (id)', 'story-id', { hint: 'Optional: lower-case letters, digits and dashes; made from the title when empty.' });
    const storyResult = outcome();
    const { el: textEl, marks } = markedText(storyText, p.events);
    let cards: Card[] = [];
    const create = h('button', { type: 'submit' }, '');
    const progress = h('ol', { class: 'progress' });
    const progressBox = h('div', { class: 'progress-box', role: 'status', 'aria-live': 'polite' }, progress);
    progressBox.hidden = true;
    let createdStory: string | undefined;
    const label = () => {
      const n = cards.filter((c) => c.included && !c.created).length;
      const events = `${n} ${n === 1 ? 'event' : 'events'}`;
      create.textContent = createdStory ? `Create ${events}` : `Create story and ${events}`;
    };
    cards = p.events.map((e, i) => eventCard(e, i + 1, p.events.length, marks[i], label));
    label();

    const step = (text: string, kind: 'busy' | 'ok' | 'error' = 'busy', ...extra: Child[]) => {
      const li = h('li', { class: kind }, text, ...extra);
      progress.append(li);
      return (t: string, k: 'ok' | 'error') => { li.className = k; li.textContent = t; };
    };

    const accept: HTMLFormElement = h('form', {
      class: 'accept', novalidate: true, 'aria-labelledby': 'proposed-heading',
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        const chosen = cards.filter((c) => c.included && !c.created);
        if (!createdStory) {
          for (const input of [storyTitle.input, language.input, storyId.input, storySummary.input]) {
            if (!input.checkValidity()) { input.reportValidity(); input.focus(); return; }
          }
          for (const input of [publisher.input, publishedOn.input, url.input]) {
            if (!input.checkValidity()) { input.reportValidity(); input.focus(); return; }
          }
        }
        for (const c of chosen) if (!c.valid()) return;
        if (createdStory && chosen.length === 0) { go(`#/stories/${enc(createdStory)}`); return; }
        void busy(accept, async () => {
          storyResult.clear();
          replaceChildren(progress);
          progressBox.hidden = false;
          const pub = publisher.input.value.trim();
          const link = url.input.value.trim();
          if (!createdStory) {
            const done = step('Creating the story…');
            const body: Record<string, unknown> = {
              title: oneLine(storyTitle.input.value), publisher: pub, publishedOn: publishedOn.input.value, language: language.input.value.trim(),
            };
            if (link) body.url = link;
            if (storySummary.input.value.trim()) body.summary = storySummary.input.value.trim();
            if (storyId.input.value.trim()) body.id = storyId.input.value.trim();
            try {
              const { data } = await api<{ id: string; title: string }>('POST', '/admin/stories', { json: body });
              createdStory = data.id;
              done(`Story “${data.title}” created.`, 'ok');
              for (const input of [storyTitle.input, storySummary.input, language.input, storyId.input]) input.disabled = true;
            } catch (err) {
              done(`The story was not created: ${explain(err)}`, 'error');
              const issues = issuesOf(err);
              storyResult.error(`The story was not created: ${explain(err)}`, issues.length ? h('ul', null, issues.map((i) => h('li', null, h('code', null, i.field), ' ', i.message))) : null);
              return;
            }
          }
          let failed = 0;
          for (const [i, c] of chosen.entries()) {
            const done = step(`Event ${i + 1} of ${chosen.length}: creating “${c.title()}”…`);
            c.clear();
            c.state('Creating…', 'busy');
            try {
              const { data } = await api<{ id: string; title: string }>('POST', '/admin/events', { json: c.body(createdStory!, pub, link) });
              c.created = data.id;
              c.state(`Created as ${data.id}.`, 'ok');
              c.setDisabled(true);
              done(`Event ${i + 1} of ${chosen.length}: “${data.title}” created.`, 'ok');
            } catch (err) {
              failed++;
              c.state('Not created: see below.', 'error');
              c.failed(explain(err), issuesOf(err));
              done(`Event ${i + 1} of ${chosen.length}: “${c.title()}” not created: ${explain(err)}`, 'error');
            }
          }
          const storyLink = h('a', { href: `#/stories/${enc(createdStory!)}` }, 'Open the story');
          if (failed === 0) {
            announce(`Story and ${chosen.length} ${chosen.length === 1 ? 'event' : 'events'} created`);
            go(`#/stories/${enc(createdStory!)}`);
            return;
          }
          label();
          announce(`${failed} of ${chosen.length} ${chosen.length === 1 ? 'event' : 'events'} not created`);
          step(`${chosen.length - failed} of ${chosen.length} events created. Fix the ${failed === 1 ? 'event' : 'events'} marked below and press the button again, or `, 'error', storyLink, '.');
        });
      },
    },
    h('section', { 'aria-labelledby': 'story-fields' },
      h('h3', { id: 'story-fields' }, 'The story'),
      storyTitle.wrap, storySummary.wrap, h('div', { class: 'row' }, language.wrap, storyId.wrap), storyResult.el),
    h('div', { class: 'proposals-grid' },
      h('section', { class: 'text-panel', 'aria-labelledby': 'text-heading' },
        h('h3', { id: 'text-heading' }, 'The text, quotes marked'), textEl),
      h('section', { class: 'cards', 'aria-labelledby': 'events-heading' },
        h('h3', { id: 'events-heading' }, p.events.length ? `Events (${p.events.length})` : 'Events'),
        p.events.length ? cards.map((c) => c.el) : h('p', null, 'No upcoming dated events were found in this text. You can still create the story.'))),
    progressBox,
    h('div', { class: 'actions' }, create));

    const warnings = p.warnings ?? [];
    const notices = p.notices ?? [];
    replaceChildren(slot, h('h2', { id: 'proposed-heading', tabindex: '-1', class: 'divider' }, 'Proposed story and events'),
      warnings.length ? h('div', { class: 'notice error', role: 'alert' }, warnings.map((w) => h('p', null, w))) : null,
      h('p', { class: 'hint' }, `Nothing is stored until you press the button at the end. Events with a confidence of ${Math.round(SURE * 100)}% or more are ticked.`),
      accept, notices.length ? noticeList(notices) : null);
    announce(`${p.events.length} ${p.events.length === 1 ? 'event' : 'events'} proposed`);
    slot.querySelector<HTMLElement>('#proposed-heading')?.focus();
  }

  replaceChildren(main, heading('Read a story'),
    h('p', { class: 'lead' }, 'Paste a story: Datewatch proposes the dated events it announces, each with its quote marked in the text. Check them, edit them, and create the story with the ones you choose.'),
    h('h2', { id: 'read-heading', class: 'visually-hidden' }, 'The story to read'), form, slot, zoneList());
}
