/**
 * Typed layer parameters. Half of this file is checked by the compiler (`npm run typecheck`
 * covers tests/): every `@ts-expect-error` below must stay an error, or the typecheck fails.
 * The checked values are exported so that "declared but never read" cannot be the expected error.
 */
import { describe, expect, it } from 'vitest';
import { CATALOG, type LayerParamsByType, type LayerType } from '../../src/models/catalog';
import { COST, type CostTable } from '../../src/models/cost';
import { KERAS_LAYERS, type KerasTable } from '../../src/models/export/keras';
import { PYTORCH_LAYERS, type PyTorchTable } from '../../src/models/export/pytorchLayers';
import { paramsOf, typedNode } from '../../src/models/params';
import type { LayerNode } from '../../src/models/spec';

/* ---------- compile-time: a layer type without an exporter or a cost is a compile error ---------- */

const { Conv2D: _torchConv, ...torchWithoutConv } = PYTORCH_LAYERS;
// @ts-expect-error a PyTorch table without Conv2D is not a PyTorchTable
export const _torchMissing: PyTorchTable = torchWithoutConv;

const { GRU: _kerasGru, ...kerasWithoutGru } = KERAS_LAYERS;
// @ts-expect-error a Keras table without GRU is not a KerasTable
export const _kerasMissing: KerasTable = kerasWithoutGru;

const { Bidirectional: _costBi, ...costWithoutBi } = COST;
// @ts-expect-error a cost table without Bidirectional is not a CostTable
export const _costMissing: CostTable = costWithoutBi;

export const _costWrongParams: CostTable = {
  ...COST,
  // @ts-expect-error a Dense has no kernelSize: each entry gets its own layer type's parameters
  Dense: (p) => p.kernelSize,
};

// Each type's parameters are its own: Conv2D's padding is one of two strings, Dense has no padding.
export const _padding: LayerParamsByType['Conv2D']['padding'] = 'same';
// @ts-expect-error 'full' is not a padding
export const _badPadding: LayerParamsByType['Conv2D']['padding'] = 'full';
// @ts-expect-error not a layer type of the catalog
export const _notAType: LayerType = 'Conv3D';
export const _typed = (n: LayerNode) => {
  const useBias: boolean = paramsOf(n, 'Conv2D').useBias;
  // @ts-expect-error Dense has no kernelSize
  return useBias && paramsOf(n, 'Dense').kernelSize;
};

/* ---------- run time ---------- */

describe('layer tables', () => {
  const types = Object.keys(CATALOG).sort();

  it('translate and cost exactly the catalog types (Keras writes Input itself)', () => {
    expect(Object.keys(PYTORCH_LAYERS).sort()).toEqual(types);
    expect(Object.keys(COST).sort()).toEqual(types);
    expect(['Input', ...Object.keys(KERAS_LAYERS)].sort()).toEqual(types);
  });
});

describe('typedNode / paramsOf', () => {
  const conv = (params: LayerNode['params']): LayerNode => ({ id: 'c', type: 'Conv2D', params, inputs: ['in'] });

  it('fills defaults and keeps the given values', () => {
    expect(paramsOf(conv({ filters: 4 }), 'Conv2D')).toEqual({ filters: 4, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu', useBias: true });
    const t = typedNode(conv({ padding: 'same' }));
    expect(t?.type).toBe('Conv2D');
    if (t?.type === 'Conv2D') expect(t.params.padding).toBe('same');
  });

  it('refuses unknown types and parameters outside their schema', () => {
    expect(typedNode({ id: 'x', type: 'Conv3D', params: {}, inputs: [] })).toBeNull();
    expect(typedNode(conv({ padding: 'full' }))).toBeNull();
    expect(typedNode(conv({ filters: '8' }))).toBeNull();
    expect(() => paramsOf(conv({ kernelSize: 0 }), 'Conv2D')).toThrow(/not a valid Conv2D/);
    expect(() => paramsOf(conv({}), 'Dense')).toThrow(/not a valid Dense/);
  });
});
