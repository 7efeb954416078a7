/**
 * A challenge's conditions in the lessons' language (../conditions.ts): which ones parse, which
 * hold now, the goal's current value against its target, and the verdict on a re-run hand-in.
 * Pure: facts in, answers out.
 */

import { evaluate, parseCondition, type Condition, type ConditionFailure, type Facts, type Operand } from '../conditions';
import type { Challenge } from '../../models/challengeSpec';
import { verifyClaim, type Claim, type Mismatch, type Rerun, type Tolerance } from '../../models/handIn';

/**
 * Facts of the setup: what the Experiment alone decides (network, data, training settings), never
 * the run. Constraints may name only these, so they hold or fail before any training, and a
 * teacher's page re-checks them on a handed-in Experiment without trusting the claim. The families
 * `layer.<Type>` and `feature.<id>` are the setup's too.
 */
export const SETUP_FACTS: ReadonlySet<string> = new Set([
  'lab',
  'dataset',
  'noise',
  'trainRatio',
  'numPoints',
  'batchSize',
  'learningRate',
  'schedule',
  'earlyStopping',
  'restoreBest',
  'optimizer',
  'loss',
  'regularization',
  'regularizationRate',
  'features',
  'hiddenLayers',
  'neurons',
  'activation',
  'dropout',
  'params',
  'layers',
  'augmented',
  'seqLength',
  'language',
  'heads',
]);

const isSetupFact = (name: string) => SETUP_FACTS.has(name) || name.startsWith('layer.') || name.startsWith('feature.');

/** Every fact a condition names, in order of appearance. */
export function factNames(c: Condition): string[] {
  const out: string[] = [];
  const operand = (o: Operand) => o.kind === 'fact' && out.push(o.name);
  const walk = (n: Condition): void => {
    if (n.kind === 'or' || n.kind === 'and') {
      walk(n.left);
      walk(n.right);
    } else if (n.kind === 'not') walk(n.expr);
    else if (n.kind === 'truthy') operand(n.operand);
    else if (n.kind === 'cmp') {
      operand(n.left);
      operand(n.right);
    }
  };
  walk(c);
  return out;
}

/** Why a condition cannot be a challenge's: a parse error, or (for a constraint) a fact of the run. */
export type ConditionProblem = { key: 'challenge.err.parse'; vars: { error: string }; cond: ConditionFailure } | { key: 'challenge.err.runFact'; vars: { fact: string } };

export type CheckedCondition = { ok: true; ast: Condition } | { ok: false; problem: ConditionProblem };

export function checkGoal(src: string): CheckedCondition {
  const parsed = parseCondition(src);
  return parsed.ok ? { ok: true, ast: parsed.ast } : { ok: false, problem: { key: 'challenge.err.parse', vars: { error: parsed.error }, cond: parsed } };
}

export function checkConstraint(src: string): CheckedCondition {
  const goal = checkGoal(src);
  if (!goal.ok) return goal;
  const runFact = factNames(goal.ast).find((f) => !isSetupFact(f));
  return runFact ? { ok: false, problem: { key: 'challenge.err.runFact', vars: { fact: runFact } } } : goal;
}

/** The challenge's conditions checked: null when every one is fine. */
export function challengeProblems(c: Challenge): { goal: ConditionProblem | null; constraints: (ConditionProblem | null)[] } | null {
  const goal = checkGoal(c.goal);
  const constraints = c.constraints.map(checkConstraint);
  if (goal.ok && constraints.every((x) => x.ok)) return null;
  return { goal: goal.ok ? null : goal.problem, constraints: constraints.map((x) => (x.ok ? null : x.problem)) };
}

/** For a goal of the form `fact op number` (either way round): the fact, its value now and the target. */
export interface GoalTarget {
  fact: string;
  op: string;
  target: number;
  value: number | null;
}

