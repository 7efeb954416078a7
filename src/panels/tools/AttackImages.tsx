import { useEffect, useRef } from 'react';
import { divergingTable } from '../../charts/colors';
import { fillDivergingPixels, fillGreyPixels } from '../../charts/attackPaint';
import { context2d } from '../../charts/paintHeatmap';

/** One image painted on a canvas at its own resolution, scaled up with hard pixels. */
function PixelCanvas({ paint, h, w, label }: { paint: (out: Uint8ClampedArray) => void; h: number; w: number; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = context2d(canvas.current);
    if (!ctx) return;
    const img = ctx.createImageData(w, h);
    paint(img.data);
    ctx.putImageData(img, 0, 0);
  }, [paint, h, w]);
  return <canvas ref={canvas} width={w} height={h} className="adv-canvas" role="img" aria-label={label} data-testid="adv-canvas" />;
}

export interface AttackImagesProps {
  shape: number[];
  original: Float32Array;
  perturbation: Float32Array;
  adversarial: Float32Array;
  eps: number;
  captions: { original: string; perturbation: string; adversarial: string };
  below: { original: string; perturbation: string; adversarial: string };
}

/** Original, perturbation (diverging, ±ε fills the scale) and adversarial image side by side. */
export function AttackImages({ shape, original, perturbation, adversarial, eps, captions, below }: AttackImagesProps) {
  const [h, w, c = 1] = shape;
  const gain = eps > 0 ? 1 / eps : 1;
  const cells: { key: keyof AttackImagesProps['captions']; paint: (out: Uint8ClampedArray) => void }[] = [
    { key: 'original', paint: (out) => fillGreyPixels(out, original, h, w, c) },
    { key: 'perturbation', paint: (out) => fillDivergingPixels(out, perturbation, h, w, gain, divergingTable(), c) },
    { key: 'adversarial', paint: (out) => fillGreyPixels(out, adversarial, h, w, c) },
  ];
  return (
    <div className="adv-images" data-testid="adv-images">
      {cells.map(({ key, paint }) => (
        <figure key={key} className="adv-cell">
          <figcaption>{captions[key]}</figcaption>
          <PixelCanvas paint={paint} h={h} w={w} label={captions[key]} />
          <div className="adv-below" data-testid={`adv-below-${key}`}>
            {below[key]}
          </div>
        </figure>
      ))}
    </div>
  );
}
