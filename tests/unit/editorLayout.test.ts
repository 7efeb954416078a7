import { describe, expect, it } from 'vitest';
import { FIT_VIEW, frameViewport, NODE_HEIGHT, NODE_WIDTH, tidyLayout } from '../../src/editor/layout';
import { openTemplate } from '../../src/models/openTemplate';
import { templateById } from '../../src/models/templates';
import { defaultExperiment } from '../../src/models/defaults';

describe('framing the graph', () => {
  it('centres a small graph without blowing it up past 1.25×', () => {
    const view = frameViewport([{ x: 0, y: 0 }, { x: 260, y: 0 }], 900, 500)!;
    expect(view.zoom).toBe(FIT_VIEW.maxZoom);
    // Centred: equal margins left and right, top and bottom.
    const w = (260 + NODE_WIDTH) * view.zoom;
    expect(view.x).toBeCloseTo((900 - w) / 2, 6);
    expect(view.y).toBeCloseTo((500 - NODE_HEIGHT * view.zoom) / 2, 6);
  });

  it("keeps a deep network readable and shows its start rather than its middle", () => {
    const resnet = openTemplate(defaultExperiment(), templateById('resnet')!).network;
    const positions = Object.values(tidyLayout(resnet));
    const view = frameViewport(positions, 900, 500)!;
    expect(view.zoom).toBe(FIT_VIEW.minZoom);
    // The leftmost, topmost node sits just inside the top-left corner.
    const minX = Math.min(...positions.map((p) => p.x));
    const minY = Math.min(...positions.map((p) => p.y));
    expect(minX * view.zoom + view.x).toBeCloseTo(24, 6);
    expect(minY * view.zoom + view.y).toBeCloseTo(24, 6);
  });

  it('has nothing to frame without nodes or a canvas', () => {
    expect(frameViewport([], 900, 500)).toBeNull();
    expect(frameViewport([{ x: 0, y: 0 }], 0, 0)).toBeNull();
  });
});
