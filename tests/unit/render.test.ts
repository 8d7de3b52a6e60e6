import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { DatedEvent } from '#core/model/event.ts';
import { renderAlert, renderConfirmation, renderDigest, renderReminder, type RenderedEmail } from '#core/email/render.ts';
import type { StoryRef } from '#core/model/story.ts';
import { allDayEvent, timedEvent } from '../support/events.ts';

const now = new Date('2016-11-26T00:00:00Z');
const invite = { organizerEmail: 'news@datewatch.example', attendeeEmail: 'reader@example.com' };
const links = { preferencesUrl: 'https://datewatch.example/preferences?token=abc&x=1', unsubscribeUrl: 'https://datewatch.example/unsubscribe?token=abc' };

const story: StoryRef = { id: 'abe-putin-lima-2016', title: 'Abe and Putin meet in Lima', publisher: 'Kyodo News' };
const hostileStory: StoryRef = { id: 'hostile', title: 'Lima <script>story</script>', publisher: 'Kyodo <b>', background: ['<u>context</u>'] };

const kishida: DatedEvent = allDayEvent();
const summit: DatedEvent = timedEvent();
const hostile: DatedEvent = {
  ...kishida, title: 'Talks <script>alert("x")</script> & \'more\'\r\nBcc: victim@example.com',
  place: 'Moscow "Kremlin"', summary: '<img src=x onerror=alert(1)>', source: { publisher: 'Kyodo <i>', quote: '"quoted" & <b>bold</b>' },
};

function calendarOf(mail: RenderedEmail): ICAL.Component {
  expect(mail.attachments).toHaveLength(1);
  expect(mail.attachments[0]!.filename).toMatch(/\.ics$/);
  return new ICAL.Component(ICAL.parse(mail.attachments[0]!.content));
}

function all(): RenderedEmail[] {
  return [
    renderReminder({ event: hostile, story: hostileStory, readerTimeZone: 'Asia/Tokyo', links, now, invite }),
    renderDigest({ groups: [{ story: hostileStory, events: [hostile, summit] }], newStories: [hostileStory], readerTimeZone: 'Asia/Tokyo', period: 'weekly', links, now }),
    renderAlert({ event: hostile, story: hostileStory, kind: 'moved', previous: { date: '2016-12-02', timeZone: 'Europe/Moscow', place: 'St <Petersburg>' }, readerTimeZone: 'Asia/Tokyo', links, now, invite }),
    renderAlert({ event: { ...hostile, status: 'cancelled' }, story: hostileStory, kind: 'cancelled', readerTimeZone: 'Asia/Tokyo', links, now, invite }),
    renderConfirmation({ confirmUrl: 'https://datewatch.example/confirm?token=t&x="y"', events: [hostile], readerTimeZone: 'Asia/Tokyo', now }),
  ];
}

describe('escaping', () => {
  it('escapes a script tag and quotes in event data in the HTML, and keeps them raw in the text', () => {
    for (const mail of all()) {
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).not.toContain('<img src=x');
      expect(mail.html).not.toContain('<u>context</u>');
      expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;more&#39;');
      expect(mail.text).toContain('Talks <script>alert("x")</script> & \'more\'');
      expect(mail.html).not.toContain('{{');
    }
  });

  it('escapes a URL placed in an href', () => {
    const mail = renderConfirmation({ confirmUrl: 'https://datewatch.example/confirm?token=t&x="y"', events: [], readerTimeZone: 'UTC', now });
    expect(mail.html).toContain('href="https://datewatch.example/confirm?token=t&amp;x=&quot;y&quot;"');
    expect(mail.text).toContain('https://datewatch.example/confirm?token=t&x="y"');
  });

  it('keeps every subject on one line even when the title has CR/LF and control characters', () => {
    for (const mail of all()) expect(mail.subject).not.toMatch(/[\u0000-\u001f\u007f]/);
    const reminder = renderReminder({ event: hostile, story, readerTimeZone: 'UTC', links, now: new Date('2016-11-30T08:00:00Z'), invite });
    expect(reminder.subject).toBe('In 2 days: Talks <script>alert("x")</script> & \'more\' Bcc: victim@example.com');
  });
});

