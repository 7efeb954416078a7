/**
 * Seeded toy data for the sequence lab: the shared token layout and vocabulary, the digit tasks
 * (copy, reverse, sort, add) and character vocabularies. Number words are in numberWords.ts,
 * sine-wave windows in sineSeries.ts, the sentiment sentences in sentiment.ts.
 *
 * Pure and TF.js-free, so it runs in workers and tests alike. All randomness comes from
 * `createRng(deriveSeed(seed, 'data'))`, never Math.random, so a seed reproduces a dataset exactly.
 *
 * Token layout shared by every task (see {@link makeVocab}): ids 0–3 are always PAD, BOS, EOS, SEP,
 * then the task's own symbols. Inputs are the source tokens padded with PAD to `inLen`; targets are
 * the answer tokens followed by one EOS, padded with PAD to `outLen`. BOS is never written into the
 * arrays: a decoder's teacher-forcing input is built later as BOS + targets shifted right.
 */
import { createRng, deriveSeed, type Rng } from './rng';

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

/** Padding: fills fixed-length rows; models should mask it out of the loss. */
export const PAD = 0;
/** Beginning of sequence: the decoder's first input token. */
export const BOS = 1;
/** End of sequence: written once after every target, so variable-length answers have a clear stop. */
export const EOS = 2;
/** Separator: reserved for packing source and target into one stream (decoder-only models). */
export const SEP = 3;

/** Display strings for the special ids, in id order; angle brackets keep them apart from real symbols. */
export const SPECIAL_TOKENS: readonly string[] = ['<pad>', '<bos>', '<eos>', '<sep>'];

/** A token ↔ id table. `tokens[id]` is the token; `index` maps back. */
export interface Vocab {
  tokens: string[];
  index: Map<string, number>;
}

/**
 * Builds a vocabulary: the four specials at ids 0–3, then `symbols` in the given order (duplicates and
 * special names skipped), so ids are stable for a given symbol list.
 */
export function makeVocab(symbols: readonly string[]): Vocab {
  const tokens: string[] = [...SPECIAL_TOKENS];
  const index = new Map<string, number>(tokens.map((t, i) => [t, i]));
  for (const s of symbols) {
    if (index.has(s)) continue;
    index.set(s, tokens.length);
    tokens.push(s);
  }
  return { tokens, index };
}

/** Maps tokens to ids. Throws on an unknown token: silently mapping it to PAD would hide data bugs. */
export function encode(vocab: Vocab, tokens: readonly string[]): number[] {
  return tokens.map((t) => {
    const id = vocab.index.get(t);
    if (id === undefined) throw new Error(`Token not in vocabulary: ${JSON.stringify(t)}`);
    return id;
  });
}

/**
 * Maps ids back to tokens. By default reads like a model answer: skips PAD, BOS and SEP and stops at
 * the first EOS. With `raw: true` every id is mapped, specials included (unknown ids become '<unk>').
 */
