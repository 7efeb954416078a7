import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOwnSentences, ownSentencesRef, ownSentenceTokens, OWN_SENTENCES_LIMITS, UNKNOWN_TOKEN } from '../../src/data/ownSentences';
import { sequenceShape } from '../../src/data/sequenceData';
import { PAD } from '../../src/data/sequences';
import { DEFAULT_VIEW, decodeLink, encodeLink } from '../../src/models/codec';
import { applyChange } from '../../src/models/edits';
import { datasetMismatch } from '../../src/models/fit';
import { decodeSavedFile, encodeSavedFile } from '../../src/models/weightsFile';
import { createAppStore } from '../../src/store/createAppStore';
import { OWN_SENTENCES_KEY, restoreOwnMedia } from '../../src/store/ownMediaSlice';
import { registerFastCpuKernels } from '../../src/training/cpuKernels';
import { DataProblem, DataSourceLoader } from '../../src/training/dataSources';
import { prepareData } from '../../src/training/prepare';
import { ModelRuntime } from '../../src/training/runtime';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerFastCpuKernels(tf);
});

const POS = ['I love this garden', 'What a lovely day', 'The soup was great', '这部电影很好看', 'Great fun, really great', 'I am happy'];
const NEG = ['I hate the rain', 'What an awful day', 'The soup was cold', '这部电影很无聊', 'Boring and bad', 'I am sad'];
const made = () => {
  const m = makeOwnSentences(POS.join('\n'), NEG.join('\r\n') + '\n\n', 'mine');
  if (!m.ok) throw new Error(m.error.key);
  return m.set;
};

describe('own sentences: tokens and limits', () => {
  it('English by word (lower-cased, punctuation dropped), Chinese by character, mixed text both ways', () => {
    expect(ownSentenceTokens("It's GREAT, isn't it?!")).toEqual(["it's", 'great', "isn't", 'it']);
    expect(ownSentenceTokens('这部电影很好看。')).toEqual(['这', '部', '电', '影', '很', '好', '看']);
    expect(ownSentenceTokens('AI课很有趣 2026')).toEqual(['ai', '课', '很', '有', '趣', '2026']);
    expect(ownSentenceTokens('!!! ...')).toEqual([]);
  });

  it('every bad set is refused with its reason: too few in a class, too many, a line too long, a line with no words', () => {
    const few = makeOwnSentences(POS.slice(0, 3).join('\n'), NEG.join('\n'), 'x');
    expect(few).toEqual({ ok: false, error: { key: 'ownSent.err.few.pos', vars: { min: OWN_SENTENCES_LIMITS.minPerClass, have: 3 } } });
    expect(makeOwnSentences(POS.join('\n'), '', 'x')).toMatchObject({ ok: false, error: { key: 'ownSent.err.few.neg' } });
    const many = Array.from({ length: OWN_SENTENCES_LIMITS.maxSentences }, (_, i) => `good ${i}`).join('\n');
    expect(makeOwnSentences(many, NEG.join('\n'), 'x')).toMatchObject({ ok: false, error: { key: 'ownSent.err.tooMany' } });
    const long = [...POS.slice(0, 4), 'a'.repeat(OWN_SENTENCES_LIMITS.maxLineChars + 1)].join('\n');
    expect(makeOwnSentences(long, NEG.join('\n'), 'x')).toEqual({ ok: false, error: { key: 'ownSent.err.long.pos', vars: { line: 5, max: OWN_SENTENCES_LIMITS.maxLineChars } } });
    expect(makeOwnSentences(POS.join('\n'), [...NEG, '?!'].join('\n'), 'x')).toMatchObject({ ok: false, error: { key: 'ownSent.err.noWords.neg', vars: { line: 7 } } });
  });

  it('a good set: labels, counts, the vocabulary most frequent first, a stable hash; rare tokens and long sentences counted', () => {
    const s = made();
    expect(s.rows).toHaveLength(12);
    expect(ownSentencesRef(s).counts).toEqual([6, 6]);
    // "i" four times, then "great" and "the" three times each, in code-point order.
    expect(s.vocab.slice(0, 3)).toEqual(['i', 'great', 'the']);
    expect(s.hash).toBe(made().hash);
    expect(s.len).toBe(7);
    const wide = Array.from({ length: OWN_SENTENCES_LIMITS.maxVocab + 50 }, (_, i) => `w${i}`);
    const longOne = Array.from({ length: OWN_SENTENCES_LIMITS.maxTokens + 5 }, (_, i) => `n${i}`).join(' ');
    const big = makeOwnSentences(wide.map((w) => `${w} x`).join('\n'), [longOne, ...NEG].join('\n'), 'big');
    if (!big.ok) throw new Error(big.error.key);
    expect(big.set.vocab).toHaveLength(OWN_SENTENCES_LIMITS.maxVocab);
    expect(big.set.vocab.at(-1)).toBe(UNKNOWN_TOKEN);
    expect(big.set.replaced).toBeGreaterThan(0);
    expect(big.set.cut).toBe(1);
    expect(big.set.len).toBe(OWN_SENTENCES_LIMITS.maxTokens);
  });
});