describe('the story', () => {
  it('every reminder and alert names its story and publisher, escaped in the HTML', () => {
    const [reminder, , moved, cancelled] = all();
    for (const mail of [reminder!, moved!, cancelled!]) {
      expect(mail.text).toContain('From the story "Lima <script>story</script>" (Kyodo <b>)\n');
      expect(mail.html).toContain('From the story &ldquo;Lima &lt;script&gt;story&lt;/script&gt;&rdquo;');
    }
    const plain = renderReminder({ event: kishida, story, readerTimeZone: 'UTC', links, now });
    expect(plain.text.startsWith('From the story "Abe and Putin meet in Lima" (Kyodo News)\n')).toBe(true);
  });

  it('a digest groups events under their story, each with its own background, and lists new stories', () => {
    const other: StoryRef = { id: 'g20', title: 'G20 in Hangzhou', publisher: 'Reuters', background: ['Trade first'] };
    const g20 = { ...summit, id: 'g20-talks', storyId: 'g20', title: 'G20 talks', startTime: '2016-12-20T10:00' };
    const mail = renderDigest({
      groups: [{ story: other, events: [g20] }, { story: { ...story, background: ['Eight-point plan'] }, events: [kishida, summit] }],
      newStories: [other], readerTimeZone: 'UTC', period: 'weekly', links, now,
    });
    expect(mail.subject).toBe('Weekly digest: 3 upcoming events, 1 new story');
    // The story whose next event is soonest comes first; each story's events stay under its heading.
    const at = (s: string) => mail.text.indexOf(s);
    expect(at('== Abe and Putin meet in Lima (Kyodo News) ==')).toBeGreaterThanOrEqual(0);
    expect(at('== Abe and Putin meet in Lima (Kyodo News) ==')).toBeLessThan(at('Kishida visits Russia'));
    expect(at('Abe–Putin summit')).toBeLessThan(at('Background:\n- Eight-point plan'));
    expect(at('- Eight-point plan')).toBeLessThan(at('== G20 in Hangzhou (Reuters) =='));
    expect(at('== G20 in Hangzhou (Reuters) ==')).toBeLessThan(at('G20 talks'));
    expect(at('G20 talks')).toBeLessThan(at('- Trade first'));
    expect(mail.text).toContain('NEW STORIES YOU NOW FOLLOW\n- G20 in Hangzhou (Reuters)\n');
    for (const part of [mail.html, mail.text]) {
      expect(part).toContain('Eight-point plan');
      expect(part).toContain('Trade first');
    }
  });
});

describe('size', () => {
  it('keeps every message under 102 KB, even a digest of many long events', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ ...summit, id: `e${i}`, title: 'T'.repeat(200), summary: 'S'.repeat(2000), place: 'P'.repeat(200) }));
    const digest = renderDigest({ groups: [{ story: { ...story, background: Array(10).fill('C'.repeat(300)) }, events: many }], readerTimeZone: 'UTC', period: 'daily', links, now });
    const longReminder = renderReminder({ event: { ...hostile, summary: 'S'.repeat(2000), source: { publisher: 'P', quote: 'Q'.repeat(1000) } }, story, readerTimeZone: 'UTC', links, now, invite });
    for (const mail of [...all(), digest, longReminder]) {
      const size = Buffer.byteLength(mail.html) + Buffer.byteLength(mail.text);
      expect(size).toBeLessThan(102 * 1024);
    }
    expect(digest.text).toContain('And 40 more');
  });
});

