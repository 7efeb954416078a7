/**
 * Adversarial training (issue 16): a share of every training batch replaced by its adversarial
 * version (FGSM or PGD against the current weights, within ε of the clean image in the max norm).
 * A training setting, so links and files reproduce it; the engine's step hook lives in
 * training/tools/adversarialHook.ts.
 */

import { within } from './schedules';

export const ATTACK_METHODS = ['fgsm', 'pgd'] as const;
export type AttackMethod = (typeof ATTACK_METHODS)[number];

export interface AdversarialTrainingConfig {
  enabled: boolean;
  method: AttackMethod;
  /** The attack's radius in pixel units (pixels are in [0, 1]). */
  eps: number;
  /** Share of each batch replaced by its adversarial version, 0 … 1. */
  share: number;
}

export const DEFAULT_ADVERSARIAL_TRAINING: Readonly<AdversarialTrainingConfig> = { enabled: false, method: 'fgsm', eps: 0.1, share: 0.5 };

export const ADVERSARIAL_LIMITS = { eps: [0, 0.5], share: [0, 1] } as const;

/** PGD's fixed schedule inside training: steps, and the step size as a share of ε. */
export const PGD_TRAIN_STEPS = 5;
export const PGD_ALPHA_SHARE = 0.4;

/** The setting inside its limits; a missing one is the default (off). */
export function withinAdversarialLimits(a: Partial<AdversarialTrainingConfig> | undefined): AdversarialTrainingConfig {
  const d = DEFAULT_ADVERSARIAL_TRAINING;
  return {
    enabled: Boolean(a?.enabled ?? d.enabled),
    method: a?.method && (ATTACK_METHODS as readonly string[]).includes(a.method) ? a.method : d.method,
    eps: within(a?.eps ?? d.eps, ADVERSARIAL_LIMITS.eps),
    share: within(a?.share ?? d.share, ADVERSARIAL_LIMITS.share),
  };
}
