/**
 * Real MNIST digits for the convolution lab, read from the compact binary that
 * scripts/build-mnist.mjs writes at build time, gzip-compressed (public/data/mnist.bin.gz, served
 * at /data/mnist.bin.gz: about 1.6 MB instead of 7.85 MB). `loadMnist` decompresses it with the
 * platform's DecompressionStream (fflate where there is none), or takes it as it is when a server
 * already undid the compression (Content-Encoding: gzip).
 *
 * Layout (integers uint32 little-endian): magic 'GGMN', version 1, count N, rows, cols, then
 * N × rows × cols uint8 pixels (0–255, row-major, white digit on black), then N uint8 labels (0–9).
 * Pure: no TF.js.
 */
import { splitTrainTest, type Split } from './datasets2d';

export const MNIST_MAGIC = 'GGMN';
export const MNIST_VERSION = 1;
export const MNIST_HEADER_BYTES = 20;
export const MNIST_URL = '/data/mnist.bin.gz';

export interface MnistData {
  /** count × rows × cols pixels, 0–255, image after image, each row-major. */
  images: Uint8Array;
  /** count labels, 0–9. */
  labels: Uint8Array;
  count: number;
  rows: number;
  cols: number;
}

/**
 * Parses and validates mnist.bin. The returned arrays are views into `buffer` (no copy).
 * Throws an Error naming the problem on a bad magic, version, dimensions, size or label.
 */
export function parseMnist(buffer: ArrayBuffer): MnistData {
  const size = buffer.byteLength;
  if (size < MNIST_HEADER_BYTES) {
    throw new Error(`MNIST data is truncated: ${size} bytes, shorter than the ${MNIST_HEADER_BYTES}-byte header`);
  }
  const view = new DataView(buffer);
  const magic = String.fromCharCode(view.getUint8(0), view.getUint8(1), view.getUint8(2), view.getUint8(3));
  if (magic !== MNIST_MAGIC) {
    throw new Error(`Not MNIST data: bad magic ${JSON.stringify(magic)} (expected "${MNIST_MAGIC}")`);
  }
  const version = view.getUint32(4, true);
  if (version !== MNIST_VERSION) {
    throw new Error(`Unsupported MNIST data version ${version} (expected ${MNIST_VERSION})`);
  }
  const count = view.getUint32(8, true);
  const rows = view.getUint32(12, true);
  const cols = view.getUint32(16, true);
  if (rows === 0 || cols === 0) {
    throw new Error(`MNIST data has invalid image size ${rows}×${cols}`);
  }
  const pixels = count * rows * cols;
  const expected = MNIST_HEADER_BYTES + pixels + count;
  if (size < expected) {
    throw new Error(`MNIST data is truncated: ${size} bytes, expected ${expected} for ${count} images of ${rows}×${cols}`);
  }
  if (size > expected) {
    throw new Error(`MNIST data has ${size - expected} unexpected trailing bytes (expected ${expected} bytes in all)`);
  }
  const images = new Uint8Array(buffer, MNIST_HEADER_BYTES, pixels);
  const labels = new Uint8Array(buffer, MNIST_HEADER_BYTES + pixels, count);
  for (let i = 0; i < count; i++) {
    if (labels[i] > 9) throw new Error(`MNIST data has an invalid label ${labels[i]} at image ${i}`);
  }
  return { images, labels, count, rows, cols };
}

/** Whether these bytes start with gzip's magic number (1f 8b). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Undoes gzip: the platform's DecompressionStream where there is one, else fflate (loaded only
 * then). Rejects on corrupt data.
 */
export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  if (typeof DecompressionStream === 'function') {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }
  const { gunzipSync } = await import('fflate');
  return gunzipSync(bytes);
}

/** The file's bytes as mnist.bin: decompressed when they are gzip, as they are otherwise. */
async function inflateMnist(bytes: Uint8Array): Promise<ArrayBuffer> {
  if (!isGzip(bytes)) return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer;
  let raw: Uint8Array;
  try {
    raw = await gunzip(bytes);
  } catch (err) {
    throw new Error(`MNIST data is corrupt: it could not be decompressed (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
  return raw.byteOffset === 0 && raw.byteLength === raw.buffer.byteLength ? (raw.buffer as ArrayBuffer) : raw.slice().buffer;
}

/**
 * Fetches, decompresses and parses mnist.bin.gz, streaming the body so `onProgress(loaded, total)` can report the
 * bytes received so far. `total` is the Content-Length when the server sends one (never less than
 * `loaded`), or 0 when the size is unknown. Progress counts the bytes as sent (compressed). Rejects
 * on an HTTP error or invalid data.
 */
export async function loadMnist(
  url: string = MNIST_URL,
  onProgress?: (loaded: number, total: number) => void,
): Promise<MnistData> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`Could not load MNIST data from ${url}: HTTP ${response.status} ${response.statusText}`.trim());
  }
  const header = Number(response.headers.get('content-length'));
  let total = Number.isFinite(header) && header > 0 ? header : 0;

  const reader = response.body?.getReader();
  if (!reader) {
    const buffer = await response.arrayBuffer();
    onProgress?.(buffer.byteLength, buffer.byteLength);
    return parseMnist(await inflateMnist(new Uint8Array(buffer)));
  }

  // Preallocate from Content-Length when known, growing if the body turns out longer (for example
  // when the length is of a compressed body).
  let bytes = new Uint8Array(total);
  let loaded = 0;
  onProgress?.(0, total);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (loaded + value.length > bytes.length) {
      const grown = new Uint8Array(Math.max(loaded + value.length, bytes.length * 2));
      grown.set(bytes.subarray(0, loaded));
      bytes = grown;
    }
    bytes.set(value, loaded);
    loaded += value.length;
    if (total !== 0 && loaded > total) total = loaded;
    onProgress?.(loaded, total);
  }
  if (total === 0) onProgress?.(loaded, loaded);
  return parseMnist(await inflateMnist(bytes.subarray(0, loaded)));
}

/**
 * Seeded train/test split of image indices 0..count-1 (sorted index arrays), the same split
 * `splitTrainTest` gives the 2-D datasets: it depends only on count, trainRatio and seed.
 */
export function splitBySeed(count: number, trainRatio: number, seed: number): Split {
  return splitTrainTest(count, trainRatio, seed);
}
