// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { sequenceShape } from '../../src/data/sequenceData';
import { EOS, PAD } from '../../src/data/sequences';
import type { SeqInfo } from '../../src/training/protocol';
import { tokenSteps, probeExamples } from '../../src/labs/sequences/sequenceExamples';
import { makeSnapshot, renderApp } from './renderApp';
import { selectGenerating } from '../../src/store/selectors';
import { baseProbe, outputRows, renderCharLm, renderReverse, renderSentiment, renderSine, reverseProbe, settle } from './seqLabDriver';

afterEach(() => {
  vi.restoreAllMocks();
});

/** No message key (seq.…, ds.…, data.seq.…) may reach the screen untranslated. */
function expectNoRawKeys() {
  const text = document.body.textContent ?? '';
  expect(text).not.toMatch(/\b(seq\.(lab|attn|pe|rnn)|ds|data\.seq|viz|out)\.[a-zA-Z]/);
  const labels = [...document.querySelectorAll('[aria-label],[title]')].map((e) => `${e.getAttribute('aria-label') ?? ''} ${e.getAttribute('title') ?? ''}`).join(' ');
  expect(labels).not.toMatch(/\b(seq\.(lab|attn|pe|rnn)|ds|data\.seq)\.[a-zA-Z]/);
}

describe('the sequence lab', () => {
  it('replaces the playground for sequence datasets, and is reachable from the 2-D data panel and back', async () => {
    const d = renderApp();
    expect(screen.queryByTestId('sequence-lab')).toBeNull();
    const seqGroup = screen.getByRole('radiogroup', { name: 'Sequences' });
    expect(within(seqGroup).getAllByRole('radio')).toHaveLength(8);
    await d.user.click(within(seqGroup).getByRole('radio', { name: /^Reverse digits/ }));
    expect(d.dataset().kind).toBe('reverse');
    expect(screen.getByTestId('sequence-lab')).toBeInTheDocument();
    expect(document.querySelector('.network-panel')).toBeNull();
    // Back to the plane through the lab's fold.
    await d.user.click(screen.getByText('Points and images'));
    await d.user.click(screen.getByRole('radio', { name: 'Circle' }));
    expect(d.dataset().kind).toBe('circle');
    expect(screen.queryByTestId('sequence-lab')).toBeNull();
    expect(document.querySelector('.network-panel')).not.toBeNull();
  });

  it('picking a task applies it, and the settings follow the task', async () => {
    const d = await renderReverse();
    expect(screen.getByTestId('seq-kind-reverse')).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByRole('slider', { name: 'Digits: 4' })).toBeInTheDocument();
    expect(screen.queryByTestId('seq-window')).toBeNull();
    expect(screen.queryByTestId('noise')).toBeNull();

    await d.user.click(screen.getByTestId('seq-kind-sine'));
    expect(d.dataset().kind).toBe('sine');
    expect(screen.getByTestId('seq-kind-sine')).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByRole('slider', { name: 'Steps seen: 32' })).toBeInTheDocument();
    expect(screen.getByRole('slider', { name: 'Steps to forecast: 8' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Sum of three sines' })).not.toBeChecked();
    expect(screen.getByTestId('noise')).toBeInTheDocument();
    expect(screen.queryByTestId('seq-length')).toBeNull();

    await d.user.click(screen.getByRole('checkbox', { name: 'Sum of three sines' }));
    expect(d.dataset().sequence.sumOfSines).toBe(true);

    await d.user.click(screen.getByTestId('seq-kind-add'));
    expect(d.dataset().kind).toBe('add');
    expect(screen.getByRole('slider', { name: /^Digits per number: \d$/ })).toBeInTheDocument();

    await d.user.click(screen.getByTestId('seq-kind-numberWords'));
    expect(within(screen.getByTestId('seq-direction')).getByRole('radio', { name: 'words → digits' })).toHaveAttribute('aria-checked', 'true');
    await d.user.click(within(screen.getByTestId('seq-language')).getByRole('radio', { name: 'Chinese' }));
    expect(d.dataset().sequence.language).toBe('zh');

    await d.user.click(screen.getByTestId('seq-kind-sentiment'));
    expect(d.dataset().kind).toBe('sentiment');
    expect(screen.getByTestId('seq-sentences')).toHaveTextContent(/\d+ hand-written sentences, then generated ones/);
    expect(screen.getByTestId('num-points')).toBeInTheDocument();
    expect(screen.getByTestId('seq-language')).toBeInTheDocument();

    await d.user.click(screen.getByTestId('seq-kind-charLm'));
    expect(screen.getByRole('slider', { name: /^Characters of context: \d+$/ })).toBeInTheDocument();
    expect(screen.getByRole('slider', { name: /^Examples: \d+$/ })).toBeInTheDocument();
  });

  it('the length slider commits on release within the kind’s range', async () => {
    const d = await renderReverse();
    const slider = screen.getByTestId('seq-length');
    expect(slider).toHaveAttribute('min', '2');
    expect(slider).toHaveAttribute('max', '16');
    fireEvent.change(slider, { target: { value: '9' } });
    expect(d.dataset().sequence.length).toBe(4);
    fireEvent.pointerUp(slider);
    expect(d.dataset().sequence.length).toBe(9);
  });

  it('lists test examples and picking one makes it the probe', async () => {
    const d = await renderReverse();
    const first = screen.getByTestId('seq-probe-0');
    expect(first).toHaveTextContent('3 1 4 1→1 4 1 3');
    expect(first).toHaveAttribute('aria-checked', 'true');
    await d.user.click(screen.getByTestId('seq-probe-2'));
    expect(d.store.getState().view.probeIndex).toBe(2);
    expect(screen.getByTestId('seq-probe-2')).toHaveAttribute('aria-checked', 'true');
    expect(d.engine.last('probeSource')).toEqual({ type: 'probeSource', runId: d.runId, source: { kind: 'test', index: 2 } });
  });

  it('the per-token table shows the argmax token, its probability and ✓/✗', async () => {
    const d = await renderReverse();
    const table = screen.getByTestId('seq-pred');
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 4);
    expect(screen.getByTestId('seq-pred-0')).toHaveTextContent('1');
    expect(screen.getByTestId('seq-pred-1')).toHaveTextContent('7');
    expect(screen.getByTestId('seq-step-0')).toHaveAttribute('data-state', 'right');
    expect(screen.getByTestId('seq-mark-0')).toHaveTextContent('✓');
    expect(screen.getByTestId('seq-step-1')).toHaveAttribute('data-state', 'wrong');
    expect(screen.getByTestId('seq-mark-1')).toHaveTextContent('✗');
    expect(screen.getByTestId('seq-step-1')).toHaveTextContent('60.0%');
    expect(screen.getByTestId('seq-answer')).toHaveTextContent('1 7 1 3');
    expect(screen.getByTestId('seq-expected')).toHaveTextContent('1 4 1 3');
    expect(screen.getByTestId('seq-summary')).toHaveTextContent('3 of 4 tokens right');
    // Numbers: token and whole-sequence accuracy.
    expect(screen.getByTestId('test-acc')).toHaveTextContent('85.0%');
    expect(screen.getByTestId('test-seq-acc')).toHaveTextContent('25.0%');
    expect(screen.getByText('Test sequence accuracy')).toBeInTheDocument();

    // A padded target step is greyed and not scored.
    const probe = reverseProbe(d.vocab);
    probe.target[3] = PAD;
    d.receive({ ...makeSnapshot(d.store, { probes: null, step: 20 }), lab: 'sequences', sequences: probe });
    await settle();
    expect(screen.getByTestId('seq-step-3')).toHaveAttribute('data-state', 'pad');
    expect(screen.getByTestId('seq-mark-3')).toHaveTextContent('–');
    expect(screen.getByTestId('seq-summary')).toHaveTextContent('2 of 3 tokens right');
    expect(screen.queryByTestId('seq-free')).toBeNull(); // no decoder: nothing to run on its own

    // An encoder–decoder also shows the answer it writes on its own (greedy), marked right or wrong.
    const free = reverseProbe(d.vocab);
    free.free = Float32Array.from(['1', '4', '1', '3'].map((tok) => d.vocab.indexOf(tok)));
    d.receive({ ...makeSnapshot(d.store, { probes: null, step: 21 }), lab: 'sequences', sequences: free });
    await settle();
    expect(screen.getByTestId('seq-free')).toHaveTextContent('1 4 1 3');
    expect(screen.getByTestId('seq-free')).toHaveClass('right');
  });

  it('draws the attention heads and the positional encoding of the probe', async () => {
    await renderReverse();
    expect(screen.getByTestId('attention-grid')).toBeInTheDocument();
    expect(screen.getAllByTestId('attn-head')).toHaveLength(2);
    expect(screen.getByTestId('seq-pe-pos')).toHaveTextContent('Layer pos');
    expect(screen.getByTestId('seq-probe-line')).toHaveTextContent('Test example 1: 3 1 4 1 → 1 4 1 3');
  });

  it('the accuracy chart adds whole-sequence curves for token tasks', async () => {
    const d = await renderReverse();
    d.receive({ ...makeSnapshot(d.store, { probes: null, step: 30, epoch: 2, metrics: { trainSeqAcc: 0.6, testSeqAcc: 0.4 } }), lab: 'sequences', sequences: reverseProbe(d.vocab) });
    await d.user.click(screen.getByRole('radio', { name: 'Accuracy' }));
    expect(screen.getByTestId('loss-train-seq').getAttribute('d')).toMatch(/^M/);
    expect(screen.getByTestId('loss-test-seq').getAttribute('d')).toMatch(/^M/);
    expect(screen.getByTestId('loss-seq-legend')).toHaveTextContent('Whole sequence');
  });

  it('next-character bars follow temperature and top-k without asking the engine', async () => {
    const d = await renderCharLm();
    expect(screen.getByText('Next character after “the␣tree”')).toBeInTheDocument();
    const top = () => Number(screen.getByTestId('next-p-0').textContent!.replace('%', ''));
    expect(screen.getByTestId('next-0')).toHaveTextContent('e');
    const atDefault = top();
    // T = 0.8 sharpens 50/30/20 a little.
    expect(atDefault).toBeGreaterThan(50);
    const posted = d.engine.post.mock.calls.length;
    fireEvent.change(screen.getByTestId('gen-temperature'), { target: { value: '2' } });
    expect(top()).toBeLessThan(atDefault);
    expect(screen.getByText('Temperature: 2.0')).toBeInTheDocument();
    fireEvent.change(screen.getByTestId('gen-top-k'), { target: { value: '1' } });
    expect(top()).toBe(100);
    // Top-1 keeps the likeliest character; the others' rows stay, emptied.
    const rows = within(screen.getByTestId('next-char-bars')).getAllByRole('listitem');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveClass('cut');
    expect(screen.getByTestId('next-p-1')).toHaveTextContent('0.0%');
    // All of it happened here: no message to the engine, nothing generating.
    expect(d.engine.post.mock.calls.length).toBe(posted);
    expect(d.engine.last('generate')).toBeUndefined();
    expect(selectGenerating(d.store.getState())).toBe(false);
  });

  it('Generate sends the prompt and the slider values, then shows the text after the prompt', async () => {
    const d = await renderCharLm();
    expect(screen.getByTestId('gen-prompt')).toHaveValue('the tree');
    fireEvent.change(screen.getByTestId('gen-temperature'), { target: { value: '1.5' } });
    fireEvent.change(screen.getByTestId('gen-top-k'), { target: { value: '5' } });
    fireEvent.change(screen.getByTestId('gen-length'), { target: { value: '100' } });
    await d.user.click(screen.getByTestId('gen-go'));
    const request = { prompt: 'the tree', length: 100, temperature: 1.5, topK: 5 };
    expect(d.engine.last('generate')).toMatchObject(request);
    expect(typeof d.engine.last('generate')?.seed).toBe('number');
    expect(screen.getByTestId('gen-go')).toBeDisabled();
    expect(screen.getByTestId('gen-go')).toHaveTextContent('Writing…');

    const runId = d.store.getState().activeRunId;
    d.receive({ type: 'generated', runId, prompt: 'the tree', text: 's grow', probs: [0.5, 0.05, 0.9, 0.9, 0.9, 0.9] });
    const out = screen.getByTestId('generated');
    expect(out).toHaveTextContent('the trees grow');
    expect(within(out).getByText('the tree')).toHaveClass('gen-prompt');
    expect(out.querySelectorAll('.unlikely')).toHaveLength(1);
    expect(screen.getByTestId('gen-go')).not.toBeDisabled();

    // A typed prompt is what gets sent.
    fireEvent.change(screen.getByTestId('gen-prompt'), { target: { value: 'once' } });
    await d.user.click(screen.getByTestId('gen-go'));
    expect(d.engine.last('generate')).toMatchObject({ prompt: 'once', length: 100 });
  });

  it('a forecast draws the window, the truth and the forecast', async () => {
    const d = renderApp();
    await renderSine(d);
    const chart = screen.getByTestId('forecast-chart');
    for (const id of ['forecast-seen', 'forecast-truth', 'forecast-forecast']) expect(within(chart).getByTestId(id).getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+L/);
    expect(within(chart).getByTestId('forecast-forecast')).toHaveAttribute('stroke-dasharray');
    expect(within(chart).getByTestId('forecast-start')).toBeInTheDocument();
    expect(within(chart).getByText('Value')).toBeInTheDocument();
    expect(screen.getByTestId('forecast-error')).toHaveTextContent('0.050');
    // The probe picker draws the series as a sparkline; numbers show the loss only.
    expect(within(screen.getByTestId('seq-probe-0')).getByRole('img')).toBeInTheDocument();
    expect(screen.queryByTestId('test-acc')).toBeNull();
  });

  it('sentiment: the sentence, both classes as bars and the LSTM unrolled', async () => {
    const d = renderApp();
    const { words } = await renderSentiment(d);
    expect(screen.getByTestId('seq-sentence')).toHaveTextContent(words.join(' '));
    const bars = within(screen.getByTestId('prob-bars')).getAllByRole('listitem');
    expect(bars).toHaveLength(2);
    expect(bars[1]).toHaveClass('best');
    expect(bars[1]).toHaveClass('truth');
    expect(bars[1]).toHaveTextContent('Positive');
    expect(screen.getByTestId('seq-rnn-lstm-forward')).toHaveTextContent('Layer lstm');
    expect(screen.getByTestId('test-acc')).toBeInTheDocument();
    expect(screen.queryByTestId('test-seq-acc')).toBeNull();
  });

  it('without attention, encodings or recurrent layers, says what would appear', async () => {
    const d = await renderReverse();
    const nodes = d.experiment().network.nodes.filter((n) => !['TransformerEncoderBlock', 'MultiHeadAttention', 'PositionalEncoding'].includes(n.type));
    // A bare Embedding → Dense network (the edges need not be valid for this view).
    d.apply({ type: 'replace', experiment: { ...d.experiment(), network: { nodes } } });
    expect(screen.getByTestId('seq-inside-none')).toHaveTextContent('no attention, positional encoding or recurrent layer');
  });

  it('hidden controls stay hidden in the lab', async () => {
    const d = await renderReverse();
    act(() => d.store.getState().setHide(['dataset', 'numPoints', 'batchSize']));
    expect(screen.queryByTestId('seq-kind-reverse')).toBeNull();
    expect(screen.queryByTestId('seq-length')).toBeNull();
    expect(screen.queryByTestId('num-points')).toBeNull();
    expect(screen.queryByTestId('batch-size')).toBeNull();
    expect(screen.getByTestId('train-ratio')).toBeInTheDocument();
  });

  it.each(['en', 'zh-CN'] as const)('every string is translated (%s)', async (locale) => {
    const d = await renderReverse(locale);
    expectNoRawKeys();
    await renderSentiment(d);
    expectNoRawKeys();
    await renderSine(d);
    expectNoRawKeys();
    act(() => d.store.getState().apply({ type: 'dataset', patch: { kind: 'charLm' } }));
    await settle();
    expectNoRawKeys();
    if (locale === 'zh-CN') {
      expect(screen.getByText('网络内部')).toBeInTheDocument();
      expect(screen.getByText('让模型续写')).toBeInTheDocument();
    } else {
      expect(screen.getByText('Inside the network')).toBeInTheDocument();
    }
  });
});

