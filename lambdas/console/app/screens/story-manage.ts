/// <reference lib="dom" />
/** A story managed whole: its fields and background points edited, archived and back, withdrawn with its notice. */
import { api, ApiError, enc, explain } from '../api.ts';
import { button, field, h, nextId, replaceChildren, select, type FieldOptions } from '../dom.ts';
import { announce, busy, outcome } from '../ui.ts';
import { LANGUAGE_OPTIONS, previewPanel } from './previews.ts';
import { translationFields } from './translations.ts';
import { followersOf } from '../audience.ts';
import { number } from '../job-progress.ts';
import type { DatedEvent, EventSource as Source } from '#core/model/event.ts';
import type { AdminStory, Story } from '#core/model/story.ts';

type TextKey = 'title' | 'publisher' | 'publishedOn' | 'url' | 'summary';

/**
 * The story's text fields, in the form's order. A field the API adds (a title in another language, say) is one
 * more entry here: the form, the change it sends and the conflict report all read this list.
 */
export const STORY_FIELDS: { key: TextKey; label: string; required?: boolean; opts?: FieldOptions }[] = [
  { key: 'title', label: 'Title', required: true },
  { key: 'publisher', label: 'Publisher', required: true, opts: { placeholder: 'Kyodo News' } },
  { key: 'publishedOn', label: 'Published on', required: true, opts: { type: 'date' } },
  { key: 'url', label: 'Link to the story', opts: { type: 'url', placeholder: 'https://' } },
  { key: 'summary', label: 'Summary', opts: { multiline: true, rows: 3 } },
];

/** What an editor changed: each text field that differs (an optional one emptied: null), and the points if they did. */
export function storyPatch(
  before: Omit<Story, 'withdrawal'>,
  texts: Record<TextKey, string>,
  background: string[],
): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const { key, required } of STORY_FIELDS) {
    const now = texts[key].trim();
    if (now === (before[key] ?? '')) continue;
    patch[key] = now === '' && !required ? null : now;
  }
  if (JSON.stringify(background) !== JSON.stringify(before.background)) patch.background = background;
  return patch;
}

// ---------------------------------------------------------------- background points

/** Undated context digests carry: each point its own text box, moved up or down or removed by buttons. */
function pointsEditor(initial: readonly string[]): { el: HTMLElement; values(): string[] } {
  const list = h('ol', { class: 'points' });
  const headingId = nextId('points');
  const draw = (texts: string[], focusIndex?: number, focusWhat: 'text' | 'up' | 'down' = 'text') => {
    replaceChildren(
      list,
      texts.map((text, i) => {
        const f = field(`Point ${i + 1}`, `background-${i}`, { multiline: true, rows: 2, value: text });
        const move = (to: number, what: 'up' | 'down') => () => {
          const now = Array.from(list.querySelectorAll('textarea'), (t) => t.value);
          [now[i], now[to]] = [now[to]!, now[i]!];
          draw(now, to, what);
          announce(`Point moved to position ${to + 1}`);
        };
        return h(
          'li',
          null,
          f.wrap,
          h(
            'div',
            { class: 'actions' },
            i > 0
              ? button('Move up', move(i - 1, 'up'), {
                  class: 'secondary small',
                  'data-move': 'up',
                  'aria-label': `Move up point ${i + 1}`,
                })
              : null,
            i < texts.length - 1
              ? button('Move down', move(i + 1, 'down'), {
                  class: 'secondary small',
                  'data-move': 'down',
                  'aria-label': `Move down point ${i + 1}`,
                })
              : null,
            button(
              'Remove',
              () => {
                const now = Array.from(list.querySelectorAll('textarea'), (t) => t.value);
                now.splice(i, 1);
                draw(now);
                announce(`Point ${i + 1} removed`);
                (list.querySelectorAll('textarea')[Math.min(i, now.length - 1)] ?? addButton).focus();
              },
              { class: 'secondary small', 'aria-label': `Remove point ${i + 1}` },
            ),
          ),
        );
      }),
    );
    if (focusIndex === undefined) return;
    const item = list.children[focusIndex];
    // After a move, focus stays on the point that moved: on its button the same way if it still has one.
    const target =
      focusWhat === 'text'
        ? item?.querySelector('textarea')
        : (item?.querySelector<HTMLElement>(`[data-move="${focusWhat}"]`) ?? item?.querySelector('textarea'));
    target?.focus();
  };
  const addButton = button(
    'Add a point',
    () => {
      const texts = Array.from(list.querySelectorAll('textarea'), (t) => t.value);
      draw([...texts, ''], texts.length);
    },
    { class: 'secondary' },
  );
  draw([...initial]);
  const el = h(
    'fieldset',
    { class: 'background', 'aria-labelledby': headingId },
    h('legend', { id: headingId }, 'Background points'),
    h('p', { class: 'hint' }, "Undated context that digests carry beside the story's events, in this order."),
    list,
    h('div', { class: 'actions' }, addButton),
  );
  return { el, values: () => Array.from(list.querySelectorAll('textarea'), (t) => t.value.trim()).filter(Boolean) };
}

