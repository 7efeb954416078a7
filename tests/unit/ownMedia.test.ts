import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  addOwnClass,
  addOwnImages,
  checkImageFile,
  cropResizeGray,
  decodeOwnImages,
  encodeOwnImages,
  hashOwnImages,
  OWN_IMAGE_LIMITS,
  ownImagesRef,
  removeOwnClass,
  removeOwnImage,
  renameOwnClass,
  type OwnImages,
} from '../../src/data/ownImages';
import { makeOwnText, normalizeText, ownCharLmTask, ownTextRef, OWN_TEXT_LIMITS, UNKNOWN_CHAR } from '../../src/data/ownText';
import { DEFAULT_VIEW, decodeLink, encodeLink } from '../../src/models/codec';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import { datasetMismatch } from '../../src/models/fit';
import { decodeSavedFile, encodeSavedFile } from '../../src/models/weightsFile';
import { createAppStore } from '../../src/store/createAppStore';
import { OWN_IMAGES_KEY, restoreOwnMedia } from '../../src/store/ownMediaSlice';
import { registerFastCpuKernels } from '../../src/training/cpuKernels';
import { DataProblem, DataSourceLoader } from '../../src/training/dataSources';
import { prepareData } from '../../src/training/prepare';
import { ModelRuntime } from '../../src/training/runtime';
import { sequenceShape } from '../../src/data/sequenceData';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerFastCpuKernels(tf);
  vi.stubGlobal('MessageChannel', undefined);
});

/** An RGBA picture w × h: a dark ring (class 0) or a dark horizontal bar (class 1) on white, jittered by k. */
function picture(cls: 0 | 1, k: number, w = 64, h = 48): Uint8ClampedArray {
  const px = new Uint8ClampedArray(w * h * 4).fill(255);
  const cx = w / 2 + ((k * 7) % 9) - 4;
  const cy = h / 2 + ((k * 5) % 7) - 3;
  const r = 10 + (k % 5);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const ink = cls === 0 ? Math.abs(Math.hypot(x - cx, y - cy) - r) < 2.5 : Math.abs(y - cy) < 3 && Math.abs(x - cx) < r + 4;
      if (ink) px.set([20, 40, 30], (y * w + x) * 4);
    }
  }
  return px;
}

function twoClassSet(perClass: number): OwnImages {
  let set: OwnImages = { classes: [{ name: 'ring', images: [] }, { name: '横条', images: [] }] };
  for (const cls of [0, 1] as const) {
    const images = Array.from({ length: perClass }, (_, k) => cropResizeGray(picture(cls, k), 64, 48));
    set = addOwnImages(set, cls, images).set;
  }
  return set;
}

const gray = (v: number) => new Uint8Array(784).fill(v);

describe('own images: crop and resize', () => {
  it('centre-crops a wide picture to a square and averages down to 28×28 grey', () => {
    // 56 × 28: left quarter red, the rest blue; the centre square is columns 14–41.
    const w = 56;
    const h = 28;
    const px = new Uint8ClampedArray(w * h * 4);
    for (let i = 0; i < w * h; i++) px.set(i % w < 28 ? [255, 0, 0, 255] : [0, 0, 255, 255], i * 4);
    const out = cropResizeGray(px, w, h);
    expect(out.length).toBe(784);
    // Left half of the crop is red (luminance 0.299·255 ≈ 76), right half blue (0.114·255 ≈ 29).
    expect(out[0]).toBe(76);
    expect(out[13]).toBe(76);
    expect(out[14]).toBe(29);
    expect(out[27 * 28 + 27]).toBe(29);
  });

  it('averages blocks when shrinking, samples up when the picture is smaller, and shows transparency as white', () => {
    const big = new Uint8ClampedArray(56 * 56 * 4);
    for (let i = 0; i < 56 * 56; i++) big.set(((i % 56) + Math.floor(i / 56)) % 2 ? [255, 255, 255, 255] : [0, 0, 0, 255], i * 4);
    // A checkerboard of single pixels averages to mid grey in each 2×2 block.
    expect(new Set(cropResizeGray(big, 56, 56))).toEqual(new Set([128]));
    const tiny = new Uint8ClampedArray([0, 0, 0, 255, 255, 255, 255, 255, 0, 0, 0, 0, 0, 0, 0, 255]);
    const up = cropResizeGray(tiny, 2, 2);
    expect(up[0]).toBe(0);
    expect(up[27]).toBe(255);
    expect(up[27 * 28]).toBe(255); // transparent black → white
    expect(up[27 * 28 + 27]).toBe(0);
    expect(() => cropResizeGray(tiny, 3, 3)).toThrow(RangeError);
    expect(() => cropResizeGray(tiny, 0, 2)).toThrow(RangeError);
  });
});

