/**
 * The English message of an issue whose schema or check states none (classic zod's words, which some 4xx answers
 * carry: "Invalid input: expected object, received array", "Too big: expected string to have <=1000 characters").
 */
import type { RawIssue } from './issues.ts';

/** The kind of a value as the messages name it: `null`, `array`, `NaN`, a class's name, else its typeof. */
function kindOf(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : Number.isFinite(value) ? 'number' : String(value);
  if (typeof value !== 'object') return typeof value;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const proto = Object.getPrototypeOf(value) as unknown;
  const ctor = (value as { constructor?: { name?: string } }).constructor;
  return proto !== Object.prototype && 'constructor' in value && ctor ? String(ctor.name) : 'object';
}

const quoted = (value: unknown): string => (typeof value === 'string' ? `"${value}"` : String(value));
const UNITS: Record<string, string> = { string: 'characters', array: 'items' };

export function localeMessage(issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `Invalid input: expected ${issue.expected}, received ${kindOf(issue.input)}`;
    case 'invalid_value':
      return issue.values!.length === 1
        ? `Invalid input: expected ${quoted(issue.values![0])}`
        : `Invalid option: expected one of ${issue.values!.map(quoted).join('|')}`;
    case 'too_big':
    case 'too_small': {
      const [word, sign, bound] =
        issue.code === 'too_big' ? ['big', '<=', issue.maximum] : ['small', '>=', issue.minimum];
      const unit = UNITS[issue.origin ?? ''];
      return `Too ${word}: expected ${issue.origin} to ${unit ? `have ${sign}${bound} ${unit}` : `be ${sign}${bound}`}`;
    }
    case 'invalid_format':
      return `Invalid string: must match pattern ${issue.pattern}`;
    case 'unrecognized_keys':
      return `Unrecognized key${issue.keys!.length > 1 ? 's' : ''}: ${issue.keys!.map(quoted).join(', ')}`;
    default:
      return 'Invalid input';
  }
}
