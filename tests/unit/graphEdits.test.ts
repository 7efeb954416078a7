import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/models/analysis';
import { layerDef } from '../../src/models/catalog';
import { decodeExperiment } from '../../src/models/codec';
import { estimateMacs, formatBytes } from '../../src/models/cost';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange, diffExperiment } from '../../src/models/edits';
import { applyGraphChange, canConnect, consumersOf, downstreamOf, freshNodeId, idStem, MAX_GRAPH_NODES, renameError, replacedBy, type GraphChange } from '../../src/models/graphEdits';
import type { LayerNode, NetworkSpec } from '../../src/models/spec';
import { isMessageKey } from '../../src/i18n';
import { editor } from '../../src/i18n/messages/editor.messages';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const node = (id: string, type: string, params: LayerNode['params'], inputs: string[] = []): LayerNode => ({ id, type, params, inputs });

/** Input[2] → a(Dense 4) → b(Dense 1), with b pinned at a position. */
function chain(): NetworkSpec {
  return {
    nodes: [
      node('in', 'Input', { shape: [2] }),
      node('a', 'Dense', { units: 4, activation: 'tanh', useBias: true }, ['in']),
      node('b', 'Dense', { units: 1, activation: 'tanh', useBias: true }, ['a']),
    ],
    layout: { in: { x: 0, y: 0 }, a: { x: 200, y: 0 }, b: { x: 400, y: 0 } },
  };
}

/** Input[2] → a, Input → b, and an Add of both. */
function diamond(): NetworkSpec {
  return {
    nodes: [
      node('in', 'Input', { shape: [2] }),
      node('a', 'Dense', { units: 3 }, ['in']),
      node('b', 'Dense', { units: 3 }, ['in']),
      node('sum', 'Add', {}, ['a', 'b']),
    ],
  };
}

const apply = (spec: NetworkSpec, change: GraphChange) => applyGraphChange(deepFreeze(spec), change);

describe('ids', () => {
  it('derives Keras-style stems from types', () => {
    expect(idStem('Conv2D')).toBe('conv2d');
    expect(idStem('Dense')).toBe('dense');
    expect(idStem('MultiHeadAttention')).toBe('multi_head_attention');
    expect(idStem('LSTM')).toBe('lstm');
    expect(idStem('SimpleRNN')).toBe('simple_rnn');
  });

  it('picks the first free number', () => {
    expect(freshNodeId(new Set(['dense_1', 'dense_3']), 'Dense')).toBe('dense_2');
    expect(freshNodeId(new Set(), 'Conv2D')).toBe('conv2d_1');
  });
});

