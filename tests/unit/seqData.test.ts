import { describe, expect, it } from 'vitest';
import { prepareData } from '../../src/training/prepare';
import { decoderInputs, generateSequences, sentimentData, sentimentTokens, sequenceShape } from '../../src/data/sequenceData';
import { generatedSentiment, generatedSentimentLength } from '../../src/data/sentiment';
import { BOS, EOS, PAD } from '../../src/data/sequences';
import { decodeExperiment, encodeLink, decodeLink, DEFAULT_VIEW } from '../../src/models/codec';
import { defaultExperiment, DEFAULT_SEQUENCE } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import { datasetMismatch } from '../../src/models/fit';
import { openTemplate } from '../../src/models/openTemplate';
import { decoderInputId, fitSequenceNetwork } from '../../src/models/fit';
import type { DatasetKind, Experiment } from '../../src/models/spec';
import { templateById } from '../../src/models/templates';

const open = (id: string, exp: Experiment = defaultExperiment()) => openTemplate(exp, templateById(id)!);
const pick = (kind: DatasetKind, exp: Experiment = defaultExperiment()) => applyChange(exp, { type: 'dataset', patch: { kind } });
const tokens = (vocab: string[], ids: ArrayLike<number>) => Array.from(ids, (i) => vocab[i]);

describe('sequence datasets as the engine trains on them', () => {
  it('reverse with one Input: each target row is the source backwards, from step 0 (EOS dropped where it does not fit)', () => {
    const exp = open('transformerEncoder');
    expect(exp.dataset.kind).toBe('reverse');
    expect(datasetMismatch(exp)).toBeNull();
    const data = prepareData(exp);
    const vocab = data.seq!.shape.vocab;
    expect(data.inputShape).toEqual([8]);
    expect(data.targetWidth).toBe(8);
    expect(data.task).toBe('tokens');
    expect(data.numClasses).toBe(14);
    for (let i = 0; i < 5; i++) {
      const src = tokens(vocab, data.trainX.subarray(i * 8, i * 8 + 8));
      const tgt = tokens(vocab, data.trainY.subarray(i * 8, i * 8 + 8));
      expect(tgt).toEqual([...src].reverse());
    }
    expect(data.nTrain + data.nTest).toBe(2000);
    expect(data.seq!.decoderInput).toBeNull();
  });

  it('an encoder–decoder gets BOS + the target shifted right as its decoder rows (teacher forcing)', () => {
    const exp = open('transformerSeq2seq');
    expect(exp.dataset.kind).toBe('numberWords');
    expect(exp.training.learningRate).toBe(0.001); // the template's own setting
    expect(decoderInputId(exp.network)).toBe('target');
    expect(datasetMismatch(exp)).toBeNull();
    const data = prepareData(exp);
    const w = data.targetWidth;
    const dec = data.seq!.trainDec!;
    for (let i = 0; i < 10; i++) {
      expect(dec[i * w]).toBe(BOS);
      for (let t = 1; t < w; t++) expect(dec[i * w + t]).toBe(data.trainY[i * w + t - 1]);
      const row = Array.from(data.trainY.subarray(i * w, (i + 1) * w));
      expect(row).toContain(EOS);
    }
    // Source rows spell the number the target's digits write.
    const vocab = data.seq!.shape.vocab;
    const words = tokens(vocab, data.trainX.subarray(0, data.numFeatures)).filter((t) => t !== '<pad>');
    const digits = tokens(vocab, data.trainY.subarray(0, w)).filter((t) => /\d/.test(t)).join('');
    expect(words.length).toBeGreaterThan(0);
    expect(Number(digits)).toBeGreaterThanOrEqual(0);
    expect(decoderInputs(Float32Array.from([5, 6, EOS, PAD]), 4)).toEqual(Float32Array.from([BOS, 5, 6, EOS]));
  });

  it('sentiment sentences are padded on the left and labelled one-hot; sine windows are [window, 1]', () => {
    const s = open('lstm');
    expect(s.dataset.kind).toBe('sentiment');
    expect(datasetMismatch(s)).toBeNull();
    const data = prepareData(s);
    const len = data.numFeatures;
    // The hand-written sentences, then generated ones up to the size asked.
    expect(sentimentData('en').rows.length).toBe(40);
    expect(data.nTrain + data.nTest).toBe(s.dataset.numPoints);
    for (let i = 0; i < data.nTrain; i++) {
      const row = data.trainX.subarray(i * len, (i + 1) * len);
      expect(row[len - 1]).not.toBe(PAD); // the last word sits at the end
      expect(data.trainY[2 * i] + data.trainY[2 * i + 1]).toBe(1);
    }
    const f = open('lstmForecast');
    expect(f.dataset.kind).toBe('sine');
    expect(datasetMismatch(f)).toBeNull();
    const fd = prepareData(f);
    expect(fd.inputShape).toEqual([32, 1]);
    expect(fd.targetWidth).toBe(8);
    expect(fd.task).toBe('regression');
  });

  it('the language model predicts the next character at every step', () => {
    const exp = open('miniGpt');
    expect(datasetMismatch(exp)).toBeNull();
    const data = prepareData(exp);
    const len = data.numFeatures;
    for (let i = 0; i < 5; i++) {
      for (let t = 0; t < len - 1; t++) expect(data.trainY[i * len + t]).toBe(data.trainX[i * len + t + 1]);
    }
    // The Embedding and the output were sized to the corpus's characters.
    const emb = exp.network.nodes.find((n) => n.type === 'Embedding')!;
    expect(emb.params.inputDim).toBe(sequenceShape(exp.dataset).vocab.length);
  });
});

