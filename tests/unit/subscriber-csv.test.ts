import { describe, expect, it } from 'vitest';
import { PayloadTooLargeError, ValidationError } from '#core/errors.ts';
import { csvCell, csvLine, decodeCsvBytes, detectDelimiter, parseCsv, unguardCell } from '#core/subscriber-csv/csv.ts';
import { EXPORT_COLUMNS, exportRow } from '#core/subscriber-csv/exporter.ts';
import { planImport, type PlanContext } from '#core/subscriber-csv/import-plan.ts';
import type { Subscriber } from '#core/model/subscriber.ts';

const ctx: PlanContext = { now: new Date('2016-11-20T09:00:00Z'), storyIds: new Set(['lima-2016']), eventIds: new Set(['kishida-visits-russia']) };
const fields = (text: string) => parseCsv(text).records.map((r) => r.fields);

describe('reading CSV', () => {
  it('drops a UTF-8 BOM and refuses bytes that are not UTF-8', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('email\r\nzoë@example.com\r\n')]);
    const text = decodeCsvBytes(bytes);
    expect(fields(text)).toEqual([['email'], ['zoë@example.com']]);
    expect(() => decodeCsvBytes(new Uint8Array([0x65, 0x6d, 0xe9, 0x0a]))).toThrow(/not UTF-8/); // Windows-1252 "emé"
  });

  it('detects ; or , from the header row, ignoring separators inside quotes', () => {
    expect(detectDelimiter('email;timeZone;digest\na,b;c')).toBe(';');
    expect(detectDelimiter('email,timeZone\n')).toBe(',');
    expect(detectDelimiter('"e;m;a;i;l",timeZone\n')).toBe(',');
    expect(detectDelimiter('email\n')).toBe(',');
    expect(fields('email;digest\r\na@example.com;"daily;weekly"\r\n')).toEqual([['email', 'digest'], ['a@example.com', 'daily;weekly']]);
  });

  it('reads quoted fields holding separators, doubled quotes and line breaks, with the line each record starts on', () => {
    const { records } = parseCsv('email,consentSource\r\na@example.com,"Fair, ""Lima"" stand\r\nday 2"\r\nb@example.com,plain\r\n');
    expect(records.map((r) => [r.line, r.fields])).toEqual([
      [1, ['email', 'consentSource']],
      [2, ['a@example.com', 'Fair, "Lima" stand\r\nday 2']],
      [4, ['b@example.com', 'plain']],
    ]);
    expect(records.every((r) => r.error === undefined)).toBe(true);
  });

  it('takes CRLF, LF and lone CR line ends, skips blank lines, and keeps empty and trailing fields', () => {
    expect(fields('a,b\r\n\r\n1,2\n\n   \n3,\r4,"",\n')).toEqual([['a', 'b'], ['1', '2'], ['3', ''], ['4', '', '']]);
    expect(parseCsv('a\n\n\nb').records.map((r) => r.line)).toEqual([1, 4]);
    expect(fields('')).toEqual([]);
  });

  it('marks a malformed record and still reads the ones after it', () => {
    const { records } = parseCsv('email,digest\na@example.com,we"ekly\nb@example.com,"daily"x\nc@example.com,"none\n');
    expect(records.map((r) => r.error === undefined)).toEqual([true, false, false, false]);
    expect(records[1]!.error).toMatch(/quote inside an unquoted field/);
    expect(records[2]!.error).toMatch(/follows a closing quote/);
    expect(records[3]!.error).toMatch(/not closed/);
  });
});

