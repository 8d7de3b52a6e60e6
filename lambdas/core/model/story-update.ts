/** An editor's note to a story's followers, as stored, and what the admin API shows of it. */
export interface StoryUpdate {
  /** Derived from the story and the request's Idempotency-Key, so the same request cannot store two updates. */
  id: string;
  storyId: string;
  subject: string;
  body: string;
  /** 'pending' until the dispatcher made its job, then 'dispatched'. */
  status: 'pending' | 'dispatched';
  createdAt: string;
  dispatchedAt?: string;
  /** A hash of the request's subject and body: the same key with another request is refused, not replayed. */
  requestHash: string;
}

/** What the admin API shows of an update (the request hash stays inside). */
export interface StoryUpdateView {
  id: string;
  storyId: string;
  subject: string;
  body: string;
  status: StoryUpdate['status'];
  createdAt: string;
  dispatchedAt?: string;
}

export const updateView = ({ requestHash: _hash, ...view }: StoryUpdate): StoryUpdateView => view;
