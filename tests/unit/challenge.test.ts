import { describe, expect, it } from 'vitest';
import { challengeProblems, challengeStatus, checkConstraint, checkGoal, judgeHandIn, CHALLENGE_PRESETS } from '../../src/lessons/challenge/check';
import type { Facts } from '../../src/lessons/conditions';
import { factsOf } from '../../src/lessons/facts';
import { CHALLENGE_LIMITS, decodeChallenge, type Challenge } from '../../src/models/challengeSpec';
import { decodeLink, encodeLink, DEFAULT_VIEW } from '../../src/models/codec';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import {
  CPU_TOLERANCE,
  WEBGL_TOLERANCE,
  decodeHandInFile,
  decodeHandInLink,
  encodeHandInFile,
  encodeHandInLink,
  rerunExperiment,
  toleranceFor,
  verifyClaim,
  type Claim,
  type HandIn,
} from '../../src/models/handIn';
import { createAppStore } from '../../src/store/createAppStore';
import { validateLesson } from '../../src/lessons/validate';

const spiral: Challenge = { title: 'Spiral, few neurons', goal: 'testLoss < 0.1', constraints: ["dataset == 'spiral'", 'neurons <= 6'], maxEpochs: 0 };
const facts = (f: Record<string, number | string | boolean | null>): Facts => Object.assign(Object.create(null) as Record<string, unknown>, f) as Facts;
const claim: Claim = { step: 500, epoch: 20, metrics: { trainLoss: 0.08, testLoss: 0.09, trainAcc: 0.99, testAcc: 0.98 }, metAt: { step: 450, epoch: 18 }, backend: 'cpu' };

describe('challenge conditions', () => {
  it('a goal is any condition; a constraint names setup facts only', () => {
    expect(checkGoal('testLoss < 0.1').ok).toBe(true);
    expect(checkGoal('testLoss <').ok).toBe(false);
    expect(checkConstraint('neurons <= 6 and layer.Dense <= 3').ok).toBe(true);
    const run = checkConstraint('params <= 5000 and testAcc > 0.9');
    expect(run).toEqual({ ok: false, problem: { key: 'challenge.err.runFact', vars: { fact: 'testAcc' } } });
    const typo = checkConstraint('nerons <= 6');
    expect(!typo.ok && typo.problem.key).toBe('challenge.err.parse');
    expect(challengeProblems(spiral)).toBeNull();
    expect(challengeProblems({ ...spiral, constraints: ['epoch < 5', 'neurons <= 6'] })?.constraints).toEqual([{ key: 'challenge.err.runFact', vars: { fact: 'epoch' } }, null]);
    // Both presets are valid as written.
    for (const p of Object.values(CHALLENGE_PRESETS)) expect(challengeProblems(p.challenge)).toBeNull();
  });

  it('reports each constraint, the goal against its target, and met only when all hold', () => {
    const now = challengeStatus(spiral, facts({ dataset: 'spiral', neurons: 6, testLoss: 0.2, epoch: 3 }));
    expect(now.constraints.map((c) => c.holds)).toEqual([true, true]);
    expect(now.goal).toMatchObject({ holds: false, target: { fact: 'testLoss', op: '<', target: 0.1, value: 0.2 } });
    expect(now.met).toBe(false);
    expect(challengeStatus(spiral, facts({ dataset: 'spiral', neurons: 6, testLoss: 0.05, epoch: 30 })).met).toBe(true);
    // Too many neurons: the goal alone is not enough.
    const wide = challengeStatus(spiral, facts({ dataset: 'spiral', neurons: 8, testLoss: 0.05, epoch: 30 }));
    expect(wide.constraints[1].holds).toBe(false);
    expect(wide.met).toBe(false);
    // No run yet: the goal's fact has no value, so it does not hold.
    expect(challengeStatus(spiral, facts({ dataset: 'spiral', neurons: 6, testLoss: null })).goal).toMatchObject({ holds: false, target: { value: null } });
    // An epoch budget: met within it only.
    const budget = { ...spiral, maxEpochs: 10 };
    expect(challengeStatus(budget, facts({ dataset: 'spiral', neurons: 6, testLoss: 0.05, epoch: 10 })).met).toBe(true);
    const late = challengeStatus(budget, facts({ dataset: 'spiral', neurons: 6, testLoss: 0.05, epoch: 11 }));
    expect(late.met).toBe(false);
    const spent = challengeStatus(budget, facts({ dataset: 'spiral', neurons: 6, testLoss: 0.2, epoch: 11 }));
    expect(spent.overBudget).toBe(true);
  });

  it('reads structural facts from the store: neurons, params, layers', () => {
    const store = createAppStore({ experiment: applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'spiral' } }) });
    const f = factsOf(store.getState());
    expect(typeof f.neurons).toBe('number');
    expect(typeof f.params).toBe('number');
    expect(challengeStatus({ ...spiral, constraints: [`neurons <= ${f.neurons as number}`, `params == ${f.params as number}`, "dataset == 'spiral'"] }, f).constraints.every((c) => c.holds)).toBe(true);
  });
});

