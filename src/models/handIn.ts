/**
 * Challenges (issue 14, the classroom): a teacher's goal with constraints, and a student's hand-in.
 * Data only, checked with zod: the shapes, the limits, and the link and file formats. Whether the
 * conditions parse, and whether they hold, is the lessons' business (lessons/challenge/), since the
 * condition language lives there and `models` never imports it.
 *
 * A hand-in carries the Experiment (with its seed), the challenge and the claim (what the run
 * reached, at the end of which epoch). Nothing in it is trusted: the teacher's page re-runs the
 * Experiment to that epoch and compares (verifyClaim below), and re-checks the constraints itself.
 */

import { z } from 'zod';
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { decodeExperiment, type CodecError, type Decoded } from './codec';
import { CHALLENGE_LIMITS, decodeChallenge, type Challenge } from './challengeSpec';
import type { Experiment } from './spec';

const metric = z.number().finite().nullable();
/** The numbers a claim states and a re-run measures: the run's metrics at the end of `epoch`. */
export const claimMetricsSchema = z.object({ trainLoss: metric, testLoss: metric, trainAcc: metric, testAcc: metric }).strict();
export type ClaimMetrics = z.infer<typeof claimMetricsSchema>;
export const CLAIM_METRICS = ['trainLoss', 'testLoss', 'trainAcc', 'testAcc'] as const;

const count = z.number().int().min(0).max(1e9);
export const claimSchema = z
  .object({
    /** Where the run stopped (the stop rule's epoch limit: exactly at this epoch's end). */
    step: count,
    epoch: count.max(CHALLENGE_LIMITS.maxEpochs),
    metrics: claimMetricsSchema,
    /** When the goal first held during the run (informative: the re-run checks the end state). */
    metAt: z.object({ step: count, epoch: count }).strict().nullable(),
    /** The backend the student trained on: it sets the tolerance of the comparison. */
    backend: z.enum(['cpu', 'webgl']).nullable(),
  })
  .strict()
  .refine((c) => c.metAt === null || (c.metAt.step <= c.step && c.metAt.epoch <= c.epoch), { message: 'metAt after the end', path: ['metAt'] })
  .refine((c) => c.step >= c.epoch, { message: 'fewer steps than epochs', path: ['step'] });
export type Claim = z.infer<typeof claimSchema>;

export interface HandIn {
  experiment: Experiment;
  challenge: Challenge;
  claim: Claim;
}

const HAND_IN_KIND = 'gradient-garden-hand-in';
const HAND_IN_VERSION = 1;
const handInShape = z
  .object({ app: z.literal('gradient-garden'), kind: z.literal(HAND_IN_KIND), version: z.literal(HAND_IN_VERSION), experiment: z.unknown(), challenge: z.unknown(), claim: z.unknown() })
  .strict();

function zodError(prefix: string, err: z.ZodError): CodecError {
  const path = err.issues[0]?.path.join('.') ?? '';
  return { key: 'codec.invalidField', vars: { field: path ? `${prefix}.${path}` : prefix } };
}

/** A hand-in as a file's text (JSON). */
export function encodeHandInFile(h: HandIn): string {
  return JSON.stringify({ app: 'gradient-garden', kind: HAND_IN_KIND, version: HAND_IN_VERSION, experiment: h.experiment, challenge: h.challenge, claim: h.claim }, null, 2);
}

/** Whether a parsed JSON value says it is a hand-in (so the open-file flow sends it here). */
export function looksLikeHandIn(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === HAND_IN_KIND;
}

/** Validate a parsed hand-in: its frame, the Experiment through the codec, the challenge, the claim. */
export function decodeHandIn(raw: unknown): Decoded<HandIn> {
  const frame = handInShape.safeParse(raw);
  if (!frame.success) return { ok: false, error: looksLikeHandIn(raw) ? zodError('handIn', frame.error) : { key: 'challenge.err.notHandIn' } };
  const experiment = decodeExperiment(frame.data.experiment);
  if (!experiment.ok) return experiment;
  const challenge = decodeChallenge(frame.data.challenge);
  if (!challenge.ok) return challenge;
  const claim = claimSchema.safeParse(frame.data.claim);
  if (!claim.success) return { ok: false, error: zodError('claim', claim.error) };
  if (challenge.value.maxEpochs > 0 && claim.data.epoch > challenge.value.maxEpochs) return { ok: false, error: { key: 'challenge.err.overBudget', vars: { epoch: claim.data.epoch, max: challenge.value.maxEpochs } } };
  return { ok: true, value: { experiment: experiment.value, challenge: challenge.value, claim: claim.data }, ...(experiment.renamed ? { renamed: experiment.renamed } : {}) };
}

