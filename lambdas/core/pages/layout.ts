import { createHash } from 'node:crypto';
import { escapeHtml } from '../email/fill.ts';
import { pageWordsFor } from '../i18n/page-words.ts';
import { LANGUAGES, type Language } from '../model/language.ts';
import { languageName } from '../i18n/language-names.ts';

export const esc = escapeHtml;

/** The one content security policy for HTML responses; pageCsp adds the hashes of a page's inline scripts (never 'unsafe-inline'). */
export const BASE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export function scriptHash(source: string): string {
  return `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;
}

export function pageCsp(scripts: readonly string[]): string {
  return scripts.length === 0 ? BASE_CSP : `${BASE_CSP}; script-src ${scripts.map(scriptHash).join(' ')}`;
}

export interface Page {
  html: string;
  /** The language it is written in: `lang` on its <html>, and its Content-Language header. */
  language: Language;
  /** Inline scripts in the page, for the Content-Security-Policy header. */
  scripts: string[];
}

const style = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Hiragino Sans","Yu Gothic UI",Meiryo,"Noto Sans CJK JP","Noto Sans JP",sans-serif;color:#111827;background:#f3f4f6}
header,main,footer{max-width:40rem;margin:0 auto;padding:1rem 1.25rem}
header{padding-top:1.5rem}
.brand{font-weight:700;font-size:1.1rem;color:#1d4ed8;text-decoration:none}
.langs{float:right;font-size:.9rem}.langs>*{margin-left:.5rem}
main{background:#fff;border-radius:.5rem;box-shadow:0 1px 2px rgba(0,0,0,.08)}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
fieldset{border:1px solid #d1d5db;border-radius:.375rem;margin:1rem 0;padding:.5rem 1rem .75rem}
legend{font-weight:600;padding:0 .25rem}
fieldset label{font-weight:400;margin:.35rem 0;display:flex;gap:.5rem;align-items:baseline}
input[type=email],select{width:100%;font:inherit;padding:.5rem;border:1px solid #6b7280;border-radius:.375rem}
button{font:inherit;font-weight:600;color:#fff;background:#1d4ed8;border:0;border-radius:.375rem;padding:.6rem 1.2rem;margin-top:1rem;cursor:pointer}
button:focus-visible,input:focus-visible,select:focus-visible,a:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.hint{color:#4b5563;font-size:.9rem;margin:.25rem 0}
.events{padding-left:1.2rem}.events li{margin:.4rem 0}
.notice{border-left:4px solid #1d4ed8;background:#eff6ff;padding:.75rem 1rem;border-radius:.25rem}
.error{border-left-color:#b91c1c;background:#fef2f2}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
footer{color:#4b5563;font-size:.85rem}
`;

/**
 * The one look every reader-facing page shares. `head`: extra markup for the head (such as feed `<link>`s),
 * inserted as given, so the caller escapes it.
 */
export function layout({ title, body, scripts = [], head = '', language = 'en', languageLinks }: {
  title: string; body: string; scripts?: string[]; head?: string; language?: Language;
  /** On public pages: the same page in each language (`?lang=`), so a reader can switch. */
  languageLinks?: (lang: Language) => string;
}): Page {
  const words = pageWordsFor(language).pages;
  const switcher = languageLinks ? `<nav class="langs" aria-label="${esc(words.languageLabel)}">${LANGUAGES.map((l) => (l === language
    ? `<span lang="${l}" aria-current="true">${esc(languageName(l))}</span>`
    : `<a href="${esc(languageLinks(l))}" lang="${l}" hreflang="${l}">${esc(languageName(l))}</a>`)).join('')}</nav>` : '';
  const html = `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · Datewatch</title>
<style>${style}</style>
${head}</head>
<body>
<header>${switcher}<a class="brand" href="/">Datewatch</a></header>
<main id="main">
${body}
</main>
<footer><p>${esc(words.footer)}</p></footer>
${scripts.map((s) => `<script>${s}</script>`).join('\n')}
</body>
</html>`;
  return { html, scripts, language };
}

/** A short page with one message: results and errors. */
export function messagePage({ title, message, error = false, extra = '', language = 'en' }: {
  title: string; message: string; error?: boolean; extra?: string; language?: Language;
}): Page {
  return layout({
    language,
    title,
    body: `<h1>${esc(title)}</h1>\n<p class="notice${error ? ' error' : ''}" role="${error ? 'alert' : 'status'}">${esc(message)}</p>\n${extra}`,
  });
}
