/** The alerts' previews (preview-kinds/context.ts): moved, confirmed and cancelled, with an unsaved change. */
import { renderAlert } from '../email/render-alert.ts';
import { ValidationError } from '../errors.ts';
import type { AlertKind } from '../change-notice.ts';
import {
  applyPatch, eventHistory, isConfirmation, isMove, isProvisional, PatchShapeError, whenAndWhere,
  type DatedEvent, type EventChange, type EventPatch, type EventSource, type WhenAndWhere,
} from '../model/event.ts';
import type { PreviewQuery } from '../preview-query.ts';
import { stamped, type KindRenderers, type PreviewContext, type RenderedPreview, type RenderQuery } from './context.ts';

/** The change's source as the editor is about to save it, or undefined when none was given. */
function draftSource(q: PreviewQuery): EventSource | undefined {
  if (q.sourcePublisher === undefined && q.sourceQuote === undefined) return undefined;
  if (!q.sourcePublisher || !q.sourceQuote) {
    throw new ValidationError('give the change\'s source whole: sourcePublisher and sourceQuote'
      + ' (sourceUrl optional)');
  }
  return { publisher: q.sourcePublisher, quote: q.sourceQuote, ...(q.sourceUrl ? { url: q.sourceUrl } : {}) };
}
/** The event with the unsaved change in its history, so the alert quotes that source, as the saved one will. */
function withDraftChange(
  event: DatedEvent, kind: AlertKind, now: Date, q: PreviewQuery, from?: WhenAndWhere,
): DatedEvent {
  const source = draftSource(q);
  if (!source) return event;
  const change: EventChange = {
    kind, at: now.toISOString(), version: event.version + 1, source, ...(from ? { from } : {}),
    ...(kind === 'cancelled' ? {} : { to: whenAndWhere(event) }),
  };
  return { ...event, history: [...eventHistory(event), change] };
}

/** The event as it would be after saving the would-be values, or undefined when none were given. */
function wouldBe(event: DatedEvent, q: PreviewQuery): DatedEvent | undefined {
  if (q.date === undefined && q.startTime === undefined && q.eventTimeZone === undefined && q.place === undefined) {
    return undefined;
  }
  if (event.status === 'cancelled') {
    throw new ValidationError(`event "${event.id}" is cancelled and can no longer be changed`);
  }
  if (q.date !== undefined && q.startTime !== undefined) {
    throw new ValidationError('give date (all-day) or startTime (timed), not both');
  }
  const patch: EventPatch = {
    ...(q.date !== undefined ? { date: q.date } : {}), ...(q.startTime !== undefined ? { startTime: q.startTime } : {}),
    ...(q.eventTimeZone !== undefined ? { timeZone: q.eventTimeZone } : {}),
    ...(q.place !== undefined ? { place: q.place } : {}),
  };
  try {
    const { date: _d, startTime: _s, range: _r, ...unchanged } = event;
    return { ...unchanged, ...applyPatch(event, patch) };
  } catch (err) {
    if (err instanceof PatchShapeError) throw new ValidationError(err.message);
    throw err;
  }
}