// ---------------------------------------------------------------- editing the story

export interface ManageOptions {
  story: AdminStory;
  etag: string;
  events: DatedEvent[];
  /** Shows the story again from the API, with what was done as the screen's first message. */
  reload(message: string): Promise<void>;
}

/** The story's fields and points, saved with If-Match; a conflict keeps the editor's text in the form. */
export function storyEditForm({ story, etag, reload }: ManageOptions): HTMLFormElement {
  const base = story;
  let version = etag;
  const inputs = Object.fromEntries(
    STORY_FIELDS.map((f) => [
      f.key,
      field(f.label, `story-${f.key}`, { ...f.opts, required: f.required, value: story[f.key] ?? '' }),
    ]),
  ) as Record<TextKey, ReturnType<typeof field>>;
  const points = pointsEditor(story.background);
  // The story's title and summary in the other reader languages, as the new-story form takes them.
  const translations = translationFields('story', story.translations);
  const result = outcome();
  const texts = () =>
    Object.fromEntries(STORY_FIELDS.map((f) => [f.key, inputs[f.key].input.value])) as Record<TextKey, string>;
  const form: HTMLFormElement = h(
    'form',
    {
      class: 'stack',
      'aria-labelledby': 'edit-story',
      onsubmit: (e: Event) => {
        e.preventDefault();
        void busy(form, async () => {
          result.clear();
          const patch = storyPatch(base, texts(), points.values());
          const translated = translations.patch();
          if (translated !== undefined) patch.translations = translated;
          if (Object.keys(patch).length === 0) {
            result.error('Nothing changed.');
            result.focus();
            return;
          }
          try {
            const { data } = await api<AdminStory>('PATCH', `/admin/stories/${enc(story.id)}`, {
              json: patch,
              ifMatch: version,
            });
            await reload(`Story saved; version ${data.version}.`);
          } catch (err) {
            if (err instanceof ApiError && (err.status === 409 || err.status === 412)) {
              const { data: current, etag: now } = await api<AdminStory>('GET', `/admin/stories/${enc(story.id)}`);
              const theirs = STORY_FIELDS.filter((f) => (current[f.key] ?? '') !== (base[f.key] ?? '')).map((f) =>
                f.label.toLowerCase(),
              );
              if (JSON.stringify(current.background) !== JSON.stringify(base.background))
                theirs.push('background points');
              // My changes are measured from what I started with, so saving again sends only them.
              version = now ?? `"${current.version}"`;
              result.error(
                `Changed by someone else: the story is now at version ${current.version}` +
                  `${theirs.length ? ` (they changed the ${theirs.join(', ')})` : ''}. ` +
                  'Nothing of yours was saved; your text is still in the form. ' +
                  'Save again to put your changes over theirs.',
              );
            } else result.error(`Not saved: ${explain(err)}`);
            result.focus();
          }
        });
      },
    },
    STORY_FIELDS.map((f) => inputs[f.key].wrap),
    translations.set,
    points.el,
    result.el,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Save the story')),
  );
  return form;
}

// ---------------------------------------------------------------- archive, unarchive, withdraw

const patchStatus = (story: Pick<Story, 'id'>, etag: string, body: Record<string, unknown>) =>
  api<AdminStory>('PATCH', `/admin/stories/${enc(story.id)}`, { json: body, ifMatch: etag });

/**
 * A withdraw that stopped half-way (the API names the events it left scheduled): the same withdraw sent again
 * cancels them on the word stored with the story; readers already told are not told again (each send is claimed).
 */
