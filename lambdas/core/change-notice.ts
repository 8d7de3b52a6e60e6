/**
 * What an alert tells a reader changed, and on whose word: the change's own source (the editor's changeSource,
 * kept in the event's history), never the event's first announcement, which follows only as background.
 * The mail and the invite's DESCRIPTION both read it from here, so they cannot tell two stories.
 */
import { eventHistory, type DatedEvent, type EventSource, type WhenAndWhere } from './model/event.ts';
import { whenShort } from './when.ts';
import { messagesFor } from './i18n/catalogues.ts';
import type { Language } from './model/language.ts';

export type AlertKind = 'moved' | 'confirmed' | 'cancelled';

export interface ChangeNotice {
  kind: AlertKind;
  /** One plain sentence: "Moved from Friday 16 December 2016 to Saturday 17 December 2016." */
  statement: string;
  /** Who said so: the change's publisher, quote and link. */
  source: EventSource;
  /** The event's original source, when it is not the change's own (shown after it, as background). */
  background?: EventSource;
}

/**
 * The change an alert is about: the history entry of its kind at the alert's version (the event may have changed
 * again since), else the latest of its kind; an event without one (stored before history was kept) stands on its
 * own source.
 */
export function changeNotice(
  event: DatedEvent, kind: AlertKind, previous: WhenAndWhere | undefined, readerZone: string, version?: number, lang: Language = 'en',
): ChangeNotice {
  const ofKind = eventHistory(event).filter((c) => c.kind === kind);
  const change = ofKind.find((c) => c.version === version) ?? ofKind.at(-1);
  const source = change?.source ?? event.source;
  const background = sameSource(source, event.source) ? undefined : event.source;
  return { kind, statement: statementOf(event, kind, previous, readerZone, lang), source, ...(background ? { background } : {}) };
}

function statementOf(event: DatedEvent, kind: AlertKind, previous: WhenAndWhere | undefined, zone: string, lang: Language): string {
  const m = messagesFor(lang).alert;
  const now = whenShort(event, zone, lang);
  if (kind === 'cancelled') return m.cancelledStatement(now, event.place);
  const before = previous && (previous.date || previous.startTime || previous.range) ? whenShort(previous, zone, lang) : undefined;
  if (kind === 'confirmed') return m.confirmedStatement(now, before);
  const moves: string[] = [];
  if (before !== undefined && before !== now) moves.push(m.fromTo(before, now));
  // A translated place is compared as stored: the same place in another language is no move.
  const storedPlace = (event as { ownPlace?: string }).ownPlace ?? event.place;
  if (previous && previous.place !== storedPlace) moves.push(m.fromTo(previous.place, event.place));
  // A change of zone alone can leave the reader's reading the same: say so rather than "moved from X to X".
  return moves.length ? m.movedStatement(moves) : m.zoneOnlyStatement(now);
}

function sameSource(a: EventSource, b: EventSource): boolean {
  return a.publisher === b.publisher && a.quote === b.quote && a.url === b.url;
}

/** The source as text lines: the quote, the publisher, the link. */
export function sourceText(source: EventSource): string[] {
  return [`"${source.quote}"`, `— ${source.publisher}`, ...(source.url ? [source.url] : [])];
}
