/** The `adversarial` and `robustness` tools' wire types (issue 16: adversarial examples). No TF.js. */
import type { AttackMethod } from '../../models/adversarialTraining';

/** Which image: a test example by index, or the learner's drawing (pixels in [0, 1], side × side). */
export type AttackSource = { kind: 'test'; index: number } | { kind: 'drawing'; pixels: Float32Array };

/** Attack one image: FGSM, or PGD with `steps` steps (step size 2.5·ε/steps). */
export interface AdversarialRequest {
  tool: 'adversarial';
  source: AttackSource;
  method: AttackMethod;
  eps: number;
  steps?: number;
}

export interface AdversarialResult {
  tool: 'adversarial';
  method: AttackMethod;
  eps: number;
  /** PGD's steps (1 for FGSM). */
  steps: number;
  /** The image's [height, width, channels]. */
  shape: number[];
  original: Float32Array;
  /** adversarial − original (each within ±ε). */
  perturbation: Float32Array;
  adversarial: Float32Array;
  /** Class probabilities before and after. */
  before: Float32Array;
  after: Float32Array;
  /** The test label; for a drawing −1 (the attack then pushes away from the predicted class). */
  label: number;
  /** The largest |perturbation| measured (≤ ε). */
  maxChange: number;
  step: number;
}

/** Accuracy against ε over the first `examples` test images (default 500). */
export interface RobustnessRequest {
  tool: 'robustness';
  method: AttackMethod;
  eps: number[];
  examples?: number;
  steps?: number;
}

export interface RobustnessResult {
  tool: 'robustness';
  method: AttackMethod;
  steps: number;
  examples: number;
  points: { eps: number; accuracy: number }[];
  /** The adversarial-training setting in force when measured (null: off): the weights were trained with it if it was on from the reset. */
  trainedWith: { method: AttackMethod; eps: number; share: number } | null;
  step: number;
}

export const ROBUSTNESS_EPS = [0, 0.02, 0.05, 0.1, 0.2, 0.3] as const;
export const ROBUSTNESS_MAX_EXAMPLES = 2000;
export const ROBUSTNESS_MAX_EPS_POINTS = 12;
