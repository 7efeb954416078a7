import type { FeatureId } from '../../models/spec';

/** Features are written as maths, the same in every language. */
export const FEATURE_LABELS: Record<FeatureId, string> = {
  x1: 'x₁',
  x2: 'x₂',
  x1Sq: 'x₁²',
  x2Sq: 'x₂²',
  x1x2: 'x₁x₂',
  sinX1: 'sin(x₁)',
  sinX2: 'sin(x₂)',
};
