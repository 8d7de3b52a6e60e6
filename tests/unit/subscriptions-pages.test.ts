import { describe, expect, it } from 'vitest';
import type { DatedEvent } from '#core/model/event.ts';
import { pageCsp } from '#core/pages/layout.ts';
import { CONFIRM_SCRIPT, confirmPage, errorPage, preferencesPage, subscribePage, unsubscribePage } from '#core/pages/subscription-pages.ts';
import type { Subscriber } from '#core/model/subscriber.ts';

const hostile: DatedEvent = {
  id: 'evt"><script>alert(1)</script>', storyId: 'abe-putin-lima-2016', title: '<img src=x onerror=alert(1)> & summit', summary: 's', date: '2016-12-15', timeZone: 'Asia/Tokyo',
  place: 'Yamaguchi <b>', source: { publisher: 'Kyodo', quote: 'q' }, status: 'scheduled', version: 1, createdAt: '', updatedAt: '',
};

describe('reader pages', () => {
  it('escape every editor-supplied value, so an event title cannot inject markup', () => {
    const page = subscribePage({ stories: [{ id: 'abe-putin-lima-2016', title: 'Abe & Putin <meet>', publisher: 'Kyodo', publishedOn: '2016-11-19' }], events: [hostile] });
    expect(page.html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; summit');
    expect(page.html).toContain('Abe &amp; Putin &lt;meet&gt;');
    expect(page.html).not.toContain('<img');
    expect(page.html).not.toContain('<script>alert');
    expect(page.html.match(/<script>/g)).toHaveLength(1);
  });

  it('lists several stories, each with its own events, and escapes story titles, ids and publishers', () => {
    const stories = [
      { id: 'abe-putin-lima-2016', title: 'Abe & Putin <meet>', publisher: 'Kyodo', publishedOn: '2016-11-19' },
      { id: 'g20"><b>', title: 'G20 <i>summit</i>', publisher: 'Reuters & co', publishedOn: '2016-09-01' },
    ];
    const g20 = { ...hostile, id: 'g20-talks', storyId: 'g20"><b>', title: 'G20 talks' };
    const page = subscribePage({ stories, events: [hostile, g20] });
    expect(page.html).toContain('Abe &amp; Putin &lt;meet&gt;');
    expect(page.html).toContain('G20 &lt;i&gt;summit&lt;/i&gt;');
    expect(page.html).toContain('Reuters &amp; co');
    expect(page.html).toContain('href="/stories/g20%22%3E%3Cb%3E"');
    expect(page.html).not.toContain('<b>');
    expect(page.html).not.toContain('<i>');
    // Each event is listed under its own story's heading.
    const abeAt = page.html.indexOf('Abe &amp; Putin &lt;meet&gt;');
    const g20At = page.html.indexOf('G20 &lt;i&gt;summit&lt;/i&gt;');
    expect(abeAt).toBeLessThan(page.html.indexOf('&lt;img src=x'));
    expect(page.html.indexOf('&lt;img src=x')).toBeLessThan(g20At);
    expect(g20At).toBeLessThan(page.html.indexOf('G20 talks'));
  });

  it('with `only`, the front page reads as that story\'s page and preselects it', () => {
    const stories = [
      { id: 'abe-putin-lima-2016', title: 'Abe and Putin meet', publisher: 'Kyodo', publishedOn: '2016-11-19' },
      { id: 'g20', title: 'G20 summit', publisher: 'Reuters', publishedOn: '2016-09-01' },
    ];
    const page = subscribePage({ stories, events: [{ ...hostile, storyId: 'g20', title: 'G20 talks' }], only: 'g20' });
    expect(page.html).toContain('<h1>Follow “G20 summit”</h1>');
    expect(page.html).toContain('<input type="checkbox" name="stories" value="g20" checked>');
    expect(page.html).toContain('<input type="checkbox" name="stories" value="abe-putin-lima-2016">');
  });

  it('the preferences page shows which stories the reader follows', () => {
    const subscriber = {
      id: 'x', email: 'reader@example.com', status: 'active',
      preferences: { timeZone: 'UTC', reminders: ['P1D'], digest: 'weekly', events: 'all', stories: ['g20'] },
    } as unknown as Subscriber;
    const stories = [
      { id: 'abe-putin-lima-2016', title: 'Abe and Putin meet', publisher: 'Kyodo', publishedOn: '2016-11-19' },
      { id: 'g20', title: 'G20 summit', publisher: 'Reuters', publishedOn: '2016-09-01' },
    ];
    const { html } = preferencesPage({ subscriber, stories, events: [], actionUrl: '/preferences?token=t', unsubscribeUrl: 'https://x/unsubscribe?token=u' });
    expect(html).toContain('<input type="radio" name="storiesScope" value="chosen" checked>');
    expect(html).toContain('<input type="checkbox" name="stories" value="g20" checked>');
    expect(html).toContain('<input type="checkbox" name="stories" value="abe-putin-lima-2016">');
  });

  it('the preferences page states an all-day event\'s date in its zone and, where the day differs, in the reader\'s', () => {
    // Prepare: a New York reader; Kishida's visit is all day on 3 December in Moscow.
    const subscriber = {
      id: 'x', email: 'ny@example.com', status: 'active',
      preferences: { timeZone: 'America/New_York', reminders: ['P1D'], digest: 'none', events: 'all' },
    } as unknown as Subscriber;
    const kishida = { ...hostile, id: 'kishida', title: 'Kishida visits Russia', date: '2016-12-03', timeZone: 'Europe/Moscow' };
    // Act
    const { html } = preferencesPage({ subscriber, events: [kishida], actionUrl: '/preferences?token=t', unsubscribeUrl: 'https://x/unsubscribe?token=u' });
    // Assess: both lines, each labelled, the reader's one on their clock (16:00 on the 2nd in New York).
    expect(html).toContain('Date: Saturday 3 December 2016, all day (Moscow time)');
    expect(html).toMatch(/Your time: Friday 2 December 2016, 16:00 to Saturday 3 December 2016, 16:00 New York time \(EST\)/);
  });

  it('the preferences form shows the reader\'s own choices', () => {
    const subscriber = {
      id: 'x', email: 'reader@example.com', status: 'active',
      preferences: { timeZone: 'Europe/Moscow', reminders: ['P3D'], digest: 'none', events: ['kishida'] },
    } as unknown as Subscriber;
    const kishida = { ...hostile, id: 'kishida', title: 'Kishida visits Russia' };
    const { html } = preferencesPage({ subscriber, events: [kishida], actionUrl: '/preferences?token=t', unsubscribeUrl: 'https://x/unsubscribe?token=u' });
    expect(html).toContain('<option value="Europe/Moscow" selected>');
    expect(html).toContain('value="P3D" checked');
    expect(html).not.toContain('value="P7D" checked');
    expect(html).toContain('value="none" checked');
    expect(html).toContain('value="chosen" checked');
    expect(html).toContain('value="kishida" checked');
    expect(html).toContain('r•••@example.com');
    expect(html).not.toContain('reader@example.com');
  });

  it('the unsubscribe page is a form that POSTs the RFC 8058 field, and has no script', () => {
    const page = unsubscribePage({ actionUrl: '/unsubscribe?token=a&b', email: 'reader@example.com' });
    expect(page.html).toContain('<form method="post" action="/unsubscribe?token=a&amp;b">');
    expect(page.html).toContain('<input type="hidden" name="List-Unsubscribe" value="One-Click">');
    expect(page.scripts).toEqual([]);
    expect(pageCsp(page.scripts)).not.toContain('script-src');
  });

  it('an error page says what went wrong without echoing markup', () => {
    const page = errorPage(400, 'email must be an address such as <name@example.com>');
    expect(page.html).toContain('role="alert"');
    expect(page.html).toContain('&lt;name@example.com&gt;');
  });

  it('the confirmation page POSTs the token in its body, works without scripts, and submits itself only where its one hashed script runs', () => {
    const subscriber = { id: 'x', email: 'reader@example.com', status: 'pending', preferences: { timeZone: 'Asia/Tokyo', reminders: ['P7D'], digest: 'weekly', events: 'all' } } as unknown as Subscriber;
    const page = confirmPage({ subscriber, token: 'kid.bo"dy.<sig>' });
    expect(page.html).toContain('<form id="confirm" method="post" action="/subscriptions/confirm">');
    expect(page.html).toContain('<input type="hidden" name="token" value="kid.bo&quot;dy.&lt;sig&gt;">');
    expect(page.html).toContain('<button type="submit">Confirm subscription</button>');
    expect(page.html).toContain('r•••@example.com');
    expect(page.scripts).toEqual([CONFIRM_SCRIPT]);
    expect(pageCsp(page.scripts)).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'$/);
    expect(CONFIRM_SCRIPT).toContain("visibilityState!=='visible'");
  });

  it('the unsubscribe page offers "never mail me" as a box left unticked', () => {
    const { html } = unsubscribePage({ actionUrl: '/unsubscribe?token=t' });
    expect(html).toContain('<input type="checkbox" name="never" value="yes">');
    expect(html).not.toContain('checked');
  });
});
