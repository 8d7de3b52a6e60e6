/** The reader-facing pages: server-rendered, escaped, usable without JavaScript. */
import type { DatedEvent } from '../model/event.ts';
import type { Story } from '../model/story.ts';
import type { Subscriber, SubscriberStatus } from '../model/subscriber.ts';
import type { UnsubscribeOutcome, UnsubscribeResult } from '../subscriptions.ts';
import { DEFAULT_PREFERENCES } from '../subscription-schema.ts';
import { longDate } from '../when.ts';
import { esc, layout, messagePage, type Page } from './layout.ts';
import { eventWhen, preferenceFields, type StoryChoice } from './preference-fields.ts';
import { pageWordsFor } from '../i18n/page-words.ts';
import type { ReaderPageWords } from '../i18n/messages.ts';
import { type Localized, textHtml } from '../i18n/localize.ts';
import { languageOf, type Language } from '../model/language.ts';
import { languageName } from '../i18n/language-names.ts';
import { maskEmail } from '../mask-email.ts';

export { maskEmail };

const wordsOf = (lang: Language): ReaderPageWords => pageWordsFor(lang).pages;

/**
 * The only script: picks the browser's zone in the select (the page works with UTC when scripts are off).
 * Allowed by its hash in the page's CSP, so no 'unsafe-inline'.
 */
export const TIME_ZONE_SCRIPT = "(function(){var s=document.getElementById('timeZone');var z;try{z=Intl.DateTimeFormat().resolvedOptions().timeZone}catch(e){}if(!s||!z)return;for(var i=0;i<s.options.length;i++){if(s.options[i].value===z){s.value=z;return}}var o=document.createElement('option');o.value=z;o.textContent=z;s.insertBefore(o,s.firstChild);s.value=z})();";

type PageEvent = Localized<DatedEvent>;

function eventList(events: readonly PageEvent[], lang: Language): string {
  const w = wordsOf(lang);
  if (events.length === 0) return `<p>${esc(w.noEventsComing)}</p>`;
  return `<ul class="events">${events.map((e) => `<li><strong>${textHtml(e, 'title', lang)}</strong><br>${esc(eventWhen(e, undefined, lang))}, `
    + `${textHtml(e, 'place', lang)}${e.status === 'cancelled' ? ` <em>${esc(w.cancelledMark)}</em>` : ''}</li>`).join('')}</ul>`;
}

type StorySummary = StoryChoice & Pick<Story, 'summary'>;

function storyList(stories: readonly StorySummary[], events: readonly PageEvent[], lang: Language): string {
  return stories.map((s) => `<h3><a href="/stories/${encodeURIComponent(s.id)}">${textHtml(s, 'title', lang)}</a></h3>
<p class="hint">${esc(s.publisher)}, ${esc(longDate(s.publishedOn, lang))}</p>
${eventList(events.filter((e) => e.storyId === s.id), lang)}`).join('\n');
}

/**
 * The front page: the stories Datewatch follows with their upcoming events, and the subscribe form. With one
 * story (or `only` naming one, from its page's "Follow" link) it reads as that story's page.
 */
