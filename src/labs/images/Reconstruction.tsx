import { useEffect, useMemo, useRef } from 'react';
import { useT } from '../../i18n';
import { outputActivation, outputPixels } from '../../models/latentSpace';
import { taskOf } from '../../models/spec';
import { useAppStore } from '../../store/context';
import { selectImages } from '../../store/selectors';
import { Figure } from '../../ui/Figure';
import './Reconstruction.css';

/** One grey image in [0, 1], side × side, ink dark on white. */
function Picture({ values, side, label }: { values: Float32Array; side: number; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(side, side);
    for (let i = 0; i < side * side; i++) {
      const g = Math.round(255 * (1 - Math.min(1, Math.max(0, values[i] ?? 0))));
      img.data.set([g, g, g, 255], i * 4);
    }
    ctx.putImageData(img, 0, 0);
  }, [values, side]);
  return (
    <figure className="recon-picture">
      <canvas ref={ref} width={side} height={side} role="img" aria-label={label} />
      <figcaption>{label}</figcaption>
    </figure>
  );
}

/**
 * An autoencoder's answer for the probe image (task `reconstruct`): the input beside its
 * reconstruction, and why the class views (probabilities, confusion matrix) are absent.
 */
export function Reconstruction() {
  const t = useT();
  const reconstructs = useAppStore((s) => taskOf(s.experiment.dataset) === 'reconstruct');
  const images = useAppStore(selectImages);
  const network = useAppStore((s) => s.experiment.network);
  const loss = useAppStore((s) => s.experiment.training.loss);
  const activation = useMemo(() => outputActivation(network), [network]);
  const output = useMemo(() => (images ? outputPixels(images.output, activation, loss) : null), [images, activation, loss]);
  if (!reconstructs) return null;
  const side = images?.input.shape[0] ?? 0;
  // Until the network reports an output of one value per pixel, only the note.
  const ready = images && side > 0 && images.output.length === side * side;
  return (
    <div className="reconstruction" data-testid="reconstruction">
      <p className="hint">{t('recon.note')}</p>
      {ready ? (
        <>
          <h3>{images.testIndex >= 0 ? t('recon.titleTest', { n: images.testIndex + 1 }) : t('recon.titleDrawing')}</h3>
          <Figure name="reconstruction">
            <div className="recon-pair">
              <Picture values={images.input.values} side={side} label={t('recon.input')} />
              <Picture values={output ?? images.output} side={side} label={t('recon.output')} />
            </div>
          </Figure>
        </>
      ) : null}
    </div>
  );
}
