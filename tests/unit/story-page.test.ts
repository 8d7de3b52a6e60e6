import { describe, expect, it } from 'vitest';
import type { DatedEvent } from '#core/model/event.ts';
import { storyPage, type StoryPageInput } from '#core/pages/story-page.ts';
import type { Story } from '#core/model/story.ts';

const story: Story = {
  id: 'abe-putin-2016', title: 'Abe and Putin to meet in Yamaguchi', publisher: 'Kyodo', publishedOn: '2016-11-19',
  url: 'https://kyodo.example/news/abe-putin', summary: 'The leaders will meet in December.\n\nA peace treaty is on the table.',
  language: 'en', background: ['The islands have been disputed since 1945.'], status: 'active', version: 1,
  createdAt: '2016-11-19T09:00:00.000Z', updatedAt: '2016-11-19T09:00:00.000Z',
};

const kyodo = { publisher: 'Kyodo', quote: 'Abe will host Putin in his home prefecture.', url: 'https://kyodo.example/news/abe-putin' };
const nikkei = { publisher: 'Nikkei', quote: 'The summit moves to the evening.', url: 'https://nikkei.example/summit' };
const tass = { publisher: 'TASS', quote: 'The visit will not take place.' };

/** Timed, in Tokyo; moved from the afternoon to 17:00 on the word of Nikkei. */
const summit: DatedEvent = {
  id: 'summit', storyId: story.id, title: 'Abe-Putin summit in Yamaguchi', summary: 'Talks on the Kuril Islands.',
  startTime: '2016-12-15T17:00', timeZone: 'Asia/Tokyo', place: 'Nagato, Yamaguchi', source: nikkei, status: 'scheduled', version: 2,
  createdAt: '2016-11-19T09:00:00.000Z', updatedAt: '2016-11-25T06:30:00.000Z',
  history: [
    { kind: 'created', at: '2016-11-19T09:00:00.000Z', version: 1, source: kyodo, to: { startTime: '2016-12-15T14:00', timeZone: 'Asia/Tokyo', place: 'Nagato, Yamaguchi' } },
    { kind: 'moved', at: '2016-11-25T06:30:00.000Z', version: 2, source: nikkei,
      from: { startTime: '2016-12-15T14:00', timeZone: 'Asia/Tokyo', place: 'Nagato, Yamaguchi' },
      to: { startTime: '2016-12-15T17:00', timeZone: 'Asia/Tokyo', place: 'Nagato, Yamaguchi' } },
  ],
};

/** All day on 3 December in Moscow: that day begins at 16:00 on the 2nd in New York, 06:00 on the 3rd in Tokyo. */
const visit: DatedEvent = {
  id: 'kishida-visit', storyId: story.id, title: 'Kishida visits Moscow', summary: 'Preparing the summit.',
  date: '2016-12-03', timeZone: 'Europe/Moscow', place: 'Moscow', source: kyodo, status: 'scheduled', version: 1,
  createdAt: '2016-11-20T12:00:00.000Z', updatedAt: '2016-11-20T12:00:00.000Z',
  history: [{ kind: 'created', at: '2016-11-20T12:00:00.000Z', version: 1, source: kyodo, to: { date: '2016-12-03', timeZone: 'Europe/Moscow', place: 'Moscow' } }],
};

const cancelledTalks: DatedEvent = {
  id: 'lavrov-talks', storyId: story.id, title: 'Lavrov–Kishida talks', summary: 'Foreign ministers meet.',
  date: '2016-12-05', timeZone: 'Europe/Moscow', place: 'Moscow', source: kyodo, status: 'cancelled', version: 2,
  createdAt: '2016-11-20T12:00:00.000Z', updatedAt: '2016-11-28T15:00:00.000Z',
  history: [
    { kind: 'created', at: '2016-11-20T12:00:00.000Z', version: 1, source: kyodo, to: { date: '2016-12-05', timeZone: 'Europe/Moscow', place: 'Moscow' } },
    { kind: 'cancelled', at: '2016-11-28T15:00:00.000Z', version: 2, source: tass, from: { date: '2016-12-05', timeZone: 'Europe/Moscow', place: 'Moscow' } },
  ],
};

