/**
 * Sentences with labels the learner writes for the sentiment task (issue 17). Pure. Like the
 * pasted text (ownText.ts), they live on the page; the Experiment's `dataset.sentences` names them
 * with an OwnSentencesRef that carries the vocabulary and the longest sentence, so the network can
 * be sized (and a link opened) without the sentences themselves.
 *
 * Tokens: a CJK character is one token, a Latin word (lower-cased, with its apostrophes) or a
 * number is one token — so English, Chinese and a mix of both read the way the shipped sentiment
 * set reads them (by word in English, by character in Chinese).
 */
import { z } from 'zod';
import { makeVocab, type Vocab } from './sequences';
import { hashText } from './hashText';

export const OWN_SENTENCES_LIMITS = {
  /** Each class needs at least this many sentences. */
  minPerClass: 4,
  /** Sentences in all, at most. */
  maxSentences: 1000,
  /** Tokens a sentence keeps; the rest is cut (and counted). */
  maxTokens: 40,
  /** Characters of one line, at most, before tokenising. */
  maxLineChars: 400,
  /** Distinct tokens the model knows; rarer ones become UNKNOWN_TOKEN. */
  maxVocab: 800,
  /** Longest name shown for a set. */
  name: 60,
} as const;

/** What a token outside the vocabulary becomes. */
export const UNKNOWN_TOKEN = '<unk>';

export interface OwnSentence {
  text: string;
  /** 1 = positive, 0 = negative. */
  label: 0 | 1;
}

export interface OwnSentences {
  name: string;
  /** The sentences as trained on: trimmed, empty lines dropped. */
  rows: OwnSentence[];
  hash: string;
  /** The model's tokens, most frequent first (UNKNOWN_TOKEN last when used). */
  vocab: string[];
  /** Tokens of the longest sentence (after the cut). */
  len: number;
  /** Tokens replaced by UNKNOWN_TOKEN, and sentences cut to maxTokens. */
  replaced: number;
  cut: number;
}

export interface OwnSentencesRef {
  name: string;
  hash: string;
  /** Sentences per class: [negative, positive]. */
  counts: [number, number];
  len: number;
  vocab: string[];
}

export interface OwnSentencesError {
  key: string;
  vars?: Record<string, string | number>;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]/u;

/** A sentence's tokens: CJK characters one by one, Latin words and numbers whole, punctuation dropped. */
export function ownSentenceTokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.normalize('NFC').toLowerCase().matchAll(/[\p{L}\p{N}']+/gu)) {
    let word = '';
    for (const c of m[0]) {
      if (CJK.test(c)) {
        if (word) out.push(word);
        word = '';
        out.push(c);
      } else word += c;
    }
    const w = word.replace(/^'+|'+$/g, '');
    if (w) out.push(w);
  }
  return out;
}

/** One sentence per line; blank lines skipped. */
function lines(raw: string): string[] {
  return raw
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/**
 * The learner's positive and negative sentences (one per line) ready to train on, or why they
 * cannot be: too few in a class, too many, a line too long, a sentence with no word. Never throws.
 */
export function makeOwnSentences(positive: string, negative: string, name: string): { ok: true; set: OwnSentences } | { ok: false; error: OwnSentencesError } {
  const L = OWN_SENTENCES_LIMITS;
  const pos = lines(positive);
  const neg = lines(negative);
  if (pos.length + neg.length > L.maxSentences) return { ok: false, error: { key: 'ownSent.err.tooMany', vars: { max: L.maxSentences, have: pos.length + neg.length } } };
  for (const [which, list] of [['pos', pos], ['neg', neg]] as const) {
    if (list.length < L.minPerClass) return { ok: false, error: { key: `ownSent.err.few.${which}`, vars: { min: L.minPerClass, have: list.length } } };
    const long = list.findIndex((l) => l.length > L.maxLineChars);
    if (long >= 0) return { ok: false, error: { key: `ownSent.err.long.${which}`, vars: { line: long + 1, max: L.maxLineChars } } };
    const empty = list.findIndex((l) => ownSentenceTokens(l).length === 0);
    if (empty >= 0) return { ok: false, error: { key: `ownSent.err.noWords.${which}`, vars: { line: empty + 1, text: list[empty].slice(0, 30) } } };
  }
  const rows: OwnSentence[] = [...pos.map((text) => ({ text, label: 1 as const })), ...neg.map((text) => ({ text, label: 0 as const }))];
  let cut = 0;
  const tokenized = rows.map((r) => {
    const tokens = ownSentenceTokens(r.text);
    if (tokens.length > L.maxTokens) cut++;
    return tokens.slice(0, L.maxTokens);
  });
  const counts = new Map<string, number>();
  for (const ts of tokenized) for (const t of ts) counts.set(t, (counts.get(t) ?? 0) + 1);
  // Most frequent first; ties in code-point order, so the same sentences give the same ids.
  const byFreq = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([t]) => t);
  const keep = byFreq.length > L.maxVocab ? byFreq.slice(0, L.maxVocab - 1) : byFreq;
  const known = new Set(keep);
  let replaced = 0;
  for (const ts of tokenized) for (const t of ts) if (!known.has(t)) replaced++;
  const vocab = replaced > 0 ? [...keep, UNKNOWN_TOKEN] : keep;
  const clean = name.trim().slice(0, L.name) || 'sentences';
  const hash = hashText(JSON.stringify(rows.map((r) => [r.label, r.text])));
  const len = Math.max(1, ...tokenized.map((t) => t.length));
  return { ok: true, set: { name: clean, rows, hash, vocab, len, replaced, cut } };
}