describe('own images: limits and bad input', () => {
  it('checks a file before reading it: empty, too big, not an image', () => {
    expect(checkImageFile({ name: 'a.png', size: 0, type: 'image/png' })?.key).toBe('ownImg.err.empty');
    expect(checkImageFile({ name: 'a.png', size: OWN_IMAGE_LIMITS.fileBytes + 1, type: 'image/png' })?.key).toBe('ownImg.err.tooBig');
    expect(checkImageFile({ name: 'a.txt', size: 10, type: 'text/plain' })?.key).toBe('ownImg.err.notImage');
    expect(checkImageFile({ name: 'a.png', size: 10, type: 'image/png' })).toBeNull();
  });

  it('stops at the per-class and total limits, says so, and never changes the set it was given', () => {
    const set: OwnImages = { classes: [{ name: 'a', images: [] }, { name: 'b', images: [] }] };
    const many = Array.from({ length: OWN_IMAGE_LIMITS.perClass + 5 }, (_, i) => gray(i));
    const r = addOwnImages(set, 0, many);
    expect(r.added).toBe(OWN_IMAGE_LIMITS.perClass);
    expect(r.refused?.key).toBe('ownImg.err.perClass');
    expect(set.classes[0].images.length).toBe(0);
    let full: OwnImages = { classes: Array.from({ length: 5 }, (_, i) => ({ name: `c${i}`, images: [] as Uint8Array[] })) };
    for (let c = 0; c < 3; c++) full = addOwnImages(full, c, many.slice(0, OWN_IMAGE_LIMITS.perClass)).set;
    const over = addOwnImages(full, 3, many);
    expect(over.added).toBe(OWN_IMAGE_LIMITS.total - 3 * OWN_IMAGE_LIMITS.perClass);
    expect(over.refused?.key).toBe('ownImg.err.total');
  });

  it('refuses images of the wrong size and unknown classes, keeping every image', () => {
    const set = twoClassSet(3);
    const bad = addOwnImages(set, 0, [gray(1), new Uint8Array(100)]);
    expect(bad.added).toBe(0);
    expect(bad.refused?.key).toBe('ownImg.err.decode');
    expect(bad.set).toBe(set);
    expect(addOwnImages(set, 7, [gray(1)]).refused?.key).toBe('ownImg.err.noClass');
  });

  it('names and classes: empty, too long, taken, too few, too many', () => {
    const set = twoClassSet(2);
    expect(renameOwnClass(set, 0, '   ')).toEqual({ key: 'ownImg.err.nameEmpty' });
    expect(renameOwnClass(set, 0, 'x'.repeat(OWN_IMAGE_LIMITS.name + 1))).toMatchObject({ key: 'ownImg.err.nameLong' });
    expect(renameOwnClass(set, 0, '横条')).toMatchObject({ key: 'ownImg.err.nameTaken' });
    expect(renameOwnClass(set, 0, ' 圆环 ')).toMatchObject({ classes: [{ name: '圆环' }, { name: '横条' }] });
    expect(removeOwnClass(set, 0)).toMatchObject({ key: 'ownImg.err.minClasses' });
    let five: OwnImages | { key: string } = set;
    for (const n of ['c', 'd', 'e']) five = addOwnClass(five as OwnImages, n);
    expect((five as OwnImages).classes.length).toBe(5);
    expect(addOwnClass(five as OwnImages, 'f')).toMatchObject({ key: 'ownImg.err.maxClasses' });
    expect(ownImagesRef(five as OwnImages)).toMatchObject({ key: 'ownImg.err.fewImages', vars: { name: 'c' } });
  });

  it('the reference names classes and counts; its hash follows pixels and names', () => {
    const set = twoClassSet(4);
    const ref = ownImagesRef(set);
    expect(ref).toMatchObject({ classes: ['ring', '横条'], counts: [4, 4] });
    const fewer = removeOwnImage(set, 1, 0);
    expect(hashOwnImages(fewer)).not.toBe(hashOwnImages(set));
    expect(hashOwnImages(renameOwnClass(set, 0, 'o') as OwnImages)).not.toBe(hashOwnImages(set));
    expect(hashOwnImages(twoClassSet(4))).toBe(hashOwnImages(set));
  });
});

