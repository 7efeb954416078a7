import type { RunStart } from '../models/runStart';

/**
 * Follows where the current run's weights started (models/runStart.ts) from the engine's own
 * answers, so that only weights actually written count. Every start over of the weights gives the
 * snapshots a new `origin`: a rebuild or a reset draws them afresh (null), a load writes them. The
 * engine answers `loadWeights` with `weightsLoaded` before the snapshot of the new origin, so a
 * load that fitted arms the start it was asked with, and the next new origin takes it; any other
 * new origin is a fresh initialisation.
 */
export class RunStartTracker {
  /** Starts of `loadWeights` requests the engine has not answered yet, oldest first. */
  private asked: RunStart[] = [];
  /** The start the next new origin takes (a load that fitted), or undefined: fresh weights. */
  private armed: RunStart | undefined;

  /** The page asked the engine to write weights that came from `start`. */
  loading(start: RunStart): void {
    this.asked.push(start);
  }

  /** The engine's `weightsLoaded`: `ok` when the weights fitted and were written. */
  loaded(ok: boolean): void {
    const start = this.asked.shift();
    if (ok && start) this.armed = start;
  }

  /** A snapshot with a new origin: the start of the weights it shows. */
  originChanged(): RunStart | null {
    const start = this.armed ?? null;
    this.armed = undefined;
    return start;
  }
}