export function ownSentencesRef(s: OwnSentences): OwnSentencesRef {
  const pos = s.rows.filter((r) => r.label === 1).length;
  return { name: s.name, hash: s.hash, counts: [s.rows.length - pos, pos], len: s.len, vocab: s.vocab };
}

const vocabCache = new Map<string, Vocab>();
/** The model's vocabulary for a set (specials first, then its tokens). */
export function ownSentencesVocab(ref: Pick<OwnSentencesRef, 'vocab' | 'hash'>): Vocab {
  let v = vocabCache.get(ref.hash);
  if (!v || v.tokens.length !== ref.vocab.length + 4) {
    v = makeVocab(ref.vocab);
    vocabCache.set(ref.hash, v);
  }
  return v;
}

/** The set's rows as token ids, PAD on the left to `ref.len` (a recurrent net's last state reads the last word). */
export function ownSentenceRows(set: Pick<OwnSentences, 'rows'>, ref: Pick<OwnSentencesRef, 'vocab' | 'hash' | 'len'>): { inputs: Float32Array; targets: Float32Array; n: number } {
  const vocab = ownSentencesVocab(ref);
  const unknown = vocab.index.get(UNKNOWN_TOKEN) ?? 0;
  const n = set.rows.length;
  const inputs = new Float32Array(n * ref.len);
  const targets = new Float32Array(n);
  set.rows.forEach((r, i) => {
    const ids = ownSentenceTokens(r.text)
      .slice(0, ref.len)
      .map((t) => vocab.index.get(t) ?? unknown);
    inputs.set(ids, (i + 1) * ref.len - ids.length);
    targets[i] = r.label;
  });
  return { inputs, targets, n };
}

/** The set as saved files and local storage keep it: the sentences, rebuilt and checked on the way in. */
export const ownSentencesSourceSchema = z.object({
  name: z.string().max(OWN_SENTENCES_LIMITS.name),
  positive: z.array(z.string().max(OWN_SENTENCES_LIMITS.maxLineChars)).max(OWN_SENTENCES_LIMITS.maxSentences),
  negative: z.array(z.string().max(OWN_SENTENCES_LIMITS.maxLineChars)).max(OWN_SENTENCES_LIMITS.maxSentences),
});
export type OwnSentencesSource = z.infer<typeof ownSentencesSourceSchema>;

export function encodeOwnSentences(s: OwnSentences): OwnSentencesSource {
  return { name: s.name, positive: s.rows.filter((r) => r.label === 1).map((r) => r.text), negative: s.rows.filter((r) => r.label === 0).map((r) => r.text) };
}

/** A saved file's sentences back (checked again, as if typed), or an error; never throws. */
export function decodeOwnSentences(raw: unknown): OwnSentences | OwnSentencesError {
  const parsed = ownSentencesSourceSchema.safeParse(raw);
  if (!parsed.success) return { key: 'ownSent.err.file' };
  const made = makeOwnSentences(parsed.data.positive.join('\n'), parsed.data.negative.join('\n'), parsed.data.name);
  return made.ok ? made.set : made.error;
}