describe('own images: saved files and storage', () => {
  it('round-trip through a saved file byte for byte, with the Experiment naming them', () => {
    const set = twoClassSet(5);
    const ref = ownImagesRef(set);
    if ('key' in ref) throw new Error(ref.key);
    const exp = applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'ownImages', images: ref } });
    const back = decodeSavedFile(encodeSavedFile(exp, null, { ownImages: set }));
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.value.experiment.dataset.images).toEqual(ref);
    expect(hashOwnImages(back.value.ownImages!)).toBe(ref.hash);
    expect(back.value.ownImages!.classes[1].images[3]).toEqual(set.classes[1].images[3]);
  });

  it('a damaged image part is left out with a reason; the Experiment still opens', () => {
    const exp = defaultExperiment();
    const good = encodeOwnImages(twoClassSet(2));
    const cases: unknown[] = [
      { ...good, side: 32 },
      { ...good, classes: [good.classes[0]] },
      { ...good, classes: [good.classes[0], { name: 'b', pixels: 'AAAA' }] },
      { ...good, classes: [good.classes[0], { name: 'b', pixels: '!!notbase64' }] },
      { ...good, classes: [good.classes[0], { ...good.classes[0] }] },
      'nonsense',
    ];
    for (const raw of cases) {
      expect(decodeOwnImages(raw)).toEqual({ key: 'ownImg.err.file' });
      const text = encodeSavedFile(exp, null, {}).replace(/\}\s*$/, `, "ownImages": ${JSON.stringify(raw)} }`);
      const back = decodeSavedFile(text);
      expect(back.ok && back.value.ownImages === undefined && back.value.ownError?.key).toBe('ownImg.err.file');
    }
  });

  it('a link carries the reference, never the pixels; a bad reference is refused', () => {
    const set = twoClassSet(3);
    const ref = ownImagesRef(set);
    if ('key' in ref) throw new Error(ref.key);
    const exp = applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'ownImages', images: ref } });
    const link = encodeLink({ experiment: exp, view: DEFAULT_VIEW, hide: [] });
    expect(link.length).toBeLessThan(3000);
    const back = decodeLink(link);
    expect(back.ok && back.value.experiment.dataset.images).toEqual(ref);
    const bad = { ...exp, dataset: { ...exp.dataset, images: { ...ref, counts: [1] } } };
    expect(decodeLink(encodeLink({ experiment: bad, view: DEFAULT_VIEW, hide: [] })).ok).toBe(false);
  });

  it('the store keeps the set for the next visit and follows it while training on it', () => {
    const data: Record<string, string> = {};
    const storage = { getItem: (k: string) => data[k] ?? null, setItem: (k: string, v: string) => void (data[k] = v) };
    const store = createAppStore({ storage });
    store.getState().startOwnImages(['a', 'b']);
    expect(store.getState().trainOnOwnImages()).toBe(false);
    expect(store.getState().notice?.cause?.key).toBe('ownImg.err.fewImages');
    const exp0 = store.getState().experiment;
    expect(exp0.dataset.kind).not.toBe('ownImages');
    store.getState().addImages(0, [gray(10), gray(20)]);
    store.getState().addImages(1, [gray(200), gray(250), new Uint8Array(3)]);
    expect(store.getState().notice?.cause?.key).toBe('ownImg.err.decode');
    store.getState().addImages(1, [gray(200), gray(250)]);
    expect(store.getState().trainOnOwnImages()).toBe(true);
    const exp = store.getState().experiment;
    expect(exp.dataset.kind).toBe('ownImages');
    expect(exp.network.nodes.find((n) => n.id === 'output')?.params.units).toBe(2);
    expect(datasetMismatch(exp)).toBeNull();
    store.getState().addImages(1, [gray(240)]);
    expect(store.getState().experiment.dataset.images?.counts).toEqual([2, 3]);
    expect(restoreOwnMedia(storage).images?.classes[1].images.length).toBe(3);
    data[OWN_IMAGES_KEY] = '{"broken';
    expect(restoreOwnMedia(storage).images).toBeNull();
  });
});

