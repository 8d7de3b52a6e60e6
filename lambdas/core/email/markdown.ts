/**
 * The small Markdown an editor's story update may use, rendered safely for email: paragraphs (a blank line),
 * line breaks, **bold**, *italic*, [text](https://url) links (http and https only) and `- ` bullet lists.
 * Everything else is literal text. No HTML of the input passes through: the input is cut into tokens, every text
 * token is escaped on the way out, and the only tags are the few this file writes. Linear in the input's length
 * (each closing-marker search is memoised), so a hostile body cannot make it slow.
 */
import { escapeHtml } from './fill.ts';

type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'link'; text: string; href: string };

type Block = { type: 'paragraph'; lines: Inline[][] } | { type: 'list'; items: Inline[][][] };

export interface RenderedMarkdown {
  /** HTML for an mj-text: <p>, <br />, <strong>, <em>, <a href="http(s)://…">, <ul>/<li>; all text escaped. */
  html: string;
  /** The same content as plain text: markers dropped, links as `text (url)`, bullets as `- `. */
  text: string;
  /** The words alone, for a preheader: no bullets, no URLs (a link is its text), one line. */
  words: string;
}

const P_STYLE = 'margin:0 0 12px;';
const UL_STYLE = 'margin:0 0 12px;padding-left:22px;';
const A_STYLE = 'color:#1d4ed8;';

/** Renders an update's body; the same input always gives the same output. */
export function renderMarkdown(source: string): RenderedMarkdown {
  const blocks = parseBlocks(source);
  return { html: blocks.map(blockHtml).join(''), text: blocks.map(blockText).join('\n\n'), words: blocks.map(blockWords).join(' ').replace(/\s+/g, ' ').trim() };
}

/** CR LF and CR become LF; every other control character (a NUL, an ESC, a template's slot marker) becomes a space. */
function normalise(source: string): string {
  return source.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ');
}

const BULLET = /^[ \t]{0,3}- /;

function parseBlocks(source: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of normalise(source).split(/\n[ \t]*\n/)) {
    let current: Block | undefined;
    for (const raw of chunk.split('\n')) {
      const line = raw.trim();
      if (line === '') continue;
      if (BULLET.test(raw) && line !== '-') {
        // Each `- ` line starts an item of the list this chunk is building (a paragraph above it ends there).
        if (current?.type !== 'list') blocks.push(current = { type: 'list', items: [] });
        current.items.push([parseInline(raw.replace(BULLET, '').trim())]);
      } else if (current?.type === 'list' && /^[ \t]/.test(raw)) {
        // An indented line under an item continues it, after a line break.
        current.items.at(-1)!.push(parseInline(line));
      } else {
        if (current?.type !== 'paragraph') blocks.push(current = { type: 'paragraph', lines: [] });
        current.lines.push(parseInline(line));
      }
    }
  }
  return blocks;
}

/**
 * Finds closing markers from left to right without rescanning: once a search from `from` found its marker at
 * `at` (or found none), any later search starting between the two has the same answer.
 */
type Finder = (from: number) => number;

function makeFinder(find: Finder): Finder {
  let lastFrom = Number.POSITIVE_INFINITY;
  let lastAt = -1;
  return (from) => {
    if (from >= lastFrom && (lastAt === -1 || from <= lastAt)) return lastAt;
    lastFrom = from;
    lastAt = find(from);
    return lastAt;
  };
}

/** A `*` alone, not part of `**`. */
const loneStar = (s: string, i: number) => s[i] === '*' && s[i - 1] !== '*' && s[i + 1] !== '*';

interface InlineOptions { strong: boolean; em: boolean; links: boolean }

