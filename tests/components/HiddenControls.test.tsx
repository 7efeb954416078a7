// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, screen } from '@testing-library/react';
import { CONTROL_IDS } from '../../src/models/codec';
import { renderApp } from './renderApp';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('controls hidden by a teacher’s link', () => {
  it('hide: learningRate, features, layers removes those controls and nothing else', () => {
    renderApp({ hide: ['learningRate', 'features', 'layers'] });
    expect(screen.queryByRole('combobox', { name: 'Learning rate' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Use feature/ })).toBeNull();
    expect(screen.queryByRole('group', { name: 'Features' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add a hidden layer' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Remove the last hidden layer' })).toBeNull();
    expect(screen.queryByRole('button', { name: /neuron (to|from) layer/ })).toBeNull();

    // Everything else is still there, and the network is still drawn.
    expect(screen.getByRole('combobox', { name: 'Optimizer' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Activation of layer 1' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Dropout of layer 1' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '2 hidden layers' })).toBeInTheDocument();
    expect(screen.getByTestId('network-diagram')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Train' })).toBeInTheDocument();
  });

  it('every control can be hidden; Train, the diagram and the numbers stay', () => {
    renderApp({ hide: [...CONTROL_IDS] });
    for (const name of ['Learning rate', 'Optimizer', 'Activation', 'Regularization', 'Regularization rate', 'Loss', 'Output activation'])
      expect(screen.queryByRole('combobox', { name })).toBeNull();
    expect(screen.queryByRole('combobox', { name: /of layer/ })).toBeNull();
    expect(screen.queryByRole('radio', { name: 'Circle' })).toBeNull();
    expect(screen.queryAllByRole('slider')).toHaveLength(0);
    for (const name of ['Regenerate', 'Reset', 'Step']) expect(screen.queryByRole('button', { name })).toBeNull();
    expect(screen.queryByRole('checkbox', { name: 'Show test data' })).toBeNull();
    expect(screen.queryByRole('checkbox', { name: 'Discretize output' })).toBeNull();

    expect(screen.getByRole('button', { name: 'Train' })).toBeInTheDocument();
    expect(screen.getByTestId('network-diagram')).toBeInTheDocument();
    expect(screen.getByTestId('test-loss')).toBeInTheDocument();
    expect(screen.getByTestId('task')).toHaveTextContent('Classification (2 classes)');
    // The way out of the teacher's setup is closed too: no templates, files, code, share, backend
    // choice, lessons, editor or race tabs; and no empty Data heading.
    for (const id of ['templates', 'header-save', 'header-open', 'code-button', 'share', 'backend-pref', 'lessons-button', 'tab-graph', 'tab-race', 'stop-rule', 'early-stopping'])
      expect(screen.queryByTestId(id), id).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Data' })).toBeNull();
    // What it runs on still shows.
    expect(screen.getByTestId('backend')).toBeInTheDocument();
  });

  it("a teacher's link remembers its start: a student goes back to it in one click, and Undo returns", async () => {
    const { defaultExperiment } = await import('../../src/models/defaults');
    const start = defaultExperiment();
    const d = renderApp({ experiment: start, hide: ['templates'], teacherStart: start });
    d.apply({ type: 'training', patch: { learningRate: 0.3 } });
    expect(d.store.getState().experiment.training.learningRate).toBe(0.3);
    await d.user.click(screen.getByTestId('teacher-back'));
    expect(d.store.getState().experiment).toEqual(start);
    act(() => d.store.getState().undo());
    expect(d.store.getState().experiment.training.learningRate).toBe(0.3);
  });

  it('a link opened later (setHide) hides controls live', () => {
    const d = renderApp();
    expect(screen.getByRole('slider', { name: /Noise/ })).toBeInTheDocument();
    act(() => d.store.getState().setHide(['noise', 'dataset']));
    expect(screen.queryByRole('slider', { name: /Noise/ })).toBeNull();
    expect(screen.queryByRole('radiogroup', { name: 'Classification' })).toBeNull();
  });
});
