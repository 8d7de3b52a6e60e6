/// <reference lib="dom" />
/** A few lines instead of a framework: build elements with attributes, listeners and children. */
import { formatInstant } from './time.ts';

export type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, unknown> | null | undefined;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2).toLowerCase(), value as EventListener);
    else if (name === 'value' && 'value' in el) (el as unknown as { value: string }).value = String(value);
    else if (name === 'checked' && el instanceof HTMLInputElement) el.checked = Boolean(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.textContent = '';
  append(parent, children);
}

let fieldIds = 0;
export const nextId = (prefix: string): string => `${prefix}-${++fieldIds}`;

export interface FieldOptions {
  type?: string;
  value?: string;
  required?: boolean;
  hint?: string;
  placeholder?: string;
  autocomplete?: string;
  multiline?: boolean;
  rows?: number;
  attrs?: Record<string, unknown>;
}

/** A labelled input (or textarea), its hint tied to it with aria-describedby. */
export function field(label: string, name: string, opts: FieldOptions = {}): { wrap: HTMLElement; input: HTMLInputElement | HTMLTextAreaElement } {
  const id = nextId(name.replace(/[^a-z0-9]+/gi, '-'));
  const hintId = opts.hint ? `${id}-hint` : undefined;
  const common = {
    id, name, required: opts.required, placeholder: opts.placeholder, autocomplete: opts.autocomplete ?? 'off',
    'aria-describedby': hintId, ...opts.attrs,
  };
  const input = opts.multiline
    ? h('textarea', { ...common, rows: opts.rows ?? 4 }, opts.value ?? '')
    : h('input', { ...common, type: opts.type ?? 'text', value: opts.value ?? '' });
  const wrap = h('div', { class: 'field' },
    h('label', { for: id }, label, opts.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    hintId ? h('p', { class: 'hint', id: hintId }, opts.hint) : null,
    input);
  return { wrap, input };
}

export function select(label: string, name: string, options: [value: string, text: string][], value = '', hint?: string): { wrap: HTMLElement; input: HTMLSelectElement } {
  const id = nextId(name);
  const hintId = hint ? `${id}-hint` : undefined;
  const input = h('select', { id, name, 'aria-describedby': hintId },
    options.map(([v, t]) => h('option', { value: v, selected: v === value }, t)));
  const wrap = h('div', { class: 'field' }, h('label', { for: id }, label), hintId ? h('p', { class: 'hint', id: hintId }, hint) : null, input);
  return { wrap, input };
}

export function button(text: string, onClick: (e: MouseEvent) => void, attrs: Record<string, unknown> = {}): HTMLButtonElement {
  return h('button', { type: 'button', onclick: onClick, ...attrs }, text);
}

/**
 * A table that reads as labelled cards on a phone (each cell carries its column's name). A cell's content sits in
 * one element, so that text, links and badges stay together beside the label on a phone.
 */
export function table(caption: string, columns: string[], rows: Child[][], opts: { captionHidden?: boolean } = {}): HTMLTableElement {
  return h('table', { class: 'data' },
    h('caption', { class: opts.captionHidden ? 'visually-hidden' : undefined }, caption),
    h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, rows.map((cells) => h('tr', null, cells.map((cell, i) => h('td', { 'data-label': columns[i] }, h('div', { class: 'cell' }, cell)))))));
}

/** An instant in the editor's zone (their choice, else the browser's): see time.ts. */
export const when = (iso: string | undefined): string => formatInstant(iso);
