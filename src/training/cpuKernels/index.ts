/**
 * Fast replacements for kernels of TF.js's 'cpu' backend, registered over the built-in ones.
 *
 * Why: in headless Chromium the app trains convolutional networks on TF.js's pure-JS 'cpu'
 * backend, whose kernels are written for generality, not speed. Profiled in Node on ConvNetJS's
 * MNIST network (conv 8@5×5 'same' ReLU → maxpool 2 → conv 16@5×5 'same' ReLU → maxpool 3 → dense
 * 10; batch 20 of 28×28×1), one training step took ~2200 ms (~9 images/s): Conv2DBackpropFilter
 * alone ~1830 ms (TensorBuffer.get per element, the reduction over pixels innermost), MaxPoolGrad
 * 43 ms, Conv2D 32 ms, Conv2DBackpropInput 16 ms, Sum 13 ms. ConvNetJS trains the same network at
 * ~325 images/s on one core. Measured with `node bench/cpuKernels.mjs` (Node 20, a shared 2-core
 * machine, median of 3 runs), a step now takes ~23–27 ms of wall and ~25 ms of CPU time (~750–860
 * images/s, ~80× faster); a LeNet-5 step (batch 32) went from 1.6–3.3 s to ~40 ms (~800 images/s).
 *
 * Once the convolutions were fast, the element-wise kernels around them (bias add, ReLU and its
 * gradient Step·dy, tanh) and the Dense layers' matrix products were the next largest share (ReLU
 * alone ~2 ms per [20,28,28,8] activation, the Dense products ~17 ms of a LeNet-5 step), so they
 * are replaced too.
 *
 * How: every kernel handles the common case (NHWC, dilation 1, float32) with plain loops over
 * Float32Array: the loop over a contiguous axis innermost, index arithmetic hoisted, no allocation
 * inside loops, and several outputs accumulated at once in local variables (register blocking:
 * ~0.75–1.25 loads per multiply-add instead of 2 loads and a store). Anything else goes to the
 * original kernel, kept and called unchanged: NCHW, dilations ≠ 1, non-float32 dtypes, fused
 * activations other than relu/linear (PReLU, ELU, …), biases that vary over pixels, a 1×1 pool that
 * is an identity, reductions other than "all axes but the last", binary broadcasts other than
 * "one operand repeats along the other" (e.g. [n,1,c] with [n,m,c]), unequal matMul batches.
 *
 * Semantics follow the originals: output sizes and padding come from TF.js's own
 * computeConv2DInfo / computePool2DInfo (so 'same', 'valid', numeric pads and any stride match);
 * MaxPool ignores NaN and MaxPoolGrad sends each window's gradient to the first position
 * (row-major in the window) holding its maximum, as maxPoolPositions does (nothing for a window of
 * NaN/−∞); AvgPool divides by the number of non-padding pixels while AvgPoolGrad multiplies by
 * 1/(filterHeight·filterWidth), as the originals do (they disagree at padded borders; we keep their
 * results). Pooling and its gradients, Sum, the element-wise kernels and the matrix products do the
 * same float64 operations in the same order as the originals, so they give the same float32 values
 * (up to the sign of a zero and a NaN's payload); the convolutions sum in another order (in
 * doubles), so they differ by float32 rounding only.
 * tests/unit/cpuKernels.test.ts checks both against the originals.
 *
 * Sequence models added UnsortedSegmentSum, the Embedding's gradient, whose original costs
 * O(vocabulary · size) (segment.ts: 8.0 s of a 9.6 s step of the mini GPT on Chinese poems), per-row
 * broadcasts and RealDiv in the binary kernels (layer norm), Softmax, Transpose and SplitV
 * (softmax.ts; SplitV for the LSTM's gates): in Node the English mini GPT's step went from ~1.0 s to
 * ~0.3 s, the Transformer template's on reverse from ~180 to ~120 ms.
 *
 * Layout: this file registers the kernels (the public API); shared.ts holds the types, input
 * checks and call counts; conv.ts, convBackprop.ts, pool.ts, elementwise.ts (with Sum),
 * matmul.ts and segment.ts the kernels themselves.
 */
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs';
import { conv2DKernel, fusedConv2DKernel } from './conv';
import { conv2DBackpropFilterKernel, conv2DBackpropInputKernel } from './convBackprop';
import { binaryKernel, sumKernel, unaryKernel } from './elementwise';
import { batchMatMulKernel, fusedMatMulKernel } from './matmul';
import { avgPoolGradKernel, maxPoolGradKernel, poolKernel } from './pool';
import { unsortedSegmentSumKernel } from './segment';
import { softmaxKernel, splitVKernel, transposeKernel } from './softmax';
import { countFallback, countFast } from './shared';
import type { CpuBackend, Fast, TF } from './shared';