describe('writing CSV', () => {
  it('quotes what needs it and ends records with CRLF', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'two\nlines', ' padded', undefined])).toBe('a,"b,c","say ""hi""","two\nlines"," padded",\r\n');
  });

  it('defuses cells a spreadsheet would run as formulas, and the import undoes it', () => {
    for (const hostile of ['=HYPERLINK("http://evil.example")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) {
      const cell = csvCell(hostile);
      const [read] = parseCsv(`${cell}\r\n`).records[0]!.fields;
      expect(read!.startsWith("'"), hostile).toBe(true);
      expect(unguardCell(read!)).toBe(hostile);
    }
    expect(csvCell('2016-11-20T09:00:00.000Z')).toBe('2016-11-20T09:00:00.000Z');
    expect(unguardCell("'plain")).toBe("'plain");
  });

  it('exports a reader with consent evidence and no token, nonce or id', () => {
    const s: Subscriber = {
      id: 'secret-subscription-id', email: '-dash@example.com', status: 'active',
      preferences: { timeZone: 'Asia/Tokyo', reminders: ['P7D', 'P1D'], digest: 'daily', stories: ['lima-2016'], events: 'all' },
      consent: { requestedAt: '2016-11-01T00:00:00.000Z', requestIpHash: 'iphash', requestUserAgent: '=cmd|calc', confirmedAt: '2016-11-02T00:00:00.000Z', confirmIpHash: 'iphash2', confirmUserAgent: 'Mozilla' },
      createdAt: '2016-11-01T00:00:00.000Z', updatedAt: '2016-11-02T00:00:00.000Z', confirmedAt: '2016-11-02T00:00:00.000Z',
      signUp: { requestId: 'request-id-secret', nonce: 'nonce-secret', requestedAt: '2016-11-01T00:00:00.000Z' },
    };
    const line = csvLine(exportRow(s));
    expect(line).not.toMatch(/secret/);
    const row = Object.fromEntries(EXPORT_COLUMNS.map((c, i) => [c, parseCsv(line).records[0]!.fields[i]]));
    expect(row).toMatchObject({
      email: "'-dash@example.com", status: 'active', timeZone: 'Asia/Tokyo', reminders: 'P7D P1D', stories: 'lima-2016', events: 'all',
      consentDate: '2016-11-02T00:00:00.000Z', consentSource: 'double opt-in', requestUserAgent: "'=cmd|calc", requestIpHash: 'iphash',
    });
  });
});