export function finishWithdrawSection({ story, etag, events, reload }: ManageOptions): HTMLElement | null {
  const left = story.withdrawal?.eventsLeft ?? [];
  if (story.status !== 'cancelled' || left.length === 0) return null;
  const result = outcome();
  const word = story.withdrawal?.source;
  const titled = left.map((id) => events.find((e) => e.id === id)?.title ?? id);
  const section = h(
    'section',
    { 'aria-labelledby': 'finish-withdraw-heading' },
    h('h2', { id: 'finish-withdraw-heading' }, 'Finish the withdraw'),
    h(
      'p',
      null,
      `The withdraw stopped before ${whatCancels(left.length).replace('its', 'these')} were cancelled. ` +
        'Their followers have not been told yet; no reminder or digest mentions them. ' +
        (word
          ? `Finishing cancels them on the same word (${word.publisher}: “${word.quote}”); `
          : 'Finishing cancels them; ') +
        'each of their followers gets one cancellation alert, and nobody already told is told again.',
    ),
    h(
      'ul',
      { class: 'will-cancel' },
      titled.map((title, i) => h('li', null, h('a', { href: `#/events/${enc(left[i]!)}` }, title))),
    ),
    result.el,
    h(
      'div',
      { class: 'actions' },
      button(
        'Finish the withdraw',
        () =>
          void busy(section, async () => {
            try {
              const { data } = await patchStatus(story, etag, { status: 'cancelled' });
              const still = data.withdrawal?.eventsLeft.length ?? 0;
              await reload(
                still
                  ? `The withdraw is still not finished: ${still} left. Try again.`
                  : `The withdraw is finished: ${left.length} ${left.length === 1 ? 'event was' : 'events were'} ` +
                      'cancelled; ' +
                      'their followers get the alert at the next dispatcher run.',
              );
            } catch (err) {
              result.error(`Not finished: ${explain(err)}`);
              result.focus();
            }
          }),
        { class: 'danger' },
      ),
    ),
  );
  return section;
}

/** Archive (reversible) for an active story; make an archived one active again. A withdrawn story stays so. */
export function archiveSection({ story, etag, reload }: ManageOptions): HTMLElement | null {
  if (story.status === 'cancelled') return null;
  const result = outcome();
  const archived = story.status === 'archived';
  const section = h(
    'section',
    { 'aria-labelledby': 'archive-heading' },
    h('h2', { id: 'archive-heading' }, archived ? 'Make it active again' : 'Archive the story'),
    h(
      'p',
      null,
      archived
        ? 'It goes back on the subscribe page, its events can change again and mail about it goes out as before.'
        : 'When the story is over: its page and feeds stay readable, it leaves the subscribe page, ' +
            'no more mail goes out about it. You can make it active again.',
    ),
    result.el,
    h(
      'div',
      { class: 'actions' },
      button(
        archived ? 'Make the story active' : 'Archive the story',
        () =>
          void busy(section, async () => {
            try {
              const { data } = await patchStatus(story, etag, { status: archived ? 'active' : 'archived' });
              await reload(
                archived
                  ? `The story is active again; version ${data.version}.`
                  : `The story is archived; version ${data.version}. No more mail goes out about it.`,
              );
            } catch (err) {
              result.error(`Not changed: ${explain(err)}`);
              result.focus();
            }
          }),
        { class: 'secondary' },
      ),
    ),
  );
  return section;
}

/**
 * Withdraw (the API's cancel): every event still scheduled is cancelled on the editor's source and its followers
 * get one cancellation alert each. The alert is shown before the story is withdrawn, never after.
 */
/** " N readers follow this story." once the counters answer; nothing when they cannot be read. */
function followersLine(storyId: string): HTMLElement {
  const line = h('span', { class: 'followers' });
  void followersOf(storyId).then((n) => {
    if (n === undefined) return;
    line.textContent = ` ${number(n)} ${n === 1 ? 'reader follows' : 'readers follow'} this story now.`;
  });
  return line;
}

const whatCancels = (n: number) => (n === 1 ? 'its one scheduled event' : `its ${n} scheduled events`);