export function decode(vocab: Vocab, ids: ArrayLike<number>, options: { raw?: boolean } = {}): string[] {
  const out: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (!options.raw) {
      if (id === EOS) break;
      if (id === PAD || id === BOS || id === SEP) continue;
    }
    out.push(vocab.tokens[id] ?? '<unk>');
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Seq2seq toy tasks
// ---------------------------------------------------------------------------------------------

/** A fixed-shape seq2seq dataset: row i of inputs is `inputs[i*inLen .. (i+1)*inLen)`. */
export interface SeqTask {
  vocab: Vocab;
  /** n × inLen source ids, PAD-padded. */
  inputs: Int32Array;
  /** n × outLen target ids: answer, one EOS, then PAD. */
  targets: Int32Array;
  inLen: number;
  outLen: number;
}

export const DIGITS: readonly string[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** Row i of a flat n × len array, as a view (no copy). */
export function row<T extends Int32Array | Float32Array>(arr: T, len: number, i: number): T {
  return arr.subarray(i * len, (i + 1) * len) as T;
}

export function assertCount(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer in ${min}..${max}, got ${value}`);
  }
}

/**
 * Allocates the arrays and writes each example's source and answer tokens (EOS appended to the answer).
 * Throws if an example does not fit, so a wrong length bound fails loudly instead of truncating.
 */
/** Encode `n` examples of a token task into PAD-filled rows (answers end with EOS). */
export function buildTask(
  vocab: Vocab,
  n: number,
  inLen: number,
  outLen: number,
  example: (i: number) => [source: string[], answer: string[]],
): SeqTask {
  const inputs = new Int32Array(n * inLen); // zero-filled = PAD
  const targets = new Int32Array(n * outLen);
  for (let i = 0; i < n; i++) {
    const [source, answer] = example(i);
    const src = encode(vocab, source);
    const tgt = [...encode(vocab, answer), EOS];
    if (src.length > inLen || tgt.length > outLen) throw new Error('Example longer than the task length');
    inputs.set(src, i * inLen);
    targets.set(tgt, i * outLen);
  }
  return { vocab, inputs, targets, inLen, outLen };
}

const randomDigits = (rng: Rng, len: number): string[] => Array.from({ length: len }, () => DIGITS[rng.int(10)]);

/** Shared body of copy / reverse / sort: `len` random digits in, `transform(digits)` out. */
function digitTask(n: number, len: number, seed: number, transform: (d: string[]) => string[]): SeqTask {
  assertCount('n', n, 0);
  assertCount('len', len, 1);
  const rng = createRng(deriveSeed(seed, 'data'));
  return buildTask(makeVocab(DIGITS), n, len, len + 1, () => {
    const d = randomDigits(rng, len);
    return [d, transform(d)];
  });
}

/** Copy: the target repeats the `len` random digits. The simplest memory test for a seq2seq model. */
export function copyTask(n: number, len: number, seed: number): SeqTask {
  return digitTask(n, len, seed, (d) => [...d]);
}

/** Reverse: the target is the digits backwards ('3 1 4 1' → '1 4 1 3'); a classic attention showcase. */
export function reverseTask(n: number, len: number, seed: number): SeqTask {
  return digitTask(n, len, seed, (d) => [...d].reverse());
}

/** Sort: the target is the digits in ascending order. Needs the whole input before the first output. */
export function sortTask(n: number, len: number, seed: number): SeqTask {
  // Single-character digit strings sort the same lexically and numerically.
  return digitTask(n, len, seed, (d) => [...d].sort());
}

/** The largest `digits` for addTask: keeps operands below 2³⁰ so rng.int and the sum stay exact. */
export const MAX_ADD_DIGITS = 9;

/**
 * Addition: two numbers uniform in 0..10^digits − 1, written without leading zeros and joined by '+'
 * ('4 7 + 8 5'); the target is the sum's digits ('1 3 2'), most significant first, as people write it.
 * Carries are therefore common. inLen = 2·digits + 1, outLen = digits + 2 (a carry digit plus EOS).
 */
export function addTask(n: number, digits: number, seed: number): SeqTask {
  assertCount('n', n, 0);
  assertCount('digits', digits, 1, MAX_ADD_DIGITS);
  const rng = createRng(deriveSeed(seed, 'data'));
  const limit = 10 ** digits;
  return buildTask(makeVocab([...DIGITS, '+']), n, 2 * digits + 1, digits + 2, () => {
    const a = rng.int(limit);
    const b = rng.int(limit);
    return [[...String(a), '+', ...String(b)], [...String(a + b)]];
  });
}

// ---------------------------------------------------------------------------------------------
// Sentiment
// ---------------------------------------------------------------------------------------------

export { sentimentSet, type SentimentExample } from './sentiment';

/**
 * Character vocabulary over `texts`: the specials, then every distinct character (by code point, so
 * CJK characters stay whole) in ascending code-point order, which keeps ids independent of text order.
 */
export function charVocab(texts: readonly string[]): Vocab {
  const chars = new Set<string>();
  for (const t of texts) for (const c of t) chars.add(c);
  return makeVocab([...chars].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!));
}

/**
 * A language model's examples from a text's ids: `n` windows of `len` characters at seeded
 * starts, each target the window shifted by one (the next character at every step).
 */
export function charWindows(vocab: Vocab, ids: readonly number[], n: number, len: number, seed: number): SeqTask {
  const rng = createRng(deriveSeed(seed, 'data'));
  const inputs = new Int32Array(n * len);
  const targets = new Int32Array(n * len);
  for (let i = 0; i < n; i++) {
    const start = rng.int(ids.length - len);
    for (let t = 0; t < len; t++) {
      inputs[i * len + t] = ids[start + t];
      targets[i * len + t] = ids[start + t + 1];
    }
  }
  return { vocab, inputs, targets, inLen: len, outLen: len };
}
