import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DATA_CACHE, precacheManifest, precacheName, renderServiceWorker, shouldPrecache } from '../../scripts/pwa.mjs';
import { iconPng, webManifest } from '../../scripts/icons.mjs';

const file = (path: string, text = path) => ({ path, bytes: new TextEncoder().encode(text) });

describe('the precache manifest', () => {
  const files = [
    file('index.html', '<html>v1</html>'),
    file('assets/index-CZQa_ijQ.js'),
    file('assets/index-CEMOhmWa.css'),
    file('assets/KaTeX_Main-Regular-B22Nviop.woff2'),
    file('assets/KaTeX_Main-Regular-C5JkGWo-.woff'),
    file('assets/KaTeX_Main-Regular-ypZvNtVU.ttf'),
    file('assets/index-CZQa_ijQ.js.map'),
    file('favicon.svg'),
    file('manifest.webmanifest', '{}'),
    file('icon-192.png'),
    file('examples/iris.csv', 'a,b'),
    file('data/mnist.bin.gz', 'digits v1'),
  ];

  it('lists the page, code, styles, woff2 fonts and icons; data kept on first use; no maps, woff or ttf', () => {
    const m = precacheManifest(files);
    expect(m.precache.map((e) => e.url)).toEqual([
      'assets/KaTeX_Main-Regular-B22Nviop.woff2',
      'assets/index-CEMOhmWa.css',
      'assets/index-CZQa_ijQ.js',
      'examples/iris.csv',
      'favicon.svg',
      'icon-192.png',
      'index.html',
      'manifest.webmanifest',
    ]);
    expect(m.runtime.map((e) => e.url)).toEqual(['data/mnist.bin.gz']);
    expect(shouldPrecache('sw.js')).toBe(false);
  });

  it('gives hashed assets no revision and every other file a content hash', () => {
    const m = precacheManifest(files);
    const byUrl = Object.fromEntries(m.precache.map((e) => [e.url, e.revision]));
    expect(byUrl['assets/index-CZQa_ijQ.js']).toBeNull();
    expect(byUrl['index.html']).toMatch(/^[0-9a-f]{12}$/);
    expect(m.runtime[0].revision).toMatch(/^[0-9a-f]{12}$/);
  });

  it('names the cache after the content: the same files give the same version, any change a new one', () => {
    const a = precacheManifest(files);
    expect(precacheManifest([...files].reverse())).toEqual(a);
    const changedPage = precacheManifest(files.map((f) => (f.path === 'index.html' ? file('index.html', '<html>v2</html>') : f)));
    expect(changedPage.version).not.toBe(a.version);
    expect(precacheName(changedPage.version)).not.toBe(precacheName(a.version));
    const changedData = precacheManifest(files.map((f) => (f.path === 'data/mnist.bin.gz' ? file(f.path, 'digits v2') : f)));
    expect(changedData.version).not.toBe(a.version);
    expect(changedData.runtime[0].revision).not.toBe(a.runtime[0].revision);
    expect(precacheName(a.version)).toBe(`gg-precache-${a.version}`);
  });

  it('renders a worker whose constants are the manifest and whose code is the template', () => {
    const m = precacheManifest(files);
    const template = readFileSync(new URL('../../scripts/sw.template.js', import.meta.url), 'utf8');
    const sw = renderServiceWorker(m, template);
    expect(sw).toContain(`const PRECACHE = "gg-precache-${m.version}";`);
    expect(sw).toContain(`const DATA_CACHE = ${JSON.stringify(DATA_CACHE)};`);
    expect(sw).toContain(JSON.stringify(m.precache));
    expect(sw.endsWith(template)).toBe(true);
    // The worker parses as a script, and skips waiting only when asked (never on install).
    expect(() => new Function(sw)).not.toThrow();
    expect(template).not.toMatch(/install[\s\S]{0,400}skipWaiting/);
    expect(template).toMatch(/SKIP_WAITING'\) self\.skipWaiting\(\)/);
  });
});

describe('the icons and the web app manifest', () => {
  it('draws valid PNGs of the asked size (RGBA, sprout on blue)', () => {
    const png = Buffer.from(iconPng(64));
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.readUInt32BE(16)).toBe(64);
    expect(png.readUInt32BE(20)).toBe(64);
    const idatLen = png.readUInt32BE(33);
    expect(png.subarray(37, 41).toString('ascii')).toBe('IDAT');
    const raw = inflateSync(png.subarray(41, 41 + idatLen));
    expect(raw.length).toBe(64 * (64 * 4 + 1));
    const pixel = (x: number, y: number) => Array.from(raw.subarray(y * 257 + 1 + x * 4, y * 257 + 1 + x * 4 + 4));
    expect(pixel(1, 1)).toEqual([0x08, 0x77, 0xbd, 255]); // background
    expect(pixel(32, 50)).toEqual([0xe8, 0xf5, 0xe9, 255]); // the stem
  });

  it('names the app in both languages and lists installable icons', () => {
    const m = webManifest('/');
    expect(m.name).toContain('Gradient Garden');
    expect(m.name).toContain('梯度花园');
    expect(m.display).toBe('standalone');
    expect(m.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  });
});
