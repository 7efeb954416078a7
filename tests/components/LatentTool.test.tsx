// @vitest-environment jsdom
import { beforeAll, describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import LatentTool from '../../src/panels/tools/LatentTool';
import { LocaleContext } from '../../src/i18n';
import { applyChange } from '../../src/models/edits';
import { createAppStore } from '../../src/store/createAppStore';
import { StoreContext } from '../../src/store/context';
import type { ToEngine } from '../../src/training/protocol';
import type { LatentResult } from '../../src/training/tools/latentTypes';

beforeAll(() => {
  // jsdom has no PointerEvent: a MouseEvent carries clientX/Y and buttons the same way.
  if (!('PointerEvent' in window)) (window as unknown as { PointerEvent: typeof MouseEvent }).PointerEvent = MouseEvent;
});

function setup(locale: 'en' | 'zh-CN' = 'en') {
  const store = createAppStore({ locale });
  const posted: ToEngine[] = [];
  store.setState({
    engine: { host: 'worker', post: (m: ToEngine) => posted.push(m), dispose: () => {} } as never,
    experiment: applyChange(store.getState().experiment, { type: 'dataset', patch: { kind: 'mnist' } }),
  });
  render(
    <LocaleContext.Provider value={locale}>
      <StoreContext.Provider value={store}>
        <LatentTool />
      </StoreContext.Provider>
    </LocaleContext.Provider>,
  );
  return { store, posted };
}

const tools = (posted: ToEngine[]) => posted.filter((m): m is Extract<ToEngine, { type: 'tool' }> => m.type === 'tool');

function plane(n: number): LatentResult {
  const codes = new Float32Array(2 * n);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % 10;
    codes[2 * i] = (i % 10) - 5;
    codes[2 * i + 1] = (i % 7) - 3;
  }
  return { tool: 'latent', node: 'latent', candidates: ['latent'], codes, labels, classes: 10, separation: 0.625, loss: 0.2, extent: [-6, 6, -4, 4], grid: { size: 8, side: 28, images: new Float32Array(64 * 784) }, step: 40 };
}

function answerDecode(store: ReturnType<typeof setup>['store'], req: Extract<ToEngine, { type: 'tool' }>) {
  const points = (req.request as { points: number[] }).points;
  act(() => store.getState().receive({ type: 'tool', runId: 0, requestId: req.requestId, tool: 'decode', result: { tool: 'decode', node: 'latent', points, images: new Float32Array(784).fill(0.5), side: 28, step: 40 } }));
}