export function withdrawSection({ story, etag, events, reload }: ManageOptions): HTMLElement | null {
  if (story.status !== 'active') return null;
  const scheduled = events.filter((e) => e.status === 'scheduled');
  const publisher = field('Publisher', 'withdraw-publisher', { required: true, value: story.publisher });
  const quote = field('Their words', 'withdraw-quote', {
    required: true,
    multiline: true,
    rows: 2,
    hint: 'Quote the sentence that calls it off or retracts it.',
  });
  const url = field('Link', 'withdraw-url', { type: 'url', placeholder: 'https://' });
  const which =
    scheduled.length > 1
      ? select(
          'Show the alert for',
          'withdraw-event',
          scheduled.map((e) => [e.id, e.title]),
          scheduled[0]!.id,
        )
      : undefined;
  // Followers read in their own language: the editor may read the alert as each of them gets it.
  const language = scheduled.length
    ? select(
        "Reader's language",
        'withdraw-language',
        LANGUAGE_OPTIONS,
        'en',
        'Followers get the alert in the language they chose: its words, dates and your translations.',
      )
    : undefined;
  const preview = previewPanel('What followers will be told');
  const result = outcome();
  const source = (): Source => ({
    publisher: publisher.input.value.trim(),
    quote: quote.input.value.trim(),
    ...(url.input.value.trim() ? { url: url.input.value.trim() } : {}),
  });
  let previewed = '';
  const previewKey = () => JSON.stringify([source(), which?.input.value]);
  const showPreview = async (): Promise<boolean> => {
    const event = scheduled.find((e) => e.id === (which?.input.value ?? scheduled[0]?.id));
    if (!event) return true;
    const s = source();
    const ok = await preview.show({
      kind: 'cancelled',
      event: event.id,
      timeZone: event.timeZone,
      sourcePublisher: s.publisher,
      sourceQuote: s.quote,
      ...(language && language.input.value !== 'en' ? { language: language.input.value } : {}),
    });
    if (ok) previewed = previewKey();
    return ok;
  };
  // Another language shows the alert shown so far again, in that language; what is withdrawn does not change.
  language?.input.addEventListener('change', () => {
    if (previewed) void busy(form, showPreview);
  });
  const form: HTMLFormElement = h(
    'form',
    {
      class: 'stack',
      'aria-labelledby': 'withdraw-heading',
      onsubmit: (e: Event) => {
        e.preventDefault();
        void busy(form, async () => {
          result.clear();
          // The first press shows what followers will be told; only a press after that, on the same words, withdraws.
          if (scheduled.length > 0 && previewed !== previewKey()) {
            if (await showPreview()) {
              result.ok(
                "Below is the alert each event's followers will get. " +
                  'Press “Withdraw the story” again to withdraw it.',
              );
              result.focus();
            }
            return;
          }
          try {
            const { data } = await patchStatus(story, etag, { status: 'cancelled', changeSource: source() });
            await reload(
              `The story is withdrawn (version ${data.version}). ` +
                (scheduled.length
                  ? `${scheduled.length} ${scheduled.length === 1 ? 'event was' : 'events were'} cancelled; ` +
                    'their followers get the alert at the next dispatcher run.'
                  : 'No event was scheduled: nobody is mailed.'),
            );
          } catch (err) {
            result.error(`Not withdrawn: ${explain(err)}`);
            result.focus();
          }
        });
      },
    },
    h(
      'p',
      null,
      scheduled.length === 0
        ? 'No event of this story is scheduled: withdrawing it mails nobody. ' +
            'It leaves the subscribe page and cannot be changed again.'
        : `Withdrawing cancels ${whatCancels(scheduled.length)}; ` +
            'the followers of each get a cancellation alert that quotes your source. It cannot be undone.',
      scheduled.length ? followersLine(story.id) : null,
    ),
    scheduled.length
      ? h(
          'ul',
          { class: 'will-cancel' },
          scheduled.map((e) => h('li', null, h('a', { href: `#/events/${enc(e.id)}` }, e.title))),
        )
      : null,
    h('fieldset', { class: 'source' }, h('legend', null, 'On whose word'), publisher.wrap, quote.wrap, url.wrap),
    which?.wrap ?? null,
    language?.wrap ?? null,
    result.el,
    h(
      'div',
      { class: 'actions' },
      scheduled.length
        ? button('Show what followers will be told', () => void busy(form, showPreview), { class: 'secondary' })
        : null,
      h('button', { type: 'submit', class: 'danger' }, 'Withdraw the story'),
    ),
  );
  return h(
    'section',
    { 'aria-labelledby': 'withdraw-heading' },
    h('h2', { id: 'withdraw-heading' }, 'Withdraw the story'),
    form,
    preview.el,
  );
}
