import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseTable, parseNumber, TABLE_LIMITS, type Table } from '../../src/data/table';
import { encodeTable, layoutTable, planeToInputs, refFor, type TableLayout } from '../../src/data/tableEncode';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import { datasetMismatch } from '../../src/models/fit';
import { prepareData } from '../../src/training/prepare';
import { ModelRuntime } from '../../src/training/runtime';
import { PointLabProbes } from '../../src/training/pointLabProbes';
import type { Experiment, TableRef } from '../../src/models/spec';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function table(text: string, name = 't.csv'): Table {
  const r = parseTable(text, name);
  if (!r.ok) throw new Error(`expected a table, got ${JSON.stringify(r.error)}`);
  return r.table;
}
function error(text: string) {
  const r = parseTable(text, 'bad.csv');
  if (r.ok) throw new Error('expected an error');
  return r.error;
}
function layout(t: Table, label: number, task: 'classify' | 'regress'): TableLayout {
  const l = layoutTable(t, label, task);
  if ('key' in l) throw new Error(`expected a layout, got ${l.key}`);
  return l;
}

describe('parseTable: tokens and types', () => {
  it('reads quoted fields with the delimiter, quotes and line breaks inside', () => {
    const t = table('name,size,kind\n"Smith, J.",1.5,a\n"say ""hi""",2,"b\nc"\nplain,3,a\n');
    expect(t.rows).toBe(3);
    expect(t.columns.map((c) => c.kind)).toEqual(['category', 'number', 'category']);
    const names = t.columns[0];
    expect(names.kind === 'category' && names.categories).toEqual(['Smith, J.', 'say "hi"', 'plain']);
    const kind = t.columns[2];
    expect(kind.kind === 'category' && kind.categories).toEqual(['a', 'b\nc']);
  });

  it.each([
    [',', 'a,b,c\n1,2,x\n3,4,y\n'],
    [';', 'a;b;c\n1;2;x\n3;4;y\n'],
    ['\t', 'a\tb\tc\n1\t2\tx\n3\t4\ty\n'],
  ])('detects the delimiter %j', (delimiter, text) => {
    const t = table(text);
    expect(t.delimiter).toBe(delimiter);
    expect(t.columns.map((c) => c.name)).toEqual(['a', 'b', 'c']);
    const b = t.columns[1];
    expect(b.kind === 'number' && Array.from(b.values)).toEqual([2, 4]);
  });

  it('reads decimal commas where the delimiter is not a comma', () => {
    const t = table('länge;breite;art\n3,14;-0,5;x\n2,5;1e3;y\n');
    expect(t.decimalComma).toBe(true);
    const [a, b] = t.columns;
    expect(a.kind === 'number' && Array.from(a.values)).toEqual([3.14, 2.5]);
    expect(b.kind === 'number' && Array.from(b.values)).toEqual([-0.5, 1000]);
    expect(parseNumber('3,14', false)).toBeNull();
    expect(parseNumber(' 7 ', false)).toBe(7);
  });

  it('drops a UTF-8 byte-order mark and keeps Chinese column names', () => {
    const t = table('\uFEFF温度,茶类,喜欢\n80,绿茶,是\n95,红茶,否\n');
    expect(t.columns.map((c) => c.name)).toEqual(['温度', '茶类', '喜欢']);
    expect(t.columns[0].kind).toBe('number');
  });

  it('gives blank and repeated header names a column number', () => {
    const t = table('a,,a\n1,2,3\n4,5,6\n');
    expect(t.columns.map((c) => c.name)).toEqual(['a', '#2', 'a (#3)']);
  });

  it('reads NA, empty and ? as missing and makes many distinct words text', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `id${i},${i % 3 === 0 ? 'NA' : i},${i % 2 ? 'x' : '?'}`);
    const t = table(['id,v,c', ...rows].join('\n'));
    expect(t.columns[0]).toMatchObject({ kind: 'text', distinct: 30 });
    const v = t.columns[1];
    expect(v.kind).toBe('number');
    expect(v.kind === 'number' && Number.isNaN(v.values[0])).toBe(true);
    const c = t.columns[2];
    expect(c.kind === 'category' && c.values[0]).toBe(-1);
  });

  it('hashes the content: same text same hash, one digit changed another', () => {
    expect(table('a,b\n1,2\n').hash).toBe(table('a,b\n1,2\n', 'other.csv').hash);
    expect(table('a,b\n1,2\n').hash).not.toBe(table('a,b\n1,3\n').hash);
    expect(table('a,b\n1,2\n').hash).toMatch(/^[0-9a-f]{8}$/);
  });
});

