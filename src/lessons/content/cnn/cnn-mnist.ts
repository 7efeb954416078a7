import type { Lesson } from '../../format';

/**
 * A CNN on MNIST, live: the image lab's default network (seed 1). Measured in Node on the CPU
 * backend (ModelRuntime, Adam 0.001, batch 32, ~1,100 images/s): testAcc ≥ 0.9 at step 160
 * (~5 s); epoch 2 at step 563 (~17 s) with testAcc 0.95–0.98 from step 400 on.
 */
export const lesson: Lesson = {
  format: 1,
  id: 'cnn-mnist',
  section: 'cnn',
  order: 17,
  title: { en: 'A CNN on MNIST', 'zh-CN': '在 MNIST 上训练卷积神经网络' },
  summary: {
    en: 'Train a small CNN on handwritten digits, watch its feature maps change live, test it on a digit you draw, and read its confusion matrix and mistakes.',
    'zh-CN': '在手写数字上训练一个小型卷积神经网络，实时观察特征图的变化，用你自己写的数字考考它，再读懂混淆矩阵和它犯的错。',
  },
  minutes: 12,
  steps: [
    {
      load: { from: 'default', changes: [{ type: 'dataset', patch: { kind: 'mnist' } }], seed: 1 },
      tab: 'playground',
      target: 'feature-maps',
      text: {
        en: `MNIST: 28×28 grey images of handwritten digits, here 9,000 to train on and 1,000 to test. The network is small — two convolution layers of 8 and 16 kernels, two max-pooling layers and one softmax layer, about 9,000 weights — yet it is a real convolutional neural network.

Press play and keep your eyes on **Inside the network**. The feature maps are recomputed for the chosen test image several times a second while the weights change: the first layer's maps sharpen into edge detectors, the second layer's maps become sparse blobs that respond to parts of digits — a loop, a stroke end, a crossing.`,
        'zh-CN': `MNIST：28×28 的灰度手写数字图像，这里用 9,000 张训练、1,000 张测试。网络很小——两个分别有 8 个和 16 个卷积核的卷积层、两个最大汇聚层和一个 softmax 层，大约 9,000 个权重——但它是一个真正的卷积神经网络。

点击播放，盯住“网络内部”。权重在变化的同时，所选测试图像的特征图每秒重算好几次：第一层的特征图逐渐变成清晰的边缘检测，第二层的特征图变得稀疏，只对数字的局部作出反应——一个圈、一个笔画末端、一个交叉点。`,
      },
      task: { en: 'Train to 90 % test accuracy.', 'zh-CN': '训练到 90% 的测试准确率。' },
      check: "dataset == 'mnist' and testAcc >= 0.9",
      showMe: [{ run: 'play' }],
    },
    {
      target: 'probe',
      text: {
        en: `Pick other test images in the strip above the feature maps. For each one the **probabilities** panel shows the softmax output,

$$p_k = \\frac{e^{z_k}}{\\sum_{j=0}^{9} e^{z_j}}$$

one bar per digit, with the true class marked. A confident network puts almost all of the mass on one bar; look for images where two bars share it — a 4 that could be a 9, a 7 that could be a 1. Those are the images the loss $-\\log p_y$ ($y$ the true class) still punishes.`,
        'zh-CN': `在特征图上方的缩略图里换几张测试图像。对每一张，“输出概率”面板显示 softmax 的输出

$$p_k = \\frac{e^{z_k}}{\\sum_{j=0}^{9} e^{z_j}}$$

每个数字一根柱，并标出真实类别。有把握的网络几乎把全部概率压在一根柱上；找找两根柱平分概率的图像——像 9 的 4、像 1 的 7。交叉熵损失 $-\\log p_y$（$y$ 为真实类别）惩罚的正是这些图像。`,
      },
    },
    {
      target: 'draw',
      text: {
        en: `Now test it on something it has never seen: your own handwriting. Draw a digit on the drawing pad — large, centred, with a thick stroke, as MNIST's digits are. Every view switches to your drawing: the feature maps, and the probabilities under *Prediction for your drawing*.

Then try to fool it. Draw the digit small in a corner, or very thin: the accuracy you measured is for digits that look like MNIST's, and a network is only as general as the data it was trained on.`,
        'zh-CN': `现在用它从没见过的东西考考它：你自己的笔迹。在手写板上写一个数字——写大、写在中间、笔画粗一些，就像 MNIST 的数字那样。所有视图都会切换到你的手写图：特征图，以及“对你的手写图的预测”下的概率。

然后试着骗过它：把数字写得很小、挤在角落，或者笔画很细。你测得的准确率只针对“长得像 MNIST”的数字；网络的泛化能力取决于它训练时见过的数据。`,
      },
      task: { en: 'Draw a digit on the drawing pad.', 'zh-CN': '在手写板上写一个数字。' },
      check: 'drawn',
      showMe: [{ draw: 3 }],
    },
    {
      target: 'confusion',
      text: {
        en: `The **confusion matrix** is filled by a pass over all 1,000 test images: row $i$, column $j$ counts the images of digit $i$ the network called $j$. A perfect classifier has numbers only on the diagonal, and the accuracy is the diagonal's share,

$$\\text{acc} = \\frac{\\sum_i C_{ii}}{\\sum_{i,j} C_{ij}}$$

The errors are not spread evenly. Look for the largest numbers off the diagonal: typically 4 ↔ 9, 3 ↔ 5, 7 ↔ 2 — digits that share most of their strokes. Keep training and watch those cells empty.`,
        'zh-CN': `**混淆矩阵**由一次遍历全部 1,000 张测试图像得到：第 $i$ 行第 $j$ 列，是真实为 $i$ 却被网络判为 $j$ 的图像数。完美的分类器只在对角线上有数字，准确率就是对角线所占的比例：

$$\\text{acc} = \\frac{\\sum_i C_{ii}}{\\sum_{i,j} C_{ij}}$$

错误并不是平均分布的。找出对角线外最大的几个数：通常是 4 ↔ 9、3 ↔ 5、7 ↔ 2——笔画大部分相同的数字。继续训练，看这些格子慢慢变空。`,
      },
      task: { en: 'Train for two full epochs, to 95 % test accuracy.', 'zh-CN': '训练满两轮，使测试准确率达到 95%。' },
      check: "dataset == 'mnist' and epoch >= 2 and testAcc >= 0.95",
      showMe: [{ run: 'play' }],
    },
    {
      target: 'mistakes',
      text: {
        en: `The gallery shows the test images the network gets wrong, most confident mistakes first. Many of them are honestly ambiguous — you might have hesitated too — and some are mislabelled in MNIST itself.

Click one: the feature maps and the probabilities switch to that image, so you can see which part of it pulled the network to the wrong answer. This is the everyday work of improving a model: look at the mistakes, then decide whether it needs more data, more capacity, or a better architecture — the next lessons try all three.`,
        'zh-CN': `这里列出网络分错的测试图像，最有把握的错误排在前面。其中很多确实模棱两可——换你也会犹豫——还有一些在 MNIST 里本身就标错了。

点击其中一张：特征图和概率会切换到这张图像，你可以看看是图像的哪一部分把网络引向了错误答案。这就是改进模型的日常：先看错误，再决定它需要更多数据、更大的容量，还是更好的架构——接下来的几课会逐一尝试。`,
      },
    },
  ],
};
