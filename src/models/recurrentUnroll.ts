/**
 * A recurrent layer unrolled over time, recomputed in plain TypeScript from its weights, so the
 * recurrent view can show what TF.js's fused layers keep to themselves: the hidden state at every
 * step, the LSTM and GRU gates, and (recurrentBackprop.ts) the gradient flowing back through time.
 *
 * The equations are TF.js 4.22's (tfjs-layers/dist/layers/recurrent.js), weights in its layouts,
 * row-major, `k` weight sets side by side along the last axis (SimpleRNN 1, GRU 3, LSTM 4):
 *   kernel [inDim, k·units], recurrentKernel [units, k·units], bias [k·units] (absent: no bias).
 *   SimpleRNN  h = act(x·W + h₋·U + b)                               (act: the node's activation)
 *   LSTM       sets i, f, c, o:  i = σ(zᵢ), f = σ(z_f), g = tanh(z_c), o = σ(zₒ),
 *              c = f⊙c₋ + i⊙g,  h = o⊙tanh(c)                       with z = x·W + h₋·U + b
 *   GRU        sets z, r, h (reset_after = false, TF.js's only variant, ONE bias):
 *              z = σ(x·W_z + h₋·U_z + b_z), r = σ(x·W_r + h₋·U_r + b_r),
 *              h̃ = tanh(x·W_h + (r⊙h₋)·U_h + b_h),  h = z⊙h₋ + (1 − z)⊙h̃
 * σ is the logistic sigmoid the catalog asks for (TF.js's default would be hardSigmoid, offered
 * here through `recurrentActivation` for layers built elsewhere). LSTM and GRU always use tanh, as
 * the catalog builds them; only SimpleRNN reads `params.activation`.
 *
 * Time: every array is indexed by INPUT step t (row t belongs to token t), also for `goBackwards`,
 * which only reverses the processing order (step T−1 first). TF.js's own goBackwards output with
 * returnSequences is in processing order; Bidirectional reverses it back, as done here.
 *
 * Values are accumulated in doubles and stored as float32 between steps, as TF.js does, so hidden
 * states agree with the layer's output to float32 rounding.
 */
import type { Activation } from './spec';
import { GATE, activate } from './recurrentActivations';

export type RecurrentType = 'SimpleRNN' | 'LSTM' | 'GRU';

/** One direction's weights in TF.js layouts (see the module comment). */
export interface RecurrentWeights {
  kernel: Float32Array;
  recurrentKernel: Float32Array;
  bias?: Float32Array | null;
}

/** Everything the unroll needs: the layer, its weights and the layer's input for one example. */
export interface RecurrentInput {
  type: RecurrentType;
  /** What the unroll reads of the node's params: `units` (optional, checked) and SimpleRNN's `activation`. */
  params?: { readonly units?: number; readonly activation?: Activation };
  /** The input sequence, `T × inDim` row-major. */
  x: Float32Array;
  weights: RecurrentWeights;
  /** Process the sequence from its last step to its first (Bidirectional's backward half). */
  goBackwards?: boolean;
  /** State before the first processed step; zeros when absent (TF.js's default). */
  initialState?: { h?: Float32Array; c?: Float32Array };
  /** Gate nonlinearity; 'sigmoid' (the catalog's choice) by default. */
  recurrentActivation?: 'sigmoid' | 'hardSigmoid';
}

/** Names of the gates, each in (0, 1) per unit and step. */
export const GATE_NAMES: Readonly<Record<RecurrentType, readonly string[]>> = {
  SimpleRNN: [],
  LSTM: ['input', 'forget', 'output'],
  GRU: ['update', 'reset'],
};

/** Key of the candidate (tanh, in (−1, 1)) in {@link Unrolled.gates}: LSTM's g, GRU's h̃. */
export const CANDIDATE = 'candidate';

/** The unrolled layer: every array is `T × units`, row t = input step t. */
export interface Unrolled {
  type: RecurrentType;
  steps: number;
  units: number;
  inDim: number;
  goBackwards: boolean;
  /** h_t, the layer's output at step t (what returnSequences gives, in input order). */
  hidden: Float32Array;
  /** LSTM only: the cell state c_t. */
  cell?: Float32Array;
  /** {@link GATE_NAMES} of the type, plus {@link CANDIDATE} for LSTM and GRU. */
  gates: Record<string, Float32Array>;
}

