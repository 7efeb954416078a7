/**
 * A learner's own table (CSV), read into typed columns. papaparse tokenises (quotes, the delimiter,
 * line ends); what a value is (a number, a category, missing), decimal commas, the limits and the
 * messages are ours. Pure: text in, a Table or an error value out; it never throws.
 */
import Papa from 'papaparse';

import { TABLE_LIMITS } from './tableLimits';
import { hashText } from './hashText';

export { TABLE_LIMITS };

/** Values read as missing (compared after trimming, case-insensitively). */
const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?', '-']);

export interface NumberColumn {
  name: string;
  kind: 'number';
  /** One value per data row; NaN where missing. */
  values: Float64Array;
}
export interface CategoryColumn {
  name: string;
  kind: 'category';
  /** Category index per data row into `categories`; −1 where missing. */
  values: Int32Array;
  /** Distinct values in order of first appearance. */
  categories: string[];
}
/** Too many distinct values to be a category (a name, an id): shown, never used. */
export interface TextColumn {
  name: string;
  kind: 'text';
  distinct: number;
}
export type Column = NumberColumn | CategoryColumn | TextColumn;

export interface Table {
  /** The file's name. */
  name: string;
  /** FNV-1a of the text, 8 hex digits: how the Experiment names this exact table. */
  hash: string;
  rows: number;
  columns: Column[];
  /** The header and the first rows as written, for the preview. */
  preview: string[][];
  delimiter: string;
  decimalComma: boolean;
}

/** Why a text is not a table we can use: an i18n key (`table.err.*`) with its values. */
export interface TableError {
  key: string;
  vars?: Record<string, string | number>;
}

export type TableResult = { ok: true; table: Table } | { ok: false; error: TableError };

export { hashText };

/** Megabytes with one decimal, as messages show sizes. */
export const megabytes = (bytes: number): string => (bytes / (1024 * 1024)).toFixed(1);

