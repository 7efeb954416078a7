import { describe, expect, it } from 'vitest';
import { analyze, checkParam, withDefaults } from '../../src/models/analysis';
import { defaultExperiment } from '../../src/models/defaults';
import type { ParamSchema } from '../../src/models/catalog';
import type { LayerNode, NetworkSpec, ParamValue } from '../../src/models/spec';

const input = (id = 'in', shape: number[] = [2]): LayerNode => ({ id, type: 'Input', params: { shape }, inputs: [] });
const dense = (id: string, from: string | string[], units = 4, extra: Record<string, ParamValue> = {}): LayerNode => ({
  id,
  type: 'Dense',
  params: { units, activation: 'tanh', ...extra },
  inputs: Array.isArray(from) ? from : [from],
});
const net = (...nodes: LayerNode[]): NetworkSpec => ({ nodes });
const errorKeys = (spec: NetworkSpec) => analyze(spec).errors.map((e) => [e.nodeId, e.error.key]);

describe('analyze: well-formed chains', () => {
  it('infers shapes and parameter counts of the default 2-4-2-1 network', () => {
    const a = analyze(defaultExperiment().network);
    expect(a.errors).toEqual([]);
    expect(a.order).toEqual(['input', 'h1', 'h2', 'output']);
    expect(a.outputs).toEqual(['output']);
    expect(a.nodes).toEqual({
      input: { shape: [2], params: 0 },
      h1: { shape: [4], params: 12 },
      h2: { shape: [2], params: 10 },
      output: { shape: [1], params: 3 },
    });
    expect(a.totalParams).toBe(25);
  });

  it('counts parameters through Activation and Dropout nodes and without bias', () => {
    const a = analyze(
      net(
        input('x', [7]),
        dense('d1', 'x', 8),
        { id: 'act', type: 'Activation', params: { activation: 'relu' }, inputs: ['d1'] },
        { id: 'drop', type: 'Dropout', params: { rate: 0.5 }, inputs: ['act'] },
        dense('d2', 'drop', 3, { useBias: false }),
      ),
    );
    expect(a.errors).toEqual([]);
    expect(a.nodes.act).toEqual({ shape: [8], params: 0 });
    expect(a.nodes.drop).toEqual({ shape: [8], params: 0 });
    expect(a.nodes.d2).toEqual({ shape: [3], params: 24 });
    expect(a.totalParams).toBe(7 * 8 + 8 + 24);
  });

  it('orders nodes topologically even when the list is shuffled', () => {
    const spec = net(dense('c', 'b', 1), dense('b', 'a', 3), input('in', [5]), dense('a', 'in', 2));
    const a = analyze(spec);
    expect(a.errors).toEqual([]);
    expect(a.order).toEqual(['in', 'a', 'b', 'c']);
    expect(a.nodes.c).toEqual({ shape: [1], params: 3 * 1 + 1 });
    expect(a.outputs).toEqual(['c']);
  });

  it('gives every node after its inputs in a branching graph and lists each unconsumed node as an output', () => {
    const spec = net(input(), dense('a', 'in'), dense('b', 'in', 3), dense('c', 'a', 2), dense('d', 'b', 1));
    const a = analyze(spec);
    const pos = new Map(a.order.map((id, i) => [id, i]));
    for (const n of spec.nodes) for (const src of n.inputs) expect(pos.get(src)!).toBeLessThan(pos.get(n.id)!);
    expect(a.order).toHaveLength(5);
    expect(a.outputs.sort()).toEqual(['c', 'd']);
  });

  it('never lists an Input as an output, even an unconsumed one', () => {
    expect(analyze(net(input())).outputs).toEqual([]);
    expect(analyze(net(input('a'), input('b'), dense('d', 'a'))).outputs).toEqual(['d']);
  });

  it('fills default parameters before checking them', () => {
    const a = analyze(net({ id: 'in', type: 'Input', params: {}, inputs: [] }, { id: 'd', type: 'Dense', params: {}, inputs: ['in'] }));
    expect(a.errors).toEqual([]);
    expect(a.nodes.d).toEqual({ shape: [4], params: 12 });
    expect(withDefaults({ id: 'd', type: 'Dense', params: { units: 9 }, inputs: [] })).toEqual({ units: 9, activation: 'tanh', useBias: true });
    const unknown = { id: 'z', type: 'Nope', params: { a: 1 }, inputs: [] };
    expect(withDefaults(unknown)).toBe(unknown.params);
  });

  it('handles an empty network', () => {
    expect(analyze({ nodes: [] })).toEqual({ nodes: {}, order: [], outputs: [], totalParams: 0, errors: [] });
  });
});

