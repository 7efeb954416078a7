/**
 * Fuzz suite for every way in (issue 12): property-based tests (fast-check) that generate hostile
 * networks, links and files — reserved names, non-ASCII, extreme sizes, deep nesting, truncation —
 * and check that the codec either rejects them with a message or yields an experiment whose ids
 * are safe and whose network, when the analysis finds it sound, builds in TF.js.
 *
 * Seeded: FUZZ_SEED (default below) and FUZZ_RUNS pick the cases, so a failure reproduces with the
 * seed and path fast-check prints.
 */
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { compressToEncodedURIComponent } from 'lz-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMessageKey } from '../../src/i18n';
import { analyze } from '../../src/models/analysis';
import { CATALOG } from '../../src/models/catalog';
import { decodeExperimentFile, decodeLink, type Decoded } from '../../src/models/codec';
import { defaultExperiment } from '../../src/models/defaults';
import { layerIdError } from '../../src/models/layerId';
import { DATASET_KINDS, type Experiment } from '../../src/models/spec';
import { registerFastCpuKernels } from '../../src/training/cpuKernels';
import { BuildError, buildModel } from '../../src/training/model';

const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const settings = (runs = RUNS) => ({ seed: SEED, numRuns: runs });

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerFastCpuKernels(tf);
});
afterAll(() => tf.disposeVariables());

// ---------------------------------------------------------------------------------------------
// Generators

/** Names a hostile or careless author might give a layer. */
const hostileName = fc.oneof(
  fc.constantFrom('constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'prototype', 'isPrototypeOf', '__defineGetter__'),
  fc.constantFrom('卷积1', '全连接层', 'слой', 'capa ñ', 'layer 1', ' x', '_private', '1st', 'a.b', 'a/b', '😀', ''),
  fc.string({ minLength: 0, maxLength: 80 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
  fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/),
);

const TYPES = Object.keys(CATALOG);
/** A parameter value near, at or beyond what a schema allows, or of the wrong kind. */
const paramValue = fc.oneof(
  fc.integer({ min: -5, max: 40 }),
  fc.constantFrom(0, 1, 2, 3, 4, 8, 16, 1024, 1025, 1e9, -1, 0.5),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constantFrom('relu', 'tanh', 'softmax', 'same', 'valid', 'LSTM', 'concat', 'sinusoidal', 'nope', ''),
  fc.array(fc.integer({ min: -2, max: 40 }), { maxLength: 5 }),
);

/** A random graph of any layer types and parameters, hostile ids, sometimes dangling inputs. */
const wildNetwork = fc
  .array(
    fc.record({
      id: hostileName,
      type: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...TYPES) }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) }),
      params: fc.dictionary(fc.oneof(fc.constantFrom('units', 'activation', 'filters', 'kernelSize', 'shape', 'rate', 'numHeads', 'keyDim', '__proto__', 'constructor'), fc.string({ maxLength: 8 })), paramValue, { maxKeys: 4 }),
      extraInput: fc.option(hostileName, { nil: undefined }),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map((specs) => {
    const nodes = specs.map((s, i) => ({
      id: s.id,
      type: i === 0 ? 'Input' : s.type,
      params: i === 0 ? { shape: [2] } : s.params,
      inputs: i === 0 ? [] : [specs[i - 1].id, ...(s.extraInput !== undefined ? [s.extraInput] : [])].slice(0, s.type === 'Add' || s.type === 'Concatenate' ? 2 : 1),
    }));
    return { nodes, layout: Object.fromEntries(nodes.map((n, i) => [n.id, { x: i * 10, y: 0 }])) };
  });

