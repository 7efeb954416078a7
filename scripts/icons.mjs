// The app's icons as PNG (for the web app manifest: installable needs 192 and 512 px bitmaps),
// drawn here from the favicon's shapes (a sprout on blue), full bleed so they also serve as
// maskable icons (the sprout stays inside the central safe zone). No image library: 4×4
// supersampled shapes, written with node:zlib.
import { crc32, deflateSync } from 'node:zlib';

export const ICON_BACKGROUND = '#0877bd';
const BG = [0x08, 0x77, 0xbd];
const FG = [0xe8, 0xf5, 0xe9];

/** Whether point (x, y) in the favicon's 32-unit grid is on the sprout. */
function onSprout(x, y) {
  if (x >= 15.1 && x <= 16.9 && y >= 11 && y <= 26) return true; // stem
  const leaf = (cx, cy, ux, uy, a, b) => {
    const dx = x - cx;
    const dy = y - cy;
    const u = (dx * ux + dy * uy) / a;
    const v = (-dx * uy + dy * ux) / b;
    return u * u + v * v <= 1;
  };
  const s = Math.SQRT1_2;
  return leaf(11.8, 13.8, s, s, 5.8, 2.4) || leaf(19.6, 12.6, s, -s, 5.2, 2.2);
}

/** RGBA pixels of the icon at `size` px. */
export function iconPixels(size) {
  const px = new Uint8Array(size * size * 4);
  const n = 4;
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      let hits = 0;
      for (let sj = 0; sj < n; sj++) for (let si = 0; si < n; si++) if (onSprout(((i + (si + 0.5) / n) / size) * 32, ((j + (sj + 0.5) / n) / size) * 32)) hits++;
      const t = hits / (n * n);
      const o = (j * size + i) * 4;
      for (let c = 0; c < 3; c++) px[o + c] = Math.round(BG[c] * (1 - t) + FG[c] * t);
      px[o + 3] = 255;
    }
  }
  return px;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** A PNG file (8-bit RGBA) of the icon at `size` px. */
export function iconPng(size) {
  const px = iconPixels(size);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let j = 0; j < size; j++) Buffer.from(px.buffer, j * size * 4, size * 4).copy(raw, j * (size * 4 + 1) + 1);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** The web app manifest (installable: name, icons, start URL, standalone display, colours). */
export function webManifest(base = '/') {
  return {
    name: 'Gradient Garden · 梯度花园',
    short_name: '梯度花园',
    description: 'Build a neural network, train it live, and watch it learn. 搭建神经网络，实时训练，看它如何学习。',
    start_url: base,
    scope: base,
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#183d4e',
    icons: [
      { src: `${base}icon-192.png`, sizes: '192x192', type: 'image/png', purpose: 'any maskable' },
      { src: `${base}icon-512.png`, sizes: '512x512', type: 'image/png', purpose: 'any maskable' },
      { src: `${base}favicon.svg`, sizes: 'any', type: 'image/svg+xml' },
    ],
  };
}