describe('challenge codec', () => {
  it('travels in the share link beside the Experiment and comes back equal', () => {
    const experiment = defaultExperiment();
    const decoded = decodeLink(encodeLink({ experiment, view: DEFAULT_VIEW, hide: [], challenge: spiral }));
    expect(decoded.ok && decoded.value.challenge).toEqual(spiral);
    const none = decodeLink(encodeLink({ experiment, view: DEFAULT_VIEW, hide: [] }));
    expect(none.ok && none.value.challenge).toBeUndefined();
  });

  it('rejects markup, control characters, oversize text, too many constraints and an empty goal', () => {
    expect(decodeChallenge(spiral).ok).toBe(true);
    expect(decodeChallenge({ ...spiral, title: '<img src=x onerror=alert(1)>' }).ok).toBe(false);
    expect(decodeChallenge({ ...spiral, title: 'a\u0000b' }).ok).toBe(false);
    expect(decodeChallenge({ ...spiral, title: 'x'.repeat(CHALLENGE_LIMITS.titleChars + 1) }).ok).toBe(false);
    expect(decodeChallenge({ ...spiral, goal: ' ' }).ok).toBe(false);
    expect(decodeChallenge({ ...spiral, constraints: Array(CHALLENGE_LIMITS.constraints + 1).fill('neurons <= 6') }).ok).toBe(false);
    expect(decodeChallenge({ ...spiral, maxEpochs: -1 }).ok).toBe(false);
    expect(decodeChallenge({ ...spiral, extra: 1 }).ok).toBe(false);
    // A title may still say "<" in words.
    expect(decodeChallenge({ ...spiral, title: 'loss < 0.1' }).ok).toBe(true);
    const bad = decodeLink(encodeLink({ experiment: defaultExperiment(), view: DEFAULT_VIEW, hide: [], challenge: { ...spiral, goal: '<b>x</b>' } }));
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toEqual({ key: 'codec.invalidField', vars: { field: 'challenge.goal' } });
  });

  it('a hand-in round-trips as a file and as a link', () => {
    const h: HandIn = { experiment: defaultExperiment(), challenge: spiral, claim };
    const file = decodeHandInFile(encodeHandInFile(h));
    expect(file.ok && file.value).toEqual(h);
    const link = decodeHandInLink(`#${encodeHandInLink(h)}`);
    expect(link.ok && link.value).toEqual(h);
  });

  it('rejects malformed, tampered and oversized hand-ins with a reason', () => {
    const h: HandIn = { experiment: defaultExperiment(), challenge: spiral, claim };
    const raw = JSON.parse(encodeHandInFile(h)) as Record<string, unknown>;
    const withClaim = (c: Record<string, unknown>) => JSON.stringify({ ...raw, claim: { ...claim, ...c } });
    expect(decodeHandInFile('{').ok).toBe(false);
    expect(decodeHandInFile(JSON.stringify(defaultExperiment()))).toEqual({ ok: false, error: { key: 'challenge.err.notHandIn' } });
    expect(decodeHandInFile(JSON.stringify({ ...raw, version: 99 })).ok).toBe(false);
    // Claims that cannot be true: met after the end, a metric that is not a number, negative steps.
    expect(decodeHandInFile(withClaim({ metAt: { step: 900, epoch: 19 } })).ok).toBe(false);
    expect(decodeHandInFile(withClaim({ metrics: { ...claim.metrics, testLoss: 'low' } })).ok).toBe(false);
    expect(decodeHandInFile(withClaim({ step: -1 })).ok).toBe(false);
    expect(decodeHandInFile(withClaim({ backend: 'tpu' })).ok).toBe(false);
    // A damaged Experiment is the codec's error.
    const e = decodeHandInFile(JSON.stringify({ ...raw, experiment: { ...(raw.experiment as object), seed: 'x' } }));
    expect(!e.ok && e.error.key).toBe('codec.invalidField');
    // Past the challenge's budget.
    expect(decodeHandInFile(JSON.stringify({ ...raw, challenge: { ...spiral, maxEpochs: 10 } }))).toMatchObject({ ok: false, error: { key: 'challenge.err.overBudget' } });
    // Too large, and a link cut off when copied.
    expect(decodeHandInFile(' '.repeat(CHALLENGE_LIMITS.handInChars + 1))).toEqual({ ok: false, error: { key: 'codec.tooLarge' } });
    const link = encodeHandInLink(h);
    expect(decodeHandInLink(`#${link.slice(0, link.length / 2)}`).ok).toBe(false);
  });
});

