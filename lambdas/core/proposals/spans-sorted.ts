/**
 * Searches in a list of spans sorted by start (the dates of a sentence, in text order): each answers what a filter
 * over the whole list would, in the time of a binary search and the few spans around it, so a sentence of a
 * thousand dates is not read once per date. A span never ends before it starts.
 */

export interface Span { start: number; end: number }

/** The index of the first span starting at or after `pos` (`strict`: after it). */
function firstStarting(list: readonly Span[], pos: number, strict = false): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const s = list[mid]!.start;
    if (s < pos || (strict && s === pos)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `list.filter((o) => o.end <= pos && o.start >= from).at(-1)`. */
export function lastEndingBy<S extends Span>(list: readonly S[], pos: number, from = -Infinity): S | undefined {
  // Spans starting after `pos` end after it.
  for (let i = firstStarting(list, pos, true) - 1; i >= 0; i--) {
    const o = list[i]!;
    if (o.start < from) return undefined;
    if (o.end <= pos) return o;
  }
  return undefined;
}

/** `list.find((o) => o.start >= pos && o.end <= until)`. */
export function firstStartingFrom<S extends Span>(list: readonly S[], pos: number, until = Infinity): S | undefined {
  for (let i = firstStarting(list, pos); i < list.length; i++) {
    const o = list[i]!;
    if (o.start > until) return undefined;
    if (o.end <= until) return o;
  }
  return undefined;
}

/** `list.some((o) => o !== except && o.start >= start && o.start < end)`. */
export function anyStartingIn(list: readonly Span[], start: number, end: number, except?: Span): boolean {
  for (let i = firstStarting(list, start); i < list.length && list[i]!.start < end; i++) {
    if (list[i] !== except) return true;
  }
  return false;
}

/**
 * `list.findIndex((c) => pos >= c.start && pos < c.end + 1)` for spans whose starts and ends both rise (the clauses of
 * a sentence).
 */
export function indexHolding(list: readonly Span[], pos: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.end + 1 > pos) hi = mid;
    else lo = mid + 1;
  }
  return lo < list.length && pos >= list[lo]!.start ? lo : -1;
}
