/**
 * The sequence datasets as the engine trains on them: which arrays each kind makes, how long the
 * rows are and what the network's Inputs and output must look like.
 *
 * Three layouts, chosen by the dataset kind and by the network (one Input or two):
 * - `tokens`: one token predicted per output step (seq2seq tasks, the language model).
 *   - with one Input (an encoder, or a recurrent tagger): the output has one step per input token,
 *     and the answer is written from the first step (EOS too when it fits; PAD after it is masked);
 *   - with two Inputs (encoder–decoder): the decoder reads BOS + the target shifted right (teacher
 *     forcing) and predicts the target, one step per target token.
 * - `classify`: a sentence → one of two classes (sentiment: the hand-written sentences, then generated
 *   ones with negation up to the size asked); sentences are PAD-padded on the left so a recurrent
 *   network's last state has just read the last word.
 * - `forecast`: `window` values of a series → the next `horizon` values (Input `[window, 1]`).
 *
 * Pure and seeded, like the rest of src/data.
 */
import type { DatasetSpec, Language, SequenceKind, SequenceOptions } from './datasetSpec';
import { charLmTask, corpusVocab } from './corpus';
import { ownCharLmTask, ownTextVocab, type OwnTextRef } from './ownText';
import { addTask, BOS, copyTask, EOS, makeVocab, PAD, reverseTask, sortTask, type SeqTask, type Vocab } from './sequences';
import { sineSeries } from './sineSeries';
import { numberWordsTask } from './numberWords';
import { ownSentenceRows, ownSentencesVocab, type OwnSentences, type OwnSentencesRef } from './ownSentences';
import { generatedSentiment, generatedSentimentLength, generatedSentimentSymbols, sentimentSet } from './sentiment';

export type SequenceLayoutKind = 'tokens' | 'classify' | 'forecast';

/** What a sequence dataset looks like to a network, before any example is generated. */
export interface SequenceShape {
  layout: SequenceLayoutKind;
  /** Tokens by id (specials first); empty for a series. */
  vocab: string[];
  /** Tokens per source row, or the series window. */
  inLen: number;
  /**
   * tokens: target steps of an encoder–decoder (answer + EOS, PAD-padded); classify: 1;
   * forecast: the horizon.
   */
  outLen: number;
  /** tokens: whether one output step per input token can hold the answer (else a decoder is needed). */
  fitsOneInput: boolean;
}

/** A generated sequence dataset, flat arrays, row-major. */
export interface SequenceArrays {
  shape: SequenceShape;
  n: number;
  /** n × inLen token ids (or series values). */
  inputs: Float32Array;
  /** tokens: n × outLen target ids; classify: n labels; forecast: n × horizon values. */
  targets: Float32Array;
}

