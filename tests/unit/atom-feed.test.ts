import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { DatedEvent, EventChange } from '#core/model/event.ts';
import { storyChangesFeed } from '#core/feeds/atom.ts';
import type { Story } from '#core/model/story.ts';

const story: Story = {
  id: 'abe-putin-2016', title: 'Abe and Putin to meet in Yamaguchi', publisher: 'Kyodo', publishedOn: '2016-11-19',
  url: 'https://kyodo.example/news/abe-putin', summary: 'The leaders will meet in December.', language: 'en',
  background: [], status: 'active', version: 1, createdAt: '2016-11-19T09:00:00.000Z', updatedAt: '2016-11-19T09:00:00.000Z',
};

const kyodo = { publisher: 'Kyodo', quote: 'Abe will host Putin in his home prefecture.', url: 'https://kyodo.example/news/abe-putin' };
const nikkei = { publisher: 'Nikkei', quote: 'The summit moves to 16 December.', url: 'https://nikkei.example/summit' };
const tass = { publisher: 'TASS', quote: 'The visit will not take place.' };

const yamaguchi = { date: '2016-12-15', timeZone: 'Asia/Tokyo', place: 'Nagato, Yamaguchi' };
const moved = { date: '2016-12-16', timeZone: 'Asia/Tokyo', place: 'Nagato, Yamaguchi' };

const summit: DatedEvent = {
  id: 'summit', storyId: story.id, title: 'Abe-Putin summit in Yamaguchi', summary: 'Talks on the Kuril Islands.',
  ...moved, source: nikkei, status: 'scheduled', version: 2,
  createdAt: '2016-11-19T09:00:00.000Z', updatedAt: '2016-11-25T06:30:00.000Z',
  history: [
    { kind: 'created', at: '2016-11-19T09:00:00.000Z', version: 1, source: kyodo, to: yamaguchi },
    { kind: 'moved', at: '2016-11-25T06:30:00.000Z', version: 2, source: nikkei, from: yamaguchi, to: moved },
  ],
};

const visit: DatedEvent = {
  id: 'kishida-visit', storyId: story.id, title: 'Kishida visits Moscow', summary: 'Preparing the summit.',
  date: '2016-12-03', timeZone: 'Europe/Moscow', place: 'Moscow', source: kyodo, status: 'cancelled', version: 2,
  createdAt: '2016-11-20T12:00:00.000Z', updatedAt: '2016-11-28T15:00:00.000Z',
  history: [
    { kind: 'created', at: '2016-11-20T12:00:00.000Z', version: 1, source: kyodo, to: { date: '2016-12-03', timeZone: 'Europe/Moscow', place: 'Moscow' } },
    { kind: 'cancelled', at: '2016-11-28T15:00:00.000Z', version: 2, source: tass, from: { date: '2016-12-03', timeZone: 'Europe/Moscow', place: 'Moscow' } },
  ],
};

const links = { selfUrl: 'https://datewatch.example/stories/abe-putin-2016/changes.atom', pageUrl: 'https://datewatch.example/stories/abe-putin-2016' };
const now = new Date('2016-12-01T00:00:00Z');

function render(events: DatedEvent[], s: Story = story): string {
  return storyChangesFeed({ story: s, events, now, links, authority: 'datewatch.example' });
}

function entryIds(xml: string): string[] {
  return parseFeed(xml).items.map((i) => i.id!);
}

/** The raw document, for what the feed parser does not expose (rel="related" links, the feed id). */
function rawEntries(xml: string) {
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (name) => name === 'entry' || name === 'link' }).parse(xml);
  return doc.feed as { id: string; entry: Array<{ id: string; link: Array<Record<string, string>>; content: Record<string, string> }> };
}