function parseJson(text: string): Decoded<unknown> {
  if (text.length > CHALLENGE_LIMITS.handInChars) return { ok: false, error: { key: 'codec.tooLarge' } };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, error: { key: 'codec.notJson' } };
  }
}

/** Read a hand-in file's text. Never throws. */
export function decodeHandInFile(text: string): Decoded<HandIn> {
  const parsed = parseJson(text);
  return parsed.ok ? decodeHandIn(parsed.value) : parsed;
}

/** Pack a value for a URL fragment parameter (lz-string, as the share link does). */
function pack(value: unknown): string {
  return compressToEncodedURIComponent(JSON.stringify(value));
}

function unpack(packed: string): Decoded<unknown> {
  if (packed.length > CHALLENGE_LIMITS.handInChars) return { ok: false, error: { key: 'codec.tooLarge' } };
  let text: string | null;
  try {
    text = decompressFromEncodedURIComponent(packed);
  } catch {
    text = null;
  }
  if (!text) return { ok: false, error: { key: 'codec.corruptLink' } };
  const parsed = parseJson(text);
  return parsed.ok || parsed.error.key === 'codec.tooLarge' ? parsed : { ok: false, error: { key: 'codec.corruptLink' } };
}

/** The URL fragment (without '#') of a hand-in link. */
export function encodeHandInLink(h: HandIn): string {
  return `handin=${pack(JSON.parse(encodeHandInFile(h)))}`;
}

/** True when the fragment is a hand-in link (opened by the teacher's page, not as shared work). */
export function hasHandInLink(fragment: string): boolean {
  return new URLSearchParams(fragment.replace(/^#/, '')).has('handin');
}

/** Read a hand-in link back. */
export function decodeHandInLink(fragment: string): Decoded<HandIn> {
  const packed = new URLSearchParams(fragment.replace(/^#/, '')).get('handin');
  if (!packed) return { ok: false, error: { key: 'codec.noState' } };
  const raw = unpack(packed);
  return raw.ok ? decodeHandIn(raw.value) : raw;
}

/**
 * How far a re-run's numbers may lie from the claim's. On the CPU backend a seeded run repeats
 * exactly (tests/unit/challengeRerun.test.ts measures 0 difference), so 1e-3 relative only absorbs
 * rounding in the file; WebGL computes in float32 on the GPU with its own reduction order, and
 * a run of hundreds of steps drifts, so anything trained or re-run there gets 5e-2 relative.
 * `abs` keeps values near 0 (a loss of 0.0004) from failing on relative noise.
 */
export interface Tolerance {
  rel: number;
  abs: number;
}
export const CPU_TOLERANCE: Tolerance = { rel: 1e-3, abs: 1e-5 };
export const WEBGL_TOLERANCE: Tolerance = { rel: 5e-2, abs: 1e-3 };

export function toleranceFor(claimed: 'cpu' | 'webgl' | null, rerun: string | null): Tolerance {
  return claimed === 'cpu' && rerun === 'cpu' ? CPU_TOLERANCE : WEBGL_TOLERANCE;
}

export function withinTolerance(a: number, b: number, tol: Tolerance): boolean {
  return Math.abs(a - b) <= Math.max(tol.abs, tol.rel * Math.max(Math.abs(a), Math.abs(b)));
}

export interface Rerun {
  step: number;
  epoch: number;
  metrics: ClaimMetrics;
}

export type Mismatch = { what: 'step' | 'epoch' | (typeof CLAIM_METRICS)[number]; claimed: number | null; rerun: number | null };

/**
 * Compare a claim with what the re-run measured: the same step and epoch, each metric within the
 * tolerance, a missing metric missing on both sides. Pure; the page decides what to re-run.
 */
export function verifyClaim(claim: Claim, rerun: Rerun, tol: Tolerance): Mismatch[] {
  const out: Mismatch[] = [];
  if (claim.step !== rerun.step) out.push({ what: 'step', claimed: claim.step, rerun: rerun.step });
  if (claim.epoch !== rerun.epoch) out.push({ what: 'epoch', claimed: claim.epoch, rerun: rerun.epoch });
  for (const key of CLAIM_METRICS) {
    const a = claim.metrics[key];
    const b = rerun.metrics[key];
    if (a === null && b === null) continue;
    if (a === null || b === null || !withinTolerance(a, b, tol)) out.push({ what: key, claimed: a, rerun: b });
  }
  return out;
}

/** The Experiment a re-run trains: the hand-in's, stopped at the end of the claimed epoch and by nothing else. */
export function rerunExperiment(h: HandIn): Experiment {
  return { ...h.experiment, training: { ...h.experiment.training, stop: { epochs: h.claim.epoch, when: '' } } };
}
