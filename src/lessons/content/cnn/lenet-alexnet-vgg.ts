import type { Lesson } from '../../format';

/**
 * LeNet → AlexNet → VGG with the repository's templates on MNIST (seed 1). Measured in Node on the
 * CPU backend (ModelRuntime, Adam 0.001, batch 32): LeNet-5 trains ~440 images/s and reaches
 * testAcc ≥ 0.9 at step 120 (3,840 images, ~13 s with the shared cores); AlexNet trains ~110
 * images/s, VGG ~60 images/s, so they are opened and counted, not trained to a bar.
 */
export const lesson: Lesson = {
  format: 1,
  id: 'lenet-alexnet-vgg',
  section: 'classic',
  order: 19,
  title: { en: 'LeNet → AlexNet → VGG', 'zh-CN': '从 LeNet 到 AlexNet 再到 VGG' },
  summary: {
    en: 'Train LeNet-5, then open AlexNet and VGG and count what changed in fourteen years: depth, ReLU, max pooling, dropout and stacks of 3×3 convolutions.',
    'zh-CN': '先训练 LeNet-5，再打开 AlexNet 和 VGG，数一数这十四年里变了什么：深度、ReLU、最大汇聚、暂退法，以及成串的 3×3 卷积。',
  },
  minutes: 15,
  steps: [
    {
      load: { from: { template: 'lenet5' }, seed: 1 },
      tab: 'playground',
      target: 'play',
      text: {
        en: `**LeNet-5** (LeCun et al., 1998) read the handwritten amounts on bank cheques. It is the template you have just opened, as the textbooks draw it: a 32×32 input (MNIST's 28×28 digits get a 2-pixel border), two 5×5 convolutions with 6 and 16 kernels, each followed by 2×2 **average pooling**, then three dense layers of 120, 84 and 10 units — every hidden unit a saturating $\\tanh$.

Almost thirty years later it still works: train it on the digits.`,
        'zh-CN': `**LeNet-5**（LeCun 等，1998）曾被用来识别银行支票上的手写数字。你刚打开的模板就是教科书里画的样子：32×32 的输入（MNIST 的 28×28 数字四周补 2 个像素），两个 5×5 卷积层，分别有 6 个和 16 个卷积核，各接一个 2×2 **平均汇聚层**，然后是 120、84、10 个单元的三个全连接层——所有隐藏单元都用会饱和的 $\\tanh$。

近三十年后它依然好用：在数字上训练它。`,
      },
      task: { en: 'Train LeNet-5 to 90 % test accuracy.', 'zh-CN': '把 LeNet-5 训练到 90% 的测试准确率。' },
      check: 'params == 61706 and testAcc >= 0.9',
      showMe: [{ run: 'play' }],
    },
    {
      tab: 'graph',
      target: 'inspector',
      text: {
        en: `Where are LeNet's 61,706 parameters? A convolution with $c_o$ kernels of $k \\times k$ over $c_i$ input channels has $c_o (k^2 c_i + 1)$; a dense layer from $n$ to $m$ units has $m(n + 1)$:

- \`conv1\`: $6\\,(25 \\cdot 1 + 1) = 156$
- \`conv2\`: $16\\,(25 \\cdot 6 + 1) = 2{,}416$
- \`fc1\`: $120\\,(400 + 1) = 48{,}120$
- \`fc2\`: $84\\,(120 + 1) = 10{,}164$
- \`output\`: $10\\,(84 + 1) = 850$

The convolutions hold 4 % of the weights but do most of the multiplications, because each kernel is reused at every position. Select the layers in the editor: the inspector shows each one's output shape and parameters.`,
        'zh-CN': `LeNet 的 61,706 个参数在哪里？一个卷积层有 $c_o$ 个 $k \\times k$ 的卷积核、输入 $c_i$ 个通道，参数为 $c_o (k^2 c_i + 1)$；从 $n$ 个单元到 $m$ 个单元的全连接层有 $m(n + 1)$ 个：

- \`conv1\`：$6\\,(25 \\cdot 1 + 1) = 156$
- \`conv2\`：$16\\,(25 \\cdot 6 + 1) = 2{,}416$
- \`fc1\`：$120\\,(400 + 1) = 48{,}120$
- \`fc2\`：$84\\,(120 + 1) = 10{,}164$
- \`output\`：$10\\,(84 + 1) = 850$

卷积层只占 4% 的权重，却承担了大部分乘法，因为每个卷积核在每个位置都被重复使用。在编辑器里逐个选中各层：检查器会显示每层的输出形状和参数量。`,
      },
    },
    {
      tab: 'graph',
      target: 'templates',
      text: {
        en: `**AlexNet** (Krizhevsky, Sutskever and Hinton, 2012) won ImageNet by a wide margin and started the deep-learning boom. The template is a toy-scale copy for 28×28 digits, but every idea is there:

- **Deeper**: five convolution layers instead of two.
- **ReLU**, $\\max(0, x)$, instead of $\\tanh$: it does not saturate for positive inputs, so the gradient does not vanish and training is several times faster.
- **Max pooling**, 3×3 windows with stride 2 that overlap.
- **Dropout** with $p = 0.5$ after the big dense layers: during training each unit is zeroed with probability $p$ (and the rest scaled by $1/(1-p)$), so the network cannot rely on any one unit — a regularizer against overfitting.`,
        'zh-CN': `**AlexNet**（Krizhevsky、Sutskever 和 Hinton，2012）以巨大优势赢得 ImageNet 竞赛，掀起了深度学习热潮。这个模板是为 28×28 数字缩小的版本，但核心思想一个不少：

- **更深**：五个卷积层，而不是两个。
- **ReLU** 激活函数 $\\max(0, x)$ 取代 $\\tanh$：正输入时不饱和，梯度不会消失，训练快好几倍。
- **最大汇聚**：3×3 窗口、步幅 2，相邻窗口互相重叠。
- 大全连接层之后加**暂退法**（dropout），$p = 0.5$：训练时每个单元以概率 $p$ 被置零（其余的乘以 $1/(1-p)$），网络无法依赖任何单个单元——这是一种对抗过拟合的正则化方法。`,
      },
      task: { en: 'Open the AlexNet template.', 'zh-CN': '打开 AlexNet 模板。' },
      check: 'layer.Dropout == 2 and layer.MaxPool2D == 3 and params == 87882',
      showMe: [{ template: 'alexnet' }],
    },
    {
      tab: 'graph',
      target: 'templates',
      text: {
        en: `**VGG** (Simonyan and Zisserman, 2014) made the design regular: only 3×3 convolutions, two (or more) in a row, then 2×2 max pooling; repeat these *blocks*, doubling the channels each time.

Why 3×3? Two stacked 3×3 convolutions see a 5×5 patch of their input, like one 5×5 convolution, but with $2 \\cdot 9\\,C^2 = 18\\,C^2$ weights instead of $25\\,C^2$ (for $C$ channels in and out) — and with a ReLU between them, one more nonlinearity.

The price is compute. Every layer of the first block works at the full 28×28 resolution; on this machine's CPU VGG trains about seven times slower per image than LeNet. Press play if you are curious and watch the steps per second, but you need not wait for it.`,
        'zh-CN': `**VGG**（Simonyan 和 Zisserman，2014）让设计变得规整：只用 3×3 卷积，连续两个（或更多），再接 2×2 最大汇聚；把这样的*块*重复几次，每次通道数加倍。

为什么是 3×3？两个叠起来的 3×3 卷积看到的是输入中 5×5 的区域，和一个 5×5 卷积相同，但权重只有 $2 \\cdot 9\\,C^2 = 18\\,C^2$ 个，而不是 $25\\,C^2$ 个（输入输出都是 $C$ 个通道）——而且中间多了一个 ReLU，多一层非线性。

代价是计算量。第一个块的每一层都在完整的 28×28 分辨率上计算；在这台机器的 CPU 上，VGG 每张图像的训练比 LeNet 慢约七倍。好奇的话可以点播放，看看每秒的步数，但不必等它训练完。`,
      },
      task: { en: 'Open the VGG template.', 'zh-CN': '打开 VGG 模板。' },
      check: 'layer.Conv2D == 4 and layer.Dropout == 1 and params == 117434',
      showMe: [{ template: 'vgg' }],
    },
  ],
};
