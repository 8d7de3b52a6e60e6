/// <reference lib="dom" />
import { h, replaceChildren, type Child } from './dom.ts';

/** The one polite live region: saved, sent, imported. */
export function announce(message: string): void {
  const region = document.getElementById('status');
  if (!region) return;
  region.textContent = '';
  // A fresh text node after a tick, so a repeated message is announced again.
  setTimeout(() => { region.textContent = message; }, 30);
}

/** The screen's heading: the router moves focus to it after each navigation. */
export const heading = (text: string): HTMLHeadingElement => h('h1', { tabindex: '-1', id: 'screen-heading' }, text);

/** A place for one operation's outcome: errors are alerts, successes are status messages. */
export function outcome(): {
  el: HTMLElement; error(message: string, ...extra: Child[]): void; ok(message: string, ...extra: Child[]): void; clear(): void;
  /** Moves focus to what is shown, so a keyboard or screen-reader user lands on the result of their action. */
  focus(): void;
} {
  const el = h('div', { class: 'outcome' });
  return {
    el,
    error(message, ...extra) { replaceChildren(el, h('div', { class: 'notice error', role: 'alert' }, h('p', null, message), ...extra)); },
    ok(message, ...extra) { replaceChildren(el, h('div', { class: 'notice', role: 'status' }, h('p', null, message), ...extra)); },
    clear() { replaceChildren(el); },
    focus() {
      const shown = el.firstElementChild as HTMLElement | null;
      if (!shown) return;
      shown.tabIndex = -1;
      shown.focus();
    },
  };
}

/** Disables a form's buttons while its request runs, so a double press sends once. */
export async function busy<T>(form: HTMLElement, run: () => Promise<T>): Promise<T> {
  const buttons = Array.from(form.querySelectorAll('button'));
  for (const b of buttons) b.disabled = true;
  form.setAttribute('aria-busy', 'true');
  try {
    return await run();
  } finally {
    for (const b of buttons) b.disabled = false;
    form.removeAttribute('aria-busy');
  }
}
