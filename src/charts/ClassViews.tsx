import { useT } from '../i18n';
import { classColors } from './colors';
import { overWhite, readableText } from './contrast';
import { ImageGrid } from './ImageGrid';

/** The network's output for the probe image as one bar per class, the true class marked. */
export function ProbabilityBars({ probabilities, names, label }: { probabilities: Float32Array; names: readonly string[]; label: number }) {
  const t = useT();
  let best = 0;
  probabilities.forEach((p, i) => (best = p > probabilities[best] ? i : best));
  return (
    <div className="prob-bars class-probs" role="list" aria-label={t('image.probs.label')} data-testid="prob-bars" data-tour="probabilities">
      {names.map((name, i) => {
        const p = probabilities[i] ?? 0;
        return (
          <div key={i} role="listitem" className={`prob-row${i === best ? ' best' : ''}${i === label ? ' truth' : ''}`} data-testid={`prob-${i}`}>
            <span className="prob-name">{name}</span>
            <span className="prob-track">
              <span className="prob-fill" style={{ transform: `scaleX(${Math.max(0, Math.min(1, p))})` }} />
            </span>
            <span className="prob-value">{(p * 100).toFixed(1)}%</span>
            <span className="prob-mark">{i === label ? t('image.probs.truth') : ''}</span>
          </div>
        );
      })}
    </div>
  );
}

/**
 * Confusion matrix of the test split: rows are true classes, columns predictions. Cells are shaded
 * by the share of their row, so a class the network confuses with another shows as a dark cell off
 * the diagonal even when classes differ in size.
 */
export function ConfusionMatrix({ confusion, names }: { confusion: Int32Array; names: readonly string[] }) {
  const t = useT();
  const n = names.length;
  const rowTotals = names.map((_, r) => confusion.subarray(r * n, (r + 1) * n).reduce((a, b) => a + b, 0));
  return (
    <table className="confusion" data-testid="confusion" data-tour="confusion" aria-label={t('image.confusion.label')}>
      <thead>
        <tr>
          <th className="corner" scope="col">
            <span className="dim">{t('image.confusion.corner')}</span>
          </th>
          {names.map((name, c) => (
            <th key={c} scope="col">
              {name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {names.map((name, r) => (
          <tr key={r}>
            <th scope="row">{name}</th>
            {names.map((_, c) => {
              const count = confusion[r * n + c];
              const share = rowTotals[r] ? count / rowTotals[r] : 0;
              const diagonal = r === c;
              const alpha = count ? 0.08 + 0.92 * share : 0;
              // Opaque (the cell over white) so the text colour can be chosen by its contrast.
              const background = diagonal ? overWhite(8, 119, 189, alpha) : overWhite(217, 72, 15, alpha);
              return (
                <td
                  key={c}
                  style={{ background, color: readableText(background) }}
                  title={t('image.confusion.cell', { count, truth: name, predicted: names[c] })}
                >
                  {count || ''}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface Mistake {
  index: number;
  label: number;
  predicted: number;
  confidence: number;
}

/** Misclassified test images with "true → predicted"; clicking one looks inside the network for it. */
export function MistakeGallery({ mistakes, images, side, names, onPick }: { mistakes: readonly Mistake[]; images: Float32Array; side: number; names: readonly string[]; onPick(index: number): void }) {
  const t = useT();
  if (mistakes.length === 0) return <p className="hint">{t('image.mistakes.none')}</p>;
  const colors = classColors(names.length);
  return (
    <div className="mistakes" data-testid="mistakes" data-tour="mistakes">
      {/* Keyed by place, not by test image: a new pass reuses the canvases instead of making new ones. */}
      {mistakes.map((m, k) => (
        <button
          key={k}
          type="button"
          className="mistake"
          onClick={() => onPick(m.index)}
          title={t('image.mistakes.title', { truth: names[m.label], predicted: names[m.predicted], p: Math.round(m.confidence * 100) })}
        >
          <ImageGrid pixels={images.subarray(k * side * side, (k + 1) * side * side)} size={side} count={1} columns={1} captions={[]} cell={44} label={t('image.mistakes.image', { truth: names[m.label] })} />
          <span className="mistake-caption">
            <span>{names[m.label]}</span>→<span style={{ borderBottom: `3px solid ${colors[m.predicted]}` }}>{names[m.predicted]}</span>
          </span>
        </button>
      ))}
    </div>
  );
}
