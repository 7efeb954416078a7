import { lazy, type ComponentType } from 'react';
import type { Modality } from '../models/spec';
import { ImageLab } from './images/ImageLab';
import { PointsLab } from './points/PointsLab';
import { SequenceLab } from './sequences/SequenceLab';

/**
 * The labs, one per kind of data: the shell shows the one the dataset's modality names.
 * A new lab is a folder under src/labs/ plus its line here (and its modality in models/spec).
 * This file is the only one under src/labs/ that may import more than one lab.
 */
export const LABS: Record<Modality, ComponentType> = {
  points: PointsLab,
  images: ImageLab,
  sequences: SequenceLab,
};

/**
 * Training dynamics: views that are not about the Experiment's data but about how training moves
 * (the optimizer race). The shell shows them in a tab of their own; each loads on its first visit.
 */
export const RaceLab = lazy(() => import('./race/RaceLab'));
