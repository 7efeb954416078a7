import { decodeOwnImages, encodeOwnImages, type OwnImages } from '../data/ownImages';
import { decodeOwnText, type OwnText } from '../data/ownText';
import { decodeOwnSentences, encodeOwnSentences, type OwnSentences } from '../data/ownSentences';
import { z } from 'zod';
import { decodeExperimentFile, encodeExperimentFile, type CodecError, type Decoded } from './codec';
import type { Experiment } from './spec';
import { decodePinnedRuns, encodePinnedRuns, type PinnedRun } from './pinnedRuns';

/**
 * Trained weights as they travel in a saved file, beside the Experiment they belong to. Every
 * tensor of the model (trainable or not: batch normalization's moving statistics too), in the
 * model's own order, with its shape; values as little-endian float32 in base64. The engine checks
 * each shape against the network it builds before writing anything, so a file edited by hand
 * cannot write into the wrong place.
 */
export interface SavedWeights {
  /** Training steps and examples seen when saved: the counters continue from there. */
  step: number;
  examples: number;
  tensors: { name: string; shape: number[]; values: Float32Array }[];
}

export const WEIGHTS_FORMAT = 1;
/** The most values a file may carry (64 MB of float32); the budget refuses far smaller networks. */
export const MAX_WEIGHT_VALUES = 16 * 1024 * 1024;

/** float32 values as base64 (little-endian, as every platform the app runs on stores them). */
export function floatsToBase64(values: Float32Array): string {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  let binary = '';
  // In chunks: String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The inverse of floatsToBase64; null for text that is not base64 of whole float32 values. */
export function base64ToFloats(text: string): Float32Array | null {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return null;
  }
  if (binary.length % 4 !== 0) return null;
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Float32Array(bytes.buffer);
}

/** The weights as the file's `weights` field. */
export function encodeWeights(w: SavedWeights): unknown {
  return { format: WEIGHTS_FORMAT, step: w.step, examples: w.examples, tensors: w.tensors.map((t) => ({ name: t.name, shape: t.shape, data: floatsToBase64(t.values) })) };
}

const weightsSchema = z.object({
  format: z.literal(WEIGHTS_FORMAT),
  step: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  examples: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  tensors: z
    .array(z.object({ name: z.string().max(200), shape: z.array(z.number().int().min(1).max(MAX_WEIGHT_VALUES)).max(6), data: z.string() }))
    .min(1)
    .max(2000),
});

const bad = (field: string): { ok: false; error: CodecError } => ({ ok: false, error: { key: 'codec.invalidField', vars: { field } } });

/** Read a file's `weights` field: sizes checked against the shapes, every value finite. Never throws. */
export function decodeWeights(raw: unknown): Decoded<SavedWeights> {
  const parsed = weightsSchema.safeParse(raw);
  if (!parsed.success) return bad(`weights.${parsed.error.issues[0]?.path.join('.') ?? ''}`.replace(/\.$/, ''));
  let total = 0;
  const tensors: SavedWeights['tensors'] = [];
  for (const [i, t] of parsed.data.tensors.entries()) {
    const size = t.shape.reduce((a, b) => a * b, 1);
    total += size;
    if (total > MAX_WEIGHT_VALUES) return { ok: false, error: { key: 'codec.tooLarge' } };
    const values = base64ToFloats(t.data);
    if (!values || values.length !== size) return bad(`weights.tensors.${i}.data`);
    for (const v of values) if (!Number.isFinite(v)) return bad(`weights.tensors.${i}.data`);
    tensors.push({ name: t.name, shape: t.shape, values });
  }
  return { ok: true, value: { step: parsed.data.step, examples: parsed.data.examples, tensors } };
}

/** The most text a saved file may hold with its weights; the Experiment part keeps the codec's own limit. */
export const MAX_FILE_TEXT = 96 * 1024 * 1024;

/** A learner's table as a saved file carries it: the file's name and its text, as opened. */
export interface TableSource {
  name: string;
  text: string;
}
/** Most characters of a table's text in a saved file (the CSV limit, 5 MB, in UTF-16 units at most). */
const MAX_TABLE_TEXT = 5 * 1024 * 1024;
const tableSourceSchema = z.object({ name: z.string().max(100), text: z.string().max(MAX_TABLE_TEXT) });

/**
 * An Experiment file, with the learner's table (the Experiment only names it), the pinned runs and
 * the trained weights when there are any.
 */
