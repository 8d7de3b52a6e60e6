/// <reference lib="dom" />
/**
 * The per-language text of a story or event (issue 26): title, summary and, for events, place, in Japanese and
 * Russian, written by an editor. Folded away by default; a field left empty means readers of that language get
 * the story's own text. Kept in its own module so the story and event forms only mount it.
 */
import { field, h } from '../dom.ts';
import type { EventTranslation, Translations } from '#core/model/translations.ts';

const LANGUAGES = [['ja', 'Japanese (日本語)'], ['ru', 'Russian (Русский)']] as const;
/** Each field named in its own language, so a label says which field and language it is at a glance. */
const FIELD_NAMES = {
  ja: { title: 'タイトル（日本語）', summary: '概要（日本語）', place: '場所（日本語）' },
  ru: { title: 'Заголовок (по-русски)', summary: 'Описание (по-русски)', place: 'Место (по-русски)' },
} as const;
type Field = 'title' | 'summary' | 'place';

export function translationFields(kind: 'story' | 'event', current: Translations<EventTranslation> | undefined) {
  const fields: Field[] = kind === 'event' ? ['title', 'summary', 'place'] : ['title', 'summary'];
  const inputs = LANGUAGES.map(([lang, name]) => ({
    lang,
    name,
    inputs: fields.map((f) => ({
      f,
      ...field(FIELD_NAMES[lang][f], `translations-${lang}-${f}`, {
        multiline: f === 'summary', rows: 2, value: current?.[lang]?.[f] ?? '', attrs: { lang },
      }),
    })),
  }));
  const given = inputs.reduce((n, l) => n + l.inputs.filter((i) => i.input.value.trim()).length, 0);
  const set = h('details', { class: 'translations', open: given > 0 },
    h('summary', null, `Other languages${given ? ` (${given} field${given === 1 ? '' : 's'} given)` : ''}`),
    h('p', { class: 'hint' }, 'Readers of a language get its text here; '
      + 'an empty field means they read the story\'s own. Write it yourself: nothing is machine-translated.'),
    ...inputs.map((l) => h('fieldset', null, h('legend', null, l.name), ...l.inputs.map((i) => i.wrap))));

  /** The translations as the form now says, or undefined when none is given. */
  const value = (): Translations<EventTranslation> | undefined => {
    const out: Translations<EventTranslation> = {};
    for (const l of inputs) {
      const t: EventTranslation = {};
      for (const i of l.inputs) if (i.input.value.trim()) t[i.f] = i.input.value.trim();
      if (Object.keys(t).length) out[l.lang] = t;
    }
    return Object.keys(out).length ? out : undefined;
  };
  /** For a PATCH: the new translations, null to remove them all, or undefined when nothing changed. */
  const patch = (): Translations<EventTranslation> | null | undefined => {
    const now = value();
    if (JSON.stringify(now ?? null) === JSON.stringify(current ?? null)) return undefined;
    return now ?? null;
  };
  return { set, value, patch };
}