describe('renderReminder', () => {
  it('says the true distance on the reader\'s calendar at the moment of sending, not the planned lead', () => {
    // Kishida's visit is all day on 3 December in Moscow: it begins at 16:00 on 2 December in New York.
    const subject = (at: string, zone: string) => renderReminder({ event: kishida, story, readerTimeZone: zone, links, now: new Date(at), invite }).subject;
    expect(subject('2016-11-25T08:00:00-05:00', 'America/New_York')).toBe('In 7 days: Kishida visits Russia');
    expect(subject('2016-12-01T08:00:00-05:00', 'America/New_York')).toBe('Tomorrow: Kishida visits Russia');
    expect(subject('2016-12-02T08:00:00-05:00', 'America/New_York')).toBe('Today: Kishida visits Russia');
    expect(subject('2016-12-02T08:00:00+03:00', 'Europe/Moscow')).toBe('Tomorrow: Kishida visits Russia');
    expect(subject('2016-11-26T08:00:00+03:00', 'Europe/Moscow')).toBe('In 7 days: Kishida visits Russia');
    // Caught up late, a reminder planned as "in 7 days" says what is true when it goes.
    expect(subject('2016-11-28T08:00:00+03:00', 'Europe/Moscow')).toBe('In 5 days: Kishida visits Russia');
  });

  it('shows an all-day event as its date in its own zone and the span it covers in the reader\'s zone, each labelled', () => {
    const mail = renderReminder({ event: kishida, story, readerTimeZone: 'Asia/Tokyo', links, now, invite });
    // Midnight to midnight in Moscow (UTC+3) is 06:00 to 06:00 in Tokyo (UTC+9).
    expect(mail.text).toContain('Date: Saturday 3 December 2016, all day (Moscow time)\n');
    expect(mail.text).toContain('Your time: Saturday 3 December 2016, 06:00 to Sunday 4 December 2016, 06:00 Japan time\n');
    for (const part of [mail.html, mail.text]) {
      expect(part).toContain('Saturday 3 December 2016, all day (Moscow time)');
      expect(part).toContain('Saturday 3 December 2016, 06:00 to Sunday 4 December 2016, 06:00 Japan time');
      expect(part).toContain('Moscow, Russia');
      expect(part).toContain('Kishida will visit Russia on Dec. 3');
      expect(part).toContain('Kyodo');
    }
    expect(mail.html).not.toContain('00:00');
  });

  it('shows an all-day event once when the reader\'s day is the event\'s day', () => {
    for (const zone of ['Europe/Moscow', 'Europe/Minsk']) {
      const mail = renderReminder({ event: kishida, story, readerTimeZone: zone, links, now, invite });
      expect(mail.text.match(/3 December 2016/g)).toHaveLength(1);
      expect(mail.text).not.toContain('Your time');
    }
  });

  it('shows a timed event in both zones, labelled, and once when the readings agree', () => {
    const london = renderReminder({ event: summit, story, readerTimeZone: 'Europe/London', links, now, invite });
    expect(london.text).toContain('Your time: Thursday 15 December 2016, 06:00 United Kingdom time\n');
    expect(london.text).toContain('Local time at the event: Thursday 15 December 2016, 15:00 Japan time\n');
    const tokyo = renderReminder({ event: summit, story, readerTimeZone: 'Asia/Tokyo', links, now, invite });
    expect(tokyo.text).toContain('When: Thursday 15 December 2016, 15:00 Japan time (your time)\n');
    const seoul = renderReminder({ event: summit, story, readerTimeZone: 'Asia/Seoul', links, now, invite });
    expect(seoul.text.match(/15 December 2016/g)).toHaveLength(1);
  });

  it('has a visible preheader and no hidden text', () => {
    const mail = renderReminder({ event: kishida, story, readerTimeZone: 'America/New_York', links, now, invite });
    expect(mail.html).not.toMatch(/display:\s*none/);
    expect(mail.html).not.toMatch(/opacity:\s*0|max-height:\s*0|color:#fff(fff)?;[^"]*font-size:\s*1px/);
    expect(mail.html).toContain('Friday 2 December 2016, 16:00 to Saturday 3 December 2016, 16:00 New York time (EST) · Moscow, Russia');
  });

  it('links to Google and Outlook calendars with the right dates', () => {
    const allDay = renderReminder({ event: kishida, story, readerTimeZone: 'Europe/Moscow', links, now, invite });
    const timed = renderReminder({ event: summit, story, readerTimeZone: 'UTC', links, now, invite });
    expect(allDay.text).toContain('https://calendar.google.com/calendar/render?action=TEMPLATE&text=Kishida%20visits%20Russia&dates=20161203/20161204&');
    expect(allDay.text).toContain('https://outlook.live.com/calendar/0/deeplink/compose?');
    expect(allDay.text).toContain('startdt=2016-12-03&enddt=2016-12-04&allday=true');
    expect(timed.text).toContain('dates=20161215T060000Z/20161215T080000Z');
    expect(timed.html).toContain('href="https://calendar.google.com/calendar/render?action=TEMPLATE&amp;text=Abe%E2%80%93Putin%20summit');
  });

  it('with the event page given, the text part carries one short link there instead of two calendar URLs', () => {
    const eventPageUrl = 'https://datewatch.example/stories/lima?lang=en&timeZone=Europe%2FMoscow#event-kishida';
    const input = { event: kishida, story, readerTimeZone: 'Europe/Moscow', links, now, invite };
    const mail = renderReminder({ ...input, eventPageUrl });
    expect(mail.text).toContain(`\nAdd to Google Calendar or Outlook.com (on the event's page): ${eventPageUrl}\n`);
    expect(mail.text).not.toMatch(/calendar\.google\.com|outlook\.live\.com/);
    // The HTML keeps both buttons, with the same links as without the page.
    const without = renderReminder(input);
    expect(mail.html).toBe(without.html);
    expect(mail.html).toContain('href="https://calendar.google.com/calendar/render?action=TEMPLATE');
    // A Russian reader's button names Google's calendar by its Russian name.
    const ru = renderReminder({ ...input, eventPageUrl, language: 'ru' });
    expect(ru.html).toMatch(/>\s*Google Календарь\s*</);
    expect(ru.text).toContain(
      `Добавить в Google Календарь или Outlook.com (на странице события): ${eventPageUrl}`,
    );
  });

  it('an all-day event: the text, the invite and both buttons give the same span for every reader', () => {
    // The summit is all day on Thursday 15 December in Tokyo: 07:00 Wednesday to 07:00 Thursday in Los Angeles.
    const allDaySummit = allDayEvent({ id: 'summit', title: 'Summit', date: '2016-12-15', timeZone: 'Asia/Tokyo', place: 'Nagato' });
    for (const zone of ['Asia/Tokyo', 'Europe/Moscow', 'America/New_York', 'America/Los_Angeles', 'Pacific/Pago_Pago', 'Pacific/Kiritimati', 'Pacific/Auckland']) {
      const mail = renderReminder({ event: allDaySummit, story, readerTimeZone: zone, links, now, invite });
      const vevent = calendarOf(mail).getFirstSubcomponent('vevent')!;
      const start = vevent.getFirstPropertyValue('dtstart') as ICAL.Time;
      const end = vevent.getFirstPropertyValue('dtend') as ICAL.Time;
      const google = new URL(/https:\/\/calendar\.google\.com\S+/.exec(mail.text)![0]).searchParams.get('dates')!;
      const outlook = new URL(/https:\/\/outlook\.live\.com\S+/.exec(mail.text)![0]).searchParams;
      if (zone === 'Asia/Tokyo') {
        // The reader's day is the event's day: a whole day everywhere.
        expect([start.isDate, start.toString(), end.toString()]).toEqual([true, '2016-12-15', '2016-12-16']);
        expect(google).toBe('20161215/20161216');
        expect(outlook.get('allday')).toBe('true');
        expect(mail.text).not.toContain('Your time:');
        continue;
      }
      // Elsewhere the same instants in all three: midnight to midnight in Tokyo, which the text gives on the reader's clock.
      expect(start.isDate, zone).toBe(false);
      expect(start.toJSDate().toISOString()).toBe('2016-12-14T15:00:00.000Z');
      expect(end.toJSDate().toISOString()).toBe('2016-12-15T15:00:00.000Z');
      expect(google).toBe('20161214T150000Z/20161215T150000Z');
      expect([outlook.get('startdt'), outlook.get('enddt'), outlook.get('allday')]).toEqual(['2016-12-14T15:00:00Z', '2016-12-15T15:00:00Z', null]);
      expect(mail.text).toMatch(/Your time: \w+ 1[45] December 2016, \d\d:00 to \w+ 1[56] December 2016, \d\d:00/);
    }
    const la = renderReminder({ event: allDaySummit, story, readerTimeZone: 'America/Los_Angeles', links, now, invite });
    expect(la.text).toContain('Your time: Wednesday 14 December 2016, 07:00 to Thursday 15 December 2016, 07:00 Los Angeles time (PST)');
  });

  it('a timed event says its end is not announced, and calendars get the stated two hours', () => {
    const mail = renderReminder({ event: summit, story, readerTimeZone: 'Asia/Tokyo', links, now, invite });
    expect(mail.text).toContain('Ends: not announced (calendar entries show 2 hours)');
    const vevent = calendarOf(mail).getFirstSubcomponent('vevent')!;
    const hours = ((vevent.getFirstPropertyValue('dtend') as ICAL.Time).toUnixTime() - (vevent.getFirstPropertyValue('dtstart') as ICAL.Time).toUnixTime()) / 3600;
    expect(hours).toBe(2);
  });

  it('attaches an invite with METHOD:REQUEST, or METHOD:CANCEL for a cancelled event, from the sender to the reader', () => {
    const scheduled = calendarOf(renderReminder({ event: kishida, story, readerTimeZone: 'UTC', links, now, invite }));
    const cancelledMail = renderReminder({ event: { ...kishida, status: 'cancelled', version: 2 }, story, readerTimeZone: 'UTC', links, now, invite });
    const cancelled = calendarOf(cancelledMail);
    expect(scheduled.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(scheduled.getFirstSubcomponent('vevent')!.getFirstPropertyValue('organizer')).toBe('mailto:news@datewatch.example');
    expect(scheduled.getFirstSubcomponent('vevent')!.getFirstPropertyValue('attendee')).toBe('mailto:reader@example.com');
    expect(cancelled.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cancelled.getFirstSubcomponent('vevent')!.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancelled.getFirstSubcomponent('vevent')!.getFirstPropertyValue('organizer')).toBe('mailto:news@datewatch.example');
    expect(cancelledMail.attachments[0]!.contentType).toContain('method=CANCEL');
    expect(cancelledMail.subject).toBe('Cancelled: Kishida visits Russia');
  });

  it('attaches no invite when compose will make one per reader', () => {
    const mail = renderReminder({ event: kishida, story, readerTimeZone: 'UTC', links, now });
    expect(mail.attachments).toEqual([]);
    expect(mail.inviteMethod).toBe('REQUEST');
  });
});

describe('renderDigest', () => {
  it('lists upcoming events in order with reader-zone dates, and the story context', () => {
    const past = { ...kishida, id: 'past', title: 'Lima meeting', date: '2016-11-19' };
    const mail = renderDigest({ groups: [{ story: { ...story, background: ['Eight-point plan', 'JNTO office in Moscow'] }, events: [summit, past, kishida] }], readerTimeZone: 'America/New_York', period: 'weekly', links, now });
    expect(mail.subject).toBe('Weekly digest: 2 upcoming events');
    expect(mail.text).not.toContain('Lima meeting');
    expect(mail.text.indexOf('Kishida visits Russia')).toBeLessThan(mail.text.indexOf('Abe–Putin summit'));
    expect(mail.text).toContain('  Your time: Thursday 15 December 2016, 01:00 New York time (EST)\n');
    expect(mail.text).toContain('  Local time at the event: Thursday 15 December 2016, 15:00 Japan time\n');
    // Kishida's visit begins on 2 December at 16:00 in New York, 7 days after the digest's 25 November (19:00 there).
    expect(mail.text).toContain('Kishida visits Russia\n  In 7 days\n  Date: Saturday 3 December 2016, all day (Moscow time)\n');
    for (const part of [mail.html, mail.text]) {
      expect(part).toContain('Eight-point plan');
      expect(part).toContain('JNTO office in Moscow');
    }
  });

  describe('leads with what comes next on the reader\'s calendar', () => {
    const other: StoryRef = { id: 'vote', title: 'Diet votes on the treaty', publisher: 'NHK' };
    const at = new Date('2016-12-05T23:00:00Z'); // Tuesday 6 December, 08:00 in Tokyo
    const summitStory = [summit, { ...summit, id: 'range', title: 'Follow-up talks', startTime: undefined, range: { from: '2016-12-07', to: '2016-12-31', label: 'later in December' } }];
    const vote = { ...summit, id: 'vote', storyId: 'vote', title: 'Diet vote', startTime: '2016-12-12T10:00' };

    it('orders stories by their next dated moment, not by a provisional range that starts earlier; the preheader names it', () => {
      // Act
      const mail = renderDigest({ groups: [{ story, events: summitStory }, { story: other, events: [vote] }], readerTimeZone: 'Asia/Tokyo', period: 'weekly', links, now: at });

      // Assess: the vote (in 6 days) comes before the summit (in 9 days), whose story has a range from tomorrow.
      expect(mail.text.indexOf('Diet vote')).toBeLessThan(mail.text.indexOf('Abe–Putin summit'));
      expect(mail.html).toContain('Next: Diet vote, in 6 days');
      expect(mail.text.indexOf('Follow-up talks')).toBeGreaterThan(mail.text.indexOf('Abe–Putin summit'));
      expect(mail.subject).toBe('Weekly digest: 2 upcoming events, 1 date to be confirmed');
    });

    it('an event under way is "under way", not counted as upcoming, and not named as next', () => {
      // Prepare: the summit began at 15:00 in Tokyo; the digest is read at 16:00.
      const during = new Date('2016-12-15T07:00:00Z');

      // Act
      const mail = renderDigest({ groups: [{ story, events: [summit] }, { story: other, events: [{ ...vote, startTime: '2016-12-17T10:00' }] }], readerTimeZone: 'Asia/Tokyo', period: 'daily', links, now: during });

      // Assess
      expect(mail.subject).toBe('Daily digest: 1 under way, 1 upcoming event');
      expect(mail.text).toContain('Abe–Putin summit\n  Under way\n');
      expect(mail.html).toContain('Next: Diet vote, in 2 days · Under way: Abe–Putin summit');
    });
  });

  it('says so when nothing is scheduled', () => {
    const mail = renderDigest({ groups: [], readerTimeZone: 'UTC', period: 'daily', links, now });
    expect(mail.subject).toBe('Daily digest: nothing scheduled yet');
    expect(mail.html).toContain('No dated events are scheduled at the moment.');
    expect(mail.attachments).toEqual([]);
  });
});

describe('zones in words', () => {
  it('names zones as people do, from Intl, never by their IANA spelling, in subject, text and HTML', () => {
    const zones = ['Asia/Tokyo', 'Europe/Moscow', 'America/New_York', 'America/Los_Angeles', 'Pacific/Pago_Pago', 'Pacific/Kiritimati', 'Pacific/Auckland'];
    for (const zone of zones) {
      const mails = [
        renderReminder({ event: summit, story, readerTimeZone: zone, links, now, invite }),
        renderReminder({ event: kishida, story, readerTimeZone: zone, links, now, invite }),
        renderDigest({ groups: [{ story, events: [summit, kishida] }], readerTimeZone: zone, period: 'weekly', links, now }),
      ];
      for (const mail of mails) {
        // Links are read by machines (Google's ctz= takes the IANA name); the words around them are not.
        const words = (part: string) => part.replace(/href="[^"]*"/g, '').replace(/https?:\/\/\S+/g, '');
        for (const part of [mail.subject, mail.text, mail.html]) expect(words(part), zone).not.toMatch(/\b(Asia|Europe|America|Pacific)\/[A-Z]/);
      }
    }
    const la = renderReminder({ event: summit, story, readerTimeZone: 'America/Los_Angeles', links, now, invite });
    expect(la.text).toContain('Your time: Wednesday 14 December 2016, 22:00 Los Angeles time (PST)');
    expect(la.text).toContain('Local time at the event: Thursday 15 December 2016, 15:00 Japan time');
    const moscow = renderReminder({ event: kishida, story, readerTimeZone: 'Europe/Moscow', links, now, invite });
    expect(moscow.text).toContain('Date: Saturday 3 December 2016, all day (Moscow time)');
  });
});

describe('one reminder per event per day', () => {
  it('the nearer reminder says it stands for the farther one that fell on the same day; without one it says nothing', () => {
    const at = new Date('2016-12-02T11:00:00Z');
    const both = renderReminder({ event: kishida, story, readerTimeZone: 'Asia/Tokyo', links, now: at, invite, standsFor: ['P1D'] });
    const alone = renderReminder({ event: kishida, story, readerTimeZone: 'Asia/Tokyo', links, now: at, invite });
    const note = 'One reminder per event per day: your "1 day before" reminder fell on this same day, so you get only this one, the nearer.';
    expect(both.text).toContain(note);
    expect(both.html).toContain(note.replace(/"/g, '&quot;'));
    expect(alone.text).not.toContain('One reminder per event per day');
    expect(alone.html).not.toContain('One reminder per event per day');
  });
});

describe('renderAlert', () => {
  it('shows old and new for a move, each line labelled, with an invite at the new SEQUENCE', () => {
    const moved = { ...summit, startTime: '2016-12-16T10:00', place: 'Tokyo', version: 3 };
    const mail = renderAlert({ event: moved, story, kind: 'moved', previous: { startTime: '2016-12-15T15:00', timeZone: 'Asia/Tokyo', place: 'Yamaguchi' }, readerTimeZone: 'Asia/Tokyo', links, now, invite });
    const vevent = calendarOf(mail).getFirstSubcomponent('vevent')!;
    expect(mail.subject).toBe('Moved: Abe–Putin summit');
    const ends = '  Ends: not announced (calendar entries show 2 hours)\n';
    expect(mail.text).toContain(`Now:\n  When: Friday 16 December 2016, 10:00 Japan time (your time)\n${ends}  Where: Tokyo\n`);
    expect(mail.text).toContain(`Before:\n  When: Thursday 15 December 2016, 15:00 Japan time (your time)\n${ends}  Where: Yamaguchi\n`);
    for (const part of [mail.html, mail.text]) {
      expect(part).toContain('Friday 16 December 2016, 10:00');
      expect(part).toContain('Thursday 15 December 2016, 15:00');
    }
    // Once in the statement of the change, once under "Now".
    expect(mail.text.match(/16 December 2016/g)).toHaveLength(2);
    expect(calendarOf(mail).getFirstPropertyValue('method')).toBe('REQUEST');
    expect(vevent.getFirstPropertyValue('sequence')).toBe(3);
  });

  it('a move seen from another zone labels both readings of both dates', () => {
    const moved = { ...kishida, date: '2016-12-04', version: 2 };
    const mail = renderAlert({ event: moved, story, kind: 'moved', previous: { date: '2016-12-03', timeZone: 'Europe/Moscow', place: 'Moscow, Russia' }, readerTimeZone: 'America/Los_Angeles', links, now, invite });
    expect(mail.text).toContain('Now:\n  Date: Sunday 4 December 2016, all day (Moscow time)\n  Your time: Saturday 3 December 2016, 13:00 to Sunday 4 December 2016, 13:00 Los Angeles time (PST)\n');
    expect(mail.text).toContain('Before:\n  Date: Saturday 3 December 2016, all day (Moscow time)\n  Your time: Friday 2 December 2016, 13:00 to Saturday 3 December 2016, 13:00 Los Angeles time (PST)\n');
  });

  it('sends METHOD:CANCEL with STATUS:CANCELLED for a cancellation', () => {
    const mail = renderAlert({ event: { ...summit, status: 'cancelled', version: 2 }, story, kind: 'cancelled', readerTimeZone: 'UTC', links, now, invite });
    const calendar = calendarOf(mail);
    expect(mail.subject).toBe('Cancelled: Abe–Putin summit');
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(calendar.getFirstSubcomponent('vevent')!.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  describe('quotes the change\'s own source and says what changed', () => {
    const announced = { publisher: 'Kyodo News', quote: 'Abe and Putin will discuss economic issues in Tokyo on Dec. 16' };
    const moveSource = { publisher: 'NHK', quote: 'The talks move to Dec. 17.', url: 'https://nhk.example/talks-move' };
    const cancelSource = { publisher: 'TASS', quote: 'The Tokyo talks are off.', url: 'https://tass.example/off' };
    const talks = allDayEvent({
      id: 'tokyo-talks', title: 'Economic talks in Tokyo', date: '2016-12-17', timeZone: 'Asia/Tokyo', place: 'Tokyo', source: announced, version: 2,
      history: [
        { kind: 'created', at: '2016-11-20T00:00:00.000Z', version: 1, source: announced, to: { date: '2016-12-16', timeZone: 'Asia/Tokyo', place: 'Tokyo' } },
        { kind: 'moved', at: '2016-12-01T00:00:00.000Z', version: 2, source: moveSource, from: { date: '2016-12-16', timeZone: 'Asia/Tokyo', place: 'Tokyo' }, to: { date: '2016-12-17', timeZone: 'Asia/Tokyo', place: 'Tokyo' } },
      ],
    });
    const previous = { date: '2016-12-16', timeZone: 'Asia/Tokyo', place: 'Tokyo' };

    it('a move: from → to first, the change\'s quote, publisher and link, the first announcement after as background; the invite agrees', () => {
      // Act
      const mail = renderAlert({ event: talks, story, kind: 'moved', previous, version: 2, readerTimeZone: 'Asia/Tokyo', links, now, invite });

      // Assess
      const change = 'Moved from Friday 16 December 2016 (all day) to Saturday 17 December 2016 (all day).';
      expect(mail.text).toContain(`${change}\n\nSource of the change:\n"The talks move to Dec. 17."\n— NHK\nhttps://nhk.example/talks-move\n`);
      expect(mail.text.indexOf('The talks move to Dec. 17.')).toBeLessThan(mail.text.indexOf(announced.quote));
      expect(mail.text).toContain(`As first announced:\n"${announced.quote}"\n— Kyodo News`);
      expect(mail.html).toContain(change);
      expect(mail.html).toContain('&ldquo;The talks move to Dec. 17.&rdquo;');
      expect(mail.html).toContain('href="https://nhk.example/talks-move"');
      expect(mail.html.indexOf('The talks move')).toBeLessThan(mail.html.indexOf('economic issues in Tokyo'));
      const description = String(calendarOf(mail).getFirstSubcomponent('vevent')!.getFirstPropertyValue('description'));
      expect(description.startsWith(`${change}\nSource of the change: NHK: "The talks move to Dec. 17."\nhttps://nhk.example/talks-move`)).toBe(true);
      expect(description).toContain(`First announced: Kyodo News: "${announced.quote}"`);
    });

    it('an alert for an older version quotes that version\'s change, not a later one', () => {
      const later = { ...talks, version: 3, history: [...talks.history!, { kind: 'moved' as const, at: '2016-12-02T00:00:00.000Z', version: 3, source: { publisher: 'Jiji', quote: 'Now Dec. 18.' } }] };
      const mail = renderAlert({ event: later, story, kind: 'moved', previous, version: 2, readerTimeZone: 'Asia/Tokyo', links, now, invite });
      expect(mail.text).toContain('The talks move to Dec. 17.');
      expect(mail.text).not.toContain('Now Dec. 18.');
    });

    it('a cancellation: says "cancelled", quotes who cancelled it, and the CANCEL invite says so too', () => {
      // Prepare
      const cancelled = { ...talks, status: 'cancelled' as const, version: 3, history: [...talks.history!, { kind: 'cancelled' as const, at: '2016-12-05T00:00:00.000Z', version: 3, source: cancelSource }] };

      // Act
      const mail = renderAlert({ event: cancelled, story, kind: 'cancelled', version: 3, readerTimeZone: 'Europe/Moscow', links, now, invite });

      // Assess
      expect(mail.text).toContain('Cancelled: it will not take place as planned (Saturday 17 December 2016 (all day, Japan time), Tokyo).');
      expect(mail.text).toContain('Source of the cancellation:\n"The Tokyo talks are off."\n— TASS\nhttps://tass.example/off');
      expect(mail.html).toContain('href="https://tass.example/off"');
      const description = String(calendarOf(mail).getFirstSubcomponent('vevent')!.getFirstPropertyValue('description'));
      expect(description).toContain('Cancelled: it will not take place');
      expect(description).toContain('Source of the change: TASS: "The Tokyo talks are off."');
    });
  });

  it('"date confirmed" names the reader\'s day in the subject: Saturday in Kiritimati, Thursday in Pago Pago', () => {
    // Prepare: a timed event on Friday 16 December at 19:30 in Tokyo
    const talks = timedEvent({ startTime: '2016-12-16T19:30', version: 2 });
    const previous = { range: { from: '2016-12-10', to: '2016-12-20' }, timeZone: 'Asia/Tokyo', place: 'Yamaguchi' };
    const subjectFor = (zone: string) => renderAlert({ event: talks, story, kind: 'confirmed', previous, readerTimeZone: zone, links, now, invite }).subject;

    // Act, Assess
    expect(subjectFor('Pacific/Kiritimati')).toBe('Date confirmed: Abe–Putin summit — Saturday 17 December 2016');
    expect(subjectFor('Pacific/Pago_Pago')).toBe('Date confirmed: Abe–Putin summit — Thursday 15 December 2016');
    expect(subjectFor('Asia/Tokyo')).toBe('Date confirmed: Abe–Putin summit — Friday 16 December 2016');
    const kiritimati = renderAlert({ event: talks, story, kind: 'confirmed', previous, readerTimeZone: 'Pacific/Kiritimati', links, now, invite });
    expect(kiritimati.html).toContain('Date confirmed: Saturday 17 December 2016, 00:30 your time');
  });

  it('refuses a move without the previous date and place', () => {
    expect(() => renderAlert({ event: summit, story, kind: 'moved', readerTimeZone: 'UTC', links, now, invite })).toThrow(/previous/);
  });
});

describe('links', () => {
  it('every bulk email shows preferences and unsubscribe links in html and text', () => {
    const bulk = all().slice(0, 4);
    for (const mail of bulk) {
      expect(mail.html).toContain('href="https://datewatch.example/unsubscribe?token=abc"');
      expect(mail.html).toContain('href="https://datewatch.example/preferences?token=abc&amp;x=1"');
      expect(mail.text).toContain(`Unsubscribe: ${links.unsubscribeUrl}`);
      expect(mail.text).toContain(`Email preferences: ${links.preferencesUrl}`);
    }
  });

  it('the confirmation has a button and the plain link, and no unsubscribe', () => {
    const mail = renderConfirmation({ confirmUrl: 'https://datewatch.example/confirm?token=t1', events: [kishida, summit], readerTimeZone: 'UTC', now });
    expect(mail.subject).toBe('Confirm your Datewatch subscription');
    expect(mail.html.split('href="https://datewatch.example/confirm?token=t1"').length - 1).toBe(2);
    expect(mail.html).toContain('>https://datewatch.example/confirm?token=t1</a>');
    expect(mail.text).toContain('Confirm: https://datewatch.example/confirm?token=t1');
    expect(mail.text).toContain('Kishida visits Russia');
    expect(mail.html.toLowerCase()).not.toContain('unsubscribe');
    expect(mail.text).toContain('- Kishida visits Russia\n  Date: Saturday 3 December 2016, all day (Moscow time)\n  Your time: Friday 2 December 2016, 21:00 to Saturday 3 December 2016, 21:00 UTC\n');
    expect(mail.text).toContain('ignore this email');
  });
});
