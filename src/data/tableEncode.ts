/**
 * A table as a network's examples: the label column chosen, categorical inputs one-hot encoded,
 * numeric ones standardised with the mean and spread of the training rows only (the test rows
 * must not leak into what the network is given), rows with a missing value skipped and reported.
 * Pure; the engine (training/prepare.ts) and the page (the data panel) both use it.
 */
import type { TableRef } from './datasetSpec';
import type { Column, Table, TableError } from './table';
import { TABLE_LIMITS } from './tableLimits';

/** Most classes a classification label may have. */
export const MAX_TABLE_CLASSES = TABLE_LIMITS.categories;
/** A numeric label with at most this many distinct whole numbers is taken as classes by default. */
const CLASS_LIKE = 10;

/** What the label and task choice make of a table, before any split. */
export interface TableLayout {
  label: number;
  task: 'classify' | 'regress';
  /** Encoded inputs: a name per input (`colour=red` for a category), and its source column. */
  inputs: { name: string; column: number; category: number | null }[];
  /** Class names (classification), else null. */
  classes: string[] | null;
  /** Data rows (0-based) with every used value present: the examples. */
  usable: Int32Array;
  /** 1-based line numbers in the file (the header is line 1) of rows skipped for a missing value. */
  skipped: number[];
}

/** The label column a table starts with: the last one that is not text. */
export function defaultLabel(table: Table): number {
  for (let c = table.columns.length - 1; c >= 0; c--) if (table.columns[c].kind !== 'text') return c;
  return table.columns.length - 1;
}

/** Distinct values of a numeric column, sorted, or null past `limit` or when one is not whole. */
function wholeValues(values: Float64Array, limit: number): number[] | null {
  const seen = new Set<number>();
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    if (!Number.isInteger(v)) return null;
    seen.add(v);
    if (seen.size > limit) return null;
  }
  return [...seen].sort((a, b) => a - b);
}

/** The task a label column suggests: categories and a few whole numbers are classes. */
export function defaultTask(column: Column): 'classify' | 'regress' {
  if (column.kind !== 'number') return 'classify';
  return wholeValues(column.values, CLASS_LIKE) ? 'classify' : 'regress';
}

/** Is row r of the column missing? */
function missing(column: Column, r: number): boolean {
  if (column.kind === 'number') return Number.isNaN(column.values[r]);
  if (column.kind === 'category') return column.values[r] < 0;
  return false;
}

/**
 * Lay a table out for a label and task, or say why it cannot be: the label is text, a
 * classification label with one class, no input left, too many inputs after one-hot encoding.
 */
export function layoutTable(table: Table, label: number, task: 'classify' | 'regress'): TableLayout | TableError {
  const target = table.columns[label];
  if (!target) return { key: 'table.err.noLabel' };
  if (target.kind === 'text') return { key: 'table.err.labelText', vars: { column: target.name, n: target.distinct, limit: MAX_TABLE_CLASSES } };
  if (task === 'regress' && target.kind !== 'number') return { key: 'table.err.regressCategory', vars: { column: target.name } };
  const used = table.columns.map((c, i) => (i === label || c.kind !== 'text' ? i : -1)).filter((i) => i >= 0);
  const usable: number[] = [];
  const skipped: number[] = [];
  for (let r = 0; r < table.rows; r++) {
    if (used.some((c) => missing(table.columns[c], r))) skipped.push(r + 2);
    else usable.push(r);
  }
  if (usable.length < 2) return { key: 'table.err.fewRows', vars: { n: usable.length } };
  const inputs: TableLayout['inputs'] = [];
  table.columns.forEach((c, i) => {
    if (i === label) return;
    if (c.kind === 'number') inputs.push({ name: c.name, column: i, category: null });
    if (c.kind === 'category') c.categories.forEach((cat, k) => inputs.push({ name: `${c.name}=${cat}`, column: i, category: k }));
  });
  if (inputs.length === 0) return { key: 'table.err.noInputs' };
  if (inputs.length > TABLE_LIMITS.width) return { key: 'table.err.width', vars: { n: inputs.length, limit: TABLE_LIMITS.width } };
  let classes: string[] | null = null;
  if (task === 'classify') {
    const present = new Set<number>();
    for (const r of usable) present.add(target.kind === 'number' ? target.values[r] : (target as Extract<Column, { kind: 'category' }>).values[r]);
    if (target.kind === 'number') {
      const whole = wholeValues(target.values, MAX_TABLE_CLASSES);
      if (!whole) return { key: 'table.err.labelNumeric', vars: { column: target.name, limit: MAX_TABLE_CLASSES } };
      classes = whole.filter((v) => present.has(v)).map(String);
    } else {
      classes = target.categories.filter((_, k) => present.has(k));
    }
    if (classes.length < 2) return { key: 'table.err.oneClass', vars: { column: target.name, value: classes[0] ?? '' } };
  }
  return { label, task, inputs, classes, usable: Int32Array.from(usable), skipped };
}

