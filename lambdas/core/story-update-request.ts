import * as v from './validate/index.ts';
import { oneLine, text } from './fields.ts';

/**
 * What an editor sends to write to a story's followers. Schema only, apart from the use case, so that the API's
 * description (lambdas/openapi/) can use it without pulling the mail renderer into the public API's bundle.
 */
export const UPDATE_SUBJECT_MAX = 150;
export const UPDATE_BODY_MAX = 10_000;

/** The subject and the body, as a preview of a draft takes them too (preview-query.ts). */
export const updateFields = () => ({
  subject: oneLine('subject', UPDATE_SUBJECT_MAX),
  body: text('body', UPDATE_BODY_MAX),
});

/** Built on first use, as the event schemas are (model/event.ts says why). */
export const updateRequestSchema = /* @__PURE__ */ v.lazy(() => v.strictObject(updateFields()));
