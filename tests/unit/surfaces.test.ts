import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPER, RACE_OPTIMIZERS, type Hyper, type RaceOptimizer } from '../../src/models/optimizers';
import { createRace, MAX_RACE_STEPS, raceFinished, stepRace } from '../../src/models/race';
import { SURFACE_IDS, SURFACES } from '../../src/models/surfaces';
import { createRng } from '../../src/data/rng';

const hyperFor = (id: keyof typeof SURFACES): Record<RaceOptimizer, Hyper> =>
  Object.fromEntries(RACE_OPTIMIZERS.map((o) => [o, { ...DEFAULT_HYPER, lr: SURFACES[id].lr[o] }])) as Record<RaceOptimizer, Hyper>;

describe('surfaces', () => {
  it.each(SURFACE_IDS)('%s: the analytic gradient matches central finite differences', (id) => {
    const s = SURFACES[id];
    const rng = createRng(7);
    for (let k = 0; k < 50; k++) {
      const x = s.x[0] + rng.next() * (s.x[1] - s.x[0]);
      const y = s.y[0] + rng.next() * (s.y[1] - s.y[0]);
      const h = 1e-5;
      const fx = (s.f(x + h, y) - s.f(x - h, y)) / (2 * h);
      const fy = (s.f(x, y + h) - s.f(x, y - h)) / (2 * h);
      const [gx, gy] = s.grad(x, y);
      const scale = 1 + Math.abs(fx) + Math.abs(fy);
      expect(Math.abs(gx - fx) / scale).toBeLessThan(1e-5);
      expect(Math.abs(gy - fy) / scale).toBeLessThan(1e-5);
    }
  });

  it.each(SURFACE_IDS)('%s: the gradient vanishes at each listed minimum, which lies in the window', (id) => {
    const s = SURFACES[id];
    for (const [x, y] of s.minima) {
      const [gx, gy] = s.grad(x, y);
      expect(Math.hypot(gx, gy)).toBeLessThan(1e-3);
      expect(x).toBeGreaterThanOrEqual(s.x[0]);
      expect(x).toBeLessThanOrEqual(s.x[1]);
      expect(y).toBeGreaterThanOrEqual(s.y[0]);
      expect(y).toBeLessThanOrEqual(s.y[1]);
    }
    // the window is 3:2 like the map, so contours are not stretched
    expect((s.x[1] - s.x[0]) / (s.y[1] - s.y[0])).toBeCloseTo(1.5, 9);
  });
});

describe('the race', () => {
  it.each(SURFACE_IDS)('%s: from the default start with the default rates no optimizer diverges and each lowers the loss', (id) => {
    const s = SURFACES[id];
    const race = createRace(s, s.start);
    const f0 = s.f(...s.start);
    for (let k = 0; k < 500; k++) stepRace(race, hyperFor(id));
    for (const lane of race.lanes) {
      expect(lane.diverged, lane.opt).toBe(false);
      expect(lane.loss, lane.opt).toBeLessThan(f0);
      expect(lane.path.length).toBe(2 * 501);
      expect(lane.losses.length).toBe(501);
      expect(lane.losses[500]).toBe(lane.loss);
    }
  });

  it.each(SURFACE_IDS)('%s: the seven trajectories differ from each other', (id) => {
    const s = SURFACES[id];
    const race = createRace(s, s.start);
    for (let k = 0; k < 20; k++) stepRace(race, hyperFor(id));
    const ends = race.lanes.map((l) => l.path.slice(0, 2 * 21).join(','));
    expect(new Set(ends).size).toBe(RACE_OPTIMIZERS.length);
  });

  it('on the several-minima surface the optimizers do not all end in the same minimum', () => {
    const s = SURFACES.minima;
    const race = createRace(s, s.start);
    for (let k = 0; k < 600; k++) stepRace(race, hyperFor('minima'));
    const which = race.lanes.map((l) => s.minima.findIndex(([mx, my]) => Math.hypot(mx - l.state.params[0], my - l.state.params[1]) < 0.3));
    expect(which).not.toContain(-1);
    expect(new Set(which).size).toBeGreaterThan(1);
  });

  it('the noisy bowl gives every optimizer the same noise, and a seed reproduces the race', () => {
    const s = SURFACES.noisy;
    const hyper = hyperFor('noisy');
    for (const o of RACE_OPTIMIZERS) hyper[o] = { ...hyper[o], lr: 0.05 };
    const a = createRace(s, s.start, 3);
    const b = createRace(s, s.start, 3);
    const c = createRace(s, s.start, 4);
    stepRace(a, hyper);
    stepRace(b, hyper);
    stepRace(c, hyper);
    // SGD's first step is start − η(∇f + noise): the noise is there and reproducible
    const sgd = (r: typeof a) => r.lanes.find((l) => l.opt === 'sgd')!.state.params;
    expect(sgd(a)).toEqual(sgd(b));
    expect(sgd(a)).not.toEqual(sgd(c));
    const [gx] = s.grad(...s.start);
    expect(sgd(a)[0]).not.toBeCloseTo(s.start[0] - 0.05 * gx, 6);
  });

  it('a lane that blows up is marked diverged and stops; the race ends when all have, or at the step limit', () => {
    const s = SURFACES.ravine;
    const hyper = hyperFor('ravine');
    for (const o of RACE_OPTIMIZERS) hyper[o] = { ...hyper[o], lr: 1e6 };
    hyper.adagrad = { ...hyper.adagrad, lr: 0.1 };
    const race = createRace(s, s.start);
    for (let k = 0; k < 50; k++) stepRace(race, hyper);
    const sgd = race.lanes.find((l) => l.opt === 'sgd')!;
    expect(sgd.diverged).toBe(true);
    expect(sgd.path.every(Number.isFinite)).toBe(true);
    expect(race.lanes.find((l) => l.opt === 'adagrad')!.diverged).toBe(false);
    expect(raceFinished(race)).toBe(false);
    for (let k = 0; k < MAX_RACE_STEPS; k++) stepRace(race, hyper);
    expect(race.step).toBe(MAX_RACE_STEPS);
    expect(raceFinished(race)).toBe(true);
  });
});