const links = { subscribeUrl: '/?story=abe-putin-2016#subscribe', atomUrl: '/stories/abe-putin-2016/changes.atom', icsUrl: '/stories/abe-putin-2016/events.ics' };
const zones = ['UTC', 'America/New_York', 'Asia/Tokyo', 'Europe/Moscow'];
const now = new Date('2016-12-01T00:00:00Z');

function render(over: Partial<StoryPageInput> = {}): string {
  return storyPage({ story, events: [summit, visit, cancelledTalks], zones, now, links, ...over }).html;
}

/** The markup of one event's list item. */
function eventItem(html: string, id: string): string {
  const start = html.indexOf(`<li id="event-${id}"`);
  expect(start).toBeGreaterThan(-1);
  const next = html.indexOf('<li id="event-', start + 1);
  return html.slice(start, next === -1 ? html.indexOf('<h2 id="follow">') : next);
}

describe('the story page', () => {
  it('shows the story: title, publisher, published date, summary, the original, background', () => {
    const html = render();
    expect(html).toContain('<title>Abe and Putin to meet in Yamaguchi · Datewatch</title>');
    expect(html).toContain('<h1>Abe and Putin to meet in Yamaguchi</h1>');
    expect(html).toContain('Kyodo, published <time datetime="2016-11-19">Saturday 19 November 2016</time>');
    expect(html).toContain('<p>The leaders will meet in December.</p>\n<p>A peace treaty is on the table.</p>');
    expect(html).toContain('<a href="https://kyodo.example/news/abe-putin" rel="noopener">Read the original story at Kyodo</a>');
    expect(html).toMatch(/<h2 id="background">Background<\/h2>\s*<ul><li>The islands have been disputed since 1945.<\/li><\/ul>/);
    // An English story on an English page: the page's lang covers it, no field needs its own.
    expect(html).toContain('<html lang="en">');
    expect(html.slice(html.indexOf('<article>'))).not.toMatch(/<(span|div) lang=/);
  });

  it('announces both feeds in the head, links them and the subscribe page visibly, and carries no script', () => {
    const page = storyPage({ story, events: [summit], zones, now, links });
    const head = page.html.slice(0, page.html.indexOf('</head>'));
    expect(head).toMatch(/<link rel="alternate" type="application\/atom\+xml" title="[^"]+" href="\/stories\/abe-putin-2016\/changes\.atom">/);
    expect(head).toMatch(/<link rel="alternate" type="text\/calendar" title="[^"]+" href="\/stories\/abe-putin-2016\/events\.ics">/);
    const body = page.html.slice(page.html.indexOf('<body>'));
    expect(body).toContain('<a href="/?story=abe-putin-2016#subscribe">Follow this story</a>');
    expect(body).toContain('<a href="/stories/abe-putin-2016/changes.atom" type="application/atom+xml">Atom feed of changes</a>');
    expect(body).toContain(
      '<a href="/stories/abe-putin-2016/events.ics" type="text/calendar">Calendar file (iCalendar)</a>');
    // A phone opens an Atom link as raw text: the link says what it is for, and the calendar comes first.
    expect(body).toMatch(
      /Atom feed of changes<\/a>, for a feed reader app .*paste the link there.*Opened in a browser it is raw text/);
    expect(body.indexOf('events.ics')).toBeLessThan(body.indexOf('changes.atom'));
    expect(page.html).not.toContain('<script');
    expect(page.scripts).toEqual([]);
  });

  it('offers the zones in a labelled select of a GET form, the chosen one selected', () => {
    const html = render({ readerTimeZone: 'Asia/Tokyo' });
    const form = html.slice(html.indexOf('<form'), html.indexOf('</form>'));
    expect(form).toMatch(/^<form method="get"/);
    expect(form).not.toContain('method="post"');
    expect(form).toContain('<label for="timeZone">Show times in</label>');
    expect(form).toContain('<select id="timeZone" name="timeZone"');
    expect(form.match(/<option /g)).toHaveLength(zones.length + 1);
    expect(form).toContain('<option value="Asia/Tokyo" selected>Asia/Tokyo</option>');
    expect(form).toContain('<option value="">Each event’s own time zone</option>');
    expect(form).toContain('<button type="submit">Show times</button>');
    // Nothing chosen: the "own zone" choice is the selected one.
    expect(render()).toContain('<option value="" selected>Each event’s own time zone</option>');
  });

  it('shows an all-day day in Moscow as beginning the day before in New York, and early on the same day in Tokyo', () => {
    // Act
    const newYork = eventItem(render({ readerTimeZone: 'America/New_York' }), 'kishida-visit');
    const tokyo = eventItem(render({ readerTimeZone: 'Asia/Tokyo' }), 'kishida-visit');
    const own = eventItem(render(), 'kishida-visit');
    // Assess
    expect(newYork).toContain('Date: <time datetime="2016-12-03">Saturday 3 December 2016, all day (Moscow time)</time>');
    expect(newYork).toContain('Your time: <time datetime="2016-12-02T16:00:00-05:00">Friday 2 December 2016, 16:00 to Saturday 3 December 2016, 16:00 New York time (EST)</time>');
    expect(tokyo).toContain('Your time: <time datetime="2016-12-03T06:00:00+09:00">Saturday 3 December 2016, 06:00 to Sunday 4 December 2016, 06:00 Japan time</time>');
    expect(own).toContain('Date: <time datetime="2016-12-03">Saturday 3 December 2016, all day (Moscow time)</time>');
    expect(own).not.toContain('Your time');
  });

  it('shows a timed event on the reader\'s clock and at the event, or in its own zone when none is chosen', () => {
    const newYork = eventItem(render({ readerTimeZone: 'America/New_York' }), 'summit');
    expect(newYork).toContain('Your time: <time datetime="2016-12-15T03:00:00-05:00">Thursday 15 December 2016, 03:00 New York time (EST)</time>');
    expect(newYork).toContain('Local time at the event: <time datetime="2016-12-15T17:00:00+09:00">Thursday 15 December 2016, 17:00 Japan time</time>');
    const own = eventItem(render(), 'summit');
    expect(own).toContain('When: <time datetime="2016-12-15T17:00:00+09:00">Thursday 15 December 2016, 17:00 Japan time</time>');
    // An alias is read as the zone it names; a zone nobody knows is said so, and each event keeps its own.
    expect(render({ readerTimeZone: 'US/Eastern' })).toContain('<option value="America/New_York" selected>');
    const unknown = render({ readerTimeZone: 'Mars/Olympus_Mons' });
    expect(unknown).toContain('“Mars/Olympus_Mons” is not a time zone we know');
    expect(eventItem(unknown, 'summit')).toContain('When: <time datetime="2016-12-15T17:00:00+09:00">');
  });

  it('lists each event\'s history: moved from → to in the chosen zone, with the source quoted and linked, and when', () => {
    // Act
    const item = eventItem(render({ readerTimeZone: 'America/New_York' }), 'summit');
    const history = item.slice(item.indexOf('<h4>History</h4>'));
    const [created, moved] = history.split('</li>') as [string, string];
    // Assess: oldest first.
    expect(created).toContain('<strong>Announced</strong>');
    expect(created).toContain('Thursday 15 December 2016, 00:00 New York time (EST)');
    expect(created).toContain('<cite>Kyodo</cite> (<a href="https://kyodo.example/news/abe-putin" rel="nofollow noopener">source</a>)');
    expect(moved).toContain('<strong>Moved</strong>');
    expect(moved).toMatch(/From: Your time: <time datetime="2016-12-15T00:00:00-05:00">Thursday 15 December 2016, 00:00 New York time \(EST\)<\/time><br>Local time at the event: <time[^>]*>Thursday 15 December 2016, 14:00 Japan time<\/time><br>Ends: not announced \(calendar entries show 2 hours\)<br>Place: Nagato, Yamaguchi/);
    expect(moved).toMatch(/To: Your time: <time datetime="2016-12-15T03:00:00-05:00">Thursday 15 December 2016, 03:00 New York time \(EST\)<\/time>/);
    expect(moved).toContain('<cite>Nikkei</cite> (<a href="https://nikkei.example/summit" rel="nofollow noopener">source</a>)');
    expect(moved).toContain('<blockquote cite="https://nikkei.example/summit"><p>The summit moves to the evening.</p></blockquote>');
    expect(moved).toContain('Recorded <time datetime="2016-11-25T06:30:00.000Z">Friday 25 November 2016, 01:30 New York time (EST)</time>');
    // Without a chosen zone, the change's time is in the event's zone.
    expect(eventItem(render(), 'summit')).toContain('Recorded <time datetime="2016-11-25T06:30:00.000Z">Friday 25 November 2016, 15:30 Japan time</time>');
  });

  it('offers calendar links for each dated event to come, in the zone shown (the mail links here)', () => {
    const moscow = render({ readerTimeZone: 'Europe/Moscow' });
    const item = eventItem(moscow, 'kishida-visit');
    const pattern = /<p class="calendar">[^<]*<a href="([^"]+)"[^>]*>Google Calendar<\/a> · <a href="([^"]+)"/g;
    const hrefs = [...item.matchAll(pattern)];
    expect(hrefs).toHaveLength(1);
    const url = (h: string) => new URL(h.replace(/&amp;/g, '&'));
    const [google, outlook] = [url(hrefs[0]![1]!), url(hrefs[0]![2]!)];
    // All day in Moscow, seen from Moscow: a whole day, as the mail's buttons give it.
    expect(google.origin + google.pathname).toBe('https://calendar.google.com/calendar/render');
    expect([google.searchParams.get('text'), google.searchParams.get('dates')])
      .toEqual(['Kishida visits Moscow', '20161203/20161204']);
    expect([outlook.searchParams.get('startdt'), outlook.searchParams.get('allday')]).toEqual(['2016-12-03', 'true']);
    // Seen from Tokyo the Moscow day is a span on the reader's clock, as in a Tokyo reader's mail.
    const fromTokyo = eventItem(render({ readerTimeZone: 'Asia/Tokyo' }), 'kishida-visit');
    const tokyo = new URL(/<a href="([^"]+)"[^>]*>Google Calendar/.exec(fromTokyo)![1]!.replace(/&amp;/g, '&'));
    expect([tokyo.searchParams.get('dates'), tokyo.searchParams.get('ctz')])
      .toEqual(['20161202T210000Z/20161203T210000Z', 'Asia/Tokyo']);
    // None for a cancelled event, nor for one that is over.
    expect(eventItem(moscow, 'lavrov-talks')).not.toContain('class="calendar"');
    expect(eventItem(render({ now: new Date('2016-12-20T00:00:00Z') }), 'summit')).not.toContain('class="calendar"');
    // In Russian, Google's product by its Russian name.
    const ru = eventItem(render({ language: 'ru' }), 'summit');
    expect(ru).toContain('Добавить в календарь: <a href="https://calendar.google.com/');
    expect(ru).toContain('>Google Календарь</a> · <a href="https://outlook.live.com/');
  });

  it('offers no calendar link for an event of a story called off, even one the store still holds as scheduled', () => {
    // Cancelling a story cancels its events one by one after the story itself: a failure between leaves some
    // scheduled. The page says the story is called off; it must not then offer to put its events in a calendar.
    const calledOff = render({ story: { ...story, status: 'cancelled' } });
    expect(calledOff).toContain('role="status"');
    expect(eventItem(calledOff, 'kishida-visit')).not.toContain('class="calendar"');
    expect(eventItem(calledOff, 'summit')).not.toContain('class="calendar"');
    // An archived story's page stays as it was: its events to come are still to come.
    expect(eventItem(render({ story: { ...story, status: 'archived' } }), 'kishida-visit')).toContain('class="calendar"');
  });

  it('marks a cancelled event clearly, with the cancellation\'s source, and a past event as past', () => {
    const talks = eventItem(render(), 'lavrov-talks');
    expect(talks).toContain('<li id="event-lavrov-talks" class="cancelled">');
    expect(talks).toContain('<h3><s>Lavrov–Kishida talks</s> <span class="hint">(<strong>Cancelled</strong>)</span></h3>');
    expect(talks).toContain('<p><s>Date: <time datetime="2016-12-05">');
    expect(talks).toMatch(/<strong>Cancelled<\/strong><br>It was: Date: <time datetime="2016-12-05">Monday 5 December 2016, all day \(Moscow time\)<\/time>/);
    expect(talks).toContain('<cite>TASS</cite>:</p>\n<blockquote><p>The visit will not take place.</p></blockquote>');
    // No URL, no link.
    expect(talks.split('<cite>TASS</cite>')[1]!.split('</li>')[0]).not.toContain('<a ');
    // After 3 December in Moscow, the visit is over.
    const later = render({ now: new Date('2016-12-04T00:00:00Z') });
    expect(eventItem(later, 'kishida-visit')).toContain('(Past)');
    expect(eventItem(later, 'summit')).toContain('(Scheduled)');
  });

  it('says when the story is archived or called off, and offers no following then', () => {
    const archived = render({ story: { ...story, status: 'archived' } });
    expect(archived).toContain('This story is archived: no more reminders are sent');
    expect(archived).not.toContain('Follow this story');
    expect(archived).toContain('Atom feed of changes');
    const calledOff = render({ story: { ...story, status: 'cancelled' } });
    expect(calledOff).toContain('This story was called off');
    expect(render()).not.toMatch(/archived|called off/);
  });

  it('keeps headings in order and events in time order, each in a list', () => {
    const html = render();
    const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
    expect(levels[0]).toBe(1);
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);
    expect([...html.matchAll(/<li id="event-([a-z-]+)"/g)].map((m) => m[1])).toEqual(['kishida-visit', 'lavrov-talks', 'summit']);
    expect(html).toMatch(/<ol class="events"><li id="event-/);
  });

  it('escapes every editor-supplied value and writes only http(s) URLs as links', () => {
    // Prepare
    const x = '<script>alert("x")</script> & \'q\' <img src=x onerror=alert(1)>';
    const hostileStory: Story = { ...story, title: x, publisher: x, summary: x, background: [x], url: 'javascript:alert(1)' };
    const hostileEvent: DatedEvent = {
      ...summit, id: 'summit', title: x, summary: x, place: x,
      history: [{ kind: 'moved', at: '2016-11-25T06:30:00.000Z', version: 2,
        source: { publisher: x, quote: x, url: 'https://evil.example/"><script>alert(1)</script>' },
        from: { ...summit.history![0]!.to!, place: x }, to: { startTime: '2016-12-15T17:00', timeZone: 'Asia/Tokyo', place: x } }],
    };
    // Act
    const html = storyPage({
      story: hostileStory, events: [hostileEvent], zones: [...zones, '"><script>'], readerTimeZone: '<script>alert(1)</script>', now, links,
    }).html;
    // Assess
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; &lt;img src=x onerror=alert(1)&gt;</h1>');
    expect(html).toContain('href="https://evil.example/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" rel="nofollow noopener"');
    expect(html).toContain('“&lt;script&gt;alert(1)&lt;/script&gt;” is not a time zone we know');
  });

  it('leaves out events of other stories', () => {
    const stray = { ...visit, id: 'elsewhere', storyId: 'another-story' };
    expect(render({ events: [summit, stray] })).not.toContain('event-elsewhere');
  });

  it('shows a provisional event\'s days as to be confirmed, and its confirmation in the history', () => {
    // Prepare: announced for "mid-December", then given its day.
    const range = { from: '2016-12-10', to: '2016-12-20', label: 'mid-December' };
    const { date: _day, ...undated } = visit;
    const provisional: DatedEvent = { ...undated, id: 'treaty', range, history: undefined };
    const confirmed: DatedEvent = {
      ...visit, id: 'treaty', version: 2, date: '2016-12-16',
      history: [
        { kind: 'created', at: '2016-11-20T12:00:00.000Z', version: 1, source: kyodo, to: { range, timeZone: 'Europe/Moscow', place: 'Moscow' } },
        { kind: 'confirmed', at: '2016-11-30T12:00:00.000Z', version: 2, source: tass, from: { range, timeZone: 'Europe/Moscow', place: 'Moscow' }, to: { date: '2016-12-16', timeZone: 'Europe/Moscow', place: 'Moscow' } },
      ],
    };
    // Act
    const before = eventItem(render({ events: [provisional] }), 'treaty');
    const after = eventItem(render({ events: [confirmed] }), 'treaty');
    // Assess
    expect(before).toContain('(Date to be confirmed)');
    expect(before).toContain('<p>When: date to be confirmed (mid-December)<br>Place: Moscow</p>');
    // No day is known, so no <time> claims one, in any zone.
    expect(eventItem(render({ events: [provisional], readerTimeZone: 'America/New_York' }), 'treaty')).toContain('<p>When: date to be confirmed (mid-December)<br>Place: Moscow</p>');
    expect(after).toContain('<strong>Date confirmed</strong><br>From: When: date to be confirmed (mid-December)<br>Place: Moscow<br>To: Date: <time datetime="2016-12-16">Friday 16 December 2016, all day (Moscow time)</time><br>Place: Moscow');
  });
});