describe('applyGraphChange', () => {
  it('addNode adds a node with default params, a fresh id and a position', () => {
    const next = apply(chain(), { type: 'addNode', nodeType: 'Dense', position: { x: 600, y: 10 } });
    const added = next.nodes[3];
    expect(added).toEqual({ id: 'dense_1', type: 'Dense', params: { units: 4, activation: 'tanh', useBias: true }, inputs: [] });
    expect(next.layout?.dense_1).toEqual({ x: 600, y: 10 });
    expect(next.nodes).toHaveLength(4);
  });

  it('addNode merges params, uses a requested free id and connects after a node', () => {
    const next = apply(chain(), { type: 'addNode', nodeType: 'Dense', id: 'out', params: { units: 7 }, connectFrom: 'b' });
    expect(next.nodes[3]).toMatchObject({ id: 'out', params: { units: 7 }, inputs: ['b'] });
    // A taken id is not reused.
    const again = apply(next, { type: 'addNode', nodeType: 'Dense', id: 'out' });
    expect(again.nodes[4].id).toBe('dense_1');
  });

  it('addNode with insert goes between a layer and every layer it fed, moving others in the same step', () => {
    const next = apply(chain(), { type: 'addNode', nodeType: 'Dropout', id: 'drop', connectFrom: 'a', insert: true, moved: { b: { x: 600, y: 0 } }, position: { x: 400, y: 0 } });
    expect(next.nodes.find((n) => n.id === 'drop')!.inputs).toEqual(['a']);
    expect(next.nodes.find((n) => n.id === 'b')!.inputs).toEqual(['drop']);
    expect(consumersOf(next, 'a')).toEqual(['drop']);
    expect(next.layout).toMatchObject({ b: { x: 600, y: 0 }, drop: { x: 400, y: 0 }, a: { x: 200, y: 0 } });
    // Both branches of a fork take the inserted layer; without insert it hangs off as a branch.
    const fork = apply(diamond(), { type: 'addNode', nodeType: 'Dense', id: 'mid', connectFrom: 'in', insert: true });
    expect(fork.nodes.filter((n) => n.inputs.includes('mid')).map((n) => n.id)).toEqual(['a', 'b']);
    expect(consumersOf(apply(diamond(), { type: 'addNode', nodeType: 'Dense', id: 'mid', connectFrom: 'in' }), 'in')).toEqual(['a', 'b', 'mid']);
  });

  it('consumersOf, downstreamOf and replacedBy describe the wiring', () => {
    expect(consumersOf(diamond(), 'in')).toEqual(['a', 'b']);
    expect([...downstreamOf(diamond(), 'in')].sort()).toEqual(['a', 'b', 'sum']);
    expect(downstreamOf(diamond(), 'sum').size).toBe(0);
    // Slot 0 of b holds `a`: a connection there replaces it; a new slot replaces nothing.
    expect(replacedBy(chain(), 'b', 0)).toBe('a');
    expect(replacedBy(diamond(), 'sum', 2)).toBeNull();
    expect(replacedBy(chain(), 'b')).toBeNull();
  });

  it('addNode never connects into an Input and refuses unknown types', () => {
    const next = apply(chain(), { type: 'addNode', nodeType: 'Input', connectFrom: 'b' });
    expect(next.nodes[3]).toMatchObject({ type: 'Input', inputs: [] });
    const spec = chain();
    expect(apply(spec, { type: 'addNode', nodeType: 'NoSuchLayer' })).toBe(spec);
  });

  it('addNode pins given positions without overriding saved ones', () => {
    const spec: NetworkSpec = { nodes: chain().nodes, layout: { in: { x: 1, y: 1 } } };
    const next = apply(spec, { type: 'addNode', nodeType: 'Dense', pin: { in: { x: 99, y: 99 }, a: { x: 5, y: 5 } } });
    expect(next.layout).toEqual({ in: { x: 1, y: 1 }, a: { x: 5, y: 5 } });
  });

  it('addNode stops at the node limit', () => {
    const spec: NetworkSpec = { nodes: Array.from({ length: MAX_GRAPH_NODES }, (_, i) => node(`n${i}`, 'Input', { shape: [2] })) };
    expect(apply(spec, { type: 'addNode', nodeType: 'Dense' })).toBe(spec);
  });

  it('removeNodes removes nodes, their layout and their ids from other inputs', () => {
    const next = apply(chain(), { type: 'removeNodes', ids: ['a'] });
    expect(next.nodes.map((n) => n.id)).toEqual(['in', 'b']);
    expect(next.nodes[1].inputs).toEqual([]);
    expect(next.layout).toEqual({ in: { x: 0, y: 0 }, b: { x: 400, y: 0 } });
    const d = apply(diamond(), { type: 'removeNodes', ids: ['a', 'in'] });
    expect(d.nodes.find((n) => n.id === 'sum')!.inputs).toEqual(['b']);
    expect(d.nodes.find((n) => n.id === 'b')!.inputs).toEqual([]);
  });

  it('removeNodes of unknown ids changes nothing', () => {
    const spec = chain();
    expect(apply(spec, { type: 'removeNodes', ids: ['nope'] })).toBe(spec);
  });

  it('connect appends to the target inputs, or replaces the slot a handle names', () => {
    const spec = apply(diamond(), { type: 'disconnect', source: 'b', target: 'sum' });
    expect(spec.nodes[3].inputs).toEqual(['a']);
    const appended = apply(spec, { type: 'connect', source: 'b', target: 'sum' });
    expect(appended.nodes[3].inputs).toEqual(['a', 'b']);
    const replaced = apply(spec, { type: 'connect', source: 'b', target: 'sum', targetHandleIndex: 0 });
    expect(replaced.nodes[3].inputs).toEqual(['b']);
  });

  it('connect refuses self-loops, cycles and full targets (returns the same spec)', () => {
    const spec = deepFreeze(chain());
    expect(applyGraphChange(spec, { type: 'connect', source: 'a', target: 'a' })).toBe(spec);
    expect(applyGraphChange(spec, { type: 'connect', source: 'b', target: 'a' })).toBe(spec);
    expect(applyGraphChange(spec, { type: 'connect', source: 'in', target: 'b' })).toBe(spec);
  });

  it('disconnect removes a connection', () => {
    const next = apply(chain(), { type: 'disconnect', source: 'a', target: 'b' });
    expect(next.nodes[2].inputs).toEqual([]);
    const spec = chain();
    expect(apply(spec, { type: 'disconnect', source: 'in', target: 'b' })).toBe(spec);
  });

  it('setParams patches one node', () => {
    const spec = chain();
    const next = apply(spec, { type: 'setParams', id: 'a', patch: { units: 9 } });
    expect(next.nodes[1].params).toEqual({ units: 9, activation: 'tanh', useBias: true });
    // Untouched nodes are shared, not copied.
    expect(next.nodes[2]).toBe(spec.nodes[2]);
    expect(apply(spec, { type: 'setParams', id: 'zzz', patch: { units: 9 } })).toBe(spec);
  });

  it('duplicate copies nodes with fresh ids, keeping only internal connections, offset', () => {
    const next = apply(chain(), { type: 'duplicate', ids: ['a', 'b'] });
    expect(next.nodes).toHaveLength(5);
    const [a2, b2] = next.nodes.slice(3);
    expect(a2).toMatchObject({ id: 'dense_1', type: 'Dense', inputs: [], params: { units: 4 } });
    expect(b2).toMatchObject({ id: 'dense_2', inputs: ['dense_1'], params: { units: 1 } });
    expect(next.layout?.dense_1).toEqual({ x: 240, y: 40 });
    expect(next.layout?.dense_2).toEqual({ x: 440, y: 40 });
  });

  it('paste inserts copies with fresh ids and drops links to nodes outside', () => {
    const clip = [node('a', 'Dense', { units: 3 }, ['elsewhere']), node('b', 'Activation', { activation: 'relu' }, ['a'])];
    const next = apply(chain(), { type: 'paste', nodes: clip, layout: { a: { x: 10, y: 10 } } });
    expect(next.nodes.slice(3)).toEqual([
      { id: 'dense_1', type: 'Dense', params: { units: 3 }, inputs: [] },
      { id: 'activation_1', type: 'Activation', params: { activation: 'relu' }, inputs: ['dense_1'] },
    ]);
    expect(next.layout?.dense_1).toEqual({ x: 50, y: 50 });
    // The pasted copies do not share arrays with the clipboard.
    expect(next.nodes[3].params).not.toBe(clip[0].params);
  });

  it('move sets positions; replace drops the others', () => {
    const next = apply(chain(), { type: 'move', positions: { a: { x: 7, y: 8 }, ghost: { x: 1, y: 1 } } });
    expect(next.layout).toEqual({ in: { x: 0, y: 0 }, a: { x: 7, y: 8 }, b: { x: 400, y: 0 } });
    const replaced = apply(chain(), { type: 'move', positions: { a: { x: 7, y: 8 } }, replace: true });
    expect(replaced.layout).toEqual({ a: { x: 7, y: 8 } });
  });

  it('never mutates its input (deep-frozen) for every change', () => {
    const changes: GraphChange[] = [
      { type: 'addNode', nodeType: 'Dense', connectFrom: 'a', position: { x: 1, y: 2 } },
      { type: 'removeNodes', ids: ['a'] },
      { type: 'connect', source: 'in', target: 'sum', targetHandleIndex: 1 },
      { type: 'disconnect', source: 'a', target: 'sum' },
      { type: 'setParams', id: 'a', patch: { units: 2 } },
      { type: 'duplicate', ids: ['a', 'sum'] },
      { type: 'paste', nodes: [node('x', 'Dense', { units: 1 })] },
      { type: 'move', positions: { a: { x: 3, y: 3 } } },
    ];
    for (const change of changes) {
      const spec = deepFreeze(diamond());
      const before = JSON.stringify(spec);
      expect(() => applyGraphChange(spec, change)).not.toThrow();
      expect(JSON.stringify(spec)).toBe(before);
    }
  });
});

