import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildMnist, convertMnist } from '../../scripts/build-mnist.mjs';
import { gunzip, isGzip, loadMnist, parseMnist, splitBySeed, type MnistData } from '../../src/data/mnist';
import { splitTrainTest } from '../../src/data/datasets2d';

/** A fresh ArrayBuffer holding exactly these bytes. */
const toBuffer = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer;

/** A small valid file: count images of rows×cols, pixel = index mod 256, label = index mod 10. */
function tinyFile(count: number, rows = 2, cols = 3): Uint8Array {
  const pixels = count * rows * cols;
  const bytes = new Uint8Array(20 + pixels + count);
  bytes.set([0x47, 0x47, 0x4d, 0x4e]); // 'GGMN'
  const view = new DataView(bytes.buffer);
  view.setUint32(4, 1, true);
  view.setUint32(8, count, true);
  view.setUint32(12, rows, true);
  view.setUint32(16, cols, true);
  for (let i = 0; i < pixels; i++) bytes[20 + i] = i % 256;
  for (let i = 0; i < count; i++) bytes[20 + pixels + i] = i % 10;
  return bytes;
}

describe('MNIST conversion of the real package data', () => {
  let bytes: Uint8Array;
  let data: MnistData;

  beforeAll(() => {
    bytes = convertMnist();
    data = parseMnist(toBuffer(bytes));
  });

  it('has the header and size of 10,000 28×28 digits', () => {
    expect(data.count).toBe(10000);
    expect(data.rows).toBe(28);
    expect(data.cols).toBe(28);
    expect(data.images.length).toBe(10000 * 784);
    expect(data.labels.length).toBe(10000);
    expect(bytes.length).toBe(20 + 10000 * 785);
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('GGMN');
  });

  it('has every label 0–9, each digit at least 500 times', () => {
    const counts = new Array<number>(10).fill(0);
    for (const label of data.labels) {
      expect(label).toBeLessThanOrEqual(9);
      counts[label]++;
    }
    for (const c of counts) expect(c).toBeGreaterThanOrEqual(500);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(data.count);
  });

  it('interleaves the digits so a prefix is class-balanced', () => {
    expect(Array.from(data.labels.subarray(0, 20))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('has real pixel content: the full 0–255 range and an MNIST-like mean', () => {
    let min = 255;
    let max = 0;
    let sum = 0;
    for (const v of data.images) {
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
    }
    const mean = sum / data.images.length;
    expect(min).toBe(0);
    expect(max).toBe(255);
    expect(mean).toBeGreaterThan(20);
    expect(mean).toBeLessThan(60);
    // White digit on black: the border is background, the centre is often ink.
    let corner = 0;
    let centre = 0;
    for (let i = 0; i < data.count; i++) {
      corner += data.images[i * 784];
      centre += data.images[i * 784 + 14 * 28 + 14];
    }
    expect(corner).toBe(0);
    expect(centre / data.count).toBeGreaterThan(60);
  });

  it('is deterministic: converting twice gives identical bytes', () => {
    const again = convertMnist();
    expect(again.length).toBe(bytes.length);
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe('buildMnist', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gg-mnist-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the converted bytes, then skips while the output is newer than its inputs', () => {
    const output = join(dir, 'data', 'mnist.bin.gz');
    const first = buildMnist({ output });
    expect(first.skipped).toBe(false);
    expect(first.rawBytes).toBe(20 + 10000 * 785);
    const written = readFileSync(output);
    expect(first.bytes).toBe(written.length);
    // gzip-compressed, at most a quarter of the raw size, and it inflates to the converted bytes.
    expect(written.length).toBeLessThan(first.rawBytes / 4);
    expect(gunzipSync(written).equals(Buffer.from(convertMnist()))).toBe(true);

    const second = buildMnist({ output });
    expect(second.skipped).toBe(true);

    // An output older than the package data is rebuilt, with the same bytes.
    utimesSync(output, new Date(0), new Date(0));
    const third = buildMnist({ output });
    expect(third.skipped).toBe(false);
    expect(statSync(output).mtimeMs).toBeGreaterThan(0);
    expect(readFileSync(output).equals(written)).toBe(true);
  });
});

describe('parseMnist', () => {
  it('round-trips a header and returns views of the pixels and labels', () => {
    const file = tinyFile(4);
    const data = parseMnist(toBuffer(file));
    expect(data).toMatchObject({ count: 4, rows: 2, cols: 3 });
    expect(Array.from(data.images)).toEqual(Array.from({ length: 24 }, (_, i) => i));
    expect(Array.from(data.labels)).toEqual([0, 1, 2, 3]);
  });

  it('accepts an empty data set', () => {
    expect(parseMnist(toBuffer(tinyFile(0))).count).toBe(0);
  });

  it('rejects a truncated buffer', () => {
    const file = tinyFile(4);
    expect(() => parseMnist(toBuffer(file.subarray(0, file.length - 1)))).toThrow(/truncated.*expected 48/);
    expect(() => parseMnist(toBuffer(file.subarray(0, 10)))).toThrow(/truncated.*header/);
    expect(() => parseMnist(new ArrayBuffer(0))).toThrow(/truncated/);
  });

  it('rejects trailing bytes', () => {
    const file = tinyFile(4);
    const longer = new Uint8Array(file.length + 3);
    longer.set(file);
    expect(() => parseMnist(longer.buffer)).toThrow(/3 unexpected trailing bytes/);
  });

  it('rejects a wrong magic', () => {
    const file = tinyFile(4);
    file[0] = 0x58; // 'X'
    expect(() => parseMnist(toBuffer(file))).toThrow('Not MNIST data: bad magic "XGMN" (expected "GGMN")');
  });

  it('rejects an unknown version', () => {
    const file = tinyFile(4);
    new DataView(file.buffer).setUint32(4, 2, true);
    expect(() => parseMnist(toBuffer(file))).toThrow('Unsupported MNIST data version 2 (expected 1)');
  });

  it('rejects zero-sized images and labels above 9', () => {
    const zero = tinyFile(0);
    new DataView(zero.buffer).setUint32(12, 0, true);
    expect(() => parseMnist(toBuffer(zero))).toThrow(/invalid image size 0×3/);
    const bad = tinyFile(4);
    bad[bad.length - 1] = 10;
    expect(() => parseMnist(toBuffer(bad))).toThrow('MNIST data has an invalid label 10 at image 3');
  });
});

describe('loadMnist', () => {
  afterEach(() => vi.unstubAllGlobals());

  /** Stubs fetch with a body streamed in chunks of `chunk` bytes. */
  function stubFetch(file: Uint8Array, chunk: number, headers: Record<string, string>, status = 200): string[] {
    const urls: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      urls.push(url);
      let at = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (at >= file.length) {
            controller.close();
            return;
          }
          controller.enqueue(file.slice(at, at + chunk));
          at += chunk;
        },
      });
      return new Response(status === 200 ? body : null, { status, headers });
    });
    return urls;
  }

  it('streams the body, reporting progress against Content-Length', async () => {
    const file = tinyFile(10, 4, 4); // 20 + 160 + 10 = 190 bytes
    const urls = stubFetch(file, 64, { 'content-length': String(file.length) });
    const progress: Array<[number, number]> = [];
    const data = await loadMnist(undefined, (loaded, total) => progress.push([loaded, total]));
    expect(urls).toEqual(['/data/mnist.bin.gz']);
    expect(data.count).toBe(10);
    expect(Array.from(data.labels)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(progress).toEqual([
      [0, 190],
      [64, 190],
      [128, 190],
      [190, 190],
    ]);
  });

  it('reports a total of 0 while the size is unknown, then the final size', async () => {
    const file = tinyFile(10, 4, 4);
    stubFetch(file, 100, {});
    const progress: Array<[number, number]> = [];
    const data = await loadMnist('/x.bin', (loaded, total) => progress.push([loaded, total]));
    expect(data.count).toBe(10);
    expect(progress).toEqual([
      [0, 0],
      [100, 0],
      [190, 0],
      [190, 190],
    ]);
  });

  it('copes with a Content-Length smaller than the body', async () => {
    const file = tinyFile(10, 4, 4);
    stubFetch(file, 64, { 'content-length': '50' });
    const progress: Array<[number, number]> = [];
    const data = await loadMnist('/x.bin', (loaded, total) => progress.push([loaded, total]));
    expect(data.count).toBe(10);
    for (const [loaded, total] of progress) expect(loaded).toBeLessThanOrEqual(total);
    expect(progress.at(-1)).toEqual([190, 190]);
  });

  it('rejects an HTTP error and invalid data', async () => {
    stubFetch(new Uint8Array(0), 1, {}, 404);
    await expect(loadMnist('/missing.bin')).rejects.toThrow(/Could not load MNIST data from \/missing\.bin: HTTP 404/);
    const file = tinyFile(2);
    file[3] = 0x21;
    stubFetch(file, 8, {});
    await expect(loadMnist()).rejects.toThrow(/bad magic/);
  });

  it('decompresses a gzip body, with progress over the compressed bytes', async () => {
    const file = tinyFile(50, 8, 8); // 20 + 3200 + 50 bytes raw
    const gz = new Uint8Array(gzipSync(file));
    expect(gz.length).toBeLessThan(file.length);
    stubFetch(gz, 100, { 'content-length': String(gz.length) });
    const progress: Array<[number, number]> = [];
    const data = await loadMnist('/x.bin.gz', (loaded, total) => progress.push([loaded, total]));
    expect(data.count).toBe(50);
    expect(Array.from(data.images.subarray(0, 5))).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(data.labels.subarray(0, 12))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
    expect(progress.at(-1)).toEqual([gz.length, gz.length]);
  });

  it('rejects corrupt gzip with a clear message', async () => {
    const gz = new Uint8Array(gzipSync(tinyFile(50, 8, 8)));
    const broken = gz.slice(0, gz.length >> 1); // truncated stream
    broken[20] ^= 0xff;
    stubFetch(broken, 64, {});
    await expect(loadMnist('/x.bin.gz')).rejects.toThrow(/MNIST data is corrupt: it could not be decompressed/);
  });
});

