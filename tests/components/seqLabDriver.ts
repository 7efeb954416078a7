import { act } from '@testing-library/react';
import { sequenceShape } from '../../src/data/sequenceData';
import { PAD } from '../../src/data/sequences';
import { CANDIDATE, GATE_NAMES, type Unrolled } from '../../src/models/recurrentUnroll';
import type { SeqInfo, SeqProbes } from '../../src/training/protocol';
import { attachFakeEngine, makeSnapshot, renderApp, type AppDriver } from './renderApp';

/**
 * Drivers of the sequence lab's component tests: the app with a sequence dataset and fake but
 * consistent engine messages (SeqInfo, snapshots with SeqProbes) for each layout.
 */

/** The lab repaints its views at most every 125 ms: let a throttled update land. */
export const settle = () => act(() => new Promise((r) => setTimeout(r, 200)));

/** Token ids of a space-separated string in a vocabulary. */
export const ids = (vocab: readonly string[], text: string) => text.split(' ').map((t) => vocab.indexOf(t));

/** steps × V probabilities: each step's chosen token gets `p`, the rest share what is left. */
export function outputRows(vocab: readonly string[], picks: { token: string; p: number }[]): Float32Array {
  const V = vocab.length;
  const out = new Float32Array(picks.length * V);
  picks.forEach(({ token, p }, step) => {
    out.fill((1 - p) / (V - 1), step * V, (step + 1) * V);
    out[step * V + vocab.indexOf(token)] = p;
  });
  return out;
}

export function baseProbe(over: Partial<SeqProbes>): SeqProbes {
  return {
    index: 0,
    layout: 'tokens',
    source: new Float32Array(0),
    decoder: null,
    target: new Float32Array(0),
    output: new Float32Array(0),
    steps: 1,
    free: null,
    tokens: { source: [], decoder: [] },
    attention: [],
    positional: [],
    recurrent: [],
    ms: 2,
    ...over,
  };
}

/** Four reverse examples of four digits, with their answers, as the engine would send them. */
export function reverseInfo(vocab: string[], runId: number): { type: 'seqInfo'; runId: number } & SeqInfo {
  const rows = ['3 1 4 1', '5 9 2 6', '5 3 5 8', '9 7 9 3'];
  const rev = (r: string) => r.split(' ').reverse().join(' ');
  return {
    type: 'seqInfo',
    runId,
    layout: 'tokens',
    vocab,
    inLen: 4,
    steps: 4,
    decoder: false,
    samples: Float32Array.from(rows.flatMap((r) => ids(vocab, r))),
    targets: Float32Array.from(rows.flatMap((r) => ids(vocab, rev(r)))),
    targetWidth: 4,
    count: 4,
    nTrain: 1600,
    nTest: 400,
  };
}

/** The probe of "3 1 4 1 → 1 4 1 3": step 1 wrong (7 for 4), the rest right; one attention layer, one encoding. */
export function reverseProbe(vocab: string[], index = 0): SeqProbes {
  const diag = new Float32Array(2 * 4 * 4);
  for (let h = 0; h < 2; h++) for (let t = 0; t < 4; t++) diag[(h * 4 + t) * 4 + (3 - t)] = 1;
  return baseProbe({
    index,
    source: Float32Array.from(ids(vocab, '3 1 4 1')),
    target: Float32Array.from(ids(vocab, '1 4 1 3')),
    output: outputRows(vocab, [
      { token: '1', p: 0.9 },
      { token: '7', p: 0.6 },
      { token: '1', p: 0.8 },
      { token: '3', p: 0.7 },
    ]),
    steps: 4,
    tokens: { source: ['3', '1', '4', '1'], decoder: [] },
    attention: [{ layerId: 'enc1', kind: 'self', causal: false, heads: 2, rows: 4, cols: 4, weights: diag }],
    positional: [{ layerId: 'pos', kind: 'sinusoidal', length: 4, dim: 8, table: Float32Array.from({ length: 32 }, (_, i) => Math.sin(i)), tokens: ['3', '1', '4', '1'] }],
  });
}

