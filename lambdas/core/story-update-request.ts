import * as z from './zod.ts';
import { oneLine, text } from './fields.ts';

/**
 * What an editor sends to write to a story's followers. Schema only, apart from the use case, so that the API's
 * description (lambdas/openapi/) can use it without pulling the mail renderer into the public API's bundle.
 */
export const UPDATE_SUBJECT_MAX = 150;
export const UPDATE_BODY_MAX = 10_000;

export const updateRequestSchema = z.strictObject({
  subject: oneLine('subject', UPDATE_SUBJECT_MAX),
  body: text('body', UPDATE_BODY_MAX),
});
