import type { StateCreator } from 'zustand';
import { parseTable, type Table } from '../data/table';
import { refFor } from '../data/tableEncode';
import type { AppState, TableSlice } from './types';

/** Where the table is kept between visits (local storage; the same shape as persistence.ts's). */
type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * The learner's table lives here, on the page, beside the Experiment rather than inside it: the
 * Experiment travels in links, undo history and every message to the engine, and a table of
 * thousands of rows would make each of those heavy. The Experiment names the table (`TableRef`:
 * name, size, content hash, label, task, axes); the engine bridge sends the rows to the engine
 * once per table. The text is kept in local storage when it fits, so a reload trains again.
 */

export const TABLE_KEY = 'gradient-garden:table';
/** Tables above this many characters are not kept for reload: local storage holds about 5 MB in all, and the autosaved work must still fit beside it. */
const STORE_LIMIT = 500_000;

/** Keep the table's text for the next visit; too big or blocked storage is skipped quietly. */
export function storeTable(storage: KeyValueStorage | null, name: string, text: string): void {
  try {
    if (!storage) return;
    storage.setItem(TABLE_KEY, text.length <= STORE_LIMIT ? JSON.stringify({ name, text }) : '');
  } catch {
    // Storage full or blocked: the table works for this visit.
  }
}

/** The table kept by an earlier visit, or null. */
export function restoreTable(storage: KeyValueStorage | null): Table | null {
  return restoreTableSource(storage)?.table ?? null;
}

/** The kept table with its text, or null. */
export function restoreTableSource(storage: KeyValueStorage | null): { table: Table; name: string; text: string } | null {
  try {
    const raw = storage?.getItem(TABLE_KEY);
    if (!raw) return null;
    const { name, text } = JSON.parse(raw) as { name?: unknown; text?: unknown };
    if (typeof name !== 'string' || typeof text !== 'string') return null;
    const parsed = parseTable(text, name);
    return parsed.ok ? { table: parsed.table, name, text } : null;
  } catch {
    return null;
  }
}

export const createTableSlice =
  (initial: { table: Table; name: string; text: string } | null, storage: KeyValueStorage | null): StateCreator<AppState, [], [], TableSlice> =>
  (set, get) => ({
    table: initial?.table ?? null,
    tableSource: initial ? { name: initial.name, text: initial.text } : null,
    loadTable: (text, name) => {
      const parsed = parseTable(text, name);
      if (!parsed.ok) {
        get().notify({ kind: 'error', key: 'own.rejected', vars: { name }, cause: parsed.error });
        return false;
      }
      set({ table: parsed.table, tableSource: { name, text } });
      storeTable(storage, name, text);
      return true;
    },
    handTool: 0,
    setHandTool: (handTool) => set({ handTool }),
    openTable: (text, name) => {
      const parsed = parseTable(text, name);
      const ref = parsed.ok ? refFor(parsed.table) : null;
      const error = !parsed.ok ? parsed.error : ref && 'key' in ref ? ref : null;
      if (error || !parsed.ok || !ref || 'key' in ref) {
        get().notify({ kind: 'error', key: 'own.rejected', vars: { name }, cause: error ?? { key: 'table.err.empty' } });
        return false;
      }
      // The rows first: the engine bridge sends them before the edit that names them.
      set({ table: parsed.table, tableSource: { name, text } });
      get().apply({ type: 'dataset', patch: { kind: 'table', table: ref } });
      storeTable(storage, name, text);
      get().notify({ kind: 'info', key: 'own.opened', vars: { name, rows: parsed.table.rows, columns: parsed.table.columns.length } });
      return true;
    },
    chooseTable: (patch) => {
      const { table, experiment } = get();
      const current = experiment.dataset.table;
      if (!table || !current) return;
      const label = patch.label ?? current.label;
      // A new label starts from the task it suggests; the axes are kept where they still exist.
      const task = patch.label !== undefined && patch.task === undefined ? undefined : (patch.task ?? current.task);
      const ref = refFor(table, label, task, patch.axes ?? current.axes);
      if ('key' in ref) {
        get().notify({ kind: 'error', key: 'own.rejected', vars: { name: table.name }, cause: ref });
        return;
      }
      get().apply({ type: 'dataset', patch: { kind: 'table', table: ref } });
    },
  });