describe('parseTable: bad input is rejected with its reason', () => {
  it('an empty file', () => {
    expect(error('').key).toBe('table.err.empty');
    expect(error('\uFEFF \n\n').key).toBe('table.err.empty');
  });
  it('a file that is not CSV (binary, or one column of prose)', () => {
    expect(error('\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR').key).toBe('table.err.notCsv');
    expect(error('Dear diary\nToday I trained a network\n').key).toBe('table.err.notCsv');
  });
  it('ragged rows, with the line and counts', () => {
    expect(error('a,b,c\n1,2,3\n4,5\n')).toEqual({ key: 'table.err.ragged', vars: { row: 3, got: 2, want: 3 } });
  });
  it('a header without rows', () => {
    expect(error('a,b,c\n').key).toBe('table.err.noRows');
  });
  it('a file over the size limit, saying both sizes in MB', () => {
    const big = 'a,b\n' + '1,2\n'.repeat(TABLE_LIMITS.bytes / 4 + 10);
    expect(error(big)).toEqual({ key: 'table.err.tooBig', vars: { size: '5.0', limit: '5.0' } });
    const bigger = 'a,b\n' + '10,20\n'.repeat(1_000_000);
    expect(error(bigger).vars).toEqual({ size: '5.7', limit: '5.0' });
  });
  it('a word in a numeric column, naming column, line and value', () => {
    const rows = Array.from({ length: 20 }, (_, i) => `${i},${i === 7 ? 'twelve' : i * 2},k`);
    expect(error(['x,y,z', ...rows].join('\n'))).toEqual({ key: 'table.err.notNumber', vars: { column: 'y', row: 9, value: 'twelve' } });
  });
  it('too many rows or columns', () => {
    expect(error('a,b\n' + '1,2\n'.repeat(TABLE_LIMITS.rows + 1)).key).toBe('table.err.rows');
    const wide = Array.from({ length: 51 }, (_, i) => `c${i}`).join(',');
    expect(error(`${wide}\n${wide}\n`).key).toBe('table.err.columns');
  });
  it('a label with one class only', () => {
    const t = table('x,y,label\n1,2,cat\n3,4,cat\n5,6,cat\n');
    expect(layoutTable(t, 2, 'classify')).toEqual({ key: 'table.err.oneClass', vars: { column: 'label', value: 'cat' } });
    expect(refFor(t)).toMatchObject({ key: 'table.err.oneClass' });
  });
});

describe('layout and encoding', () => {
  const text = 'h,colour,w,label\n1,red,10,a\n2,blue,20,b\n3,red,NA,a\n4,green,40,c\n5,blue,50,b\n6,red,60,c\n';
  it('takes the last column as the label, one-hot encodes categories and reports rows with missing values', () => {
    const t = table(text);
    const ref = refFor(t) as TableRef;
    expect(ref).toMatchObject({ label: 3, task: 'classify', classes: 3, width: 5, rows: 6, columns: 4, axes: [0, 1] });
    const l = layout(t, 3, 'classify');
    expect(l.inputs.map((i) => i.name)).toEqual(['h', 'colour=red', 'colour=blue', 'colour=green', 'w']);
    expect(l.skipped).toEqual([4]);
    expect(Array.from(l.usable)).toEqual([0, 1, 3, 4, 5]);
    expect(l.classes).toEqual(['a', 'b', 'c']);
  });

  it('standardises with the training rows only: test rows do not move the statistics', () => {
    const t = table(text);
    const l = layout(t, 3, 'classify');
    const train = [0, 1, 2]; // usable rows 0, 1, 3 → h = 1, 2, 4
    const enc = encodeTable(t, l, train);
    const mean = (1 + 2 + 4) / 3;
    const std = Math.sqrt(((1 - mean) ** 2 + (2 - mean) ** 2 + (4 - mean) ** 2) / 3);
    expect(enc.mean[0]).toBeCloseTo(mean, 10);
    expect(enc.std[0]).toBeCloseTo(std, 10);
    // Training inputs have mean 0 and spread 1; the test rows (h = 5, 6) fall outside.
    const trainH = train.map((i) => enc.x[i * enc.width]);
    expect(trainH.reduce((a, b) => a + b) / 3).toBeCloseTo(0, 6);
    expect(enc.x[3 * enc.width]).toBeCloseTo((5 - mean) / std, 5);
    // One-hot columns stay 0/1; targets are class indices.
    expect(Array.from(enc.x.subarray(1, 4))).toEqual([1, 0, 0]);
    // A category's mean is its share of the training rows (red, blue, green: ⅓ each; then blue, red,
    // blue for another split).
    expect(Array.from(enc.mean.subarray(1, 4)).map((v) => +v.toFixed(4))).toEqual([0.3333, 0.3333, 0.3333]);
    expect(Array.from(encodeTable(t, l, [1, 3, 4]).mean.subarray(1, 4)).map((v) => +v.toFixed(4))).toEqual([0.3333, 0.6667, 0]);
    expect(Array.from(enc.y)).toEqual([0, 1, 2, 1, 2]);
    // Another training split gives other statistics.
    expect(encodeTable(t, l, [2, 3, 4]).mean[0]).not.toBeCloseTo(mean, 3);
  });

  it('regression standardises the label from the training rows; categories cannot be regressed', () => {
    const t = table('a,b,y\n1,x,10\n2,y,20\n3,x,30\n4,y,40\n');
    expect(refFor(t)).toMatchObject({ task: 'classify', classes: 4 });
    const l = layout(t, 2, 'regress');
    const enc = encodeTable(t, l, [0, 1]);
    expect(enc.target).toEqual({ mean: 15, std: 5 });
    expect(Array.from(enc.y)).toEqual([-1, 1, 3, 5]);
    expect(layoutTable(t, 1, 'regress')).toMatchObject({ key: 'table.err.regressCategory' });
    expect(layoutTable(table('a,y\n1,0.5\n2,1.5\n'), 1, 'classify')).toMatchObject({ key: 'table.err.labelNumeric' });
  });

  it('puts a plane point on the two chosen inputs, the others at their means', () => {
    const x = planeToInputs(Float32Array.from([2, -4]), 4, [1, 3]);
    expect(Array.from(x)).toEqual([0, 1, 0, -2]);
    const held = planeToInputs(Float32Array.from([2, -4]), 4, [1, 3], [0.25, 9, 0.5, 9]);
    expect(Array.from(held)).toEqual([0.25, 1, 0.5, -2]);
  });
});