/** Sentences of the sentiment set, tokenized: English by lower-cased word, Chinese by character. */
export function sentimentTokens(text: string, language: Language): string[] {
  if (language === 'zh') return Array.from(text.replace(/[\s，。！？、,.!?]/g, ''));
  return text
    .toLowerCase()
    .replace(/[^a-z' ]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

const sentimentCache = new Map<Language, { vocab: Vocab; rows: { tokens: string[]; label: 0 | 1 }[]; len: number }>();

/**
 * The hand-written sentiment sentences of one language, tokenized, with the vocabulary of every
 * sentence the set can hold (hand-written words, then the generated sentences' words: fixed, so
 * the same for any seed and size) and the longest length.
 */
export function sentimentData(language: Language) {
  let d = sentimentCache.get(language);
  if (!d) {
    const rows = sentimentSet()
      .filter((e) => e.language === language)
      .map((e) => ({ tokens: sentimentTokens(e.text, language), label: e.label }));
    const vocab = makeVocab([...rows.flatMap((r) => r.tokens), ...generatedSentimentSymbols(language)]);
    d = { vocab, rows, len: Math.max(generatedSentimentLength(language), ...rows.map((r) => r.tokens.length)) };
    sentimentCache.set(language, d);
  }
  return d;
}

/** The token task of a kind, `n` examples (n may be 1 to learn the shape). */
function tokenTask(kind: SequenceKind, o: SequenceOptions, n: number, seed: number): SeqTask {
  switch (kind) {
    case 'copy':
      return copyTask(n, o.length, seed);
    case 'sort':
      return sortTask(n, o.length, seed);
    case 'add':
      return addTask(n, o.length, seed);
    case 'numberWords':
      return numberWordsTask(n, seed, { language: o.language, direction: o.direction });
    case 'charLm':
      return charLmTask(n, o.length, seed, o.language);
    default:
      return reverseTask(n, o.length, seed);
  }
}

/** True when every target row's answer (its tokens before EOS) fits in `len` steps. */
function answersFit(task: SeqTask, len: number): boolean {
  if (task.outLen <= len) return true;
  for (let i = 0; i < task.targets.length / task.outLen; i++) {
    const row = task.targets.subarray(i * task.outLen, (i + 1) * task.outLen);
    const end = row.indexOf(EOS);
    if ((end < 0 ? row.indexOf(PAD) : end) > len) return false;
  }
  return true;
}

const shapeCache = new Map<string, SequenceShape>();

/** The shape of a sequence dataset (cheap: at most one example is generated). */
export function sequenceShape(dataset: Pick<DatasetSpec, 'kind' | 'sequence'> & { text?: OwnTextRef | null; sentences?: OwnSentencesRef | null }): SequenceShape {
  const kind = dataset.kind as SequenceKind;
  const o = dataset.sequence;
  const own = kind === 'charLm' ? dataset.text : null;
  const sentences = kind === 'sentiment' ? dataset.sentences : null;
  const key = JSON.stringify([kind, o, own?.hash ?? null, own?.vocab.length ?? 0, sentences?.hash ?? null, sentences?.len ?? 0]);
  const known = shapeCache.get(key);
  if (known) return known;
  let shape: SequenceShape;
  if (kind === 'sine') {
    shape = { layout: 'forecast', vocab: [], inLen: o.window, outLen: o.horizon, fitsOneInput: true };
  } else if (kind === 'sentiment' && sentences) {
    shape = { layout: 'classify', vocab: ownSentencesVocab(sentences).tokens, inLen: sentences.len, outLen: 1, fitsOneInput: true };
  } else if (kind === 'sentiment') {
    const d = sentimentData(o.language);
    shape = { layout: 'classify', vocab: d.vocab.tokens, inLen: d.len, outLen: 1, fitsOneInput: true };
  } else if (kind === 'charLm' && own) {
    shape = { layout: 'tokens', vocab: ownTextVocab(own).tokens, inLen: o.length, outLen: o.length, fitsOneInput: true };
  } else if (kind === 'charLm') {
    shape = { layout: 'tokens', vocab: corpusVocab(o.language).tokens, inLen: o.length, outLen: o.length, fitsOneInput: true };
  } else {
    // The longest answer decides whether one Input suffices: the generators size outLen for it.
    const t = tokenTask(kind, o, 1, 0);
    const longestAnswer = t.outLen - 1;
    shape = { layout: 'tokens', vocab: t.vocab.tokens, inLen: t.inLen, outLen: t.outLen, fitsOneInput: longestAnswer <= t.inLen };
  }
  shapeCache.set(key, shape);
  return shape;
}

/**
 * Generate `n` examples. For one-Input token models, targets are cut to `inLen` steps (the answer
 * from step 0; EOS where it fits); encoder–decoder models take them whole.
 */
export function generateSequences(
  dataset: Pick<DatasetSpec, 'kind' | 'sequence' | 'numPoints' | 'noise' | 'text' | 'sentences'>,
  seed: number,
  decoder: boolean,
  ownText?: string,
  ownSentences?: Pick<OwnSentences, 'rows' | 'hash'>,
): SequenceArrays {
  const shape = sequenceShape(dataset);
  const o = dataset.sequence;
  const sentences = dataset.kind === 'sentiment' ? dataset.sentences : null;
  if (sentences) {
    // The learner's sentences, every one once (numPoints does not apply).
    if (ownSentences?.hash !== sentences.hash) throw new Error(`the sentences ${sentences.name} are not loaded`);
    return { shape, ...ownSentenceRows(ownSentences, sentences) };
  }
  if (shape.layout === 'forecast') {
    const n = dataset.numPoints;
    const s = sineSeries(n, { window: o.window, horizon: o.horizon, noise: dataset.noise / 100, sumOfSines: o.sumOfSines }, seed);
    return { shape, n, inputs: s.inputs, targets: s.targets };
  }
  if (shape.layout === 'classify') {
    // Every hand-written sentence once, then generated ones up to numPoints.
    const d = sentimentData(o.language);
    const generated = generatedSentiment(Math.max(0, dataset.numPoints - d.rows.length), seed, o.language).map((e) => ({
      tokens: sentimentTokens(e.text, o.language),
      label: e.label,
    }));
    const rows = [...d.rows, ...generated];
    const n = rows.length;
    const inputs = new Float32Array(n * shape.inLen);
    const targets = new Float32Array(n);
    rows.forEach((r, i) => {
      const ids = r.tokens.map((t) => d.vocab.index.get(t)!);
      inputs.set(ids, (i + 1) * shape.inLen - ids.length);
      targets[i] = r.label;
    });
    return { shape, n, inputs, targets };
  }
  const n = dataset.numPoints;
  const own = dataset.kind === 'charLm' ? dataset.text : null;
  if (own && ownText === undefined) throw new Error(`the text ${own.name} is not loaded`);
  const task = own && ownText !== undefined ? ownCharLmTask(ownText, own, n, o.length, seed) : tokenTask(dataset.kind as SequenceKind, o, n, seed);
  const outLen = decoder ? task.outLen : task.inLen;
  const targets = new Float32Array(n * outLen);
  for (let i = 0; i < n; i++) {
    const row = task.targets.subarray(i * task.outLen, i * task.outLen + Math.min(outLen, task.outLen));
    targets.set(row, i * outLen);
  }
  if (!decoder && !answersFit(task, outLen)) throw new RangeError('answers longer than the input need a decoder');
  return { shape, n, inputs: Float32Array.from(task.inputs), targets };
}

/** Teacher forcing: each decoder row is BOS followed by the target row without its last token. */
export function decoderInputs(targets: Float32Array, outLen: number): Float32Array {
  const n = targets.length / outLen;
  const out = new Float32Array(targets.length);
  for (let i = 0; i < n; i++) {
    out[i * outLen] = BOS;
    out.set(targets.subarray(i * outLen, (i + 1) * outLen - 1), i * outLen + 1);
  }
  return out;
}
