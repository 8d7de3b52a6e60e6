/** What a story says about itself: its dateline, headline, lede and language; and a title for each event. */
import type { Sentence } from './sentences.ts';

export interface Dateline {
  city: string;
  start: number;
  end: number;
  bodyStart: number;
  /** The day the dateline gives ("OSLO, March 4 (NTB) --"), as written; it dates the story, never an event. */
  date?: { text: string; start: number; end: number };
}

const DATELINE_MONTH = String.raw`(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?`
  + '|January|February|March|April|May|June|July|August|September|October|November|December';
const RU_MONTH = 'января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря'
  + '|янв|фев|мар|апр|июн|июл|авг|сен|сент|окт|ноя|дек';
// The four wire forms, and TASS's Russian one:
//   "OSLO, March 4 (NTB) -- ", "Osaka, Feb. 9 (Jiji Press)--", "MOSCOW, December 7. /TASS/. ", "TOKYO (Reuters) - ",
//   "LIMA, Peru (Kyodo) -- ", "Lima, Nov. 19 — ", "МОСКВА, 7 декабря. /ТАСС/. ",
//   "New Delhi [India], February 10 (ANI): " (or "Srinagar (Jammu and Kashmir) [India], …"), PTI's "Sriharikota, Jan 2 (PTI) ",
//   Interfax's "Москва. 5 февраля. INTERFAX.RU - " (and its regional "INTERFAX-SIBERIA"), RIA's "МОСКВА, 5 фев —
//   РИА Новости. "
const DATELINE = new RegExp(String.raw`(?:^|\n)[ \t]*`
  + String.raw`(\p{Lu}[\p{Lu} .'’-]{0,40}\p{Lu}|\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+){0,3})`
  // ANI's state in brackets before its country: "Srinagar (Jammu and Kashmir) [India], June 28 (ANI):"
  + String.raw`(?:[ \t]*\([^)\n]{1,40}\)(?=[ \t]*\[))?`
  // ", Peru" or ANI's " [India]"
  + String.raw`(?:(?:,[ \t]*|[ \t]*\[)(\p{Lu}[\p{L} .]{1,30}?)\]?)??`
  + String.raw`(?:[,.][ \t]*((?:${DATELINE_MONTH})[ \t]+\d{1,2}|\d{1,2}[ \t]+(?:${RU_MONTH}))\.?)?`
  + String.raw`[ \t]*(?:(\([^)\n]{1,40}\)|\/[^/\n]{1,30}\/\.?|INTERFAX(?:\.RU|-[A-Z]+(?: [A-Z]+)?)?|Интерфакс)`
  + String.raw`[ \t]*(—|–|--|-|:)?`
  + String.raw`|(—|–|--|-|:))[ \t]*(?:(?:РИА Новости|RIA Novosti|Интерфакс|ТАСС)\.[ \t]*)?`, 'u');
// Japanese wire datelines: "【モスクワ共同】", "【ワシントン＝時事】", and a newspaper's "【カイロ＝佐藤健】" (the city,
// then its correspondent).
const JA_DATELINE = /^[ \t\n]*【([^】＝=]{1,20}?)(?:[＝=][^】＝=]{1,12}|共同|時事|ロイター|AFP|AP|新華社)?】/u;

/** The city the story was filed from, and the day the dateline gives, in the forms wire services use. */
export function findDateline(text: string): Dateline | undefined {
  const head = text.slice(0, 300);
  const ja = JA_DATELINE.exec(head);
  if (ja) {
    const start = ja.index + ja[0].indexOf(ja[1]!);
    return { city: ja[1]!, start, end: start + ja[1]!.length, bodyStart: ja.index + ja[0].length };
  }
  for (let from = 0; from < head.length;) {
    const m = DATELINE.exec(head.slice(from));
    if (!m) return undefined;
    const dateline = datelineOf(m, from);
    if (dateline) return dateline;
    const next = head.indexOf('\n', from + m.index + 1);
    if (next < 0) return undefined;
    from = next;
  }
  return undefined;
}

