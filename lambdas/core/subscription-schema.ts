import * as v from './validate/index.ts';
import { DIGEST_FREQUENCIES, LEAD_TIMES, type LeadTime, type Preferences } from './model/subscriber.ts';
import { LANGUAGES } from './model/language.ts';
import { canonicalTimeZone, isValidTimeZone } from './zoned-time.ts';

export const DEFAULT_PREFERENCES: Preferences = { timeZone: 'UTC', reminders: ['P7D', 'P1D'], digest: 'weekly', stories: 'all', events: 'all' };

/**
 * Stored in its canonical IANA spelling (`aSiA/tOkYo`, `Japan` → Asia/Tokyo; `US/Eastern` → America/New_York):
 * one reader's spelling never adds a zone for the dispatcher to plan.
 */
const timeZone = () => v.pipe(
  v.string({ error: 'timeZone must be a string' })
    .check(v.trim(), v.refine(isValidTimeZone, { error: 'timeZone must be an IANA time zone such as Europe/Moscow or Asia/Tokyo' })),
  v.transform((zone: string) => canonicalTimeZone(zone)!),
);
const reminders = () => v.pipe(
  v.array(v.enumOf(LEAD_TIMES, { error: `reminders must be lead times from ${LEAD_TIMES.join(', ')}` }), {
    error: `reminders must be a list of lead times from ${LEAD_TIMES.join(', ')}`,
  }).check(v.maxLength(LEAD_TIMES.length)),
  v.transform((list: LeadTime[]) => LEAD_TIMES.filter((l) => list.includes(l))),
);
const digest = () => v.enumOf(DIGEST_FREQUENCIES, { error: `digest must be one of ${DIGEST_FREQUENCIES.join(', ')}` });
/** `"all"` (also what is added later), or a list of ids: `events` of event ids, `stories` of story ids. */
const allOrIds = (field: 'events' | 'stories', noun: 'event' | 'story') => {
  const id = v.string({ error: `${field} must list ${noun} ids` }).check(
    v.trim(),
    v.minLength(1, { error: `a ${noun} id must not be empty` }),
    v.maxLength(100, { error: `a ${noun} id is at most 100 characters` }),
  );
  return v.union([
    v.literal('all'),
    v.pipe(
      v.array(id, { error: `${field} must be "all" or a list of ${noun} ids` })
        .check(v.minLength(1, { error: `${field} must name at least one ${noun}, or be "all"` }), v.maxLength(100)),
      v.transform((ids: string[]) => [...new Set(ids)]),
    ),
  ], { error: `${field} must be "all" or a list of ${noun} ids` });
};
/** The reader's language for mail and pages. */
export const languageField = /* @__PURE__ */ v.lazy(() =>
  v.enumOf(LANGUAGES, { error: `language must be one of ${LANGUAGES.join(', ')}` }));

const preferenceFields = () => ({
  stories: v.optional(allOrIds('stories', 'story')),
  timeZone: v.optional(timeZone()),
  reminders: v.optional(reminders()),
  digest: v.optional(digest()),
  events: v.optional(allOrIds('events', 'event')),
  /** Editors' updates about the followed stories; absent on a stored reader means yes. */
  updates: v.optional(v.boolean({ error: 'updates must be true or false' })),
  language: v.optional(languageField),
});

/** Built on first use, as the event schemas are (model/event.ts says why). */
export const subscribeSchema = /* @__PURE__ */ v.lazy(() => v.strictObject({
  email: v.string({ error: 'email is required' }).check(v.maxLength(320, { error: 'email is too long' })),
  ...preferenceFields(),
  /** The honeypot: people never see it, form-filling bots do. */
  website: v.optional(v.string().check(v.maxLength(1000))),
}));
export type SubscribeInput = v.Infer<typeof subscribeSchema>;

export const preferencesSchema = /* @__PURE__ */ v.lazy(() => v.strictObject(preferenceFields())
  .check(v.refine((p) => Object.values(p).some((v) => v !== undefined),
    { error: 'send at least one of timeZone, reminders, digest, stories, events, updates, language' })));
export type PreferencesPatch = v.Infer<typeof preferencesSchema>;

const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const single = (v: unknown): unknown => (Array.isArray(v) ? v.at(-1) : v);

/**
 * An HTML form says the same thing differently: an unticked checkbox is an absent field (so no reminders
 * ticked means none), and the choice between all events and some is a radio `eventsScope`.
 */
export function formToPreferences(form: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {
    reminders: list(form.reminders).filter((r) => r !== ''),
    events: single(form.eventsScope) === 'chosen' ? list(form.events).filter((e) => e !== '') : 'all',
  };
  // A form without the stories choice (a page from before stories) leaves it as it is.
  if (form.storiesScope !== undefined) out.stories = single(form.storiesScope) === 'chosen' ? list(form.stories).filter((s) => s !== '') : 'all';
  for (const name of ['timeZone', 'digest',
    'language'] as const) if (form[name] !== undefined) out[name] = single(form[name]);
  // The updates checkbox follows a hidden "no" of the same name: ticked sends [no, yes], unticked "no", an older page nothing.
  if (form.updates !== undefined) out.updates = single(form.updates) === 'yes';
  return out;
}

export function formToSubscribe(form: Record<string, unknown>): Record<string, unknown> {
  const out = formToPreferences(form);
  out.email = single(form.email) ?? '';
  if (form.website !== undefined) out.website = single(form.website);
  return out;
}
