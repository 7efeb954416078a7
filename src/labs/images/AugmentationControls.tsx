import { useEffect, useMemo, useRef, useState } from 'react';
import { applyTransform, AUGMENTATION_LIMITS, IDENTITY_TRANSFORM, previewVariants, type Augmentation, type TransformParams } from '../../data/augment';
import { deriveSeed } from '../../data/rng';
import { useT } from '../../i18n';
import { Slider } from '../../ui/Slider';
import './AugmentationControls.css';

/** One image to preview the augmentations on: h×w×c values in [0, 1], c = pixels.length / (h·w). */
export interface AugmentationSample {
  pixels: Float32Array;
  height: number;
  width: number;
}

export interface AugmentationControlsProps {
  value: Augmentation;
  onChange(patch: Partial<Augmentation>): void;
  /** The image the previews show, or null (then a hint replaces them). */
  sample: AugmentationSample | null;
  /** The experiment's seed: the previews are reproducible. */
  seed: number;
}

/** Display height of a preview in CSS px (28 px images at ~1.5×, six fit in a 260 px panel). */
const CELL = 40;
const VARIANTS = 6;

/**
 * Paints an h×w×c image, dark ink on light paper as everywhere else in the app (v = 255 − p·230);
 * with several channels, their mean.
 */
function paintImage(ctx: CanvasRenderingContext2D, pixels: Float32Array, h: number, w: number, c: number): void {
  const img = ctx.createImageData(w, h);
  for (let i = 0; i < h * w; i++) {
    let sum = 0;
    for (let k = 0; k < c; k++) sum += pixels[i * c + k];
    const v = 255 - Math.round((sum / c) * 230);
    img.data[i * 4] = v;
    img.data[i * 4 + 1] = v;
    img.data[i * 4 + 2] = v;
    img.data[i * 4 + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}

interface ThumbProps {
  pixels: Float32Array;
  height: number;
  width: number;
  channels: number;
  label: string;
}

/** One small image on its own canvas (a thin shell around `paintImage`; no canvas, no paint). */
function Thumb({ pixels, height, width, channels, label }: ThumbProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (ctx) paintImage(ctx, pixels, height, width, channels);
  }, [pixels, height, width, channels]);
  return (
    <canvas
      ref={canvas}
      className="aug-thumb"
      width={width}
      height={height}
      style={{ width: Math.round((CELL * width) / height), height: CELL }}
      role="img"
      aria-label={label}
      title={label}
    />
  );
}

/** A transform that changes one thing only. */
const only = (patch: Partial<TransformParams>): TransformParams => ({ ...IDENTITY_TRANSFORM, ...patch });

/** "+3" / "−3" with a real minus sign. */
const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

interface Previews {
  shift: TransformParams[];
  rotate: TransformParams[];
  zoom: TransformParams[];
  flip: TransformParams[];
  noise: TransformParams[];
}

/**
 * Augmentation settings for image datasets, each with a preview of what it alone does at its
 * current maximum on `sample`, and a row of random examples with everything combined. The group's
 * legend is for screen readers only: the host panel gives the visible heading.
 *
 * Pass a `sample` whose `pixels` keep their identity between renders (memoize a subarray): the
 * previews are recomputed and repainted when it changes.
 */
