/**
 * Scores proposals against the labelled stories in tests/fixtures/stories/: each expected event is paired with
 * the proposal whose quote holds the expected words (the one whose dates overlap first), then every field of
 * the pair is right or wrong. Precision = right / proposed, recall = right / expected, per field.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  proposeEvents, type Notice, type ProposalRequest, type ProposedEvent,
} from '../lambdas/core/proposals/propose.ts';

export interface ExpectedEvent {
  title: string;
  date?: string;
  startTime?: string;
  range?: { from: string; to: string };
  timeZone: string;
  /** As written; "Tokyo|Japan" lists readings that are equally right. */
  place: string;
  provisional: boolean;
  /** Words of the sentence the event comes from. */
  quote: string;
}

export interface ExpectedNotice {
  kind: Notice['kind'];
  /** Words of the sentence the notice comes from. */
  quote: string;
}

export interface LabelledStory extends ProposalRequest {
  id: string;
  /** The story's language as labelled (en when absent): figures are given per language too. */
  language: string;
  /** Mentions that are no new event (past, will not, postponed, cancelled), each a notice. */
  expectedNotices: ExpectedNotice[];
  /** Written after the rules were last changed, and scored apart: how the rules do on text they were not fitted to. */
  heldOut?: boolean;
  /** Held-out stories come in groups written at different times ("x", "w"); each is scored apart. */
  group: string;
  expected: ExpectedEvent[];
}

export const FIELDS = ['event', 'when', 'timeZone', 'place', 'provisional'] as const;
export type Field = (typeof FIELDS)[number];

const storiesDir = fileURLToPath(new URL('../tests/fixtures/stories/', import.meta.url));

export function labelledStories(): LabelledStory[] {
  return readdirSync(storiesDir).filter((f) => f.endsWith('.json')).sort().map((f) => {
    const labelled = JSON.parse(readFileSync(`${storiesDir}${f}`, 'utf8'));
    const { expected, heldOut, language, expectedNotices, group, ...request } = labelled;
    const id = f.replace(/\.json$/, '');
    return {
      id, ...request, heldOut: heldOut === true, language: language ?? 'en', expected,
      group: heldOut === true ? (group ?? id.replace(/\d.*$/, '')) : 'fitted',
      expectedNotices: expectedNotices ?? [],
    };
  });
}

const span = (e: Pick<ExpectedEvent, 'date' | 'startTime' | 'range'>) =>
  e.range ? [e.range.from, e.range.to] : [e.date ?? e.startTime!.slice(0, 10), e.date ?? e.startTime!.slice(0, 10)];
const overlaps = (a: ExpectedEvent, b: ProposedEvent) => { const [af, at] = span(a); const [bf, bt] = span(b); return af! <= bt! && bf! <= at!; };
const whenOf = (e: Pick<ExpectedEvent, 'date' | 'startTime' | 'range'>) =>
  JSON.stringify(e.range ? { from: e.range.from, to: e.range.to } : e.startTime ?? e.date);
const norm = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\d]+/gu, ' ').trim();

export function fieldRight(field: Field, want: ExpectedEvent, got: ProposedEvent): boolean {
  switch (field) {
    case 'event': return true;
    case 'when': return whenOf(want) === whenOf(got);
    case 'timeZone': return want.timeZone === got.timeZone;
    // "Tokyo|Japan": readings a careful reader takes as equally right; either contains the other's words.
    case 'place': return want.place.split('|').some((w) => { const a = norm(w); const b = norm(got.place); return a.includes(b) || b.includes(a); });
    case 'provisional': return want.provisional === got.provisional;
  }
}

export interface StoryScore {
  id: string;
  language: string;
  proposed: number;
  expected: number;
  right: Record<Field, number>;
  /** Notices: given, expected, and those of the expected kind whose quote holds the expected words. */
  notices: { proposed: number; expected: number; right: number };
  misses: string[];
}

export function scoreStory(labelled: LabelledStory): StoryScore {
  const { id: _id, heldOut: _h, expected: _e, language, expectedNotices, group: _g, ...request } = labelled;
  const story = { id: _id, expected: _e };
  const { events, notices } = proposeEvents(request);
  const free = new Set(events);
  const right = Object.fromEntries(FIELDS.map((f) => [f, 0])) as Record<Field, number>;
  const misses: string[] = [];
  for (const want of story.expected) {
    const inSentence = events.filter((e) => free.has(e) && norm(e.quote).includes(norm(want.quote)));
    const got = inSentence.find((e) => overlaps(want, e)) ?? inSentence[0];
    if (!got) { misses.push(`missed: ${want.title} (${whenOf(want)})`); continue; }
    free.delete(got);
    for (const f of FIELDS) {
      if (fieldRight(f, want, got)) right[f]++;
      else misses.push(`${want.title}: ${f} ${f === 'when' ? whenOf(got) : JSON.stringify(got[f as keyof ProposedEvent])}, expected ${f === 'when' ? whenOf(want) : JSON.stringify(want[f as keyof ExpectedEvent])}`);
    }
  }
  for (const extra of free) misses.push(`extra: ${extra.title} (${whenOf(extra)})`);
  const freeNotices = new Set(notices);
  let noticesRight = 0;
  for (const want of expectedNotices) {
    const got = [...freeNotices].find((n) => n.kind === want.kind && norm(n.quote).includes(norm(want.quote)));
    if (!got) { misses.push(`missed notice: ${want.kind} "${want.quote}"`); continue; }
    freeNotices.delete(got);
    noticesRight++;
  }
  // A notice nobody labelled is counted against precision only in stories that label their notices.
  if (expectedNotices.length) {
    for (const extra of freeNotices) misses.push(`extra notice: ${extra.kind} "${extra.title}"`);
  }
  return {
    id: story.id, language, proposed: events.length, expected: story.expected.length, right, misses,
    notices: {
      proposed: expectedNotices.length ? notices.length : noticesRight,
      expected: expectedNotices.length,
      right: noticesRight,
    },
  };
}

export interface FieldFigures { field: Field; right: number; precision: number; recall: number }

export function scoreAll(stories: LabelledStory[] = labelledStories()) {
  return figuresOf(stories.map(scoreStory));
}

/** The figures over some scored stories (all, or one language's). */
export function figuresOf(perStory: StoryScore[]) {
  const notices = perStory.reduce((n, x) => ({
    proposed: n.proposed + x.notices.proposed,
    expected: n.expected + x.notices.expected,
    right: n.right + x.notices.right,
  }), { proposed: 0, expected: 0, right: 0 });
  const proposed = perStory.reduce((s, x) => s + x.proposed, 0);
  const expected = perStory.reduce((s, x) => s + x.expected, 0);
  const fields: FieldFigures[] = FIELDS.map((field) => {
    const right = perStory.reduce((s, x) => s + x.right[field], 0);
    return { field, right, precision: proposed ? right / proposed : 0, recall: expected ? right / expected : 0 };
  });
  const noticeFigures = {
    ...notices,
    precision: notices.proposed ? notices.right / notices.proposed : 1,
    recall: notices.expected ? notices.right / notices.expected : 1,
  };
  return { stories: perStory.length, proposed, expected, fields, notices: noticeFigures, perStory };
}