describe('analyze: errors', () => {
  it('reports an unknown layer type', () => {
    const a = analyze(net(input(), { id: 'x', type: 'Conv9D', params: {}, inputs: ['in'] }));
    expect(a.errors).toEqual([{ nodeId: 'x', error: { key: 'err.graph.unknownType', vars: { type: 'Conv9D' } } }]);
    expect(a.nodes.x).toEqual({ shape: null, params: 0, error: { key: 'err.graph.unknownType', vars: { type: 'Conv9D' } } });
  });

  it('reports a missing input', () => {
    const a = analyze(net(input(), dense('d', 'ghost')));
    expect(a.errors).toEqual([{ nodeId: 'd', error: { key: 'err.graph.missingInput', vars: { input: 'ghost' } } }]);
  });

  it('reports too many and too few inputs', () => {
    expect(analyze(net(input('a'), input('b'), dense('d', ['a', 'b']))).errors).toEqual([
      { nodeId: 'd', error: { key: 'err.graph.tooManyInputs', vars: { max: 1 } } },
    ]);
    expect(analyze(net(input(), dense('d', []))).errors).toEqual([{ nodeId: 'd', error: { key: 'err.graph.needsInput', vars: { min: 1 } } }]);
    expect(analyze(net(input('a'), { ...input('b'), inputs: ['a'] })).errors).toEqual([
      { nodeId: 'b', error: { key: 'err.graph.noInputs', vars: { max: 0 } } },
    ]);
  });

  it('reports both members of a two-node cycle, and leaves them out of the order', () => {
    const a = analyze(net(input(), dense('a', 'b'), dense('b', 'a')));
    expect(errorKeys(net(input(), dense('a', 'b'), dense('b', 'a')))).toEqual([
      ['a', 'err.graph.cycle'],
      ['b', 'err.graph.cycle'],
    ]);
    expect(a.order).toEqual(['in']);
    expect(a.nodes.a.shape).toBeNull();
  });

  it('reports a self-loop as a cycle', () => {
    expect(errorKeys(net(input(), dense('a', 'a')))).toEqual([['a', 'err.graph.cycle']]);
  });

  it('marks only the cycle members, not the nodes downstream of the cycle', () => {
    const a = analyze(net(input(), dense('a', 'b'), dense('b', 'a'), dense('c', 'b', 1), dense('d', 'c', 1)));
    expect(a.errors.map((e) => e.nodeId)).toEqual(['a', 'b']);
    expect(a.nodes.c).toEqual({ shape: null, params: 0 });
    expect(a.nodes.d).toEqual({ shape: null, params: 0 });
  });

  it('does not call a node between two cycles part of a loop', () => {
    const a = analyze(net(input(), dense('a', 'b'), dense('b', 'a'), dense('x', 'b'), dense('c', ['x', 'd']), dense('d', 'c')));
    expect(a.errors.map((e) => [e.nodeId, e.error.key])).toEqual([
      ['a', 'err.graph.cycle'],
      ['b', 'err.graph.cycle'],
      ['c', 'err.graph.cycle'],
      ['d', 'err.graph.cycle'],
    ]);
    expect(a.nodes.x).toEqual({ shape: null, params: 0 });
    expect(a.outputs).toEqual([]);
  });

  it('reports a duplicate id once and keeps the first node', () => {
    const a = analyze(net(input(), dense('d', 'in', 3), dense('d', 'in', 5)));
    expect(a.errors).toEqual([{ nodeId: 'd', error: { key: 'err.graph.duplicateId', vars: { id: 'd' } } }]);
    expect(a.nodes.d).toEqual({ shape: [3], params: 9 });
    expect(a.order).toEqual(['in', 'd']);
  });

  it.each([
    ['units 0', { units: 0 }, { key: 'err.param.range', vars: { param: 'units', min: 1, max: 1024 } }],
    ['units 2000', { units: 2000 }, { key: 'err.param.range', vars: { param: 'units', min: 1, max: 1024 } }],
    ['fractional units', { units: 2.5 }, { key: 'err.param.integer', vars: { param: 'units' } }],
    ['units as text', { units: '4' }, { key: 'err.param.number', vars: { param: 'units' } }],
    ['an unknown activation', { activation: 'cosh' }, { key: 'err.param.option', vars: { param: 'activation' } }],
    ['useBias as a number', { useBias: 1 }, { key: 'err.param.bool', vars: { param: 'useBias' } }],
  ])('reports a Dense with %s', (_label, params, error) => {
    const a = analyze(net(input(), { id: 'd', type: 'Dense', params: { units: 4, activation: 'tanh', ...params } as Record<string, ParamValue>, inputs: ['in'] }));
    expect(a.errors).toEqual([{ nodeId: 'd', error }]);
    expect(a.nodes.d.shape).toBeNull();
    expect(a.totalParams).toBe(0);
  });

  it('reports a Dropout rate out of range and a bad Input shape', () => {
    expect(errorKeys(net(input(), { id: 'p', type: 'Dropout', params: { rate: 1 }, inputs: ['in'] }))).toEqual([['p', 'err.param.range']]);
    expect(errorKeys(net(input('in', [0]), dense('d', 'in')))).toEqual([['in', 'err.param.shape']]);
    expect(errorKeys(net(input('in', []), dense('d', 'in')))).toEqual([['in', 'err.param.shape']]);
  });

  it('reports a network without an Input', () => {
    expect(errorKeys(net(dense('d', [])))).toEqual([
      ['d', 'err.graph.needsInput'],
      ['d', 'err.graph.noInput'],
    ]);
  });

  it('lists errors in the order the nodes appear', () => {
    const spec = net(dense('z', 'ghost'), input(), dense('y', 'in', 0), dense('x', 'in', 1, { activation: 'nope' }));
    expect(analyze(spec).errors.map((e) => e.nodeId)).toEqual(['z', 'y', 'x']);
  });
});

