import { z } from 'zod';
import { decodeExperiment, type CodecError, type Decoded } from './codec';
import { COMPRESS_METHODS, decodeWeights, type CompressMethod, type EncodedEntry } from './compression';
import type { Experiment } from './spec';
import { MAX_WEIGHT_VALUES, type SavedWeights } from './weightsFile';

/**
 * A compressed model as one download (`.ggc`): the magic "GGC1", the manifest's length (uint32,
 * little-endian), the manifest (UTF-8 JSON: format, method and its settings, the Experiment, the
 * counters, each tensor's entry) and the payload of compression.ts (exactly the bytes the table
 * reports as the model's size). Opening one decodes the weights to float32 for the model.
 */

export const COMPRESSED_FORMAT = 1;
const MAGIC = [0x47, 0x47, 0x43, 0x31]; // "GGC1"
/** The largest file opened (the weights' own limit, 64 MB of float32, plus room for the manifest). */
export const MAX_COMPRESSED_BYTES = MAX_WEIGHT_VALUES * 4 + 4 * 1024 * 1024;

export interface CompressedManifest {
  format: number;
  method: CompressMethod;
  /** Pruning: the sparsity asked, its scope, the fine-tune steps taken. */
  sparsity?: number;
  scope?: 'global' | 'perLayer';
  fineTuneSteps?: number;
  step: number;
  examples: number;
  experiment: unknown;
  tensors: EncodedEntry[];
}

/** The file's bytes. */
export function packCompressed(manifest: Omit<CompressedManifest, 'format'>, payload: Uint8Array): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify({ format: COMPRESSED_FORMAT, ...manifest }));
  const out = new Uint8Array(8 + json.length + payload.length);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(4, json.length, true);
  out.set(json, 8);
  out.set(payload, 8 + json.length);
  return out;
}

const entrySchema = z.object({
  name: z.string().max(200),
  shape: z.array(z.number().int().min(1).max(MAX_WEIGHT_VALUES)).min(1).max(6),
  type: z.enum(['f32', 'f16', 'i8']),
  layout: z.enum(['dense', 'sparse']),
  offset: z.number().int().min(0),
  bytes: z.number().int().min(0),
});
const manifestSchema = z.object({
  format: z.literal(COMPRESSED_FORMAT),
  method: z.enum(COMPRESS_METHODS),
  sparsity: z.number().min(0).max(1).optional(),
  scope: z.enum(['global', 'perLayer']).optional(),
  fineTuneSteps: z.number().int().min(0).optional(),
  step: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  examples: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  experiment: z.unknown(),
  tensors: z.array(entrySchema).min(1).max(2000),
});

export interface OpenedCompressed {
  experiment: Experiment;
  weights: SavedWeights;
  method: CompressMethod;
  /** The file's size and its weights' (the payload's) size, bytes. */
  fileBytes: number;
  weightBytes: number;
}

const fail = (key: string, vars?: Record<string, string | number>): { ok: false; error: CodecError } => ({ ok: false, error: { key, ...(vars ? { vars } : {}) } });

/** Read a `.ggc` file: magic, manifest (zod), the Experiment through the codec, every tensor checked. Never throws. */
export function unpackCompressed(bytes: Uint8Array): Decoded<OpenedCompressed> {
  if (bytes.length > MAX_COMPRESSED_BYTES) return fail('codec.tooLarge');
  if (bytes.length < 8 || MAGIC.some((b, i) => bytes[i] !== b)) return fail('compress.file.notOurs');
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  if (8 + length > bytes.length) return fail('compress.file.damaged');
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + length)));
  } catch {
    return fail('compress.file.damaged');
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) return fail('codec.invalidField', { field: `manifest.${parsed.error.issues[0]?.path.join('.') ?? ''}`.replace(/\.$/, '') });
  const m = parsed.data;
  const total = m.tensors.reduce((a, t) => a + t.shape.reduce((x, y) => x * y, 1), 0);
  if (total > MAX_WEIGHT_VALUES) return fail('codec.tooLarge');
  const exp = decodeExperiment(m.experiment);
  if (!exp.ok) return exp;
  const payload = bytes.subarray(8 + length);
  const tensors = decodeWeights(m.tensors, payload);
  if (!tensors) return fail('compress.file.damaged');
  return {
    ok: true,
    value: { experiment: exp.value, weights: { step: m.step, examples: m.examples, tensors }, method: m.method, fileBytes: bytes.length, weightBytes: payload.length },
    renamed: exp.renamed,
  };
}
