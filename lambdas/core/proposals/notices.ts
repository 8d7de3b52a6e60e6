/**
 * Mentions that are no new event: what is already past ("the summit in Lisbon in March"), what will not happen
 * ("Putin will not visit Japan on Dec. 15"), what was postponed or cancelled. The answer lists them apart, with
 * their quotes, for an editor to apply to an event already stored.
 */
import { predicateAfter } from './ja-predicate.ts';

export type NoticeKind = 'past' | 'negated' | 'postponed' | 'cancelled';

// "will not visit", "won't attend", "ruled out", "has no plans to": said of the date's own clause.
const NEGATED = new RegExp(
  String.raw`\b(?:${[
    'will not',
    "won['’]t",
    'would not',
    "wouldn['’]t",
    'will no longer',
    'is not going to',
    'are not going to',
    'not be held',
    'not take place',
    'has no plans? to',
    'have no plans? to',
    'ruled out',
    'rules out',
    'declined to',
    'cannot',
    "can['’]t",
    'unable to',
    'will skip',
    'will miss',
    'pulled out of',
    'pull out of',
  ].join('|')})\b`,
  'i',
);
// "No helicopter services will be available this year", "no ferries will run", "no further talks are planned",
// "there will be no parade on May 9": nothing of the kind will be; "No. 2" is a rank, not a negation.
// "Organisers said no foreign concerts would be staged": after a verb of saying too.
const NONE_WILL = new RegExp(String.raw`(?:^|[,;:]\s+|\b(?:and|but|said|says|say|that)\s+)no\s+(?!\d)`
  + String.raw`(?:[\w'’-]+\s+){1,3}`
  + String.raw`(?:will|would|(?:is|are|has\s+been|have\s+been)\s+(?:planned|scheduled|expected|foreseen))\b`
  + String.raw`|\bthere\s+(?:will|would)\s+be\s+no\b`, 'i');
const CANCELLED = /\b(?:cancel(?:l)?ed|cancels|called off|calls off|scrapped|scraps|axed)\b/i;
// "moved to Nov. 28", "moved to next week", not "moved to the launch pad": a move in time names a time.
const TIME_AHEAD = String.raw`(?=\s*$|\s+(?:a\s+|the\s+)?(?:later|earlier|next|new|following|\d|jan|feb|mar|apr|may`
  + String.raw`|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|end|start|beginning|spring|summer|autumn|fall`
  + String.raw`|winter))`;
const POSTPONED = new RegExp(String.raw`\b(?:postponed|postpones|delayed|pushed back|put off|deferred|rescheduled`
  + String.raw`|moved (?:back|forward)|brought forward|(?:moved|shifted) to${TIME_AHEAD})`, 'i');
// "which had been set for June 7, will be held a week later on June 14": a plan's old day, with a new one after it.
const WAS_PLANNED = new RegExp(String.raw`\b(?:had been|originally|initially|previously|first)\s+(?:\w+\s+)?`
  + String.raw`(?:set|scheduled|planned|slated)\s+(?:for|on)\s+(?:the\s+)?$`, 'i');
// "postponed to Jan. 20": the date the event moves to is the one to keep.
const NEW_DATE = /\b(?:to|until|till)\s+(?:the\s+)?$/i;

const RU_NEGATED = new RegExp(
  String.raw`(?:^|[\s,])не\s+(?:\p{L}+\s+)?(?:${[
    'посетит',
    'состоится',
    'приедет',
    'примет',
    'будет',
    'планирует',
    'поедет',
    'прибудет',
    'пройдет',
    'пройдёт',
    'проведет',
    'проведёт',
    'встретится',
    'намерен',
    'сможет',
    'смогут',
    'станет',
    'собирается',
    'собираются',
    'посетят',
    'состоятся',
    'пройдут',
    'примут',
    'будут',
    'поедут',
    'приедут',
    'встретятся',
    'проведут',
    'предусмотрен',
    'планируется',
    'планируются',
  ].join('|')})`,
  'iu',
);
const RU_CANCELLED = /отмен[её]н\p{L}*|отменил\p{L}*|отменить/iu;
const RU_POSTPONED = /отложен\p{L}*|отложил\p{L}*|отложить|перенесен\p{L}*|перенесён\p{L}*|перенесл\p{L}*|перенести/iu;
const RU_NEW_DATE = /(?:на|до)\s+$/iu;

export interface NoticeContext {
  language: string;
  /** The sentence, and where the date sits in it. */
  sentence: string;
  start: number;
  end: number;
  /** Where the stretch of this date begins (after the date before it in the sentence). */
  from: number;
  /** The stretch of the sentence that belongs to this date (its clauses, up to the dates beside it). */
  span: string;
  /** From the date to the next date of the sentence (or its end): "9 мая, перенесен на 24 июня". */
  after: string;
}