function goalTarget(ast: Condition, facts: Facts): GoalTarget | null {
  if (ast.kind !== 'cmp') return null;
  const { left, right, op } = ast;
  const read = (name: string) => {
    const v = facts[name];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  if (left.kind === 'fact' && right.kind === 'literal' && typeof right.value === 'number') return { fact: left.name, op, target: right.value, value: read(left.name) };
  if (right.kind === 'fact' && left.kind === 'literal' && typeof left.value === 'number') return { fact: right.name, op, target: left.value, value: read(right.name) };
  return null;
}

export interface ChallengeStatus {
  /** Each constraint: its text and whether it holds (false when it does not parse or names the run). */
  constraints: { src: string; holds: boolean; problem: ConditionProblem | null }[];
  goal: { holds: boolean; target: GoalTarget | null; problem: ConditionProblem | null };
  /** Every constraint holds and so does the goal, within the epoch budget. */
  met: boolean;
  /** The epoch budget is spent without the goal (only with a budget). */
  overBudget: boolean;
}

/** The challenge on these facts, now. */
export function challengeStatus(c: Challenge, facts: Facts): ChallengeStatus {
  const constraints = c.constraints.map((src) => {
    const checked = checkConstraint(src);
    return { src, holds: checked.ok && evaluate(checked.ast, facts), problem: checked.ok ? null : checked.problem };
  });
  const g = checkGoal(c.goal);
  const epoch = typeof facts.epoch === 'number' ? facts.epoch : 0;
  const inBudget = c.maxEpochs === 0 || epoch <= c.maxEpochs;
  const holds = g.ok && evaluate(g.ast, facts);
  const goal = { holds, target: g.ok ? goalTarget(g.ast, facts) : null, problem: g.ok ? null : g.problem };
  const allHold = constraints.every((x) => x.holds);
  return { constraints, goal, met: allHold && holds && inBudget, overBudget: !inBudget && !holds };
}

export type Verdict =
  | { confirmed: true }
  | {
      confirmed: false;
      /** Numbers the re-run did not reproduce. */
      mismatches: Mismatch[];
      /** Constraints that fail on the handed-in Experiment itself. */
      failedConstraints: string[];
      /** The goal does not hold on the re-run's numbers. */
      goalMissed: boolean;
      /** The claim's epoch is over the challenge's budget. */
      overBudget: boolean;
    };

/**
 * The verdict on a hand-in: confirmed only when the re-run reproduced the claim's numbers (within
 * the tolerance), the constraints hold on the Experiment as handed in (its setup facts, evaluated
 * here, not read from the claim), and the goal holds on the re-run's own facts within the budget.
 */
export function judgeHandIn(challenge: Challenge, claim: Claim, rerun: Rerun, rerunFacts: Facts, tol: Tolerance): Verdict {
  const mismatches = verifyClaim(claim, rerun, tol);
  const status = challengeStatus(challenge, rerunFacts);
  const failedConstraints = status.constraints.filter((x) => !x.holds).map((x) => x.src);
  const overBudget = challenge.maxEpochs > 0 && rerun.epoch > challenge.maxEpochs;
  const goalMissed = !status.goal.holds;
  if (!mismatches.length && !failedConstraints.length && !goalMissed && !overBudget) return { confirmed: true };
  return { confirmed: false, mismatches, failedConstraints, goalMissed, overBudget };
}

/** The two presets of the issue: the spiral with few neurons, MNIST with few parameters. */
export const CHALLENGE_PRESETS = {
  spiral: { titleKey: 'challenge.preset.spiral', challenge: { title: '', goal: 'testLoss < 0.1', constraints: ["dataset == 'spiral'", 'neurons <= 6'], maxEpochs: 0 } },
  mnist: { titleKey: 'challenge.preset.mnist', challenge: { title: '', goal: 'testAcc >= 0.95', constraints: ["dataset == 'mnist'", 'params <= 5000'], maxEpochs: 0 } },
} as const satisfies Record<string, { titleKey: string; challenge: Challenge }>;
