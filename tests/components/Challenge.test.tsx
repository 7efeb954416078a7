// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, screen, within } from '@testing-library/react';
import { decodeLink } from '../../src/models/codec';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import { decodeHandInLink, type HandIn } from '../../src/models/handIn';
import type { Challenge } from '../../src/models/challengeSpec';
import { polyfillShowModal, renderApp } from './renderApp';

const circle: Challenge = { title: 'Circle, quickly', goal: 'testLoss < 0.3', constraints: ['neurons <= 8', 'layer.Dense <= 2'], maxEpochs: 0 };
const experiment = applyChange(defaultExperiment(), { type: 'stopRule', patch: { epochs: 5 } });

let poly: ReturnType<typeof polyfillShowModal>;
beforeEach(() => {
  poly = polyfillShowModal();
  vi.useFakeTimers({ shouldAdvanceTime: true });
});
afterEach(() => {
  poly.restore();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const settle = () => act(() => vi.advanceTimersByTimeAsync(300));

describe('the challenge card', () => {
  it('shows each condition ✓/✗ and the goal’s value now, and says when it was met', async () => {
    const d = renderApp({ experiment, challenge: circle });
    const card = within(screen.getByTestId('challenge-card'));
    expect(card.getByText('Circle, quickly')).toBeTruthy();
    const constraints = screen.getAllByTestId('challenge-constraint');
    // The default network has more than one Dense layer: that constraint fails before any training.
    expect(constraints.map((c) => c.dataset.holds)).toEqual(['true', 'false']);
    d.snapshot({ step: 50, epoch: 2, status: 'running', metrics: { testLoss: 0.45 } });
    await settle();
    expect(screen.getByTestId('challenge-goal').dataset.holds).toBe('false');
    expect(screen.getByTestId('challenge-goal')).toHaveTextContent('now 0.45');
    expect(screen.getByTestId('challenge-state')).toHaveTextContent('Not met yet');
    // The goal alone is not enough while a constraint fails.
    d.snapshot({ step: 75, epoch: 3, status: 'running', metrics: { testLoss: 0.2 } });
    await settle();
    expect(screen.getByTestId('challenge-goal').dataset.holds).toBe('true');
    expect(screen.getByTestId('challenge-card').dataset.met).toBe('false');
    // One hidden layer: every constraint holds, the goal too → met at this step.
    d.apply({ type: 'removeLayer' });
    d.snapshot({ step: 100, epoch: 4, status: 'running', metrics: { testLoss: 0.2 } });
    await settle();
    expect(screen.getAllByTestId('challenge-constraint').map((c) => c.dataset.holds)).toEqual(['true', 'true']);
    expect(screen.getByTestId('challenge-card').dataset.met).toBe('true');
    expect(screen.getByTestId('challenge-state')).toHaveTextContent('Met at step 100 (epoch 4)');
    // A reset run (step 0) forgets it.
    d.snapshot({ step: 0, epoch: 0, status: 'paused', origin: 2 });
    await settle();
    expect(screen.getByTestId('challenge-card').dataset.met).toBe('false');
  });

  it('hands in only at an epoch’s end; the link carries Experiment, challenge and claim', async () => {
    const d = renderApp({ experiment, challenge: circle });
    d.snapshot({ step: 60, epoch: 2, status: 'paused', metrics: { testLoss: 0.25 } });
    await settle();
    await d.user.click(screen.getByTestId('challenge-handin'));
    const dialog = within(screen.getByTestId('handin-dialog'));
    expect(dialog.queryByTestId('handin-url')).toBeNull();
    expect(dialog.getByTestId('handin-finish')).toHaveTextContent('Train to the end of epoch 3');
    // Stopped by the rule at the end of epoch 5: ready.
    d.snapshot({ step: 125, epoch: 5, status: 'paused', metrics: { trainLoss: 0.2, testLoss: 0.25, trainAcc: 0.95, testAcc: 0.93 } });
    const url = (dialog.getByTestId('handin-url') as HTMLInputElement).value;
    const h = decodeHandInLink(url.slice(url.indexOf('#')));
    expect(h.ok).toBe(true);
    const handIn = (h as { value: HandIn }).value;
    expect(handIn.experiment).toEqual(d.experiment());
    expect(handIn.challenge).toEqual(circle);
    expect(handIn.claim).toMatchObject({ step: 125, epoch: 5, metrics: { testLoss: 0.25, testAcc: 0.93 } });
  });
});

describe('the Share dialog’s challenge section', () => {
  it('checks conditions as they are typed, shows parse errors, and puts the challenge in the link', async () => {
    const d = renderApp();
    await d.user.click(screen.getByRole('button', { name: 'Share' }));
    const section = within(screen.getByTestId('share-challenge'));
    const apply = section.getByTestId('challenge-apply');
    expect(apply).toBeDisabled();
    await d.user.type(section.getByTestId('challenge-goal-input'), 'testLoss <');
    expect(section.getByTestId('challenge-goal-status')).toHaveTextContent('does not parse');
    await d.user.type(section.getByTestId('challenge-goal-input'), ' 0.2');
    expect(section.getByTestId('challenge-goal-status')).toHaveTextContent('valid');
    await d.user.type(section.getByTestId('challenge-constraints-input'), 'neurons <= 6{enter}testAcc > 0.9');
    expect(section.getByTestId('challenge-constraints-status')).toHaveTextContent('line 2: “testAcc” belongs to the run');
    expect(apply).toBeDisabled();
    await d.user.clear(section.getByTestId('challenge-constraints-input'));
    await d.user.click(section.getByTestId('challenge-preset-spiral'));
    expect((section.getByTestId('challenge-goal-input') as HTMLInputElement).value).toBe('testLoss < 0.1');
    await d.user.click(apply);
    expect(d.store.getState().challenge).toEqual({ title: 'Spiral: test loss below 0.1 with at most 6 neurons', goal: 'testLoss < 0.1', constraints: ["dataset == 'spiral'", 'neurons <= 6'], maxEpochs: 0 });
    const url = (screen.getByTestId('share-url') as HTMLInputElement).value;
    const shared = decodeLink(url.slice(url.indexOf('#')));
    expect(shared.ok && shared.value.challenge?.goal).toBe('testLoss < 0.1');
    expect(section.getByTestId('challenge-in-link')).toBeTruthy();
    await d.user.click(section.getByTestId('challenge-remove'));
    expect(d.store.getState().challenge).toBeNull();
  });
});

describe('a hand-in on the teacher’s page', () => {
  it('shows the claim and re-checks the constraints on the handed-in Experiment', () => {
    const h: HandIn = { experiment, challenge: circle, claim: { step: 125, epoch: 5, metrics: { trainLoss: 0.2, testLoss: 0.25, trainAcc: 0.95, testAcc: 0.93 }, metAt: { step: 100, epoch: 4 }, backend: 'cpu' } };
    renderApp({ experiment, challenge: circle, handIn: h });
    expect(screen.getByTestId('handin-claim')).toHaveTextContent('step 125 · epoch 5 · training loss 0.2, test loss 0.25');
    expect(screen.getByTestId('handin-claim')).toHaveTextContent('goal first met at step 100');
    // The claim says nothing about layers: the page finds two Dense layers in the setup itself.
    expect(screen.getAllByTestId('handin-constraint').map((c) => c.dataset.holds)).toEqual(['true', 'false']);
    expect(screen.queryByTestId('challenge-card')).toBeNull();
  });
});
