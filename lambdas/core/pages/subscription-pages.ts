/** The reader-facing pages: server-rendered, escaped, usable without JavaScript. */
import type { DatedEvent } from '../model/event.ts';
import type { Story } from '../model/story.ts';
import type { Subscriber, SubscriberStatus } from '../model/subscriber.ts';
import type { UnsubscribeOutcome, UnsubscribeResult } from '../subscriptions.ts';
import { DEFAULT_PREFERENCES } from '../subscription-schema.ts';
import { longDate } from '../when.ts';
import { esc, layout, messagePage, type Page } from './layout.ts';
import { eventWhen, LEAD_LABELS, preferenceFields, type StoryChoice } from './preference-fields.ts';

/**
 * The only script: picks the browser's zone in the select (the page works with UTC when scripts are off).
 * Allowed by its hash in the page's CSP, so no 'unsafe-inline'.
 */
export const TIME_ZONE_SCRIPT = "(function(){var s=document.getElementById('timeZone');var z;try{z=Intl.DateTimeFormat().resolvedOptions().timeZone}catch(e){}if(!s||!z)return;for(var i=0;i<s.options.length;i++){if(s.options[i].value===z){s.value=z;return}}var o=document.createElement('option');o.value=z;o.textContent=z;s.insertBefore(o,s.firstChild);s.value=z})();";

function eventList(events: readonly DatedEvent[]): string {
  if (events.length === 0) return '<p>No dated events are coming up right now; you will hear from us when there are.</p>';
  return `<ul class="events">${events.map((e) => `<li><strong>${esc(e.title)}</strong><br>${esc(eventWhen(e))}, ${esc(e.place)}${e.status === 'cancelled' ? ' <em>(cancelled)</em>' : ''}</li>`).join('')}</ul>`;
}

type StorySummary = StoryChoice & Pick<Story, 'summary'>;

function storyList(stories: readonly StorySummary[], events: readonly DatedEvent[]): string {
  return stories.map((s) => `<h3><a href="/stories/${encodeURIComponent(s.id)}">${esc(s.title)}</a></h3>
<p class="hint">${esc(s.publisher)}, ${esc(longDate(s.publishedOn))}</p>
${eventList(events.filter((e) => e.storyId === s.id))}`).join('\n');
}

/**
 * The front page: the stories Datewatch follows with their upcoming events, and the subscribe form. With one
 * story (or `only` naming one, from its page's "Follow" link) it reads as that story's page.
 */
export function subscribePage({ stories, events, only }: { stories: readonly StorySummary[]; events: readonly DatedEvent[]; only?: string }): Page {
  const single = stories.length === 1 ? stories[0] : stories.find((s) => s.id === only);
  const preferences = single && stories.length > 1 ? { ...DEFAULT_PREFERENCES, stories: [single.id] } : DEFAULT_PREFERENCES;
  const intro = single
    ? `<h1>Follow “${esc(single.title)}”</h1>
<p>${esc(single.publisher)} reported on ${esc(longDate(single.publishedOn))} what happens next. Datewatch tells you before it does.</p>

<h2 id="upcoming">Coming up</h2>
${eventList(events.filter((e) => e.storyId === single.id))}
${stories.length > 1 ? '<p><a href="/">All the stories Datewatch follows</a></p>' : ''}`
    : `<h1>Follow the news stories that have dates</h1>
<p>Each story below announced events that are still to come. Datewatch tells you before they happen, and when they move.</p>

<h2 id="upcoming">Stories and what is coming up</h2>
${stories.length ? storyList(stories, events) : '<p>No stories are followed right now.</p>'}`;
  return layout({
    title: single ? 'Follow this story' : 'Follow news stories',
    scripts: [TIME_ZONE_SCRIPT],
    body: `${intro}

<h2 id="receive">What you will receive</h2>
<ul>
<li>A reminder before each event, at the lead times you choose.</li>
<li>A digest of what is coming up, weekly or daily, or none.</li>
<li>An alert straight away if an event is moved or cancelled.</li>
</ul>
<p>We email you a link to confirm first; nothing else is sent until you use it. Every email has a one-click unsubscribe link.</p>

<h2 id="subscribe">Subscribe</h2>
<form method="post" action="/subscriptions" aria-labelledby="subscribe">
<label for="email">Email address</label>
<input id="email" name="email" type="email" required autocomplete="email" inputmode="email" maxlength="254">
${preferenceFields(preferences, events, undefined, stories)}
<div class="hp" aria-hidden="true"><label for="website">Leave this field empty</label><input id="website" name="website" type="text" tabindex="-1" autocomplete="off"></div>
<button type="submit">Subscribe</button>
</form>`,
  });
}

