/**
 * The student's side: watch the challenge on the store and remember when the current run first met
 * it (`challengeMet`); a new run (step back below that point) forgets it. Also what a hand-in claims.
 */

import type { Claim } from '../../models/handIn';
import type { AppStore } from '../../store/createAppStore';
import type { AppState } from '../../store/types';
import { factsOf } from '../facts';
import { challengeStatus } from './check';

/** Update `challengeMet` from the store as it is now. */
export function observeChallenge(s: AppState): void {
  const c = s.challenge;
  const run = s.runs[s.activeRunId];
  if (!c || !run) return;
  const met = s.challengeMet;
  if (met && run.step < met.step) {
    s.setChallengeMet(null);
    return;
  }
  if (met || run.step === 0) return;
  if (challengeStatus(c, factsOf(s)).met) s.setChallengeMet({ step: run.step, epoch: run.epoch });
}

/** Watch the store (at most every `ms`) while a challenge is set; returns the unsubscribe. */
export function watchChallenge(store: AppStore, ms = 250): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    timer = undefined;
    observeChallenge(store.getState());
  };
  const unsubscribe = store.subscribe((s, prev) => {
    if (!s.challenge || (s.runs === prev.runs && s.experiment === prev.experiment && s.challenge === prev.challenge)) return;
    if (timer === undefined) timer = setTimeout(run, ms);
  });
  run();
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}

/**
 * Whether the run stands where a hand-in can be checked: stopped by the stop rule at the end of an
 * epoch (status paused, the rule's epoch reached, some training done). A re-run then reproduces
 * that exact point; a run paused mid-epoch could not be.
 */
export function atHandInPoint(s: AppState): boolean {
  const run = s.runs[s.activeRunId];
  const epochs = s.experiment.training.stop.epochs;
  return !!run && run.status === 'paused' && run.step > 0 && epochs > 0 && run.epoch === epochs;
}

/** The claim of the run as it stands (call at a hand-in point). */
export function claimOf(s: AppState): Claim {
  const run = s.runs[s.activeRunId];
  const m = run?.latest;
  const num = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const backend = run?.backend === 'cpu' || run?.backend === 'webgl' ? run.backend : null;
  return {
    step: run?.step ?? 0,
    epoch: run?.epoch ?? 0,
    metrics: { trainLoss: num(m?.trainLoss), testLoss: num(m?.testLoss), trainAcc: num(m?.trainAcc), testAcc: num(m?.testAcc) },
    metAt: s.challengeMet,
    backend,
  };
}
