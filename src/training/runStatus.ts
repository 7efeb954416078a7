import type { RunStatus } from './protocol';

/**
 * What happens to a run: the learner's commands, and what the engine finds while building and
 * training. Guards that need more than the status (no network built yet) stay with the caller.
 */
export type RunEvent =
  /** A new run starts (init): paused, whatever came before. */
  | 'init'
  | 'play'
  | 'pause'
  /** A single step from the controls. */
  | 'step'
  /** Back to the initial weights. */
  | 'reset'
  /** A network was built and can train. */
  | 'built'
  /** The network cannot be built, its data cannot be loaded, or training crashed. */
  | 'failed'
  /** A loss went to NaN or infinity. */
  | 'diverged';

/** The run status after `event`. Pure: the engine's status changes go through here and nowhere else. */
export function transition(status: RunStatus, event: RunEvent): RunStatus {
  switch (event) {
    case 'init':
      return 'paused';
    case 'play':
      // A network in error cannot train; anything else (even a diverged run) may try again.
      return status === 'error' ? status : 'running';
    case 'pause':
      return status === 'running' ? 'paused' : status;
    case 'step':
      return status === 'running' || status === 'diverged' ? 'paused' : status;
    case 'reset':
      return status === 'diverged' ? 'paused' : status;
    case 'built':
      return status === 'error' || status === 'diverged' ? 'paused' : status;
    case 'failed':
      return 'error';
    case 'diverged':
      return 'diverged';
  }
}
