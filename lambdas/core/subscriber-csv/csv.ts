/**
 * RFC 4180 CSV, read and written without I/O. Reading is lenient about what spreadsheets produce (a BOM, `;`
 * as the separator, CRLF, LF or CR line ends, blank lines) and strict about what makes a record ambiguous: each
 * such record is returned with its error, so one bad line never hides the others.
 */
import { ValidationError } from '../errors.ts';

export type Delimiter = ',' | ';';

export interface CsvRecord {
  /** The physical line (1-based) the record starts on; a quoted field may carry it over several lines. */
  line: number;
  fields: string[];
  /** Why the record cannot be read as intended (its fields are then not to be trusted). */
  error?: string;
}

export interface ParsedCsv {
  delimiter: Delimiter;
  /** Every non-blank record, the header first. */
  records: CsvRecord[];
}

const BOM = '\uFEFF';

/** The body as text: UTF-8 (a leading BOM dropped); anything else is a 400 that says so. */
export function decodeCsvBytes(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ValidationError('the CSV is not UTF-8; save it as "CSV UTF-8" and send it again');
  }
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/**
 * The separator the header row uses: whichever of `,` and `;` it has more of outside quotes (Excel in many
 * European locales writes `;`). A one-column header has neither: comma.
 */
export function detectDelimiter(text: string): Delimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of text.startsWith(BOM) ? text.slice(1) : text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/** Splits the text into records (RFC 4180 quoting: `""` inside a quoted field is one quote). */
export function parseCsv(input: string, delimiter: Delimiter = detectDelimiter(input)): ParsedCsv {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;

  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let error: string | undefined;
    let field = '';
    let quotedRecord = false;
    let endOfRecord = false;

    while (!endOfRecord) {
      if (i < n && text[i] === '"' && field === '') {
        // A quoted field: up to the quote that is not doubled.
        quotedRecord = true;
        i++;
        let closed = false;
        while (i < n) {
          const ch = text[i]!;
          if (ch === '"') {
            if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
            i++;
            closed = true;
            break;
          }
          if (ch === '\r' || ch === '\n') {
            line++;
            if (ch === '\r' && text[i + 1] === '\n') { field += '\r\n'; i += 2; continue; }
          }
          field += ch;
          i++;
        }
        if (!closed) {
          error ??= 'a quoted field is not closed (its closing quote is missing), so the rest of the file is part of it';
          fields.push(field);
          break;
        }
        if (i < n && text[i] !== delimiter && text[i] !== '\r' && text[i] !== '\n') {
          error ??= 'text follows a closing quote (a quote inside a field must be doubled: "")';
          // Recover at the next separator or line end.
          while (i < n && text[i] !== delimiter && text[i] !== '\r' && text[i] !== '\n') field += text[i++];
        }
      } else {
        while (i < n && text[i] !== delimiter && text[i] !== '\r' && text[i] !== '\n') {
          if (text[i] === '"') error ??= 'a quote inside an unquoted field (quote the whole field and double the quote: "")';
          field += text[i++];
        }
      }
      fields.push(field);
      field = '';
      if (i >= n) { endOfRecord = true; break; }
      const ch = text[i]!;
      if (ch === delimiter) { i++; if (i >= n) { fields.push(''); endOfRecord = true; } continue; }
      // A line end: CRLF, LF or a lone CR.
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      endOfRecord = true;
    }

    const blank = !quotedRecord && fields.length === 1 && fields[0]!.trim() === '';
    if (!blank) records.push({ line: start, fields, ...(error ? { error } : {}) });
  }
  return { delimiter, records };
}

/** Starts a spreadsheet reads as a formula (CWE-1236); tab and CR too, as OWASP lists them. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as written: a would-be formula gets a leading `'`; quoted when it holds a separator, quote or line end. */
export function csvCell(value: string | undefined, delimiter: Delimiter = ','): string {
  let v = value ?? '';
  if (FORMULA_START.test(v)) v = `'${v}`;
  return v.includes(delimiter) || /["\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A record with its CRLF (RFC 4180). */
export function csvLine(values: readonly (string | undefined)[], delimiter: Delimiter = ','): string {
  return `${values.map((v) => csvCell(v, delimiter)).join(delimiter)}\r\n`;
}

/** What csvCell guarded, as it was: the leading `'` before a formula character goes (so an export imports back). */
export function unguardCell(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}
