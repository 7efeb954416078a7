// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import { renderApp } from './renderApp';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('OutputPanel', () => {
  it('shows dashes before training, then test/train loss and accuracy from a snapshot', () => {
    const d = renderApp();
    for (const id of ['test-loss', 'train-loss', 'test-acc', 'train-acc']) expect(screen.getByTestId(id)).toHaveTextContent('—');
    d.snapshot({ metrics: { testLoss: 0.23456, trainLoss: 0.1234, testAcc: 0.85, trainAcc: 0.9125 } });
    expect(screen.getByTestId('test-loss')).toHaveTextContent('0.235');
    expect(screen.getByTestId('train-loss')).toHaveTextContent('0.123');
    expect(screen.getByTestId('test-acc')).toHaveTextContent('85.0%');
    expect(screen.getByTestId('train-acc')).toHaveTextContent('91.3%');
    const panel = d.outputPanel();
    expect(panel.getByText('Test loss')).toBeInTheDocument();
    expect(panel.getByText('Training accuracy')).toBeInTheDocument();
  });

  it('a non-finite loss shows a dash, not NaN', () => {
    const d = renderApp();
    d.snapshot({ metrics: { testLoss: Number.NaN, trainLoss: Number.POSITIVE_INFINITY } });
    expect(screen.getByTestId('test-loss')).toHaveTextContent('—');
    expect(screen.getByTestId('train-loss')).toHaveTextContent('—');
  });

  it('"Show test data" and "Discretize output" update the view', async () => {
    const d = renderApp();
    const showTest = screen.getByRole('checkbox', { name: 'Show test data' });
    const discretize = screen.getByRole('checkbox', { name: 'Discretize output' });
    expect(showTest).not.toBeChecked();
    expect(discretize).not.toBeChecked();

    await d.user.click(showTest);
    expect(d.store.getState().view).toMatchObject({ showTestData: true, discretize: false });
    expect(showTest).toBeChecked();
    await d.user.click(discretize);
    expect(d.store.getState().view).toMatchObject({ showTestData: true, discretize: true });
    await d.user.click(showTest);
    expect(d.store.getState().view).toMatchObject({ showTestData: false, discretize: true });
    // View options are not experiment edits.
    expect(d.store.getState().past).toHaveLength(0);
  });

  it('shows test points only with "Show test data"', async () => {
    const d = renderApp();
    const count = (kind: string) =>
      Array.from(document.querySelectorAll(`[data-points="${kind}"]`)).reduce((n, el) => n + Number(el.getAttribute('data-count')), 0);
    // 500 points, half for training.
    expect(count('train')).toBe(250);
    expect(count('test')).toBe(0);
    await d.user.click(screen.getByRole('checkbox', { name: 'Show test data' }));
    expect(count('test')).toBe(250);
  });

  it('a regression dataset shows losses but no accuracy', async () => {
    const d = renderApp();
    await d.user.click(screen.getByRole('radio', { name: 'Multiple Gaussians' }));
    d.snapshot({ metrics: { testLoss: 0.5, trainLoss: 0.4, testAcc: null, trainAcc: null } });
    expect(screen.getByTestId('test-loss')).toHaveTextContent('0.500');
    expect(screen.getByTestId('train-loss')).toHaveTextContent('0.400');
    expect(screen.queryByTestId('test-acc')).toBeNull();
    expect(screen.queryByTestId('train-acc')).toBeNull();
    expect(screen.queryByText('Test accuracy')).toBeNull();
    // No loss/accuracy switch for the chart either.
    expect(screen.queryByRole('radiogroup', { name: 'Chart' })).toBeNull();
  });

  it('the chart switches between loss and accuracy for classification', async () => {
    const d = renderApp();
    d.snapshot({ step: 10, epoch: 1 });
    d.snapshot({ step: 20, epoch: 2 });
    const accuracy = screen.getByRole('radio', { name: 'Accuracy' });
    expect(screen.getByRole('radio', { name: 'Loss' })).toHaveAttribute('aria-checked', 'true');
    await d.user.click(accuracy);
    expect(accuracy).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByRole('img', { name: /Accuracy over epochs/ })).toBeInTheDocument();
  });
});
