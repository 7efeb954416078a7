import * as tf from '@tensorflow/tfjs';
import { Engine } from '../../src/training/engine';
import type { FromEngine, ToEngine } from '../../src/training/protocol';

/**
 * An engine on TF.js's CPU backend for tests that speak its protocol: every message it posts
 * (but `idle`), `send` to hand it one, and `wait` for the first posted message `pick` accepts.
 * The caller sets the backend (and stubs MessageChannel, as engine.test.ts does).
 */
export function engineHarness() {
  const messages: FromEngine[] = [];
  const engine = new Engine({ tf, host: 'worker', webgl: false, post: (m) => m.type !== 'idle' && messages.push(m) });
  const wait = async <T extends FromEngine>(pick: (m: FromEngine) => m is T, tries = 800): Promise<T> => {
    for (let i = 0; i < tries; i++) {
      const m = messages.find(pick);
      if (m) return m;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('no answer');
  };
  return { messages, send: (m: ToEngine) => engine.handle(m), wait };
}

/** The engine's answer to tool request `requestId`, from the messages it posted. */
export async function toolAnswer(messages: FromEngine[], requestId: number, tries = 800): Promise<Extract<FromEngine, { type: 'tool' }>> {
  for (let i = 0; i < tries; i++) {
    const m = messages.find((x) => x.type === 'tool' && x.requestId === requestId);
    if (m) return m as Extract<FromEngine, { type: 'tool' }>;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('no answer');
}
