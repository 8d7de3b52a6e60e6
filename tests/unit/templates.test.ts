import mjml2html from 'mjml';
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { fill, MissingPlaceholderError, placeholdersOf, escapeHtml } from '#core/email/fill.ts';
import { buildTemplates, type CompiledTemplates } from '#templates/build.ts';

let built: CompiledTemplates;

beforeAll(async () => {
  built = await buildTemplates();
});

describe('MJML templates', () => {
  it('every template passes strict validation and compiles to one HTML document', () => {
    expect(Object.keys(built.templates).sort()).toEqual(['alert-cancelled', 'alert-confirmed', 'alert-moved', 'confirmation', 'digest', 'reminder', 'update']);
    for (const [name, html] of Object.entries(built.templates)) {
      expect(html, name).toMatch(/^<!doctype html><html lang="{{lang}}"/i);
      expect(html, name).not.toContain('mj-include');
      expect(html, name).toContain('{{subject}}');
      // The preheader is the first visible line, not hidden text (SpamAssassin scores that HTML_FONT_LOW_CONTRAST).
      expect(html, name).not.toMatch(/display:\s*none/);
      expect(html, name).toMatch(/color:#4b5563">\{\{preheader\}\}</);
    }
  });

  it('strict validation really is on: an invalid attribute fails the compile', async () => {
    const broken = '<mjml><mj-body><mj-section><mj-column><mj-text colour="red">x</mj-text></mj-column></mj-section></mj-body></mjml>';
    await expect(mjml2html(broken, { validationLevel: 'strict' })).rejects.toThrow(/colour/);
  });

  it('every source template validates strictly on its own with mjml2html', async () => {
    for (const name of Object.keys(built.templates)) {
      const file = new URL(`../../templates/${name}.mjml`, import.meta.url).pathname;
      const result = await mjml2html(await readFile(file, 'utf8'), {
        filePath: file, includePath: new URL('../../templates', import.meta.url).pathname, ignoreIncludes: false, validationLevel: 'strict',
      });
      expect(result.errors, name).toEqual([]);
    }
  });

  it('cuts the repeated pieces out as fragments', () => {
    expect(Object.keys(built.fragments).sort()).toEqual(['bullet', 'digest-item', 'label', 'note', 'source', 'story-heading', 'when-compact', 'when-line', 'when-line-before']);
    expect(placeholdersOf(built.fragments['digest-item']!)).toEqual(['distance', 'title', 'badge', 'details', 'summary']);
    for (const html of Object.values(built.fragments)) {
      expect(html.startsWith('<tr>')).toBe(true);
      expect(html).not.toContain('fragment:');
    }
  });

  it('bulk templates carry preferences and unsubscribe links; the confirmation does not', () => {
    for (const name of ['reminder', 'digest', 'alert-moved', 'alert-confirmed', 'alert-cancelled', 'update']) {
      expect(built.templates[name], name).toContain('href="{{unsubscribeUrl}}"');
      expect(built.templates[name], name).toContain('href="{{preferencesUrl}}"');
    }
    expect(built.templates.confirmation).not.toContain('unsubscribeUrl');
    expect(built.templates.confirmation).toContain('href="{{confirmUrl}}"');
  });

  it('fills every placeholder of every template and fragment, leaving no "{{" behind', () => {
    for (const [name, html] of Object.entries({ ...built.templates, ...built.fragments })) {
      const names = placeholdersOf(html);
      expect(names.length, name).toBeGreaterThan(0);
      const out = fill(html, Object.fromEntries(names.map((n) => [n, `value-of-${n}`])));
      expect(out, name).not.toContain('{{');
      for (const n of names) expect(out, name).toContain(`value-of-${n}`);
    }
  });

  it('the generated templates.json matches a fresh build of the sources', async () => {
    const file = new URL('../../templates/compiled/templates.json', import.meta.url);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(built);
  });
});

describe('fill', () => {
  it('escapes double-brace values and inserts triple-brace values raw', () => {
    const out = fill('<p title="{{t}}">{{t}}</p>{{{raw}}}', { t: `<b>"Tom" & 'Jerry'</b>`, raw: '<i>ok</i>' });
    expect(out).toBe('<p title="&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;">&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;</p><i>ok</i>');
  });

  it('throws on a missing value instead of rendering it empty, but accepts an explicit empty string', () => {
    expect(() => fill('Hi {{name}}', {})).toThrow(MissingPlaceholderError);
    expect(() => fill('Hi {{{html}}}', { other: 'x' })).toThrow(/html/);
    expect(() => fill('Hi {{toString}}', {})).toThrow(/toString/);
    expect(fill('Hi {{name}}!', { name: '' })).toBe('Hi !');
  });

  it('does not re-read placeholders inside values', () => {
    expect(fill('{{a}}|{{{b}}}', { a: '{{b}}', b: '{{a}}' })).toBe('{{b}}|{{a}}');
  });

  it('escapeHtml leaves clean text untouched', () => {
    expect(escapeHtml('Abe–Putin summit')).toBe('Abe–Putin summit');
  });
});
