/**
 * A recurrent layer unrolled over time, recomputed in plain TypeScript from its weights, so the
 * recurrent view can show what TF.js's fused layers keep to themselves: the hidden state at every
 * step, the LSTM and GRU gates, and the gradient flowing back through time.
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

const SETS: Record<RecurrentType, number> = { SimpleRNN: 1, LSTM: 4, GRU: 3 };

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

/* ---------- scalar nonlinearities ---------- */

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
/** Keep equal to LEAKY_ALPHA in training/custom.ts (this module may not import the runtime). */
const LEAKY_SLOPE = 0.2;

/** erf as TF.js's CPU kernel computes it (Abramowitz & Stegun 7.1.26), so GELU matches. */
function erf(v: number): number {
  const a = Math.abs(v);
  const t = 1 / (1 + 0.3275911 * a);
  return Math.sign(v) * (1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a));
}

/** An element-wise activation and its derivative at the pre-activation `a`. */
type Scalar = { f: (a: number) => number; df: (a: number) => number };

const ELEMENTWISE: Record<Exclude<Activation, 'softmax'>, Scalar> = {
  linear: { f: (a) => a, df: () => 1 },
  sigmoid: { f: sigmoid, df: (a) => sigmoid(a) * (1 - sigmoid(a)) },
  tanh: { f: Math.tanh, df: (a) => 1 - Math.tanh(a) ** 2 },
  relu: { f: (a) => (a > 0 ? a : 0), df: (a) => (a > 0 ? 1 : 0) },
  leakyRelu: { f: (a) => (a < 0 ? LEAKY_SLOPE * a : a), df: (a) => (a < 0 ? LEAKY_SLOPE : 1) },
  elu: { f: (a) => (a > 0 ? a : Math.exp(a) - 1), df: (a) => (a > 0 ? 1 : Math.exp(a)) },
  gelu: {
    f: (a) => a * 0.5 * (1 + erf(a / Math.SQRT2)),
    df: (a) => 0.5 * (1 + erf(a / Math.SQRT2)) + (a * Math.exp(-0.5 * a * a)) / Math.sqrt(2 * Math.PI),
  },
  swish: { f: (a) => a * sigmoid(a), df: (a) => sigmoid(a) * (1 + a * (1 - sigmoid(a))) },
};

/** SimpleRNN's activation applied to a whole pre-activation vector, in place (softmax mixes units). */
function activate(name: Activation, a: Float64Array, out: Float64Array): void {
  if (name === 'softmax') {
    let max = -Infinity;
    for (const v of a) max = Math.max(max, v);
    let sum = 0;
    for (let j = 0; j < a.length; j++) sum += out[j] = Math.exp(a[j] - max);
    for (let j = 0; j < a.length; j++) out[j] /= sum;
    return;
  }
  const { f } = ELEMENTWISE[name] ?? ELEMENTWISE.tanh;
  for (let j = 0; j < a.length; j++) out[j] = f(a[j]);
}

/** Gate value and its derivative written in terms of the gate's output y (both gates allow it). */
const GATE = {
  sigmoid: { f: sigmoid, dy: (y: number) => y * (1 - y) },
  hardSigmoid: { f: (a: number) => Math.min(1, Math.max(0, 0.2 * a + 0.5)), dy: (y: number) => (y > 0 && y < 1 ? 0.2 : 0) },
};

const activationOf = (input: RecurrentInput): Activation =>
  input.type === 'SimpleRNN' ? (input.params?.activation ?? 'tanh') : 'tanh';

