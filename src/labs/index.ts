import { lazy, type ComponentType } from 'react';
import type { Modality } from '../models/spec';
import { PointsLab } from './points/PointsLab';
import { lazyNamed } from '../ui/lazyNamed';

/**
 * The labs, one per kind of data: the shell shows the one the dataset's modality names (inside a
 * Suspense boundary). The playground is the first screen and comes with the page; the image and
 * sequence labs load when first shown, so a class opening the playground does not download them.
 * A new lab is a folder under src/labs/ plus its line here (and its modality in models/spec).
 * This file is the only one under src/labs/ that may import more than one lab.
 */
export const LABS: Record<Modality, ComponentType> = {
  points: PointsLab,
  images: lazyNamed(() => import('./images/ImageLab'), (m) => m.ImageLab),
  sequences: lazyNamed(() => import('./sequences/SequenceLab'), (m) => m.SequenceLab),
  ratings: lazyNamed(() => import('./ratings/RatingsLab'), (m) => m.RatingsLab),
};

/**
 * Training dynamics: views that are not about the Experiment's data but about how training moves
 * (the optimizer race). The shell shows them in a tab of their own; each loads on its first visit.
 */
export const RaceLab = lazy(() => import('./race/RaceLab'));
