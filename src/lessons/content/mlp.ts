import type { Lesson } from '../format';
import { lesson as perceptron } from './mlp/perceptron';
import { lesson as hiddenLayerXor } from './mlp/hidden-layer-xor';
import { lesson as activationFunctions } from './mlp/activation-functions';
import { lesson as learningRate } from './mlp/learning-rate';
import { lesson as featuresVsDepth } from './mlp/features-vs-depth';
import { lesson as overfitting } from './mlp/overfitting';

/**
 * 多层感知机 (d2l-zh chapter 4): the perceptron and XOR, hidden layers, activation functions,
 * gradient descent and the learning rate, features versus depth, overfitting. Lesson 1 (the
 * playground tour) lives in the intro group.
 */
export const MLP_LESSONS: Lesson[] = [perceptron, hiddenLayerXor, activationFunctions, learningRate, featuresVsDepth, overfitting];
