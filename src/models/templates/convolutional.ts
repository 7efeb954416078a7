import type { LayerParamsByType } from '../catalog';
import type { Padding } from '../catalog/convolution';
import type { Activation, LayerNode } from '../spec';
import { chain, graph, node, type TemplateDef } from './build';

type P = LayerParamsByType;

const conv = (filters: number, kernelSize: number, activation: Activation = 'relu', strides = 1, padding: Padding = 'same', useBias = true): P['Conv2D'] => ({
  filters,
  kernelSize,
  strides,
  padding,
  activation,
  useBias,
});
const pool = (poolSize: number, strides = 0, padding: Padding = 'valid'): P['MaxPool2D'] => ({ poolSize, strides, padding });
const dense = (units: number, activation: Activation): P['Dense'] => ({ units, activation, useBias: true });
const bn: P['BatchNormalization'] = { momentum: 0.99, epsilon: 0.001 };

/** LeCun et al. 1998, as the textbooks draw it: 32×32 input, tanh, average pooling, 61,706 weights. */
export const lenet5: TemplateDef = {
  id: 'lenet5',
  family: 'cnn',
  inputKind: 'image32',
  noteKey: 'template.lenet5.note',
  network: () =>
    graph(
      chain([
        ['input', 'Input', { shape: [32, 32, 1] }],
        ['conv1', 'Conv2D', conv(6, 5, 'tanh', 1, 'valid')],
        ['pool1', 'AvgPool2D', pool(2)],
        ['conv2', 'Conv2D', conv(16, 5, 'tanh', 1, 'valid')],
        ['pool2', 'AvgPool2D', pool(2)],
        ['flatten', 'Flatten'],
        ['fc1', 'Dense', dense(120, 'tanh')],
        ['fc2', 'Dense', dense(84, 'tanh')],
        ['output', 'Dense', dense(10, 'softmax')],
      ]),
    ),
};

/** AlexNet (2012) at toy scale: ReLU, overlapping 3/2 max pooling, five convolutions, dropout. */
export const alexnet: TemplateDef = {
  id: 'alexnet',
  family: 'cnn',
  inputKind: 'image28',
  noteKey: 'template.alexnet.note',
  network: () =>
    graph(
      chain([
        ['input', 'Input', { shape: [28, 28, 1] }],
        ['conv1', 'Conv2D', conv(16, 5)],
        ['pool1', 'MaxPool2D', pool(3, 2)],
        ['conv2', 'Conv2D', conv(32, 3)],
        ['pool2', 'MaxPool2D', pool(3, 2)],
        ['conv3', 'Conv2D', conv(48, 3)],
        ['conv4', 'Conv2D', conv(48, 3)],
        ['conv5', 'Conv2D', conv(32, 3)],
        ['pool3', 'MaxPool2D', pool(3, 2)],
        ['flatten', 'Flatten'],
        ['fc1', 'Dense', dense(128, 'relu')],
        ['drop1', 'Dropout', { rate: 0.5 }],
        ['fc2', 'Dense', dense(128, 'relu')],
        ['drop2', 'Dropout', { rate: 0.5 }],
        ['output', 'Dense', dense(10, 'softmax')],
      ]),
    ),
};

/** VGG (2014) at toy scale: only 3×3 convolutions, two per block, then 2×2 max pooling. */
export const vgg: TemplateDef = {
  id: 'vgg',
  family: 'cnn',
  inputKind: 'image28',
  noteKey: 'template.vgg.note',
  network: () =>
    graph(
      chain([
        ['input', 'Input', { shape: [28, 28, 1] }],
        ['conv1_1', 'Conv2D', conv(16, 3)],
        ['conv1_2', 'Conv2D', conv(16, 3)],
        ['pool1', 'MaxPool2D', pool(2)],
        ['conv2_1', 'Conv2D', conv(32, 3)],
        ['conv2_2', 'Conv2D', conv(32, 3)],
        ['pool2', 'MaxPool2D', pool(2)],
        ['flatten', 'Flatten'],
        ['fc1', 'Dense', dense(64, 'relu')],
        ['drop1', 'Dropout', { rate: 0.5 }],
        ['output', 'Dense', dense(10, 'softmax')],
      ]),
    ),
};

