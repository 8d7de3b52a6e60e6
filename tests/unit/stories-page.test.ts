import { describe, expect, it } from 'vitest';
import type { Story } from '#core/model/story.ts';
import { storiesPage } from '#core/pages/stories-page.ts';

const story = (id: string, title: string, over: Partial<Story> = {}): Story => ({
  id, title, publisher: 'Kyodo News', publishedOn: '2016-11-20', language: 'en', background: [], status: 'active',
  version: 1,
  createdAt: '2016-11-01T00:00:00.000Z', updatedAt: '2016-11-01T00:00:00.000Z', ...over,
});

const links = {
  storyUrl: (id: string) => `/stories/${id}`, atomUrl: (id: string) => `/stories/${id}/changes.atom`,
  storyIcsUrl: (id: string) => `/stories/${id}/events.ics`,
  icsUrl: '/events.ics', subscribeUrl: '/#subscribe',
};

describe("the readers' page of stories", () => {
  it('lists the live stories, then the archived and withdrawn ones, each with its feed; says what a feed is', () => {
    // Prepare
    const stories = [
      story('lima', 'Abe and Putin meet <in> Lima'),
      story('old', 'An old summit', { status: 'archived', publishedOn: '2015-01-02' }),
      story('gone', 'A retracted report', { status: 'cancelled' }),
    ];

    // Act
    const { html, scripts } = storiesPage(stories, links);

    // Assess
    expect(scripts).toEqual([]);
    expect(html).toContain('<a href="/stories/lima">Abe and Putin meet &lt;in&gt; Lima</a>');
    expect(html.indexOf('/stories/lima"')).toBeLessThan(html.indexOf('Archived and withdrawn'));
    expect(html.indexOf('/stories/old"')).toBeGreaterThan(html.indexOf('Archived and withdrawn'));
    expect(html).toContain('archived: no more mail');
    expect(html).toContain('withdrawn: its events are cancelled');
    expect(html).toContain('href="/stories/old/changes.atom" type="application/atom+xml"');
    expect(html).toContain(
      'href="/stories/lima/events.ics" type="text/calendar" aria-label="Calendar file of “Abe and Putin');
    expect(html).toMatch(/feed of changes<\/strong> is for a feed reader app.*paste the link there/s);
    expect(html).toContain('Opened in a browser it is raw text.');
    expect(html).toMatch(/calendar<\/strong> link is a calendar file: open it on a phone/);
    expect(html).toContain('Friday 2 January 2015');
  });

  it('says so when no story is followed', () => {
    expect(storiesPage([], links).html).toContain('No story is followed at the moment.');
  });
});
