/**
 * The learner's own image classes (issue 17): 2–5 named classes of a few images each, every image
 * centre-cropped, resized to 28×28 and turned grey, kept as 8-bit pixels. Pure: the browser's
 * decoding (createImageBitmap, a canvas) lives in panels/ownImageDecode.ts and hands RGBA here.
 * Like a table, the images live on the page; the Experiment names them with an OwnImagesRef.
 */
import { z } from 'zod';
import { SHAPE_SIZE } from './shapes';

export const OWN_IMAGE_SIDE = SHAPE_SIZE;
const PIXELS = OWN_IMAGE_SIDE * OWN_IMAGE_SIDE;

/** Limits that keep a set small enough for the page, local storage and a saved file. */
export const OWN_IMAGE_LIMITS = {
  minClasses: 2,
  maxClasses: 5,
  /** Images per class, and in all. */
  perClass: 60,
  total: 200,
  /** Fewest images per class to train on (one for training, one for testing at least). */
  minPerClass: 2,
  /** Bytes of one image file (10 MB). */
  fileBytes: 10 * 1024 * 1024,
  /** Longest class name, in characters. */
  name: 24,
} as const;

export interface OwnImageClass {
  name: string;
  /** OWN_IMAGE_SIDE² grey pixels each, 0–255, row-major. */
  images: Uint8Array[];
}

export interface OwnImages {
  classes: OwnImageClass[];
}

/** How the Experiment names the images: enough to size the network and say what is missing. */
export interface OwnImagesRef {
  /** FNV-1a over the class names and every pixel. */
  hash: string;
  classes: string[];
  counts: number[];
}

/** A problem with the learner's images, as an i18n key and its values. */
export interface OwnImageError {
  key: string;
  vars?: Record<string, string | number>;
}

export function emptyOwnImages(names: readonly string[]): OwnImages {
  return { classes: names.map((name) => ({ name, images: [] })) };
}

/**
 * Centre-crop RGBA pixels (w × h) to a square and average them down to side × side grey values
 * (luminance, Rec. 601 weights; transparent pixels count as white, as a page shows them). An image
 * smaller than the side is sampled up by the nearest pixel.
 */
export function cropResizeGray(rgba: ArrayLike<number>, w: number, h: number, side: number = OWN_IMAGE_SIDE): Uint8Array {
  if (!(w > 0 && h > 0) || rgba.length < w * h * 4) throw new RangeError(`expected ${w}×${h} RGBA pixels`);
  const s = Math.min(w, h);
  const x0 = Math.floor((w - s) / 2);
  const y0 = Math.floor((h - s) / 2);
  const out = new Uint8Array(side * side);
  for (let oy = 0; oy < side; oy++) {
    const ya = y0 + Math.floor((oy * s) / side);
    const yb = Math.max(ya + 1, y0 + Math.floor(((oy + 1) * s) / side));
    for (let ox = 0; ox < side; ox++) {
      const xa = x0 + Math.floor((ox * s) / side);
      const xb = Math.max(xa + 1, x0 + Math.floor(((ox + 1) * s) / side));
      let sum = 0;
      for (let y = ya; y < yb; y++) {
        for (let x = xa; x < xb; x++) {
          const i = (y * w + x) * 4;
          const a = rgba[i + 3] / 255;
          const lum = 0.299 * rgba[i] + 0.587 * rgba[i + 1] + 0.114 * rgba[i + 2];
          sum += lum * a + 255 * (1 - a);
        }
      }
      out[oy * side + ox] = Math.round(sum / ((yb - ya) * (xb - xa)));
    }
  }
  return out;
}

