import { defineMessages } from '../define';

/** Strings of the convolution lab (feature maps, kernels, probabilities, confusion matrix, gallery). */
export const cnn = defineMessages({});