describe('sequence lab helpers', () => {
  it('tokenSteps scores every step but PAD, and reads the decoder when there is one', () => {
    const vocab = sequenceShape({ kind: 'copy', sequence: { length: 2, language: 'en', direction: 'toDigits', window: 32, horizon: 8, sumOfSines: false } }).vocab;
    const probe = baseProbe({
      decoder: Float32Array.from([1, vocab.indexOf('5'), vocab.indexOf('6')]),
      target: Float32Array.from([vocab.indexOf('5'), EOS, PAD]),
      output: outputRows(vocab, [
        { token: '5', p: 0.9 },
        { token: '6', p: 0.5 },
        { token: '<eos>', p: 0.5 },
      ]),
      steps: 3,
      tokens: { source: ['5', '6'], decoder: ['<bos>', '5', '6'] },
    });
    const steps = tokenSteps(probe, vocab);
    expect(steps.map((s) => [s.input, s.target, s.predicted, s.correct])).toEqual([
      ['<bos>', '5', '5', true],
      ['5', '<eos>', '6', false],
      ['6', null, '<eos>', false],
    ]);
  });

  it('probeExamples reads sentences by class and the language model by its next character', () => {
    const info: SeqInfo = {
      layout: 'classify',
      vocab: ['<pad>', '<bos>', '<eos>', '<sep>', 'not', 'good'],
      inLen: 3,
      steps: 1,
      decoder: false,
      samples: Float32Array.from([0, 4, 5]),
      targets: Float32Array.from([1, 0]),
      targetWidth: 2,
      count: 1,
      nTrain: 10,
      nTest: 1,
    };
    expect(probeExamples(info, 'sentiment')).toEqual([{ index: 0, kind: 'class', source: 'not good', label: 0 }]);
    const lm: SeqInfo = { ...info, layout: 'tokens', vocab: ['<pad>', '<bos>', '<eos>', '<sep>', 'a', 'b', ' '], samples: Float32Array.from([4, 6, 5]), targets: Float32Array.from([6, 5, 4]), targetWidth: 3 };
    expect(probeExamples(lm, 'charLm')).toEqual([{ index: 0, kind: 'text', source: 'a b', target: 'a' }]);
  });
});