/** The Experiment's reference to a table laid out this way (axes: the first two inputs, or kept). */
export function tableRef(table: Table, layout: TableLayout, axes?: [number, number]): TableRef {
  const width = layout.inputs.length;
  const fit = (a: number, fallback: number) => (Number.isInteger(a) && a >= 0 && a < width ? a : fallback);
  const a0 = fit(axes?.[0] ?? 0, 0);
  let a1 = fit(axes?.[1] ?? 1, Math.min(1, width - 1));
  if (a1 === a0 && width > 1) a1 = a0 === 0 ? 1 : 0;
  return {
    name: table.name.slice(0, 100),
    hash: table.hash,
    rows: table.rows,
    columns: table.columns.length,
    label: layout.label,
    task: layout.task,
    classes: layout.classes?.length ?? 1,
    width,
    axes: [a0, a1],
  };
}

/** Encoded examples: inputs n × width, targets (class index or standardised value), and the statistics used. */
export interface EncodedTable {
  x: Float32Array;
  y: Float32Array;
  width: number;
  /**
   * Per input, from the training rows: a number's mean and standard deviation (its encoded values
   * then have mean 0), a category's share of the rows and 1 (one-hot values stay 0 or 1).
   */
  mean: Float64Array;
  std: Float64Array;
  /** Regression: the label's training mean and spread (targets are standardised with them). */
  target: { mean: number; std: number } | null;
}

/**
 * Encode the usable rows (in `layout.usable` order). `train` indexes into those rows; means and
 * spreads come from them only. A constant column gets spread 1 (its inputs become 0).
 */
export function encodeTable(table: Table, layout: TableLayout, train: ArrayLike<number>): EncodedTable {
  const n = layout.usable.length;
  const width = layout.inputs.length;
  const x = new Float32Array(n * width);
  const mean = new Float64Array(width);
  const std = new Float64Array(width).fill(1);
  layout.inputs.forEach((input, j) => {
    const col = table.columns[input.column];
    if (col.kind === 'category') {
      for (let i = 0; i < n; i++) x[i * width + j] = col.values[layout.usable[i]] === input.category ? 1 : 0;
      // The category's share of the training rows: where the boundary view holds this input.
      let hits = 0;
      for (let k = 0; k < train.length; k++) hits += x[train[k] * width + j];
      mean[j] = train.length ? hits / train.length : 0;
      return;
    }
    if (col.kind !== 'number') return;
    const stats = meanStd(col.values, layout.usable, train);
    mean[j] = stats.mean;
    std[j] = stats.std;
    for (let i = 0; i < n; i++) x[i * width + j] = (col.values[layout.usable[i]] - stats.mean) / stats.std;
  });
  const y = new Float32Array(n);
  const target = table.columns[layout.label];
  let targetStats: EncodedTable['target'] = null;
  if (layout.task === 'classify' && layout.classes) {
    const index = new Map(layout.classes.map((c, k) => [c, k]));
    for (let i = 0; i < n; i++) {
      const r = layout.usable[i];
      const name = target.kind === 'number' ? String(target.values[r]) : target.kind === 'category' ? target.categories[target.values[r]] : '';
      y[i] = index.get(name) ?? 0;
    }
  } else if (target.kind === 'number') {
    targetStats = meanStd(target.values, layout.usable, train);
    for (let i = 0; i < n; i++) y[i] = (target.values[layout.usable[i]] - targetStats.mean) / targetStats.std;
  }
  return { x, y, width, mean, std, target: targetStats };
}

/** Mean and population standard deviation of `values[usable[t]]` over the training rows t. */
function meanStd(values: Float64Array, usable: Int32Array, train: ArrayLike<number>): { mean: number; std: number } {
  let sum = 0;
  for (let k = 0; k < train.length; k++) sum += values[usable[train[k]]];
  const mean = train.length ? sum / train.length : 0;
  let sq = 0;
  for (let k = 0; k < train.length; k++) sq += (values[usable[train[k]]] - mean) ** 2;
  const std = train.length ? Math.sqrt(sq / train.length) : 0;
  return { mean, std: std > 1e-12 ? std : 1 };
}

/**
 * The boundary view's plane is [−6, 6]²; a table's two chosen inputs are drawn with one standard
 * deviation as 2 units, so the plane spans ±3 standard deviations.
 */
export const PLANE_PER_STD = 2;

/**
 * Plane points (interleaved x₁, x₂) as a table's encoded inputs: the two axes take x / PLANE_PER_STD
 * standard deviations, every other input its training mean (`held`: 0 for a standardised number,
 * a category's share of the rows for a one-hot input; all 0 when not given).
 */
export function planeToInputs(xs: Float32Array, width: number, axes: readonly [number, number], held?: ArrayLike<number>): Float32Array {
  const n = xs.length / 2;
  const out = new Float32Array(n * width);
  for (let i = 0; i < n; i++) {
    if (held) for (let j = 0; j < width; j++) out[i * width + j] = held[j];
    out[i * width + axes[0]] = xs[2 * i] / PLANE_PER_STD;
    out[i * width + axes[1]] = xs[2 * i + 1] / PLANE_PER_STD;
  }
  return out;
}

/** The Experiment's reference for a table read with this label and task, or why it cannot be. */
export function refFor(table: Table, label = defaultLabel(table), task?: 'classify' | 'regress', axes?: [number, number]): TableRef | TableError {
  const layout = layoutTable(table, label, task ?? defaultTask(table.columns[label]));
  return 'key' in layout ? layout : tableRef(table, layout, axes);
}
