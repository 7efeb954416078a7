import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, decodeExperiment, decodeLink, encodeLink } from '../../src/models/codec';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import { datasetMismatch } from '../../src/models/fit';
import { HAND_POINTS_MAX, type Experiment } from '../../src/models/spec';
import { createAppStore } from '../../src/store/createAppStore';
import { missingTableNotice } from '../../src/store/notices';
import { restoreTable, TABLE_KEY } from '../../src/store/tableSlice';
import { editHandPoints } from '../../src/labs/points/handPoints';
import { prepareData } from '../../src/training/prepare';
import type { KeyValueStorage } from '../../src/store/persistence';

const FLOWERS = readFileSync('public/examples/flowers.csv', 'utf8');
const TEA = readFileSync('public/examples/tea.csv', 'utf8');

function memory(): KeyValueStorage & { data: Record<string, string> } {
  const data: Record<string, string> = {};
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v) };
}

function handExperiment(points: number[]): Experiment {
  return applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'hand', hand: points } });
}

describe('points by hand', () => {
  it('round-trip through a link, every point and class intact', () => {
    let hand: number[] = [];
    for (let i = 0; i < 40; i++) hand = editHandPoints(hand, { type: 'add', x: Math.sin(i) * 5.123, y: Math.cos(i) * 4.567, cls: (i % 2) as 0 | 1 });
    const exp = handExperiment(hand);
    const link = encodeLink({ experiment: exp, view: DEFAULT_VIEW, hide: [] });
    const back = decodeLink(link);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.value.experiment.dataset.kind).toBe('hand');
    expect(back.value.experiment.dataset.hand).toEqual(hand);
    expect(hand.length).toBe(120);
    // 500 points still make a link of reasonable length.
    const full = Array.from({ length: HAND_POINTS_MAX }, (_, i) => [((i * 37) % 1200) / 100 - 6, ((i * 53) % 1200) / 100 - 6, i % 2]).flat();
    const big = encodeLink({ experiment: handExperiment(full), view: DEFAULT_VIEW, hide: [] });
    expect(big.length).toBeLessThan(12_000);
    const bigBack = decodeLink(big);
    expect(bigBack.ok && bigBack.value.experiment.dataset.hand).toEqual(full);
  });

  it('the codec refuses points outside the plane, a third class, a broken triple and too many points', () => {
    const base = JSON.parse(JSON.stringify(handExperiment([1, 1, 0, -1, -1, 1]))) as Record<string, Record<string, unknown>>;
    const withHand = (hand: unknown) => decodeExperiment({ ...base, dataset: { ...base.dataset, hand } });
    expect(withHand([1, 1, 0]).ok).toBe(true);
    expect(withHand([7, 1, 0]).ok).toBe(false);
    expect(withHand([1, 1, 2]).ok).toBe(false);
    expect(withHand([1, 1]).ok).toBe(false);
    expect(withHand(Array.from({ length: (HAND_POINTS_MAX + 1) * 3 }, () => 0)).ok).toBe(false);
  });

  it('edits: add inside the plane (rounded), move, remove, stop at the limit', () => {
    let hand = editHandPoints([], { type: 'add', x: 9, y: -1.23456, cls: 1 });
    expect(hand).toEqual([6, -1.23, 1]);
    hand = editHandPoints(hand, { type: 'add', x: 0, y: 0, cls: 0 });
    hand = editHandPoints(hand, { type: 'move', index: 0, x: 2, y: 3 });
    expect(hand).toEqual([2, 3, 1, 0, 0, 0]);
    expect(editHandPoints(hand, { type: 'remove', index: 0 })).toEqual([0, 0, 0]);
    expect(editHandPoints(hand, { type: 'remove', index: 5 })).toEqual(hand);
    const full = Array.from({ length: HAND_POINTS_MAX * 3 }, () => 0);
    expect(editHandPoints(full, { type: 'add', x: 1, y: 1, cls: 0 }).length).toBe(full.length);
  });

  it('trains on every point, and needs a point of each class', () => {
    const data = prepareData(handExperiment([-3, 0, 0, 3, 0, 1, 0, 4, 1]));
    expect(data.nTrain).toBe(3);
    expect(Array.from(data.trainY)).toEqual([0, 1, 1]);
    expect(datasetMismatch(handExperiment([-3, 0, 0, 3, 0, 0]))?.key).toBe('own.hand.few');
    expect(datasetMismatch(handExperiment([-3, 0, 0, 3, 0, 1]))).toBeNull();
  });
});

