import type * as tfjs from '@tensorflow/tfjs';
import { analyze } from '../models/analysis';
import { estimateMacs } from '../models/cost';
import type { Experiment } from '../models/spec';

type TF = typeof tfjs;

/**
 * Below this many multiply-adds per training step, "auto" picks the CPU backend. Measured here on
 * SwiftShader (bench/mlp2d.bench.mjs): for 2-D playground networks (a few thousand MACs per step)
 * WebGL's fixed cost per op dwarfs the maths, 4 vs 115 epochs/s. On a hardware GPU the crossover
 * has not been measured yet; 2M is a first guess, to revisit with the CNN benchmarks.
 */
export const AUTO_WEBGL_MIN_MACS = 2_000_000;

/** Schedule a macrotask without setTimeout's 4 ms clamp, so yielding costs microseconds. */
export function makeYield(): (fn: () => void) => void {
  if (typeof MessageChannel === 'undefined') return (fn) => setTimeout(fn, 0);
  const ch = new MessageChannel();
  const queue: (() => void)[] = [];
  ch.port1.onmessage = () => queue.shift()?.();
  return (fn) => {
    queue.push(fn);
    ch.port2.postMessage(0);
  };
}

/** Multiply-adds of one training step, forward only (backward is about twice that). */
export function macsPerStep(exp: Experiment): number {
  return estimateMacs(exp.network, analyze(exp.network)) * exp.training.batchSize;
}

/** True when WebGL is drawn in software (SwiftShader, llvmpipe): no GPU behind it. */
export function isSoftwareRenderer(tf: TF): boolean {
  try {
    const gl = (tf.backend() as unknown as { gpgpu?: { gl: WebGLRenderingContext } }).gpgpu?.gl;
    if (!gl) return false;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    return /swiftshader|llvmpipe|softpipe|software/i.test(renderer);
  } catch {
    return false;
  }
}
