import * as tf from '@tensorflow/tfjs';
import { beforeAll, afterAll, describe, expect, it, vi } from 'vitest';
import { decodeExperiment, encodeExperimentFile, decodeExperimentFile } from '../../src/models/codec';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import { epochLimitReached, withinStopRuleLimits, STOP_RULE_LIMITS } from '../../src/models/stopRule';
import { Engine } from '../../src/training/engine';
import type { FromEngine } from '../../src/training/protocol';

beforeAll(async () => {
  await tf.setBackend('cpu');
  vi.stubGlobal('MessageChannel', undefined);
});
afterAll(() => vi.unstubAllGlobals());

describe('the stop rule', () => {
  it('keeps epochs whole and in range and the condition bounded', () => {
    expect(withinStopRuleLimits({ epochs: 12.6, when: '  testAcc > 0.9 ' })).toEqual({ epochs: 13, when: 'testAcc > 0.9' });
    expect(withinStopRuleLimits({ epochs: -5, when: 'x'.repeat(900) })).toEqual({ epochs: 0, when: 'x'.repeat(STOP_RULE_LIMITS.whenChars) });
    expect(withinStopRuleLimits({ epochs: Number.NaN, when: '' }).epochs).toBe(0);
    expect(epochLimitReached({ epochs: 0 }, 1e6)).toBe(false);
    expect(epochLimitReached({ epochs: 5 }, 4)).toBe(false);
    expect(epochLimitReached({ epochs: 5 }, 5)).toBe(true);
  });

  it('travels in the Experiment: edits clamp it, the codec keeps it and fills it in for old files', () => {
    const exp = applyChange(defaultExperiment(), { type: 'stopRule', patch: { epochs: 50, when: 'testAcc >= 0.95' } });
    expect(exp.training.stop).toEqual({ epochs: 50, when: 'testAcc >= 0.95' });
    const back = decodeExperimentFile(encodeExperimentFile(exp));
    expect(back.ok && back.value.training.stop).toEqual({ epochs: 50, when: 'testAcc >= 0.95' });
    // A file from before the rule existed opens with none.
    const old = JSON.parse(encodeExperimentFile(defaultExperiment()));
    delete old.training.stop;
    const decoded = decodeExperiment(old);
    expect(decoded.ok && decoded.value.training.stop).toEqual({ epochs: 0, when: '' });
    // Out of range in a link is refused, not trusted.
    const bad = JSON.parse(encodeExperimentFile(exp));
    bad.training.stop.epochs = 1e9;
    expect(decodeExperiment(bad).ok).toBe(false);
  });

  it('the engine stops exactly at the end of the epoch the rule names, and says so', async () => {
    const messages: FromEngine[] = [];
    const engine = new Engine({ tf, host: 'worker', webgl: false, post: (m) => m.type !== 'idle' && messages.push(m) });
    const exp = applyChange(defaultExperiment(), { type: 'stopRule', patch: { epochs: 3 } });
    await engine.handle({ type: 'init', runId: 1, experiment: exp, backend: 'cpu' });
    await engine.handle({ type: 'play', runId: 1 });
    for (let i = 0; i < 200 && !messages.some((m) => m.type === 'stopRule'); i++) await new Promise((r) => setTimeout(r, 25));
    const stop = messages.find((m) => m.type === 'stopRule');
    expect(stop).toMatchObject({ type: 'stopRule', epoch: 3 });
    const last = messages.filter((m) => m.type === 'snapshot').at(-1)!;
    expect(last).toMatchObject({ status: 'paused', epoch: 3 });
    // 250 training points in batches of 10: epoch 3 ends at step 75, not later.
    expect(last.type === 'snapshot' && last.step).toBe(75);
    await engine.handle({ type: 'dispose' });
  });
});
