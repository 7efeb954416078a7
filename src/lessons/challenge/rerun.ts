/**
 * The teacher's side of a hand-in: re-run its Experiment from the seed to the claimed epoch and
 * judge. Everything goes through the store's own actions (replace, reset, play), as Show me does;
 * the engine stops the run exactly at the end of that epoch (the stop rule) and posts the metrics
 * measured there, which is what the student's claim recorded.
 */

import { rerunExperiment, toleranceFor, type HandIn, type Rerun } from '../../models/handIn';
import type { AppStore } from '../../store/createAppStore';
import type { AppState } from '../../store/types';
import { factsOf } from '../facts';
import { startFresh } from '../showMe';
import { judgeHandIn, type Verdict } from './check';

export type RerunOutcome =
  | { kind: 'judged'; verdict: Verdict; rerun: Rerun; backend: string | null; tolerance: { rel: number; abs: number } }
  /** The run stopped short: paused by hand, failed, diverged, or the engine never settled. */
  | { kind: 'stopped'; reason: 'paused' | 'failed' | 'noEngine' };

const runOf = (s: AppState) => s.runs[s.activeRunId];

/** Re-run a hand-in on this page's engine and judge it. Resolves once, whatever happens. */
export async function rerunHandIn(store: AppStore, h: HandIn): Promise<RerunOutcome> {
  const s = store.getState();
  if (!s.engine) return { kind: 'stopped', reason: 'noEngine' };
  // Snapshots of an earlier run may still be on their way: wait for the new weights' first.
  const settled = await startFresh(store, rerunExperiment(h));
  if (!settled) return { kind: 'stopped', reason: 'failed' };
  store.getState().play();
  const target = h.claim.epoch;
  let started = false;
  const done = await new Promise<'paused' | 'failed' | 'end'>((resolve) => {
    const check = (st: AppState) => {
      const run = runOf(st);
      if (!run) return;
      if (run.status === 'running') started = true;
      if (run.status === 'error' || run.status === 'diverged') return finish('failed');
      if (run.status === 'paused' && run.epoch >= target) return finish('end');
      if (started && run.status === 'paused') finish('paused');
    };
    const unsubscribe = store.subscribe(check);
    function finish(how: 'paused' | 'failed' | 'end') {
      unsubscribe();
      resolve(how);
    }
    check(store.getState());
  });
  if (done !== 'end') return { kind: 'stopped', reason: done };
  const st = store.getState();
  const run = runOf(st)!;
  const m = run.latest;
  const num = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const rerun: Rerun = { step: run.step, epoch: run.epoch, metrics: { trainLoss: num(m?.trainLoss), testLoss: num(m?.testLoss), trainAcc: num(m?.trainAcc), testAcc: num(m?.testAcc) } };
  const tolerance = toleranceFor(h.claim.backend, run.backend);
  const verdict = judgeHandIn(h.challenge, h.claim, rerun, factsOf(st), tolerance);
  return { kind: 'judged', verdict, rerun, backend: run.backend, tolerance };
}