function flowersExperiment(): Experiment {
  const t = table(readFileSync('public/examples/flowers.csv', 'utf8'), 'flowers.csv');
  const ref = refFor(t) as TableRef;
  let exp = applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'table', table: ref } });
  exp = applyChange(exp, { type: 'training', patch: { learningRate: 0.03, optimizer: 'adam' } });
  return exp;
}

describe('a table in the engine', () => {
  it('sizes the playground network to the encoded inputs and the classes', () => {
    const exp = flowersExperiment();
    const input = exp.network.nodes.find((n) => n.type === 'Input')!;
    expect(input.params.shape).toEqual([4]);
    expect(datasetMismatch(exp)).toBeNull();
    expect(exp.training.loss).toBe('crossEntropy');
  });

  it('trains the flowers example above 90 % test accuracy with tf.memory flat', async () => {
    const exp = flowersExperiment();
    const t = table(readFileSync('public/examples/flowers.csv', 'utf8'), 'flowers.csv');
    expect(() => prepareData(exp)).toThrow(/not loaded/);
    const data = prepareData(exp, { table: t });
    expect(data.numFeatures).toBe(4);
    expect(data.targetWidth).toBe(3);
    expect(data.nTrain + data.nTest).toBe(150);
    const rt = new ModelRuntime(tf, exp, data);
    const views = new PointLabProbes(tf, rt);
    rt.train(5);
    await views.probe();
    const before = tf.memory().numTensors;
    let m = await rt.evaluate();
    for (let i = 0; i < 12 && (m.testAcc ?? 0) < 0.95; i++) {
      rt.train(100);
      await views.probe();
      m = await rt.evaluate();
    }
    expect(tf.memory().numTensors).toBe(before);
    views.dispose();
    rt.dispose();
    expect(m.testAcc).toBeGreaterThan(0.9);
  });

});

describe('regression on a table', () => {
  it('learns petal width from the other columns (species one-hot): test loss well below the variance', async () => {
    const t = table(readFileSync('public/examples/flowers.csv', 'utf8'), 'flowers.csv');
    const ref = refFor(t, 3, 'regress') as TableRef;
    expect(ref).toMatchObject({ task: 'regress', classes: 1, width: 6 });
    let exp = applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'table', table: ref } });
    exp = applyChange(exp, { type: 'training', patch: { learningRate: 0.01, optimizer: 'adam' } });
    expect(exp.training.loss).toBe('mse');
    expect(datasetMismatch(exp)).toBeNull();
    const data = prepareData(exp, { table: t });
    expect(data.task).toBe('regression');
    const rt = new ModelRuntime(tf, exp, data);
    const first = await rt.evaluate();
    rt.train(600);
    const m = await rt.evaluate();
    rt.dispose();
    // Targets are standardised with the training split, so predicting the mean costs about 1.
    expect(m.testLoss).toBeLessThan(0.15);
    expect(m.testLoss).toBeLessThan(first.testLoss / 3);
  });
});
