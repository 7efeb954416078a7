import { useEffect, useRef } from 'react';
import { generateDataset } from '../data/datasets2d';
import { mnistSamples } from '../data/mnistSamples';
import { generateShapes, SHAPE_SIZE } from '../data/shapes';
import { isImageDataset, type DatasetKind } from '../models/spec';
import { classColors } from '../visualizations/colors';

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

/** A small picture of a dataset kind, drawn from the real generator (200 points, fixed seed). */
export function DatasetThumb({ kind, classes }: { kind: DatasetKind; classes: number }) {
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
