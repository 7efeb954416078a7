// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import { readPlayground } from '../../src/models/playground';
import { renderApp } from './renderApp';

afterEach(() => {
  vi.restoreAllMocks();
});

const outputOf = (d: ReturnType<typeof renderApp>) => readPlayground(d.experiment().network)!.output;

describe('DataPanel', () => {
  it('clicking a dataset thumbnail picks that dataset', async () => {
    const d = renderApp();
    const panel = d.dataPanel();
    expect(panel.getByRole('radio', { name: 'Circle' })).toHaveAttribute('aria-checked', 'true');
    await d.user.click(panel.getByRole('radio', { name: 'Exclusive or (XOR)' }));
    expect(d.dataset().kind).toBe('xor');
    expect(panel.getByRole('radio', { name: 'Exclusive or (XOR)' })).toHaveAttribute('aria-checked', 'true');
    expect(panel.getByRole('radio', { name: 'Circle' })).toHaveAttribute('aria-checked', 'false');
    // Five groups: six classification datasets, two regression ones, two of images, eight sequence tasks and the ratings.
    expect(panel.getAllByRole('radio', { name: /./ })).toHaveLength(19);
    expect(screen.getByRole('radiogroup', { name: 'Regression' })).toContainElement(panel.getByRole('radio', { name: 'Plane' }));
    await d.user.click(panel.getByRole('radio', { name: /^Shapes/ }));
    expect(d.dataset().kind).toBe('shapes');
    expect(d.store.getState().experiment.network.nodes[0].params.shape).toEqual([28, 28, 1]);
    // Images get the convolution lab, whose data panel offers MNIST too.
    await d.user.click(screen.getByRole('radio', { name: /^MNIST/ }));
    expect(d.dataset()).toMatchObject({ kind: 'mnist', numPoints: 10_000 });
    expect(screen.getByRole('slider', { name: 'Images: 10000' })).toBeInTheDocument();
  });

  it('blobs shows a classes slider and sizes the output to the class count', async () => {
    const d = renderApp();
    expect(screen.queryByTestId('classes')).toBeNull();
    await d.user.click(screen.getByRole('radio', { name: 'Blobs (many classes)' }));
    expect(d.dataset().kind).toBe('blobs');
    const classes = screen.getByRole('slider', { name: 'Classes: 3' });
    expect(outputOf(d)).toMatchObject({ units: 3, activation: 'softmax' });
    // The output column of the diagram has one neuron per class.
    expect(screen.getAllByTestId(/^neuron-3-\d+$/)).toHaveLength(3);

    fireEvent.change(classes, { target: { value: '5' } });
    expect(outputOf(d).units).toBe(3);
    fireEvent.pointerUp(classes);
    expect(d.dataset().classes).toBe(5);
    expect(outputOf(d).units).toBe(5);
    expect(screen.getByRole('slider', { name: 'Classes: 5' })).toBeInTheDocument();

    await d.user.click(screen.getByRole('radio', { name: 'Circle' }));
    expect(screen.queryByTestId('classes')).toBeNull();
    expect(outputOf(d).units).toBe(1);
  });

  it('Regenerate picks a new seed (one undo step)', async () => {
    const d = renderApp();
    const before = d.experiment().seed;
    await d.user.click(screen.getByRole('button', { name: 'Regenerate' }));
    const after = d.experiment().seed;
    expect(after).not.toBe(before);
    expect(Number.isInteger(after) && after >= 0 && after <= 0xffffffff).toBe(true);
    expect(d.store.getState().past).toHaveLength(1);
  });

  it('the noise slider commits on pointer-up, not while dragging, and its label follows the thumb', () => {
    const d = renderApp();
    const noise = screen.getByRole('slider', { name: 'Noise: 0' });
    fireEvent.change(noise, { target: { value: '15' } });
    fireEvent.change(noise, { target: { value: '20' } });
    expect(d.dataset().noise).toBe(0);
    expect(noise).toHaveValue('20');
    expect(noise).toHaveAccessibleName('Noise: 20');
    fireEvent.pointerUp(noise);
    expect(d.dataset().noise).toBe(20);
    // One drag, one undo entry.
    expect(d.store.getState().past).toHaveLength(1);
    expect(noise).toHaveAccessibleName('Noise: 20');
  });

  it('the ratio slider commits on keyup, in percent', () => {
    const d = renderApp();
    const ratio = screen.getByRole('slider', { name: 'Ratio of training to test data: 50%' });
    fireEvent.change(ratio, { target: { value: '70' } });
    expect(d.dataset().trainRatio).toBe(0.5);
    fireEvent.keyUp(ratio, { key: 'ArrowRight' });
    expect(d.dataset().trainRatio).toBe(0.7);
    expect(ratio).toHaveAccessibleName('Ratio of training to test data: 70%');
  });

  it('the points and batch sliders commit on release', () => {
    const d = renderApp();
    const points = screen.getByRole('slider', { name: 'Number of points: 500' });
    fireEvent.change(points, { target: { value: '1000' } });
    expect(d.dataset().numPoints).toBe(500);
    fireEvent.pointerUp(points);
    expect(d.dataset().numPoints).toBe(1000);

    const batch = screen.getByRole('slider', { name: 'Batch size: 10' });
    fireEvent.change(batch, { target: { value: '25' } });
    expect(d.training().batchSize).toBe(10);
    fireEvent.keyUp(batch, { key: 'ArrowUp' });
    expect(d.training().batchSize).toBe(25);
    expect(batch).toHaveAccessibleName('Batch size: 25');
  });

  it('releasing without moving, or back where it started, changes nothing', () => {
    const d = renderApp();
    const noise = screen.getByRole('slider', { name: 'Noise: 0' });
    fireEvent.pointerUp(noise);
    fireEvent.change(noise, { target: { value: '10' } });
    fireEvent.change(noise, { target: { value: '0' } });
    fireEvent.pointerUp(noise);
    expect(d.store.getState().past).toHaveLength(0);
  });

  it('a slider follows the store when the experiment changes elsewhere (undo)', () => {
    const d = renderApp();
    const noise = screen.getByRole('slider', { name: 'Noise: 0' });
    fireEvent.change(noise, { target: { value: '30' } });
    fireEvent.pointerUp(noise);
    expect(noise).toHaveValue('30');
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(d.dataset().noise).toBe(0);
    expect(noise).toHaveValue('0');
    expect(noise).toHaveAccessibleName('Noise: 0');
  });
});
