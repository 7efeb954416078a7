import type { NetworkSpec } from './spec';

/**
 * A small student for a teacher on images: Flatten → Dense(`units`, ReLU) → Dense(classes,
 * softmax). Far fewer weights than the image lab's CNNs, so the teacher has something to teach.
 */
export function studentNetwork(inputShape: readonly number[], classes: number, units = 16): NetworkSpec {
  return {
    nodes: [
      { id: 'input', type: 'Input', params: { shape: [...inputShape] }, inputs: [] },
      { id: 'flatten', type: 'Flatten', params: {}, inputs: ['input'] },
      { id: 'hidden', type: 'Dense', params: { units, activation: 'relu', useBias: true }, inputs: ['flatten'] },
      { id: 'output', type: 'Dense', params: { units: classes, activation: 'softmax', useBias: true }, inputs: ['hidden'] },
    ],
  };
}
