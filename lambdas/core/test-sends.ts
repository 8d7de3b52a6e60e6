/**
 * A test send: one preview, mailed to the signed-in editor's own verified address through the real mail path
 * (SES through the configuration set), marked as a test in its subject, its first lines and its SES tag.
 */
import type { Clock } from '#ports/clock.ts';
import type { Mailer } from '#ports/mailer.ts';
import type { RateLimiter } from '#ports/rate-limiter.ts';
import * as v from './validate/index.ts';
import { buildRawMessage } from './email/mime.ts';
import { normaliseEmail } from './subscriber-id.ts';
import { escapeHtml } from './email/fill.ts';
import { ForbiddenError, RateLimitedError, ValidationError } from './errors.ts';
import { maskEmail } from './mask-email.ts';
import { isPreviewKind, PREVIEW_KINDS, previewFields, type PreviewKind, type Previews } from './previews.ts';
import { parseWith } from './validation.ts';
import { dateAndTime } from './when.ts';
import { zoneName } from './zone-names.ts';

/** Who is signed in, from the token the authorizer verified; the address never comes from a request body. */
export interface Editor {
  /** The token's subject. */
  id: string;
  email?: string;
  emailVerified: boolean;
}

export interface TestSendResult {
  sent: true;
  /** The editor's address, masked: the answer may end up in a screenshot. */
  to: string;
  messageId: string;
}

export const TEST_SENDS_PER_HOUR = 10;

/** The preview's fields plus the kind; no recipient field: a `to` or `email` is an unknown field, a 400. */
export const testSendSchema = /* @__PURE__ */ v.lazy(() => v.strictObject({
  kind: v.string({ error: `kind is required: one of ${PREVIEW_KINDS.join(', ')}` }),
  ...previewFields(),
}));

export function makeTestSends({ previews, mailer, rateLimiter, clock, from, perHour = TEST_SENDS_PER_HOUR }: {
  previews: Previews;
  mailer: Mailer;
  rateLimiter: RateLimiter;
  clock: Clock;
  /** The From address of every mail (SENDER_EMAIL). */
  from: string;
  perHour?: number;
}) {
  return {
    async send(editor: Editor, body: unknown): Promise<TestSendResult> {
      const { kind, ...query } = parseWith(testSendSchema, body);
      if (!isPreviewKind(kind)) throw new ValidationError(`kind must be one of ${PREVIEW_KINDS.join(', ')}`, { issues: [{ field: 'kind', message: 'unknown kind' }] });
      if (!editor.email || !editor.emailVerified) {
        throw new ForbiddenError('your account has no verified email address: a test send goes only to the signed-in editor\'s own verified address');
      }
      // The claim is the recipient: only a plain address (no display name, no line break) may become a To header.
      const to = normaliseEmail(editor.email);
      if (!to || to.length !== editor.email.length) {
        throw new ForbiddenError('your account\'s email claim is not a plain address such as name@example.com; ask an administrator to correct it');
      }
      // Rendered without an invitation, which a test send does not carry: the text mentions none.
      const preview = await previews.renderWithoutInvite(kind, query);
      const now = clock.now();
      // Counted once the request is known to be good: a typo costs the editor nothing.
      const decision = await rateLimiter.hit(`test-send#${editor.id}`, perHour, 3600, now);
      if (!decision.allowed) {
        throw new RateLimitedError(`at most ${perHour} test sends an hour; try again in ${Math.ceil(decision.retryAfterSeconds / 60)} minutes`, {
          retryAfterSeconds: decision.retryAfterSeconds,
        });
      }
      const notice = testNotice(kind, preview.asOf, preview.timeZone);
      const raw = buildRawMessage({
        from, to, subject: `[Test] ${preview.subject}`,
        html: withBanner(preview.html, notice), text: `${notice}\n\n${preview.text}`, messageDate: now,
        // Not bulk: no List-Unsubscribe or List-Id. SES reads the tag (kind=test) and strips the header.
        headers: { 'Auto-Submitted': 'auto-generated', 'X-SES-MESSAGE-TAGS': `kind=test, preview=${kind}` },
      });
      const { messageId } = await mailer.sendRaw({ to, raw });
      return { sent: true, to: maskEmail(to), messageId };
    },
  };
}

export type TestSends = ReturnType<typeof makeTestSends>;

const KIND_NAMES: Record<PreviewKind, string> = {
  confirmation: 'the subscription confirmation', reminder: 'a reminder', digest: 'a digest',
  moved: 'a moved alert', cancelled: 'a cancelled alert', confirmed: 'a date confirmed alert', update: 'a story update',
};

/**
 * The banner: a test, to whom, and the moment its words ("Tomorrow", "In 6 days") are true at, on the reader's
 * clock it was rendered for; the Date header is the real moment of sending, which may be another day.
 */
export function testNotice(kind: PreviewKind, asOf: Date, timeZone: string): string {
  return `This is a test send of ${KIND_NAMES[kind]} to you, an editor; readers have not received it. `
    + `It reads as it would on ${dateAndTime(asOf, timeZone)}, ${zoneName(timeZone, asOf)}. It carries no calendar invitation, and its links open nothing.`;
}

/** The notice as the first thing in the body, visible in every client (inline style, as the template's are). */
function withBanner(html: string, notice: string): string {
  const banner = `<div style="background:#fff3cd;color:#5c4400;border-bottom:2px solid #e0b400;padding:10px 16px;font:14px/1.4 Arial,sans-serif;">${escapeHtml(notice)}</div>`;
  const body = /<body[^>]*>/i.exec(html);
  return body ? html.slice(0, body.index + body[0].length) + banner + html.slice(body.index + body[0].length) : banner + html;
}
