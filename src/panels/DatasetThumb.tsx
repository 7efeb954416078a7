import { useEffect, useRef } from 'react';
import { generateDataset } from '../data/datasets2d';
import { mnistSamples } from '../data/mnistSamples';
import { generateShapes, SHAPE_SIZE } from '../data/shapes';
import { useT } from '../i18n';
import { isImageDataset, isSequenceDataset, type DatasetKind, type SequenceKind } from '../models/spec';
import { RatingsThumb } from './RatingsThumb';
import { classColors, NEGATIVE_COLOR, POSITIVE_COLOR } from '../charts/colors';

const SIZE = 56;

/** Four sample images, 2×2, for an image dataset's thumbnail: real digits, or generated shapes. */
function paintImages(ctx: CanvasRenderingContext2D, kind: DatasetKind): void {
  const images = kind === 'mnist' ? mnistSamples() : generateShapes(4, 0, 3).images;
  const half = SIZE / 2;
  const img = ctx.createImageData(SHAPE_SIZE, SHAPE_SIZE);
  for (let k = 0; k < 4; k++) {
    for (let i = 0; i < SHAPE_SIZE * SHAPE_SIZE; i++) {
      const v = 255 - Math.round(images[k * SHAPE_SIZE * SHAPE_SIZE + i] * 200);
      img.data.set([v, v, v, 255], i * 4);
    }
    ctx.putImageData(img, (k % 2) * half, Math.floor(k / 2) * half, 0, 0, half, half);
  }
}

/** A sine's first part and its continuation, as SVG path data in a SIZE square. */
function sinePath(from: number, to: number): string {
  const points: string[] = [];
  for (let x = from; x <= to; x += 2) points.push(`${x},${(SIZE / 2 - 14 * Math.sin((x / SIZE) * 3 * Math.PI)).toFixed(1)}`);
  return `M${points.join('L')}`;
}

/**
 * A sequence task drawn as text: its example ('3 1 4 → 4 1 3') over three lines, input above the
 * arrow and answer below; the sine as a wave that goes on dashed. Sequence kinds have no points, so
 * the 2-D generator is never called for them.
 */
export function SequenceThumb({ kind, size = SIZE }: { kind: SequenceKind; size?: number }) {
  const t = useT();
  if (kind === 'sine') {
    return (
      <svg width={size} height={size} viewBox={`0 0 ${SIZE} ${SIZE}`} className="thumb seq-thumb" aria-hidden="true">
        <path d={sinePath(2, 36)} fill="none" stroke={NEGATIVE_COLOR} strokeWidth={2} />
        <path d={sinePath(36, 54)} fill="none" stroke={POSITIVE_COLOR} strokeWidth={2} strokeDasharray="3 2" />
      </svg>
    );
  }
  const [input = '', answer = ''] = t(`sequence.lab.thumb.${kind}`).split('→').map((p) => p.trim());
  return (
    <svg width={size} height={size} viewBox={`0 0 ${SIZE} ${SIZE}`} className="thumb seq-thumb" aria-hidden="true" fontSize={11} fontFamily="inherit" textAnchor="middle">
      <text x={SIZE / 2} y={16} fill="#333" textLength={input.length > 8 ? SIZE - 6 : undefined} lengthAdjust="spacingAndGlyphs">
        {input}
      </text>
      <text x={SIZE / 2} y={31} fill="#888">
        ↓
      </text>
      <text x={SIZE / 2} y={46} fill={POSITIVE_COLOR} fontWeight={600}>
        {answer}
      </text>
    </svg>
  );
}

/** A small picture of a dataset kind: a sequence task's example, else drawn from the real generator. */
export function DatasetThumb({ kind, classes }: { kind: DatasetKind; classes: number }) {
  if (isSequenceDataset(kind)) return <SequenceThumb kind={kind} />;
  if (kind === 'ratings') return <RatingsThumb />;
  return <PlaneThumb kind={kind} classes={classes} />;
}

/** A point set from its generator (200 points, fixed seed), or four sample images. */
function PlaneThumb({ kind, classes }: { kind: DatasetKind; classes: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    if (isImageDataset(kind)) return paintImages(ctx, kind);
    const ds = generateDataset({ kind, numPoints: 200, noise: 0, trainRatio: 0.5, classes, features: ['x1', 'x2'] }, 7);
    const colors = classColors(Math.max(2, ds.numClasses));
    ctx.clearRect(0, 0, SIZE, SIZE);
    for (let i = 0; i < ds.ys.length; i++) {
      const x = ((ds.xs[2 * i] + 6) / 12) * SIZE;
      const y = ((6 - ds.xs[2 * i + 1]) / 12) * SIZE;
      const v = ds.ys[i];
      ctx.fillStyle = ds.task === 'regression' ? (v < 0 ? colors[0] : colors[1]) : colors[v];
      ctx.globalAlpha = ds.task === 'regression' ? 0.25 + 0.75 * Math.abs(v) : 1;
      ctx.fillRect(x - 1, y - 1, 2.4, 2.4);
    }
  }, [kind, classes]);
  return <canvas ref={canvas} width={SIZE} height={SIZE} className="thumb" aria-hidden="true" />;
}
