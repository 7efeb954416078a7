/**
 * A text the learner pastes for the character language model (issue 17). Pure. The text lives on
 * the page (like a table); the Experiment's `dataset.text` names it with an OwnTextRef that also
 * carries the vocabulary, so the network can be sized without the text.
 */
import { z } from 'zod';
import { charWindows, makeVocab, type SeqTask, type Vocab } from './sequences';
import { hashText } from './hashText';

export const OWN_TEXT_LIMITS = {
  /** Fewer characters than this are too short to train on. */
  minChars: 200,
  /** Characters at most (100 k: a short book chapter). */
  maxChars: 100_000,
  /** Distinct characters the model knows; rarer ones become UNKNOWN_CHAR. */
  maxVocab: 300,
  /** Longest name shown for a text. */
  name: 60,
} as const;

/** What a character outside the vocabulary becomes. */
export const UNKNOWN_CHAR = '\uFFFD';

export interface OwnText {
  name: string;
  /** The text as trained on: normalised, rare characters replaced by UNKNOWN_CHAR. */
  text: string;
  hash: string;
  /** The characters the model predicts, most frequent first (UNKNOWN_CHAR last when used). */
  vocab: string[];
  /** Characters replaced by UNKNOWN_CHAR. */
  replaced: number;
}

export interface OwnTextRef {
  name: string;
  hash: string;
  chars: number;
  /** The vocabulary, one code point per character. */
  vocab: string;
}

export interface OwnTextError {
  key: string;
  vars?: Record<string, string | number>;
}

/** NFC, line ends as "\n", tabs as spaces, other control characters (and a BOM) removed. */
export function normalizeText(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f\ufeff]/g, '');
}

/** The pasted text ready to train on, or why it cannot be (too short, too long). Never throws. */
export function makeOwnText(raw: string, name: string): { ok: true; text: OwnText } | { ok: false; error: OwnTextError } {
  if (raw.length > OWN_TEXT_LIMITS.maxChars * 2) return { ok: false, error: { key: 'ownText.err.tooLong', vars: { n: OWN_TEXT_LIMITS.maxChars } } };
  const chars = Array.from(normalizeText(raw));
  if (chars.length > OWN_TEXT_LIMITS.maxChars) return { ok: false, error: { key: 'ownText.err.tooLong', vars: { n: OWN_TEXT_LIMITS.maxChars } } };
  if (chars.filter((c) => c.trim()).length < OWN_TEXT_LIMITS.minChars) {
    return { ok: false, error: { key: 'ownText.err.tooShort', vars: { n: OWN_TEXT_LIMITS.minChars, have: chars.length } } };
  }
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  // Most frequent first; ties by code point, so the same text always gives the same ids.
  const byFreq = [...counts].sort((a, b) => b[1] - a[1] || a[0].codePointAt(0)! - b[0].codePointAt(0)!).map(([c]) => c);
  const keep = byFreq.length > OWN_TEXT_LIMITS.maxVocab ? byFreq.slice(0, OWN_TEXT_LIMITS.maxVocab - 1) : byFreq;
  const known = new Set(keep);
  let replaced = 0;
  const text = chars
    .map((c) => {
      if (known.has(c)) return c;
      replaced++;
      return UNKNOWN_CHAR;
    })
    .join('');
  const vocab = replaced > 0 && !known.has(UNKNOWN_CHAR) ? [...keep, UNKNOWN_CHAR] : keep;
  const clean = name.trim().slice(0, OWN_TEXT_LIMITS.name) || 'text';
  return { ok: true, text: { name: clean, text, hash: hashText(text), vocab, replaced } };
}

export function ownTextRef(t: OwnText): OwnTextRef {
  return { name: t.name, hash: t.hash, chars: Array.from(t.text).length, vocab: t.vocab.join('') };
}

const vocabCache = new Map<string, Vocab>();
/** The language model's vocabulary for a text (specials first, then the text's characters). */
export function ownTextVocab(ref: Pick<OwnTextRef, 'vocab'>): Vocab {
  let v = vocabCache.get(ref.vocab);
  if (!v) {
    v = makeVocab(Array.from(ref.vocab));
    vocabCache.set(ref.vocab, v);
  }
  return v;
}

/**
 * Next-character prediction on the learner's text, as charLmTask does on the shipped corpus: `n`
 * windows of `len` characters at seeded offsets, each target the window one character on.
 * A character outside the vocabulary (a text changed under its ref) counts as UNKNOWN_CHAR, or
 * the first character when the vocabulary has none.
 */
export function ownCharLmTask(text: string, ref: Pick<OwnTextRef, 'vocab'>, n: number, len: number, seed: number): SeqTask {
  const vocab = ownTextVocab(ref);
  const fallback = vocab.index.get(UNKNOWN_CHAR) ?? 4;
  const ids = Array.from(text, (c) => vocab.index.get(c) ?? fallback);
  if (ids.length < len + 2) throw new RangeError(`the text is shorter than ${len + 1} characters`);
  return charWindows(vocab, ids, n, len, seed);
}

/** The text as a saved file carries it. */
export const ownTextSourceSchema = z.object({ name: z.string().max(OWN_TEXT_LIMITS.name), text: z.string().max(OWN_TEXT_LIMITS.maxChars * 2) });
export type OwnTextSource = z.infer<typeof ownTextSourceSchema>;

/** A saved file's text back (checked again, as if pasted), or an error; never throws. */
export function decodeOwnText(raw: unknown): OwnText | OwnTextError {
  const parsed = ownTextSourceSchema.safeParse(raw);
  if (!parsed.success) return { key: 'ownText.err.file' };
  const made = makeOwnText(parsed.data.text, parsed.data.name);
  return made.ok ? made.text : made.error;
}