describe('canConnect', () => {
  it('allows a fresh connection', () => {
    const spec = apply(chain(), { type: 'addNode', nodeType: 'Dense', id: 'c' });
    expect(canConnect(spec, 'b', 'c')).toBeNull();
  });

  it('refuses self-loops', () => {
    expect(canConnect(chain(), 'a', 'a')).toEqual({ key: 'editor.connect.self' });
  });

  it('refuses a connection that closes a cycle', () => {
    expect(canConnect(chain(), 'b', 'a')).toMatchObject({ key: 'editor.connect.cycle' });
    expect(canConnect(diamond(), 'sum', 'in')).toMatchObject({ key: 'editor.connect.toInput' });
    const spec = apply(diamond(), { type: 'addNode', nodeType: 'Dense', id: 'c', connectFrom: 'sum' });
    expect(canConnect(spec, 'c', 'a')).toMatchObject({ key: 'editor.connect.cycle', vars: { source: 'c', target: 'a' } });
  });

  it('refuses inputs into an Input layer', () => {
    expect(canConnect(chain(), 'a', 'in')).toEqual({ key: 'editor.connect.toInput', vars: { target: 'in' } });
  });

  it('refuses a target that already has its maximum number of inputs (catalog arity)', () => {
    const spec = apply(chain(), { type: 'addNode', nodeType: 'Input', id: 'in2' });
    expect(canConnect(spec, 'in2', 'b')).toEqual({ key: 'editor.connect.full', vars: { target: 'b', max: 1 } });
    // Naming the taken slot replaces it instead.
    expect(canConnect(spec, 'in2', 'b', 0)).toBeNull();
    // Add takes up to 8.
    const max = layerDef('Add')!.arity[1];
    expect(canConnect(apply(diamond(), { type: 'addNode', nodeType: 'Dense', id: 'c', connectFrom: 'in' }), 'c', 'sum')).toBeNull();
    expect(max).toBeGreaterThanOrEqual(2);
  });

  it('refuses a duplicate connection and unknown nodes', () => {
    expect(canConnect(chain(), 'a', 'b')).toMatchObject({ key: 'editor.connect.duplicate' });
    expect(canConnect(chain(), 'zz', 'b')).toEqual({ key: 'editor.connect.unknown' });
  });
});

