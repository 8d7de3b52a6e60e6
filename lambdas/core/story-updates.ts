/**
 * Story updates: an editor writes a short note (subject, and a body in plain text or the small Markdown of
 * email/markdown.ts) to a story's followers. Posting stores it pending; the next dispatcher run makes one job of
 * kind 'update' from it, fanned out over every zone to the story's followers who have not turned updates off,
 * re-checked and sent once per reader through the ledger, like every other mail.
 */
import { createHash } from 'node:crypto';
import type { Clock } from '#ports/clock.ts';
import type { JobStore } from '#ports/job-store.ts';
import type { StoryStore } from '#ports/story-store.ts';
import type { UpdateStore } from '#ports/update-store.ts';
import { renderUpdate, UpdateTooLargeError } from './email/render-update.ts';
import { ConflictError, NotFoundError, ValidationError } from './errors.ts';
import { SLUG } from './fields.ts';
import type { JobsAdmin, JobProgress } from './jobs-admin.ts';
import { updateJobId, type SendJob } from './model/job.ts';
import { storyIsLive, type Story, storyRef } from './model/story.ts';
import { updateView, type StoryUpdate, type StoryUpdateView } from './model/story-update.ts';
import { parseWith } from './validation.ts';
import { updateRequestSchema } from './story-update-request.ts';

/** An update in a story's list, with its job (and the job's progress) once the dispatcher made one. */
export interface StoryUpdateListItem extends StoryUpdateView {
  job: (Pick<SendJob, 'id' | 'status' | 'dueAt' | 'recipients' | 'reason'> & { progress?: JobProgress }) | null;
}

const LIST_LIMIT = 50;

export { UPDATE_BODY_MAX, UPDATE_SUBJECT_MAX, updateRequestSchema } from './story-update-request.ts';

/** Printable ASCII without spaces, as a header carries it (a UUID is the usual choice). */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,100}$/;

export interface StoryUpdatesDeps {
  updates: UpdateStore;
  stories: Pick<StoryStore, 'get'>;
  jobs: Pick<JobStore, 'get'>;
  /** Each dispatched update's progress (sent, skipped, delivered …); absent: the list shows the job alone. */
  progress?: JobsAdmin['progressOf'];
  clock: Clock;
}

export function makeStoryUpdates({ updates, stories, jobs, progress, clock }: StoryUpdatesDeps) {
  async function mustStory(id: string): Promise<Story> {
    const story = SLUG.test(id) ? await stories.get(id) : undefined;
    if (!story) throw new NotFoundError(`no story with id "${id}"`);
    return story;
  }

  /** The same key with the same request is the first result again; with another request, a conflict that says so. */
  function replay(existing: StoryUpdate, requestHash: string): { update: StoryUpdateView; created: false } {
    if (existing.requestHash !== requestHash) {
      throw new ConflictError('this Idempotency-Key was used for another update of this story (a different subject or body); send a new key for a new update', {
        updateId: existing.id,
      });
    }
    return { update: updateView(existing), created: false };
  }

  return {
    /**
     * Stores an update to the story's followers, pending until the next dispatcher run. `Idempotency-Key` is
     * required (1–100 printable characters) and scoped to the story: the same key and request again answer the
     * first result and send nothing more.
     */
    async post(storyId: string, idempotencyKey: string | undefined, body: unknown): Promise<{ update: StoryUpdateView; created: boolean }> {
      const key = idempotencyKey?.trim() ?? '';
      if (!IDEMPOTENCY_KEY.test(key)) {
        throw new ValidationError('send an Idempotency-Key header of 1 to 100 printable characters without spaces (a new UUID per update); a retry with the same key sends nothing twice');
      }
      const request = parseWith(updateRequestSchema, body);
      const story = await mustStory(storyId);
      const id = createHash('sha256').update(key).digest('hex').slice(0, 24);
      const requestHash = createHash('sha256').update(JSON.stringify([request.subject, request.body])).digest('base64url');
      const existing = await updates.get(story.id, id);
      if (existing) return replay(existing, requestHash);
      if (!storyIsLive(story)) throw new ConflictError(`the story is ${story.status}; updates go only to the followers of an active story`);
      // Refuse here what the sender could not send: a body whose HTML mail clients would clip.
      try {
        renderUpdate({
          story: storyRef(story), ...request,
          readerTimeZone: 'UTC', links: { preferencesUrl: 'https://example.invalid/p', unsubscribeUrl: 'https://example.invalid/u' },
          storyPageUrl: `https://example.invalid/stories/${story.id}`, now: clock.now(),
        });
      } catch (err) {
        if (err instanceof UpdateTooLargeError) throw new ValidationError(`body: ${err.message}`);
        throw err;
      }
      const update: StoryUpdate = { id, storyId: story.id, ...request, status: 'pending', createdAt: clock.now().toISOString(), requestHash };
      if (await updates.create(update)) return { update: updateView(update), created: true };
      // Two requests with one key at once: the other stored first.
      const raced = await updates.get(story.id, id);
      if (!raced) throw new Error(`update ${id} exists but could not be read`);
      return replay(raced, requestHash);
    },

    /** A story's updates, newest first (at most 50), each with its job's status once dispatched. */
    async list(storyId: string): Promise<{ updates: StoryUpdateListItem[] }> {
      const story = await mustStory(storyId);
      const list = await updates.listByStory(story.id, LIST_LIMIT);
      const found = await Promise.all(list.map((u) => jobs.get(updateJobId(u.storyId, u.id))));
      const progressed = progress
        ? await progress(found.filter((j) => j !== undefined))
        : new Map<string, JobProgress>();
      const withJobs = list.map((u, i) => {
        const job = found[i];
        return {
          ...updateView(u),
          job: job ? {
            id: job.id, status: job.status, dueAt: job.dueAt,
            ...(job.recipients !== undefined ? { recipients: job.recipients } : {}),
            ...(job.reason ? { reason: job.reason } : {}),
            ...(progressed.has(job.id) ? { progress: progressed.get(job.id)! } : {}),
          } : null,
        };
      });
      return { updates: withJobs };
    },

    /** One update, for a preview of it. */
    async get(storyId: string, updateId: string): Promise<StoryUpdate> {
      const update = SLUG.test(storyId) ? await updates.get(storyId, updateId) : undefined;
      if (!update) throw new NotFoundError(`story "${storyId}" has no update with id "${updateId}"`);
      return update;
    },
  };
}

export type StoryUpdates = ReturnType<typeof makeStoryUpdates>;
