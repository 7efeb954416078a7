/**
 * Pure helpers of the sequence lab: token rows as text, the per-step prediction table of the probe,
 * the test examples to pick the probe from. No React, no store: each takes what the engine sent
 * (SeqInfo, SeqProbes) and gives what the views print, so the rules can be tested on their own.
 */
import { sequenceShape, type SequenceLayoutKind } from '../../data/sequenceData';
import { BOS, EOS, PAD, SEP } from '../../data/sequences';
import { joinEnglishTokens } from '../../data/numberWords';
import { isSequenceDataset, type DatasetSpec, type SequenceKind } from '../../models/spec';
import type { SeqInfo, SeqProbes } from '../../training/protocol';

/**
 * The layout the dataset's examples take, or null for points and images (a store selector may run
 * once more for a dataset the lab is about to leave).
 */
export function seqLayoutOf(dataset: Pick<DatasetSpec, 'kind' | 'sequence'>): SequenceLayoutKind | null {
  return isSequenceDataset(dataset.kind) ? sequenceShape(dataset).layout : null;
}

/** Index of the largest value in row `row` of a row-major matrix `width` wide (first on ties). */
export function argmaxRow(values: ArrayLike<number>, row: number, width: number): number {
  let best = 0;
  for (let j = 1; j < width; j++) if (values[row * width + j] > values[row * width + best]) best = j;
  return best;
}

/** The token of an id; '?' outside the vocabulary. */
export const tokenOf = (vocab: readonly string[], id: number): string => vocab[id] ?? '?';

/** A source row as tokens: PAD, BOS and EOS left out (sentences are PAD-padded on the left). */
export function sourceTokens(ids: ArrayLike<number>, vocab: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = Math.round(ids[i]);
    if (id === PAD || id === BOS || id === EOS) continue;
    out.push(tokenOf(vocab, id));
  }
  return out;
}

/** A target row read as an answer: PAD, BOS and SEP skipped, stopping at the first EOS. */
export function answerTokens(ids: ArrayLike<number>, vocab: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = Math.round(ids[i]);
    if (id === EOS) break;
    if (id === PAD || id === BOS || id === SEP) continue;
    out.push(tokenOf(vocab, id));
  }
  return out;
}

const CJK = /^[\u2e80-\u9fff\uf900-\ufaff]$/u;

/**
 * Tokens as people write them: the language model's characters run together, as do Chinese
 * characters; words get spaces (none around the hyphen of 'forty-five'); digits are spaced ('3 1 4'),
 * as in the dataset names.
 */
export function joinTokens(tokens: readonly string[], kind: SequenceKind): string {
  if (kind === 'charLm') return tokens.join('');
  if (tokens.length > 0 && tokens.every((t) => CJK.test(t))) return tokens.join('');
  if (tokens.some((t) => t.length > 1)) return joinEnglishTokens(tokens);
  return tokens.join(' ');
}

/** One output step of the probe, as the prediction table shows it. */
export interface TokenStep {
  step: number;
  /** What the network reads at this step: the decoder's input, or the source token; null past the row. */
  input: string | null;
  /** The target token; null for PAD (not scored). */
  target: string | null;
  predicted: string;
  /** Probability of the predicted token. */
  p: number;
  correct: boolean;
}

/**
 * The probe's prediction per output step: the argmax token of each row of `output` (steps ×
 * vocabulary), its probability and whether it is the target. PAD targets are not scored.
 */
export function tokenSteps(probe: SeqProbes, vocab: readonly string[]): TokenStep[] {
  const width = probe.steps > 0 ? Math.floor(probe.output.length / probe.steps) : 0;
  if (width < 1) return [];
  const reads = probe.decoder ? probe.tokens.decoder : probe.tokens.source;
  return Array.from({ length: probe.steps }, (_, step) => {
    const best = argmaxRow(probe.output, step, width);
    const targetId = Math.round(probe.target[step] ?? PAD);
    const scored = targetId !== PAD;
    return {
      step,
      input: reads[step] ?? null,
      target: scored ? tokenOf(vocab, targetId) : null,
      predicted: tokenOf(vocab, best),
      p: probe.output[step * width + best],
      correct: scored && best === targetId,
    };
  });
}

/** The predicted answer of a token probe: argmax per step, read like a target row (stops at EOS). */
export function predictedAnswer(probe: SeqProbes, vocab: readonly string[]): string[] {
  const width = probe.steps > 0 ? Math.floor(probe.output.length / probe.steps) : 0;
  if (width < 1) return [];
  const ids = Array.from({ length: probe.steps }, (_, step) => argmaxRow(probe.output, step, width));
  return answerTokens(ids, vocab);
}

/** A test example the probe can be: its source and target as the picker prints them. */
export type ProbeExample =
  | { index: number; kind: 'text'; source: string; target: string }
  | { index: number; kind: 'class'; source: string; label: 0 | 1 }
  | { index: number; kind: 'series'; window: Float32Array; next: Float32Array };

/** The test examples the engine sent in `info`, ready to print. */
export function probeExamples(info: SeqInfo, kind: SequenceKind): ProbeExample[] {
  const { inLen, targetWidth, vocab } = info;
  const count = Math.min(info.count, Math.floor(info.samples.length / Math.max(1, inLen)), Math.floor(info.targets.length / Math.max(1, targetWidth)));
  return Array.from({ length: Math.max(0, count) }, (_, index): ProbeExample => {
    const source = info.samples.subarray(index * inLen, (index + 1) * inLen);
    const target = info.targets.subarray(index * targetWidth, (index + 1) * targetWidth);
    if (info.layout === 'forecast') return { index, kind: 'series', window: source, next: target };
    const text = joinTokens(sourceTokens(source, vocab), kind);
    if (info.layout === 'classify') {
      // One-hot [negative, positive], or the label itself.
      const label = targetWidth >= 2 ? (target[1] > target[0] ? 1 : 0) : target[0] >= 0.5 ? 1 : 0;
      return { index, kind: 'class', source: text, label };
    }
    // The language model's target is its input moved on by one: the new character is the last one.
    const answer = kind === 'charLm' ? [tokenOf(vocab, Math.round(target[targetWidth - 1]))] : answerTokens(target, vocab);
    return { index, kind: 'text', source: text, target: joinTokens(answer, kind) };
  });
}

/** The last `n` characters of a text, with an ellipsis in front when cut. */
export function tail(text: string, n: number): string {
  const chars = Array.from(text);
  return chars.length <= n ? text : `…${chars.slice(-n).join('')}`;
}
