import { describe, expect, it } from 'vitest';
import { proposeEvents } from '#core/proposals/propose.ts';
import { boundedSentences, splitSentences } from '#core/proposals/sentences.ts';

describe('a story with sentences far longer than news sentences', () => {
  it('is read in pieces of at most the bound, each pointing into the text, never cutting a date at its comma', () => {
    // Prepare
    const text = `Opening. ${'The talks on Dec. 3, 2016 and on 1,000 other days, '.repeat(60)}end.`;
    // Act
    const pieces = boundedSentences(splitSentences(text), 200);
    // Assess
    expect(pieces.length).toBeGreaterThan(10);
    for (const p of pieces) {
      expect(p.text.length).toBeLessThanOrEqual(200);
      expect(text.slice(p.start, p.end)).toBe(p.text);
      expect(p.text).not.toMatch(/(Dec\. 3,|1,)$/);
    }
    expect(pieces.map((p) => p.text).join(' ').replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' '));
  });

  it('keeps sentences within the bound as they are', () => {
    const sentences = splitSentences('Abe will visit Lima on Saturday. Putin arrives in Tokyo on Dec. 15.');
    expect(boundedSentences(sentences, 1000)).toEqual(sentences);
  });

  it('proposes one event for a date listed thousands of times, as for a date written once', () => {
    // Act
    const once = proposeEvents({ text: 'Dec. 3, ', publishedOn: '2016-11-19', publisher: 'Kyodo News' });
    const many = proposeEvents({ text: 'Dec. 3, '.repeat(7500), publishedOn: '2016-11-19', publisher: 'Kyodo News' });
    // Assess
    expect(many.events.map((e) => e.date)).toEqual(['2016-12-03']);
    expect(once.events.map((e) => e.date)).toEqual(['2016-12-03']);
  });
});
