/** One step of the lifecycle model: named, counted, run, then judged (mail) and audited (counters, jobs). */
import type fc from 'fast-check';
import type { Sequence, World } from './world.ts';

export interface Ctx {
  world: World;
  seq: Sequence;
}
export type Cmd = fc.AsyncCommand<Ctx, Ctx, false>;

/** Runs one step: names it, counts it, runs it, then judges the mail it caused. */
export abstract class Step implements Cmd {
  abstract label(): string;
  abstract act(ctx: Ctx): Promise<void>;
  check(_m: Readonly<Ctx>): boolean {
    return true;
  }
  async run(_m: Ctx, ctx: Ctx): Promise<void> {
    const { seq, world } = ctx;
    seq.oracle.step++;
    const label = this.label().replaceAll('{q}', `q${seq.id}`).replaceAll('{Q}', `Q${seq.id}`);
    seq.current = `step ${seq.oracle.step} ${label}`;
    stepsRun.count++;
    seq.trace.push(this.label());
    await this.act(ctx);
    await world.observe(seq);
    await world.audit(seq);
  }
  toString(): string {
    return this.label();
  }
}

/** Steps run in all sequences (shrinking included), for the summary line. */
export const stepsRun = { count: 0 };
