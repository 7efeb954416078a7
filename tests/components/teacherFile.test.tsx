// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LocaleContext, type Locale } from '../../src/i18n';
import { defaultExperiment, defaultImageNetwork } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import { encodeExperimentFile } from '../../src/models/codec';
import { downsampleHistory } from '../../src/models/pinnedRuns';
import { pretrainExperiment, PRETRAINED_PATH } from '../../src/models/transfer';
import { PinnedRuns } from '../../src/panels/PinnedRuns';
import DistillTool from '../../src/panels/tools/DistillTool';
import TransferTool from '../../src/panels/tools/TransferTool';
import { createAppStore, type AppStore } from '../../src/store/createAppStore';
import { StoreContext } from '../../src/store/context';
import type { ToEngine } from '../../src/training/protocol';

const pretrained = readFileSync(join(__dirname, '..', '..', 'public', PRETRAINED_PATH), 'utf8');
const mnist = () => ({ ...applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'mnist' } }), network: defaultImageNetwork(10) });
const shapes = () => applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'shapes' } });

afterEach(() => vi.unstubAllGlobals());

function setup(ui: React.ReactNode, experiment = mnist(), locale: Locale = 'en') {
  const store = createAppStore({ experiment });
  const posted: ToEngine[] = [];
  store.setState({ engine: { host: 'worker', post: (m: ToEngine) => posted.push(m), dispose: vi.fn() } });
  render(
    <LocaleContext.Provider value={locale}>
      <StoreContext.Provider value={store}>{ui}</StoreContext.Provider>
    </LocaleContext.Provider>,
  );
  return { store, posted, user: userEvent.setup() };
}

const upload = (testId: string, text: string, name: string) =>
  act(async () => {
    fireEvent.change(screen.getByTestId(testId), { target: { files: [new File([text], name, { type: 'application/json' })] } });
  });

describe('the distillation tab’s teacher from a file', () => {
  it('opens a saved file as the teacher and names it; a file for other data is refused with the reason, the teacher kept', async () => {
    const { store } = setup(<DistillTool />);
    await upload('teacher-file-input', pretrained, 'digits.json');
    await waitFor(() => expect(screen.getByTestId('teacher-source')).toHaveTextContent('From: your saved file “digits”.'));
    expect(screen.getByTestId('distill-teacher-info')).toHaveTextContent('Teacher: 26,698 weights, trained 1000 steps.');
    // The same file for a network on the shapes: refused, saying why.
    act(() => store.getState().apply({ type: 'replace', experiment: shapes() }));
    await upload('teacher-file-input', pretrained, 'digits.json');
    await waitFor(() => expect(screen.getByTestId('teacher-file-error')).toHaveTextContent(/cannot be the teacher: its network was trained on “MNIST handwritten digits.*but the network here trains on “Shapes/));
    expect(store.getState().distillTeacher?.source).toEqual({ kind: 'file', name: 'digits' });
    await upload('teacher-file-input', encodeExperimentFile(pretrainExperiment()), 'plan.json');
    await waitFor(() => expect(screen.getByTestId('teacher-file-error')).toHaveTextContent(/no trained weights/));
  });

  it('uses the shipped pre-trained CNN as the teacher, in Chinese', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(pretrained)));
    const { store, user } = setup(<DistillTool />, mnist(), 'zh-CN');
    await user.click(screen.getByTestId('teacher-pretrained'));
    await waitFor(() => expect(screen.getByTestId('teacher-source')).toHaveTextContent('来源：预训练网络“mnist-cnn”。'));
    expect(store.getState().distillTeacher).toMatchObject({ params: 26_698, source: { kind: 'pretrained', name: 'mnist-cnn' } });
    expect(screen.queryByTestId('teacher-file-error')).toBeNull();
  });
});