describe('analyze: errors do not cascade', () => {
  it.each([
    ['an unknown type', { id: 'bad', type: 'Mystery', params: {}, inputs: ['in'] }],
    ['a bad parameter', dense('bad', 'in', 0)],
    ['a missing input', dense('bad', 'nowhere')],
    ['an invalid Input shape', { id: 'bad', type: 'Input', params: { shape: [-3] }, inputs: [] }],
  ] as [string, LayerNode][])('after %s, downstream nodes have no shape and no error of their own', (_label, bad) => {
    const a = analyze(net(input(), bad, dense('d1', 'bad', 3), { id: 'act', type: 'Activation', params: { activation: 'relu' }, inputs: ['d1'] }));
    expect(a.errors.map((e) => e.nodeId)).toEqual(['bad']);
    expect(a.nodes.d1).toEqual({ shape: null, params: 0 });
    expect(a.nodes.act).toEqual({ shape: null, params: 0 });
    expect(a.nodes.d1.error).toBeUndefined();
  });
});

describe('checkParam', () => {
  it('checks each kind of schema', () => {
    const int = { name: 'n', kind: 'int', default: 1, min: 1, max: 10 } as const;
    expect(checkParam(int, 5)).toBeNull();
    expect(checkParam(int, 1)).toBeNull();
    expect(checkParam(int, 10)).toBeNull();
    expect(checkParam(int, 11)?.key).toBe('err.param.range');
    expect(checkParam(int, Number.NaN)?.key).toBe('err.param.number');
    expect(checkParam(int, Infinity)?.key).toBe('err.param.number');
    const float = { name: 'r', kind: 'float', default: 0, min: 0, max: 1 } as const;
    expect(checkParam(float, 0.25)).toBeNull();
    expect(checkParam(float, -0.01)?.key).toBe('err.param.range');
    const shape: ParamSchema = { name: 's', kind: 'shape', default: [2], min: 1, max: 8 };
    expect(checkParam(shape, [1, 8])).toBeNull();
    expect(checkParam(shape, [9])?.key).toBe('err.param.shape');
    expect(checkParam(shape, [])?.key).toBe('err.param.shape');
    expect(checkParam(shape, 'x')?.key).toBe('err.param.shape');
    const en = { name: 'e', kind: 'enum', default: 'a', options: ['a', 'b'] } as const;
    expect(checkParam(en, 'b')).toBeNull();
    expect(checkParam(en, 'c')?.key).toBe('err.param.option');
    expect(checkParam({ name: 'b', kind: 'bool', default: true }, false)).toBeNull();
    expect(checkParam({ name: 'b', kind: 'bool', default: true }, 'false')?.key).toBe('err.param.bool');
  });
});
