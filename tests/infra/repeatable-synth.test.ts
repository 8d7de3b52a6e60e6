import { describe, expect, it } from 'vitest';
import { synth } from './template-helpers.ts';

/*
 * With bundling skipped the function code is a placeholder asset; with bundling (cdk synth) each asset hash is
 * the hash of the esbuild output, so it too changes only when the code does.
 */
describe('synth', () => {
  it('gives identical templates for two synths of the same tree, so an unchanged tree is an empty cdk diff', () => {
    const first = synth();
    const second = synth();
    expect(second.statefulTemplate.toJSON()).toEqual(first.statefulTemplate.toJSON());
    expect(second.statelessTemplate.toJSON()).toEqual(first.statelessTemplate.toJSON());
  });
});
