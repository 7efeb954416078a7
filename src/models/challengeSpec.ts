/**
 * A teacher's challenge (issue 14): a goal and constraints in the lessons' condition language, an
 * optional epoch budget, a plain title. Its shape and limits only, checked with zod; whether the
 * conditions parse and hold is lessons/challenge/check.ts's business. The share link carries it
 * beside the Experiment (codec.ts), a hand-in carries it with the claim (handIn.ts).
 */

import { z } from 'zod';

export interface Challenge {
  /** The teacher's text, plain (no HTML), at most CHALLENGE_LIMITS.titleChars. */
  title: string;
  /** A condition over any facts, e.g. `testLoss < 0.1`. */
  goal: string;
  /** Conditions over the setup's facts only (network, data, training settings), e.g. `neurons <= 6`. */
  constraints: string[];
  /** The goal must be met by the end of this epoch; 0: no budget. */
  maxEpochs: number;
}

export const CHALLENGE_LIMITS = {
  titleChars: 120,
  conditionChars: 300,
  constraints: 8,
  maxEpochs: 100_000,
  /** A hand-in as text (file or decompressed link): the Experiment's own limit. */
  handInChars: 200_000,
} as const;

export const EMPTY_CHALLENGE: Readonly<Challenge> = { title: '', goal: '', constraints: [], maxEpochs: 0 };

/** Text that looks like markup: a challenge's text is shown as plain text, and markup in it is refused. */
const MARKUP = /<\s*[a-z!/?]/i;
// Control characters (tabs and line ends aside) have no place in a title or a condition.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const plain = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !MARKUP.test(s), { message: 'markup' })
    .refine((s) => !CONTROL.test(s), { message: 'control' });

export const challengeSchema = z
  .object({
    title: plain(CHALLENGE_LIMITS.titleChars),
    goal: plain(CHALLENGE_LIMITS.conditionChars).refine((s) => s.trim() !== '', { message: 'empty' }),
    constraints: z.array(plain(CHALLENGE_LIMITS.conditionChars)).max(CHALLENGE_LIMITS.constraints),
    maxEpochs: z.number().int().min(0).max(CHALLENGE_LIMITS.maxEpochs),
  })
  .strict();

type ChallengeError = { key: string; vars?: Record<string, string | number> };

/** Check a challenge's shape and limits (not its conditions). Never throws. */
export function decodeChallenge(raw: unknown): { ok: true; value: Challenge } | { ok: false; error: ChallengeError } {
  const parsed = challengeSchema.safeParse(raw);
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path.join('.') ?? '';
    return { ok: false, error: { key: 'codec.invalidField', vars: { field: path ? `challenge.${path}` : 'challenge' } } };
  }
  const d = parsed.data;
  return { ok: true, value: { title: d.title.trim(), goal: d.goal.trim(), constraints: d.constraints.map((c) => c.trim()).filter(Boolean), maxEpochs: d.maxEpochs } };
}
