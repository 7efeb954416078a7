/**
 * Python expressions the PyTorch exporter's layer table (pytorchLayers.ts) builds its lines from:
 * activations, TF-style padding, channels-first / channels-last permutes and recurrent modules.
 * Kept apart from the table so the table reads as one entry per layer type.
 */
import type { Activation } from '../spec';
import type { NodePlace } from './pythonNames';

/** Whether an editor shape is an image (H, W, C); its PyTorch tensor is channels-first. */
export const isImage = (shape: readonly unknown[]) => shape.length === 3;
/** Permute a channels-first image tensor to channels-last. */
export const TO_LAST = '.permute(0, 2, 3, 1)';
/** Permute a channels-last image tensor back to channels-first. */
export const TO_FIRST = '.permute(0, 3, 1, 2)';

/** Apply an activation to a Python expression; softmax runs over `dim`. */
export function act(expr: string, a: Activation, dim = -1): string {
  switch (a) {
    case 'linear':
      return expr;
    case 'sigmoid':
      return `torch.sigmoid(${expr})`;
    case 'tanh':
      return `torch.tanh(${expr})`;
    case 'relu':
      return `torch.relu(${expr})`;
    case 'leakyRelu':
      return `F.leaky_relu(${expr}, 0.2)`;
    case 'elu':
      return `F.elu(${expr})`;
    case 'gelu':
      return `F.gelu(${expr})`;
    case 'swish':
      return `F.silu(${expr})`;
    case 'softmax':
      return `torch.softmax(${expr}, dim=${dim})`;
  }
}

/** The activation as a Python callable, for ActRNN. */
export function actFn(a: Activation): string {
  const table: Record<Activation, string> = {
    linear: 'lambda h: h',
    sigmoid: 'torch.sigmoid',
    tanh: 'torch.tanh',
    relu: 'torch.relu',
    leakyRelu: 'lambda h: F.leaky_relu(h, 0.2)',
    elu: 'F.elu',
    gelu: 'F.gelu',
    swish: 'F.silu',
    softmax: 'lambda h: torch.softmax(h, dim=-1)',
  };
  return table[a];
}

/**
 * TF's 'same' padding for one spatial axis: output ceil(size / stride), the extra cell (if any)
 * at the end. Returns [before, after].
 */
export function samePad(size: number, kernel: number, stride: number): [number, number] {
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + kernel - size, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/** A last-axis layer on a tensor that may be a channels-first image: permute around it. */
export function onLastAxis(c: NodePlace, call: (x: string) => string): string {
  const x = c.ins[0];
  return isImage(c.inShapes[0]) ? `${call(`${x}${TO_LAST}`)}${TO_FIRST}` : call(x);
}

/** The editor's axis (negative, channels-last) as a PyTorch dim of the NCHW / batch-first tensor. */
export function torchDim(shape: readonly unknown[], axis: number): number {
  const d = axis < 0 ? shape.length + axis : axis;
  return isImage(shape) ? [2, 3, 1][d] : d + 1;
}

/** The `nn.LSTM` / `nn.GRU` / `nn.RNN` constructor for a recurrent cell, batch-first. */
export function recurrentModule(cell: string, inFeatures: number, units: number, extra = ''): string {
  const cls = cell === 'LSTM' ? 'nn.LSTM' : cell === 'GRU' ? 'nn.GRU' : 'nn.RNN';
  return `${cls}(${inFeatures}, ${units}, batch_first=True${extra})`;
}
