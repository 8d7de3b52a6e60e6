/// <reference lib="dom" />
import { api, enc, explain } from '../api.ts';
import { button, h, replaceChildren } from '../dom.ts';
import type { ZoneSuggestion } from '#core/proposals/place-zones.ts';

const WAIT_MS = 400;

const named = (s: ZoneSuggestion) =>
  `${s.timeZone} (${s.place}, ${s.country}${s.kind === 'city' ? '' : `, a ${s.kind}`}` +
  `${s.certain ? '' : ', which spans zones'})`;

/**
 * The zone an event's place suggests (GET /admin/places: the server's gazetteer, never shipped to the browser).
 * `fill`: a new event takes the likeliest zone while the editor has not typed one; an edit only offers it, since
 * a new zone moves the event and tells its followers.
 */
export function zoneFromPlace(
  place: HTMLInputElement | HTMLTextAreaElement,
  zone: HTMLInputElement | HTMLTextAreaElement,
  opts: { fill: boolean },
): HTMLElement {
  const el = h('div', { class: 'zone-hint', role: 'status' });
  let typedByEditor = zone.value.trim() !== '';
  let asked = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const use = (s: ZoneSuggestion, how: string) => {
    zone.value = s.timeZone;
    // The form listens for input to see a move; the editor did not type this one, so a later place may change it.
    zone.dispatchEvent(new Event('input', { bubbles: true }));
    typedByEditor = !opts.fill;
    replaceChildren(el, h('p', { class: 'hint' }, `${how}: ${named(s)}.`));
  };
  const offer = (list: ZoneSuggestion[]) =>
    list.length === 0
      ? null
      : h(
          'div',
          { class: 'actions' },
          list.map((s) =>
            button(
              `Use ${s.timeZone}`,
              () => {
                use(s, 'Zone chosen');
                zone.focus();
              },
              { class: 'secondary small', 'aria-label': `Use ${named(s)}` },
            ),
          ),
        );
  // The place the hint was last asked for: leaving the field asks again only when it changed, so a suggestion the
  // editor is about to press is not drawn afresh under them.
  let askedFor = place.value.trim();
  const ask = async () => {
    const q = place.value.trim();
    if (q === askedFor) return;
    askedFor = q;
    const mine = ++asked;
    if (!q) {
      replaceChildren(el);
      return;
    }
    try {
      const { data } = await api<{ suggestions: ZoneSuggestion[] }>('GET', `/admin/places?q=${enc(q)}`);
      if (mine !== asked) return;
      const [first, ...others] = data.suggestions;
      if (!first) {
        replaceChildren(el, h('p', { class: 'hint' }, `No zone known for “${q}”: type the zone.`));
        return;
      }
      if (opts.fill && !typedByEditor) {
        use(first, 'Zone from the place');
        el.append(offer(others) ?? '');
        return;
      }
      const current = zone.value.trim();
      const different = data.suggestions.filter((s) => s.timeZone !== current);
      replaceChildren(
        el,
        first.timeZone === current
          ? h('p', { class: 'hint' }, `The place agrees with the zone: ${named(first)}.`)
          : h('p', { class: 'hint' }, `The place suggests ${named(first)}.`),
        offer(different),
      );
    } catch (err) {
      if (mine === asked) replaceChildren(el, h('p', { class: 'hint' }, `No zone suggested: ${explain(err)}`));
    }
  };
  place.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void ask(), WAIT_MS);
  });
  place.addEventListener('change', () => {
    clearTimeout(timer);
    void ask();
  });
  zone.addEventListener('input', (e) => {
    if (e.isTrusted) typedByEditor = zone.value.trim() !== '';
  });
  return el;
}
