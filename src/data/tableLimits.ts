/** Kept apart from table.ts so that the engine and the codec do not load the CSV tokeniser. */
/** Limits a table must stay inside, so a file cannot stall the page or the engine. */
export const TABLE_LIMITS = {
  /** Bytes of text (5 MB). */
  bytes: 5 * 1024 * 1024,
  /** Data rows (after the header). */
  rows: 10_000,
  columns: 50,
  /** A column with more distinct non-numeric values is text (an id, a name) and not used. */
  categories: 20,
  /** Inputs after one-hot encoding. */
  width: 64,
  /** Rows the preview shows. */
  preview: 5,
} as const;