export function checkInboxPage(message: string): Page {
  return messagePage({ title: 'Check your inbox', message, extra: '<p>If nothing arrives within a few minutes, look in your spam folder, or <a href="/">try again</a>.</p>' });
}

function choices(subscriber: Subscriber): string {
  const p = subscriber.preferences;
  const reminders = p.reminders.length ? p.reminders.map((l) => LEAD_LABELS[l].toLowerCase()).join(', ') : 'no reminders';
  return `Reminders: ${esc(reminders)}. Digest: ${esc(p.digest)}. Time zone: ${esc(p.timeZone)}.`;
}

/**
 * Submits the confirmation form by itself once the page is shown to a person, so a reader with scripts on
 * confirms in one click (the link). A mail scanner that fetches the link without running scripts never POSTs,
 * and neither does one that runs them in an automated browser that says so (navigator.webdriver).
 * Allowed by its hash in the page's CSP, like the time-zone script.
 */
export const CONFIRM_SCRIPT = "(function(){var f=document.getElementById('confirm');if(!f||navigator.webdriver)return;var done=false;function go(){if(done||document.visibilityState!=='visible')return;done=true;f.submit()}document.addEventListener('visibilitychange',go);go()})();";

/**
 * What GET (and HEAD) on a confirmation link shows: what would be confirmed, and the button that POSTs it. The
 * token travels in the form's body, so it stays out of the access logs of the POST.
 */
export function confirmPage({ subscriber, token, actionUrl = '/subscriptions/confirm' }: { subscriber: Subscriber; token: string; actionUrl?: string }): Page {
  return layout({
    title: 'Confirm your subscription',
    scripts: [CONFIRM_SCRIPT],
    body: `<h1>Confirm your subscription</h1>
<p>Start Datewatch email for <strong>${esc(maskEmail(subscriber.email))}</strong>.</p>
<p>${choices(subscriber)}</p>
<form id="confirm" method="post" action="${esc(actionUrl)}">
<input type="hidden" name="token" value="${esc(token)}">
<button type="submit">Confirm subscription</button>
</form>
<p class="hint">In a browser that runs scripts, this page confirms by itself as soon as it is shown; otherwise only the
button does. Did not ask for this? The next page links to your preferences, where one click unsubscribes.</p>
<noscript><p class="hint">Scripts are off here: close this page and nothing is confirmed or sent.</p></noscript>`,
  });
}

export function confirmedPage(subscriber: Subscriber, outcome: 'confirmed' | 'already-confirmed', preferencesUrl: string): Page {
  return messagePage({
    title: outcome === 'confirmed' ? 'Subscription confirmed' : 'Already confirmed',
    message: outcome === 'confirmed'
      ? 'Thank you: your subscription is active. Reminders and alerts will come to your inbox.'
      : 'Your subscription was already active; nothing has changed.',
    extra: `<p>${choices(subscriber)}</p>
<p><a href="${esc(preferencesUrl)}">Change your preferences</a></p>`,
  });
}