describe('the table on the page', () => {
  it('a good file opens: the store holds the rows, the Experiment only names them', () => {
    const storage = memory();
    const store = createAppStore({ storage });
    expect(store.getState().openTable(TEA, 'tea.csv')).toBe(true);
    const s = store.getState();
    expect(s.table?.columns.map((c) => c.name)).toEqual(['水温（°C）', '浸泡时间（分钟）', '茶类', '喜欢']);
    expect(s.experiment.dataset).toMatchObject({ kind: 'table', table: { name: 'tea.csv', label: 3, task: 'classify', classes: 2, width: 5 } });
    expect(JSON.stringify(s.experiment).length).toBeLessThan(3000);
    expect(s.notice?.key).toBe('own.opened');
    // Kept for the next visit, and read back to the same table.
    expect(restoreTable(storage)?.hash).toBe(s.table?.hash);
    expect(JSON.parse(storage.data[TABLE_KEY]).name).toBe('tea.csv');
  });

  it.each([
    ['empty.csv', '', 'table.err.empty'],
    ['ragged.csv', 'a,b\n1,2\n3\n', 'table.err.ragged'],
    ['one.csv', 'a,b\n1,x\n2,x\n', 'table.err.oneClass'],
    ['photo.png', '\u0000\u0001PNG', 'table.err.notCsv'],
  ])('a bad file (%s) changes nothing and says why', (name, text, reason) => {
    const store = createAppStore({ storage: memory() });
    store.getState().openTable(FLOWERS, 'flowers.csv');
    const before = store.getState().experiment;
    const table = store.getState().table;
    const undo = store.getState().past.length;
    expect(store.getState().openTable(text, name)).toBe(false);
    const s = store.getState();
    expect(s.experiment).toBe(before);
    expect(s.table).toBe(table);
    expect(s.past.length).toBe(undo);
    expect(s.notice).toMatchObject({ kind: 'error', key: 'own.rejected', vars: { name }, cause: { key: reason } });
  });

  it('another label or task re-sizes the network; a label with one class is refused', () => {
    const store = createAppStore();
    store.getState().openTable(TEA, 'tea.csv');
    store.getState().chooseTable({ label: 0 });
    const exp = store.getState().experiment;
    // Water temperature has many values: regression, on the 3 other inputs + 2 one-hot … = 5 inputs.
    expect(exp.dataset.table).toMatchObject({ label: 0, task: 'regress', classes: 1 });
    expect(exp.network.nodes.find((n) => n.type === 'Input')?.params.shape).toEqual([exp.dataset.table!.width]);
    expect(datasetMismatch(exp)).toBeNull();
    store.getState().chooseTable({ label: 2 });
    expect(store.getState().experiment.dataset.table).toMatchObject({ label: 2, task: 'classify', classes: 3 });
    expect(datasetMismatch(store.getState().experiment)).toBeNull();
    store.getState().chooseTable({ axes: [2, 1] });
    expect(store.getState().experiment.dataset.table?.axes).toEqual([2, 1]);
  });

  it('a link names its table: without it, the notice names the file and the rest opens', () => {
    const store = createAppStore();
    store.getState().openTable(FLOWERS, 'flowers.csv');
    const link = encodeLink({ experiment: store.getState().experiment, view: DEFAULT_VIEW, hide: [] });
    const back = decodeLink(link);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.value.experiment.dataset.table?.name).toBe('flowers.csv');
    expect(missingTableNotice(back.value.experiment, null)).toEqual({ kind: 'warning', key: 'own.table.missing', vars: { name: 'flowers.csv' } });
    expect(missingTableNotice(back.value.experiment, store.getState().table)).toBeNull();
    expect(missingTableNotice(defaultExperiment(), null)).toBeNull();
  });

  it('the graph editor trains on a table too: a non-chain network with Input [width] fits', () => {
    const store = createAppStore();
    store.getState().openTable(FLOWERS, 'flowers.csv');
    const exp = store.getState().experiment;
    const input = exp.network.nodes.find((n) => n.type === 'Input')!;
    const wrong = { ...exp, network: { ...exp.network, nodes: exp.network.nodes.map((n) => (n === input ? { ...n, params: { ...n.params, shape: [2] } } : n)) } };
    expect(datasetMismatch(wrong)).toMatchObject({ key: 'err.fit.inputShape', vars: { want: expect.stringContaining('4') } });
  });
});