describe('own sentences: the Experiment, links, files and the engine', () => {
  it('the network is sized from the reference alone; links carry the reference, files the sentences; without them the data is missing', async () => {
    const s = made();
    const ref = ownSentencesRef(s);
    const store = createAppStore();
    expect(store.getState().trainOnOwnSentences(POS.join('\n'), NEG.join('\n'), 'mine')).toBe(true);
    const exp = store.getState().experiment;
    expect(exp.dataset.kind).toBe('sentiment');
    expect(exp.dataset.sentences).toEqual(ref);
    expect(datasetMismatch(exp)).toBeNull();
    const shape = sequenceShape(exp.dataset);
    expect([shape.inLen, shape.vocab.length]).toEqual([7, 4 + s.vocab.length]);
    const link = decodeLink(encodeLink({ experiment: exp, view: DEFAULT_VIEW, hide: [] }));
    expect(link.ok && link.value.experiment.dataset.sentences).toEqual(ref);
    // A tampered reference (a repeated token) is refused by the codec.
    const bad = { ...exp, dataset: { ...exp.dataset, sentences: { ...ref, vocab: ['a', 'a'] } } };
    expect(decodeLink(encodeLink({ experiment: bad, view: DEFAULT_VIEW, hide: [] })).ok).toBe(false);
    const file = decodeSavedFile(encodeSavedFile(exp, null, { ownSentences: s }));
    expect(file.ok && file.value.ownSentences?.hash).toBe(ref.hash);
    expect(() => prepareData(exp, {})).toThrow(/not loaded/);
    const loader = new DataSourceLoader(async () => {
      throw new Error('no MNIST here');
    });
    await expect(loader.sourcesFor(exp, () => {})).rejects.toBeInstanceOf(DataProblem);
    loader.ownSentences = s;
    expect((await loader.sourcesFor(exp, () => {})).ownSentences).toBe(s);
  });

  it('kept for the next visit, and a damaged copy is dropped', () => {
    const items = new Map<string, string>();
    const storage = { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
    const store = createAppStore({ storage });
    store.getState().trainOnOwnSentences(POS.join('\n'), NEG.join('\n'), 'mine');
    expect(restoreOwnMedia(storage).sentences?.hash).toBe(made().hash);
    items.set(OWN_SENTENCES_KEY, '{"name":"x","positive":[1]}');
    expect(restoreOwnMedia(storage).sentences).toBeNull();
  });

  it('a bad set is a notice and changes nothing; a good one trains: sentences padded on the left, train accuracy rises, tensors flat', async () => {
    const store = createAppStore();
    const before = store.getState().experiment;
    expect(store.getState().trainOnOwnSentences('good\nnice', NEG.join('\n'), 'x')).toBe(false);
    expect(store.getState().notice?.cause?.key).toBe('ownSent.err.few.pos');
    expect(store.getState().experiment).toBe(before);
    store.getState().trainOnOwnSentences(POS.join('\n'), NEG.join('\n'), 'mine');
    let exp = store.getState().experiment;
    exp = applyChange(exp, { type: 'training', patch: { learningRate: 0.02, optimizer: 'adam' } });
    const data = prepareData(exp, { ownSentences: store.getState().ownSentences! });
    expect(data.nTrain + data.nTest).toBe(12);
    for (let i = 0; i < data.nTrain; i++) expect(data.trainX[(i + 1) * data.numFeatures - 1]).not.toBe(PAD);
    const rt = new ModelRuntime(tf, exp, data);
    rt.train(2);
    const n = tf.memory().numTensors;
    rt.train(80);
    expect(tf.memory().numTensors).toBe(n);
    expect((await rt.evaluate()).trainAcc).toBeGreaterThanOrEqual(0.85);
    rt.dispose();
    store.getState().dropOwnSentences();
    expect(store.getState().experiment.dataset.sentences).toBeNull();
  }, 60_000);
});
