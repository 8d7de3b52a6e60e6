/**
 * One proposal per real event. A mention that names the same kind of event as a more precise one, in a period
 * that holds it ("a summit … later in June" beside "a summit in Ottawa on June 21"; "in October" beside
 * "mid-October"; "next week" beside a day of it), joins that one: its quote is added to the quotes. A vague
 * mention that no precise one covers stays, whatever names its sentence shares with the others.
 */
import { addDays, daysBetween } from './calendar.ts';
import { endOf, startOf, type When } from './dates.ts';

// What kind of event a clause speaks of; "visits" and "visit" are one kind.
const EVENT_WORDS = new RegExp(
  String.raw`\b(${[
    'summit',
    'meeting',
    'talks',
    'visit',
    'trip',
    'tour',
    'conference',
    'forum',
    'election',
    'vote',
    'referendum',
    'session',
    'games',
    'olympics',
    'final',
    'match',
    'race',
    'festival',
    'ceremony',
    'inauguration',
    'coronation',
    'launch',
    'debate',
    'hearing',
    'trial',
    'assembly',
    'congress',
    'convention',
    'parade',
    'rally',
    'strike',
    'exhibition',
    'expo',
    'negotiations',
    'dialogue',
    'consultations',
    'exercises?',
    'drills',
    'concert',
    'celebrations?',
    'meet',
    'visits',
    'travel',
  ].join('|')})\b`,
  'giu',
);
const NATIVE_EVENT_WORDS = new RegExp(
  `(${[
    '首脳会談',
    '会談',
    '会議',
    '会合',
    '訪問',
    '来日',
    '訪日',
    '歴訪',
    '滞在',
    '選挙',
    'サミット',
    '式典',
    '協議',
    '演習',
    '会見',
    '大会',
    '総会',
    'フォーラム',
    'саммит',
    'встреч',
    'переговор',
    'визит',
    'форум',
    'выбор',
    'заседани',
    'конференци',
    'учени',
    'совещани',
    'консультаци',
    'церемони',
    'чемпионат',
    'фестивал',
    'выставк',
    'парад',
    'посет',
    'посещ',
  ].join('|')})`,
  'gu',
);
const SAME_KIND: Record<string, string> = {
  visits: 'visit',
  travel: 'visit',
  trip: 'visit',
  meet: 'meeting',
  negotiations: 'talks',
  consultations: 'talks',
  dialogue: 'talks',
  // In Russian news a "встреча" of leaders and their "переговоры" are one event; a summit or a forum is not.
  встреч: 'переговор',
  консультаци: 'переговор',
  совещани: 'переговор',
  協議: '会談',
  exercise: 'exercises',
  drills: 'exercises',
  celebration: 'celebrations',
  来日: '訪問',
  訪日: '訪問',
  // A tour is the visits it is made of: "アジアを歴訪" then "日本に滞在".
  歴訪: '訪問',
  滞在: '訪問',
  tour: 'visit',
  首脳会談: '会談',
  посет: 'визит',
  посещ: 'визит',
};

export function eventKinds(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(EVENT_WORDS)) {
    const w = m[1]!.toLowerCase();
    out.add(SAME_KIND[w] ?? w);
  }
  for (const m of text.matchAll(NATIVE_EVENT_WORDS)) {
    const w = m[1]!.toLowerCase();
    out.add(SAME_KIND[w] ?? w);
  }
  return out;
}

export interface Draft {
  when: When;
  vague: boolean;
  confidence: number;
  timeZone: string;
  /** The zone came from the event's own sentence. */
  placed: boolean;
  sentence: number;
  /**
   * The kinds of event its stretch of the sentence names; read only when a merge asks (a list of dates stays cheap).
   */
  kinds(): Set<string>;
  quotes: string[];
  place: string;
  zoneFrom: string;
  /** The gazetteer's name for the place its own sentence names, when it names one. */
  venue?: string;
  /** Counted from another date ("в тот же день проведет переговоры"): another event, even on the same day. */
  counted?: boolean;
}

// How many precise proposals a vague one is checked against: a story listing thousands of dates stays linear.
const MAX_CHECKED = 64;