describe('LatentTool', () => {
  it('encodes on request, scatters the codes with a legend, and decodes the point picked with the pointer or the keys (one request in flight, the latest wins)', () => {
    const { store, posted } = setup();
    fireEvent.click(screen.getByTestId('latent-run'));
    const req = tools(posted).at(-1)!;
    expect(req.request).toMatchObject({ tool: 'latent', examples: 1000, grid: 8 });
    act(() => store.getState().receive({ type: 'tool', runId: 0, requestId: req.requestId, tool: 'latent', result: plane(50) }));
    const canvas = screen.getByTestId('latent-plane');
    expect(canvas.getAttribute('data-points')).toBe('50');
    expect(screen.getByTestId('latent-separation').textContent).toContain('62.5 %');
    expect(screen.getByRole('list', { name: 'Classes' }).querySelectorAll('li')).toHaveLength(10);
    expect(screen.getByTestId('latent-grid')).toBeTruthy();
    // The plane's centre is decoded first.
    const first = tools(posted).at(-1)!;
    expect(first.request).toEqual({ tool: 'decode', points: [0, 0], node: 'latent' });
    // Picks while that one is in flight wait; only the latest is sent once it is answered.
    canvas.getBoundingClientRect = () => ({ left: 0, top: 0, width: 320, height: 320, right: 320, bottom: 320, x: 0, y: 0, toJSON: () => ({}) });
    fireEvent.pointerDown(canvas, { clientX: 80, clientY: 80, buttons: 1, pointerId: 1 });
    fireEvent.pointerMove(canvas, { clientX: 320, clientY: 0, buttons: 1, pointerId: 1 });
    expect(tools(posted)).toHaveLength(2);
    answerDecode(store, first);
    expect(screen.getByTestId('latent-z').textContent).toBe('Decoded at z = (0.00, 0.00)');
    const latest = tools(posted).at(-1)!;
    expect(tools(posted)).toHaveLength(3);
    expect(latest.request).toMatchObject({ tool: 'decode', points: [6, 4] });
    answerDecode(store, latest);
    expect(screen.getByTestId('latent-z').textContent).toBe('Decoded at z = (6.00, 4.00)');
    // A move without a button pressed decodes nothing; an arrow key moves the point by 2 % of the plane.
    fireEvent.pointerMove(canvas, { clientX: 10, clientY: 10, buttons: 0, pointerId: 1 });
    expect(tools(posted)).toHaveLength(3);
    fireEvent.keyDown(canvas, { key: 'ArrowLeft' });
    const keyed = tools(posted).at(-1)!.request as { points: number[] };
    expect(keyed.points[0]).toBeCloseTo(6 - 0.24, 5);
    expect(keyed.points[1]).toBeCloseTo(4, 5);
  });

  it('says why there is no plane (a classifier), in Chinese too', () => {
    const { store, posted } = setup('zh-CN');
    expect(screen.getByTestId('latent-run').textContent).toBe('编码测试图像');
    fireEvent.click(screen.getByTestId('latent-run'));
    const req = tools(posted).at(-1)!;
    act(() => store.getState().receive({ type: 'tool', runId: 0, requestId: req.requestId, tool: 'latent', result: null, error: 'unsupported', detail: 'latent.err.notAutoencoder' }));
    expect(screen.getByTestId('tool-error').textContent).toContain('自编码器');
    expect(screen.queryByTestId('latent-plane')).toBeNull();
  });

  it('a VAE: the KL term and the codes’ moments, the lattice over the prior’s ±3, and "Sample from the prior" (seeded, a new draw each press)', () => {
    const { store, posted } = setup();
    fireEvent.click(screen.getByTestId('latent-run'));
    const req = tools(posted).at(-1)!;
    const vaePlane: LatentResult = { ...plane(40), node: 'z', candidates: ['z'], extent: [-3, 3, -3.2, 3], vae: { kl: 4.321, beta: 1, mean: [0.05, -0.1], std: [0.98, 1.02], gridExtent: [-3, 3, -3, 3] } };
    act(() => store.getState().receive({ type: 'tool', runId: 0, requestId: req.requestId, tool: 'latent', result: vaePlane }));
    expect(screen.getByTestId('latent-kl').textContent).toBe('KL term on these images: 4.32 nats per image (β = 1; in the loss as β·KL / 784 pixels)');
    expect(screen.getByTestId('latent-moments').textContent).toContain('mean (0.05, -0.10), standard deviation (0.98, 1.02)');
    expect(screen.getByTestId('latent-grid').getAttribute('data-extent')).toBe('-3,3,-3,3');
    expect(screen.getByText('The prior’s square −3 … 3 decoded on an 8 × 8 grid')).toBeTruthy();
    fireEvent.click(screen.getByTestId('latent-prior'));
    const a = tools(posted).at(-1)!;
    expect(a.request).toMatchObject({ tool: 'priorSample', count: 8, node: 'z' });
    const points = Array.from({ length: 16 }, (_, i) => i / 10);
    act(() => store.getState().receive({ type: 'tool', runId: 0, requestId: a.requestId, tool: 'priorSample', result: { tool: 'priorSample', node: 'z', points, images: new Float32Array(8 * 784).fill(0.3), side: 28, step: 40 } }));
    expect(screen.getByTestId('latent-prior-images').getAttribute('aria-label')).toBe('Digits the decoder makes of 8 random codes from the prior');
    fireEvent.click(screen.getByTestId('latent-prior'));
    const b = tools(posted).at(-1)!;
    expect((b.request as { seed: number }).seed).not.toBe((a.request as { seed: number }).seed);
  });

  it('a plain autoencoder shows no VAE numbers and no prior button', () => {
    const { store, posted } = setup('zh-CN');
    fireEvent.click(screen.getByTestId('latent-run'));
    const req = tools(posted).at(-1)!;
    act(() => store.getState().receive({ type: 'tool', runId: 0, requestId: req.requestId, tool: 'latent', result: plane(20) }));
    expect(screen.queryByTestId('latent-vae')).toBeNull();
    expect(screen.queryByTestId('latent-prior')).toBeNull();
    expect(screen.getByText('在 8 × 8 网格上解码整个平面')).toBeTruthy();
  });
});
