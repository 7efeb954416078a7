import { compressToEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/data/rng';
import {
  CONTROL_IDS,
  DEFAULT_VIEW,
  decodeExperiment,
  decodeExperimentFile,
  decodeLink,
  encodeExperimentFile,
  encodeLink,
  hasLinkState,
  type Decoded,
  type SharedState,
} from '../../src/models/codec';
import { analyze } from '../../src/models/analysis';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import { ACTIVATIONS, DATASET_KINDS, EXPERIMENT_VERSION, FEATURE_IDS, LOSSES, OPTIMIZERS, REGULARIZERS, type Experiment } from '../../src/models/spec';

const modified = (): Experiment =>
  [
    { type: 'dataset', patch: { kind: 'blobs', classes: 4, noise: 15, numPoints: 300, trainRatio: 0.7 } },
    { type: 'toggleFeature', feature: 'sinX1' },
    { type: 'addLayer' },
    { type: 'setUnits', index: 2, units: 7 },
    { type: 'setActivation', index: 'all', activation: 'leakyRelu' },
    { type: 'setDropout', index: 1, rate: 0.35 },
    { type: 'training', patch: { optimizer: 'adam', learningRate: 0.003, batchSize: 25, regularization: 'l2', regularizationRate: 0.01 } },
    { type: 'seed', seed: 4_000_000_000 },
  ].reduce((e, c) => applyChange(e, c as Parameters<typeof applyChange>[1]), defaultExperiment());

/** A link whose payload is this JSON value, compressed as the app does. */
const linkOf = (payload: unknown) => `s=${compressToEncodedURIComponent(JSON.stringify(payload))}`;
const errorOf = <T>(d: Decoded<T>) => (d.ok ? null : d.error);

/** Everything a decoded Experiment must satisfy, checked independently of the zod schema. */
function expectValidExperiment(e: Experiment) {
  expect(e.version).toBe(EXPERIMENT_VERSION);
  expect(Array.isArray(e.network.nodes)).toBe(true);
  expect(e.network.nodes.length).toBeGreaterThan(0);
  const ids = new Set(e.network.nodes.map((n) => n.id));
  expect(ids.size).toBe(e.network.nodes.length);
  for (const n of e.network.nodes) {
    expect(['Input', 'Dense', 'Activation', 'Dropout']).toContain(n.type);
    expect(Array.isArray(n.inputs)).toBe(true);
    expect(typeof n.params).toBe('object');
  }
  expect(DATASET_KINDS).toContain(e.dataset.kind);
  expect(e.dataset.numPoints).toBeGreaterThanOrEqual(20);
  expect(e.dataset.numPoints).toBeLessThanOrEqual(2000);
  expect(e.dataset.features.length).toBeGreaterThan(0);
  expect(e.dataset.features).toEqual(FEATURE_IDS.filter((f) => e.dataset.features.includes(f)));
  expect(OPTIMIZERS).toContain(e.training.optimizer);
  expect(LOSSES).toContain(e.training.loss);
  expect(REGULARIZERS).toContain(e.training.regularization);
  expect(Number.isInteger(e.seed)).toBe(true);
  // The editor can always analyse what the decoder lets through (it may report problems).
  expect(() => analyze(e.network)).not.toThrow();
}

describe('links', () => {
  const states: [string, SharedState][] = [
    ['the default experiment', { experiment: defaultExperiment(), view: DEFAULT_VIEW, hide: [] }],
    ['a modified experiment with view and hidden controls', { experiment: modified(), view: { showTestData: true, discretize: true, probeIndex: 0, mapScale: 'layer', speed: 0, palette: 'okabeIto' }, hide: ['dataset', 'learningRate', 'step'] }],
  ];

  it.each(states)('round-trips %s', (_label, state) => {
    const link = encodeLink(state);
    expect(link.startsWith('s=')).toBe(true);
    expect(link).toMatch(/^s=[A-Za-z0-9+\-$]+$/);
    const back = decodeLink(link);
    expect(back).toEqual({ ok: true, value: state });
    expect(decodeLink(`#${link}`)).toEqual(back);
  });

  it('modified() really differs from the default', () => {
    const m = modified();
    expect(m).not.toEqual(defaultExperiment());
    expect(m.seed).toBe(4_000_000_000);
    expect(m.network.nodes.some((n) => n.type === 'Dropout')).toBe(true);
  });

  it('keeps other fragment parameters working', () => {
    const link = encodeLink({ experiment: modified(), view: DEFAULT_VIEW, hide: [] });
    const back = decodeLink(`#lesson=3&${link}&x=1`);
    expect(back.ok && back.value.experiment).toEqual(modified());
  });

  it('leaves `h` out when nothing is hidden', () => {
    const a = encodeLink({ experiment: defaultExperiment(), view: DEFAULT_VIEW, hide: [] });
    const b = encodeLink({ experiment: defaultExperiment(), view: DEFAULT_VIEW, hide: ['reset'] });
    expect(b.length).toBeGreaterThan(a.length);
  });

  it('hasLinkState says whether a fragment carries state', () => {
    expect(hasLinkState('')).toBe(false);
    expect(hasLinkState('#')).toBe(false);
    expect(hasLinkState('#lesson=2')).toBe(false);
    expect(hasLinkState('#s=abc')).toBe(true);
    expect(hasLinkState('s=')).toBe(true);
    expect(hasLinkState('#a=1&s=zzz')).toBe(true);
  });

  it('drops unknown hide ids and keeps the known ones in canonical order', () => {
    const link = linkOf({ e: defaultExperiment(), h: ['step', 'nonsense', 'dataset', 42, null, 'dataset'] });
    const back = decodeLink(link);
    expect(back.ok && back.value.hide).toEqual(['dataset', 'step']);
    const notArray = decodeLink(linkOf({ e: defaultExperiment(), h: 'dataset' }));
    expect(notArray.ok && notArray.value.hide).toEqual([]);
  });

  it('fills a missing or bad view with defaults', () => {
    const a = decodeLink(linkOf({ e: defaultExperiment() }));
    expect(a.ok && a.value.view).toEqual(DEFAULT_VIEW);
    const b = decodeLink(linkOf({ e: defaultExperiment(), v: { showTestData: true } }));
    expect(b.ok && b.value.view).toEqual({ showTestData: true, discretize: false, probeIndex: 0, mapScale: 'layer', speed: 0, palette: 'standard' });
    const c = decodeLink(linkOf({ e: defaultExperiment(), v: { showTestData: 'yes' } }));
    expect(c.ok && c.value.view).toEqual(DEFAULT_VIEW);
  });

  it('carries the colour-blind-safe palette in links; an unknown palette falls back to the defaults', () => {
    const safe = decodeLink(linkOf({ e: defaultExperiment(), v: { palette: 'okabeIto' } }));
    expect(safe.ok && safe.value.view.palette).toBe('okabeIto');
    const bad = decodeLink(linkOf({ e: defaultExperiment(), v: { palette: 'neon' } }));
    expect(bad.ok && bad.value.view).toEqual(DEFAULT_VIEW);
  });

  it('fills missing optional experiment fields with defaults', () => {
    const d = defaultExperiment();
    const back = decodeLink(
      linkOf({
        e: {
          version: 1,
          network: modified().network,
          dataset: { kind: 'xor', features: ['x2', 'x1'] },
          training: { learningRate: 0.5 },
        },
      }),
    );
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    const e = back.value.experiment;
    expect(e.dataset).toEqual({ ...d.dataset, kind: 'xor', features: ['x1', 'x2'] });
    expect(e.training).toEqual({ ...d.training, learningRate: 0.5 });
    expect(e.seed).toBe(d.seed);
    expect(e.network).toEqual(modified().network);
  });

  describe('rejects', () => {
    it.each([
      ['no state at all', '#lesson=1', 'codec.noState'],
      ['an empty state', 's=', 'codec.noState'],
      ['a garbage fragment', 's=%%%not-lz!!', 'codec.corruptLink'],
      ['random letters', 's=qwertyuiopasdfghjkl', 'codec.corruptLink'],
      ['plain JSON that was not compressed', `s=${encodeURIComponent('{"e":{}}')}`, 'codec.corruptLink'],
      ['compressed text that is not JSON', `s=${compressToEncodedURIComponent('hello, world')}`, 'codec.corruptLink'],
      ['compressed JSON that is not an object', linkOf([1, 2, 3]), 'codec.notObject'],
      ['compressed null', linkOf(null), 'codec.corruptLink'],
      ['a payload without an experiment', linkOf({ v: DEFAULT_VIEW }), 'codec.notObject'],
      ['an experiment that is an array', linkOf({ e: [defaultExperiment()] }), 'codec.notObject'],
      ['an experiment that is a string', linkOf({ e: 'experiment' }), 'codec.notObject'],
    ])('%s', (_label, fragment, key) => {
      expect(errorOf(decodeLink(fragment))?.key).toBe(key);
    });

    it('a truncated link', () => {
      const link = encodeLink({ experiment: modified(), view: DEFAULT_VIEW, hide: ['dataset'] });
      for (const keep of [0.25, 0.5, 0.75, 0.9]) {
        const cut = link.slice(0, Math.floor(link.length * keep));
        const r = decodeLink(cut);
        expect(r.ok, `cut at ${keep}`).toBe(false);
        expect(['codec.corruptLink', 'codec.noState']).toContain(errorOf(r)?.key);
      }
      // Dropping just the last few characters must not silently produce a different experiment.
      for (let drop = 1; drop <= 5; drop++) {
        const r = decodeLink(link.slice(0, -drop));
        if (r.ok) expect(r.value.experiment).toEqual(modified());
      }
    });

    it('a newer version', () => {
      expect(errorOf(decodeLink(linkOf({ e: { ...defaultExperiment(), version: 2 } })))).toEqual({ key: 'codec.newerVersion', vars: { version: 2 } });
    });

    it('a missing or impossible version', () => {
      const { version: _v, ...noVersion } = defaultExperiment();
      expect(errorOf(decodeLink(linkOf({ e: noVersion })))?.key).toBe('codec.noVersion');
      expect(errorOf(decodeLink(linkOf({ e: { ...defaultExperiment(), version: '1' } })))?.key).toBe('codec.noVersion');
      expect(errorOf(decodeLink(linkOf({ e: { ...defaultExperiment(), version: 0 } })))).toEqual({ key: 'codec.unknownVersion', vars: { version: 0 } });
      expect(errorOf(decodeLink(linkOf({ e: { ...defaultExperiment(), version: 0.5 } })))?.key).toBe('codec.unknownVersion');
    });

    it('an unknown layer type', () => {
      const e = defaultExperiment();
      e.network.nodes[1].type = 'Conv3D';
      expect(errorOf(decodeLink(linkOf({ e })))).toEqual({ key: 'codec.unknownLayer', vars: { type: 'Conv3D' } });
      e.network.nodes[1].type = 'toString';
      expect(errorOf(decodeLink(linkOf({ e })))).toEqual({ key: 'codec.unknownLayer', vars: { type: 'toString' } });
    });

    it.each([
      ['units as a string', { units: 'four' }, 'units'],
      ['units as a boolean', { units: true }, 'units'],
      ['units out of range', { units: 0 }, 'units'],
      ['fractional units', { units: 1.5 }, 'units'],
      ['an unknown activation', { activation: 'sine' }, 'activation'],
      ['useBias as a string', { useBias: 'yes' }, 'useBias'],
      ['activation as an array', { activation: [1, 2] }, 'activation'],
    ])('a param of the wrong type or value: %s', (_label, params, param) => {
      const e = defaultExperiment();
      e.network.nodes[1].params = { ...e.network.nodes[1].params, ...params } as never;
      expect(errorOf(decodeLink(linkOf({ e })))).toEqual({ key: 'codec.badParam', vars: { id: 'h1', param } });
    });

    it('a bad Input shape and a bad Dropout rate', () => {
      const e = defaultExperiment();
      e.network.nodes[0].params = { shape: [0] };
      expect(errorOf(decodeLink(linkOf({ e })))).toEqual({ key: 'codec.badParam', vars: { id: 'input', param: 'shape' } });
      const f = applyChange(defaultExperiment(), { type: 'setDropout', index: 0, rate: 0.5 });
      f.network.nodes[2].params = { rate: 2 };
      expect(errorOf(decodeLink(linkOf({ e: f })))).toEqual({ key: 'codec.badParam', vars: { id: 'h1_dropout', param: 'rate' } });
    });

    it.each([
      ['numPoints too small', { dataset: { numPoints: 5 } }, 'dataset.numPoints'],
      ['numPoints too large', { dataset: { numPoints: 10_001 } }, 'dataset.numPoints'],
      ['fractional numPoints', { dataset: { numPoints: 100.5 } }, 'dataset.numPoints'],
      ['an unknown dataset kind', { dataset: { kind: 'cifar10' } }, 'dataset.kind'],
      ['no features', { dataset: { features: [] } }, 'dataset.features'],
      ['an unknown feature', { dataset: { features: ['x1', 'cosX1'] } }, 'dataset.features.1'],
      ['a zero learning rate', { training: { learningRate: 0 } }, 'training.learningRate'],
      ['an unknown optimizer', { training: { optimizer: 'lbfgs' } }, 'training.optimizer'],
      ['a negative seed', { seed: -1 }, 'seed'],
      ['a fractional seed', { seed: 1.5 }, 'seed'],
      ['no nodes', { network: { nodes: [] } }, 'network.nodes'],
      ['a node without id', { network: { nodes: [{ type: 'Input', params: {}, inputs: [] }] } }, 'network.nodes.0.id'],
      ['an empty id', { network: { nodes: [{ id: '', type: 'Input', params: {}, inputs: [] }] } }, 'network.nodes.0.id'],
      ['inputs that are not strings', { network: { nodes: [{ id: 'a', type: 'Input', params: {}, inputs: [1] }] } }, 'network.nodes.0.inputs.0'],
      ['a nested-object param', { network: { nodes: [{ id: 'a', type: 'Input', params: { shape: { 0: 2 } }, inputs: [] }] } }, 'network.nodes.0.params.shape'],
    ])('an invalid field: %s', (_label, patch, field) => {
      const e = { ...defaultExperiment(), ...patch, dataset: { ...defaultExperiment().dataset, ...(patch as { dataset?: object }).dataset }, training: { ...defaultExperiment().training, ...(patch as { training?: object }).training } };
      expect(errorOf(decodeLink(linkOf({ e })))).toEqual({ key: 'codec.invalidField', vars: { field } });
    });

    it('duplicate ids', () => {
      const e = defaultExperiment();
      e.network.nodes[2].id = 'h1';
      expect(errorOf(decodeLink(linkOf({ e })))).toEqual({ key: 'codec.duplicateId', vars: { id: 'h1' } });
    });

    it('too many nodes', () => {
      const nodes = Array.from({ length: 301 }, (_, i) => ({ id: `n${i}`, type: 'Dropout', params: {}, inputs: [`n${i - 1}`] }));
      expect(errorOf(decodeLink(linkOf({ e: { ...defaultExperiment(), network: { nodes } } })))).toEqual({ key: 'codec.invalidField', vars: { field: 'network.nodes' } });
    });

    it('oversize input', () => {
      const big = { ...defaultExperiment(), padding: 'x'.repeat(250_000) };
      expect(errorOf(decodeExperimentFile(JSON.stringify(big)))).toEqual({ key: 'codec.tooLarge' });
      const r = decodeLink(linkOf({ e: big }));
      expect(errorOf(r)).toEqual({ key: 'codec.tooLarge' });
      // A huge fragment is refused without decompressing it.
      expect(errorOf(decodeLink(`s=${'A'.repeat(300_000)}`))).toEqual({ key: 'codec.tooLarge' });
    });
  });

  it('accepts broken graphs (a teacher may share one as an exercise)', () => {
    const e = defaultExperiment();
    e.network.nodes[3].inputs = ['nowhere'];
    const r = decodeLink(linkOf({ e }));
    expect(r.ok).toBe(true);
    if (r.ok) expect(analyze(r.value.experiment.network).errors.map((x) => x.error.key)).toEqual(['err.graph.missingInput']);
  });

  it('returns copies that share nothing with the parsed input', () => {
    const raw = JSON.parse(JSON.stringify(defaultExperiment()));
    const r = decodeExperiment(raw);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    r.value.network.nodes[0].inputs.push('x');
    (r.value.network.nodes[0].params.shape as number[]).push(5);
    expect(raw.network.nodes[0].inputs).toEqual([]);
  });
});

describe('experiment files', () => {
  it.each([
    ['default', defaultExperiment()],
    ['modified', modified()],
  ])('round-trips the %s experiment', (_label, exp) => {
    const text = encodeExperimentFile(exp);
    expect(JSON.parse(text).app).toBe('gradient-garden');
    expect(decodeExperimentFile(text)).toEqual({ ok: true, value: exp });
  });

  it('accepts a file without the app marker', () => {
    expect(decodeExperimentFile(JSON.stringify(modified()))).toEqual({ ok: true, value: modified() });
  });

  it.each([
    ['not JSON', '{"version": 1,', 'codec.notJson'],
    ['empty text', '', 'codec.notJson'],
    ['a number', '42', 'codec.notObject'],
    ['null', 'null', 'codec.notObject'],
    ['an array', '[{"version":1}]', 'codec.notObject'],
    ['a string', '"hello"', 'codec.notObject'],
    ['a newer version', JSON.stringify({ ...defaultExperiment(), version: 3 }), 'codec.newerVersion'],
  ])('rejects %s', (_label, text, key) => {
    expect(errorOf(decodeExperimentFile(text))?.key).toBe(key);
  });
});

describe('the decoder never throws', () => {
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$=&#%{}[]":,. \u00e9\u4e2d';
  const valid = encodeLink({ experiment: modified(), view: { showTestData: true, discretize: false, probeIndex: 0, mapScale: 'layer', speed: 0, palette: 'standard' }, hide: ['dataset', 'noise'] });

  function check(fragment: string) {
    let r: Decoded<SharedState> | undefined;
    expect(() => {
      r = decodeLink(fragment);
    }, fragment.slice(0, 80)).not.toThrow();
    if (r!.ok) {
      expectValidExperiment(r!.value.experiment);
      for (const h of r!.value.hide) expect(CONTROL_IDS).toContain(h);
    } else {
      expect(typeof r!.error.key).toBe('string');
    }
  }

  it('survives 500 random strings', () => {
    const rng = createRng(20240601);
    for (let i = 0; i < 500; i++) {
      const len = rng.int(200);
      let s = rng.next() < 0.7 ? 's=' : '';
      for (let j = 0; j < len; j++) s += ALPHABET[rng.int(ALPHABET.length)];
      check(s);
    }
  });

  it('survives 500 random mutations of a valid link', () => {
    const rng = createRng(7);
    const body = valid.slice(2);
    let okCount = 0;
    for (let i = 0; i < 500; i++) {
      const chars = body.split('');
      const edits = 1 + rng.int(4);
      for (let k = 0; k < edits; k++) {
        const at = rng.int(chars.length);
        const op = rng.int(3);
        const c = ALPHABET[rng.int(62)];
        if (op === 0) chars[at] = c;
        else if (op === 1) chars.splice(at, 1);
        else chars.splice(at, 0, c);
      }
      const fragment = `s=${chars.join('')}`;
      check(fragment);
      if (decodeLink(fragment).ok) okCount++;
    }
    // Mostly rejected; whatever got through was checked as a valid Experiment above.
    expect(okCount).toBeLessThan(500);
  });

  it('survives 500 random mutations of the JSON inside a valid link', () => {
    const rng = createRng(99);
    const base = { e: modified(), v: DEFAULT_VIEW, h: ['dataset'] };
    const values: unknown[] = [null, true, false, 0, -1, 1e308, 0.5, '', 'x', '__proto__', [], {}, [1, 2], { a: 1 }, 'Dense', 'softmax', 1e9];
    const mutate = (v: unknown, depth: number): unknown => {
      if (rng.next() < 0.15 || depth > 6) return values[rng.int(values.length)];
      if (Array.isArray(v)) {
        const out = v.map((x) => mutate(x, depth + 1));
        if (rng.next() < 0.1) out.pop();
        if (rng.next() < 0.1) out.push(values[rng.int(values.length)]);
        return out;
      }
      if (v && typeof v === 'object') {
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v)) {
          if (rng.next() < 0.05) continue;
          out[k] = mutate(x, depth + 1);
        }
        // An own "__proto__" key, as JSON.parse makes one.
        if (rng.next() < 0.05) Object.defineProperty(out, '__proto__', { value: values[rng.int(values.length)], enumerable: true });
        return out;
      }
      return v;
    };
    for (let i = 0; i < 500; i++) {
      const text = JSON.stringify(mutate(base, 0));
      check(`s=${compressToEncodedURIComponent(text)}`);
      expect(() => decodeExperimentFile(text)).not.toThrow();
    }
  });

  it('copes with prototype-looking keys', () => {
    const text = '{"e":{"version":1,"network":{"nodes":[{"id":"__proto__","type":"Input","params":{"__proto__":[3],"shape":[2]},"inputs":[]},{"id":"constructor","type":"Dense","params":{"units":1,"activation":"tanh"},"inputs":["__proto__"]}]}}}';
    const r = decodeLink(`s=${compressToEncodedURIComponent(text)}`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expectValidExperiment(r.value.experiment);
    expect(({} as Record<string, unknown>).shape).toBeUndefined();
    const a = analyze(r.value.experiment.network);
    expect(a.errors).toEqual([]);
    expect(a.totalParams).toBe(3);
    // Both ids break the id rule (models/layerId.ts): they are renamed, and the rename is reported.
    expect(Object.keys(a.nodes).sort()).toEqual(['dense_1', 'proto__']);
    expect(r.renamed).toEqual([
      { from: '__proto__', to: 'proto__' },
      { from: 'constructor', to: 'dense_1' },
    ]);
  });

  it('accepts every activation name in a link', () => {
    for (const activation of ACTIVATIONS) {
      const e = applyChange(defaultExperiment(), { type: 'setActivation', index: 'all', activation });
      const r = decodeLink(encodeLink({ experiment: e, view: DEFAULT_VIEW, hide: [] }));
      expect(r.ok && r.value.experiment).toEqual(e);
    }
  });
});