describe('the graph SpecChange', () => {
  it('edits the experiment network through applyChange, with undo-friendly identity', () => {
    const exp = deepFreeze(defaultExperiment());
    const next = applyChange(exp, { type: 'graph', change: { type: 'setParams', id: 'h1', patch: { units: 8 } } });
    expect(next.network.nodes.find((n) => n.id === 'h1')!.params.units).toBe(8);
    expect(applyChange(exp, { type: 'graph', change: { type: 'removeNodes', ids: ['nope'] } })).toBe(exp);
  });

  it('moving nodes does not rebuild the model', () => {
    const exp = defaultExperiment();
    const moved = applyChange(exp, { type: 'graph', change: { type: 'move', positions: { h1: { x: 5, y: 5 } } } });
    expect(moved.network.layout).toEqual({ h1: { x: 5, y: 5 } });
    expect(diffExperiment(exp, moved).model).toBe(false);
  });

  it('playground edits keep the editor positions of surviving nodes', () => {
    const exp = applyChange(defaultExperiment(), { type: 'graph', change: { type: 'move', positions: { h1: { x: 5, y: 5 }, h2: { x: 9, y: 9 } } } });
    const next = applyChange(exp, { type: 'removeLayer' });
    expect(next.network.layout).toEqual({ h1: { x: 5, y: 5 } });
  });

  it('the codec keeps the layout of known nodes and rejects bad positions', () => {
    const exp = applyChange(defaultExperiment(), { type: 'graph', change: { type: 'move', positions: { h1: { x: 5, y: 5 } } } });
    const raw = JSON.parse(JSON.stringify(exp));
    const decoded = decodeExperiment(raw);
    expect(decoded.ok && decoded.value.network.layout).toEqual({ h1: { x: 5, y: 5 } });
    raw.network.layout.ghost = { x: 1, y: 1 };
    const pruned = decodeExperiment(raw);
    expect(pruned.ok && pruned.value.network.layout).toEqual({ h1: { x: 5, y: 5 } });
    raw.network.layout.h1 = { x: 'left', y: 1 };
    expect(decodeExperiment(raw).ok).toBe(false);
    const plain = decodeExperiment(JSON.parse(JSON.stringify(defaultExperiment())));
    expect(plain.ok && 'layout' in plain.value.network).toBe(false);
  });
});

