import type { Lesson } from '../../format';

/**
 * Transfer learning and fine-tuning (models/transfer.ts, training/transfer.ts, the tools panel's
 * Transfer tab). The pre-trained digit CNN (public/pretrained/mnist-cnn.json, scripts/pretrain-mnist.mjs,
 * seed 16, 1,000 steps of Adam 0.001 on 8,000 digits): 96.35 % on the 2,000 held-out digits.
 * Fine-tuned on the shapes with 20 training examples per class (80 in all, 2.5 steps an epoch at
 * batch 32), measured in Node on all 600 test shapes (fewShotGain in training/transfer.ts,
 * tests/unit/transfer.test.ts with GG_MEASURE_TRANSFER=1): new head on frozen features, 40 epochs
 * (100 steps) — 40.2 %; then every layer unfrozen, 40 more — 69.8 %; the same network from scratch
 * for 80 epochs (200 steps) — 67.2 %: a gain of 2.7 points (strategies.finetune.fewShotGain). The
 * app's metrics use 128 of the test shapes, so the numbers on screen differ by a few points.
 */
export const lesson: Lesson = {
  format: 1,
  id: 'transfer-learning',
  section: 'strategies',
  order: 32,
  title: { en: 'Transfer learning and fine-tuning', 'zh-CN': '迁移学习与微调' },
  summary: {
    en: 'Reuse a network trained on digits for shapes with only 20 examples per class: freeze its features, train a new head, then fine-tune everything — against training from scratch.',
    'zh-CN': '把在手写数字上训练好的网络用于每类只有 20 个样本的形状识别：冻结特征层、训练新的输出层，再微调全部层——并与从头训练对比。',
  },
  minutes: 12,
  steps: [
    {
      target: 'tools',
      text: {
        en: `Training a network from scratch needs many examples. When a new task has only a few, we can **borrow** a network trained on a related task with plenty of data — this is **transfer learning** (迁移学习).

Open the **Tools** panel under the lab, tab **Transfer learning**, and load the **pre-trained digit network**: a small CNN (two convolutions, a hidden dense layer of 32, an output of 10) trained on 8,000 MNIST digits from a fixed seed. It comes with its weights: without training a single step, it already recognizes about 96 % of the digits it never saw.`,
        'zh-CN': `从头训练一个网络需要大量样本。当新任务只有少量样本时，我们可以**借用**一个在相关任务上、用充足数据训练好的网络——这就是**迁移学习**。

打开实验区下方的**工具**面板，选择**迁移学习**标签页，载入**预训练的数字网络**：一个小型卷积神经网络（两个卷积层、一个 32 个单元的隐藏全连接层和一个 10 类输出层），按固定的随机种子在 8,000 张 MNIST 数字上训练而成。它带着权重一起载入：不用训练一步，它就能认出约 96% 从未见过的数字。`,
      },
      task: { en: 'Load the pre-trained digit network: the test accuracy on digits is at least 90 %.', 'zh-CN': '载入预训练的数字网络：数字上的测试准确率至少 90%。' },
      check: "dataset == 'mnist' and layer.Conv2D == 2 and testAcc >= 0.9",
      showMe: [{ transfer: 'loadPretrained' }],
    },
    {
      target: 'tools',
      text: {
        en: `Now a new task: the four **shapes** (circle, square, triangle, line), with only **20 training examples per class**. The digits' output layer — the **head** — speaks of ten digits, so it is replaced by a fresh head for four classes. Everything before it keeps the pre-trained weights.

Press **Fine-tune on shapes**: the convolutions and the hidden layer are **frozen** (❄ on their nodes in the graph editor, trainable off): the optimizer leaves their weights alone, and only the 132 weights of the new head learn. Train 40 epochs (100 steps).

Frozen features are cheap and cannot overfit much — but they were made for strokes of digits, not outlines of shapes. Measured: about 40 % on the test shapes, better than the 25 % of guessing, yet far from good.`,
        'zh-CN': `现在换一个新任务：四种**形状**（圆、正方形、三角形、线段），每类只有 **20 个训练样本**。数字网络的输出层——也就是**输出头**——只会说十个数字，所以要换成一个面向四个类别的新输出层。它之前的各层都保留预训练的权重。

点击**在形状上微调**：卷积层和隐藏层被**冻结**（在图编辑器中节点上显示 ❄，“可训练”被取消）：优化器不改变它们的权重，只有新输出层的 132 个权重在学习。训练 40 轮（100 步）。

冻结的特征代价小，也不太会过拟合——但它们是为数字的笔画学来的，不是为形状的轮廓。实测：测试形状上的准确率约 40%，比瞎猜的 25% 好，但离“好”还很远。`,
      },
      task: { en: 'Fine-tune with the features frozen: 20 shapes per class, 40 epochs.', 'zh-CN': '冻结特征层进行微调：每类 20 个形状，训练 40 轮。' },
      check: "dataset == 'shapes' and perClass == 20 and frozenLayers >= 3 and epoch >= 40",
      showMe: [{ transfer: 'fineTune' }, { change: { type: 'stopRule', patch: { epochs: 40 } } }, { run: 'play' }],
    },
    {
      target: 'pinned-runs',
      text: {
        en: 'Keep this run to compare against: **Pin run** under the loss chart. Its legend will name what the later runs change.',
        'zh-CN': '把这次运行留下来作对照：点损失曲线下方的**固定本次运行**。图例会写出之后的运行改变了什么。',
      },
      task: { en: 'Pin the run.', 'zh-CN': '固定本次运行。' },
      check: "dataset == 'shapes' and pinnedRuns >= 1",
      showMe: [{ pinned: 'pin' }],
    },
    {
      target: 'tools',
      text: {
        en: `Next, **fine-tuning** (微调): unfreeze every layer and train on, so the borrowed features can adapt to the new task. The change takes effect live — the trained weights stay, only the optimizer starts afresh. Train to epoch 80, then pin this run too.

Measured: about 70 %. The pre-trained weights were a far better starting point than the frozen features alone, and a small learning rate (Adam at 0.001 here) keeps fine-tuning from wiping out what was learned.`,
        'zh-CN': `接下来是**微调**：解冻所有层继续训练，让借来的特征适应新任务。这一改动即时生效——已训练的权重保留，只有优化器重新开始。训练到第 80 轮，然后同样固定这次运行。

实测：约 70%。预训练的权重是比单独冻结特征好得多的起点，而较小的学习率（这里是 Adam，0.001）让微调不会抹掉已学到的东西。`,
      },
      task: { en: 'Unfreeze every layer and train to epoch 80.', 'zh-CN': '解冻所有层并训练到第 80 轮。' },
      check: "dataset == 'shapes' and perClass == 20 and frozenLayers == 0 and epoch >= 80",
      showMe: [{ transfer: 'unfreeze' }, { change: { type: 'stopRule', patch: { epochs: 80 } } }, { run: 'play' }],
    },
    {
      target: 'pinned-runs',
      text: {
        en: 'Pin the fine-tuned run as well. The legend now says what differs from the first one: *frozen: conv1, conv2, fc1 → none*.',
        'zh-CN': '把微调后的运行也固定下来。图例会写出它与第一次的差别：*冻结的层：conv1, conv2, fc1 → 无*。',
      },
      task: { en: 'Pin the fine-tuned run.', 'zh-CN': '固定微调后的运行。' },
      check: "dataset == 'shapes' and frozenLayers == 0 and pinnedRuns >= 2",
      showMe: [{ pinned: 'pin' }],
    },
    {
      target: 'pinned-runs',
      text: {
        en: `Is the borrowing worth it? The fair comparison is the **same network, the same 80 examples and the same number of steps, from random weights**. Press **Train from scratch on the same examples** and train 80 epochs; the legend of the pinned runs names what differs.

Measured on all 600 test shapes: from scratch 67 %, fine-tuned 70 % — a gain of about 3 points, with 20 examples per class. Digits and shapes are not very alike, so the gain is small here; the closer the tasks and the fewer the examples, the more transfer helps. With your own saved network, open its file and press **Fine-tune on shapes**: the same recipe works on any image network with a dense output layer.`,
        'zh-CN': `借用值得吗？公平的比较是：**同一个网络、同样的 80 个样本、同样的步数，但从随机权重开始**。点击**用相同样本从头训练**，训练 80 轮；固定运行的图例会写出两者的差别。

在全部 600 张测试形状上实测：从头训练 67%，微调 70%——每类 20 个样本时提升约 3 个百分点。数字和形状并不太相似，所以这里的提升不大；任务越相近、样本越少，迁移学习的帮助就越大。你也可以打开自己保存的网络文件，再点击**在形状上微调**：同样的方法适用于任何以全连接层输出的图像网络。`,
      },
      task: { en: 'Train the same network from scratch on the same examples for 80 epochs, beside the pinned runs.', 'zh-CN': '用相同样本从头训练同一个网络 80 轮，与固定的运行并列比较。' },
      check: "dataset == 'shapes' and perClass == 20 and frozenLayers == 0 and pinnedRuns >= 2 and epoch >= 80",
      showMe: [{ transfer: 'scratch' }, { change: { type: 'stopRule', patch: { epochs: 80 } } }, { run: 'play' }],
    },
  ],
};
