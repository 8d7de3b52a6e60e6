import { describe, expect, it } from 'vitest';
import { routes } from '#lambdas/routes.ts';
import { matchRoute } from '#local/route-match.ts';
import { makeLocalClock } from '#local/clock.ts';
import { readClock } from '#core/stack-clock.ts';
import { systemClock } from '#adapters/system-clock.ts';

describe('route table', () => {
  it('matches path parameters and decodes them', () => {
    const m = matchRoute('GET', '/admin/subscribers/reader%40example.com', routes);
    expect(m && 'route' in m && m.params).toEqual({ email: 'reader@example.com' });
  });
  it('tells which methods a known path allows', () => {
    expect(matchRoute('PUT', '/admin/events/x', routes)).toEqual({ allowed: ['GET', 'PATCH', 'DELETE'] });
    expect(matchRoute('GET', '/nowhere', routes)).toBeUndefined();
  });
  it('sends /console/ and any other path under it to the greedy route, after every exact one', () => {
    const slash = matchRoute('GET', '/console/', routes);
    expect(slash && 'route' in slash && [slash.route.path, slash.params]).toEqual(['/console/{rest+}', { rest: '' }]);
    const script = matchRoute('GET', '/console/app.js', routes);
    expect(script && 'route' in script && script.route.path).toBe('/console/app.js');
    const deeper = matchRoute('GET', '/console/stories/x', routes);
    expect(deeper && 'route' in deeper && deeper.params).toEqual({ rest: 'stories/x' });
    expect(matchRoute('GET', '/consoles', routes)).toBeUndefined();
  });
  it('puts every /admin path, and only those, behind the admin check', () => {
    for (const r of routes) expect(r.admin).toBe(r.path.startsWith('/admin/'));
  });
});

describe('local clock', () => {
  it('replays from the story date at the given speed', () => {
    let real = 1_000_000;
    const clock = makeLocalClock('replay', { speed: 3600, realNow: () => real });
    expect(clock.now().toISOString()).toBe('2016-11-19T15:00:00.000Z');
    real += 2000;
    expect(clock.now().toISOString()).toBe('2016-11-19T17:00:00.000Z');
    expect(() => clock.set(new Date())).toThrow(/CLOCK=manual/);
  });
  it('tells the console how it runs: a replay its speed, a manual clock 0, the wall clock real time', () => {
    const replay = makeLocalClock('replay', { speed: 3600, realNow: () => 1_000_000 });
    expect(readClock(replay)).toEqual({
      now: '2016-11-19T15:00:00.000Z', simulated: true, speed: 3600, mode: 'replay',
    });
    expect(readClock(makeLocalClock('manual'))).toMatchObject({ simulated: true, speed: 0, mode: 'manual' });
    expect(readClock(makeLocalClock('real', { realNow: () => 0 }))).toEqual({
      now: '1970-01-01T00:00:00.000Z', simulated: false, speed: 1, mode: 'real',
    });
    const wall = readClock(systemClock);
    expect([wall.simulated, wall.speed, 'mode' in wall]).toEqual([false, 1, false]);
  });
  it('stands still when manual and only moves forward', () => {
    const clock = makeLocalClock('manual');
    clock.set(new Date('2016-11-26T00:00:00Z'));
    clock.set(new Date('2016-11-25T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2016-11-26T00:00:00.000Z');
  });
});