describe('splitBySeed', () => {
  it('is splitTrainTest: seeded, sorted, disjoint and covering', () => {
    const a = splitBySeed(10000, 0.8, 7);
    expect(a).toEqual(splitTrainTest(10000, 0.8, 7));
    expect(a.train.length).toBe(8000);
    expect(a.test.length).toBe(2000);
    const all = new Set([...a.train, ...a.test]);
    expect(all.size).toBe(10000);
    expect(splitBySeed(10000, 0.8, 8).train).not.toEqual(a.train);
  });
});

describe('the MNIST samples kept in the source (dataset picker thumbnail)', () => {
  it('are images 7, 2, 1 and 0 of the converted package data', async () => {
    const { mnistSamples, MNIST_SAMPLE_INDICES } = await import('../../src/data/mnistSamples');
    const data = parseMnist(toBuffer(convertMnist()));
    const samples = mnistSamples();
    expect(samples.length).toBe(4 * 784);
    MNIST_SAMPLE_INDICES.forEach((index, k) => {
      for (let p = 0; p < 784; p++) expect(Math.round(samples[k * 784 + p] * 255)).toBe(data.images[index * 784 + p]);
    });
  });
});

describe('gunzip', () => {
  it('inflates with DecompressionStream and, without it, with fflate', async () => {
    const raw = tinyFile(30, 5, 5);
    const gz = new Uint8Array(gzipSync(raw));
    expect(isGzip(gz)).toBe(true);
    expect(isGzip(raw)).toBe(false);
    expect(Array.from(await gunzip(gz))).toEqual(Array.from(raw));
    vi.stubGlobal('DecompressionStream', undefined);
    try {
      expect(Array.from(await gunzip(gz))).toEqual(Array.from(raw));
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
