/**
 * Learning-rate schedules: the rate as a function of training progress, measured in epochs
 * (examples seen ÷ training-set size, fractional), so a schedule means the same in every lab
 * whatever the batch size. Pure functions of the Experiment's settings; reduce-on-plateau alone
 * keeps state (how often the monitored loss failed to improve), which the engine feeds.
 *
 * The formulas follow PyTorch's schedulers (torch.optim.lr_scheduler), to which the code export
 * maps them, with η₀ the Experiment's learning rate and e the epoch:
 * - constant: η₀
 * - step: η₀ · γ^⌊e / period⌋ (StepLR)
 * - exponential: η₀ · γ^e (ExponentialLR, stepped every epoch; here continuous)
 * - cosine: ½ η₀ (1 + cos(π · min(e, period) / period)) (CosineAnnealingLR, η_min = 0)
 * - warmupCosine: η₀ · e / warmup during the warm-up, then cosine over `period` epochs
 * - oneCycle: over `period` epochs, up from η₀/25 to η₀ in the first 30 % and down to η₀/(25·10⁴),
 *   both halves cosine (OneCycleLR's defaults)
 * - plateau: η₀ · γ^k after k reductions; one reduction each time the loss has not improved for
 *   `patience` epochs (ReduceLROnPlateau, on the test loss at epoch ends)
 */

export const SCHEDULE_KINDS = ['constant', 'step', 'exponential', 'cosine', 'warmupCosine', 'oneCycle', 'plateau'] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

export interface ScheduleConfig {
  kind: ScheduleKind;
  /** Epochs: the step decay's interval, the cosine's and one-cycle's length. */
  period: number;
  /** The decay factor γ of step, exponential and plateau (0 < γ < 1). */
  factor: number;
  /** Epochs of linear warm-up (warmupCosine). */
  warmup: number;
  /** Epochs without improvement before a plateau reduction. */
  patience: number;
}

export const DEFAULT_SCHEDULE: Readonly<ScheduleConfig> = { kind: 'constant', period: 20, factor: 0.5, warmup: 5, patience: 5 };

/** The ranges the codec and the controls accept. */
export const SCHEDULE_LIMITS = { period: [1, 10_000], factor: [0.01, 0.99], warmup: [0, 1000], patience: [1, 1000] } as const;

/** A value inside [lo, hi]; a non-finite one becomes lo. */
export const within = (v: number, [lo, hi]: readonly [number, number]): number => (Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : lo);

/** A schedule with a known kind and every setting inside SCHEDULE_LIMITS (patience whole). */
export function withinScheduleLimits(s: ScheduleConfig): ScheduleConfig {
  return {
    kind: SCHEDULE_KINDS.includes(s.kind) ? s.kind : 'constant',
    period: within(s.period, SCHEDULE_LIMITS.period),
    factor: within(s.factor, SCHEDULE_LIMITS.factor),
    warmup: within(s.warmup, SCHEDULE_LIMITS.warmup),
    patience: Math.round(within(s.patience, SCHEDULE_LIMITS.patience)),
  };
}

/** One-cycle's shape, as PyTorch's OneCycleLR defaults. */
export const ONE_CYCLE = { rise: 0.3, divFactor: 25, finalDivFactor: 1e4 } as const;

const cosine = (from: number, to: number, t: number) => to + ((from - to) * (1 + Math.cos(Math.PI * Math.min(1, Math.max(0, t))))) / 2;

/**
 * The learning rate at `epoch` (fractional) for base rate `base`. `reductions` counts the plateau
 * schedule's reductions so far (ignored by the others).
 */
export function learningRateAt(s: ScheduleConfig, base: number, epoch: number, reductions = 0): number {
  const e = Math.max(0, epoch);
  switch (s.kind) {
    case 'constant':
      return base;
    case 'step':
      return base * s.factor ** Math.floor(e / s.period);
    case 'exponential':
      return base * s.factor ** e;
    case 'cosine':
      return cosine(base, 0, e / s.period);
    case 'warmupCosine':
      return s.warmup > 0 && e < s.warmup ? (base * e) / s.warmup : cosine(base, 0, (e - s.warmup) / s.period);
    case 'oneCycle': {
      const t = e / s.period;
      const start = base / ONE_CYCLE.divFactor;
      if (t < ONE_CYCLE.rise) return cosine(start, base, t / ONE_CYCLE.rise);
      return cosine(base, start / ONE_CYCLE.finalDivFactor, (t - ONE_CYCLE.rise) / (1 - ONE_CYCLE.rise));
    }
    case 'plateau':
      return base * s.factor ** reductions;
  }
}

/**
 * Reduce-on-plateau's memory: the best loss seen and how many epoch ends passed without beating it
 * (by more than a relative 10⁻⁴, as PyTorch's default threshold).
 */
export class PlateauTracker {
  private best = Infinity;
  private bad = 0;
  reductions = 0;

  /** The loss at an epoch's end; true when this observation reduced the rate. */
  observe(loss: number, patience: number): boolean {
    if (!Number.isFinite(loss)) return false;
    if (loss < this.best * (1 - 1e-4)) {
      this.best = loss;
      this.bad = 0;
      return false;
    }
    this.bad++;
    if (this.bad <= patience) return false;
    this.reductions++;
    this.bad = 0;
    return true;
  }

  reset(): void {
    this.best = Infinity;
    this.bad = 0;
    this.reductions = 0;
  }
}

/** The schedule drawn: `points` rates from epoch 0 to `epochs` (the plateau schedule drawn flat, its reductions being unknown ahead). */
export function scheduleCurve(s: ScheduleConfig, base: number, epochs: number, points = 200): { epoch: number; lr: number }[] {
  return Array.from({ length: points + 1 }, (_, i) => {
    const epoch = (epochs * i) / points;
    return { epoch, lr: learningRateAt(s, base, epoch) };
  });
}
