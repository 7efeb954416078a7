import { defineMessages } from '../define';

/** Strings of the visualizations (charts, decision boundary, network diagram). */
export const charts = defineMessages({
  // Decision boundary
  'viz.boundary.label': {
    en: "Decision boundary: colour shows the network's output over the input plane",
    'zh-CN': '决策边界：颜色表示网络在输入平面上的输出',
  },
  'viz.boundary.region': { en: 'Decision boundary plot', 'zh-CN': '决策边界图' },
  'viz.axis.x1': { en: 'x₁', 'zh-CN': 'x₁' },
  'viz.axis.x2': { en: 'x₂', 'zh-CN': 'x₂' },

  // Loss chart
  'viz.loss.label': { en: 'Loss over epochs', 'zh-CN': '损失随训练轮次的变化' },
  'viz.loss.accLabel': { en: 'Accuracy over epochs', 'zh-CN': '准确率随训练轮次的变化' },
  'viz.loss.train': { en: 'Train', 'zh-CN': '训练' },
  'viz.loss.test': { en: 'Test', 'zh-CN': '测试' },
  'viz.loss.val': { en: 'Validation', 'zh-CN': '验证' },
  'viz.loss.best': { en: 'best', 'zh-CN': '最佳' },
  'viz.loss.bestTitle': { en: 'Early stopping: the lowest validation loss so far, at epoch {epoch}', 'zh-CN': '提前停止：目前验证集损失最低的一轮，第 {epoch} 轮' },
  'viz.loss.epoch': { en: 'Epoch', 'zh-CN': '轮次' },
  'viz.loss.loss': { en: 'Loss', 'zh-CN': '损失' },
  'viz.loss.accuracy': { en: 'Accuracy', 'zh-CN': '准确率' },
  'viz.loss.empty': { en: 'Press play to start training', 'zh-CN': '按下播放键开始训练' },
  'viz.loss.marker': {
    en: 'Hyperparameters changed at epoch {epoch}',
    'zh-CN': '第 {epoch} 轮时更改了超参数',
  },

  // Network diagram
  'viz.net.label': { en: 'Network diagram', 'zh-CN': '网络结构图' },
  'viz.net.input': { en: 'Input', 'zh-CN': '输入' },
  'viz.net.hidden': { en: 'Hidden layer {n}', 'zh-CN': '隐藏层 {n}' },
  'viz.net.output': { en: 'Output', 'zh-CN': '输出' },
  'viz.net.units': { en: '{n} neurons', 'zh-CN': '{n} 个神经元' },
  'viz.net.unit': { en: '1 neuron', 'zh-CN': '1 个神经元' },
  'viz.net.neuron': {
    en: '{layer}, neuron {unit} ({activation})',
    'zh-CN': '{layer}，第 {unit} 个神经元（{activation}）',
  },
  'viz.net.inputNeuron': { en: 'Input feature {label}', 'zh-CN': '输入特征 {label}' },
  'viz.net.weight': { en: 'Weight: {value}', 'zh-CN': '权重：{value}' },
  'viz.net.bias': { en: 'Bias: {value}', 'zh-CN': '偏置：{value}' },
  'viz.net.editWeight': { en: 'Edit weight', 'zh-CN': '编辑权重' },
  'viz.net.editBias': { en: 'Edit bias', 'zh-CN': '编辑偏置' },
  'viz.net.editHint': {
    en: 'Enter to apply, Esc to cancel',
    'zh-CN': '按回车应用，按 Esc 取消',
  },

  // Activation display names (the spec stores camelCase ids).
  'viz.act.linear': { en: 'linear', 'zh-CN': '线性' },
  'viz.act.sigmoid': { en: 'sigmoid', 'zh-CN': 'sigmoid' },
  'viz.act.tanh': { en: 'tanh', 'zh-CN': 'tanh' },
  'viz.act.relu': { en: 'ReLU', 'zh-CN': 'ReLU' },
  'viz.act.leakyRelu': { en: 'leaky ReLU', 'zh-CN': 'Leaky ReLU' },
  'viz.act.elu': { en: 'ELU', 'zh-CN': 'ELU' },
  'viz.act.gelu': { en: 'GELU', 'zh-CN': 'GELU' },
  'viz.act.swish': { en: 'swish', 'zh-CN': 'Swish' },
  'viz.act.softmax': { en: 'softmax', 'zh-CN': 'softmax' },
});
