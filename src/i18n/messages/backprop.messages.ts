import { defineMessages } from '../define';

/** Strings of the 2-D playground's step-through of backpropagation (labs/points/Backprop*.tsx). */
export const backprop = defineMessages({
  'bp.open': { en: 'Step through backprop', 'zh-CN': '逐步演示反向传播' },
  'bp.openHint': {
    en: 'Pause training and follow one example through the forward pass, the loss, the backward pass and the update',
    'zh-CN': '暂停训练，跟随一个样本走完前向传播、损失、反向传播和参数更新',
  },
  'bp.title': { en: 'Backpropagation, step by step', 'zh-CN': '反向传播，逐步演示' },
  'bp.region': { en: 'Backpropagation step-through', 'zh-CN': '反向传播逐步演示' },
  'bp.leave': { en: 'Back to training', 'zh-CN': '返回训练' },
  'bp.prev': { en: 'Previous', 'zh-CN': '上一步' },
  'bp.next': { en: 'Next', 'zh-CN': '下一步' },
  'bp.play': { en: 'Play through', 'zh-CN': '自动播放' },
  'bp.pausePlay': { en: 'Pause', 'zh-CN': '暂停' },
  'bp.stepOf': { en: 'Step {n} of {total}', 'zh-CN': '第 {n} 步，共 {total} 步' },
  'bp.keys': { en: '← → step', 'zh-CN': '← → 切换步骤' },
  'bp.weightsAt': { en: 'Weights after training step {step}', 'zh-CN': '第 {step} 步训练后的权重' },
  'bp.noWeights': {
    en: 'The network’s weights have not arrived yet. Press Train, or wait for the engine.',
    'zh-CN': '网络的权重还没有传来。请点击训练，或稍等引擎就绪。',
  },
  'bp.noExample': { en: 'This dataset has no training points to walk through.', 'zh-CN': '该数据集没有可演示的训练点。' },
  'bp.unavailable': {
    en: 'The step-through works on the playground’s own outputs; this network’s output cannot be read that way.',
    'zh-CN': '逐步演示只适用于游乐场自带的输出层；这个网络的输出无法这样解读。',
  },

  // Phases.
  'bp.phase.example': { en: 'Example', 'zh-CN': '样本' },
  'bp.phase.forward': { en: 'Forward pass', 'zh-CN': '前向传播' },
  'bp.phase.loss': { en: 'Loss', 'zh-CN': '损失' },
  'bp.phase.backward': { en: 'Backward pass', 'zh-CN': '反向传播' },
  'bp.phase.update': { en: 'Update', 'zh-CN': '参数更新' },
  'bp.phases': { en: 'Phases', 'zh-CN': '阶段' },

  // Names of neurons and layers.
  'bp.layer.hidden': { en: 'hidden layer {n}', 'zh-CN': '隐藏层 {n}' },
  'bp.layer.output': { en: 'output layer', 'zh-CN': '输出层' },
  'bp.neuron': { en: '{layer}, neuron {unit}', 'zh-CN': '{layer} · 第 {unit} 个神经元' },
  'bp.neuronShort': { en: 'h{layer}.{unit}', 'zh-CN': 'h{layer}.{unit}' },
  'bp.outShort': { en: 'out{unit}', 'zh-CN': '输出{unit}' },
  'bp.col.values': { en: 'a = activation', 'zh-CN': 'a = 激活值' },
  'bp.col.deltas': { en: 'δ = ∂L/∂z', 'zh-CN': 'δ = ∂L/∂z' },

  // The example.
  'bp.example.title': { en: 'One training example', 'zh-CN': '一个训练样本' },
  'bp.example.point': { en: 'Point #{index}: (x₁, x₂) = ({x1}, {x2})', 'zh-CN': '第 {index} 个点：(x₁, x₂) = ({x1}, {x2})' },
  'bp.example.class': { en: 'Its class: {label}', 'zh-CN': '它的类别：{label}' },
  'bp.example.classBlue': { en: 'Its class: blue (1)', 'zh-CN': '它的类别：蓝色（1）' },
  'bp.example.classOrange': { en: 'Its class: orange (0)', 'zh-CN': '它的类别：橙色（0）' },
  'bp.example.value': { en: 'Its target value: {value}', 'zh-CN': '它的目标值：{value}' },
  'bp.example.features': {
    en: 'The input layer holds its features, the activations a of the first column:',
    'zh-CN': '输入层就是它的特征，即第一列的激活值 a：',
  },
  'bp.example.pick': {
    en: 'Click any training point on the output plot to walk through that one instead.',
    'zh-CN': '在右侧输出图上点击任意训练点，即可改为演示那个点。',
  },
  'bp.example.plan': {
    en: 'Next: the forward pass computes every neuron from left to right; the loss measures the error; the backward pass sends it back from right to left with the chain rule; the update moves every weight against its gradient.',
    'zh-CN': '接下来：前向传播从左到右算出每个神经元；损失衡量误差；反向传播用链式法则把误差从右向左传回；参数更新让每个权重沿梯度的反方向移动一步。',
  },

  // Forward.
  'bp.fwd.sum': { en: 'Weighted sum of the inputs plus the bias', 'zh-CN': '输入的加权和，再加上偏置' },
  'bp.fwd.activation': { en: 'Then the activation function', 'zh-CN': '再经过激活函数' },
  'bp.fwd.softmaxWait': {
    en: 'Softmax needs every output’s z: the probabilities appear once the last output is summed.',
    'zh-CN': 'softmax 需要所有输出的 z：算完最后一个输出的加权和后，概率才一起得出。',
  },
  'bp.fwd.more': { en: '… and {n} more terms', 'zh-CN': '…… 另有 {n} 项' },
  'bp.term.bias': { en: 'bias b', 'zh-CN': '偏置 b' },
  'bp.col.input': { en: 'input', 'zh-CN': '输入' },
  'bp.col.weight': { en: 'weight w', 'zh-CN': '权重 w' },
  'bp.col.act': { en: 'activation a', 'zh-CN': '激活值 a' },
  'bp.col.product': { en: 'w·a', 'zh-CN': 'w·a' },
  'bp.col.delta': { en: 'δ', 'zh-CN': 'δ' },
  'bp.col.grad': { en: '∂L/∂w', 'zh-CN': '∂L/∂w' },
  'bp.col.next': { en: 'next neuron', 'zh-CN': '后一层神经元' },

  // Loss.
  'bp.loss.mse': { en: 'Squared error (MSE)', 'zh-CN': '平方误差（MSE）' },
  'bp.loss.bce': { en: 'Cross-entropy, binary', 'zh-CN': '二分类交叉熵' },
  'bp.loss.cce': { en: 'Cross-entropy over the classes', 'zh-CN': '多分类交叉熵' },
  'bp.loss.target': {
    en: 'Target y = {y}: the output’s {activation} reads class 1 as {one} and class 0 as {zero}.',
    'zh-CN': '目标 y = {y}：输出层的 {activation} 把类别 1 记作 {one}，类别 0 记作 {zero}。',
  },
  'bp.loss.targetValue': { en: 'Target y = {y}', 'zh-CN': '目标 y = {y}' },
  'bp.loss.targetClass': { en: 'Target: class {k} (y is 1 there, 0 elsewhere)', 'zh-CN': '目标：类别 {k}（该位置 y = 1，其余为 0）' },
  'bp.loss.value': { en: 'Loss on this example', 'zh-CN': '这个样本上的损失' },
  'bp.loss.regNote': {
    en: 'L is the data loss. The {reg} penalty (λ = {rate}) adds its own gradient at the update.',
    'zh-CN': 'L 是数据损失。{reg} 正则项（λ = {rate}）在参数更新时加上它自己的梯度。',
  },

  // Backward.
  'bp.bwd.output': {
    en: 'Chain rule at the output: how the loss changes with this neuron’s z',
    'zh-CN': '输出层的链式法则：损失随该神经元的 z 如何变化',
  },
  'bp.bwd.hidden': {
    en: 'Chain rule: collect the δ of the next layer through the outgoing weights, times the slope of the activation',
    'zh-CN': '链式法则：经由输出连接的权重汇集后一层的 δ，再乘以激活函数的斜率',
  },
  'bp.bwd.grads': {
    en: 'Gradients of the incoming weights (drawn on the links):',
    'zh-CN': '流入该神经元的权重的梯度（画在连线上）：',
  },
  'bp.bwd.bias': { en: 'The bias’s gradient: ∂L/∂b = δ = {delta}', 'zh-CN': '偏置的梯度：∂L/∂b = δ = {delta}' },
  'bp.bwd.legend': {
    en: 'Links: colour = sign of the gradient, width = its size.',
    'zh-CN': '连线：颜色表示梯度的正负，粗细表示梯度的大小。',
  },

  // Update.
  'bp.upd.rule': { en: 'Each weight takes one step against its gradient', 'zh-CN': '每个权重沿梯度的反方向走一步' },
  'bp.upd.lr': { en: 'η = {lr} is the learning rate', 'zh-CN': 'η = {lr} 是学习率' },
  'bp.upd.selected': { en: 'The highlighted weight, from {from} to {to}:', 'zh-CN': '高亮的权重（从 {from} 到 {to}）：' },
  'bp.upd.legend': {
    en: 'Links: colour = direction of the change, width = its size. Hover or click a link for its numbers.',
    'zh-CN': '连线：颜色表示变化的方向，粗细表示变化的大小。悬停或点击连线可查看数值。',
  },
  'bp.upd.sgdNote': {
    en: 'This is plain SGD on one example. Real training averages the gradient over a batch of {batch} examples and applies the chosen optimizer ({optimizer}).',
    'zh-CN': '这里演示的是单个样本上的朴素 SGD。实际训练会在 {batch} 个样本组成的小批量上平均梯度，并使用所选的优化器（{optimizer}）。',
  },
  'bp.upd.dropoutNote': {
    en: 'Dropout is off in this walk-through; in training it also silences random neurons.',
    'zh-CN': '本演示关闭了暂退法（dropout）；实际训练时它还会随机屏蔽一些神经元。',
  },
  'bp.upd.lossAfter': { en: 'Loss on this example after the step: {before} → {after}', 'zh-CN': '更新后这个样本上的损失：{before} → {after}' },

  // The selected link.
  'bp.link.title': { en: 'Weight from {from} to {to}', 'zh-CN': '从 {from} 到 {to} 的权重' },
  'bp.link.hint': { en: 'Hover or click a link to see its numbers.', 'zh-CN': '悬停或点击连线可查看其数值。' },
  'bp.link.aria': { en: 'Weight from {from} to {to}: {value}', 'zh-CN': '从 {from} 到 {to} 的权重：{value}' },
  'bp.neuron.aria': { en: '{name}: {value}', 'zh-CN': '{name}：{value}' },
  'bp.worst': { en: 'Take the worst-predicted point', 'zh-CN': '选预测最差的点' },
  'bp.worstHint': {
    en: 'The training point with the largest loss: there the gradients are big enough to see',
    'zh-CN': '损失最大的训练点：在那里梯度大到足以看清',
  },
  'bp.example.pickShort': { en: 'or click a training point on the output plot', 'zh-CN': '或在输出图上点击一个训练点' },
  'bp.marker': { en: 'example #{n}', 'zh-CN': '样本 #{n}' },
  'bp.current': { en: 'Current neuron', 'zh-CN': '当前神经元' },
});