/** Whether a file may be read as an image: its size first (nothing is read when too big). */
export function checkImageFile(file: { name: string; size: number; type: string }): OwnImageError | null {
  if (file.size === 0) return { key: 'ownImg.err.empty', vars: { name: file.name } };
  if (file.size > OWN_IMAGE_LIMITS.fileBytes) return { key: 'ownImg.err.tooBig', vars: { name: file.name, mb: OWN_IMAGE_LIMITS.fileBytes / (1024 * 1024) } };
  if (file.type && !file.type.startsWith('image/')) return { key: 'ownImg.err.notImage', vars: { name: file.name } };
  return null;
}

/** A class name after trimming, or an error (empty, too long, taken). */
export function checkClassName(set: OwnImages, index: number, raw: string): string | OwnImageError {
  const name = raw.trim();
  if (!name) return { key: 'ownImg.err.nameEmpty' };
  if ([...name].length > OWN_IMAGE_LIMITS.name) return { key: 'ownImg.err.nameLong', vars: { n: OWN_IMAGE_LIMITS.name } };
  if (set.classes.some((c, i) => i !== index && c.name === name)) return { key: 'ownImg.err.nameTaken', vars: { name } };
  return name;
}

const total = (set: OwnImages): number => set.classes.reduce((n, c) => n + c.images.length, 0);

/**
 * `images` added to class `index`, as many as the limits allow; `refused` counts those left out
 * (with the limit that stopped them). The set passed in is never changed.
 */
export function addOwnImages(set: OwnImages, index: number, images: readonly Uint8Array[]): { set: OwnImages; added: number; refused: OwnImageError | null } {
  const cls = set.classes[index];
  if (!cls) return { set, added: 0, refused: { key: 'ownImg.err.noClass' } };
  const bad = images.find((im) => im.length !== PIXELS);
  if (bad) return { set, added: 0, refused: { key: 'ownImg.err.decode', vars: { name: cls.name } } };
  const room = Math.max(0, Math.min(OWN_IMAGE_LIMITS.perClass - cls.images.length, OWN_IMAGE_LIMITS.total - total(set)));
  const taken = images.slice(0, room);
  const refused: OwnImageError | null =
    taken.length < images.length
      ? cls.images.length + taken.length >= OWN_IMAGE_LIMITS.perClass
        ? { key: 'ownImg.err.perClass', vars: { n: OWN_IMAGE_LIMITS.perClass, name: cls.name } }
        : { key: 'ownImg.err.total', vars: { n: OWN_IMAGE_LIMITS.total } }
      : null;
  const classes = set.classes.map((c, i) => (i === index ? { ...c, images: [...c.images, ...taken] } : c));
  return { set: { classes }, added: taken.length, refused };
}

export function removeOwnImage(set: OwnImages, index: number, image: number): OwnImages {
  return { classes: set.classes.map((c, i) => (i === index ? { ...c, images: c.images.filter((_, j) => j !== image) } : c)) };
}

export function addOwnClass(set: OwnImages, name: string): OwnImages | OwnImageError {
  if (set.classes.length >= OWN_IMAGE_LIMITS.maxClasses) return { key: 'ownImg.err.maxClasses', vars: { n: OWN_IMAGE_LIMITS.maxClasses } };
  const checked = checkClassName(set, -1, name);
  return typeof checked === 'string' ? { classes: [...set.classes, { name: checked, images: [] }] } : checked;
}

export function removeOwnClass(set: OwnImages, index: number): OwnImages | OwnImageError {
  if (set.classes.length <= OWN_IMAGE_LIMITS.minClasses) return { key: 'ownImg.err.minClasses', vars: { n: OWN_IMAGE_LIMITS.minClasses } };
  return { classes: set.classes.filter((_, i) => i !== index) };
}

export function renameOwnClass(set: OwnImages, index: number, name: string): OwnImages | OwnImageError {
  const checked = checkClassName(set, index, name);
  if (typeof checked !== 'string') return checked;
  return { classes: set.classes.map((c, i) => (i === index ? { ...c, name: checked } : c)) };
}