/** Layers that chain on a flat [features] input, each with parameters its schema accepts. */
const plausibleLayer = fc.oneof(
  fc.record({ type: fc.constant('Dense'), params: fc.record({ units: fc.integer({ min: 1, max: 64 }), activation: fc.constantFrom('relu', 'tanh', 'sigmoid', 'linear', 'gelu') }) }),
  fc.record({ type: fc.constant('Activation'), params: fc.record({ activation: fc.constantFrom('relu', 'tanh', 'elu', 'swish') }) }),
  fc.record({ type: fc.constant('Dropout'), params: fc.record({ rate: fc.double({ min: 0, max: 0.9, noNaN: true }) }) }),
  fc.record({ type: fc.constantFrom('BatchNormalization', 'LayerNormalization'), params: fc.constant({}) }),
);

/** A sound chain Input → … → Dense(1) whose ids are hostile: it must open renamed and build. */
const plausibleNetwork = fc
  .tuple(fc.integer({ min: 1, max: 7 }), fc.array(plausibleLayer, { maxLength: 6 }), fc.uniqueArray(hostileName, { minLength: 8, maxLength: 8 }))
  .map(([features, layers, names]) => {
    const steps = [{ type: 'Input', params: { shape: [features] } as Record<string, unknown> }, ...layers, { type: 'Dense', params: { units: 1, activation: 'sigmoid' } }];
    const nodes = steps.map((step, i) => ({ id: names[i] || `n${i}`, type: step.type, params: step.params, inputs: i === 0 ? [] : [names[i - 1] || `n${i - 1}`] }));
    return { nodes, layout: Object.fromEntries(nodes.map((n, i) => [n.id, { x: i * 10, y: 0 }])) };
  });

const network = fc.oneof(wildNetwork, plausibleNetwork);

/** A whole experiment around a generated network, with the other sections sometimes broken. */
export const experimentArb = fc.record({
  version: fc.oneof({ weight: 8, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.constantFrom(0, 2, -1, '1', null) }),
  network,
  dataset: fc.oneof(
    fc.constant(undefined),
    fc.record({ kind: fc.oneof(fc.constantFrom(...DATASET_KINDS), fc.string()), numPoints: fc.integer({ min: -10, max: 20_000 }), noise: fc.double() }, { requiredKeys: [] }),
  ),
  training: fc.oneof(fc.constant(undefined), fc.record({ learningRate: fc.double(), batchSize: fc.integer({ min: -1, max: 5000 }) }, { requiredKeys: [] })),
  seed: fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.double(), fc.constant(undefined)),
});

/** Deeply nested junk: arrays and objects inside each other, `depth` levels down. */
const nested = (depth: number): unknown => (depth === 0 ? 'x' : { a: [nested(depth - 1)], __proto__: { polluted: true } });

// ---------------------------------------------------------------------------------------------
// What must hold for every input

/** What the generated inputs came to, so a test can check the suite reaches every outcome. */
const outcomes = { rejected: 0, accepted: 0, built: 0, refusedByBuilder: 0, renamed: 0 };

const protoKeys = () => Object.getOwnPropertyNames(Object.prototype).sort().join();
const PROTO = protoKeys();

/** Rejected with a message a learner can read, or accepted as a sound experiment. */
function checkDecoded(d: Decoded<Experiment>): void {
  expect(protoKeys()).toBe(PROTO);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  if (!d.ok) {
    expect(isMessageKey(d.error.key)).toBe(true);
    outcomes.rejected++;
    return;
  }
  outcomes.accepted++;
  if (d.renamed?.length) outcomes.renamed++;
  const ids = d.value.network.nodes.map((n) => n.id);
  for (const id of ids) expect(layerIdError(id)).toBeNull();
  expect(new Set(ids).size).toBe(ids.length);
  for (const r of d.renamed ?? []) expect(ids).toContain(r.to);
  // Analysis never throws; a sound graph of sane size builds in TF.js, or the builder refuses it
  // with a message the engine shows (say, a graph with no output) — never another exception.
  const a = analyze(d.value.network);
  if (a.errors.length === 0 && a.totalParams < 200_000) {
    try {
      buildModel(tf, d.value.network).model.dispose();
      outcomes.built++;
    } catch (err) {
      outcomes.refusedByBuilder++;
      if (!(err instanceof BuildError)) throw err;
      expect(isMessageKey(err.key)).toBe(true);
    }
  }
}

