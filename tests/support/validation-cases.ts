/**
 * Many inputs, valid and not, for every request schema the handlers validate with, and what each schema answers
 * to them: the 4xx message and issues of parseWith, each issue safeParse reports (code, path, message: the
 * subscriber import reads them itself), and the parsed value. The answers of the zod schemas were recorded
 * (tests/unit/fixtures/validation-answers.json.gz, by `tsx tests/support/validation-cases.ts --record`);
 * tests/unit/validation-parity.test.ts compares today's answers with them, case by case.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../chaos/faults.ts';
import { cancelEventSchema, createEventSchema, patchEventSchema } from '#core/model/event.ts';
import { createStorySchema, patchStorySchema } from '#core/model/story.ts';
import { eventTranslationsSchema, storyTranslationsSchema } from '#core/model/translations.ts';
import { previewQuerySchema } from '#core/preview-query.ts';
import { proposalRequestSchema } from '#core/proposals/propose.ts';
import { storyPatchBody } from '#core/stories-service.ts';
import { updateRequestSchema } from '#core/story-update-request.ts';
import { preferencesSchema, subscribeSchema } from '#core/subscription-schema.ts';
import { testSendSchema } from '#core/test-sends.ts';
import { parseWith } from '#core/validation.ts';

export const ANSWERS_FILE = fileURLToPath(new URL('../unit/fixtures/validation-answers.json.gz', import.meta.url));

interface Parsable {
  safeParse(value: unknown): { success: boolean; data?: unknown; error?: { issues: readonly Issue[] } };
}
interface Issue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
}


const ABSENT = Symbol('absent');
const long = (n: number, c = 'x') => c.repeat(n);

/** Values of every kind a client could send, near every limit the schemas state. */
const ANY: unknown[] = [
  undefined,
  null,
  0,
  5,
  -1,
  1.5,
  true,
  false,
  [],
  ['a'],
  [1, 2],
  {},
  { a: 1 },
  '',
  ' ',
  '  \t ',
  'a',
  ' padded ',
  'a\nb',
  'a\rb',
  'a\u0001b',
  'a\u007fb',
  'a\u0085b',
  'a\u2028b',
  '{{name}}',
  'a }} b',
  'tab\tx',
  'é',
  'Ünïcödé',
  long(99),
  long(100),
  long(101),
  long(150),
  long(151),
  long(199),
  long(200),
  long(201),
  long(320),
  long(321),
  long(499),
  long(500),
  long(501),
  long(1000),
  long(1001),
  long(2000),
  long(2001),
  long(10_000),
  long(10_001),
  long(100, '😀'),
  long(101, '😀'),
  long(200, '😀'),
  long(201, '😀'),
  `${long(99)}😀`,
  ` ${long(200)} `,
  'https://example.com/story',
  'http://x.example',
  'HTTPS://EXAMPLE.COM',
  'ftp://example.com',
  'https://',
  'https:///x',
  'https://exa mple.com',
  ' https://example.com/a ',
  'https://example.com/{{x}}',
  'https://[::1]/',
  'mailto:a@b.c',
  `https://example.com/${long(480)}`,
  '//example.com',
  'https://example.com/\u0085',
  '2016-12-03',
  '2016-02-29',
  '2015-02-29',
  '2016-02-30',
  '2016-13-01',
  '20161203',
  '2016-12-3',
  ' 2016-12-03 ',
  '2016-12-03T10:00',
  '2016-12-03T24:00',
  '2016-12-03T10:60',
  '2016-02-30T10:00',
  '2016-12-03T10:00:00',
  '2016-12-01T08:00:00Z',
  '2016-12-01T08:00:00.123+09:00',
  '2016-12-01T08:00Z',
  '1969-12-31T23:59:59Z',
  '1970-01-01T00:00:00Z',
  '2200-12-31T23:59:59Z',
  '2201-01-01T00:00:00Z',
  '2016-13-01T00:00:00Z',
  '2016-12-01 08:00:00Z',
  'Asia/Tokyo',
  ' asia/tokyo ',
  'Japan',
  'US/Eastern',
  'Asia/Calcutta',
  'Europe/Moscow',
  'UTC',
  'Mars/Olympus',
  'w-su',
  'lima-talks-2016',
  'Lima',
  '-a',
  'a-',
  'a--b',
  long(80, 'a'),
  long(81, 'a'),
  'abe-putin-lima-2016',
  'P14D',
  'P7D',
  'P3D',
  'P1D',
  'P0D',
  'P30D',
  'p7d',
  'PT1H',
  'weekly',
  'daily',
  'none',
  'monthly',
  'Weekly',
  'en',
  'ja',
  'ru',
  'fr',
  'EN',
  'pt-BR',
  'zh-Hant-TW',
  'e',
  'all',
  'All',
  'active',
  'archived',
  'cancelled',
  'deleted',
  'confirmation',
  'reminder',
  'digest',
  'moved',
  'confirmed',
  'update',
  'nonsense',
  ['P7D', 'P1D'],
  ['P1D', 'P7D', 'P1D'],
  ['P30D'],
  ['P14D', 'P7D', 'P3D', 'P1D', 'P0D', 'P7D'],
  ['a', 'a', ' b '],
  [''],
  [' '],
  [long(100)],
  [long(101)],
  Array.from({ length: 100 }, (_, i) => `id-${i}`),
  Array.from({ length: 101 }, (_, i) => `id-${i}`),
  ['x', 5],
  [null],
  ['one', 'two'],
  Array(20).fill('bg'),
  Array(21).fill('bg'),
  [long(500)],
  [long(501)],
  ['', 'x'],
];

