/// <reference lib="dom" />
import { explain } from './api.ts';
import { h, nextId, replaceChildren } from './dom.ts';
import {
  browserZone,
  chooseZone,
  editorZone,
  formatInstant,
  paceInWords,
  refreshStackClock,
  stackNow,
  stackReading,
} from './time.ts';

const TICK_MS = 1000;
const ASK_MS = 30_000;

/** Every IANA zone the browser knows, with UTC and the browser's own (some browsers list neither). */
function zoneNames(): string[] {
  const listed = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return [...new Set(['UTC', browserZone(), editorZone(), ...listed])].sort();
}

/**
 * The header's clock: the stack's now (the replayed or set clock on a local stack, real time on AWS) and how
 * fast it runs, in the zone the editor reads times in; and that zone, chosen here and kept in this browser.
 */
export function clockBar(onZoneChange: () => void): {
  el: HTMLElement;
  /** Starts the clock; resolves once it has been read (or failed to be), so the first screen can say "ago". */
  start(): Promise<void>;
  stop(): void;
} {
  const shown = h('time', { class: 'clock-now' });
  const pace = h('span', { class: 'hint clock-pace' });
  const selectId = nextId('time-zone');
  const zone = h(
    'select',
    {
      id: selectId,
      class: 'small',
      onchange: () => {
        chooseZone(zone.value);
        paint();
        onZoneChange();
      },
    },
    zoneNames().map((z) =>
      h('option', { value: z, selected: z === editorZone() }, z === browserZone() ? `${z} (this browser)` : z),
    ),
  );
  const el = h(
    'div',
    { class: 'clock', role: 'group', 'aria-label': "The stack's clock and your time zone" },
    h('p', null, h('span', { class: 'clock-label' }, 'Stack clock '), shown, ' ', pace),
    h('div', { class: 'clock-zone' }, h('label', { for: selectId }, 'Show times in'), zone),
  );
  let ticking: ReturnType<typeof setInterval> | undefined;
  let asking: ReturnType<typeof setInterval> | undefined;
  let firstReading: Promise<void> = Promise.resolve();

  function paint(): void {
    const now = stackNow();
    const reading = stackReading();
    if (!now || !reading) return;
    shown.dateTime = now.toISOString();
    shown.textContent = formatInstant(now.toISOString());
    pace.textContent = `· ${paceInWords(reading)}`;
  }
  async function ask(): Promise<void> {
    try {
      await refreshStackClock();
      paint();
    } catch (err) {
      replaceChildren(pace, `· not known: ${explain(err)}`);
    }
  }
  return {
    el,
    start() {
      if (ticking) return firstReading;
      firstReading = ask();
      ticking = setInterval(paint, TICK_MS);
      asking = setInterval(() => void ask(), ASK_MS);
      return firstReading;
    },
    stop() {
      clearInterval(ticking);
      clearInterval(asking);
      ticking = undefined;
      asking = undefined;
    },
  };
}