const asLink = (payload: unknown) => `s=${compressToEncodedURIComponent(JSON.stringify(payload))}`;

describe(`codec fuzz (seed ${SEED})`, () => {
  it('links with generated networks are rejected with a message or open sound', () => {
    fc.assert(
      fc.property(experimentArb, (e) => {
        const d = decodeLink(asLink({ e, v: { probeIndex: 3 }, h: ['layers', '__proto__'] }));
        checkDecoded(d.ok ? { ok: true, value: d.value.experiment, renamed: d.renamed } : d);
      }),
      settings(),
    );
  });

  it('files with generated networks are rejected with a message or open sound', () => {
    fc.assert(
      fc.property(experimentArb, (e) => checkDecoded(decodeExperimentFile(JSON.stringify({ app: 'gradient-garden', ...e })))),
      settings(),
    );
  });

  it('reaches every outcome: rejections, renames and networks that build', () => {
    // Runs after the two generated-network properties above (Vitest keeps file order).
    expect(outcomes.rejected).toBeGreaterThan(0);
    expect(outcomes.renamed).toBeGreaterThan(0);
    expect(outcomes.built).toBeGreaterThan(0);
    console.info(`fuzz outcomes (seed ${SEED}, ${RUNS} runs each):`, JSON.stringify(outcomes));
  });

  it('truncated links and files never throw', () => {
    const full = JSON.stringify({ app: 'gradient-garden', ...defaultExperiment() });
    const link = asLink({ e: defaultExperiment() });
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (i, j) => {
        checkDecoded(decodeExperimentFile(full.slice(0, i % full.length)));
        const l = decodeLink(link.slice(0, 2 + (j % (link.length - 2))));
        expect(l.ok || isMessageKey(l.error.key)).toBe(true);
      }),
      settings(),
    );
  });

  it('deep nesting, huge payloads and non-JSON text are rejected with a message', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.string({ maxLength: 200 }), (depth, text) => {
        checkDecoded(decodeExperimentFile(JSON.stringify({ version: 1, network: nested(Math.min(depth, 200)) })));
        checkDecoded(decodeExperimentFile(text));
        const l = decodeLink(`s=${text}`);
        expect(l.ok || isMessageKey(l.error.key)).toBe(true);
      }),
      settings(100),
    );
    checkDecoded(decodeExperimentFile('['.repeat(100_000)));
    checkDecoded(decodeExperimentFile(JSON.stringify({ ...defaultExperiment(), pad: 'x'.repeat(300_000) })));
  });

  it('generated names alone: every accepted id is safe and references follow renames', () => {
    fc.assert(
      fc.property(fc.uniqueArray(hostileName, { minLength: 2, maxLength: 6 }), (names) => {
        const base = defaultExperiment();
        const ids = base.network.nodes.map((n, i) => names[i] ?? n.id);
        const map = new Map(base.network.nodes.map((n, i) => [n.id, ids[i]]));
        const nodes = base.network.nodes.map((n) => ({ ...n, id: map.get(n.id)!, inputs: n.inputs.map((x) => map.get(x)!) }));
        const d = decodeLink(asLink({ e: { ...base, network: { nodes } } }));
        if (!d.ok) return checkDecoded(d);
        const net = d.value.experiment.network;
        checkDecoded({ ok: true, value: d.value.experiment, renamed: d.renamed });
        // Same graph, new names: every input still names the node before it.
        net.nodes.forEach((n, i) => expect(n.inputs).toEqual(i === 0 ? [] : [net.nodes[i - 1].id]));
        expect(analyze(net).errors).toEqual([]);
      }),
      settings(),
    );
  });
});
