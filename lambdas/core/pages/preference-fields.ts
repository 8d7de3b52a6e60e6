import type { DatedEvent } from '../model/event.ts';
import type { Story } from '../model/story.ts';
import { DIGEST_FREQUENCIES, LEAD_TIMES, type Preferences } from '../model/subscriber.ts';
import { longDate, whenInline } from '../when.ts';
import { pageWordsFor } from '../i18n/page-words.ts';
import { LANGUAGES, type Language } from '../model/language.ts';
import { type Localized, textHtml } from '../i18n/localize.ts';
import { canonicalTimeZones } from '../zoned-time.ts';
import { esc } from './layout.ts';
import { languageName } from '../i18n/language-names.ts';

/** Every IANA zone the runtime knows, in the canonical spelling readers are stored with, UTC first. */
export function timeZones(): readonly string[] {
  return canonicalTimeZones();
}

/** When the event is, by the emails' rules: in its own zone, and in the reader's where the page knows it. */
export function eventWhen(e: DatedEvent, readerZone?: string, lang: Language = 'en'): string {
  return whenInline(e, readerZone, lang);
}

/** The stories a form offers, each with its upcoming events. */
export type StoryChoice = Localized<Pick<Story, 'id' | 'title' | 'publisher' | 'publishedOn'>>;

/** The time zone, reminders, digest, stories and events controls, shared by the subscribe and preferences forms. */
export function preferenceFields(
  p: Preferences, events: readonly Localized<DatedEvent>[], readerZone?: string, stories: readonly StoryChoice[] = [],
  lang: Language = 'en',
): string {
  const w = pageWordsFor(lang).pages;
  const zones = timeZones().includes(p.timeZone) ? timeZones() : [p.timeZone, ...timeZones()];
  const options = zones.map((z) => `<option value="${esc(z)}"${z === p.timeZone ? ' selected' : ''}>${esc(z)}</option>`)
    .join('');
  const checked = (on: boolean) => (on ? ' checked' : '');
  const box = (type: 'checkbox' | 'radio', name: string, value: string, on: boolean, labelHtml: string) =>
    `<label><input type="${type}" name="${name}" value="${esc(value)}"${checked(on)}> ${labelHtml}</label>`;
  const chosen = p.events === 'all' ? [] : p.events;
  const eventBox = (e: Localized<DatedEvent>) => box('checkbox', 'events', e.id, chosen.includes(e.id),
    `<span>${textHtml(e, 'title', lang)} <span class="hint">(${esc(eventWhen(e, readerZone, lang))})</span></span>`);
  const titled = stories.length > 1 ? stories : [];
  const eventBoxes = titled.length === 0
    ? events.map(eventBox).join('\n')
    : titled.map((s) => {
      const own = events.filter((e) => e.storyId === s.id);
      return own.length ? `<p class="hint"><strong>${textHtml(s, 'title', lang)}</strong></p>\n${own.map(eventBox).join('\n')}` : '';
    }).join('\n');
  const followsAll = p.stories === undefined || p.stories === 'all';
  const followed = followsAll ? [] : p.stories as string[];
  const storyBox = (s: StoryChoice) => box('checkbox', 'stories', s.id, followed.includes(s.id),
    `<span>${textHtml(s, 'title', lang)} <span class="hint">(${esc(s.publisher)}, ${esc(longDate(s.publishedOn, lang))})</span></span>`);
  const storyFields = stories.length < 2 && followsAll ? '' : `
<fieldset>
<legend>${esc(w.whichStories)}</legend>
${box('radio', 'storiesScope', 'all', followsAll, esc(w.allStoriesOption))}
${box('radio', 'storiesScope', 'chosen', !followsAll, esc(w.chosenOption))}
${stories.map(storyBox).join('\n')}
</fieldset>`;
  const chosenLanguage = p.language ?? lang;
  const languageOptions = LANGUAGES.map((l) =>
    `<option value="${l}" lang="${l}"${l === chosenLanguage ? ' selected' : ''}>${esc(languageName(l))}</option>`).join('');
  return `
<label for="language">${esc(w.languageLabel)}</label>
<select id="language" name="language" aria-describedby="language-hint">${languageOptions}</select>
<p class="hint" id="language-hint">${esc(w.languageHint)}</p>

<label for="timeZone">${esc(w.timeZoneLabel)}</label>
<select id="timeZone" name="timeZone" aria-describedby="timeZone-hint">${options}</select>
<p class="hint" id="timeZone-hint">${esc(w.timeZoneHint)}</p>

<fieldset>
<legend>${esc(w.remindersLegend)}</legend>
${LEAD_TIMES.map((l) => box('checkbox', 'reminders', l, p.reminders.includes(l), esc(w.leadLabels[l]))).join('\n')}
</fieldset>

<fieldset>
<legend>${esc(w.digestLegend)}</legend>
${DIGEST_FREQUENCIES.map((d) => box('radio', 'digest', d, p.digest === d, esc(w.digestLabels[d]))).join('\n')}
</fieldset>

${storyFields}
<fieldset>
<legend>${esc(w.updatesLegend)}</legend>
<input type="hidden" name="updates" value="no">
${box('checkbox', 'updates', 'yes', p.updates !== false, esc(w.updatesLabel))}
</fieldset>

<fieldset>
<legend>${esc(w.whichEvents)}</legend>
${box('radio', 'eventsScope', 'all', p.events === 'all', esc(w.allEventsOption(stories.length > 1)))}
${box('radio', 'eventsScope', 'chosen', p.events !== 'all', esc(w.chosenOption))}
${eventBoxes}
</fieldset>`;
}