describe('planning an import', () => {
  it('reports every bad row by its number and reason, and plans the good ones', () => {
    const csv = [
      'Email;TIMEZONE;reminders;digest;consentDate;consentSource;Nickname',
      'ok@example.com;Asia/Tokyo;P7D P1D;daily;;;Ok',
      'not-an-address;UTC;;;;;x',
      'mars@example.com;Mars/Olympus;;;;;x',
      '',
      'lead@example.com;UTC;P2D;;;;x',
      'OK@example.com;UTC;;;;;dup',
      'broken@example.com;"UTC;;;;;x',
    ].join('\r\n');
    const plan = planImport(csv, ctx);
    expect(plan.delimiter).toBe(';');
    expect(plan.columns).toEqual(['email', 'timeZone', 'reminders', 'digest', 'consentDate', 'consentSource']);
    expect(plan.ignoredColumns).toEqual(['Nickname']);
    const summary = plan.rows.map((r) => [r.row, r.line, r.action, r.action === 'invalid' ? r.problems.map((p) => p.reason) : []]);
    expect(summary).toEqual([
      [1, 2, 'confirm', []],
      [2, 3, 'invalid', ['bad-email']],
      [3, 4, 'invalid', ['unknown-zone']],
      [4, 6, 'invalid', ['bad-lead']],
      [5, 7, 'invalid', ['duplicate-in-file']],
      [6, 8, 'invalid', ['malformed-line']],
    ]);
    const dup = plan.rows[4]!;
    expect(dup.action === 'invalid' && dup.problems[0]!.message).toBe('the same address as row 1');
    // Each bad value is quoted, so the editor finds the row by what it holds
    const messages = plan.rows.flatMap((r) => (r.action === 'invalid' ? r.problems.map((p) => p.message) : []));
    expect(messages).toContain('email "not-an-address" is not an address such as name@example.com');
    expect(messages.find((m) => m.startsWith('timeZone'))).toMatch(/^timeZone "Mars\/Olympus"/);
    expect(messages.find((m) => m.startsWith('reminders'))).toMatch(/"P2D"/);
    expect(plan.rows[0]).toMatchObject({ email: 'ok@example.com', preferences: { timeZone: 'Asia/Tokyo', reminders: ['P7D', 'P1D'], digest: 'daily', stories: 'all', events: 'all' } });
  });

  it('activates only with a past consent date and a source; half the evidence is a row to fix', () => {
    const plan = planImport([
      'email,consentDate,consentSource,stories,events,reminders',
      'a@example.com,2016-11-01,Lima fair sign-up sheet,lima-2016,kishida-visits-russia,none',
      'b@example.com,2016-11-20T10:00:00+09:00,form,,,',
      'c@example.com,2016-11-21,form,,,',
      'd@example.com,2016-11-01,,,,',
      'e@example.com,,form,,,',
      'f@example.com,2016-02-30,form,,,',
      'g@example.com,,,gone-story,no-event,',
    ].join('\n'), ctx);
    expect(plan.rows[0]).toMatchObject({
      action: 'activate', consent: { date: '2016-11-01T00:00:00.000Z', source: 'Lima fair sign-up sheet' },
      preferences: { stories: ['lima-2016'], events: ['kishida-visits-russia'], reminders: [] },
    });
    expect(plan.rows[1]).toMatchObject({ action: 'activate', consent: { date: '2016-11-20T01:00:00.000Z' } });
    const reasons = plan.rows.slice(2).map((r) => (r.action === 'invalid' ? r.problems.map((p) => p.reason) : r.action));
    expect(reasons).toEqual([['consent-date-in-future'], ['incomplete-consent'], ['incomplete-consent'], ['bad-consent-date'], ['unknown-story', 'unknown-event']]);
  });

  it("judges a consent date by the stack's clock and says so, not that the date is in the future", () => {
    // A consent given last month (in real time) imported into a stack replaying 2016.
    const plan = planImport('email,consentDate,consentSource\na@example.com,2026-11-03,web form\n', ctx);
    const row = plan.rows[0]!;
    expect(row.action).toBe('invalid');
    const message = row.action === 'invalid' ? row.problems[0]!.message : '';
    expect(message).toMatch(/^consentDate "2026-11-03" is after the stack's clock \(2016-11-20 \d\d:\d\d UTC\)/);
    expect(message).not.toContain('in the future');
  });

  it('skips rows the file itself marks unsubscribed, and refuses a bad status', () => {
    const plan = planImport('email,status\na@example.com,unsubscribed\nb@example.com,Active\nc@example.com,maybe\n', ctx);
    expect(plan.rows.map((r) => r.action)).toEqual(['skip', 'confirm', 'invalid']);
  });

  it('reads its own export back', () => {
    const header = csvLine(EXPORT_COLUMNS);
    const s: Subscriber = {
      id: 'x', email: '+plus@example.com', status: 'active', preferences: { timeZone: 'Europe/Moscow', reminders: ['P14D'], digest: 'none', events: 'all' },
      consent: { requestedAt: '2016-11-01T00:00:00.000Z', requestIpHash: 'import', requestUserAgent: 'import', confirmedAt: '2016-11-01T00:00:00.000Z', source: 'old list', importedAt: '2016-11-10T00:00:00.000Z' },
      createdAt: '2016-11-10T00:00:00.000Z', updatedAt: '2016-11-10T00:00:00.000Z', confirmedAt: '2016-11-10T00:00:00.000Z',
    };
    const plan = planImport(header + csvLine(exportRow(s)), ctx);
    expect(plan.rows[0]).toMatchObject({
      action: 'activate', email: '+plus@example.com', consent: { date: '2016-11-01T00:00:00.000Z', source: 'old list' },
      preferences: { timeZone: 'Europe/Moscow', reminders: ['P14D'], digest: 'none', stories: 'all', events: 'all' },
    });
  });

  it('refuses a header without email, an empty file, and too many rows', () => {
    expect(() => planImport('name,timeZone\nx,UTC\n', ctx)).toThrow(ValidationError);
    expect(() => planImport('\r\n\r\n', ctx)).toThrow(/empty/);
    expect(() => planImport('email\na@example.com\nb@example.com\nc@example.com\n', { ...ctx, maxRows: 2 })).toThrow(PayloadTooLargeError);
  });
});