const ANY_CUE = {
  en: new RegExp([NEGATED, NONE_WILL, CANCELLED, POSTPONED, /\b(?:had been|originally|initially|previously|first)\b/]
    .map((r) => r.source).join('|'), 'i'),
  ru: new RegExp([RU_NEGATED, RU_CANCELLED, RU_POSTPONED].map((r) => r.source).join('|'), 'iu'),
  ja: /延期|中止|取りやめ|取り止め|ない|ません|見送|断念/u,
} as Record<string, RegExp>;

/** Whether a sentence says anything of the kind at all: most do not, and their dates need no closer look. */
export function mayBeNotice(sentence: string, language: string): boolean {
  return (ANY_CUE[language] ?? ANY_CUE.en!).test(sentence);
}

/** Why a mention that looks ahead is no new event, or undefined when it is one. */
export function noticeOf(c: NoticeContext): Exclude<NoticeKind, 'past'> | undefined {
  if (c.language === 'ja') {
    // "政府は5日、…延期すると発表した": the day before a comma is the day it was said, not the day put off.
    if (/^[、，]/u.test(c.sentence.slice(c.end))) return undefined;
    const predicate = predicateAfter(c.sentence, c.end);
    if (/延期/u.test(predicate)) return 'postponed';
    // "開催を見送った", "中止した": not held at all; "出席しない": someone will not go.
    if (/中止|取りやめ|取り止め|見送|断念/u.test(predicate)) return 'cancelled';
    // "候補がいない場合は": a condition, not a negation of the event.
    if (/(?:ない(?!場合|限り|とき|時)|ません)/u.test(predicate)) return 'negated';
    return undefined;
  }
  const before = c.sentence.slice(c.from, c.start);
  if (c.language === 'ru') {
    if (RU_POSTPONED.test(c.span) || RU_POSTPONED.test(c.after))
      return RU_NEW_DATE.test(before) && RU_POSTPONED.test(before) ? undefined : 'postponed';
    if (RU_CANCELLED.test(c.span)) return 'cancelled';
    if (RU_NEGATED.test(before) || RU_NEGATED.test(c.span)) return 'negated';
    return undefined;
  }
  if (POSTPONED.test(c.span) || POSTPONED.test(c.after))
    return NEW_DATE.test(before) && POSTPONED.test(before) ? undefined : 'postponed';
  if (CANCELLED.test(c.span)) return 'cancelled';
  if (NEGATED.test(before) || NONE_WILL.test(before)) return 'negated';
  // "This year, the organizers will not allow …": a date that opens the sentence is governed by the clause after it.
  if (/^\s*(?:(?:in|on|at|by|from|during)\s+)?$/i.test(c.sentence.slice(0, c.start))
    && /^\s*,/.test(c.after) && NEGATED.test(c.after.split(/[;.]/)[0]!)) return 'negated';
  const newDateAfter = c.end + c.after.length < c.sentence.length - 1;
  if (WAS_PLANNED.test(c.sentence.slice(0, c.start)) && newDateAfter) return 'postponed';
  return undefined;
}

/** Whether a date is the one an event was moved to ("postponed to Jan. 20", "перенесен на 16 апреля"). */
export function movedTo(language: string, before: string): boolean {
  return language === 'ru' ? RU_NEW_DATE.test(before) && RU_POSTPONED.test(before.slice(-40))
    : NEW_DATE.test(before) && POSTPONED.test(before.slice(-40));
}

// "was planned for Nov. 23", "планировался на 23 ноября": the date a past plan named lies ahead of that plan.
const PLANNED_FOR: Record<string, RegExp> = {
  en: /\b(?:scheduled|set|planned|slated|due)\s+(?:for|on)\s+(?:the\s+)?$/i,
  ru: new RegExp(String.raw`(?:планировал\p{L}*|намечал\p{L}*|запланирован\p{L}*|назначен\p{L}*)\s+(?:на\s+)?$`
    + String.raw`|должн\p{L}*\s+(?:был\p{L}*\s+)?(?:пройти|состояться)\s+$`, 'iu'),
  ja: /^に?(?:開催|実施)?(?:予定|計画)(?:されて|して)?いた/u,
};

/** Whether a past mention names the day a plan was set for, read forward from the plan: see PLANNED_FOR. */
export function plannedFor(language: string, before: string, after: string): boolean {
  const re = PLANNED_FOR[language];
  return Boolean(re) && (language === 'ja' ? re!.test(after) : re!.test(before));
}
