/**
 * Fills compiled templates: `{{name}}` takes HTML-escaped text, `{{{name}}}` a pre-rendered HTML fragment.
 * Each template is split into literal parts and slots once; filling is then a join, not a regex pass.
 */
export type TemplateValues = Readonly<Record<string, string>>;

export class MissingPlaceholderError extends Error {
  constructor(readonly placeholder: string) {
    super(`no value for template placeholder "${placeholder}"`);
    this.name = 'MissingPlaceholderError';
  }
}

interface Slot { name: string; raw: boolean }
interface SplitTemplate { literals: string[]; slots: Slot[] }

const placeholder = /\{\{\{\s*([A-Za-z][\w.-]*)\s*\}\}\}|\{\{\s*([A-Za-z][\w.-]*)\s*\}\}/g;
const cache = new Map<string, SplitTemplate>();

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const needsEscape = /[&<>"']/;
const escapable = /[&<>"']/g;

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return needsEscape.test(text) ? text.replace(escapable, (c) => escapes[c]!) : text;
}

function split(template: string): SplitTemplate {
  const literals: string[] = [];
  const slots: Slot[] = [];
  let last = 0;
  for (const match of template.matchAll(placeholder)) {
    literals.push(template.slice(last, match.index));
    slots.push(match[1] !== undefined ? { name: match[1], raw: true } : { name: match[2]!, raw: false });
    last = match.index + match[0].length;
  }
  literals.push(template.slice(last));
  return { literals, slots };
}

/** The placeholder names of a template, in order of first appearance. */
export function placeholdersOf(template: string): string[] {
  return [...new Set(splitCached(template).slots.map((s) => s.name))];
}

function splitCached(template: string): SplitTemplate {
  let parts = cache.get(template);
  if (!parts) {
    parts = split(template);
    cache.set(template, parts);
  }
  return parts;
}

/** Fills every placeholder; a placeholder without a value throws rather than rendering empty. */
export function fill(template: string, values: TemplateValues): string {
  const { literals, slots } = splitCached(template);
  let out = literals[0]!;
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i]!;
    const value = Object.hasOwn(values, slot.name) ? values[slot.name] : undefined;
    if (typeof value !== 'string') throw new MissingPlaceholderError(slot.name);
    out += (slot.raw ? value : escapeHtml(value)) + literals[i + 1]!;
  }
  return out;
}