/** out[0..cols) = bias + x_t·W + h·U, the k·units pre-activations of one step (GRU: U only over its first 2·units columns). */
function preactivation(w: RecurrentWeights, x: Float32Array, t: number, inDim: number, h: ArrayLike<number>, units: number, cols: number, recurrentCols: number, out: Float64Array): void {
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
const order = (steps: number, backwards: boolean) => Array.from({ length: steps }, (_, s) => (backwards ? steps - 1 - s : s));

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

/** Gradients of a loss L with respect to the unrolled states, all indexed by input step. */
export interface TimeGradients {
  /** ∂L/∂h_t (T × units): h_t as the state handed to the next step, plus any direct ∂L/∂h_t given. */
  dHidden: Float32Array;
  /** LSTM: ∂L/∂c_t (T × units), the total through h_t and through c_{t+1}. */
  dCell?: Float32Array;
  /** ∂L/∂x_t (T × inDim). */
  dInput: Float32Array;
  /** ‖∂L/∂h_t‖₂ per step (length T). */
  norms: Float32Array;
  /** LSTM: ‖∂L/∂c_t‖₂ per step. */
  cellNorms?: Float32Array;
  /** ∂L/∂h and (LSTM) ∂L/∂c of the initial state (before the first processed step). */
  dInitial: { h: Float32Array; c?: Float32Array };
}

function rowNorms(values: Float32Array, steps: number, units: number): Float32Array {
  const out = new Float32Array(steps);
  for (let t = 0; t < steps; t++) {
    let s = 0;
    for (let j = 0; j < units; j++) s += values[t * units + j] ** 2;
    out[t] = Math.sqrt(s);
  }
  return out;
}

/**
 * Backpropagation through time of the equations above: exact vector–Jacobian products, no
 * approximation. `dLdh` is either ∂L/∂h at the LAST PROCESSED step (`units` values; step T−1, or
 * step 0 for goBackwards), or a direct ∂L/∂h_t for every step (`T × units`, e.g. a loss on the
 * whole returned sequence). Pass the {@link unrollRecurrent} result of the same input to save a
 * second forward pass.
 */
export function backpropThroughTime(input: RecurrentInput, dLdh: Float32Array, unrolled: Unrolled = unrollRecurrent(input)): TimeGradients {
  return backprop(input, dLdh, unrolled, true);
}

function backprop(input: RecurrentInput, dLdh: Float32Array, unrolled: Unrolled, withInput: boolean): TimeGradients {
  const { type, x, weights: w } = input;
  const { steps, units, inDim, hidden, cell, gates } = unrolled;
  const cols = SETS[type] * units;
  if (dLdh.length !== units && dLdh.length !== steps * units) throw new RangeError(`dLdh has ${dLdh.length} values, want ${units} or ${steps * units}`);
  const gate = GATE[input.recurrentActivation ?? 'sigmoid'];
  const act = activationOf(input);
  const seq = order(steps, unrolled.goBackwards);
  const zeros = new Float32Array(units);
  const h0 = input.initialState?.h ?? zeros;
  const c0 = input.initialState?.c ?? zeros;
  const dHidden = new Float32Array(steps * units);
  const dCell = type === 'LSTM' ? new Float32Array(steps * units) : undefined;
  const dInput = new Float32Array(steps * inDim);
  if (steps === 0) {
    // Nothing to go back through: the gradient stays on the initial state.
    return { dHidden, dCell, dInput, norms: new Float32Array(0), cellNorms: dCell && new Float32Array(0), dInitial: { h: Float32Array.from(dLdh.subarray(0, units)), c: dCell && new Float32Array(units) } };
  }
  if (dLdh.length === units) dHidden.set(dLdh, seq[steps - 1] * units);
  else dHidden.set(dLdh);

  const dz = new Float64Array(cols);
  const z = new Float64Array(cols);
  const out = new Float64Array(units);
  const carryH = new Float64Array(units); // ∂L/∂h_{t−1} through step t
  let carryC = new Float64Array(units); // ∂L/∂c_{t−1} through c_t = f⊙c_{t−1} + …
  for (let s = steps - 1; s >= 0; s--) {
    const t = seq[s];
    const row = t * units;
    const prevRow = s > 0 ? seq[s - 1] * units : -1;
    const hPrev = prevRow >= 0 ? hidden.subarray(prevRow, prevRow + units) : h0;
    const dh = dHidden.subarray(row, row + units);
    carryH.fill(0);
    if (type === 'SimpleRNN') {
      preactivation(w, x, t, inDim, hPrev, units, cols, cols, z);
      if (act === 'softmax') {
        // Softmax's Jacobian-vector product: y ⊙ (dh − y·dh).
        activate(act, z, out);
        let dot = 0;
        for (let j = 0; j < units; j++) dot += out[j] * dh[j];
        for (let j = 0; j < units; j++) dz[j] = out[j] * (dh[j] - dot);
      } else {
        const { df } = ELEMENTWISE[act] ?? ELEMENTWISE.tanh;
        for (let j = 0; j < units; j++) dz[j] = dh[j] * df(z[j]);
      }
    } else if (type === 'LSTM') {
      const nextC = new Float64Array(units);
      for (let j = 0; j < units; j++) {
        const i = gates.input[row + j];
        const f = gates.forget[row + j];
        const g = gates[CANDIDATE][row + j];
        const o = gates.output[row + j];
        const tc = Math.tanh(cell![row + j]);
        const dc = carryC[j] + dh[j] * o * (1 - tc * tc);
        dCell![row + j] = dc;
        const cPrev = prevRow >= 0 ? cell![prevRow + j] : c0[j];
        dz[j] = dc * g * gate.dy(i);
        dz[units + j] = dc * cPrev * gate.dy(f);
        dz[2 * units + j] = dc * i * (1 - g * g);
        dz[3 * units + j] = dh[j] * tc * gate.dy(o);
        nextC[j] = dc * f;
      }
      carryC = nextC;
    } else {
      const r = gates.reset.subarray(row, row + units);
      for (let j = 0; j < units; j++) {
        const u = gates.update[row + j];
        const hh = gates[CANDIDATE][row + j];
        dz[j] = dh[j] * (hPrev[j] - hh) * gate.dy(u);
        dz[2 * units + j] = dh[j] * (1 - u) * (1 - hh * hh);
        carryH[j] = dh[j] * u;
      }
      // (r ⊙ h₋)·U_h: its gradient splits into the reset gate's and h₋'s.
      for (let j = 0; j < units; j++) {
        let drh = 0;
        for (let m = 0; m < units; m++) drh += w.recurrentKernel[j * cols + 2 * units + m] * dz[2 * units + m];
        dz[units + j] = drh * hPrev[j] * gate.dy(r[j]);
        carryH[j] += drh * r[j];
      }
    }
    // Through h₋·U (GRU: the first 2·units columns; its third set was done above) and x_t·W.
    const recurrentCols = type === 'GRU' ? 2 * units : cols;
    for (let j = 0; j < units; j++) {
      let sum = 0;
      for (let c = 0; c < recurrentCols; c++) sum += w.recurrentKernel[j * cols + c] * dz[c];
      carryH[j] += sum;
    }
    if (withInput) for (let i = 0; i < inDim; i++) {
      let sum = 0;
      for (let c = 0; c < cols; c++) sum += w.kernel[i * cols + c] * dz[c];
      dInput[t * inDim + i] = sum;
    }
    if (prevRow >= 0) for (let j = 0; j < units; j++) dHidden[prevRow + j] += carryH[j];
  }
  return {
    dHidden,
    dCell,
    dInput,
    norms: rowNorms(dHidden, steps, units),
    cellNorms: dCell ? rowNorms(dCell, steps, units) : undefined,
    dInitial: { h: Float32Array.from(carryH), c: type === 'LSTM' ? Float32Array.from(carryC) : undefined },
  };
}

/**
 * How strongly each step's hidden state still moves the end of the sequence: with `dLdh` (∂L/∂h
 * at the last processed step), ‖∂L/∂h_t‖ per step. Without it, the root-mean-square gain of the
 * Jacobian, ‖∂h_last/∂h_t‖_F / √units: exactly 1 at the last step, and for a tanh SimpleRNN with
 * small weights it shrinks geometrically going back in time — the vanishing gradient.
 *
 * Cost: with `dLdh`, one backward pass (about as much as the unroll). Without it, `units` passes,
 * O(T·k·units³): measured ~15 ms for an LSTM of 32 units over 40 steps, but ~0.8 s for a
 * SimpleRNN of 128 units over 100 steps — for large layers, or per training frame, pass `dLdh`.
 */
export function gradientNormsThroughTime(input: RecurrentInput, dLdh?: Float32Array, unrolled: Unrolled = unrollRecurrent(input)): Float32Array {
  if (dLdh) return backpropThroughTime(input, dLdh, unrolled).norms;
  const { steps, units } = unrolled;
  const sq = new Float64Array(steps);
  const basis = new Float32Array(units);
  for (let k = 0; k < units; k++) {
    basis.fill(0);
    basis[k] = 1;
    const { norms } = backprop(input, basis, unrolled, false);
    for (let t = 0; t < steps; t++) sq[t] += norms[t] ** 2;
  }
  return Float32Array.from(sq, (v) => Math.sqrt(v / units));
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