describe('own images: training', () => {
  it('the engine says which images are missing or different instead of training on others', async () => {
    const set = twoClassSet(3);
    const ref = ownImagesRef(set);
    if ('key' in ref) throw new Error(ref.key);
    const exp = applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'ownImages', images: ref } });
    const loader = new DataSourceLoader(() => Promise.reject(new Error('no')));
    await expect(loader.sourcesFor(exp, () => undefined)).rejects.toBeInstanceOf(DataProblem);
    loader.ownImages = removeOwnImage(set, 0, 0);
    await expect(loader.sourcesFor(exp, () => undefined)).rejects.toMatchObject({ problem: { key: 'ownImg.other' } });
    loader.ownImages = set;
    expect((await loader.sourcesFor(exp, () => undefined)).ownImages).toBe(set);
    expect(() => prepareData(exp, {})).toThrow(/not loaded/);
  });

  it('two classes of pictures train the image lab well above chance, tensors flat across steps', async () => {
    const set = twoClassSet(24);
    const ref = ownImagesRef(set);
    if ('key' in ref) throw new Error(ref.key);
    let exp = applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'ownImages', images: ref } });
    exp = applyChange(exp, { type: 'training', patch: { batchSize: 16 } });
    const data = prepareData(exp, { ownImages: set });
    expect(data.inputShape[2]).toBe(1);
    expect(data.nTrain + data.nTest).toBe(48);
    expect(data.numClasses).toBe(2);
    const rt = new ModelRuntime(tf, exp, data);
    rt.train(2);
    const before = tf.memory().numTensors;
    rt.train(40);
    expect(tf.memory().numTensors).toBe(before);
    const m = await rt.evaluate();
    expect(tf.memory().numTensors).toBe(before);
    // Measured: test accuracy 1.0 after 42 steps (chance is 0.5).
    expect(m.testAcc).toBeGreaterThanOrEqual(0.85);
    rt.dispose();
  }, 60_000);
});

