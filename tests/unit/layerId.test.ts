import { compressToEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { decodeExperimentFile, decodeLink } from '../../src/models/codec';
import { analyze } from '../../src/models/analysis';
import { defaultExperiment } from '../../src/models/defaults';
import { idRecord, layerIdError, safeIdFor, withSafeIds } from '../../src/models/layerId';
import { idStem } from '../../src/models/graphEdits';
import type { Experiment, NetworkSpec } from '../../src/models/spec';

const linkOf = (payload: unknown) => `s=${compressToEncodedURIComponent(JSON.stringify(payload))}`;

/** The default 2-D network with its ids replaced through `rename` (inputs and layout too). */
function renamedDefault(rename: (id: string, i: number) => string): Experiment {
  const e = defaultExperiment();
  const map = new Map(e.network.nodes.map((n, i) => [n.id, rename(n.id, i)]));
  const nodes = e.network.nodes.map((n) => ({ ...n, id: map.get(n.id)!, inputs: n.inputs.map((x) => map.get(x)!) }));
  const layout = Object.fromEntries(e.network.nodes.map((n, i) => [map.get(n.id)!, { x: 10 * i, y: 5 }]));
  return { ...e, network: { nodes, layout } };
}

describe('the layer id rule', () => {
  it.each(['dense_1', 'conv2d_3', 'A', 'encoder-block-2', 'x'.repeat(64)])('accepts %s', (id) => {
    expect(layerIdError(id)).toBeNull();
  });

  it.each([
    ['', 'err.id.empty'],
    ['x'.repeat(65), 'err.id.tooLong'],
    ['my layer', 'err.id.chars'],
    ['卷积1', 'err.id.chars'],
    ['_hidden', 'err.id.chars'],
    ['1st', 'err.id.chars'],
    ['a.b', 'err.id.chars'],
    ['__proto__', 'err.id.chars'],
    ['constructor', 'err.id.reserved'],
    ['toString', 'err.id.reserved'],
    ['valueOf', 'err.id.reserved'],
    ['hasOwnProperty', 'err.id.reserved'],
    ['isPrototypeOf', 'err.id.reserved'],
  ])('refuses %j with %s', (id, key) => {
    expect(layerIdError(id)?.key).toBe(key);
  });

  it('makes safe ids from what it can keep, else from the layer type', () => {
    const used = new Set(['dense_1']);
    expect(safeIdFor('my layer', 'dense', used)).toBe('my_layer');
    expect(safeIdFor('_conv', 'conv2d', used)).toBe('conv');
    expect(safeIdFor('卷积1', 'conv2d', used)).toBe('conv2d_1');
    expect(safeIdFor('层', 'dense', used)).toBe('dense_2');
    expect(safeIdFor('constructor', 'dense', used)).toBe('dense_2');
    // Found by the fuzz suite: a stem that cannot start an id (an unknown type "1x") looped forever.
    expect(safeIdFor('层', '1x', used)).toBe('layer_1');
    expect(safeIdFor('层', '', used)).toBe('layer_1');
  });

  it('idRecord has no prototype, so reserved names are plain keys', () => {
    const r = idRecord<number>([['constructor', 1], ['__proto__', 2]]);
    expect(Object.getPrototypeOf(r)).toBeNull();
    expect(r.constructor).toBe(1);
    expect(r['__proto__']).toBe(2);
    expect(r.toString).toBeUndefined();
  });
});

describe('old links and files with ids that break the rule', () => {
  it('renames ids, their references and layout, and says what it renamed', () => {
    const bad = renamedDefault((id, i) => (i === 0 ? id : i === 1 ? '卷积1' : i === 2 ? 'constructor' : `layer ${i}`));
    const original = bad.network;
    const { network, renames } = withSafeIds(original, idStem);
    expect(renames.map((r) => r.from)).toEqual(original.nodes.filter((_, i) => i > 0).map((n) => n.id));
    for (const r of renames) expect(layerIdError(r.to)).toBeNull();
    // Same graph: every input points at the renamed node, and the analysis is clean.
    const to = new Map(renames.map((r) => [r.from, r.to]));
    network.nodes.forEach((n, i) => {
      expect(n.inputs).toEqual(original.nodes[i].inputs.map((x) => to.get(x) ?? x));
      expect(network.layout?.[n.id]).toEqual(original.layout?.[original.nodes[i].id]);
    });
    expect(Object.values(analyze(network).nodes).every((info) => !info.error)).toBe(true);
  });

  it('a link with a layer named constructor or 卷积1 opens with the layers renamed', () => {
    const exp = renamedDefault((id, i) => (i === 1 ? 'constructor' : i === 2 ? '卷积1' : id));
    const decoded = decodeLink(linkOf({ e: exp }));
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.renamed).toEqual([
      { from: 'constructor', to: expect.any(String) },
      { from: '卷积1', to: expect.any(String) },
    ]);
    const ids = decoded.value.experiment.network.nodes.map((n) => n.id);
    expect(ids.every((id) => layerIdError(id) === null)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('a file with a __proto__ layer, layout entry and parameter leaves Object.prototype alone', () => {
    const exp = renamedDefault((id, i) => (i === 1 ? '__proto__' : id));
    // JSON.parse makes "__proto__" an own key; the codec must never assign through it.
    const text = JSON.stringify({ app: 'gradient-garden', ...exp })
      .replace('"layout":{', '"layout":{"__proto__":{"x":1,"y":2},')
      .replace('"params":{', '"params":{"__proto__":{"polluted":true},');
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const decoded = decodeExperimentFile(text);
    expect(decoded.ok).toBe(true);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    if (!decoded.ok) return;
    expect(decoded.renamed?.[0]?.from).toBe('__proto__');
    const net: NetworkSpec = decoded.value.network;
    expect(net.nodes.some((n) => n.id === '__proto__')).toBe(false);
    for (const n of net.nodes) expect(Object.keys(n.params)).not.toContain('__proto__');
  });

  it('links with valid ids decode exactly as before (nothing renamed)', () => {
    const exp = defaultExperiment();
    const decoded = decodeLink(linkOf({ e: exp }));
    expect(decoded.ok && decoded.renamed).toBeFalsy();
    expect(decoded.ok && decoded.value.experiment).toEqual(exp);
  });
});
