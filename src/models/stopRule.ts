/**
 * The stop rule of a run (every lab): stop after a number of epochs, exactly at that epoch's end
 * (the engine's job), and/or when a condition in the lessons' condition language holds (the page's
 * job: the facts are the page's, e.g. `testAcc >= 0.95 and layer.Dense <= 3`). TensorFlow
 * Playground's users asked for the first; teachers' challenges build on the second.
 */
export interface StopRule {
  /** Stop at the end of this epoch; 0: no limit. */
  epochs: number;
  /** Stop as soon as this condition holds while training; '': none. */
  when: string;
}

export const DEFAULT_STOP_RULE: Readonly<StopRule> = { epochs: 0, when: '' };

/** The longest condition (a lesson's check has the same limit) and the most epochs. */
export const STOP_RULE_LIMITS = { whenChars: 500, epochs: 100_000 } as const;

/** Epoch counts offered in the menu (any whole number in range is valid in a link). */
export const STOP_EPOCHS = [0, 10, 25, 50, 100, 200, 500, 1000] as const;

/** The rule inside its limits: epochs whole and in range, the condition trimmed and cut to length. */
export function withinStopRuleLimits(r: StopRule): StopRule {
  const epochs = Number.isFinite(r.epochs) ? Math.round(Math.min(STOP_RULE_LIMITS.epochs, Math.max(0, r.epochs))) : 0;
  const when = typeof r.when === 'string' ? r.when.trim().slice(0, STOP_RULE_LIMITS.whenChars) : '';
  return { epochs, when };
}

/** True when training must stop at the end of `epoch` (the epochs that have ended). */
export function epochLimitReached(rule: Pick<StopRule, 'epochs'>, epoch: number): boolean {
  return rule.epochs > 0 && epoch >= rule.epochs;
}
