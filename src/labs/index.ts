import type { ComponentType } from 'react';
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