export function mergeRepeats<D extends Draft>(drafts: D[]): D[] {
  // The quotes each draft holds, as a set beside its list: a date listed thousands of times is not looked for in a
  // list of dozens of quotes for each.
  const quoteSets = new Map<D, Set<string>>();
  const addQuotes = (to: D, quotes: readonly string[]) => {
    let held = quoteSets.get(to);
    if (!held) quoteSets.set(to, held = new Set(to.quotes));
    for (const q of quotes) if (!held.has(q)) { held.add(q); to.quotes.push(q); }
  };
  // The same day (or range) in the same zone: one event, the firmest reading, every quote.
  const byKey = new Map<string, D>();
  for (const d of drafts) {
    const key = `${JSON.stringify(d.when)}|${d.timeZone}${d.counted ? `|${d.sentence}` : ''}`;
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, d);
      continue;
    }
    const [keep, drop] = d.confidence > seen.confidence ? [d, seen] : [seen, d];
    addQuotes(keep, drop.quotes);
    byKey.set(key, keep);
  }
  const unique = [...byKey.values()];
  const byStart = [...unique].sort((a, b) => startOf(a.when).localeCompare(startOf(b.when)));
  const gone = new Set<D>();
  for (const v of unique) {
    if (!v.vague) continue;
    const into = coveringEvent(v, byStart, gone);
    if (!into) continue;
    addQuotes(into, v.quotes);
    // "来月中旬に東京で…" then "12月15、16両日の予定だ": the vaguer mention may be the one that names the place.
    if (!into.placed && v.placed)
      Object.assign(into, { place: v.place, timeZone: v.timeZone, zoneFrom: v.zoneFrom, placed: true });
    gone.add(v);
  }
  return unique.filter((d) => !gone.has(d));
}

/** The more precise proposal `v` is a vaguer mention of, if any. */
function coveringEvent<D extends Draft>(v: D, byStart: D[], gone: Set<D>): D | undefined {
  const from = startOf(v.when);
  const to = endOf(v.when);
  // "next week" beside a dated start next to that week: a week's edges are loose.
  const slack = daysBetween(from, to) <= 6 ? 3 : 0;
  const lo = addDays(from, -slack);
  const hi = addDays(to, slack);
  let checked = 0;
  for (
    let i = lowerBound(byStart, lo);
    i < byStart.length && startOf(byStart[i]!.when) <= hi && checked < MAX_CHECKED;
    i++
  ) {
    const f = byStart[i]!;
    if (f === v || gone.has(f)) continue;
    checked++;
    const narrower =
      endOf(f.when) <= (slack ? hi : to) &&
      (f.vague ? daysBetween(startOf(f.when), endOf(f.when)) < daysBetween(from, to) : true);
    if (!narrower) continue;
    const sameSentence = f.sentence === v.sentence;
    // "early next year, possibly in January or February": one sentence narrowing its own period.
    if (sameSentence && f.vague) return f;
    const fKinds = f.kinds();
    const sameKind = [...v.kinds()].some((k) => fKinds.has(k));
    const samePlace = !v.placed || !f.placed || v.timeZone === f.timeZone;
    if (sameKind && samePlace) return f;
    // "… will meet next week in Helsinki." then "The talks will be held on July 16 …": the next sentence dates it.
    // … or the next sentence dates it with no venue of its own
    // ("in Hanoi later this month" then "meet on Feb. 27 and 28").
    // "will travel to New York next week …, where he will deliver a speech on Sept. 23": the day the sentence gives
    // inside its own vaguer period, in the same zone, is that trip's.
    if (sameSentence && v.timeZone === f.timeZone && (!fKinds.size || !v.kinds().size)
      && startOf(f.when) >= from && endOf(f.when) <= to) return f;
    const adjacent = f.sentence === v.sentence + 1;
    if (adjacent && v.placed && !f.placed) return f;
    if (f.sentence === v.sentence + 1 && v.timeZone === f.timeZone && (sameKind || !v.kinds().size || !fKinds.size))
      return f;
    // "пройдет в конце июня в Осаке" then "соберутся в Осаке 28 и 29 июня": one place named by both is one event.
    if (v.placed && f.placed && v.venue !== undefined && v.venue === f.venue) return f;
  }
  return undefined;
}

function lowerBound<D extends Draft>(list: D[], date: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (startOf(list[mid]!.when) < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