export function encodeSavedFile(
  experiment: Experiment,
  weights: SavedWeights | null,
  extras: { table?: TableSource | null; pinned?: readonly PinnedRun[]; ownImages?: OwnImages | null; ownText?: OwnText | null; ownSentences?: OwnSentences | null } = {},
): string {
  const text = encodeExperimentFile(experiment);
  const { table = null, pinned = [], ownImages = null, ownText = null, ownSentences = null } = extras;
  if (!weights && !table && !ownImages && !ownText && !ownSentences && pinned.length === 0) return text;
  // The table, pinned runs and weights go last, so the Experiment stays readable at the top of the file.
  const extra = [
    table ? `"table": ${JSON.stringify({ name: table.name, text: table.text })}` : '',
    ownImages ? `"ownImages": ${JSON.stringify(encodeOwnImages(ownImages))}` : '',
    ownText ? `"ownText": ${JSON.stringify({ name: ownText.name, text: ownText.text })}` : '',
    ownSentences ? `"ownSentences": ${JSON.stringify(encodeOwnSentences(ownSentences))}` : '',
    pinned.length ? `"pinnedRuns": ${JSON.stringify(encodePinnedRuns(pinned))}` : '',
    weights ? `"weights": ${JSON.stringify(encodeWeights(weights))}` : '',
  ].filter(Boolean);
  return `${text.slice(0, text.lastIndexOf('}')).trimEnd()},\n  ${extra.join(',\n  ')}\n}`;
}

export interface SavedFile {
  experiment: Experiment;
  weights: SavedWeights | null;
  /** Why the weights were left out (the Experiment still opens). */
  weightsError?: CodecError;
  /** The file's pinned runs; absent when it has none (or they were damaged). */
  pinned?: PinnedRun[];
  /** Why the pinned runs were left out (the Experiment still opens). */
  pinnedError?: CodecError;
  /** The learner's table, when the file carries one (read and checked by the page, data/table.ts). */
  table?: TableSource;
  /** The learner's images and text, when the file carries them (checked: damaged ones are left out with `ownError`). */
  ownImages?: OwnImages;
  ownText?: OwnText;
  ownSentences?: OwnSentences;
  ownError?: { key: string; vars?: Record<string, string | number> };
}

/**
 * Read a saved file: the Experiment through the codec (its own size limit and checks), the weights
 * and pinned runs beside it. Bad weights or pinned runs never cost the Experiment: it opens without
 * them, with `weightsError` / `pinnedError`.
 */
export function decodeSavedFile(text: string): Decoded<SavedFile> {
  if (text.length > MAX_FILE_TEXT) return { ok: false, error: { key: 'codec.tooLarge' } };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: { key: 'codec.notJson' } };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || !('weights' in raw || 'pinnedRuns' in raw || 'table' in raw || 'ownImages' in raw || 'ownText' in raw || 'ownSentences' in raw)) {
    const exp = decodeExperimentFile(text);
    return exp.ok ? { ok: true, value: { experiment: exp.value, weights: null }, renamed: exp.renamed } : exp;
  }
  const { weights: rawWeights, pinnedRuns: rawPinned, table: rawTable, ownImages: rawImages, ownText: rawText, ownSentences: rawSentences, ...rest } = raw as Record<string, unknown>;
  const exp = decodeExperimentFile(JSON.stringify(rest));
  if (!exp.ok) return exp;
  const weights = rawWeights === undefined ? null : decodeWeights(rawWeights);
  const pinned = rawPinned === undefined ? null : decodePinnedRuns(rawPinned);
  const table = tableSourceSchema.safeParse(rawTable);
  const ownImages = rawImages === undefined ? null : decodeOwnImages(rawImages);
  const ownText = rawText === undefined ? null : decodeOwnText(rawText);
  const ownSentences = rawSentences === undefined ? null : decodeOwnSentences(rawSentences);
  const ownError = ownImages && 'key' in ownImages ? ownImages : ownText && 'key' in ownText ? ownText : ownSentences && 'key' in ownSentences ? ownSentences : null;
  // Weights made for ids the codec renamed still fit: they follow the model's order, not names.
  return {
    ok: true,
    value: {
      experiment: exp.value,
      weights: weights?.ok ? weights.value : null,
      ...(weights && !weights.ok ? { weightsError: weights.error } : {}),
      ...(pinned?.ok ? { pinned: pinned.value } : {}),
      ...(pinned && !pinned.ok ? { pinnedError: pinned.error } : {}),
      ...(table.success ? { table: table.data } : {}),
      ...(ownImages && 'classes' in ownImages ? { ownImages } : {}),
      ...(ownText && 'hash' in ownText ? { ownText } : {}),
      ...(ownSentences && 'rows' in ownSentences ? { ownSentences } : {}),
      ...(ownError ? { ownError } : {}),
    },
    renamed: exp.renamed,
  };
}