export function subscribePage({ stories, events, only, language = 'en' }: {
  stories: readonly StorySummary[]; events: readonly PageEvent[]; only?: string;
  /** The page's language, from `?lang=` or the browser's Accept-Language: the form preselects it. */
  language?: Language;
}): Page {
  const w = wordsOf(language);
  const single = stories.length === 1 ? stories[0] : stories.find((s) => s.id === only);
  const base = { ...DEFAULT_PREFERENCES, language };
  const preferences = single && stories.length > 1 ? { ...base, stories: [single.id] } : base;
  const intro = single
    ? `<h1>${w.followStory(textHtml(single, 'title', language))}</h1>
<p>${w.reportedOn(esc(single.publisher), esc(longDate(single.publishedOn, language)))}</p>

<h2 id="upcoming">${esc(w.comingUp)}</h2>
${eventList(events.filter((e) => e.storyId === single.id), language)}
${stories.length > 1 ? `<p><a href="/">${esc(w.allStoriesLink)}</a></p>` : ''}`
    : `<h1>${esc(w.followHeading)}</h1>
<p>${esc(w.followIntro)}</p>

<h2 id="upcoming">${esc(w.storiesHeading)}</h2>
${stories.length ? storyList(stories, events, language) : `<p>${esc(w.noStories)}</p>`}`;
  return layout({
    title: single ? w.followTitle : w.followAllTitle,
    scripts: [TIME_ZONE_SCRIPT],
    language,
    languageLinks: (l) => `/?${only ? `story=${encodeURIComponent(only)}&` : ''}lang=${l}`,
    body: `${intro}

<h2 id="receive">${esc(w.receiveHeading)}</h2>
<ul>
${w.receive.map((r) => `<li>${esc(r)}</li>`).join('\n')}
</ul>
<p>${esc(w.confirmFirst)}</p>

<h2 id="subscribe">${esc(w.subscribeHeading)}</h2>
<form method="post" action="/subscriptions" aria-labelledby="subscribe">
<label for="email">${esc(w.emailLabel)}</label>
<input id="email" name="email" type="email" required autocomplete="email" inputmode="email" maxlength="254">
${preferenceFields(preferences, events, undefined, stories, language)}
<div class="hp" aria-hidden="true"><label for="website">${esc(w.honeypot)}</label>`
  + `<input id="website" name="website" type="text" tabindex="-1" autocomplete="off"></div>
<button type="submit">${esc(w.subscribeButton)}</button>
</form>`,
  });
}

/** After a sign-up: the words are the page's own (the API's message stays English for programs). */
export function checkInboxPage(language: Language = 'en'): Page {
  const w = wordsOf(language);
  return messagePage({ title: w.checkInboxTitle, message: w.checkInboxMessage, extra: w.checkInboxExtraHtml, language });
}

function choices(subscriber: Subscriber): string {
  const p = subscriber.preferences;
  const lang = languageOf(p);
  const w = wordsOf(lang);
  const reminders = p.reminders.length ? p.reminders.map((l) => w.leadLabels[l].toLowerCase()).join(lang === 'ja' ? '、' : ', ') : w.noReminders;
  return esc(w.choices(reminders, w.digestNames[p.digest], p.timeZone, p.language ? languageName(p.language) : ''));
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
  const language = languageOf(subscriber.preferences);
  const w = wordsOf(language);
  return layout({
    title: w.confirmTitle,
    scripts: [CONFIRM_SCRIPT],
    language,
    body: `<h1>${esc(w.confirmTitle)}</h1>
<p>${w.confirmStartHtml(esc(maskEmail(subscriber.email)))}</p>
<p>${choices(subscriber)}</p>
<form id="confirm" method="post" action="${esc(actionUrl)}">
<input type="hidden" name="token" value="${esc(token)}">
<button type="submit">${esc(w.confirmButton)}</button>
</form>
<p class="hint">${w.confirmHintHtml}</p>
<noscript><p class="hint">${esc(w.confirmNoScript)}</p></noscript>`,
  });
}

export function confirmedPage(subscriber: Subscriber, outcome: 'confirmed' | 'already-confirmed', preferencesUrl: string): Page {
  const language = languageOf(subscriber.preferences);
  const w = wordsOf(language);
  return messagePage({
    language,
    title: outcome === 'confirmed' ? w.confirmedTitle : w.alreadyConfirmedTitle,
    message: outcome === 'confirmed' ? w.confirmedMessage : w.alreadyConfirmedMessage,
    extra: `<p>${choices(subscriber)}</p>
<p><a href="${esc(preferencesUrl)}">${esc(w.changePreferences)}</a></p>`,
  });
}

