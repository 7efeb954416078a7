import type * as tfjs from '@tensorflow/tfjs';
import { featurize, gridPoints } from '../data/features';
import { planeToInputs } from '../data/tableEncode';
import type { Experiment } from '../models/spec';
import type { LabProbes } from './labProbes';
import { scoreOf } from './objective';
import type { PointsSnapshotPart, Probes } from './protocol';
import type { ModelRuntime } from './runtime';

type TF = typeof tfjs;

/** Side of the decision-boundary grid over the input plane. */
export const BOUNDARY_GRID = 64;
/** Side of each neuron's thumbnail grid. */
export const NEURON_GRID = 24;

/**
 * The points lab's views: the decision boundary over the input plane, every neuron's response
 * over a coarser grid, and the Dense weights. The grids are uploaded once, freed by `dispose()`.
 */
export class PointLabProbes implements LabProbes {
  readonly lab = 'points';
  readonly followsProbeSource = false;
  readonly hasBackgroundWork = false;
  private readonly gridX: tfjs.Tensor2D;
  private readonly neuronX: tfjs.Tensor2D;
  private readonly neuronFeatures: Float32Array;

  constructor(
    private readonly tf: TF,
    private readonly rt: ModelRuntime,
  ) {
    const f = rt.data.numFeatures;
    this.gridX = tf.tensor2d(planeInputs(rt.experiment, gridPoints(BOUNDARY_GRID), f, rt.data.inputMeans), [BOUNDARY_GRID ** 2, f]);
    this.neuronFeatures = planeInputs(rt.experiment, gridPoints(NEURON_GRID), f, rt.data.inputMeans);
    this.neuronX = tf.tensor2d(this.neuronFeatures, [NEURON_GRID ** 2, f]);
  }

  info(): null {
    return null;
  }

  async build(req: { probes: boolean }): Promise<PointsSnapshotPart> {
    return { lab: 'points', probes: req.probes ? await this.probe() : null };
  }

  async advance(): Promise<void> {}

  restart(): void {}

  /** Everything the 2-D views draw for the current weights. */
  async probe(): Promise<Probes> {
    const { tf, rt, gridX, neuronX } = this;
    const { boundary, neurons } = tf.tidy(() => {
      const score = scoreOf(tf, rt.predict(gridX), rt.outputSpec);
      const { hidden } = rt.built.forward(neuronX, { training: false, collect: true });
      // Columns of [g², units] → unit-major [units, g²] so each neuron's grid is contiguous.
      return { boundary: score, neurons: hidden.map((h) => tf.transpose(h)) };
    });
    const weights = rt.built.dense.map((d) => ({ layerId: d.layerId, kernel: d.kernel, bias: d.bias }));
    const [b, ...rest] = await Promise.all([
      boundary.data() as Promise<Float32Array>,
      ...neurons.map((n) => n.data() as Promise<Float32Array>),
      ...weights.flatMap((w) => [w.kernel.data() as Promise<Float32Array>, (w.bias ?? w.kernel).data() as Promise<Float32Array>]),
    ]);
    boundary.dispose();
    neurons.forEach((n) => n.dispose());
    const neuronValues = rest.slice(0, neurons.length);
    const weightValues = rest.slice(neurons.length);
    const g2 = NEURON_GRID ** 2;
    const inputColumn = transposeFeatures(this.neuronFeatures, rt.data.numFeatures, g2);
    const columns = [inputColumn, ...neuronValues].map((c) => scaleNeurons(c, g2));
    return {
      gridSize: BOUNDARY_GRID,
      boundary: Float32Array.from(b),
      neuronGridSize: NEURON_GRID,
      neurons: columns,
      weights: weights.map((w, i) => ({
        layerId: w.layerId,
        kernel: Float32Array.from(weightValues[2 * i]),
        bias: w.bias ? Float32Array.from(weightValues[2 * i + 1]) : null,
      })),
    };
  }

  dispose(): void {
    this.gridX.dispose();
    this.neuronX.dispose();
  }
}

/** The network's inputs at plane points: the 2-D features, or a table's two chosen inputs (the rest at their means). */
function planeInputs(exp: Experiment, points: Float32Array, width: number, held?: Float32Array): Float32Array {
  const table = exp.dataset.kind === 'table' ? exp.dataset.table : null;
  return table ? planeToInputs(points, width, table.axes, held) : featurize(points, exp.dataset.features);
}

/** Row-major [g², f] features → unit-major [f, g²]. */
function transposeFeatures(x: Float32Array, f: number, g2: number): Float32Array {
  const out = new Float32Array(f * g2);
  for (let p = 0; p < g2; p++) for (let j = 0; j < f; j++) out[j * g2 + p] = x[p * f + j];
  return out;
}

/**
 * Scale each neuron's grid into [−1, 1] for its thumbnail. Values already inside stay as they
 * are (so tanh and sigmoid units read truthfully); larger ranges (ReLU units, x₁ in [−6, 6]) are
 * divided by their largest magnitude so their shape still shows.
 */
function scaleNeurons(values: Float32Array, g2: number): Float32Array {
  const out = Float32Array.from(values);
  for (let start = 0; start < out.length; start += g2) {
    let max = 1;
    for (let i = start; i < start + g2; i++) max = Math.max(max, Math.abs(out[i]));
    if (max > 1) for (let i = start; i < start + g2; i++) out[i] /= max;
  }
  return out;
}
