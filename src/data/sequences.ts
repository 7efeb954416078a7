/**
 * Seeded toy data for the sequence lab: seq2seq token tasks (copy, reverse, sort, add, number
 * words), sine-wave forecasting windows and a tiny hand-written sentiment set.
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

const DIGITS: readonly string[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** Row i of a flat n × len array, as a view (no copy). */
export function row<T extends Int32Array | Float32Array>(arr: T, len: number, i: number): T {
  return arr.subarray(i * len, (i + 1) * len) as T;
}

function assertCount(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer in ${min}..${max}, got ${value}`);
  }
}

/**
 * Allocates the arrays and writes each example's source and answer tokens (EOS appended to the answer).
 * Throws if an example does not fit, so a wrong length bound fails loudly instead of truncating.
 */
function buildTask(
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
// Number words
// ---------------------------------------------------------------------------------------------

/** The largest number the number-word helpers spell (English and Chinese alike). */
export const MAX_NUMBER_WORDS = 9999;

const ONES: readonly string[] = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine',
  'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
];
const TENS: readonly string[] = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

function assertSpellable(n: number): void {
  assertCount('number', n, 0, MAX_NUMBER_WORDS);
}

/** 1..99 in English: 'seven', 'thirteen', 'twenty', 'forty-five'. */
function englishBelowHundred(n: number): string {
  if (n < 20) return ONES[n];
  const unit = n % 10;
  return unit === 0 ? TENS[Math.floor(n / 10)] : `${TENS[Math.floor(n / 10)]}-${ONES[unit]}`;
}

/**
 * Spells 0..9999 in American English without "and": 312 → 'three hundred twelve', 45 → 'forty-five',
 * 1005 → 'one thousand five'. Compound tens keep their conventional hyphen.
 */
export function numberToEnglish(n: number): string {
  assertSpellable(n);
  if (n === 0) return 'zero';
  const parts: string[] = [];
  const thousands = Math.floor(n / 1000);
  const hundreds = Math.floor(n / 100) % 10;
  const rest = n % 100;
  if (thousands > 0) parts.push(ONES[thousands], 'thousand');
  if (hundreds > 0) parts.push(ONES[hundreds], 'hundred');
  if (rest > 0) parts.push(englishBelowHundred(rest));
  return parts.join(' ');
}

/**
 * Word-level English tokens: split on spaces, and the hyphen of 'forty-five' becomes its own token
 * ('forty', '-', 'five'). Splitting keeps the vocabulary to 31 words instead of ~100 and lets a
 * model reuse 'five' across 'five', 'forty-five' and 'five hundred'.
 */
export function englishTokens(text: string): string[] {
  return text.split(' ').flatMap((w) => w.split(/(-)/)).filter((t) => t.length > 0);
}

/** Joins English tokens back into text: spaces between words, none around '-'. */
export function joinEnglishTokens(tokens: readonly string[]): string {
  let out = '';
  tokens.forEach((t, i) => {
    const glue = i === 0 || t === '-' || tokens[i - 1] === '-' ? '' : ' ';
    out += glue + t;
  });
  return out;
}

const ZH_DIGITS: readonly string[] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** Units for the thousands, hundreds, tens and ones places. */
const ZH_UNITS: readonly string[] = ['千', '百', '十', ''];

/**
 * Spells 0..9999 in Chinese numerals (小写, 二 rather than 两 throughout for a regular pattern):
 * 10 → '十' and 12 → '十二' (a leading 一十 is dropped only when 十 leads the number),
 * 110 → '一百一十', 105 → '一百零五' (one 零 per run of inner zeros), 1001 → '一千零一',
 * 1010 → '一千零一十', 1100 → '一千一百' (trailing zeros are silent).
 */
export function numberToChinese(n: number): string {
  assertSpellable(n);
  if (n === 0) return ZH_DIGITS[0];
  const places = [Math.floor(n / 1000), Math.floor(n / 100) % 10, Math.floor(n / 10) % 10, n % 10];
  let out = '';
  let pendingZero = false;
  places.forEach((d, p) => {
    if (d === 0) {
      // A zero only needs saying if something was said before it and something follows (checked below).
      if (out.length > 0) pendingZero = true;
      return;
    }
    if (pendingZero) out += ZH_DIGITS[0];
    pendingZero = false;
    const omitOne = d === 1 && ZH_UNITS[p] === '十' && out.length === 0; // 十二, not 一十二
    out += (omitOne ? '' : ZH_DIGITS[d]) + ZH_UNITS[p];
  });
  return out;
}

/** Chinese numerals tokenize per character: each of 零–九, 十, 百, 千 is one token. */
export function chineseTokens(text: string): string[] {
  return Array.from(text);
}

/** Options for {@link numberWordsTask}. */
export interface NumberWordsOptions {
  language: 'en' | 'zh';
  /** 'toDigits': words in, digit string out. 'toWords': digits in, words out. */
  direction: 'toDigits' | 'toWords';
  /** Largest number drawn (0..max, uniform); at most {@link MAX_NUMBER_WORDS}. Defaults to 999. */
  max?: number;
}

/** Word tokens for a number in a language. */
function wordTokens(value: number, language: 'en' | 'zh'): string[] {
  return language === 'en' ? englishTokens(numberToEnglish(value)) : chineseTokens(numberToChinese(value));
}

/**
 * Number words ↔ digit strings, e.g. 'three hundred twelve' ↔ '3 1 2' or '三百一十二' ↔ '3 1 2'.
 * Values are uniform in 0..max. The vocabulary holds digits plus every word symbol of the language
 * (fixed order, independent of max and seed), and the lengths fit the longest spelling in 0..max.
 */
export function numberWordsTask(n: number, seed: number, options: NumberWordsOptions): SeqTask {
  const { language, direction, max = 999 } = options;
  assertCount('n', n, 0);
  assertCount('max', max, 0, MAX_NUMBER_WORDS);
  const wordSymbols = language === 'en' ? [...ONES, ...TENS.slice(2), 'hundred', 'thousand', '-'] : [...ZH_DIGITS, '十', '百', '千'];
  // Digits first so '0'..'9' get the same ids in both languages; Chinese 零–九 are distinct symbols.
  const vocab = makeVocab([...DIGITS, ...wordSymbols]);
  let longestWords = 0;
  for (let v = 0; v <= max; v++) longestWords = Math.max(longestWords, wordTokens(v, language).length);
  const longestDigits = String(max).length;
  const toDigits = direction === 'toDigits';
  const inLen = toDigits ? longestWords : longestDigits;
  const outLen = (toDigits ? longestDigits : longestWords) + 1;
  const rng = createRng(deriveSeed(seed, 'data'));
  return buildTask(vocab, n, inLen, outLen, () => {
    const value = rng.int(max + 1);
    const words = wordTokens(value, language);
    const digits = [...String(value)];
    return toDigits ? [words, digits] : [digits, words];
  });
}

// ---------------------------------------------------------------------------------------------
// Time series
// ---------------------------------------------------------------------------------------------

/** One sine component: amplitude · sin(2π · frequency · t + phase), t in steps from the window start. */
export interface SineWave {
  amplitude: number;
  /** Cycles per step. */
  frequency: number;
  /** Radians. */
  phase: number;
}

/** Options for {@link sineSeries}. */
export interface SineSeriesOptions {
  /** Observed steps per example (model input length). */
  window: number;
  /** Steps to forecast after the window (target length). */
  horizon: number;
  /** Standard deviation of gaussian noise added to the inputs; 0 for clean inputs. */
  noise: number;
  /** false: one unit sine per example. true: a sum of {@link SUM_OF_SINES_COMPONENTS} sines. */
  sumOfSines: boolean;
}

/** A forecasting dataset: row i of inputs is the window, row i of targets its continuation. */
export interface SineSeries {
  /** n × window observed values (noisy when noise > 0). */
  inputs: Float32Array;
  /** n × horizon clean values at steps window .. window + horizon − 1. */
  targets: Float32Array;
  window: number;
  horizon: number;
  /** The components behind each example, so tests and plots can redraw the true curve. */
  waves: SineWave[][];
}

/** Components in a sum-of-sines example: enough for a non-trivial shape, few enough to learn. */
export const SUM_OF_SINES_COMPONENTS = 3;
/** Frequency range in cycles per step: periods from 40 steps down to 8, so a window sees real motion. */
export const SINE_MIN_FREQUENCY = 1 / 40;
export const SINE_MAX_FREQUENCY = 1 / 8;

/** Value of a sum of sine components at step t. */
export function sineValue(waves: readonly SineWave[], t: number): number {
  let v = 0;
  for (const w of waves) v += w.amplitude * Math.sin(2 * Math.PI * w.frequency * t + w.phase);
  return v;
}

/** Random components; sum-of-sines amplitudes are normalised to add up to 1 so values stay in [−1, 1]. */
function randomWaves(rng: Rng, sumOfSines: boolean): SineWave[] {
  const count = sumOfSines ? SUM_OF_SINES_COMPONENTS : 1;
  const waves = Array.from({ length: count }, () => ({
    amplitude: sumOfSines ? 0.2 + 0.8 * rng.next() : 1,
    frequency: SINE_MIN_FREQUENCY + (SINE_MAX_FREQUENCY - SINE_MIN_FREQUENCY) * rng.next(),
    phase: 2 * Math.PI * rng.next(),
  }));
  const total = waves.reduce((s, w) => s + w.amplitude, 0);
  return waves.map((w) => ({ ...w, amplitude: w.amplitude / total }));
}

/**
 * Sine forecasting windows: each example draws its own frequency and phase (and, for sums, amplitude),
 * the input is steps 0..window−1 plus gaussian noise, the target the clean steps that follow. Targets
 * stay clean so the loss measures how well the model recovers the signal rather than the noise.
 */
export function sineSeries(n: number, options: SineSeriesOptions, seed: number): SineSeries {
  const { window, horizon, noise, sumOfSines } = options;
  assertCount('n', n, 0);
  assertCount('window', window, 1);
  assertCount('horizon', horizon, 1);
  if (!(noise >= 0)) throw new RangeError(`noise must be ≥ 0, got ${noise}`);
  const rng = createRng(deriveSeed(seed, 'data'));
  const inputs = new Float32Array(n * window);
  const targets = new Float32Array(n * horizon);
  const waves: SineWave[][] = [];
  for (let i = 0; i < n; i++) {
    const w = randomWaves(rng, sumOfSines);
    waves.push(w);
    for (let t = 0; t < window; t++) inputs[i * window + t] = sineValue(w, t) + (noise > 0 ? noise * rng.normal() : 0);
    for (let h = 0; h < horizon; h++) targets[i * horizon + h] = sineValue(w, window + h);
  }
  return { inputs, targets, window, horizon, waves };
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
