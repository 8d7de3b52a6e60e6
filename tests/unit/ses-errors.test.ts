import { describe, expect, it } from 'vitest';
import {
  AccountSendingPausedException, ConfigurationSetDoesNotExistException, ConfigurationSetSendingPausedException,
  MailFromDomainNotVerifiedException, MessageRejected, SESServiceException,
} from '@aws-sdk/client-ses';
import { classifySesError } from '#adapters/ses/mailer.ts';
import { MailerForbiddenError, MailerNotReadyError, MailerRejectedError, MailerThrottledError } from '#ports/mailer.ts';

const meta = { $metadata: {} };
/** An error as the SDK raises one it has no class for (the query protocol's common errors). */
const serviceError = (name: string, message: string) => new SESServiceException({ name, message, $fault: 'client', ...meta });

describe('SES errors sorted into what the sender does about them', () => {
  it.each([
    ['the sandbox refusing a recipient', new MessageRejected({ message: 'Email address is not verified. The following identities failed the check in region EU-WEST-1: reader@example.com', ...meta })],
    ['an unverified From identity', new MessageRejected({ message: 'Email address is not verified. The following identities failed the check in region US-EAST-1: alerts@example.com', ...meta })],
    ['a paused account', new AccountSendingPausedException({ message: 'Sending is paused for this account.', ...meta })],
    ['a missing configuration set', new ConfigurationSetDoesNotExistException({ message: 'Configuration set <x> does not exist.', ConfigurationSetName: 'x', ...meta })],
    ['a paused configuration set', new ConfigurationSetSendingPausedException({ message: 'paused', ConfigurationSetName: 'x', ...meta })],
    ['an unverified MAIL FROM domain', new MailFromDomainNotVerifiedException({ message: 'MAIL FROM not verified', ...meta })],
  ])('%s: the account is not ready, so the mail is retried and the sender alarms', (_what, err) => {
    expect(classifySesError(err)).toBeInstanceOf(MailerNotReadyError);
    const notReady = classifySesError(err) as MailerNotReadyError;
    expect(notReady.code).toBe(err.name);
    expect(notReady.detail).toBe(err.message);
    // What Lambda would log of an uncaught error names no address.
    expect(notReady.message).not.toMatch(/@/);
  });

  it.each([
    ['the query API', serviceError('AccessDenied', 'User reader@example.com is not authorized to perform ses:SendRawEmail')],
    ['SESv2', serviceError('AccessDeniedException', 'User is not authorized to perform ses:SendEmail')],
  ])('a role that may not send (%s) is a configuration error, not an account that is not ready', (_what, err) => {
    const classified = classifySesError(err);
    expect(classified).toBeInstanceOf(MailerForbiddenError);
    expect(classified).not.toBeInstanceOf(MailerNotReadyError);
    expect((classified as Error).message).not.toMatch(/@/);
  });

  it.each([
    ['a suppressed address', new MessageRejected({ message: 'Address blacklisted.', ...meta })],
    ['a malformed address', serviceError('InvalidParameterValue', "Missing final '@domain'")],
  ])('%s: only this reader is skipped', (_what, err) => {
    expect(classifySesError(err)).toBeInstanceOf(MailerRejectedError);
  });

  it('throttling and the maximum send rate mean slow down; anything else is passed on as it is', () => {
    expect(classifySesError(serviceError('Throttling', 'Rate exceeded'))).toBeInstanceOf(MailerThrottledError);
    expect(classifySesError(serviceError('Throttling', 'Maximum sending rate exceeded.'))).toBeInstanceOf(MailerThrottledError);
    const timeout = Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
    expect(classifySesError(timeout)).toBe(timeout);
  });
});