export function preferencesPage({ subscriber, events, stories = [], actionUrl, unsubscribeUrl, saved = false }: {
  stories?: readonly StoryChoice[];
  subscriber: Subscriber; events: readonly PageEvent[]; actionUrl: string; unsubscribeUrl: string; saved?: boolean;
}): Page {
  const language = languageOf(subscriber.preferences);
  const w = wordsOf(language);
  const status = subscriber.status === 'unsubscribed'
    ? `<p class="notice" role="status">${w.unsubscribedNoticeHtml}</p>`
    : subscriber.status === 'pending'
      ? `<p class="notice" role="status">${esc(w.pendingNotice)}</p>`
      : '';
  return layout({
    title: w.preferencesTitle,
    scripts: [TIME_ZONE_SCRIPT_IF_UTC],
    language,
    body: `<h1>${esc(w.preferencesTitle)}</h1>
${saved ? `<p class="notice" role="status">${esc(w.savedNotice)}</p>` : ''}
${status}
<p>${w.forEmailHtml(esc(maskEmail(subscriber.email)))}</p>
<form method="post" action="${esc(actionUrl)}">
${preferenceFields(subscriber.preferences, events, subscriber.preferences.timeZone, stories, language)}
<button type="submit">${esc(w.saveButton)}</button>
</form>
<h2>${esc(w.stopAllHeading)}</h2>
<p><a href="${esc(unsubscribeUrl)}">${esc(w.unsubscribeLink)}</a></p>`,
  });
}

/** On the preferences page the stored zone wins; the browser's is offered only while it is still UTC. */
export const TIME_ZONE_SCRIPT_IF_UTC = TIME_ZONE_SCRIPT.replace('if(!s||!z)return;', "if(!s||!z||s.value!=='UTC')return;");

/** GET never unsubscribes (mail scanners prefetch links): it shows the button that POSTs, and where the address stands. */
export function unsubscribePage({ actionUrl, email, status, language = 'en' }: {
  actionUrl: string; email?: string; status?: SubscriberStatus | 'none'; language?: Language;
}): Page {
  const w = wordsOf(language);
  const notice = (text: string) => `<p class="notice" role="status">${esc(text)}</p>`;
  const standing = status === 'unsubscribed' ? notice(w.alreadyUnsubscribedStanding)
    : status === 'suppressed' ? notice(w.suppressedStanding)
      : status === 'none' ? notice(w.noneStanding)
        : '';
  return layout({
    title: w.unsubscribeTitle,
    language,
    body: `<h1>${esc(w.unsubscribeTitle)}</h1>
${standing}
<p>${w.stopAllHtml(email ? esc(maskEmail(email)) : undefined)}</p>
<form method="post" action="${esc(actionUrl)}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<fieldset><legend>${esc(w.afterwards)}</legend>
<label><input type="checkbox" name="never" value="yes"> ${esc(w.neverLabel)}</label>
</fieldset>
<button type="submit">${esc(w.unsubscribeButton)}</button>
</form>`,
  });
}

/** What the unsubscribe POST did, as the store now says: never more than that. */
export function unsubscribedPage({ outcome, blocked }: Pick<UnsubscribeResult, 'outcome' | 'blocked'>, language: Language = 'en'): Page {
  const w = wordsOf(language);
  return messagePage({
    language,
    title: outcome === 'unknown-address' ? w.notRecognisedTitle : w.unsubscribedTitle,
    message: w.unsubscribed[outcome satisfies UnsubscribeOutcome],
    extra: blocked
      ? `<p>${esc(w.blocked)}</p>`
      : outcome === 'unknown-address' ? '' : `<p>${w.changedMindHtml}</p>`,
  });
}

export function errorPage(status: number, message: string, language: Language = 'en'): Page {
  const t = wordsOf(language).errorTitles;
  const title = status === 429 ? t.slowDown : status === 404 ? t.notFound : status >= 500 ? t.wentWrong : t.didNotWork;
  return messagePage({ title, message, error: true, extra: `<p><a href="/">${esc(wordsOf(language).backToSubscribe)}</a></p>`, language });
}