describe('the story changes Atom feed', () => {
  it('is well-formed Atom that a feed parser reads: title, author, language, self and page links, newest change as updated', () => {
    // Act
    const xml = render([summit, visit]);
    const feed = parseFeed(xml);
    // Assess
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(feed.meta.type).toBe('atom');
    expect(feed.title).toBe('Abe and Putin to meet in Yamaguchi: dates and changes');
    expect(feed.language).toBe('en');
    expect(feed.self).toBe(links.selfUrl);
    expect(feed.url).toBe(links.pageUrl);
    expect(feed.authors.map((a) => a.name)).toEqual(['Kyodo']);
    expect(feed.updated?.toISOString()).toBe('2016-11-28T15:00:00.000Z');
    expect(rawEntries(xml).id).toBe('tag:datewatch.example,2016-11-19:story/abe-putin-2016');
  });

  it('has one entry per change of every event, newest first, titled by what happened, dated when it happened', () => {
    const feed = parseFeed(render([summit, visit]));
    expect(feed.items.map((i) => i.title)).toEqual([
      'Cancelled: Kishida visits Moscow',
      'Moved: Abe-Putin summit in Yamaguchi',
      'Announced: Kishida visits Moscow',
      'Announced: Abe-Putin summit in Yamaguchi',
    ]);
    expect(feed.items.map((i) => i.updated?.toISOString())).toEqual([
      '2016-11-28T15:00:00.000Z', '2016-11-25T06:30:00.000Z', '2016-11-20T12:00:00.000Z', '2016-11-19T09:00:00.000Z',
    ]);
    // Each entry points at its event on the story page.
    expect(feed.items[1]!.url).toBe('https://datewatch.example/stories/abe-putin-2016#event-summit');
  });

  it('says from → to for a move, with the source\'s words and publisher, and links the source as related', () => {
    const xml = render([summit, visit]);
    const move = parseFeed(xml).items.find((i) => i.title === 'Moved: Abe-Putin summit in Yamaguchi')!;
    expect(move.content).toContain('From: Date: Thursday 15 December 2016, all day (Japan time), Nagato, Yamaguchi');
    expect(move.content).toContain('To: Date: Friday 16 December 2016, all day (Japan time), Nagato, Yamaguchi');
    expect(move.content).toContain('According to Nikkei');
    expect(move.content).toContain('<blockquote>The summit moves to 16 December.</blockquote>');
    const raw = rawEntries(xml).entry.find((e) => e.id === move.id)!;
    expect(raw.link.filter((l) => l['@_rel'] === 'related').map((l) => l['@_href'])).toEqual(['https://nikkei.example/summit']);
    // A change whose source has no URL has no related link.
    const cancelled = rawEntries(xml).entry[0]!;
    expect(cancelled.id).toContain('/event/kishida-visit/v2/cancelled');
    expect(cancelled.link.filter((l) => l['@_rel'] === 'related')).toEqual([]);
  });

  it('keeps every entry id across renders and when a later change adds an entry', () => {
    // Prepare
    const first = entryIds(render([summit, visit]));
    const again = entryIds(render([summit, visit]));
    const movedAgain: EventChange = {
      kind: 'moved', at: '2016-12-01T08:00:00.000Z', version: 3, source: kyodo, from: moved, to: { ...moved, date: '2016-12-17' },
    };
    const later = { ...summit, date: '2016-12-17', version: 3, updatedAt: movedAgain.at, history: [...summit.history!, movedAgain] };
    // Act
    const after = entryIds(render([later, visit]));
    // Assess
    expect(new Set(first).size).toBe(4);
    expect(again).toEqual(first);
    expect(after).toHaveLength(5);
    expect(after.slice(1)).toEqual(first);
    expect(after[0]).toBe('tag:datewatch.example,2016-11-19:story/abe-putin-2016/event/summit/v3/moved');
    for (const id of after) expect(id).toMatch(/^tag:datewatch\.example,2016-11-19:story\/abe-putin-2016\/event\/[a-z0-9-]+\/v\d+\/[a-z]+$/);
  });

  it('reads an event stored before the log was kept as its announcement', () => {
    const legacy: DatedEvent = { ...summit, history: undefined, version: 1 };
    const feed = parseFeed(render([legacy]));
    expect(feed.items.map((i) => [i.title, i.updated?.toISOString()])).toEqual([['Announced: Abe-Putin summit in Yamaguchi', '2016-11-19T09:00:00.000Z']]);
  });

  it('carries at most the 100 newest changes', () => {
    // Prepare: 150 moves, one a day.
    const history: EventChange[] = Array.from({ length: 150 }, (_, i) => ({
      kind: i === 0 ? 'created' : 'moved', at: new Date(Date.UTC(2016, 0, 1 + i)).toISOString(), version: i + 1, source: kyodo, to: yamaguchi,
    }));
    // Act
    const feed = parseFeed(render([{ ...summit, version: 150, history }]));
    // Assess
    expect(feed.items).toHaveLength(100);
    expect(feed.items[0]!.id).toMatch(/\/v150\/moved$/);
    expect(feed.items[99]!.id).toMatch(/\/v51\/moved$/);
  });

  it('uses the story\'s updatedAt when the story changed after its last event change, and leaves other stories\' events out', () => {
    const archived: Story = { ...story, status: 'archived', updatedAt: '2016-12-20T00:00:00.000Z' };
    const stray = { ...visit, id: 'other', storyId: 'another-story' };
    const feed = parseFeed(render([summit, stray], archived));
    expect(feed.updated?.toISOString()).toBe('2016-12-20T00:00:00.000Z');
    expect(feed.items.every((i) => !i.id!.includes('/event/other/'))).toBe(true);
    expect(feed.description).toContain('This story is archived');
  });

  it('escapes hostile text and drops characters XML 1.0 cannot carry, so the document stays well-formed', () => {
    // Prepare: markup, ampersands, quotes, C0 controls, a lone surrogate, U+FFFF.
    const hostile = '<script>alert("x")</script> & \'Tom\' \u0001\u000b\u001f\ud800\uffffend';
    const evil: Story = { ...story, title: hostile, publisher: `Pub & "Co" <b>\u0008` };
    const event: DatedEvent = {
      ...summit, title: hostile,
      history: [{ kind: 'moved', at: '2016-11-25T06:30:00.000Z', version: 2, source: { publisher: '<i>Nikkei</i>', quote: `]]> ${hostile}`, url: 'https://nikkei.example/a?b=1&c="2"' }, from: yamaguchi, to: { ...moved, place: '<Nagato> & "Yamaguchi"' } }],
    };
    // Act
    const xml = render([event], evil);
    // Assess: well-formed, nothing raw, and the text survives as text once decoded.
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800\uffff]/);
    expect(xml).not.toContain('<script');
    expect(xml).not.toContain('<i>');
    const feed = parseFeed(xml);
    expect(feed.title).toBe('<script>alert("x")</script> & \'Tom\' end: dates and changes');
    expect(feed.authors[0]!.name).toBe('Pub & "Co" <b>');
    expect(feed.items[0]!.title).toBe('Moved: <script>alert("x")</script> & \'Tom\' end');
    // The html content, once XML-decoded (the feed parser decodes HTML entities too, so read it raw), is still
    // escaped as HTML: a reader that renders it shows the text and runs nothing.
    const raw = rawEntries(xml).entry[0]!;
    const html = raw.content['#text'];
    expect(raw.content['@_type']).toBe('html');
    expect(html).toContain('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Tom&#39; end was moved.</p>');
    expect(html).toContain('According to &lt;i&gt;Nikkei&lt;/i&gt; (<a href="https://nikkei.example/a?b=1&amp;c=&quot;2&quot;">source</a>)');
    expect(html).toContain('&lt;Nagato&gt; &amp; &quot;Yamaguchi&quot;');
    expect(html).not.toMatch(/<script|<i>/);
    expect(raw.link.find((l) => l['@_rel'] === 'related')!['@_href']).toBe('https://nikkei.example/a?b=1&c="2"');
  });

  it('takes xml:lang from the story\'s language and refuses an authority that is not a domain name', () => {
    expect(parseFeed(render([summit], { ...story, language: 'pt-BR' })).language).toBe('pt-BR');
    expect(() => storyChangesFeed({ story, events: [summit], now, links, authority: 'not a domain' })).toThrow(/authority/);
    expect(() => storyChangesFeed({ story, events: [summit], now, links, authority: 'https://datewatch.example/' })).toThrow(/authority/);
    // The hostname of a local base URL serves too.
    expect(rawEntries(storyChangesFeed({ story, events: [summit], now, links, authority: 'localhost' })).id).toBe('tag:localhost,2016-11-19:story/abe-putin-2016');
    const dated = storyChangesFeed({ story, events: [summit], now, links, authority: 'datewatch.example,2016' });
    expect(rawEntries(dated).id).toBe('tag:datewatch.example,2016:story/abe-putin-2016');
  });

  it('titles a provisional event\'s confirmation and says which days it replaces', () => {
    const range = { from: '2016-12-10', to: '2016-12-20', label: 'mid-December' };
    const treaty: DatedEvent = {
      ...visit, id: 'treaty', status: 'scheduled', version: 2, date: '2016-12-16',
      history: [{ kind: 'confirmed', at: '2016-11-30T12:00:00.000Z', version: 2, source: tass, from: { range, timeZone: 'Europe/Moscow', place: 'Moscow' }, to: { date: '2016-12-16', timeZone: 'Europe/Moscow', place: 'Moscow' } }],
    };
    const [item] = parseFeed(render([treaty])).items;
    expect(item!.title).toBe('Date confirmed: Kishida visits Moscow');
    expect(item!.id).toMatch(/\/event\/treaty\/v2\/confirmed$/);
    expect(item!.content).toContain('From: When: date to be confirmed (mid-December), Moscow');
    expect(item!.content).toContain('To: Date: Friday 16 December 2016, all day (Moscow time), Moscow');
  });
});
