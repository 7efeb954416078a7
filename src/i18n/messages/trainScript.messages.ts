import { defineMessages } from '../define';

/** Strings of the training-script bundle in the Code dialog (`code.bundle…`). */
export const trainScript = defineMessages({
  'code.bundle': { en: 'Download training script (.zip)', 'zh-CN': '下载训练脚本（.zip）' },
  'code.bundleBusy': { en: 'Preparing the data…', 'zh-CN': '正在准备数据…' },
  'code.bundleHint': {
    en: 'train.py with this network, the data it trains on here (train and test split), the optimizer, learning-rate schedule, loss, regularization, batch size and seed; it runs with PyTorch on a CPU or GPU, and on several GPUs or machines with torchrun. A README says how; a Keras version is inside too.',
    'zh-CN':
      'train.py 包含这个网络、它在这里训练用的数据（训练集与测试集的同一划分）、优化器、学习率调度、损失、正则化、批量大小和随机种子；用 PyTorch 在 CPU 或 GPU 上即可运行，用 torchrun 还能在多块 GPU 或多台机器上训练。README 说明了用法，里面还附有 Keras 版本。',
  },
  'code.bundleEpochs': { en: '{epochs} epochs by default, with the weights trained so far.', 'zh-CN': '默认训练 {epochs} 轮，并附上目前训练好的权重。' },
  'code.bundleEpochsFresh': { en: '{epochs} epochs by default.', 'zh-CN': '默认训练 {epochs} 轮。' },
  'code.bundleFailed': { en: 'Could not prepare the training script: {reason}', 'zh-CN': '无法生成训练脚本：{reason}' },
});
