/**
 * The last guard between a log line and CloudWatch: whatever a message or an SDK error carries, an address, a
 * link token or a bearer token leaves the function masked. Fields are ids and codes by design; this catches the rest
 * (SES puts the failing addresses in its error messages).
 */
const PATTERNS: readonly [RegExp, string][] = [
  [/eyJ[\w-]+\.[\w-]+\.[\w-]*/g, '<jwt>'],
  [/\b(Bearer\s+)\S+/gi, '$1<redacted>'],
  [/([?&;]token=)[^&\s"'<>]+/gi, '$1<redacted>'],
  // Letters and digits of any script: an address as typed may precede its punycode form (josé@пример.рф).
  [/[\p{L}\p{M}\p{N}_.!#$%&'*+/=?^`{|}~-]+@[\p{L}\p{M}\p{N}-]+(?:\.[\p{L}\p{M}\p{N}-]+)+/gu, '<address>'],
];

export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** A JSON.stringify replacer that masks every string value, nested ones included. */
export const redactingReplacer = (_key: string, value: unknown): unknown =>
  (typeof value === 'string' ? redact(value) : value);