/** A file's size checked before its text is read (a 2 GB file is refused without reading it). */
export function checkSize(bytes: number): TableError | null {
  if (bytes > TABLE_LIMITS.bytes) return { key: 'table.err.tooBig', vars: { size: megabytes(bytes), limit: megabytes(TABLE_LIMITS.bytes) } };
  return null;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const NUMBER_COMMA = /^[+-]?(\d+(,\d*)?|,\d+)([eE][+-]?\d+)?$/;

/** A cell as a number (decimal point, or decimal comma where allowed), or null. */
export function parseNumber(cell: string, decimalComma: boolean): number | null {
  const s = cell.trim();
  if (NUMBER.test(s)) return Number(s);
  if (decimalComma && NUMBER_COMMA.test(s)) return Number(s.replace(',', '.'));
  return null;
}

export const isMissing = (cell: string): boolean => MISSING.has(cell.trim().toLowerCase());

/**
 * Read a CSV text: the first row is the header; `,` `;` tab and `|` are detected; a byte-order mark
 * is dropped; a decimal comma is read where the delimiter is not a comma. A column is numeric when
 * every present value is a number; mostly numbers with a few words is an error naming the first
 * word (a typo would otherwise turn a measurement into a category).
 */
export function parseTable(text: string, name: string): TableResult {
  const size = checkSize(new Blob([text]).size);
  if (size) return { ok: false, error: size };
  const body = text.replace(/^\uFEFF/, '');
  if (!body.trim()) return { ok: false, error: { key: 'table.err.empty' } };
  // Text files have no NUL, and few control characters: a picture or a spreadsheet's zip does.
  const sample = body.slice(0, 4096);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if ((code < 0x20 && code !== 9 && code !== 10 && code !== 13 && code !== 12 && code !== 11) || code === 0xfffd) control++;
  }
  if (sample.includes('\u0000') || control > sample.length / 100) return { ok: false, error: { key: 'table.err.notCsv' } };
  const parsed = Papa.parse<string[]>(body, { skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t', '|'] });
  const quote = parsed.errors.find((e) => e.type === 'Quotes');
  if (quote) return { ok: false, error: { key: 'table.err.quotes', vars: { row: (quote.row ?? 0) + 1 } } };
  const rows = parsed.data;
  const header = rows[0] ?? [];
  if (header.length < 2) return { ok: false, error: { key: 'table.err.notCsv' } };
  if (rows.length < 2) return { ok: false, error: { key: 'table.err.noRows' } };
  if (header.length > TABLE_LIMITS.columns) return { ok: false, error: { key: 'table.err.columns', vars: { n: header.length, limit: TABLE_LIMITS.columns } } };
  if (rows.length - 1 > TABLE_LIMITS.rows) return { ok: false, error: { key: 'table.err.rows', vars: { n: rows.length - 1, limit: TABLE_LIMITS.rows } } };
  for (let r = 1; r < rows.length; r++) {
    // Line numbers as a text editor counts them, the header being line 1.
    if (rows[r].length !== header.length) return { ok: false, error: { key: 'table.err.ragged', vars: { row: r + 1, got: rows[r].length, want: header.length } } };
  }
  const delimiter = parsed.meta.delimiter;
  const decimalComma = delimiter !== ',';
  const names = uniqueNames(header);
  const data = rows.slice(1);
  const columns: Column[] = [];
  for (let c = 0; c < names.length; c++) {
    const column = typeColumn(names[c], data, c, decimalComma);
    if ('key' in column) return { ok: false, error: column };
    columns.push(column);
  }
  if (!columns.some((c) => c.kind !== 'text')) return { ok: false, error: { key: 'table.err.noUsable' } };
  return {
    ok: true,
    table: { name, hash: hashText(body), rows: data.length, columns, preview: rows.slice(0, TABLE_LIMITS.preview + 1), delimiter, decimalComma },
  };
}

/** Header names trimmed, blanks and repeats given a column number. */
function uniqueNames(header: string[]): string[] {
  const seen = new Set<string>();
  return header.map((raw, i) => {
    let name = raw.trim().slice(0, 64) || `#${i + 1}`;
    if (seen.has(name)) name = `${name} (#${i + 1})`;
    seen.add(name);
    return name;
  });
}

function typeColumn(name: string, data: string[][], c: number, decimalComma: boolean): Column | TableError {
  const n = data.length;
  const numbers = new Float64Array(n);
  let present = 0;
  let numeric = 0;
  let firstWord = -1;
  for (let r = 0; r < n; r++) {
    const cell = data[r][c];
    if (isMissing(cell)) {
      numbers[r] = NaN;
      continue;
    }
    present++;
    const v = parseNumber(cell, decimalComma);
    if (v === null || !Number.isFinite(v)) {
      numbers[r] = NaN;
      if (firstWord < 0) firstWord = r;
    } else {
      numbers[r] = v;
      numeric++;
    }
  }
  if (present === 0) return { name, kind: 'text', distinct: 0 };
  if (numeric === present) return { name, kind: 'number', values: numbers };
  // Mostly numbers: a word among them is a mistake to fix in the file, not a category.
  if (numeric >= 0.8 * present && numeric > 0) {
    return { key: 'table.err.notNumber', vars: { column: name, row: firstWord + 2, value: data[firstWord][c].trim().slice(0, 40) } };
  }
  const index = new Map<string, number>();
  const values = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const cell = data[r][c];
    if (isMissing(cell)) {
      values[r] = -1;
      continue;
    }
    const key = cell.trim();
    let k = index.get(key);
    if (k === undefined) {
      k = index.size;
      index.set(key, k);
    }
    values[r] = k;
  }
  if (index.size > TABLE_LIMITS.categories) return { name, kind: 'text', distinct: index.size };
  return { name, kind: 'category', values, categories: [...index.keys()] };
}
