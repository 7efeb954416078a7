/**
 * What two lab-local views show, reported to the store for lessons (their facts), and what a
 * lesson's Show me asks of them. The views own their state (the backprop step-through in the
 * playground's context, the race in its own component); they publish a summary here after each
 * change and carry out a request addressed to them, then clear it. Nothing here is saved.
 */

import type { BackpropStep } from '../models/backprop';
import type { RaceOptimizer } from '../models/optimizers';
import type { RaceSurfaceId, SurfaceId } from '../models/surfaces';

export type BackpropPhase = BackpropStep['phase'];

export interface LabStatus {
  /** The playground's backprop step-through: open or not, and the phase of the step on screen. */
  backprop: { open: boolean; phase: BackpropPhase | null };
  /**
   * The optimizer race: its surface, steps taken, and each lane's loss (null once diverged); null
   * until the race tab has been opened.
   */
  race: { surface: RaceSurfaceId; step: number; playing: boolean; losses: Partial<Record<RaceOptimizer, number | null>> } | null;
}

/** Show me's requests: open the step-through at a phase (or close it); set up and run the race. */
export interface LabRequests {
  backprop?: BackpropPhase | 'close';
  race?: { surface?: SurfaceId; speed?: number; play?: boolean };
}

export const INITIAL_LAB_STATUS: LabStatus = { backprop: { open: false, phase: null }, race: null };

/** The race's leader: the optimizer with the lowest loss among the lanes still running, or null. */
export function raceLeader(race: LabStatus['race']): RaceOptimizer | null {
  if (!race || race.step === 0) return null;
  let best: RaceOptimizer | null = null;
  let m = Infinity;
  for (const [opt, loss] of Object.entries(race.losses) as [RaceOptimizer, number | null][]) {
    if (loss !== null && Number.isFinite(loss) && loss < m) {
      m = loss;
      best = opt;
    }
  }
  return best;
}