async function moved(ctx: PreviewContext, q: RenderQuery, now: Date): Promise<RenderedPreview> {
  const { links, needEvent, inLanguage } = ctx;
  const stored = await needEvent('moved', q);
  const next = wouldBe(stored, q);
  let event = stored;
  let previous: WhenAndWhere | undefined;
  if (next) {
    if (!isMove(stored, next)) {
      throw new ValidationError('date, startTime, eventTimeZone and place as given do not move the event: '
        + 'followers would get no alert');
    }
    if (isConfirmation(stored, next)) {
      throw new ValidationError(`that change gives the provisional event "${stored.id}" its date: `
        + 'followers get the "confirmed" alert; preview kind confirmed');
    }
    event = next;
    previous = whenAndWhere(stored);
  } else if (q.from !== undefined || q.fromTime !== undefined) {
    if (q.from !== undefined && q.fromTime !== undefined) {
      throw new ValidationError('give from (all-day) or fromTime (timed), not both');
    }
    previous = {
      ...(q.from !== undefined ? { date: q.from } : { startTime: q.fromTime! }), timeZone: stored.timeZone,
      place: stored.place,
    };
  } else {
    previous = eventHistory(stored).filter((c) => c.kind === 'moved').at(-1)?.from;
    if (!previous) {
      throw new ValidationError(`event "${stored.id}" has never moved: give the would-be date, startTime, `
        + 'eventTimeZone or place, or what it was before as from=YYYY-MM-DD or fromTime=YYYY-MM-DDTHH:mm');
    }
  }
  if (next) event = withDraftChange(event, 'moved', now, q, previous);
  else if (draftSource(q)) {
    throw new ValidationError('a change\'s source goes with the would-be values it is the source of');
  }
  const tz = q.timeZone ?? event.timeZone;
  return stamped(renderAlert, {
    ...(await inLanguage(event, q.language ?? 'en')), kind: 'moved', previous, readerTimeZone: tz, links, now,
    ...(q.withoutInvite ? { withoutInvite: true } : {}),
  });
}

async function confirmed(ctx: PreviewContext, q: RenderQuery, now: Date): Promise<RenderedPreview> {
  const { links, needEvent, inLanguage } = ctx;
  const stored = await needEvent('confirmed', q);
  const next = wouldBe(stored, q);
  let event = stored;
  let previous: WhenAndWhere | undefined;
  if (next) {
    if (!isConfirmation(stored, next)) {
      throw new ValidationError(isProvisional(stored)
        ? 'a confirmed preview needs the would-be date or startTime the provisional event is given'
        : `event "${stored.id}" has its date already: a change of it is a move; preview kind moved`);
    }
    // The alert quotes the confirmation's source: the editor's draft one, else (not written yet) the event's own.
    previous = whenAndWhere(stored);
    const unconfirmed = { ...next, history: eventHistory(stored).filter((c) => c.kind !== 'confirmed') };
    event = withDraftChange(unconfirmed, 'confirmed', now, q, previous);
  } else {
    if (isProvisional(stored)) {
      throw new ValidationError(`event "${stored.id}" is still to be confirmed: give the would-be date or startTime`);
    }
    previous = eventHistory(stored).filter((c) => c.kind === 'confirmed').at(-1)?.from;
    if (!previous) {
      throw new ValidationError(`event "${stored.id}" never had its date confirmed: `
        + 'give the would-be date or startTime of a provisional event');
    }
  }
  const tz = q.timeZone ?? event.timeZone;
  return stamped(renderAlert, {
    ...(await inLanguage(event, q.language ?? 'en')), kind: 'confirmed', previous, readerTimeZone: tz, links, now,
    ...(q.withoutInvite ? { withoutInvite: true } : {}),
  });
}

export const RENDERERS: KindRenderers = {
  moved: (ctx, q, at) => moved(ctx, q, at ?? ctx.clock.now()),
  confirmed: (ctx, q, at) => confirmed(ctx, q, at ?? ctx.clock.now()),

  /** The alert as readers get it once the event is cancelled (now, or already). */
  async cancelled(ctx, q, at) {
    const { clock, links, needEvent, inLanguage } = ctx;
    const stored = await needEvent('cancelled', q);
    const now = at ?? clock.now();
    const already = stored.status === 'cancelled';
    if (already && draftSource(q)) throw new ValidationError(`event "${stored.id}" is cancelled already`);
    const event = already ? stored : withDraftChange(stored, 'cancelled', now, q, whenAndWhere(stored));
    const tz = q.timeZone ?? event.timeZone;
    return stamped(renderAlert, {
      ...(await inLanguage({ ...event, status: 'cancelled' }, q.language ?? 'en')), kind: 'cancelled',
      readerTimeZone: tz, links, now,
      ...(q.withoutInvite ? { withoutInvite: true } : {}),
    });
  },
};