describe('the engine gets the table from the page', () => {
  it('names the missing file, refuses another table, and takes the right one', async () => {
    const { DataSourceLoader, DataProblem } = await import('../../src/training/dataSources');
    const store = createAppStore();
    store.getState().openTable(FLOWERS, 'flowers.csv');
    const exp = store.getState().experiment;
    const loader = new DataSourceLoader(() => Promise.reject(new Error('no MNIST here')));
    const problem = await loader.sourcesFor(exp, () => {}).catch((e: unknown) => e);
    expect(problem).toBeInstanceOf(DataProblem);
    expect((problem as InstanceType<typeof DataProblem>).problem).toEqual({ key: 'own.table.missing', vars: { name: 'flowers.csv' } });
    const other = createAppStore();
    other.getState().openTable(TEA, 'tea.csv');
    loader.table = other.getState().table;
    const wrong = await loader.sourcesFor(exp, () => {}).catch((e: unknown) => e);
    expect((wrong as InstanceType<typeof DataProblem>).problem.key).toBe('own.table.other');
    loader.table = store.getState().table;
    expect((await loader.sourcesFor(exp, () => {})).table).toBe(store.getState().table);
  });
});

describe('saved files carry the table beside the Experiment', () => {
  it('round-trips the table text with and without weights; a file without one still opens', async () => {
    const { encodeSavedFile, decodeSavedFile } = await import('../../src/models/weightsFile');
    const store = createAppStore();
    store.getState().openTable(TEA, 'tea.csv');
    const { experiment, tableSource } = store.getState();
    const text = encodeSavedFile(experiment, null, { table: tableSource });
    const back = decodeSavedFile(text);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.value.table).toEqual({ name: 'tea.csv', text: TEA });
    expect(back.value.experiment).toEqual(experiment);
    const weights = { step: 3, examples: 30, tensors: [{ name: 'w', shape: [2], values: Float32Array.from([1, 2]) }] };
    const both = decodeSavedFile(encodeSavedFile(experiment, weights, { table: tableSource }));
    expect(both.ok && both.value.table?.name).toBe('tea.csv');
    expect(both.ok && both.value.weights?.step).toBe(3);
    const plain = decodeSavedFile(encodeSavedFile(experiment, null));
    expect(plain.ok && plain.value.table).toBeUndefined();
  });

  it("loadTable reads a file's table without an edit; a bad one changes nothing", () => {
    const store = createAppStore();
    const past = store.getState().past.length;
    expect(store.getState().loadTable(FLOWERS, 'flowers.csv')).toBe(true);
    expect(store.getState().past.length).toBe(past);
    expect(store.getState().table?.rows).toBe(150);
    const table = store.getState().table;
    expect(store.getState().loadTable('a,b\n1\n', 'bad.csv')).toBe(false);
    expect(store.getState().table).toBe(table);
  });
});

describe('templates on a table', () => {
  it('a 2-D template opened on a table takes its encoded inputs and classes', async () => {
    const { openTemplate } = await import('../../src/models/openTemplate');
    const { TEMPLATES } = await import('../../src/models/templates');
    const store = createAppStore();
    store.getState().openTable(FLOWERS, 'flowers.csv');
    const mlp = TEMPLATES.find((t) => t.inputKind === 'features2d')!;
    const exp = openTemplate(store.getState().experiment, mlp);
    expect(exp.dataset.kind).toBe('table');
    expect(exp.network.nodes.find((n) => n.type === 'Input')?.params.shape).toEqual([4]);
    expect(datasetMismatch(exp)).toBeNull();
  });
});

describe('the training bundle of a table', () => {
  it('takes the page’s table (the engine’s own source), and says so when it is missing', async () => {
    const { buildTrainingBundle } = await import('../../src/app/trainingBundle');
    const { unzipSync } = await import('fflate');
    const store = createAppStore();
    store.getState().openTable(FLOWERS, 'flowers.csv');
    const s = store.getState();
    const zip = unzipSync(await buildTrainingBundle(s.experiment, null, 5, s.table));
    expect(Object.keys(zip)).toEqual(expect.arrayContaining(['gradient-garden-train/train.py', 'gradient-garden-train/data.npz']));
    await expect(buildTrainingBundle(s.experiment, null, 5, null)).rejects.toThrow(/not loaded/);
  });
});