describe('the transfer tab opens the learner’s own saved weights', () => {
  it('a saved image network with weights replaces the network and its weights are written; a file without weights changes nothing', async () => {
    const { store, posted } = setup(<TransferTool />, shapes());
    const before = store.getState().experiment;
    await upload('transfer-file-input', encodeExperimentFile(pretrainExperiment()), 'plan.json');
    await waitFor(() => expect(store.getState().notice?.key).toBe('notice.badFile'));
    expect(store.getState().experiment).toBe(before);
    await upload('transfer-file-input', pretrained.replace('"kind": "mnist"', '"kind": "moons"'), 'points.json');
    await waitFor(() => expect(store.getState().notice?.cause?.key).toBe('transfer.err.fileNotImage'));
    expect(store.getState().experiment).toBe(before);
    await upload('transfer-file-input', pretrained, 'my digits.json');
    await waitFor(() => expect(store.getState().experiment).toEqual(pretrainExperiment()));
    expect(posted.filter((m) => m.type === 'loadWeights')).toHaveLength(1);
    expect(store.getState().notice).toMatchObject({ key: 'transfer.loadedOwn', vars: { name: 'my digits' } });
    // Once the engine wrote them, the tab says where the weights started.
    act(() => {
      const s = store.getState();
      s.receive({ type: 'weightsLoaded', runId: 0, ok: true, step: 1000 });
      s.receive({ type: 'snapshot', runId: 0, status: 'paused', step: 1000, epoch: 4, progress: 4, metrics: { trainLoss: 0.1, testLoss: 0.1, trainAcc: 0.97, testAcc: 0.96 }, lab: 'points', probes: null, stepsPerSec: 0, learningRate: 0.001, bestEpoch: null, origin: 7 });
    });
    expect(screen.getByTestId('transfer-start')).toHaveTextContent('Weights started: saved weights (my digits)');
  });
});

describe('the pinned-run legend names pre-trained against from scratch', () => {
  const pinned = (store: AppStore) =>
    store.getState().setPinned([
      { id: 'run1', label: '', slot: 0, experiment: store.getState().experiment, points: downsampleHistory([{ epoch: 1, trainLoss: 0.5, testLoss: 0.6, trainAcc: 0.8, testAcc: 0.7 }]), step: 20, epoch: 1, start: { kind: 'pretrained', name: 'mnist-cnn' } },
    ]);
  it('in English and Chinese', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const { store } = setup(<PinnedRuns />, shapes(), locale);
      act(() => pinned(store));
      expect(screen.getByTestId('pinned-diff')).toHaveTextContent(locale === 'en' ? 'pre-trained (mnist-cnn) → from scratch' : '预训练（mnist-cnn） → 从头训练');
      document.body.innerHTML = '';
    }
  });
});

describe('the teacher captured on this page', () => {
  it('is named as the network trained here (a teacher without a source renders once, no loop)', async () => {
    const { store, posted } = setup(<DistillTool />);
    act(() => store.getState().receive({ type: 'snapshot', runId: 0, status: 'paused', step: 5, epoch: 0, progress: 0.1, metrics: { trainLoss: 1, testLoss: 1, trainAcc: 0.5, testAcc: 0.5 }, lab: 'points', probes: null, stepsPerSec: 0, learningRate: 0.001, bestEpoch: null, origin: 1 }));
    const capture = store.getState().captureTeacher();
    const ask = await waitFor(() => {
      const m = posted.find((x): x is Extract<ToEngine, { type: 'saveWeights' }> => x.type === 'saveWeights');
      expect(m).toBeDefined();
      return m!;
    });
    await act(async () => {
      store.getState().receive({ type: 'weights', runId: 0, requestId: ask.requestId, weights: { step: 5, examples: 160, tensors: [{ name: 'd/kernel', shape: [2], values: new Float32Array(2) }] } });
      await capture;
    });
    expect(screen.getByTestId('teacher-source')).toHaveTextContent('From: the network trained on this page.');
    expect(screen.getByTestId('distill-teacher-info')).toHaveTextContent('Teacher: 2 weights, trained 5 steps.');
  });
});