/** What a schema's field may hold: the generic values, plus the values built for its kind of field. */
const source = (field = 'x'): unknown[] => [
  { publisher: 'Kyodo', quote: 'The talks move.' },
  { publisher: 'Kyodo', quote: 'The talks move.', url: 'https://english.kyodonews.net/' },
  { publisher: 'Kyodo', quote: 'q', url: 'nope' },
  { publisher: 'Kyodo' },
  { quote: 'q' },
  {},
  { publisher: ' ', quote: 'q' },
  { publisher: 'a\nb', quote: 'q\nr' },
  { publisher: 5, quote: null },
  { publisher: 'K', quote: 'q', extra: 1 },
  { publisher: 'K', quote: 'q', [field]: 2, other: 3 },
  { publisher: long(101), quote: long(1001), url: `https://example.com/${long(500)}` },
  'Kyodo',
  ['Kyodo'],
];
const range: unknown[] = [
  { from: '2016-12-10', to: '2016-12-20' },
  { from: '2016-12-10', to: '2016-12-20', label: 'mid-December' },
  { from: '2016-12-20', to: '2016-12-10' },
  { from: '2016-01-01', to: '2016-12-31' },
  { from: '2016-01-01', to: '2017-01-01' },
  { from: '2016-01-01', to: '2017-01-02' },
  { from: '2016-02-30', to: '2016-03-01' },
  { from: 5, to: '2016-03-01' },
  { from: '2016-12-10' },
  { to: '2016-12-10' },
  {},
  { from: '2016-12-10', to: '2016-12-20', label: '' },
  { from: '2016-12-10', to: '2016-12-20', label: 'a\nb' },
  { from: '2016-12-10', to: '2016-12-20', extra: true },
  { from: '2016-12-20', to: '2016-12-10', label: 5, more: 1 },
  'mid-December',
  ['2016-12-10', '2016-12-20'],
];
const translations = (fields: string[]): unknown[] => [
  { ja: Object.fromEntries(fields.map((f) => [f, `ja ${f}`])) },
  { ja: { title: 'タイトル' }, ru: { summary: 'Сводка' } },
  { ja: {} },
  { ja: { title: '' } },
  { fr: { title: 'x' } },
  { ja: { title: 'a\nb', summary: 'a\nb', place: 'a\nb' } },
  { ja: { title: long(201), summary: long(2001) } },
  { ja: { colour: 'x' } },
  { ja: 'title' },
  { en: { title: 'x' }, ja: null },
  { ru: { place: 'Токио', extra: 1 } },
  'ja',
  [{ ja: { title: 'x' } }],
  {},
];
const FIELD_VALUES: Record<string, unknown[]> = {
  source: source('source'),
  changeSource: source('changeSource'),
  range,
  translations: [...translations(['title', 'summary', 'place']), ...translations(['title', 'summary'])],
};
const valuesOf = (field: string) => [...(FIELD_VALUES[field] ?? []), ...ANY];

interface SchemaCases {
  name: string;
  schema: Parsable;
  base: Record<string, unknown>;
  fields: string[];
}

