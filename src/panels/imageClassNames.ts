import { useMemo } from 'react';
import { SHAPE_NAMES } from '../data/shapes';
import type { DatasetSpec } from '../data/datasetSpec';
import { useT, type TFunction } from '../i18n';
import { useAppStore } from '../store/context';

/**
 * Class names as the image lab and its tools print them: the digits, the shapes' names in the
 * reader's language, or the learner's own classes.
 */
export function imageClassNames(dataset: Pick<DatasetSpec, 'kind' | 'images'>, t: TFunction): string[] {
  if (dataset.kind === 'mnist') return Array.from({ length: 10 }, (_, i) => String(i));
  if (dataset.kind === 'shapes') return SHAPE_NAMES.map((n) => t(`shape.${n}`));
  return dataset.images?.classes ? [...dataset.images.classes] : [];
}

/** The current Experiment's image class names (see imageClassNames). */
export function useImageClassNames(): string[] {
  const t = useT();
  const kind = useAppStore((s) => s.experiment.dataset.kind);
  const images = useAppStore((s) => s.experiment.dataset.images);
  return useMemo(() => imageClassNames({ kind, images }, t), [kind, images, t]);
}
