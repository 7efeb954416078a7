import type * as tfjs from '@tensorflow/tfjs';
import type { ProbeSource } from '../protocol';
import type { ModelRuntime } from '../runtime';

/** What a tool works with: TF.js, the run's model and data, and the session's clock. */
export interface ToolContext {
  tf: typeof tfjs;
  rt: ModelRuntime;
  /** Say how far along the tool is (posted as `toolProgress`). */
  progress(done: number, total: number): void;
  /** Yield to the message queue (play, pause, edits get handled); resume after. */
  pause(): Promise<void>;
  /** False once the run was rebuilt, reset or replaced: the tool must stop with `changed()`. */
  alive(): boolean;
  /** The image lab's probe now (the chosen test image or the drawing), where the session has one. */
  probeSource?(): ProbeSource;
  /** The error a tool throws when `alive()` turned false. */
  changed(): ToolChanged;
}

/** Thrown by a tool whose network changed under it; answered as the `changed` error. */
export class ToolChanged extends Error {
  constructor() {
    super('the network changed');
  }
}

/** Thrown by a tool that does not apply here; `key` is an i18n key saying why. */
export class ToolUnsupported extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}