function datelineOf(m: RegExpExecArray, offset: number): Dateline | undefined {
  const [whole, rawCity, region, date, agency, dashAfter, dashAlone] = m;
  const dash = dashAfter ?? dashAlone;
  const capitals = rawCity === rawCity!.toUpperCase();
  // A city in capitals needs a dash or an agency after it; "Osaka, Feb. 9 (Jiji Press)--" needs its date and agency.
  // PTI's "Sriharikota, Jan 2 (PTI) The …" has its date and agency and no dash.
  const dated = Boolean(date && agency?.startsWith('('));
  if (!(capitals ? dash || agency : (date || agency) && (dash || agency?.startsWith('/') || dated))) return undefined;
  if (!capitals && !date && !agency) return undefined;
  // "The minister - who …": a sentence, not a dateline; a dateline's city is one to four words.
  if (!capitals && /^(The|A|An|In|On|At|But|And)$/.test(rawCity!)) return undefined;
  const city = capitals ? rawCity!.toLowerCase().replace(/(^|[\s'’-])\p{L}/gu, (c) => c.toUpperCase()) : rawCity!;
  const start = offset + m.index + whole!.indexOf(rawCity!);
  const out: Dateline = {
    city: region ? `${city}, ${region}` : city, start, end: start + rawCity!.length,
    bodyStart: offset + m.index + whole!.length,
  };
  if (date) {
    const at = offset + m.index + whole!.indexOf(date, rawCity!.length);
    out.date = { text: date, start: at, end: at + date.length };
  }
  return out;
}

/** A line that names who wrote or sent the story, not what it says: "• Kyodo", "By Jane Doe", "Reuters". */
function isByline(line: string, publisher: string): boolean {
  const t = line.trim();
  if (/^([•*·-]|by\s)/i.test(t)) return true;
  if (t.toLowerCase() === publisher.toLowerCase()) return true;
  return t.split(/\s+/).length <= 3 && !/[.!?]$/.test(t);
}

/** The headline when the text starts with one (a short line with no final period); else the lede's main clause. */
export function storyTitle(text: string, sentences: Sentence[], publisher: string): string {
  const firstLine = text.trim().split('\n')[0]!.trim();
  const words = firstLine.split(/\s+/).length;
  if (words >= 4 && words <= 25 && !/[.!]$/.test(firstLine) && !isByline(firstLine, publisher) && text.trim().includes('\n')) {
    return clip(firstLine, 200);
  }
  const lede = ledeOf(sentences, publisher);
  if (!lede) return clip(firstLine || publisher, 200);
  return clip(mainClause(lede.text.replace(/^[A-Z][A-Z .'’-]+(?:,[^(—–-]{1,30})?\s*(?:\([^)]*\))?\s*(?:—|–|--|-)\s+/, '')), 200);
}

/** The lede, and the next sentence when the lede is short: what a digest shows beside the events. */
export function storySummary(sentences: Sentence[], publisher: string): string {
  const body = sentences.filter((s) => !isByline(s.text, publisher));
  let out = body[0]?.text ?? '';
  if (out.length < 160 && body[1]) out = `${out} ${body[1].text}`;
  return clip(out, 600);
}

function ledeOf(sentences: Sentence[], publisher: string): Sentence | undefined {
  return sentences.find((s) => !isByline(s.text, publisher) && s.text.split(/\s+/).length > 5);
}

/** The clause before "and said", a "when …" or the first comma after 60 characters. */
function mainClause(sentence: string): string {
  const s = sentence.replace(/[.!?]+["”’]?$/, '');
  const cut = /\s(?:and (?:said|says|added|told)|when|while|after|as)\s|,\s/g;
  for (let m = cut.exec(s); m; m = cut.exec(s)) if (m.index >= 40) return s.slice(0, m.index);
  return s;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function clip(s: string, max: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  if (one.length <= max) return one;
  const cut = one.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : cut).replace(/[,;:\s]+$/, '');
}

// Stop words are enough to tell the languages a newsroom usually files in.
const STOPWORDS: Record<string, string[]> = {
  en: ['the', 'and', 'of', 'to', 'in', 'is', 'that', 'for', 'on', 'with', 'said', 'will', 'was', 'his', 'from'],
  fr: ['le', 'la', 'les', 'et', 'des', 'du', 'un', 'une', 'est', 'dans', 'pour', 'que', 'qui', 'sur', 'au'],
  de: ['der', 'die', 'das', 'und', 'ist', 'nicht', 'mit', 'den', 'von', 'zu', 'ein', 'eine', 'auf', 'im', 'sich'],
  es: ['el', 'la', 'los', 'las', 'y', 'de', 'que', 'en', 'un', 'una', 'por', 'con', 'para', 'se', 'del'],
  it: ['il', 'la', 'di', 'che', 'e', 'un', 'una', 'per', 'con', 'del', 'della', 'non', 'sono', 'nel', 'gli'],
  pt: ['o', 'a', 'os', 'as', 'de', 'que', 'e', 'do', 'da', 'em', 'um', 'uma', 'para', 'com', 'não'],
  nl: ['de', 'het', 'een', 'en', 'van', 'is', 'dat', 'op', 'te', 'in', 'voor', 'met', 'niet', 'zijn', 'ook'],
};

/** ISO 639-1 code of the story's language, from its script or its commonest small words. */
export function detectLanguage(text: string): string {
  const sample = text.slice(0, 5000);
  if (/[\u3040-\u30ff]/.test(sample)) return 'ja';
  if (/[\u4e00-\u9fff]/.test(sample)) return 'zh';
  if (/[\uac00-\ud7af]/.test(sample)) return 'ko';
  if (/[\u0600-\u06ff]/.test(sample)) return 'ar';
  if (/[\u0400-\u04ff]/.test(sample)) return /[іїєґ]/i.test(sample) ? 'uk' : 'ru';
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  let best = 'en';
  let bestScore = 0;
  for (const [lang, list] of Object.entries(STOPWORDS)) {
    const score = list.reduce((sum, w) => sum + (counts.get(w) ?? 0), 0);
    if (score > bestScore) { best = lang; bestScore = score; }
  }
  return best;
}

/** A sentence cut into clauses at commas, semicolons, dashes and the words that open a new clause. */
export interface Clause { text: string; start: number; end: number }

export function clausesOf(sentence: Sentence): Clause[] {
  const out: Clause[] = [];
  const re = /,\s+|、|;\s+|\s+[—–]\s+|\s+(?=(?:when|while|where|after|before|following|ahead of|because|but|and said|and added|and will|and would)\s)/g;
  let at = 0;
  const push = (end: number) => {
    const raw = sentence.text.slice(at, end);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body) out.push({ text: body, start: sentence.start + at + lead, end: sentence.start + at + lead + body.length });
  };
  for (let m = re.exec(sentence.text); m; m = re.exec(sentence.text)) {
    if (isInsideNumber(sentence.text, m.index)) continue;
    push(m.index);
    at = m.index + m[0].length;
  }
  push(sentence.text.length);
  return out;
}

// "Dec. 3, 2016" and "1,000" keep their comma.
function isInsideNumber(text: string, comma: number): boolean {
  // The character before, not a regex over all that precedes: a sentence of many commas stays linear.
  return /\d/.test(text[comma - 1] ?? '') && /^[,、]\s*\d/.test(text.slice(comma));
}

const ATTRIBUTION_END = /,\s*(?:the\s+|a\s+)?[^,]{0,80}?\b(?:said|says|told [^,]{1,40}|reported|announced)\s*[.!]?["”]?$/u;
const ATTRIBUTION_START = /^(?:according to [^,]{1,80},\s*)|^(?:\p{Lu}[\p{L}’'.-]*\s+){0,6}(?:also\s+)?(?:said|says|announced|told reporters|added)\s+(?:on\s+\p{Lu}\p{L}+\s+)?(?:that\s+)?/u;
const FUTURE_FRAME = /\b(?:will|would|shall|is to|are to|plans? to|planned to|intends? to|(?:is|are|was|were) (?:scheduled|set|due|expected|slated|planning|going|poised) to|expressed (?:his|her|their|its) intention to|hopes? to|aims? to|wants? to|agreed to|decided to|may|might|could)\s+/;

// The patterns of a date phrase, built once per phrase: a list of one date thousands of times compiles each once, not
// thousands of times (bounded, so a warm function does not grow).
const PHRASE_PATTERNS = {
  subject: (escaped: string) => new RegExp(String.raw`^${escaped}\s+(?:is|are|was|will|marks|falls)\b`),
  strip: (escaped: string) => new RegExp(String.raw`(?:\s*,)?\s*\b(?:(?:on|in|at|from|by|during|for|until|through`
    + String.raw`|starting|beginning)\s+)?(?:the\s+)?${escaped}`, 'u'),
  native: (escaped: string) => new RegExp(`${escaped}(?:には|に|から|まで|の)?`, 'u'),
};
const phrasePatterns = new Map<string, RegExp>();

function phrasePattern(kind: keyof typeof PHRASE_PATTERNS, datePhrase: string): RegExp {
  const key = `${kind}\u0000${datePhrase}`;
  let p = phrasePatterns.get(key);
  if (!p) {
    p = PHRASE_PATTERNS[kind](escapeRegExp(datePhrase));
    if (phrasePatterns.size >= 2048) phrasePatterns.clear();
    phrasePatterns.set(key, p);
  }
  return p;
}

/**
 * A headline-style title from the clause that carries a date: attribution and the date itself removed, and
 * "X will visit" or "X expressed his intention to speak" written "X to visit", "X to speak".
 */
export function eventTitle(clause: string, datePhrase: string): string {
  let t = clause.replace(ATTRIBUTION_END, '').replace(/[.!?]+["”’]?$/, '').replace(/^(?:and|but|or)\s+/i, '');
  // "Monday is a public holiday": a date that is the subject stays.
  const subject = datePhrase && phrasePattern('subject', datePhrase).test(t);
  if (datePhrase && !subject) t = t.replace(phrasePattern('strip', datePhrase), '');
  t = t.replace(ATTRIBUTION_START, '');
  t = t.replace(/^(?:and|but|when|while|where|after|before|following|ahead of|because|as|then|also)\s+/i, '');
  t = t.replace(/^(?:he|she|they|it)\s+(?=will|would|plans|intends|is|are|hopes|aims|wants)/i, '');
  t = t.replace(FUTURE_FRAME, 'to ');
  t = t.replace(/^(?:their|his|her|its|our|the)\s+/i, '');
  t = t.replace(/^to\s+/, '').replace(/\s+/g, ' ');
  // Words left hanging where a clause was cut: "… between at the circuit", "… by", "… the".
  t = t.replace(/\s+between\s+(?=at\b|in\b|on\b)/g, ' ');
  for (let before = ''; before !== t;) { before = t; t = t.replace(/[\s,;:—–-]+$/, '').replace(/\s+(?:to|the|a|an|and|or|on|at|in|of|for|by|between|from|is|are|was|were|with|than|as)$/i, ''); }
  t = t.trim();
  return clip(t.charAt(0).toUpperCase() + t.slice(1), 160);
}

// What a Japanese or Russian sentence says about who said it: "…と発表した", "…, сообщил министр".
const NATIVE_ATTRIBUTION = new RegExp(String.raw`と(?:発表|述べ|明らか|語|話|伝え|報じ|言|強調|説明|示|表明)\p{L}*$|,\s*(?:—\s*)?(?:как\s+)?`
  + '(?:сообщил|сообщила|сообщили|заявил|заявила|заявили|сказал|сказала|отметил|отметила'
  + '|передает|передаёт|сообщает|говорится)'
  + '[^,]*$', 'u');

/** A title for a Japanese or Russian event: its clause, without the date, who said it or the final stop. */
export function nativeTitle(clause: string, datePhrase: string): string {
  let t = clause.replace(/[。.!?！？]+[」"”]?$/u, '').replace(NATIVE_ATTRIBUTION, '');
  if (datePhrase) {
    const japanese = /[぀-ヿ一-鿿]/u.test(datePhrase);
    t = t.replace(phrasePattern('native', datePhrase), japanese ? '' : ' ');
  }
  t = t.replace(/\s+(?:в|на|с|до)\s+(?=\s|,|$)/gu, ' ').replace(/\s*(?:に|から)\s*(?=[、,])/gu, '');
  t = t.replace(/\s+/g, ' ').replace(/^[\s,、]+|[\s,、]+$/gu, '');
  return clip(t.charAt(0).toUpperCase() + t.slice(1), 160);
}
