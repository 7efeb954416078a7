import { defineMessages } from '../define';

/** Strings of transfer learning and fine-tuning (issue 16): frozen layers, the pre-trained network, the transfer tab. */
export const transfer = defineMessages({
  // The editor
  'editor.trainable': { en: 'Trainable', 'zh-CN': '可训练' },
  'editor.trainable.help': {
    en: 'Untick to freeze this layer: training leaves its weights alone (a frozen batch normalization also keeps its statistics). Takes effect at once, without losing the trained weights.',
    'zh-CN': '取消勾选即冻结该层：训练不再改变它的权重（冻结的批量规范化层也保留其统计量）。立即生效，已训练的权重不会丢失。',
  },
  'editor.node.frozen': { en: 'Frozen: training leaves this layer’s weights alone', 'zh-CN': '已冻结：训练不会改变这一层的权重' },
  'editor.totals.trainable': { en: '{n} trainable', 'zh-CN': '其中 {n} 个可训练' },
  // The tools tab
  'tools.tab.transfer': { en: 'Transfer learning', 'zh-CN': '迁移学习' },
  'transfer.intro': {
    en: 'Borrow what a network learned on one task for another with few examples: load a network pre-trained on the digits, give it a new head for the shapes, train the head on frozen features, then unfreeze everything. Pin each run to compare it with training from scratch.',
    'zh-CN': '把网络在一个任务上学到的东西借给另一个只有少量样本的任务：载入在手写数字上预训练好的网络，为形状任务换上新的输出层，先冻结特征层只训练输出层，再解冻全部层继续微调。把每次运行固定下来，与从头训练对比。',
  },
  'transfer.load': { en: 'Load the pre-trained digit network', 'zh-CN': '载入预训练的数字网络' },
  'transfer.load.hint': {
    en: 'A small CNN (conv 8 → conv 16 → dense 32 → 10) trained for 1,000 steps on 8,000 digits; {acc} right on the 2,000 it never saw.',
    'zh-CN': '一个小型卷积神经网络（卷积 8 → 卷积 16 → 全连接 32 → 10），在 8,000 张数字上训练了 1,000 步；在从未见过的 2,000 张上正确率 {acc}。',
  },
  'transfer.loaded': { en: 'The pre-trained digit network is loaded with its weights.', 'zh-CN': '已载入预训练的数字网络及其权重。' },
  'transfer.fineTune': { en: 'Fine-tune on shapes, {n} per class', 'zh-CN': '在形状上微调（每类 {n} 个样本）' },
  'transfer.fineTune.hint': {
    en: 'Keeps the current weights (the pre-trained ones, or your own opened from a file), replaces the output layer with a fresh one for the 4 shapes, and freezes the layers before it.',
    'zh-CN': '保留当前的权重（预训练的，或你从文件中打开的自己的权重），把输出层换成一个为 4 种形状新建的输出层，并冻结它之前的各层。',
  },
  'transfer.fineTuned': { en: 'New head for {classes} classes; frozen: {frozen}.', 'zh-CN': '已换上 {classes} 类的新输出层；冻结的层：{frozen}。' },
  'transfer.unfreeze': { en: 'Unfreeze every layer', 'zh-CN': '解冻所有层' },
  'transfer.freeze': { en: 'Freeze the features', 'zh-CN': '冻结特征层' },
  'transfer.scratch': { en: 'Train from scratch on the same examples', 'zh-CN': '用相同样本从头训练' },
  'transfer.scratch.hint': {
    en: 'Every layer trainable and the weights drawn afresh from the seed: the baseline fine-tuning has to beat.',
    'zh-CN': '所有层都可训练，权重按随机种子重新初始化：这是微调要超过的基线。',
  },
  'transfer.status': { en: 'Frozen: {frozen} · {trainable} of {total} weights train', 'zh-CN': '冻结的层：{frozen} · {total} 个权重中有 {trainable} 个参与训练' },
  'transfer.none': { en: 'none', 'zh-CN': '无' },
  'transfer.examples': { en: 'Training examples: {n} per class', 'zh-CN': '训练样本：每类 {n} 个' },
  'transfer.allExamples': { en: 'Training examples: all', 'zh-CN': '训练样本：全部' },
  'transfer.working': { en: 'Reading the weights…', 'zh-CN': '正在读取权重…' },
  'transfer.err.noHead': {
    en: 'This network has no single Dense output layer to replace.',
    'zh-CN': '这个网络没有唯一的全连接输出层可供替换。',
  },
  'transfer.err.noWeights': { en: 'Train or load the network first: there are no weights to transfer yet.', 'zh-CN': '请先训练或载入网络：目前还没有可迁移的权重。' },
  'transfer.err.load': { en: 'The pre-trained network could not be loaded ({cause}).', 'zh-CN': '无法载入预训练网络（{cause}）。' },
  'transfer.err.notImage': { en: 'Transfer learning here works on 28×28 image networks.', 'zh-CN': '这里的迁移学习适用于 28×28 图像网络。' },
  // Pinned runs' legend
  'pin.diff.frozen': { en: 'frozen: {from} → {to}', 'zh-CN': '冻结的层：{from} → {to}' },
  'pin.diff.perClass': { en: 'examples per class: {from} → {to}', 'zh-CN': '每类样本数：{from} → {to}' },
  'pin.diff.all': { en: 'all', 'zh-CN': '全部' },
});