export function AugmentationControls({ value, onChange, sample, seed }: AugmentationControlsProps) {
  const t = useT();
  // Bumped by "Others" to draw another set of random examples; the seed keeps them reproducible.
  const [reroll, setReroll] = useState(0);
  const { shift, rotate, noise, flip } = value;
  const zoomPct = Math.round(value.zoom * 100);

  const transforms = useMemo<Previews>(
    () => ({
      shift: [only({ dx: shift, dy: shift }), only({ dx: -shift, dy: -shift })],
      rotate: [only({ angleDeg: rotate }), only({ angleDeg: -rotate })],
      zoom: [only({ scale: 1 - zoomPct / 100 }), only({ scale: 1 + zoomPct / 100 })],
      flip: [only({ flip: true })],
      noise: [only({ noiseStd: noise, noiseSeed: deriveSeed(seed, 'augment-preview-noise') })],
    }),
    [shift, rotate, zoomPct, noise, seed],
  );

  const pixels = sample?.pixels;
  const h = sample?.height ?? 0;
  const w = sample?.width ?? 0;
  const c = pixels && h > 0 && w > 0 ? Math.max(1, Math.round(pixels.length / (h * w))) : 0;
  const images = useMemo(() => {
    if (!pixels || c === 0) return null;
    const run = (list: TransformParams[]) => list.map((tr) => applyTransform(pixels, h, w, c, tr));
    return { shift: run(transforms.shift), rotate: run(transforms.rotate), zoom: run(transforms.zoom), flip: run(transforms.flip), noise: run(transforms.noise) };
  }, [pixels, h, w, c, transforms]);
  const zoom = value.zoom;
  const variants = useMemo(() => {
    if (!pixels || c === 0) return null;
    const aug = { shift, rotate, zoom, flip, noise };
    return previewVariants(pixels, h, w, c, aug, deriveSeed(seed, 'augment-preview') + reroll, VARIANTS);
  }, [pixels, h, w, c, shift, rotate, zoom, flip, noise, seed, reroll]);

  const thumbs = (list: Float32Array[] | undefined, labels: string[], off: boolean) =>
    list ? (
      <div className={`aug-previews${off ? ' is-off' : ''}`}>
        {list.map((px, i) => (
          <Thumb key={i} pixels={px} height={h} width={w} channels={c} label={labels[i]} />
        ))}
      </div>
    ) : null;

  return (
    <fieldset className="aug-controls" data-testid="augmentation" data-tour="augmentation">
      <legend>{t('image.input.aug.title')}</legend>
      <p className="hint">{sample ? t('image.input.aug.hint') : t('image.input.aug.noSample')}</p>
      <div className="aug-row">
        <Slider
          label={(n) => (n === 0 ? t('image.input.aug.shiftOff') : t('image.input.aug.shift', { n }))}
          value={shift}
          min={0}
          max={AUGMENTATION_LIMITS.shift}
          step={1}
          onChange={(v) => onChange({ shift: v })}
          testId="aug-shift"
        />
        {thumbs(images?.shift, [t('image.input.aug.shifted', { n: signed(shift) }), t('image.input.aug.shifted', { n: signed(-shift) })], shift === 0)}
      </div>
      <div className="aug-row">
        <Slider
          label={(n) => (n === 0 ? t('image.input.aug.rotateOff') : t('image.input.aug.rotate', { n }))}
          value={rotate}
          min={0}
          max={AUGMENTATION_LIMITS.rotate}
          step={5}
          onChange={(v) => onChange({ rotate: v })}
          testId="aug-rotate"
        />
        {thumbs(images?.rotate, [t('image.input.aug.rotated', { n: signed(rotate) }), t('image.input.aug.rotated', { n: signed(-rotate) })], rotate === 0)}
      </div>
      <div className="aug-row">
        <Slider
          label={(n) => (n === 0 ? t('image.input.aug.zoomOff') : t('image.input.aug.zoom', { n }))}
          value={zoomPct}
          min={0}
          max={Math.round(AUGMENTATION_LIMITS.zoom * 100)}
          step={5}
          onChange={(v) => onChange({ zoom: v / 100 })}
          testId="aug-zoom"
        />
        {thumbs(images?.zoom, [t('image.input.aug.zoomed', { n: 100 - zoomPct }), t('image.input.aug.zoomed', { n: 100 + zoomPct })], zoomPct === 0)}
      </div>
      <div className="aug-row">
        <label className="aug-check" title={t('image.input.aug.flipNote')}>
          <input type="checkbox" checked={flip} onChange={(e) => onChange({ flip: e.target.checked })} data-testid="aug-flip" />
          <span>{t('image.input.aug.flip')}</span>
        </label>
        {thumbs(images?.flip, [t('image.input.aug.mirrored')], !flip)}
      </div>
      <div className="aug-row">
        <Slider
          label={(n) => (n === 0 ? t('image.input.aug.noiseOff') : t('image.input.aug.noise', { n: (n / 100).toFixed(2) }))}
          value={Math.round(noise * 100)}
          min={0}
          max={Math.round(AUGMENTATION_LIMITS.noise * 100)}
          step={5}
          onChange={(v) => onChange({ noise: v / 100 })}
          testId="aug-noise"
        />
        {thumbs(images?.noise, [t('image.input.aug.noisy', { n: noise.toFixed(2) })], noise === 0)}
      </div>
      {variants ? (
        <div className="aug-variants">
          <div className="aug-variants-head">
            <span className="aug-variants-title">{t('image.input.aug.variants')}</span>
            <button type="button" className="aug-reroll" onClick={() => setReroll((r) => r + 1)} title={t('image.input.aug.rerollHint')} data-testid="aug-reroll">
              {t('image.input.aug.reroll')}
            </button>
          </div>
          <div className="aug-previews aug-variants-row">
            {variants.map((px, i) => (
              <Thumb key={i} pixels={px} height={h} width={w} channels={c} label={t('image.input.aug.variant', { n: i + 1 })} />
            ))}
          </div>
        </div>
      ) : null}
    </fieldset>
  );
}
