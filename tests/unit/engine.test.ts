import * as tf from '@tensorflow/tfjs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import { openTemplate } from '../../src/models/openTemplate';
import { templateById } from '../../src/models/templates';
import { readPlayground, writePlayground } from '../../src/models/playground';
import type { Experiment } from '../../src/models/spec';
import { AUTO_WEBGL_MIN_MACS, Engine, macsPerStep } from '../../src/training/engine';
import type { FromEngine, Snapshot, ToEngine } from '../../src/training/protocol';
import { ModelRuntime } from '../../src/training/runtime';

beforeAll(async () => {
  await tf.setBackend('cpu');
  // The engine yields through MessageChannel. Node drains up to 1000 port messages per turn of
  // its event loop, so a running engine (12 ms slices) would starve timers for seconds; browsers
  // interleave tasks fairly. Yielding through setTimeout keeps these tests' waits meaningful.
  vi.stubGlobal('MessageChannel', undefined);
});

afterAll(() => {
  vi.unstubAllGlobals();
});

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An engine on the CPU backend that records everything it posts. */
function harness() {
  const messages: FromEngine[] = [];
  /** `idle` is the page's heartbeat, not what these tests look at: counted apart. */
  const idle = { count: 0 };
  const engine = new Engine({ tf, host: 'worker', webgl: false, post: (m) => (m.type === 'idle' ? idle.count++ : messages.push(m)) });
  const send = (msg: ToEngine) => engine.handle(msg);
  const snapshots = () => messages.filter((m): m is Snapshot => m.type === 'snapshot');
  const lastSnapshot = () => snapshots()[snapshots().length - 1];
  const since = (n: number) => messages.slice(n);
  return { engine, messages, idle, send, snapshots, lastSnapshot, since };
}

/** The points lab's probes of a snapshot; fails the test when the snapshot is another lab's. */
function probesOf(s: Snapshot) {
  expect(s.lab).toBe('points');
  return s.lab === 'points' ? s.probes : null;
}

/** The sequence lab's probes of a snapshot; fails the test when the snapshot is another lab's. */
function sequencesOf(s: Snapshot) {
  expect(s.lab).toBe('sequences');
  return s.lab === 'sequences' ? s.sequences : null;
}

let current: ReturnType<typeof harness> | null = null;
afterEach(async () => {
  await current?.send({ type: 'dispose' });
  current = null;
});

async function started(exp: Experiment = defaultExperiment(), runId = 1) {
  current = harness();
  await current.send({ type: 'init', runId, experiment: exp, backend: 'auto' });
  return current;
}

/** A regression network that blows up: ReLU layers and a learning rate of 10. */
function divergent(): Experiment {
  let exp = applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'plane' } });
  exp = applyChange(exp, { type: 'setActivation', index: 'all', activation: 'relu' });
  exp = applyChange(exp, { type: 'setUnits', index: 0, units: 8 });
  return applyChange(exp, { type: 'training', patch: { learningRate: 10 } });
}