describe('generated sentiment sentences', () => {
  it('label the polarity of the adjective, flipped by the negation, in both languages; seeded', () => {
    const en = generatedSentiment(400, 5, 'en');
    for (const e of en) {
      const words = e.text.split(' ');
      const adjective = words[words.length - 1];
      const positive = ['good', 'great', 'lovely', 'wonderful', 'amazing', 'fun', 'beautiful', 'brilliant', 'nice', 'perfect'].includes(adjective);
      expect(e.label).toBe(positive !== words.includes('not') ? 1 : 0);
      expect(words.length).toBeLessThanOrEqual(generatedSentimentLength('en'));
    }
    expect(en.filter((e) => e.text.includes(' not ')).length).toBeGreaterThan(60); // about a quarter
    expect(en.filter((e) => e.label === 1).length / en.length).toBeGreaterThan(0.4);
    const zh = generatedSentiment(200, 5, 'zh');
    expect(zh.some((e) => e.text.includes('不') && e.label === 0)).toBe(true);
    for (const e of zh) expect(sentimentTokens(e.text, 'zh').every((c) => sentimentData('zh').vocab.index.has(c))).toBe(true);
    expect(generatedSentiment(50, 5, 'en')).toEqual(en.slice(0, 50));
    expect(generatedSentiment(50, 6, 'en')).not.toEqual(en.slice(0, 50));
  });
});

describe('networks meet sequence datasets', () => {
  it('from the 2-D playground, picking reverse brings a Transformer that fits; the length slider resizes it', () => {
    let exp = pick('reverse');
    expect(exp.network.nodes.some((n) => n.type === 'TransformerEncoderBlock')).toBe(true);
    expect(exp.training.optimizer).toBe('adam');
    expect(datasetMismatch(exp)).toBeNull();
    exp = applyChange(exp, { type: 'sequence', patch: { length: 12 } });
    expect(exp.network.nodes.find((n) => n.type === 'Input')!.params.shape).toEqual([12]);
    expect(datasetMismatch(exp)).toBeNull();
    // Lengths outside the kind's range are clamped (add takes 1–6 digits per number).
    exp = pick('add', exp);
    expect(exp.dataset.sequence.length).toBe(6);
    expect(datasetMismatch(exp)).toBeNull();
    // Back to points: the playground's network again.
    exp = pick('circle', exp);
    expect(exp.network.nodes.some((n) => n.type === 'Embedding')).toBe(false);
    expect(datasetMismatch(exp)).toBeNull();
    expect(exp.dataset.numPoints).toBeLessThanOrEqual(500);
  });

  it('answers longer than the input need a decoder: a one-Input network is told so, and picking the task brings one', () => {
    let exp = open('transformerEncoder');
    const words = { ...exp, dataset: { ...exp.dataset, kind: 'numberWords' as const, sequence: { ...exp.dataset.sequence, direction: 'toWords' as const } } };
    const fitted = { ...words, network: fitSequenceNetwork(words.network, words.dataset) };
    expect(datasetMismatch(fitted)?.key).toBe('err.fit.needsDecoder');
    exp = applyChange(exp, { type: 'dataset', patch: { kind: 'numberWords', sequence: { ...exp.dataset.sequence, direction: 'toWords' } } });
    expect(decoderInputId(exp.network)).not.toBeNull();
    expect(datasetMismatch(exp)).toBeNull();
  });

  it('names the layer that does not fit: a too-small vocabulary, a wrong output', () => {
    const exp = open('transformerEncoder');
    const small = { ...exp, network: { nodes: exp.network.nodes.map((n) => (n.type === 'Embedding' ? { ...n, params: { ...n.params, inputDim: 5 } } : n)) } };
    expect(datasetMismatch(small)).toMatchObject({ nodeId: 'embedding', key: 'err.fit.vocab', vars: { size: 5, want: 14 } });
    const wrongOut = { ...exp, network: { nodes: exp.network.nodes.map((n) => (n.id === 'output' ? { ...n, params: { ...n.params, units: 3 } } : n)) } };
    expect(datasetMismatch(wrongOut)).toMatchObject({ nodeId: 'output', key: 'err.fit.seqOutput' });
  });

  it('sequence settings travel in links and files; out-of-range values are rejected or clamped', () => {
    const exp = applyChange(open('transformerEncoder'), { type: 'sequence', patch: { length: 11 } });
    const back = decodeLink(encodeLink({ experiment: exp, view: DEFAULT_VIEW, hide: [] }));
    expect(back.ok && back.value.experiment.dataset).toEqual(exp.dataset);
    // An old link without sequence settings gets the defaults.
    const { sequence: _s, ...old } = exp.dataset;
    const decoded = decodeExperiment({ ...exp, dataset: old });
    expect(decoded.ok && decoded.value.dataset.sequence).toEqual(DEFAULT_SEQUENCE);
    expect(decodeExperiment({ ...exp, dataset: { ...exp.dataset, sequence: { language: 'fr' } } }).ok).toBe(false);
    // add's range is 1–6 digits: a length of 12 from a link is clamped rather than crash the generator.
    const add = decodeExperiment({ ...exp, dataset: { ...exp.dataset, kind: 'add', sequence: { length: 12 } } });
    expect(add.ok && add.value.dataset.sequence.length).toBe(6);
  });

  it('generates the same arrays for the same seed and different ones for another', () => {
    const ds = { ...defaultExperiment().dataset, kind: 'sort' as const, numPoints: 50 };
    const a = generateSequences(ds, 3, false);
    const b = generateSequences(ds, 3, false);
    const c = generateSequences(ds, 4, false);
    expect(a.inputs).toEqual(b.inputs);
    expect(a.inputs).not.toEqual(c.inputs);
  });
});