/** Every request schema of the handlers, with a valid body to vary field by field. */
export function schemaCases(): SchemaCases[] {
  const event = {
    storyId: 'lima-talks-2016',
    title: 'Summit in Yamaguchi',
    summary: 'Abe and Putin meet.',
    date: '2016-12-15',
    timeZone: 'Asia/Tokyo',
    place: 'Nagato',
    source: { publisher: 'Kyodo', quote: 'They will meet.' },
  };
  const eventFields = [...Object.keys(event), 'startTime', 'range', 'translations'];
  const story = {
    title: 'Abe–Putin talks',
    publisher: 'Kyodo',
    publishedOn: '2016-11-19',
    language: 'en',
    background: ['x'],
  };
  const storyFields = [...Object.keys(story), 'id', 'url', 'summary', 'translations'];
  const prefs = ['stories', 'timeZone', 'reminders', 'digest', 'events', 'updates', 'language'];
  const preview = [
    'event',
    'story',
    'language',
    'timeZone',
    'lead',
    'at',
    'period',
    'from',
    'fromTime',
    'date',
    'startTime',
    'eventTimeZone',
    'place',
    'sourcePublisher',
    'sourceQuote',
    'sourceUrl',
    'update',
    'subject',
    'body',
  ];
  return [
    { name: 'createEvent', schema: createEventSchema, base: event, fields: eventFields },
    {
      name: 'patchEvent',
      schema: patchEventSchema,
      base: { title: 'New title' },
      fields: [...eventFields, 'changeSource'],
    },
    { name: 'cancelEvent', schema: cancelEventSchema, base: { changeSource: event.source }, fields: ['changeSource'] },
    { name: 'createStory', schema: createStorySchema, base: story, fields: storyFields },
    { name: 'patchStory', schema: patchStorySchema, base: { title: 'New' }, fields: [...storyFields, 'status'] },
    {
      name: 'storyPatchBody',
      schema: storyPatchBody,
      base: { status: 'cancelled' },
      fields: ['changeSource', 'status'],
    },
    {
      name: 'subscribe',
      schema: subscribeSchema,
      base: { email: 'a@example.com' },
      fields: ['email', 'website', ...prefs],
    },
    { name: 'preferences', schema: preferencesSchema, base: { digest: 'daily' }, fields: prefs },
    {
      name: 'updateRequest',
      schema: updateRequestSchema,
      base: { subject: 'News', body: 'Text' },
      fields: ['subject', 'body'],
    },
    { name: 'previewQuery', schema: previewQuerySchema, base: { event: 'e1' }, fields: preview },
    { name: 'testSend', schema: testSendSchema, base: { kind: 'reminder' }, fields: ['kind', ...preview] },
    {
      name: 'proposalRequest',
      schema: proposalRequestSchema,
      base: { text: 'On Dec. 3 they meet.', publishedOn: '2016-11-19', publisher: 'Kyodo' },
      fields: ['text', 'publishedOn', 'publisher', 'dateline'],
    },
    {
      name: 'eventTranslations',
      schema: eventTranslationsSchema,
      base: { ja: { title: 'x' } },
      fields: ['ja', 'ru', 'en'],
    },
    {
      name: 'storyTranslations',
      schema: storyTranslationsSchema,
      base: { ru: { summary: 'x' } },
      fields: ['ja', 'ru'],
    },
  ];
}

const NOT_OBJECTS: unknown[] = [undefined, null, 0, 'body', true, [], [{}], new Date(0)];

/** The inputs of one schema: not objects, each field set to each value or removed, unknown keys, then random mixes. */
export function inputsOf({ base, fields }: SchemaCases, seed: number, mixes = 400): unknown[] {
  const inputs: unknown[] = [...NOT_OBJECTS, base, {}, { ...base, unknown: 1 }, { ...base, a: 1, b: 2 }];
  inputs.push(JSON.parse(`{"__proto__": {"x": 1}, ${JSON.stringify(base).slice(1)}`));
  for (const field of fields) {
    const { [field]: _, ...without } = base;
    inputs.push(without);
    for (const value of valuesOf(field)) inputs.push({ ...base, [field]: value });
  }
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  for (let i = 0; i < mixes; i++) {
    const input: Record<string, unknown> = random() < 0.5 ? { ...base } : {};
    const changes = 1 + Math.floor(random() * 4);
    for (let c = 0; c < changes; c++) {
      const field = pick(fields);
      const value = random() < 0.15 ? ABSENT : pick(valuesOf(field));
      if (value === ABSENT) delete input[field];
      else input[field] = value;
    }
    if (random() < 0.1) input[pick(['extra', 'to', 'email', 'token'])] = pick(ANY);
    inputs.push(input);
  }
  return inputs;
}

/** What a schema answers: the parsed value, or each issue; and what parseWith throws (the 4xx's message and issues). */
export function answerOf(schema: Parsable, input: unknown): unknown {
  const result = schema.safeParse(input);
  const issues = result.success
    ? undefined
    : result.error!.issues.map((i) => ({ code: i.code, path: i.path.map(String), message: i.message }));
  let thrown: unknown;
  try {
    parseWith(schema as never, input);
  } catch (err) {
    thrown = { message: (err as Error).message, details: (err as { details?: unknown }).details };
  }
  return JSON.parse(JSON.stringify({ data: result.success ? result.data : undefined, issues, thrown }, compact));
}

/** undefined marked (a key present with undefined is not a key absent); a long string by its length and a hash. */
function compact(_: string, v: unknown): unknown {
  if (v === undefined) return '(undefined)';
  if (typeof v === 'string' && v.length > 80)
    return `(${v.length} units, sha1 ${createHash('sha1').update(v).digest('hex').slice(0, 12)})`;
  return v;
}

/** Every case: schema name, the input (as JSON, with undefined marked), the answer. */
export function allAnswers(): { schema: string; input: string; answer: unknown }[] {
  return schemaCases().flatMap((cases, index) =>
    inputsOf(cases, 1000 + index).map((input) => ({
      schema: cases.name,
      input: JSON.stringify(input, compact) ?? '(undefined)',
      answer: answerOf(cases.schema, input),
    })),
  );
}

if (process.argv.includes('--record')) {
  const answers = allAnswers();
  writeFileSync(ANSWERS_FILE, gzipSync(JSON.stringify(answers)));
  console.log(`${answers.length} answers written to ${ANSWERS_FILE}`);
}
