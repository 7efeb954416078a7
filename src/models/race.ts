import { createRng, type Rng } from '../data/rng';
import { initState, optimizerStep, RACE_OPTIMIZERS, type Hyper, type OptState, type RaceOptimizer } from './optimizers';
import type { Surface } from './surfaces';

/**
 * The race itself: every optimizer descending one surface from one start. The optimizer steps are
 * pure (optimizers.ts); this small container owns what grows — each lane's path — and is mutated
 * in place, as a runtime owns its model, so a frame appends points instead of copying paths.
 */

/** The most steps a frame may take (the race's fastest speed). */
export const RACE_MAX_SPEED = 10;

/** Steps after which the race stops by itself (each path then holds this many points and one). */
export const MAX_RACE_STEPS = 2000;
/** A lane whose parameters leave this box (or turn non-finite) has diverged and stops. */
const DIVERGED = 1e6;

export interface Lane {
  opt: RaceOptimizer;
  state: OptState;
  /** Every position so far, flat: x0, y0, x1, y1, … */
  path: number[];
  /** f at the current position. */
  loss: number;
  /** f at every position of the path, in order. */
  losses: number[];
  diverged: boolean;
  /** This lane's gradient noise; every lane draws the same sequence, so the race stays fair. */
  rng: Rng;
}

export interface Race {
  surface: Surface;
  start: [number, number];
  step: number;
  lanes: Lane[];
}

/** A fresh race on `surface` from `start`; `seed` fixes the gradient noise (if the surface has any). */
export function createRace(surface: Surface, start: [number, number], seed = 1): Race {
  const lanes = RACE_OPTIMIZERS.map((opt) => ({
    opt,
    state: initState(start),
    path: [start[0], start[1]],
    loss: surface.f(start[0], start[1]),
    losses: [surface.f(start[0], start[1])],
    diverged: false,
    rng: createRng(seed),
  }));
  return { surface, start: [start[0], start[1]], step: 0, lanes };
}

/** True when the race has nothing left to do: the step limit is reached or every lane diverged. */
export function raceFinished(race: Race): boolean {
  return race.step >= MAX_RACE_STEPS || race.lanes.every((l) => l.diverged);
}

/** Advance every lane one step with its own hyperparameters (in place). */
export function stepRace(race: Race, hyper: Record<RaceOptimizer, Hyper>): void {
  if (raceFinished(race)) return;
  const { surface } = race;
  for (const lane of race.lanes) {
    // Draw the noise even for a stopped lane, so lanes stay on the same sequence.
    const n0 = surface.noise > 0 ? surface.noise * lane.rng.normal() : 0;
    const n1 = surface.noise > 0 ? surface.noise * lane.rng.normal() : 0;
    if (lane.diverged) continue;
    const [x, y] = lane.state.params;
    const [gx, gy] = surface.grad(x, y);
    const next = optimizerStep(lane.opt, lane.state, [gx + n0, gy + n1], hyper[lane.opt]);
    const [nx, ny] = next.params;
    if (!Number.isFinite(nx) || !Number.isFinite(ny) || Math.abs(nx) > DIVERGED || Math.abs(ny) > DIVERGED) {
      lane.diverged = true;
      continue;
    }
    lane.state = next;
    lane.path.push(nx, ny);
    lane.loss = surface.f(nx, ny);
    lane.losses.push(lane.loss);
  }
  race.step++;
}
