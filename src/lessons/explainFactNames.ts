/** The explanation facts' names and meanings, spread into FACTS (format.ts); values in explainFacts.ts. */
export const EXPLAIN_FACTS = {
  explainMethod: 'string: the method of the latest explanation map: saliency | smoothGrad | integratedGradients | gradCam | occlusion (none before one)',
  explainOnDrawing: 'boolean: the latest explanation map is of the learner\'s drawing',
  explainInkShare: 'number, 0–1: the share of the latest map\'s |values| on the ink (non-black pixels)',
  explainGap: 'number: Integrated Gradients\' completeness gap, |Σ attributions − (score − black image\'s score)| ÷ |score − black image\'s score| (none for other methods)',
  tokensColoured: 'number: tokens given a value in the latest token attribution (sequence lab)',
} as const;
