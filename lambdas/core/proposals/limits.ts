/** How long a story may be, and the request body that carries it: one module, so the two cannot disagree. */

/** Characters (UTF-16 code units, as zod counts them) of a story's text. */
export const MAX_STORY_CHARS = 60_000;

/**
 * The largest JSON body a story within the limit can take: six bytes a character (a control character escaped
 * as \uXXXX; UTF-8 needs at most three), plus room for the publisher, dateline, date and the keys.
 */
export const MAX_PROPOSAL_BODY_BYTES = MAX_STORY_CHARS * 6 + 4 * 1024;