/** Weight sets side by side per type (see the module comment); the backward pass reads it too. */
export const SETS: Record<RecurrentType, number> = { SimpleRNN: 1, LSTM: 4, GRU: 3 };

/** Shapes read off the weights: `units` from the square recurrent kernel, `inDim` from the kernel. */
export function recurrentShape(input: RecurrentInput): { steps: number; units: number; inDim: number } {
  const k = SETS[input.type];
  const { kernel, recurrentKernel, bias } = input.weights;
  const units = Math.round(Math.sqrt(recurrentKernel.length / k));
  const inDim = units > 0 ? kernel.length / (k * units) : 0;
  const steps = inDim > 0 ? input.x.length / inDim : 0;
  const want = input.params?.units;
  if (units < 1 || units * units * k !== recurrentKernel.length) throw new RangeError(`${input.type}: recurrentKernel of ${recurrentKernel.length} values is not [units, ${k}·units]`);
  if (typeof want === 'number' && want !== units) throw new RangeError(`${input.type}: weights have ${units} units, params say ${want}`);
  if (!Number.isInteger(inDim) || inDim < 1) throw new RangeError(`${input.type}: kernel of ${kernel.length} values is not [inDim, ${k}·${units}]`);
  if (!Number.isInteger(steps)) throw new RangeError(`${input.type}: input of ${input.x.length} values is not T × ${inDim}`);
  if (bias && bias.length !== k * units) throw new RangeError(`${input.type}: bias has ${bias.length} values, want ${k * units}`);
  return { steps, units, inDim };
}

/** The activation SimpleRNN applies; LSTM and GRU are always tanh (see the module comment). */
export const activationOf = (input: RecurrentInput): Activation =>
  input.type === 'SimpleRNN' ? (input.params?.activation ?? 'tanh') : 'tanh';

/** out[0..cols) = bias + x_t·W + h·U, the k·units pre-activations of one step (GRU: U only over its first 2·units columns). */
export function preactivation(w: RecurrentWeights, x: Float32Array, t: number, inDim: number, h: ArrayLike<number>, units: number, cols: number, recurrentCols: number, out: Float64Array): void {
  for (let c = 0; c < cols; c++) out[c] = w.bias ? w.bias[c] : 0;
  for (let i = 0; i < inDim; i++) {
    const v = x[t * inDim + i];
    if (v !== 0) for (let c = 0; c < cols; c++) out[c] += v * w.kernel[i * cols + c];
  }
  for (let j = 0; j < units; j++) {
    const v = h[j];
    if (v !== 0) for (let c = 0; c < recurrentCols; c++) out[c] += v * w.recurrentKernel[j * cols + c];
  }
}

/** Processing order of the input steps. */
export const order = (steps: number, backwards: boolean) => Array.from({ length: steps }, (_, s) => (backwards ? steps - 1 - s : s));

/**
 * Run the layer over the sequence and keep every step's state and gates.
 * Throws a RangeError when the weights and input do not fit together.
 */
