import type { Lesson } from '../../format';

/**
 * The convolution layer on the image lab's default CNN (MNIST, seed 1). Measured in Node on the
 * CPU backend (ModelRuntime, Adam 0.001, batch 32): testAcc ≥ 0.9 after 160 steps (5,120 images,
 * ~5 s at ~1,100 images/s); epoch 1 after 282 steps; conv1 5×5 'valid' gives 7,146 parameters.
 */
export const lesson: Lesson = {
  format: 1,
  id: 'convolution-layer',
  section: 'cnn',
  order: 15,
  title: { en: 'The convolution layer', 'zh-CN': '卷积层' },
  summary: {
    en: 'Slide a small kernel over a digit, multiply and add: follow the arithmetic of your own network, see what its kernels learn, and predict the size of every feature map.',
    'zh-CN': '让一个小卷积核在数字图像上滑动、相乘、求和：跟着你自己网络里的真实数值算一遍，看看卷积核学到了什么，并算出每张特征图的大小。',
  },
  minutes: 15,
  steps: [
    {
      load: { from: 'default', changes: [{ type: 'dataset', patch: { kind: 'mnist' } }], seed: 1 },
      tab: 'playground',
      target: 'conv-explainer',
      text: {
        en: `This is the image lab: handwritten digits from MNIST and a small convolutional network — \`conv1\` (8 kernels, 3×3) → max pooling → \`conv2\` (16 kernels) → pooling → a softmax over the ten digits.

A convolution layer does one small computation many times. A **kernel**, here a 3×3 grid of weights, is laid over a 3×3 patch of the image; each pixel is multiplied by the weight on top of it, the nine products are added, and a bias is added:

$$Y[i,j] = b + \\sum_{a=0}^{2}\\sum_{c=0}^{2} K[a,c]\\,X[i+a,\\ j+c]$$

Then the kernel moves one pixel to the right and does it again. The grid of all these results is one **feature map**; with 8 kernels, \`conv1\` makes 8 of them. (Strictly this is cross-correlation — the kernel is not flipped — but deep learning calls it convolution.)

Under *The computation, step by step* the app shows this very sum for one cell of \`conv1\`, with your network's real weights. The weights are still random: step through a few positions and check one of the products by hand.`,
        'zh-CN': `这里是图像实验室：MNIST 手写数字，加上一个小型卷积神经网络——\`conv1\`（8 个 3×3 卷积核）→ 最大汇聚层 → \`conv2\`（16 个卷积核）→ 汇聚层 → 对十个数字做 softmax。

卷积层把同一个小计算重复很多遍。把**卷积核**（这里是一个 3×3 的权重网格）盖在图像的一个 3×3 小块上，每个像素乘以压在它上面的权重，九个乘积相加，再加上偏置：

$$Y[i,j] = b + \\sum_{a=0}^{2}\\sum_{c=0}^{2} K[a,c]\\,X[i+a,\\ j+c]$$

然后卷积核向右挪一个像素，再算一遍。所有结果排成的网格就是一张**特征图**；\`conv1\` 有 8 个卷积核，就得到 8 张特征图。（严格说这是*互相关运算*，卷积核并没有翻转，但深度学习里习惯叫它卷积。）

“逐步计算”一栏正是用你网络里的真实权重，演示 \`conv1\` 某一格的这个求和。现在权重还是随机的：多走几个位置，亲手核对其中一个乘积。`,
      },
    },
    {
      target: 'play',
      text: {
        en: `Now let the network learn its kernels. Press play: it reads mini-batches of 32 digits, and backpropagation nudges every kernel weight so that the cross-entropy loss goes down.

Watch the feature maps while it trains. At first \`conv1\`'s maps are blurry copies of the digit; within seconds they become more distinct — some light up on the left edges of the strokes, others on the right or along the top.`,
        'zh-CN': `现在让网络自己学习卷积核。点击播放：它每次读入 32 张数字组成的小批量，反向传播微调每一个卷积核权重，使交叉熵损失下降。

训练时留意特征图。起初 \`conv1\` 的特征图只是数字的模糊副本；几秒之后它们各有分工——有的在笔画左边缘发亮，有的在右边缘或上边缘发亮。`,
      },
      task: { en: 'Train until the test accuracy reaches 90 %.', 'zh-CN': '训练到测试准确率达到 90%。' },
      check: "dataset == 'mnist' and testAcc >= 0.9",
      showMe: [{ run: 'play' }],
    },
    {
      target: 'kernels',
      text: {
        en: `These are the kernels \`conv1\` has learned, each 3×3, blue for positive weights and orange for negative. Look for one with a positive side and a negative side. It is an **edge detector**, like the hand-made Sobel kernel

$$K = \\begin{pmatrix} -1 & 0 & 1 \\\\ -2 & 0 & 2 \\\\ -1 & 0 & 1 \\end{pmatrix}$$

On a flat patch, all pixels equal, the negative and positive weights cancel and the output is near 0. Where dark turns to bright from left to right the right column wins and the output is large: the kernel answers "is there a vertical edge here?" at every position.

Nobody programmed these kernels. Gradient descent found that edges in different directions are useful first steps for telling digits apart.`,
        'zh-CN': `这些是 \`conv1\` 学到的卷积核，每个 3×3，蓝色为正权重，橙色为负权重。找一个一侧为正、另一侧为负的卷积核：它就是一个**边缘检测器**，类似手工设计的 Sobel 卷积核

$$K = \\begin{pmatrix} -1 & 0 & 1 \\\\ -2 & 0 & 2 \\\\ -1 & 0 & 1 \\end{pmatrix}$$

在一块平坦区域（像素值都一样），正负权重互相抵消，输出接近 0；在从左到右由暗变亮的地方，右列占上风，输出很大。于是这个卷积核在每个位置都在回答：“这里有竖直边缘吗？”

这些卷积核没有人编写过。是梯度下降自己发现：不同方向的边缘，是区分数字的有用第一步。`,
      },
      task: { en: 'Keep training for one full epoch (all 9,000 training digits once) and watch the kernels settle.', 'zh-CN': '继续训练满一轮（9,000 张训练数字各看一遍），观察卷积核逐渐稳定。' },
      check: 'epoch >= 1',
      showMe: [{ run: 'play' }],
    },
    {
      target: 'feature-maps',
      text: {
        en: `Click one of \`conv1\`'s feature maps and compare it with its kernel: where the map is strongly positive (deep blue), the patch under the kernel looked like the kernel.

Read the sizes written under each layer: the input is 28×28×1, \`conv1\` is 28×28×8 (8 kernels, 8 channels), \`pool1\` is 14×14×8. \`conv2\`'s kernels are 3×3×8: each one reads all 8 channels of \`pool1\` at once and adds up the 72 products, so every one of its 16 maps combines the edges found below it.`,
        'zh-CN': `点击 \`conv1\` 的一张特征图，和它对应的卷积核对照：特征图呈深蓝（强正值）的地方，卷积核下面的图像小块正好“长得像”这个卷积核。

读一读每层下方标的尺寸：输入是 28×28×1，\`conv1\` 是 28×28×8（8 个卷积核，8 个通道），\`pool1\` 是 14×14×8。\`conv2\` 的卷积核是 3×3×8：每个卷积核同时读取 \`pool1\` 的全部 8 个通道，把 72 个乘积加起来，所以它的 16 张特征图都是对下层边缘的组合。`,
      },
    },
    {
      tab: 'graph',
      target: 'inspector',
      text: {
        en: `How big is a feature map? For an input of $n \\times n$, a kernel of $k \\times k$, padding $p$ (zeros added around the border) and stride $s$:

$$n_{\\text{out}} = \\left\\lfloor \\frac{n - k + 2p}{s} \\right\\rfloor + 1$$

\`conv1\` uses *same* padding, $p = 1$ for a 3×3 kernel: $(28 - 3 + 2)/1 + 1 = 28$. With *valid* padding ($p = 0$) the kernel must fit inside the image.

Predict: with a 5×5 kernel and valid padding, \`conv1\` gives $28 - 5 + 1 = 24$, \`pool1\` halves it to 12, \`conv2\` keeps 12, \`pool2\` gives 6, and the Dense layer reads $6 \\cdot 6 \\cdot 16 = 576$ numbers instead of 784. Its weights shrink from $784 \\cdot 10 + 10 = 7{,}850$ to $5{,}770$, while \`conv1\` grows from $8\\,(9+1) = 80$ to $8\\,(25+1) = 208$: 7,146 parameters in all.`,
        'zh-CN': `特征图有多大？输入为 $n \\times n$，卷积核为 $k \\times k$，四周补 $p$ 圈零（**填充**），每次移动 $s$ 格（**步幅**）时：

$$n_{\\text{out}} = \\left\\lfloor \\frac{n - k + 2p}{s} \\right\\rfloor + 1$$

\`conv1\` 用的是 *same* 填充，3×3 卷积核对应 $p = 1$：$(28 - 3 + 2)/1 + 1 = 28$。若用 *valid*（不填充，$p = 0$），卷积核必须完整落在图像内。

先算一算：若 \`conv1\` 改用 5×5 卷积核、valid 填充，输出为 $28 - 5 + 1 = 24$，\`pool1\` 减半为 12，\`conv2\` 保持 12，\`pool2\` 得 6，全连接层读入 $6 \\cdot 6 \\cdot 16 = 576$ 个数而不是 784 个。它的参数从 $784 \\cdot 10 + 10 = 7{,}850$ 降到 $5{,}770$，而 \`conv1\` 从 $8\\,(9+1) = 80$ 增加到 $8\\,(25+1) = 208$：总共 7,146 个参数。`,
      },
      task: {
        en: "In the graph editor, select conv1 and set its kernel size to 5 and its padding to 'valid'; check the network has 7,146 parameters.",
        'zh-CN': '在图编辑器中选中 conv1，把卷积核大小设为 5、填充设为 valid；确认网络共有 7,146 个参数。',
      },
      check: 'params == 7146 and layer.Conv2D == 2',
      hints: [
        {
          en: 'The parameter count changes in two places: conv1 (25 weights per kernel instead of 9) and the output layer (576 inputs instead of 784).',
          'zh-CN': '参数数量在两处变化：conv1（每个卷积核 25 个权重而不是 9 个）和输出层（输入 576 个而不是 784 个）。',
        },
      ],
      showMe: [{ tab: 'graph' }, { change: { type: 'graph', change: { type: 'setParams', id: 'conv1', patch: { kernelSize: 5, padding: 'valid' } } } }],
    },
    {
      target: 'feature-maps',
      text: {
        en: `Train the changed network and go back to the image lab: \`conv1\`'s maps are now 24×24 — two pixels lost on each side, because a 5×5 kernel cannot be centred on the border pixels without padding. That is why most modern networks pad: without it every layer eats into the image.`,
        'zh-CN': `训练改过的网络，再回到图像实验室：\`conv1\` 的特征图现在是 24×24——每边少了两个像素，因为不填充时 5×5 卷积核无法以边缘像素为中心。这就是现代网络大多使用填充的原因：否则每一层都会把图像“啃”小一圈。`,
      },
      task: { en: 'Train the 5×5 network to 90 % test accuracy.', 'zh-CN': '把 5×5 的网络训练到 90% 的测试准确率。' },
      tab: 'playground',
      check: 'params == 7146 and testAcc >= 0.9',
      showMe: [{ run: 'play' }],
    },
  ],
};