export async function renderReverse(locale: 'en' | 'zh-CN' = 'en') {
  const d = renderApp({ locale });
  d.apply({ type: 'dataset', patch: { kind: 'reverse' } });
  d.apply({ type: 'sequence', patch: { length: 4 } });
  const engine = attachFakeEngine(d.store);
  const runId = d.store.getState().activeRunId;
  const vocab = sequenceShape(d.dataset()).vocab;
  d.receive(reverseInfo(vocab, runId));
  d.receive({ ...makeSnapshot(d.store, { probes: null, metrics: { trainSeqAcc: 0.5, testSeqAcc: 0.25 } }), lab: 'sequences', sequences: reverseProbe(vocab) });
  await settle();
  return { ...d, engine, runId, vocab };
}

/** A character model whose last step puts 50% on 'e', 30% on 'a' and 20% on ' '. */
export async function renderCharLm() {
  const d = renderApp();
  d.apply({ type: 'dataset', patch: { kind: 'charLm' } });
  d.apply({ type: 'sequence', patch: { length: 8 } });
  const engine = attachFakeEngine(d.store);
  const vocab = sequenceShape(d.dataset()).vocab;
  const text = Array.from('the tree');
  const next = Array.from('he tree ');
  const V = vocab.length;
  const output = outputRows(
    vocab,
    next.map((c) => ({ token: c, p: 0.6 })),
  );
  const last = output.subarray(7 * V, 8 * V);
  last.fill(0);
  last[vocab.indexOf('e')] = 0.5;
  last[vocab.indexOf('a')] = 0.3;
  last[vocab.indexOf(' ')] = 0.2;
  const probe = baseProbe({
    source: Float32Array.from(text, (c) => vocab.indexOf(c)),
    target: Float32Array.from(next, (c) => vocab.indexOf(c)),
    output,
    steps: 8,
    tokens: { source: text, decoder: [] },
  });
  d.receive({ ...makeSnapshot(d.store, { probes: null }), lab: 'sequences', sequences: probe });
  await settle();
  return { ...d, engine, vocab };
}

/** Sentiment with an LSTM: the sentence, two class bars and the recurrent layer unrolled. */
export async function renderSentiment(d: AppDriver) {
  d.apply({ type: 'dataset', patch: { kind: 'sentiment' } });
  const vocab = sequenceShape(d.dataset()).vocab;
  const T = 5;
  const U = 3;
  const series = () => Float32Array.from({ length: T * U }, (_, i) => Math.sin(i) * 0.8);
  const gates = Object.fromEntries([...GATE_NAMES.LSTM, CANDIDATE].map((g) => [g, series()]));
  const unrolled: Unrolled = { type: 'LSTM', steps: T, units: U, inDim: 4, goBackwards: false, hidden: series(), cell: series(), gates };
  const words = vocab.slice(4, 4 + T);
  d.receive({
    ...makeSnapshot(d.store, { probes: null }),
    lab: 'sequences',
    sequences: baseProbe({
      layout: 'classify',
      source: Float32Array.from([PAD, ...words.map((w) => vocab.indexOf(w))]),
      target: Float32Array.from([0, 1]),
      output: Float32Array.from([0.2, 0.8]),
      tokens: { source: ['<pad>', ...words], decoder: [] },
      recurrent: [{ layerId: 'lstm', type: 'LSTM', direction: 'forward', tokens: words, unrolled, gradNorms: Float32Array.from({ length: T }, (_, i) => 1 / (i + 1)) }],
    }),
  });
  await settle();
  return { vocab, words };
}

/** A sine window of 32 steps, the true next 8 and a forecast close to them. */
export async function renderSine(d: AppDriver) {
  d.apply({ type: 'dataset', patch: { kind: 'sine' } });
  const runId = d.store.getState().activeRunId;
  const wave = (t: number) => Math.sin(t / 4);
  const window = Float32Array.from({ length: 32 }, (_, t) => wave(t));
  const truth = Float32Array.from({ length: 8 }, (_, j) => wave(32 + j));
  const forecast = truth.map((v) => v + 0.05);
  d.receive({ type: 'seqInfo', runId, layout: 'forecast', vocab: [], inLen: 32, steps: 1, decoder: false, samples: window.slice(), targets: truth.slice(), targetWidth: 8, count: 1, nTrain: 1600, nTest: 400 });
  d.receive({ ...makeSnapshot(d.store, { probes: null }), lab: 'sequences', sequences: baseProbe({ layout: 'forecast', source: window, target: truth, output: forecast, tokens: { source: [], decoder: [] } }) });
  await settle();
}