function parseInline(s: string, options: InlineOptions = { strong: true, em: true, links: true }): Inline[] {
  const out: Inline[] = [];
  let literal = '';
  const flush = () => { if (literal) { out.push({ type: 'text', text: literal }); literal = ''; } };
  // Made on first use: most inline runs (an item, a bold word) need none of them.
  let double: Finder | undefined, lone: Finder | undefined, linkMiddle: Finder | undefined, paren: Finder | undefined;
  const nextDouble = (from: number) => (double ??= makeFinder((f) => s.indexOf('**', f)))(from);
  const nextLone = (from: number) => (lone ??= makeFinder((f) => { for (let i = f; i < s.length; i++) if (loneStar(s, i)) return i; return -1; }))(from);
  const nextLinkMiddle = (from: number) => (linkMiddle ??= makeFinder((f) => s.indexOf('](', f)))(from);
  const nextParen = (from: number) => (paren ??= makeFinder((f) => s.indexOf(')', f)))(from);

  let i = 0;
  while (i < s.length) {
    if (options.strong && s.startsWith('**', i)) {
      const close = nextDouble(i + 2);
      if (close > i + 2) {
        flush();
        out.push({ type: 'strong', children: parseInline(s.slice(i + 2, close), { strong: false, em: options.em, links: options.links }) });
        i = close + 2;
        continue;
      }
    }
    if (options.em && loneStar(s, i) && s[i + 1] !== ' ') {
      const close = nextLone(i + 1);
      if (close > i + 1 && s[close - 1] !== ' ') {
        flush();
        out.push({ type: 'em', children: parseInline(s.slice(i + 1, close), { strong: options.strong, em: false, links: options.links }) });
        i = close + 1;
        continue;
      }
    }
    if (options.links && s[i] === '[') {
      const middle = nextLinkMiddle(i + 1);
      const end = middle === -1 ? -1 : nextParen(middle + 2);
      if (middle > i + 1 && end > middle + 2) {
        const label = s.slice(i + 1, middle);
        const href = safeHref(s.slice(middle + 2, end));
        // An unsafe or malformed target (javascript:, data:, a space) leaves the whole thing as literal text.
        if (href !== undefined && !label.includes('[')) {
          flush();
          out.push({ type: 'link', text: label, href });
          i = end + 1;
          continue;
        }
      }
    }
    literal += s[i];
    i++;
  }
  flush();
  return out;
}

/** An absolute http: or https: URL with a host, normalised by the URL parser; anything else is no link. */
export function safeHref(raw: string): string | undefined {
  if (!/^https?:\/\/[^\s/?#]/i.test(raw) || /[\s<>"'`\\]/.test(raw)) return undefined;
  try {
    const url = new URL(raw);
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') return undefined;
    return url.href;
  } catch {
    return undefined;
  }
}

function inlineHtml(nodes: readonly Inline[]): string {
  return nodes.map((n) => {
    switch (n.type) {
      case 'text': return escapeHtml(n.text);
      case 'strong': return `<strong>${inlineHtml(n.children)}</strong>`;
      case 'em': return `<em>${inlineHtml(n.children)}</em>`;
      case 'link': return `<a href="${escapeHtml(n.href)}" style="${A_STYLE}">${escapeHtml(n.text)}</a>`;
    }
  }).join('');
}

function inlineText(nodes: readonly Inline[]): string {
  return nodes.map((n) => {
    switch (n.type) {
      case 'text': return n.text;
      case 'strong': case 'em': return inlineText(n.children);
      case 'link': return n.text === n.href ? n.href : `${n.text} (${n.href})`;
    }
  }).join('');
}

function blockHtml(b: Block): string {
  if (b.type === 'paragraph') return `<p style="${P_STYLE}">${b.lines.map(inlineHtml).join('<br />')}</p>`;
  return `<ul style="${UL_STYLE}">${b.items.map((lines) => `<li>${lines.map(inlineHtml).join('<br />')}</li>`).join('')}</ul>`;
}

/** A URL has no words: a link whose text is its URL, or one written out bare, is left out. */
function inlineWords(nodes: readonly Inline[]): string {
  return nodes.map((n) => {
    switch (n.type) {
      case 'text': return n.text.replace(/\bhttps?:\/\/\S+/g, '');
      case 'strong': case 'em': return inlineWords(n.children);
      case 'link': return n.text === n.href ? '' : n.text;
    }
  }).join('');
}

function blockWords(b: Block): string {
  if (b.type === 'paragraph') return b.lines.map(inlineWords).join(' ');
  return b.items.map((lines) => lines.map(inlineWords).join(' ')).join('; ');
}

function blockText(b: Block): string {
  if (b.type === 'paragraph') return b.lines.map(inlineText).join('\n');
  return b.items.map((lines) => `- ${lines.map(inlineText).join('\n  ')}`).join('\n');
}
