import { zipSync } from 'fflate';

/**
 * NumPy's `.npy` (format 1.0) and `.npz` files, written by hand: a magic string, a Python-dict
 * header padded to 64 bytes, then the raw little-endian values. `np.load` reads them with no
 * pickle. Only float32 is needed: the app's data arrays are Float32Array.
 */

export interface NpyArray {
  values: Float32Array;
  shape: number[];
}

/** One `.npy` file: a float32 array of `shape` (C order). Throws when the sizes disagree. */
export function npyBytes({ values, shape }: NpyArray): Uint8Array {
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== values.length) throw new Error(`npy: shape [${shape.join(', ')}] holds ${size} values, not ${values.length}`);
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${dims}), }`;
  // Magic (6) + version (2) + header length (2) + header + '\n', a multiple of 64.
  const pad = 64 - ((10 + header.length + 1) % 64);
  header = header + ' '.repeat(pad % 64) + '\n';
  const out = new Uint8Array(10 + header.length + values.byteLength);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  out[8] = header.length & 0xff;
  out[9] = header.length >> 8;
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const view = new DataView(out.buffer, 10 + header.length);
  // Little-endian explicitly, whatever the platform.
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return out;
}

/** An `.npz` archive (a zip of `.npy` files, stored uncompressed as numpy.savez does). */
export function npzBytes(arrays: Record<string, NpyArray>): Uint8Array {
  const files: Record<string, [Uint8Array, { level: 0 }]> = {};
  for (const [name, a] of Object.entries(arrays)) files[`${name}.npy`] = [npyBytes(a), { level: 0 }];
  return zipSync(files);
}