describe('Engine', () => {
  it('init posts ready (cpu, autoCpu) and then a step-0 snapshot with probes', async () => {
    const h = await started();
    expect(macsPerStep(defaultExperiment())).toBeLessThan(AUTO_WEBGL_MIN_MACS);
    expect(h.messages.map((m) => m.type)).toEqual(['ready', 'snapshot']);
    expect(h.messages[0]).toEqual({ type: 'ready', runId: 1, backend: 'cpu', host: 'worker', note: 'autoCpu', webglAvailable: false });
    const s = h.lastSnapshot();
    expect(s).toMatchObject({ runId: 1, status: 'paused', step: 0, epoch: 0, progress: 0 });
    expect(Number.isFinite(s.metrics.trainLoss)).toBe(true);
    expect(Number.isFinite(s.metrics.testLoss)).toBe(true);
    expect(s.metrics.trainAcc).toBeGreaterThanOrEqual(0);
    expect(s.metrics.trainAcc).toBeLessThanOrEqual(1);
    expect(probesOf(s)).not.toBeNull();
    expect(probesOf(s)!.boundary.length).toBe(probesOf(s)!.gridSize ** 2);
    expect(probesOf(s)!.weights.map((w) => w.layerId)).toEqual(['h1', 'h2', 'output']);
  });

  it('says webglUnavailable when asked for WebGL it cannot have, and nothing when asked for the CPU', async () => {
    current = harness();
    await current.send({ type: 'init', runId: 1, experiment: defaultExperiment(), backend: 'webgl' });
    expect(current.messages[0]).toMatchObject({ type: 'ready', backend: 'cpu', note: 'webglUnavailable' });
    await current.send({ type: 'init', runId: 2, experiment: defaultExperiment(), backend: 'cpu' });
    expect(current.messages[2]).toMatchObject({ type: 'ready', runId: 2, backend: 'cpu', note: null });
  });

  it('step trains exactly that many mini-batches', async () => {
    const h = await started();
    const initial = h.lastSnapshot().metrics.trainLoss;
    await h.send({ type: 'step', runId: 1, steps: 5 });
    const s = h.lastSnapshot();
    expect(s).toMatchObject({ step: 5, status: 'paused' });
    expect(s.progress).toBeCloseTo((5 * 10) / 250, 10); // batch 10 of 250 training points
    expect(s.metrics.trainLoss).not.toBe(initial);
    expect(probesOf(s)).not.toBeNull();
    await h.send({ type: 'step', runId: 1, steps: 3 });
    expect(h.lastSnapshot().step).toBe(8);
  });

  it('play runs the loop with increasing steps until pause', async () => {
    const h = await started();
    await h.send({ type: 'play', runId: 1 });
    await wait(300);
    const running = h.snapshots().filter((s) => s.status === 'running');
    expect(running.length).toBeGreaterThan(2);
    const steps = running.map((s) => s.step);
    for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeGreaterThanOrEqual(steps[i - 1]);
    expect(steps[steps.length - 1]).toBeGreaterThan(steps[0]);
    expect(running.some((s) => s.stepsPerSec > 0)).toBe(true);
    await h.send({ type: 'pause', runId: 1 });
    const paused = h.lastSnapshot();
    expect(paused.status).toBe('paused');
    const count = h.messages.length;
    await wait(80);
    expect(h.messages.length).toBe(count);
    // Pausing stops training: a step from here adds exactly one.
    await h.send({ type: 'step', runId: 1, steps: 1 });
    expect(h.lastSnapshot().step).toBe(paused.step + 1);
  });

  it('ignores messages of a stale run', async () => {
    const h = await started(defaultExperiment(), 1);
    await h.send({ type: 'init', runId: 2, experiment: defaultExperiment(), backend: 'auto' });
    const count = h.messages.length;
    await h.send({ type: 'step', runId: 1, steps: 5 });
    await h.send({ type: 'play', runId: 1 });
    await h.send({ type: 'update', runId: 1, experiment: applyChange(defaultExperiment(), { type: 'addLayer' }) });
    await wait(50);
    expect(h.messages.length).toBe(count);
    await h.send({ type: 'step', runId: 2, steps: 2 });
    expect(h.lastSnapshot()).toMatchObject({ runId: 2, step: 2 });
  });

  it('an update of only the learning rate keeps the weights and the step', async () => {
    const h = await started();
    await h.send({ type: 'step', runId: 1, steps: 5 });
    const before = h.lastSnapshot();
    const n = h.messages.length;
    await h.send({ type: 'update', runId: 1, experiment: applyChange(defaultExperiment(), { type: 'training', patch: { learningRate: 0.3 } }) });
    const after = h.since(n);
    expect(after.map((m) => m.type)).toEqual(['snapshot']);
    expect(after[0]).toMatchObject({ step: 5, status: 'paused', origin: before.origin });
    expect((after[0] as Snapshot).metrics.trainLoss).toBeCloseTo(before.metrics.trainLoss, 6);
    await h.send({ type: 'step', runId: 1, steps: 1 });
    expect(h.lastSnapshot().step).toBe(6);
  });

  it('an update of the network starts over at step 0', async () => {
    const h = await started();
    const first = h.lastSnapshot().origin;
    await h.send({ type: 'step', runId: 1, steps: 5 });
    expect(h.lastSnapshot().origin).toBe(first);
    await h.send({ type: 'update', runId: 1, experiment: applyChange(defaultExperiment(), { type: 'setUnits', index: 0, units: 6 }) });
    const s = h.lastSnapshot();
    expect(s.step).toBe(0);
    // New weights: a new origin, so the page starts its curves afresh.
    expect(s.origin).toBeGreaterThan(first);
    expect(probesOf(s)!.weights[0].kernel.length).toBe(2 * 6);
  });

  it('an update of the network while running keeps running from step 0', async () => {
    const h = await started();
    await h.send({ type: 'play', runId: 1 });
    await wait(100);
    await h.send({ type: 'update', runId: 1, experiment: applyChange(defaultExperiment(), { type: 'addLayer' }) });
    const n = h.messages.length;
    await wait(150);
    await h.send({ type: 'pause', runId: 1 });
    const later = h.since(n).filter((m): m is Snapshot => m.type === 'snapshot');
    expect(later.some((s) => s.status === 'running' && s.step > 0)).toBe(true);
    expect(probesOf(later[later.length - 1])!.weights).toHaveLength(4);
    expect(h.messages.some((m) => m.type === 'error')).toBe(false);
  });

  it('reset goes back to step 0 and the initial loss', async () => {
    const h = await started();
    const initial = h.lastSnapshot().metrics;
    await h.send({ type: 'step', runId: 1, steps: 20 });
    expect(h.lastSnapshot().metrics.trainLoss).not.toBeCloseTo(initial.trainLoss, 6);
    const origin = h.lastSnapshot().origin;
    await h.send({ type: 'reset', runId: 1 });
    const s = h.lastSnapshot();
    expect(s.step).toBe(0);
    expect(s.origin).toBeGreaterThan(origin);
    expect(s.progress).toBe(0);
    expect(s.metrics.trainLoss).toBeCloseTo(initial.trainLoss, 6);
    expect(s.metrics.testLoss).toBeCloseTo(initial.testLoss, 6);
    // The same seed gives the same run again.
    await h.send({ type: 'step', runId: 1, steps: 20 });
    const again = h.lastSnapshot().metrics.trainLoss;
    await h.send({ type: 'reset', runId: 1 });
    await h.send({ type: 'step', runId: 1, steps: 20 });
    expect(h.lastSnapshot().metrics.trainLoss).toBeCloseTo(again, 6);
  });

  it('setWeight and setBias change the weights the probes show', async () => {
    const h = await started();
    await h.send({ type: 'setWeight', runId: 1, layerId: 'h1', from: 1, to: 2, value: 0.75 });
    const s = h.lastSnapshot();
    expect(probesOf(s)!.weights[0].kernel[1 * 4 + 2]).toBeCloseTo(0.75, 6);
    await h.send({ type: 'setBias', runId: 1, layerId: 'output', unit: 0, value: -0.5 });
    expect(probesOf(h.lastSnapshot())!.weights[2].bias![0]).toBeCloseTo(-0.5, 6);
    const n = h.messages.length;
    await h.send({ type: 'setWeight', runId: 1, layerId: 'nope', from: 0, to: 0, value: 1 });
    await h.send({ type: 'setWeight', runId: 1, layerId: 'h1', from: 9, to: 0, value: 1 });
    // A `to` past h1's 4 units must not edit the next row's weight (from 0, to 5 = index 5 = row 1, unit 1).
    await h.send({ type: 'setWeight', runId: 1, layerId: 'h1', from: 0, to: 5, value: 1 });
    await h.send({ type: 'setWeight', runId: 1, layerId: 'h1', from: -1, to: 1, value: 1 });
    await h.send({ type: 'setBias', runId: 1, layerId: 'h1', unit: 0, value: Number.NaN });
    expect(h.messages.length).toBe(n);
  });

  it('detects divergence while playing, reports it and stops the loop', async () => {
    const h = await started(divergent());
    expect(h.lastSnapshot().status).toBe('paused');
    await h.send({ type: 'play', runId: 1 });
    for (let i = 0; i < 40 && !h.messages.some((m) => m.type === 'diverged'); i++) await wait(25);
    const diverged = h.messages.find((m) => m.type === 'diverged');
    expect(diverged).toMatchObject({ type: 'diverged', runId: 1, which: 'train' });
    const idx = h.messages.indexOf(diverged!);
    expect(h.messages[idx - 1]).toMatchObject({ type: 'snapshot', status: 'diverged' });
    await wait(60);
    const count = h.messages.length;
    const step = h.lastSnapshot().step;
    await wait(120);
    expect(h.messages.length).toBe(count);
    expect(h.lastSnapshot().step).toBe(step);
    // Reset recovers from divergence.
    await h.send({ type: 'reset', runId: 1 });
    expect(h.lastSnapshot()).toMatchObject({ status: 'paused', step: 0 });
    expect(Number.isFinite(h.lastSnapshot().metrics.trainLoss)).toBe(true);
  });

  it('detects divergence after a huge weight edit and a step', async () => {
    const h = await started(applyChange(applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'plane' } }), { type: 'setActivation', index: 'all', activation: 'relu' }));
    for (const [from, to] of [
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
    ])
      await h.send({ type: 'setWeight', runId: 1, layerId: 'h1', from, to, value: 1e30 });
    await h.send({ type: 'setWeight', runId: 1, layerId: 'h2', from: 0, to: 0, value: 1e30 });
    await h.send({ type: 'setWeight', runId: 1, layerId: 'h2', from: 1, to: 0, value: 1e30 });
    await h.send({ type: 'step', runId: 1, steps: 1 });
    expect(h.messages.some((m) => m.type === 'diverged')).toBe(true);
    expect(h.snapshots().some((s) => s.status === 'diverged')).toBe(true);
  });

  it('reports an output/units mismatch as an error and keeps working', async () => {
    const h = await started();
    const net = readPlayground(defaultExperiment().network)!;
    net.output.units = 2;
    const bad: Experiment = { ...defaultExperiment(), network: writePlayground(net, 2) };
    const n = h.messages.length;
    await h.send({ type: 'update', runId: 1, experiment: bad });
    const after = h.since(n);
    expect(after[0]).toEqual({ type: 'error', runId: 1, key: 'err.output.units', vars: { units: 2, want: 1, node: 'output' } });
    expect(h.lastSnapshot()).toMatchObject({ status: 'error', step: 0, probes: null });
    // Play and step do nothing while the network cannot train.
    const m = h.messages.length;
    await h.send({ type: 'play', runId: 1 });
    await h.send({ type: 'step', runId: 1, steps: 3 });
    await wait(30);
    expect(h.messages.slice(m).some((x) => x.type === 'snapshot' && x.status === 'running')).toBe(false);
    // Fixing the network brings it back.
    await h.send({ type: 'update', runId: 1, experiment: defaultExperiment() });
    expect(h.lastSnapshot()).toMatchObject({ status: 'paused', step: 0 });
    expect(probesOf(h.lastSnapshot())).not.toBeNull();
  });

  it('says idle once every message sent is handled, also those with no other answer', async () => {
    const h = await started();
    const before = h.idle.count;
    // A points run does not follow the probe image: this message gets no snapshot back.
    await h.send({ type: 'probeSource', runId: 1, source: { kind: 'test', index: 3 } });
    expect(h.idle.count).toBe(before + 1);
    // A burst is answered once, when the last of it is done.
    await Promise.all([h.send({ type: 'step', runId: 1, steps: 2 }), h.send({ type: 'step', runId: 1, steps: 2 }), h.send({ type: 'pause', runId: 1 })]);
    expect(h.idle.count).toBe(before + 2);
  });

  it('reports an unbuildable network with its i18n key', async () => {
    const h = await started();
    const bad = defaultExperiment();
    bad.network.nodes[1] = { ...bad.network.nodes[1], params: { ...bad.network.nodes[1].params, units: 0 } };
    await h.send({ type: 'update', runId: 1, experiment: bad });
    expect(h.messages.find((m) => m.type === 'error')).toEqual({
      type: 'error',
      runId: 1,
      key: 'engine.invalidGraph',
      vars: { node: 'h1' },
      // The layer's own reason travels along, so the learner reads what is wrong, not just where.
      cause: { key: 'err.param.range', vars: { param: 'units', min: 1, max: 1024 } },
    });
  });

  it('reports a crash in the training loop and can play again after the next edit', async () => {
    const h = await started();
    const train = ModelRuntime.prototype.train;
    let broken = true;
    ModelRuntime.prototype.train = function (this: ModelRuntime, count: number) {
      if (broken) throw new Error('boom');
      return train.call(this, count);
    };
    try {
      await h.send({ type: 'play', runId: 1 });
      for (let i = 0; i < 20 && !h.messages.some((m) => m.type === 'error'); i++) await wait(10);
      expect(h.messages.find((m) => m.type === 'error')).toEqual({ type: 'error', runId: 1, key: 'engine.crashed', detail: 'boom' });
      broken = false;
      await wait(30);
      // The learner edits the network (a rebuild clears the error) and presses play again.
      await h.send({ type: 'update', runId: 1, experiment: applyChange(defaultExperiment(), { type: 'addLayer' }) });
      expect(h.lastSnapshot().status).toBe('paused');
      const n = h.messages.length;
      await h.send({ type: 'play', runId: 1 });
      await wait(200);
      await h.send({ type: 'pause', runId: 1 });
      const later = h.since(n).filter((m): m is Snapshot => m.type === 'snapshot');
      expect(later.some((s) => s.status === 'running' && s.step > 0)).toBe(true);
      expect(h.lastSnapshot().step).toBeGreaterThan(0);
    } finally {
      ModelRuntime.prototype.train = train;
    }
  });

  it('frees every tensor on dispose', async () => {
    await tf.ready();
    const start = tf.memory().numTensors;
    const h = harness();
    await h.send({ type: 'init', runId: 1, experiment: applyChange(defaultExperiment(), { type: 'training', patch: { optimizer: 'adam' } }), backend: 'auto' });
    await h.send({ type: 'step', runId: 1, steps: 10 });
    await h.send({ type: 'play', runId: 1 });
    await wait(80);
    await h.send({ type: 'update', runId: 1, experiment: applyChange(defaultExperiment(), { type: 'addLayer' }) });
    await h.send({ type: 'step', runId: 1, steps: 5 });
    expect(tf.memory().numTensors).toBeGreaterThan(start);
    await h.send({ type: 'dispose' });
    await wait(20);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('survives a network edit that lands while a running snapshot awaits its read-back (as on WebGL)', async () => {
    // WebGL reads back asynchronously, so a message can be handled while the loop's snapshot
    // awaits data(). Reproduce that on the CPU: reads resolve a little later, and one read lets
    // an edit through at exactly that moment.
    const proto = tf.Tensor.prototype as unknown as { data: (...a: unknown[]) => Promise<unknown> };
    const original = proto.data;
    let hook: (() => void) | null = null;
    proto.data = function (this: tf.Tensor, ...args: unknown[]) {
      const result = original.apply(this, args); // the read starts at once, as WebGL's does
      const fire = hook;
      hook = null;
      fire?.();
      return wait(5).then(() => result);
    };
    try {
      const h = await started();
      await h.send({ type: 'play', runId: 1 });
      await wait(60);
      const edited = applyChange(defaultExperiment(), { type: 'setUnits', index: 0, units: 5 });
      let sent = false;
      hook = () => {
        sent = true;
        void h.send({ type: 'update', runId: 1, experiment: edited });
      };
      // Slow reads make the loop snapshot less often; wait for the next one.
      for (let i = 0; i < 100 && !sent; i++) await wait(10);
      expect(sent).toBe(true);
      await wait(60);
      await h.send({ type: 'pause', runId: 1 });
      await wait(30);
      expect(h.messages.filter((m) => m.type === 'error')).toEqual([]);
      const last = h.lastSnapshot();
      expect(last.status).toBe('paused');
      expect(probesOf(last)!.weights[0].kernel.length).toBe(2 * 5);
    } finally {
      proto.data = original;
    }
  });
});

