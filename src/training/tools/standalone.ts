import type * as tfjs from '@tensorflow/tfjs';
import type { ModelRuntime } from '../runtime';
import { ToolChanged, type ToolContext } from './context';

/**
 * A tool context for a runtime outside the engine (tests, the bench): no progress posted, pauses
 * are a microtask, the network never changes under it. `compress(standaloneToolContext(tf, rt), …)`
 * measures a network the way the app does.
 */
export function standaloneToolContext(tf: typeof tfjs, rt: ModelRuntime): ToolContext {
  return { tf, rt, progress: () => {}, pause: () => Promise.resolve(), alive: () => true, changed: () => new ToolChanged() };
}