/** One residual block: conv-BN-ReLU-conv-BN, added to the shortcut, then ReLU. */
function residualBlock(prefix: string, input: string, filters: number, strides: number): LayerNode[] {
  const nodes = chain([
    [`${prefix}_conv1`, 'Conv2D', conv(filters, 3, 'linear', strides, 'same', false), [input]],
    [`${prefix}_bn1`, 'BatchNormalization', bn],
    [`${prefix}_relu1`, 'Activation', { activation: 'relu' }],
    [`${prefix}_conv2`, 'Conv2D', conv(filters, 3, 'linear', 1, 'same', false)],
    [`${prefix}_bn2`, 'BatchNormalization', bn],
  ]);
  let shortcut = input;
  if (strides !== 1) {
    // The projection shortcut: a 1×1 convolution where the block changes size and width.
    nodes.push(
      node(`${prefix}_proj`, 'Conv2D', conv(filters, 1, 'linear', strides, 'same', false), [input]),
      node(`${prefix}_proj_bn`, 'BatchNormalization', bn, [`${prefix}_proj`]),
    );
    shortcut = `${prefix}_proj_bn`;
  }
  nodes.push(
    node(`${prefix}_add`, 'Add', {}, [`${prefix}_bn2`, shortcut]),
    node(`${prefix}_out`, 'Activation', { activation: 'relu' }, [`${prefix}_add`]),
  );
  return nodes;
}

/** ResNet (2015) at toy scale: a stem and two residual blocks, the second one downsampling. */
export const resnet: TemplateDef = {
  id: 'resnet',
  family: 'cnn',
  inputKind: 'image28',
  noteKey: 'template.resnet.note',
  network: () =>
    graph([
      ...chain([
        ['input', 'Input', { shape: [28, 28, 1] }],
        ['stem_conv', 'Conv2D', conv(16, 3, 'linear', 1, 'same', false)],
        ['stem_bn', 'BatchNormalization', bn],
        ['stem_relu', 'Activation', { activation: 'relu' }],
      ]),
      ...residualBlock('block1', 'stem_relu', 16, 1),
      ...residualBlock('block2', 'block1_out', 32, 2),
      node('gap', 'GlobalAveragePooling2D', {}, ['block2_out']),
      node('output', 'Dense', dense(10, 'softmax'), ['gap']),
    ]),
};

/** A dense block: each BN-ReLU-conv sees the concatenation of everything before it. */
function denseBlock(prefix: string, input: string, layers: number, growth: number): { nodes: LayerNode[]; out: string } {
  const nodes: LayerNode[] = [];
  let features = input;
  for (let i = 1; i <= layers; i++) {
    const p = `${prefix}_l${i}`;
    nodes.push(
      ...chain([
        [`${p}_bn`, 'BatchNormalization', bn, [features]],
        [`${p}_relu`, 'Activation', { activation: 'relu' }],
        [`${p}_conv`, 'Conv2D', conv(growth, 3, 'linear', 1, 'same', false)],
      ]),
      node(`${p}_cat`, 'Concatenate', { axis: -1 }, [features, `${p}_conv`]),
    );
    features = `${p}_cat`;
  }
  return { nodes, out: features };
}

/** DenseNet (2017) at toy scale: two dense blocks of growth rate 8 joined by a transition. */
export const densenet: TemplateDef = {
  id: 'densenet',
  family: 'cnn',
  inputKind: 'image28',
  noteKey: 'template.densenet.note',
  network: () => {
    const block1 = denseBlock('block1', 'stem_conv', 3, 8);
    const transition = chain([
      ['trans_bn', 'BatchNormalization', bn, [block1.out]],
      ['trans_relu', 'Activation', { activation: 'relu' }],
      ['trans_conv', 'Conv2D', conv(20, 1, 'linear', 1, 'same', false)],
      ['trans_pool', 'AvgPool2D', pool(2)],
    ]);
    const block2 = denseBlock('block2', 'trans_pool', 3, 8);
    return graph([
      ...chain([
        ['input', 'Input', { shape: [28, 28, 1] }],
        ['stem_conv', 'Conv2D', conv(16, 3, 'linear', 1, 'same', false)],
      ]),
      ...block1.nodes,
      ...transition,
      ...block2.nodes,
      ...chain([
        ['final_bn', 'BatchNormalization', bn, [block2.out]],
        ['final_relu', 'Activation', { activation: 'relu' }],
        ['gap', 'GlobalAveragePooling2D'],
        ['output', 'Dense', dense(10, 'softmax')],
      ]),
    ]);
  },
};

export const TEMPLATES: TemplateDef[] = [lenet5, alexnet, vgg, resnet, densenet];
