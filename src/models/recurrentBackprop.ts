/**
 * Backpropagation through time of the recurrent unroll (recurrentUnroll.ts, whose module comment
 * has the equations): exact vector–Jacobian products per step, read off the stored states and
 * gates, for the recurrent view's "how far back does the gradient reach" chart.
 */
import { ELEMENTWISE, GATE, activate } from './recurrentActivations';
import { CANDIDATE, SETS, activationOf, order, preactivation, unrollRecurrent, type RecurrentInput, type Unrolled } from './recurrentUnroll';

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
 * Backpropagation through time of the unroll's equations: exact vector–Jacobian products, no
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
