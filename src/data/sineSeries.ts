/**
 * Seeded sine-wave windows for forecasting: one sine or a sum of three, observed for `window` steps,
 * the next `horizon` values to predict. Pure and TF.js-free.
 */
import { createRng, deriveSeed, type Rng } from './rng';
import { assertCount } from './sequences';

/** One sine component: amplitude · sin(2π · frequency · t + phase), t in steps from the window start. */
export interface SineWave {
  amplitude: number;
  /** Cycles per step. */
  frequency: number;
  /** Radians. */
  phase: number;
}

/** Options for {@link sineSeries}. */
export interface SineSeriesOptions {
  /** Observed steps per example (model input length). */
  window: number;
  /** Steps to forecast after the window (target length). */
  horizon: number;
  /** Standard deviation of gaussian noise added to the inputs; 0 for clean inputs. */
  noise: number;
  /** false: one unit sine per example. true: a sum of {@link SUM_OF_SINES_COMPONENTS} sines. */
  sumOfSines: boolean;
}

/** A forecasting dataset: row i of inputs is the window, row i of targets its continuation. */
export interface SineSeries {
  /** n × window observed values (noisy when noise > 0). */
  inputs: Float32Array;
  /** n × horizon clean values at steps window .. window + horizon − 1. */
  targets: Float32Array;
  window: number;
  horizon: number;
  /** The components behind each example, so tests and plots can redraw the true curve. */
  waves: SineWave[][];
}

/** Components in a sum-of-sines example: enough for a non-trivial shape, few enough to learn. */
export const SUM_OF_SINES_COMPONENTS = 3;
/** Frequency range in cycles per step: periods from 40 steps down to 8, so a window sees real motion. */
export const SINE_MIN_FREQUENCY = 1 / 40;
export const SINE_MAX_FREQUENCY = 1 / 8;

/** Value of a sum of sine components at step t. */
export function sineValue(waves: readonly SineWave[], t: number): number {
  let v = 0;
  for (const w of waves) v += w.amplitude * Math.sin(2 * Math.PI * w.frequency * t + w.phase);
  return v;
}

/** Random components; sum-of-sines amplitudes are normalised to add up to 1 so values stay in [−1, 1]. */
function randomWaves(rng: Rng, sumOfSines: boolean): SineWave[] {
  const count = sumOfSines ? SUM_OF_SINES_COMPONENTS : 1;
  const waves = Array.from({ length: count }, () => ({
    amplitude: sumOfSines ? 0.2 + 0.8 * rng.next() : 1,
    frequency: SINE_MIN_FREQUENCY + (SINE_MAX_FREQUENCY - SINE_MIN_FREQUENCY) * rng.next(),
    phase: 2 * Math.PI * rng.next(),
  }));
  const total = waves.reduce((s, w) => s + w.amplitude, 0);
  return waves.map((w) => ({ ...w, amplitude: w.amplitude / total }));
}

/**
 * Sine forecasting windows: each example draws its own frequency and phase (and, for sums, amplitude),
 * the input is steps 0..window−1 plus gaussian noise, the target the clean steps that follow. Targets
 * stay clean so the loss measures how well the model recovers the signal rather than the noise.
 */
export function sineSeries(n: number, options: SineSeriesOptions, seed: number): SineSeries {
  const { window, horizon, noise, sumOfSines } = options;
  assertCount('n', n, 0);
  assertCount('window', window, 1);
  assertCount('horizon', horizon, 1);
  if (!(noise >= 0)) throw new RangeError(`noise must be ≥ 0, got ${noise}`);
  const rng = createRng(deriveSeed(seed, 'data'));
  const inputs = new Float32Array(n * window);
  const targets = new Float32Array(n * horizon);
  const waves: SineWave[][] = [];
  for (let i = 0; i < n; i++) {
    const w = randomWaves(rng, sumOfSines);
    waves.push(w);
    for (let t = 0; t < window; t++) inputs[i * window + t] = sineValue(w, t) + (noise > 0 ? noise * rng.normal() : 0);
    for (let h = 0; h < horizon; h++) targets[i * horizon + h] = sineValue(w, window + h);
  }
  return { inputs, targets, window, horizon, waves };
}