export { fastCpuKernelStats, resetFastCpuKernelStats } from './shared';

/** The kernels replaced here, in registration order. */
export const FAST_CPU_KERNEL_NAMES = [
  'Conv2D',
  'FusedConv2D',
  'Conv2DBackpropFilter',
  'Conv2DBackpropInput',
  'MaxPool',
  'MaxPoolGrad',
  'AvgPool',
  'AvgPoolGrad',
  'Sum',
  'Add',
  'Sub',
  'Multiply',
  'RealDiv',
  'Relu',
  'Step',
  'Tanh',
  'Sigmoid',
  'BatchMatMul',
  '_FusedMatMul',
  'UnsortedSegmentSum',
  'Softmax',
  'Transpose',
  'SplitV',
] as const;

/** Our kernel functions → the original each one wraps (for idempotence and unregistering). */
const originals = new WeakMap<KernelFunc, KernelFunc>();

/**
 * Register the fast kernels (FAST_CPU_KERNEL_NAMES) over the 'cpu' backend's own. Idempotent: a
 * kernel that is already ours is left alone. Takes effect for every later kernel call, whichever
 * backend is active when it is called.
 */
export function registerFastCpuKernels(tf: TF): void {
  for (const name of FAST_CPU_KERNEL_NAMES) {
    const current = tf.getKernel(name, 'cpu') as KernelConfig | undefined;
    if (!current || originals.has(current.kernelFunc)) continue;
    const original = current.kernelFunc;
    const kernelFunc = makeFastKernel(tf, name, original);
    originals.set(kernelFunc, original);
    tf.unregisterKernel(name, 'cpu');
    tf.registerKernel({ ...current, kernelFunc });
  }
}

/** Put the original kernels back (tests and benchmarks compare both). Idempotent. */
export function unregisterFastCpuKernels(tf: TF): void {
  for (const name of FAST_CPU_KERNEL_NAMES) {
    const current = tf.getKernel(name, 'cpu') as KernelConfig | undefined;
    const original = current && originals.get(current.kernelFunc);
    if (!current || !original) continue;
    tf.unregisterKernel(name, 'cpu');
    tf.registerKernel({ ...current, kernelFunc: original });
  }
}

/** True when the named 'cpu' kernel is currently one of ours. */
export function isFastCpuKernel(tf: TF, name: string): boolean {
  const current = tf.getKernel(name, 'cpu') as KernelConfig | undefined;
  return !!current && originals.has(current.kernelFunc);
}

const FAST: Record<(typeof FAST_CPU_KERNEL_NAMES)[number], Fast> = {
  Conv2D: conv2DKernel,
  FusedConv2D: fusedConv2DKernel,
  Conv2DBackpropFilter: conv2DBackpropFilterKernel,
  Conv2DBackpropInput: conv2DBackpropInputKernel,
  MaxPool: (tf, args, backend) => poolKernel(tf, args, backend, 'max'),
  MaxPoolGrad: maxPoolGradKernel,
  AvgPool: (tf, args, backend) => poolKernel(tf, args, backend, 'avg'),
  AvgPoolGrad: avgPoolGradKernel,
  Sum: sumKernel,
  Add: binaryKernel('Add'),
  Sub: binaryKernel('Sub'),
  Multiply: binaryKernel('Multiply'),
  RealDiv: binaryKernel('RealDiv'),
  Relu: unaryKernel('Relu'),
  Step: unaryKernel('Step'),
  Tanh: unaryKernel('Tanh'),
  Sigmoid: unaryKernel('Sigmoid'),
  BatchMatMul: batchMatMulKernel,
  _FusedMatMul: fusedMatMulKernel,
  UnsortedSegmentSum: unsortedSegmentSumKernel,
  Softmax: softmaxKernel,
  Transpose: transposeKernel,
  SplitV: splitVKernel,
};

function makeFastKernel(tf: TF, name: (typeof FAST_CPU_KERNEL_NAMES)[number], original: KernelFunc): KernelFunc {
  const fast = FAST[name];
  return (args) => {
    const result = fast(tf, args, args.backend as CpuBackend);
    if (result) {
      countFast(name);
      return result;
    }
    countFallback(name);
    return original(args);
  };
}
