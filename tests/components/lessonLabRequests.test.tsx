// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { RaceLab } from '../../src/labs/race/RaceLab';
import { factsOf } from '../../src/lessons/facts';
import { perform } from '../../src/lessons/showMe';
import { SURFACES } from '../../src/models/surfaces';
import { createAppStore } from '../../src/store/createAppStore';
import { StoreContext } from '../../src/store/context';
import { attachFakeEngine, renderApp } from './renderApp';

afterEach(() => vi.restoreAllMocks());

/** A 2-D context whose every method does nothing (the race paints; these tests read the DOM and the store). */
function stubContext() {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement) {
    const ctx: Record<string | symbol, unknown> = { canvas: this };
    return new Proxy(ctx, { get: (t, k) => (k in t ? t[k] : () => {}), set: (t, k, v) => ((t[k] = v), true) }) as unknown as CanvasRenderingContext2D;
  } as unknown as typeof HTMLCanvasElement.prototype.getContext);
}

const pressed = (phase: string) => screen.getByTestId(`bp-phase-${phase}`).getAttribute('aria-pressed');

describe('Show me and the backprop step-through', () => {
  it('opens it at the phase asked for, reports the phase the learner moves to, and closes it', async () => {
    const d = renderApp();
    const engine = attachFakeEngine(d.store);
    d.snapshot({ status: 'running', step: 50 });
    await act(() => perform(d.store, { backprop: 'backward' }));
    expect(engine.last('pause')).toBeDefined();
    expect(screen.getByRole('region', { name: 'Backpropagation step-through' })).toBeInTheDocument();
    expect(pressed('backward')).toBe('true');
    expect(d.store.getState().labRequests.backprop).toBeUndefined();
    expect(factsOf(d.store.getState())).toMatchObject({ backpropOpen: true, backpropPhase: 'backward' });

    // The learner's own moves are reported too.
    await d.user.click(screen.getByTestId('bp-phase-update'));
    expect(factsOf(d.store.getState()).backpropPhase).toBe('update');
    await d.user.click(screen.getByTestId('bp-phase-example'));
    await d.user.click(screen.getByTestId('bp-next'));
    expect(factsOf(d.store.getState()).backpropPhase).toBe('forward');

    await act(() => perform(d.store, { backprop: 'loss' }));
    expect(pressed('loss')).toBe('true');

    await act(() => perform(d.store, { backprop: 'close' }));
    expect(screen.queryByRole('region', { name: 'Backpropagation step-through' })).toBeNull();
    expect(screen.getByTestId('network-diagram')).toBeInTheDocument();
    expect(factsOf(d.store.getState())).toMatchObject({ backpropOpen: false, backpropPhase: null });
    expect(d.store.getState().labRequests.backprop).toBeUndefined();
  });

  it('opened by its button before any weights: open, no phase yet; a phase asked for meanwhile waits for the weights', async () => {
    const d = renderApp();
    attachFakeEngine(d.store);
    await d.user.click(screen.getByRole('button', { name: 'Step through backprop' }));
    // No weights yet: open, no phase on screen.
    expect(factsOf(d.store.getState())).toMatchObject({ backpropOpen: true, backpropPhase: null });
    await act(() => perform(d.store, { backprop: 'update' }));
    expect(d.store.getState().labRequests.backprop).toBe('update');
    d.snapshot({ status: 'paused', step: 5 });
    expect(pressed('update')).toBe('true');
    expect(factsOf(d.store.getState()).backpropPhase).toBe('update');
    expect(d.store.getState().labRequests.backprop).toBeUndefined();
  });
});

describe('Show me and the optimizer race', () => {
  it('takes a request made before it mounted, reports its surface, steps and losses, and plays on request', async () => {
    stubContext();
    const store = createAppStore();
    store.getState().requestLab({ race: { surface: 'rosenbrock', speed: 10 } });
    render(
      <StoreContext.Provider value={store}>
        <RaceLab active />
      </StoreContext.Provider>,
    );
    expect((screen.getByTestId('race-surface') as HTMLSelectElement).value).toBe('rosenbrock');
    expect((screen.getByTestId('race-speed') as HTMLSelectElement).value).toBe('10');
    expect(store.getState().labRequests.race).toBeUndefined();
    const start = SURFACES.rosenbrock.start;
    expect(factsOf(store.getState())).toMatchObject({ raceSurface: 'rosenbrock', raceStep: 0, raceLeader: null, 'race.sgd': SURFACES.rosenbrock.f(start[0], start[1]) });

    fireEvent.click(screen.getByTestId('race-step'));
    const f = factsOf(store.getState());
    expect(f.raceStep).toBe(1);
    expect(f['race.adam']).toBeLessThan(SURFACES.rosenbrock.f(start[0], start[1]) + 1);
    expect(f.raceLeader).toBeTypeOf('string');

    act(() => store.getState().requestLab({ race: { surface: 'ravine', play: true } }));
    expect((screen.getByTestId('race-surface') as HTMLSelectElement).value).toBe('ravine');
    expect(screen.getByTestId('race-lab')).toHaveAttribute('data-playing', 'true');
    expect(store.getState().labStatus.race).toMatchObject({ surface: 'ravine', playing: true });
    act(() => store.getState().requestLab({ race: { play: false } }));
    expect(screen.getByTestId('race-lab')).toHaveAttribute('data-playing', 'false');
  });
});
