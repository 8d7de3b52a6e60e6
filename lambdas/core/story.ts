import storyFile from '../data/story.json' with { type: 'json' };
import { createEventSchema, type EventInput } from './event.ts';
import { parseWith } from './validation.ts';

export interface Story {
  title: string;
  publisher: string;
  date: string;
  place: string;
  /** Undated context that digests carry beside the events. */
  context: string[];
}

export interface StoryEvent extends EventInput {
  id: string;
}

export const story: Story = storyFile.story;

/** The story's events, checked against the same schema the admin API applies. */
export const storyEvents: StoryEvent[] = storyFile.events.map(({ id, ...rest }) => ({ id, ...parseWith(createEventSchema, rest) as EventInput }));