describe('own text', () => {
  const poem = '床前明月光，疑是地上霜。举头望明月，低头思故乡。\n'.repeat(10);
  const english = 'The quick brown fox jumps over the lazy dog. '.repeat(8);

  it('too short to train on, too long: a clear reason and nothing made', () => {
    expect(makeOwnText('short', 'a')).toEqual({ ok: false, error: { key: 'ownText.err.tooShort', vars: { n: OWN_TEXT_LIMITS.minChars, have: 5 } } });
    // Whitespace does not count towards the minimum.
    expect(makeOwnText(' \n'.repeat(300), 'a').ok).toBe(false);
    expect(makeOwnText('x'.repeat(OWN_TEXT_LIMITS.maxChars + 1), 'a')).toMatchObject({ ok: false, error: { key: 'ownText.err.tooLong' } });
    expect(makeOwnText(english, 'fox').ok).toBe(true);
  });

  it('normalises line ends, tabs and control characters; the vocabulary is the text’s characters, most frequent first', () => {
    expect(normalizeText('a\r\nb\rc\td\u0000e\ufeff')).toBe('a\nb\nc de');
    const made = makeOwnText(poem, '静夜思');
    if (!made.ok) throw new Error(made.error.key);
    // 。, 头, 明 and 月 appear twice a line, ties broken by code point; the rest once.
    expect(made.text.vocab.slice(0, 4)).toEqual(['。', '头', '明', '月']);
    expect(new Set(made.text.vocab)).toEqual(new Set(Array.from(poem)));
    expect(made.text.replaced).toBe(0);
    const again = makeOwnText(poem, '静夜思');
    expect(again.ok && again.text.hash).toBe(made.text.hash);
  });

  it('characters beyond the vocabulary become one unknown character', () => {
    // 400 distinct CJK characters, each once, after a frequent English part.
    const rare = Array.from({ length: 400 }, (_, i) => String.fromCodePoint(0x4e00 + i)).join('');
    const made = makeOwnText(english + rare, 'mixed');
    if (!made.ok) throw new Error(made.error.key);
    expect(made.text.vocab.length).toBe(OWN_TEXT_LIMITS.maxVocab);
    expect(made.text.vocab.at(-1)).toBe(UNKNOWN_CHAR);
    expect(made.text.replaced).toBeGreaterThan(100);
    expect(Array.from(made.text.text).every((c) => made.text.vocab.includes(c))).toBe(true);
  });

  it('the language model reads windows of the text; the network is sized from the reference alone', () => {
    const made = makeOwnText(english, 'fox');
    if (!made.ok) throw new Error(made.error.key);
    const ref = ownTextRef(made.text);
    const task = ownCharLmTask(made.text.text, ref, 5, 16, 1);
    const back = (ids: Int32Array) => Array.from(ids, (i) => task.vocab.tokens[i]).join('');
    expect(made.text.text).toContain(back(task.inputs.subarray(0, 16)));
    expect(back(task.targets.subarray(0, 16)).slice(0, 15)).toBe(back(task.inputs.subarray(1, 16)));
    const exp = applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'charLm', text: ref } });
    expect(sequenceShape(exp.dataset).vocab.length).toBe(4 + made.text.vocab.length);
    expect(datasetMismatch(exp)).toBeNull();
    const link = decodeLink(encodeLink({ experiment: exp, view: DEFAULT_VIEW, hide: [] }));
    expect(link.ok && link.value.experiment.dataset.text).toEqual(ref);
    const file = decodeSavedFile(encodeSavedFile(exp, null, { ownText: made.text }));
    expect(file.ok && file.value.ownText?.hash).toBe(ref.hash);
    expect(() => prepareData(exp, {})).toThrow(/not loaded/);
  });

  it('a pasted text trains the language model: the loss falls, tensors flat', async () => {
    const store = createAppStore();
    const before = store.getState().experiment;
    expect(store.getState().trainOnOwnText('too short', 'x')).toBe(false);
    expect(store.getState().notice?.cause?.key).toBe('ownText.err.tooShort');
    expect(store.getState().experiment).toBe(before);
    expect(store.getState().trainOnOwnText(english, 'fox')).toBe(true);
    let exp = store.getState().experiment;
    exp = applyChange(exp, { type: 'dataset', patch: { numPoints: 200 } });
    exp = applyChange(exp, { type: 'training', patch: { learningRate: 0.01, optimizer: 'adam' } });
    const rt = new ModelRuntime(tf, exp, prepareData(exp, { ownText: store.getState().ownText! }));
    const first = await rt.evaluate();
    rt.train(2);
    const n = tf.memory().numTensors;
    rt.train(60);
    expect(tf.memory().numTensors).toBe(n);
    const after = await rt.evaluate();
    expect(after.trainLoss).toBeLessThan(first.trainLoss * 0.8);
    rt.dispose();
    store.getState().dropOwnText();
    expect(store.getState().experiment.dataset.text).toBeNull();
  }, 60_000);
});