describe('Engine on sequence datasets', () => {
  /** The mini GPT, shrunk (d_model 16) so a CPU test stays quick, on 12 characters of context. */
  function languageModel(): Experiment {
    let exp = openTemplate(defaultExperiment(), templateById('miniGpt')!);
    exp = applyChange(exp, { type: 'sequence', patch: { length: 12 } });
    const nodes = exp.network.nodes.map((n) =>
      n.type === 'Embedding' ? { ...n, params: { ...n.params, outputDim: 16 } } : n.type.startsWith('Transformer') ? { ...n, params: { ...n.params, numHeads: 2, keyDim: 8, ffDim: 32 } } : n,
    );
    return { ...exp, dataset: { ...exp.dataset, numPoints: 200 }, network: { nodes } };
  }

  it('posts the vocabulary and probe examples, sequence views with every snapshot, and follows the probe example', async () => {
    const h = await started(languageModel());
    const info = h.messages.find((m) => m.type === 'seqInfo');
    expect(info).toMatchObject({ layout: 'tokens', inLen: 12, steps: 12, decoder: false, nTrain: 160, nTest: 40 });
    const first = h.lastSnapshot();
    expect(sequencesOf(first)?.index).toBe(0);
    expect(sequencesOf(first)?.attention).toHaveLength(2);
    expect(first.metrics.testSeqAcc).not.toBeUndefined();
    await h.send({ type: 'probeSource', runId: 1, source: { kind: 'test', index: 3 } });
    expect(sequencesOf(h.lastSnapshot())?.index).toBe(3);
    // The views show test example 3: its tokens are the source row the engine announced.
    const vocab = (info as { vocab: string[] }).vocab;
    const row = (info as { samples: Float32Array }).samples.subarray(3 * 12, 4 * 12);
    expect(sequencesOf(h.lastSnapshot())!.tokens.source).toEqual(Array.from(row, (i) => vocab[i]));
  });

  it('generates a seeded continuation of a prompt, dropping characters the corpus lacks', async () => {
    const h = await started(languageModel());
    await h.send({ type: 'step', runId: 1, steps: 2 });
    const n = h.messages.length;
    await h.send({ type: 'generate', runId: 1, prompt: 'Alice ☃', length: 15, temperature: 0.7, topK: 5, seed: 11 });
    await h.send({ type: 'generate', runId: 1, prompt: 'Alice ☃', length: 15, temperature: 0.7, topK: 5, seed: 11 });
    const replies = h.since(n).filter((m) => m.type === 'generated') as Extract<FromEngine, { type: 'generated' }>[];
    expect(replies).toHaveLength(2);
    expect(replies[0].prompt).toBe('Alice ');
    expect(Array.from(replies[0].text)).toHaveLength(15);
    expect(replies[0].probs).toHaveLength(15);
    expect(replies[1].text).toBe(replies[0].text);
  });
});