/** FNV-1a over the names and pixels: the same set on any device gives the same hash. */
export function hashOwnImages(set: OwnImages): string {
  let h = 0x811c9dc5;
  const mix = (v: number) => {
    h ^= v;
    h = Math.imul(h, 0x01000193);
  };
  for (const c of set.classes) {
    for (let i = 0; i < c.name.length; i++) mix(c.name.charCodeAt(i));
    mix(0x1f);
    for (const im of c.images) for (let i = 0; i < im.length; i++) mix(im[i]);
    mix(0x1e);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The reference an Experiment keeps, or why the set cannot train yet. */
export function ownImagesRef(set: OwnImages): OwnImagesRef | OwnImageError {
  if (set.classes.length < OWN_IMAGE_LIMITS.minClasses) return { key: 'ownImg.err.minClasses', vars: { n: OWN_IMAGE_LIMITS.minClasses } };
  const few = set.classes.find((c) => c.images.length < OWN_IMAGE_LIMITS.minPerClass);
  if (few) return { key: 'ownImg.err.fewImages', vars: { name: few.name, n: OWN_IMAGE_LIMITS.minPerClass } };
  return { hash: hashOwnImages(set), classes: set.classes.map((c) => c.name), counts: set.classes.map((c) => c.images.length) };
}

/** Every image as floats in [0, 1] with its class index, class after class. */
export function ownImagesDataset(set: OwnImages): { images: Float32Array; labels: Float32Array } {
  const n = total(set);
  const images = new Float32Array(n * PIXELS);
  const labels = new Float32Array(n);
  let k = 0;
  set.classes.forEach((c, ci) => {
    for (const im of c.images) {
      for (let i = 0; i < PIXELS; i++) images[k * PIXELS + i] = im[i] / 255;
      labels[k++] = ci;
    }
  });
  return { images, labels };
}

// ── Saved files: base64 of each class's pixels, checked with zod on the way in ──

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** The set as a saved file carries it. */
export interface OwnImagesSource {
  side: number;
  classes: { name: string; pixels: string }[];
}

export function encodeOwnImages(set: OwnImages): OwnImagesSource {
  return {
    side: OWN_IMAGE_SIDE,
    classes: set.classes.map((c) => {
      const all = new Uint8Array(c.images.length * PIXELS);
      c.images.forEach((im, i) => all.set(im, i * PIXELS));
      return { name: c.name, pixels: toBase64(all) };
    }),
  };
}

const MAX_BASE64 = Math.ceil((OWN_IMAGE_LIMITS.perClass * PIXELS) / 3) * 4;
export const ownImagesSourceSchema = z.object({
  side: z.literal(OWN_IMAGE_SIDE),
  classes: z
    .array(z.object({ name: z.string().min(1).max(OWN_IMAGE_LIMITS.name * 2), pixels: z.string().max(MAX_BASE64).regex(/^[A-Za-z0-9+/]*={0,2}$/) }))
    .min(OWN_IMAGE_LIMITS.minClasses)
    .max(OWN_IMAGE_LIMITS.maxClasses),
});

/** A saved file's images back, or an error; never throws. */
export function decodeOwnImages(raw: unknown): OwnImages | OwnImageError {
  const parsed = ownImagesSourceSchema.safeParse(raw);
  if (!parsed.success) return { key: 'ownImg.err.file' };
  const classes: OwnImageClass[] = [];
  for (const c of parsed.data.classes) {
    let bytes: Uint8Array;
    try {
      bytes = fromBase64(c.pixels);
    } catch {
      return { key: 'ownImg.err.file' };
    }
    if (bytes.length % PIXELS !== 0) return { key: 'ownImg.err.file' };
    const images: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += PIXELS) images.push(bytes.slice(i, i + PIXELS));
    classes.push({ name: c.name, images });
  }
  const set = { classes };
  if (total(set) > OWN_IMAGE_LIMITS.total || new Set(classes.map((c) => c.name)).size !== classes.length) return { key: 'ownImg.err.file' };
  return set;
}