describe('the re-run verdict', () => {
  const rerun = { step: 500, epoch: 20, metrics: { ...claim.metrics } };
  const spiralFacts = (testLoss: number, neurons = 6) => facts({ dataset: 'spiral', neurons, testLoss, epoch: 20 });

  it('confirms a claim the re-run reproduces, within the tolerance', () => {
    expect(verifyClaim(claim, rerun, CPU_TOLERANCE)).toEqual([]);
    expect(judgeHandIn(spiral, claim, rerun, spiralFacts(0.09), CPU_TOLERANCE)).toEqual({ confirmed: true });
    // 5e-4 relative: float noise on the CPU, within 1e-3.
    const near = { ...rerun, metrics: { ...rerun.metrics, testLoss: 0.09 * (1 + 5e-4) } };
    expect(verifyClaim(claim, near, CPU_TOLERANCE)).toEqual([]);
  });

  it('names what differs: claimed X, re-run gave Y', () => {
    const off = { ...rerun, metrics: { ...rerun.metrics, testLoss: 0.31 } };
    const v = judgeHandIn(spiral, claim, off, spiralFacts(0.31), CPU_TOLERANCE);
    expect(v).toEqual({ confirmed: false, mismatches: [{ what: 'testLoss', claimed: 0.09, rerun: 0.31 }], failedConstraints: [], goalMissed: true, overBudget: false });
    expect(verifyClaim(claim, { ...rerun, step: 499 }, CPU_TOLERANCE)).toEqual([{ what: 'step', claimed: 500, rerun: 499 }]);
    // A metric on one side only (accuracy of a regression claimed) is a mismatch.
    expect(verifyClaim(claim, { ...rerun, metrics: { ...rerun.metrics, testAcc: null } }, CPU_TOLERANCE)).toEqual([{ what: 'testAcc', claimed: 0.98, rerun: null }]);
  });

  it('uses the CPU tolerance only when both runs were on the CPU', () => {
    expect(toleranceFor('cpu', 'cpu')).toBe(CPU_TOLERANCE);
    expect(toleranceFor('webgl', 'cpu')).toBe(WEBGL_TOLERANCE);
    expect(toleranceFor(null, 'cpu')).toBe(WEBGL_TOLERANCE);
    const drift = { ...rerun, metrics: { ...rerun.metrics, testLoss: 0.09 * 1.02 } };
    expect(verifyClaim(claim, drift, CPU_TOLERANCE)).toHaveLength(1);
    expect(verifyClaim(claim, drift, WEBGL_TOLERANCE)).toEqual([]);
  });

  it('re-checks the constraints on the handed-in setup, not trusting the claim', () => {
    const v = judgeHandIn(spiral, claim, rerun, spiralFacts(0.09, 10), CPU_TOLERANCE);
    expect(v).toMatchObject({ confirmed: false, failedConstraints: ['neurons <= 6'], mismatches: [], goalMissed: false });
    expect(judgeHandIn({ ...spiral, maxEpochs: 10 }, claim, rerun, spiralFacts(0.09), CPU_TOLERANCE)).toMatchObject({ confirmed: false, overBudget: true });
  });

  it('re-runs the handed-in Experiment stopped at the claimed epoch and by nothing else', () => {
    const exp = applyChange(defaultExperiment(), { type: 'stopRule', patch: { epochs: 50, when: 'testLoss < 0.1' } });
    const re = rerunExperiment({ experiment: exp, challenge: spiral, claim });
    expect(re.training.stop).toEqual({ epochs: 20, when: '' });
    expect({ ...re, training: { ...re.training, stop: exp.training.stop } }).toEqual(exp);
  });
});

describe('a lesson step may carry a challenge', () => {
  const lesson = (challenge: unknown) => ({
    format: 1,
    id: 'challenge-step',
    section: 'mlp',
    order: 9999,
    title: { en: 'A challenge', 'zh-CN': '一个挑战' },
    summary: { en: 'Reach it.', 'zh-CN': '达成它。' },
    minutes: 5,
    steps: [{ text: { en: 'Try it.', 'zh-CN': '试试看。' }, challenge }],
  });

  it('validated like a link’s: its shape and its conditions', () => {
    expect(validateLesson(lesson(spiral)).ok).toBe(true);
    const runFact = validateLesson(lesson({ ...spiral, constraints: ['testAcc > 0.9'] }));
    expect(!runFact.ok && runFact.errors.join('\n')).toMatch(/steps\[0\]\.challenge\.constraints\[0\]: challenge\.err\.runFact \(testAcc\)/);
    expect(validateLesson(lesson({ ...spiral, title: '<script>' })).ok).toBe(false);
  });
});
