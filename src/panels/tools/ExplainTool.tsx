import { lazy } from 'react';
import { modalityOf } from '../../data/datasetSpec';
import { useAppStore } from '../../store/context';

const ImageExplain = lazy(() => import('./ImageExplain'));
const TokenAttribution = lazy(() => import('./TokenAttribution'));

/** The explanations tab: attribution maps in the image lab, attribution per token in the sequence lab. */
export default function ExplainTool() {
  const modality = useAppStore((s) => modalityOf(s.experiment.dataset.kind));
  return modality === 'sequences' ? <TokenAttribution /> : <ImageExplain />;
}