export function preferencesPage({ subscriber, events, stories = [], actionUrl, unsubscribeUrl, saved = false }: {
  stories?: readonly StoryChoice[];
  subscriber: Subscriber; events: readonly DatedEvent[]; actionUrl: string; unsubscribeUrl: string; saved?: boolean;
}): Page {
  const status = subscriber.status === 'unsubscribed'
    ? '<p class="notice" role="status">You are unsubscribed and receive no email. To receive it again, <a href="/">subscribe again</a>.</p>'
    : subscriber.status === 'pending'
      ? '<p class="notice" role="status">Your subscription is not confirmed yet: use the link in the confirmation email.</p>'
      : '';
  return layout({
    title: 'Your preferences',
    scripts: [TIME_ZONE_SCRIPT_IF_UTC],
    body: `<h1>Your preferences</h1>
${saved ? '<p class="notice" role="status">Saved. Your next emails follow these preferences.</p>' : ''}
${status}
<p>For <strong>${esc(maskEmail(subscriber.email))}</strong>.</p>
<form method="post" action="${esc(actionUrl)}">
${preferenceFields(subscriber.preferences, events, subscriber.preferences.timeZone, stories)}
<button type="submit">Save preferences</button>
</form>
<h2>Stop all email</h2>
<p><a href="${esc(unsubscribeUrl)}">Unsubscribe</a></p>`,
  });
}

/** On the preferences page the stored zone wins; the browser's is offered only while it is still UTC. */
export const TIME_ZONE_SCRIPT_IF_UTC = TIME_ZONE_SCRIPT.replace('if(!s||!z)return;', "if(!s||!z||s.value!=='UTC')return;");

/** GET never unsubscribes (mail scanners prefetch links): it shows the button that POSTs, and where the address stands. */
export function unsubscribePage({ actionUrl, email, status }: { actionUrl: string; email?: string; status?: SubscriberStatus | 'none' }): Page {
  const standing = status === 'unsubscribed' ? '<p class="notice" role="status">This address is already unsubscribed: we send it no email.</p>'
    : status === 'suppressed' ? '<p class="notice" role="status">This address is never mailed: we send it no email.</p>'
      : status === 'none' ? '<p class="notice" role="status">This address has no subscription: we send it no email.</p>'
        : '';
  return layout({
    title: 'Unsubscribe',
    body: `<h1>Unsubscribe</h1>
${standing}
<p>Stop all Datewatch email${email ? ` to <strong>${esc(maskEmail(email))}</strong>` : ''}: reminders, digests and alerts.</p>
<form method="post" action="${esc(actionUrl)}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<fieldset><legend>And afterwards</legend>
<label><input type="checkbox" name="never" value="yes"> Never email this address again, not even to confirm a new sign-up</label>
</fieldset>
<button type="submit">Unsubscribe</button>
</form>`,
  });
}

const UNSUBSCRIBED_MESSAGES: Record<UnsubscribeOutcome, string> = {
  'unsubscribed': 'You are unsubscribed: we will send you no more email, including any already on its way.',
  'already-unsubscribed': 'You were already unsubscribed: we send you no email.',
  'not-subscribed': 'This address has no subscription: we send it no email.',
  'suppressed': 'This address is never mailed (it bounced, reported our mail as spam, or asked never to be mailed): we send it no email.',
  'unknown-address': 'This link belongs to a subscription that no longer exists and does not say which address it was for, so it changed nothing. If our email still reaches you, use the unsubscribe link in the newest one.',
};

/** What the unsubscribe POST did, as the store now says: never more than that. */
export function unsubscribedPage({ outcome, blocked }: Pick<UnsubscribeResult, 'outcome' | 'blocked'>): Page {
  return messagePage({
    title: outcome === 'unknown-address' ? 'Link not recognised' : 'Unsubscribed',
    message: UNSUBSCRIBED_MESSAGES[outcome],
    extra: blocked
      ? '<p>This address will never be mailed again, not even to confirm a new sign-up.</p>'
      : outcome === 'unknown-address' ? '' : '<p>Changed your mind? <a href="/">Subscribe again</a>.</p>',
  });
}

export function errorPage(status: number, message: string): Page {
  const title = status === 429 ? 'Slow down' : status === 404 ? 'Not found' : status >= 500 ? 'Something went wrong' : 'That did not work';
  return messagePage({ title, message, error: true, extra: '<p><a href="/">Back to the subscribe page</a></p>' });
}

/** r•••@example.com: enough for a reader to recognise, not enough to harvest from a forwarded link. */
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at <= 0) return email;
  return `${email.slice(0, 1)}•••${email.slice(at)}`;
}