describe('Engine in slow motion', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    vi.stubGlobal('MessageChannel', undefined);
  });

  it('trains about `pace` steps a second, each one reported with its probes, and back to full speed at 0', async () => {
    const h = await started();
    await h.send({ type: 'pace', runId: 1, stepsPerSec: 10 });
    const n = h.messages.length;
    await h.send({ type: 'play', runId: 1 });
    await wait(1000);
    await h.send({ type: 'pause', runId: 1 });
    const slow = h.since(n).filter((m): m is Snapshot => m.type === 'snapshot');
    const steps = h.lastSnapshot().step;
    // 10 a second for one second, give or take the timer's slack on a busy machine.
    expect(steps).toBeGreaterThanOrEqual(4);
    expect(steps).toBeLessThanOrEqual(12);
    // Every step travels with its probes, so the views show each one.
    const probed = new Set(slow.filter((s) => s.lab === 'points' && s.probes).map((s) => s.step));
    for (let s = 1; s <= steps; s++) expect(probed.has(s), `step ${s} probed`).toBe(true);
    expect(slow.filter((s) => s.status === 'running').every((s) => s.stepsPerSec <= 10)).toBe(true);

    // Back at full speed: 60 steps within 3 s, which a pace of 10 a second would need 6 s for
    // (not a fixed short window: on a loaded CI machine other test files share the two cores).
    await h.send({ type: 'pace', runId: 1, stepsPerSec: 0 });
    const t0 = Date.now();
    await h.send({ type: 'play', runId: 1 });
    while (h.lastSnapshot().step - steps < 60 && Date.now() - t0 < 3000) await wait(50);
    await h.send({ type: 'pause', runId: 1 });
    expect(h.lastSnapshot().step - steps).toBeGreaterThanOrEqual(60);
  });
});
