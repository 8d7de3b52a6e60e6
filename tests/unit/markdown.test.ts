import { describe, expect, it } from 'vitest';
import { renderMarkdown, safeHref } from '#core/email/markdown.ts';
import { renderUpdate, UpdateTooLargeError } from '#core/email/render-update.ts';

const html = (s: string) => renderMarkdown(s).html;
const text = (s: string) => renderMarkdown(s).text;
/** Every tag the renderer may write; anything else in its HTML came from the input. */
const ALLOWED_TAG = /^<\/?(p|br|strong|em|a|ul|li)\b/;
const tagsOf = (h: string) => [...h.matchAll(/<\/?[a-z][^>]*>/gi)].map((m) => m[0]);

describe('the update body: a small Markdown, rendered safely', () => {
  it('renders paragraphs, line breaks, bold, italic, links and bullet lists', () => {
    const out = renderMarkdown('First **bold** and *italic*.\nSame paragraph.\n\nSee [the ministry](https://www.mid.ru/en/).\n\n- one\n- two *too*');
    expect(out.html).toBe(
      '<p style="margin:0 0 12px;">First <strong>bold</strong> and <em>italic</em>.<br />Same paragraph.</p>'
      + '<p style="margin:0 0 12px;">See <a href="https://www.mid.ru/en/" style="color:#1d4ed8;">the ministry</a>.</p>'
      + '<ul style="margin:0 0 12px;padding-left:22px;"><li>one</li><li>two <em>too</em></li></ul>',
    );
    expect(out.text).toBe('First bold and italic.\nSame paragraph.\n\nSee the ministry (https://www.mid.ru/en/).\n\n- one\n- two too');
  });

  it('a paragraph directly above a list ends where the list begins; an indented line continues an item', () => {
    expect(html('Agenda:\n- talks\n  in Tokyo\n- dinner')).toBe(
      '<p style="margin:0 0 12px;">Agenda:</p><ul style="margin:0 0 12px;padding-left:22px;"><li>talks<br />in Tokyo</li><li>dinner</li></ul>',
    );
  });

  it('plain text stays plain: escaped, with its breaks', () => {
    expect(html('Tom & Jerry say "hi" <3')).toBe('<p style="margin:0 0 12px;">Tom &amp; Jerry say &quot;hi&quot; &lt;3</p>');
    expect(text('Tom & Jerry say "hi" <3')).toBe('Tom & Jerry say "hi" <3');
  });

  it('everything else is literal: headings, code, images, HTML', () => {
    expect(html('# Title\n`code` ![img](https://x.example/a.png) _under_')).toBe(
      '<p style="margin:0 0 12px;"># Title<br />`code` !<a href="https://x.example/a.png" style="color:#1d4ed8;">img</a> _under_</p>',
    );
  });
});

describe('hostile input', () => {
  it('a <script> is text, never a tag', () => {
    const out = html('<script>alert(1)</script>\n\n**<img src=x onerror=alert(1)>**');
    expect(out).not.toMatch(/<script|<img/i);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('<strong>&lt;img src=x onerror=alert(1)&gt;</strong>');
    for (const tag of tagsOf(out)) expect(tag).toMatch(ALLOWED_TAG);
  });

  it('javascript:, data: and other non-http links stay literal text', () => {
    for (const link of ['[x](javascript:alert(1))', '[x](JavaScript:alert(1))', '[x](data:text/html,<b>)', '[x](vbscript:x)', '[x](//evil.example)', '[x](https://a.example/" onclick="x)']) {
      const out = html(link);
      expect(out, link).not.toContain('<a ');
      expect(out, link).not.toMatch(/href/);
    }
    expect(html('[x](javascript:alert(1))')).toBe('<p style="margin:0 0 12px;">[x](javascript:alert(1))</p>');
    expect(safeHref(' https://a.example')).toBeUndefined();
    expect(safeHref('https://a.example/?q=<b>')).toBeUndefined();
  });

  it('a link target with quotes or entities cannot leave its attribute', () => {
    const out = html("[x](https://a.example/?a=1&b='2')");
    expect(out).toBe('<p style="margin:0 0 12px;">[x](https://a.example/?a=1&amp;b=&#39;2&#39;)</p>');
    expect(html('[x](https://a.example/?a=1&b=2)')).toContain('href="https://a.example/?a=1&amp;b=2"');
  });

  it('nested and unbalanced markers come out balanced, or literal', () => {
    const cases = ['***a***', '**a *b* c**', '*a **b** c*', '**[l](https://a.example)**', '[**x**](https://a.example)', '**open', '*open', '[open', '[a](', '** **', '*a*b*c*', '[a](https://a.example))'];
    for (const c of cases) {
      const out = html(c);
      for (const tag of ['strong', 'em', 'a', 'p']) {
        expect(out.split(`<${tag}`).length, `${c}: <${tag}>`).toBe(out.split(`</${tag}>`).length);
      }
      for (const tag of tagsOf(out)) expect(tag, c).toMatch(ALLOWED_TAG);
    }
    expect(html('**a *b* c**')).toBe('<p style="margin:0 0 12px;"><strong>a <em>b</em> c</strong></p>');
    expect(html('**open')).toBe('<p style="margin:0 0 12px;">**open</p>');
  });

  it('control characters (a template slot marker, NUL, ESC) become spaces', () => {
    expect(html('a\u0001preferences\u0001b\u0000c\u001bd')).toBe('<p style="margin:0 0 12px;">a preferences b c d</p>');
  });

  it('very long and pathological input renders to allowed tags only (its time: npm run bench:markdown)', () => {
    for (const unit of ['[', '**', '*a', '[a](', '](', 'x*', '<', '- ', '\n']) {
      // Five times the longest body the API takes; the bench shows the time is linear in the length.
      const out = renderMarkdown(unit.repeat(Math.ceil(50_000 / unit.length)));
      // Blank lines only are no paragraph; anything visible is kept (as text where it is no markup).
      expect(out.html === '', JSON.stringify(unit)).toBe(unit.trim() === '');
      for (const tag of tagsOf(out.html)) expect(tag).toMatch(ALLOWED_TAG);
    }
  });

  it('an update too large for mail clients is refused with a clear error, not clipped', () => {
    const input = {
      story: { id: 's', title: 'S', publisher: 'P' }, subject: 'Long', readerTimeZone: 'UTC',
      links: { preferencesUrl: 'https://p.example', unsubscribeUrl: 'https://u.example' }, storyPageUrl: 'https://p.example/stories/s', now: new Date('2016-12-01T00:00:00Z'),
    };
    expect(() => renderUpdate({ ...input, body: 'a\n\n'.repeat(3_400) })).toThrow(UpdateTooLargeError);
    expect(renderUpdate({ ...input, body: 'word '.repeat(2_000) }).html.length).toBeLessThan(100 * 1024);
  });
});
