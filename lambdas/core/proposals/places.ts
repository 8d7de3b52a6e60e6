/** Place names in a story's text, matched against the gazetteer, and the choice of one zone for an event. */
import { gazetteer, lookupPlace, normalizePlaceName, type GazetteerPlace } from './gazetteer.ts';

export interface PlaceMention {
  /** As written, e.g. "Yamaguchi" or "Lima, Peru". */
  text: string;
  start: number;
  end: number;
  /** The meanings the gazetteer allows, the likeliest first once the story has been read. */
  candidates: GazetteerPlace[];
  /** Written after a word that puts an event somewhere: "in", "at", "to", "visit" … */
  cued: boolean;
}

interface Token { text: string; start: number; end: number }

// Words before a place that make it the place of something: "in Tokyo", "visit Russia", "arrive at Narita".
const CUES = new Set(['in', 'at', 'to', 'from', 'near', 'outside', 'inside', 'into', 'across', 'around', 'toward', 'towards',
  'via', 'visit', 'visits', 'visiting', 'visited', 'hosts', 'host', 'hosting', 'throughout', 'within', 'of']);
// Lower-case words allowed inside a place name: "Rio de Janeiro", "Stratford-upon-Avon", "Isle of Man".
const JOINERS = new Set(['de', 'del', 'da', 'do', 'dos', 'das', 'la', 'le', 'les', 'of', 'the', 'upon', 'on', 'am', 'an', 'sur', 'du', 'y', 'es', 'al', 'el']);
// Capitalised words that start a sentence far more often than they name a place.
const SENTENCE_WORDS = new Set(['of', 'the', 'a', 'an', 'this', 'that', 'these', 'but', 'and', 'or', 'so', 'as', 'if', 'when', 'while', 'after', 'before', 'during', 'since', 'until', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'his', 'her', 'their', 'its', 'our', 'on', 'at', 'in', 'to', 'for', 'with', 'by', 'from', 'about', 'under', 'over', 'some', 'many', 'most', 'all', 'both', 'each', 'no', 'not', 'there', 'here', 'what', 'who', 'how', 'why', 'where']);
const MIN_UNCUED_CITY = 1_000_000;

const isCapitalised = (w: string) => /^\p{Lu}/u.test(w);

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/[\p{L}\p{M}][\p{L}\p{M}.'’-]*[\p{L}\p{M}.]|[\p{L}\p{M}]/gu)) {
    let word = m[0];
    let end = m.index + word.length;
    const possessive = /['’]s$/u.exec(word);
    if (possessive) { word = word.slice(0, -2); end -= 2; } // "Abe’s constituency", "Putin's visit"
    if (word.endsWith('.') && !/^(\p{L}\.)+$/u.test(word)) { word = word.slice(0, -1); end -= 1; } // "Russia." but "U.S."
    out.push({ text: word, start: m.index, end });
  }
  return out;
}

/** Every place the text names, longest name first ("New York" before "York"), with no overlaps. */
export function findPlaces(text: string): PlaceMention[] {
  const tokens = tokenize(text);
  const longest = gazetteer().longestName;
  const found: PlaceMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i]!;
    if (!isCapitalised(first.text)) continue;
    for (let n = Math.min(longest, tokens.length - i); n >= 1; n--) {
      const span = tokens.slice(i, i + n);
      const last = span[n - 1]!;
      if (!isCapitalised(last.text)) continue;
      if (span.some((t, k) => k > 0 && !isCapitalised(t.text) && !JOINERS.has(t.text))) continue;
      if (!span.every((t, k) => k === 0 || /^[\s-]+$/.test(text.slice(span[k - 1]!.end, t.start)) || text.slice(span[k - 1]!.end, t.start) === '')) continue;
      const written = text.slice(first.start, last.end);
      const candidates = lookupPlace(normalizePlaceName(written));
      if (!candidates.length) continue;
      const before = tokens[i - 1];
      const after = tokens[i + n];
      const startsSentence = !before || /[.!?:"“\n]\s*$/.test(text.slice(before.end, first.start)) || /^[•*-]/.test(text.slice(before.end, first.start).trim());
      if (startsSentence && n === 1 && SENTENCE_WORDS.has(first.text.toLowerCase())) break;
      // "Vladimir Putin", "Japan National Tourism Organization": part of a longer proper name.
      const glued = (t: Token | undefined, gap: string) => t !== undefined && isCapitalised(t.text) && /^\s+$/.test(gap) && !gap.includes('\n');
      if (glued(after, after ? text.slice(last.end, after.start) : '')) break;
      if (!startsSentence && glued(before, before ? text.slice(before.end, first.start) : '') && !CUES.has(before!.text.toLowerCase())) break;
      const cued = before !== undefined && CUES.has(before.text.toLowerCase()) && /^\s+$/.test(text.slice(before.end, first.start));
      found.push({ text: written, start: first.start, end: last.end, candidates: [...candidates], cued });
      i += n - 1;
      break;
    }
  }
  return qualify(text, found);
}

/**
 * Joins "Lima, Peru" and "Paris, Texas" into one mention whose first part is read in the second's country,
 * then keeps the meanings a reader would: a small city needs a cue ("in", "visit") or a qualifier.
 */
function qualify(text: string, found: PlaceMention[]): PlaceMention[] {
  const out: PlaceMention[] = [];
  for (let i = 0; i < found.length; i++) {
    const m = found[i]!;
    const next = found[i + 1];
    if (next && /^,\s*$/.test(text.slice(m.end, next.start))) {
      const within = m.candidates.filter((c) => c.kind !== 'country' && next.candidates.some((q) => q.iso2 === c.iso2 && q !== c));
      if (within.length) {
        out.push({ text: text.slice(m.start, next.end), start: m.start, end: next.end, candidates: within, cued: true });
        i++;
        continue;
      }
    }
    const kept = m.candidates.filter((c) => c.kind === 'country' || m.cued || c.population >= MIN_UNCUED_CITY);
    if (kept.length) out.push({ ...m, candidates: kept });
  }
  return out;
}

/** Puts first the meaning that fits the countries the story names most (then the dateline's, then size). */
export function rankByStory(mentions: PlaceMention[], datelineIso2?: string): PlaceMention[] {
  const named = new Map<string, number>();
  for (const m of mentions) {
    const iso = new Set(m.candidates.map((c) => c.iso2));
    if (iso.size === 1) named.set([...iso][0]!, (named.get([...iso][0]!) ?? 0) + 1);
  }
  const score = (p: GazetteerPlace) => (named.get(p.iso2) ?? 0) * 10 + (p.iso2 === datelineIso2 ? 5 : 0);
  return mentions.map((m) => ({
    ...m,
    candidates: [...m.candidates].sort((a, b) => score(b) - score(a) || kindOrder(a) - kindOrder(b) || b.population - a.population),
  }));
}

const kindOrder = (p: GazetteerPlace) => (p.kind === 'city' ? 0 : p.kind === 'region' ? 1 : 2);
