/**
 * Number words ↔ digits, in English and Chinese: the spelling helpers and the seeded token task.
 * Pure and TF.js-free; randomness from the Experiment's seed (see sequences.ts for the token layout).
 */
import { createRng, deriveSeed } from './rng';
import { assertCount, buildTask, DIGITS, makeVocab, type SeqTask } from './sequences';

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

