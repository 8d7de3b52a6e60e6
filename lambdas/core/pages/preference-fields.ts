import type { DatedEvent } from '../model/event.ts';
import type { Story } from '../model/story.ts';
import { LEAD_TIMES, type DigestFrequency, type LeadTime, type Preferences } from '../model/subscriber.ts';
import { longDate, whenInline } from '../when.ts';
import { canonicalTimeZones } from '../zoned-time.ts';
import { esc } from './layout.ts';

export const LEAD_LABELS: Record<LeadTime, string> = {
  P14D: 'Two weeks before',
  P7D: 'One week before',
  P3D: 'Three days before',
  P1D: 'The day before',
  P0D: 'On the morning of the day (the evening before if it begins by 08:00)',
};

const DIGEST_LABELS: Record<DigestFrequency, string> = {
  weekly: 'Weekly: once a week, in the morning',
  daily: 'Daily: every morning',
  none: 'No digest',
};

/** Every IANA zone the runtime knows, in the canonical spelling readers are stored with, UTC first. */
export function timeZones(): readonly string[] {
  return canonicalTimeZones();
}

/** When the event is, by the emails' rules: in its own zone, and in the reader's where the page knows it. */
export function eventWhen(e: DatedEvent, readerZone?: string): string {
  return whenInline(e, readerZone);
}

/** The stories a form offers, each with its upcoming events. */
export type StoryChoice = Pick<Story, 'id' | 'title' | 'publisher' | 'publishedOn'>;

/** The time zone, reminders, digest, stories and events controls, shared by the subscribe and preferences forms. */
export function preferenceFields(p: Preferences, events: readonly DatedEvent[], readerZone?: string, stories: readonly StoryChoice[] = []): string {
  const zones = timeZones().includes(p.timeZone) ? timeZones() : [p.timeZone, ...timeZones()];
  const options = zones.map((z) => `<option value="${esc(z)}"${z === p.timeZone ? ' selected' : ''}>${esc(z)}</option>`).join('');
  const checked = (on: boolean) => (on ? ' checked' : '');
  const chosen = p.events === 'all' ? [] : p.events;
  const eventBox = (e: DatedEvent) => `<label><input type="checkbox" name="events" value="${esc(e.id)}"${checked(chosen.includes(e.id))}> <span>${esc(e.title)} <span class="hint">(${esc(eventWhen(e, readerZone))})</span></span></label>`;
  const titled = stories.length > 1 ? stories : [];
  const eventBoxes = titled.length === 0
    ? events.map(eventBox).join('\n')
    : titled.map((s) => {
      const own = events.filter((e) => e.storyId === s.id);
      return own.length ? `<p class="hint"><strong>${esc(s.title)}</strong></p>\n${own.map(eventBox).join('\n')}` : '';
    }).join('\n');
  const followed = p.stories === undefined || p.stories === 'all' ? [] : p.stories;
  const storyFields = stories.length < 2 && (p.stories === undefined || p.stories === 'all') ? '' : `
<fieldset>
<legend>Which stories</legend>
<label><input type="radio" name="storiesScope" value="all"${checked(p.stories === undefined || p.stories === 'all')}> All stories, including new ones (the digest tells you about them)</label>
<label><input type="radio" name="storiesScope" value="chosen"${checked(p.stories !== undefined && p.stories !== 'all')}> Only the ones I tick below</label>
${stories.map((s) => `<label><input type="checkbox" name="stories" value="${esc(s.id)}"${checked(followed.includes(s.id))}> <span>${esc(s.title)} <span class="hint">(${esc(s.publisher)}, ${esc(longDate(s.publishedOn))})</span></span></label>`).join('\n')}
</fieldset>`;
  return `
<label for="timeZone">Your time zone</label>
<select id="timeZone" name="timeZone" aria-describedby="timeZone-hint">${options}</select>
<p class="hint" id="timeZone-hint">Reminders and digests arrive in the morning of this zone, and show times in it.</p>

<fieldset>
<legend>Reminders before each event</legend>
${LEAD_TIMES.map((l) => `<label><input type="checkbox" name="reminders" value="${l}"${checked(p.reminders.includes(l))}> ${esc(LEAD_LABELS[l])}</label>`).join('\n')}
</fieldset>

<fieldset>
<legend>Digest of what is coming up</legend>
${(['weekly', 'daily', 'none'] as const).map((d) => `<label><input type="radio" name="digest" value="${d}"${checked(p.digest === d)}> ${esc(DIGEST_LABELS[d])}</label>`).join('\n')}
</fieldset>

${storyFields}
<fieldset>
<legend>Updates</legend>
<input type="hidden" name="updates" value="no">
<label><input type="checkbox" name="updates" value="yes"${checked(p.updates !== false)}> Editors' updates about the stories I follow</label>
</fieldset>

<fieldset>
<legend>Which events</legend>
<label><input type="radio" name="eventsScope" value="all"${checked(p.events === 'all')}> All of them${stories.length > 1 ? ' in the stories I follow' : ''}, including events added later</label>
<label><input type="radio" name="eventsScope" value="chosen"${checked(p.events !== 'all')}> Only the ones I tick below</label>
${eventBoxes}
</fieldset>`;
}