export function unrollRecurrent(input: RecurrentInput): Unrolled {
  const { type, x, weights: w } = input;
  const { steps, units, inDim } = recurrentShape(input);
  const k = SETS[type];
  const cols = k * units;
  const gate = GATE[input.recurrentActivation ?? 'sigmoid'];
  const act = activationOf(input);
  const goBackwards = input.goBackwards === true;
  const series = () => new Float32Array(steps * units);
  const hidden = series();
  const gates: Record<string, Float32Array> = {};
  for (const name of GATE_NAMES[type]) gates[name] = series();
  if (type !== 'SimpleRNN') gates[CANDIDATE] = series();
  const cell = type === 'LSTM' ? series() : undefined;

  const z = new Float64Array(cols);
  const next = new Float64Array(units);
  let h: Float32Array = input.initialState?.h ?? new Float32Array(units);
  let c: Float32Array = input.initialState?.c ?? new Float32Array(units);
  for (const t of order(steps, goBackwards)) {
    const row = t * units;
    if (type === 'SimpleRNN') {
      preactivation(w, x, t, inDim, h, units, cols, cols, z);
      activate(act, z, next);
      hidden.set(next, row);
    } else if (type === 'LSTM') {
      preactivation(w, x, t, inDim, h, units, cols, cols, z);
      for (let j = 0; j < units; j++) {
        const i = Math.fround(gate.f(z[j]));
        const f = Math.fround(gate.f(z[units + j]));
        const g = Math.fround(Math.tanh(z[2 * units + j]));
        const o = Math.fround(gate.f(z[3 * units + j]));
        const cj = Math.fround(f * c[j] + i * g);
        gates.input[row + j] = i;
        gates.forget[row + j] = f;
        gates[CANDIDATE][row + j] = g;
        gates.output[row + j] = o;
        cell![row + j] = cj;
        hidden[row + j] = o * Math.tanh(cj);
      }
      c = cell!.subarray(row, row + units);
    } else {
      preactivation(w, x, t, inDim, h, units, cols, 2 * units, z);
      const r = gates.reset.subarray(row, row + units);
      for (let j = 0; j < units; j++) {
        gates.update[row + j] = gate.f(z[j]);
        r[j] = gate.f(z[units + j]);
      }
      for (let j = 0; j < units; j++) {
        const rh = r[j] * h[j];
        if (rh !== 0) for (let m = 0; m < units; m++) z[2 * units + m] += rh * w.recurrentKernel[j * cols + 2 * units + m];
      }
      for (let j = 0; j < units; j++) {
        const u = gates.update[row + j];
        const hh = Math.fround(Math.tanh(z[2 * units + j]));
        gates[CANDIDATE][row + j] = hh;
        hidden[row + j] = u * h[j] + (1 - u) * hh;
      }
    }
    h = hidden.subarray(row, row + units);
  }
  return { type, steps, units, inDim, goBackwards, hidden, cell, gates };
}

/* ---------- Bidirectional ---------- */

export type MergeMode = 'concat' | 'sum' | 'mul' | 'ave';

/** The weights of one direction from TF.js's `layer.getWeights()` order: kernel, recurrent kernel, bias. */
export function weightsFromList(list: readonly Float32Array[]): RecurrentWeights {
  const [kernel, recurrentKernel, bias] = list;
  if (!kernel || !recurrentKernel) throw new RangeError(`a recurrent layer has 2 or 3 weights, got ${list.length}`);
  return { kernel, recurrentKernel, bias: bias ?? null };
}

/** A Bidirectional layer's `getWeights()`: the forward layer's weights, then the backward layer's. */
export function bidirectionalWeightsFromList(list: readonly Float32Array[]): { forward: RecurrentWeights; backward: RecurrentWeights } {
  const half = list.length / 2;
  return { forward: weightsFromList(list.slice(0, half)), backward: weightsFromList(list.slice(half)) };
}

/** Both halves of a Bidirectional layer: the forward cell and the backward one (goBackwards), input-ordered. */
export function unrollBidirectional(
  input: Omit<RecurrentInput, 'weights' | 'goBackwards' | 'initialState'> & { weights: { forward: RecurrentWeights; backward: RecurrentWeights } },
): { forward: Unrolled; backward: Unrolled } {
  const { weights, ...rest } = input;
  return {
    forward: unrollRecurrent({ ...rest, weights: weights.forward }),
    backward: unrollRecurrent({ ...rest, weights: weights.backward, goBackwards: true }),
  };
}

/** The Bidirectional layer's output sequence (`T × units`, or `T × 2·units` for concat) from its two halves. */
export function mergeDirections(forward: Unrolled, backward: Unrolled, mode: MergeMode): Float32Array {
  const { steps, units } = forward;
  const a = forward.hidden;
  const b = backward.hidden;
  if (mode === 'concat') {
    const out = new Float32Array(steps * 2 * units);
    for (let t = 0; t < steps; t++) {
      out.set(a.subarray(t * units, (t + 1) * units), t * 2 * units);
      out.set(b.subarray(t * units, (t + 1) * units), (t * 2 + 1) * units);
    }
    return out;
  }
  const f = mode === 'sum' ? (p: number, q: number) => p + q : mode === 'mul' ? (p: number, q: number) => p * q : (p: number, q: number) => 0.5 * (p + q);
  return Float32Array.from(a, (v, i) => f(v, b[i]));
}