describe('estimateMacs', () => {
  it('counts fanIn × units for a Dense chain', () => {
    const spec: NetworkSpec = {
      nodes: [node('in', 'Input', { shape: [3] }), node('a', 'Dense', { units: 5 }, ['in']), node('b', 'Dense', { units: 2 }, ['a'])],
    };
    // 3·5 + 5·2
    expect(estimateMacs(spec, analyze(spec))).toBe(25);
  });

  it.skipIf(!layerDef('Conv2D') || !layerDef('Flatten'))('counts H′·W′·k²·Cin·filters for a conv net', () => {
    const spec: NetworkSpec = {
      nodes: [
        node('in', 'Input', { shape: [8, 8, 2] }),
        node('conv', 'Conv2D', { filters: 4, kernelSize: 3, strides: 1, padding: 'valid' }, ['in']),
        node('flat', 'Flatten', {}, ['conv']),
        node('out', 'Dense', { units: 10 }, ['flat']),
      ],
    };
    const a = analyze(spec);
    expect(a.nodes.conv.shape).toEqual([6, 6, 4]);
    // conv: 6·6 positions × 3·3 kernel × 2 in-channels × 4 filters = 2592; dense: 144 · 10 = 1440
    expect(estimateMacs(spec, a)).toBe(2592 + 1440);
  });

  it.skipIf(!layerDef('LSTM'))('counts 4 gates per step for an LSTM', () => {
    const spec: NetworkSpec = { nodes: [node('in', 'Input', { shape: [10, 8] }), node('rnn', 'LSTM', { units: 16 }, ['in'])] };
    // 10 steps × 4 gates × (8·16 + 16·16)
    expect(estimateMacs(spec, analyze(spec))).toBe(10 * 4 * (8 * 16 + 16 * 16));
  });

  it('counts nothing for a broken node', () => {
    const spec: NetworkSpec = { nodes: [node('in', 'Input', { shape: [3] }), node('a', 'Dense', { units: 5 }, ['missing'])] };
    expect(estimateMacs(spec, analyze(spec))).toBe(0);
  });

  it('formats weight memory', () => {
    expect(formatBytes(17 * 4)).toBe('68 B');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });
});

describe('editor messages', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it('have both languages with the same placeholders', () => {
    for (const [key, entry] of Object.entries(editor)) {
      expect(entry.en.trim(), key).not.toBe('');
      expect(entry['zh-CN'].trim(), key).not.toBe('');
      expect(placeholders(entry['zh-CN']), key).toEqual(placeholders(entry.en));
    }
  });

  it('define every reason canConnect gives', () => {
    const spec = chain();
    const reasons = [canConnect(spec, 'a', 'a'), canConnect(spec, 'b', 'a'), canConnect(spec, 'a', 'in'), canConnect(spec, 'a', 'b'), canConnect(spec, 'x', 'b')];
    const full = canConnect(apply(spec, { type: 'addNode', nodeType: 'Input', id: 'in2' }), 'in2', 'b');
    for (const r of [...reasons, full]) expect(isMessageKey(r!.key), r!.key).toBe(true);
  });
});

describe('rename', () => {
  const spec = deepFreeze<NetworkSpec>({
    nodes: [
      { id: 'in', type: 'Input', params: { shape: [2] }, inputs: [] },
      { id: 'a', type: 'Dense', params: { units: 3 }, inputs: ['in'] },
      { id: 'b', type: 'Dense', params: { units: 1 }, inputs: ['a'] },
      { id: 'c', type: 'Add', params: {}, inputs: ['a', 'b'] },
    ],
    layout: { in: { x: 0, y: 0 }, a: { x: 1, y: 2 } },
  });

  it('renames the node, every input that names it and its layout entry', () => {
    const next = applyGraphChange(spec, { type: 'rename', id: 'a', to: 'encoder' });
    expect(next.nodes.map((n) => n.id)).toEqual(['in', 'encoder', 'b', 'c']);
    expect(next.nodes[2].inputs).toEqual(['encoder']);
    expect(next.nodes[3].inputs).toEqual(['encoder', 'b']);
    expect(next.layout).toEqual({ in: { x: 0, y: 0 }, encoder: { x: 1, y: 2 } });
    expect(analyze(next).totalParams).toBe(analyze(spec).totalParams);
  });

  it.each([
    ['taken', 'b', 'err.id.taken'],
    ['non-ASCII', '卷积1', 'err.id.chars'],
    ['a space', 'my layer', 'err.id.chars'],
    ['reserved', 'constructor', 'err.id.reserved'],
    ['empty', '', 'err.id.empty'],
  ])('refuses a %s name, leaving the spec the same object', (_what, to, key) => {
    expect(renameError(spec, 'a', to)?.key).toBe(key);
    expect(applyGraphChange(spec, { type: 'rename', id: 'a', to })).toBe(spec);
  });

  it('an unknown node or the same name changes nothing', () => {
    expect(applyGraphChange(spec, { type: 'rename', id: 'zz', to: 'y' })).toBe(spec);
    expect(applyGraphChange(spec, { type: 'rename', id: 'a', to: 'a' })).toBe(spec);
  });
});
