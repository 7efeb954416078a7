import { defineMessages } from '../define';

/** Strings of the training-dynamics panel (inside the network while it trains, every lab). */
export const dynamics = defineMessages({
  'dynamics.title': { en: 'Training dynamics', 'zh-CN': '训练动态' },
  'dynamics.intro': {
    en: 'Inside the network while it trains: every few steps one training step is measured per layer — its gradients, how far the update moved the weights, and what the layer outputs.',
    'zh-CN': '训练时看进网络内部：每隔几步，对一次训练步逐层测量——它的梯度、这次更新让权重移动了多少，以及该层的输出。',
  },
  'dynamics.record': { en: 'Measure layers while training', 'zh-CN': '训练时逐层测量' },
  'dynamics.off': { en: 'Measuring is off: switch it on to see gradients, updates and activations per layer.', 'zh-CN': '测量已关闭：打开它即可逐层查看梯度、更新和激活值。' },
  'dynamics.empty': { en: 'Train (or take a step) to see gradients, updates and activations per layer.', 'zh-CN': '开始训练（或单步执行）即可逐层查看梯度、更新和激活值。' },
  'dynamics.gradNorm': { en: 'Gradient norm ‖∂L/∂w‖ per layer (log scale)', 'zh-CN': '每层的梯度范数 ‖∂L/∂w‖（对数坐标）' },
  'dynamics.updateRatio': { en: 'Update size ÷ weight size ‖Δw‖/‖w‖ (log scale)', 'zh-CN': '更新量与权重之比 ‖Δw‖/‖w‖（对数坐标）' },
  'dynamics.deadShare': { en: 'Dead ReLU units (output 0 for the whole batch)', 'zh-CN': '死亡 ReLU 单元占比（整个小批量上输出均为 0）' },
  'dynamics.noRelu': { en: 'No ReLU layer in this network.', 'zh-CN': '该网络没有 ReLU 层。' },
  'dynamics.step': { en: 'step', 'zh-CN': '步' },
  'dynamics.layer': { en: 'Layer', 'zh-CN': '层' },
  'dynamics.quantity': { en: 'Distribution of', 'zh-CN': '分布对象' },
  'dynamics.q.weights': { en: 'Weights', 'zh-CN': '权重' },
  'dynamics.q.grads': { en: 'Gradients', 'zh-CN': '梯度' },
  'dynamics.q.activations': { en: 'Activations', 'zh-CN': '激活值' },
  'dynamics.distribution': {
    en: '{quantity} of {layer} over steps: shaded bands hold the middle 38 %, 68 %, 87 % and all of the values; the line is the median',
    'zh-CN': '{layer} 的{quantity}随训练步的分布：阴影带依次覆盖中间 38%、68%、87% 和全部数值，线为中位数',
  },
  'dynamics.distributionNow': {
    en: 'at step {step}: min {min}, median {median}, max {max}',
    'zh-CN': '第 {step} 步：最小值 {min}，中位数 {median}，最大值 {max}',
  },
  'dynamics.latest': { en: 'At step {step}:', 'zh-CN': '第 {step} 步：' },
  'dynamics.seriesNow': { en: '{layer} {value}', 'zh-CN': '{layer} {value}' },
  'dynamics.ratio': {
    en: 'first ÷ last weighted layer’s gradient norm: {ratio}',
    'zh-CN': '第一层与最后一层带权重层的梯度范数之比：{ratio}',
  },
  'dynamics.vanishing': {
    en: 'The first layers get a gradient far smaller than the last: the gradient vanishes on its way back, and those layers barely learn.',
    'zh-CN': '前面几层得到的梯度远小于最后几层：梯度在反向传播中逐渐消失，这些层几乎学不动。',
  },
  'dynamics.exploding': {
    en: 'The first layers get a gradient far larger than the last: the gradient explodes on its way back.',
    'zh-CN': '前面几层得到的梯度远大于最后几层：梯度在反向传播中爆炸。',
  },
  'dynamics.healthy': {
    en: 'Gradients reach the first layers at a similar size.',
    'zh-CN': '梯度以相近的大小传到了前面几层。',
  },
});
