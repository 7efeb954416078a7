// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import { attachFakeEngine, makeSnapshot, renderApp } from './renderApp';

const withWhen = (when: string) => applyChange(defaultExperiment(), { type: 'stopRule', patch: { when } });

describe('the stop rule', () => {
  it('pauses the moment its condition turns true while training, and says why', async () => {
    const d = renderApp({ experiment: withWhen('testAcc >= 0.9') });
    const engine = attachFakeEngine(d.store);
    d.receive(makeSnapshot(d.store, { status: 'running', step: 10, metrics: { testAcc: 0.6 } }));
    expect(engine.last('pause')).toBeUndefined();
    d.receive(makeSnapshot(d.store, { status: 'running', step: 20, epoch: 4, metrics: { testAcc: 0.93 } }));
    expect(engine.last('pause')).toBeDefined();
    expect(d.store.getState().notice).toMatchObject({ key: 'notice.stopRuleWhen', vars: { epoch: 4, when: 'testAcc >= 0.9' } });
  });

  it('trains on when played again with the condition still true (it fires on a change)', async () => {
    const d = renderApp({ experiment: withWhen('testAcc >= 0.9') });
    const engine = attachFakeEngine(d.store);
    d.receive(makeSnapshot(d.store, { status: 'running', step: 30, metrics: { testAcc: 0.95 } }));
    d.receive(makeSnapshot(d.store, { status: 'running', step: 40, metrics: { testAcc: 0.96 } }));
    expect(engine.last('pause')).toBeUndefined();
  });

  it('the condition field says what is wrong and keeps the rule until it parses', async () => {
    const d = renderApp();
    const field = await screen.findByTestId('stop-when');
    await d.user.type(field, 'testAcc >=');
    expect(screen.getByText(/Not a condition yet/)).toBeInTheDocument();
    await d.user.keyboard('{Enter}');
    expect(d.store.getState().experiment.training.stop.when).toBe('');
    await d.user.type(field, ' 0.95{Enter}');
    expect(d.store.getState().experiment.training.stop.when).toBe('testAcc >= 0.95');
    expect(screen.getByText('Training pauses as soon as this holds.')).toBeInTheDocument();
    await d.user.selectOptions(screen.getByTestId('stop-epochs'), 'epoch 100');
    expect(d.store.getState().experiment.training.stop.epochs).toBe(100);
  });
});
