import type { Lesson, LessonAction } from '../../format';

/** A dense block built into the image lab's default CNN: two 4-kernel convolutions whose outputs are concatenated to their inputs. */
const denseBlock: LessonAction[] = [
  { change: { type: 'graph', change: { type: 'addNode', nodeType: 'Conv2D', id: 'grow1', params: { filters: 4, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu', useBias: true }, connectFrom: 'pool1' } } },
  { change: { type: 'graph', change: { type: 'addNode', nodeType: 'Concatenate', id: 'cat1', params: { axis: -1 }, connectFrom: 'pool1' } } },
  { change: { type: 'graph', change: { type: 'connect', source: 'grow1', target: 'cat1' } } },
  { change: { type: 'graph', change: { type: 'addNode', nodeType: 'Conv2D', id: 'grow2', params: { filters: 4, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu', useBias: true }, connectFrom: 'cat1' } } },
  { change: { type: 'graph', change: { type: 'addNode', nodeType: 'Concatenate', id: 'cat2', params: { axis: -1 }, connectFrom: 'cat1' } } },
  { change: { type: 'graph', change: { type: 'connect', source: 'grow2', target: 'cat2' } } },
  { change: { type: 'graph', change: { type: 'connect', source: 'cat2', target: 'conv2', targetHandleIndex: 0 } } },
];

/**
 * DenseNet: the template read (it trains ~8 images/s on the CPU backend in Node, too slow to wait
 * for), then a two-layer dense block added to the default CNN on MNIST (seed 1) and trained: 10,978
 * parameters, ~340 images/s in Node (ModelRuntime, Adam 0.001, batch 32): testAcc 0.906 at step 115.
 */
export const lesson: Lesson = {
  format: 1,
  id: 'densenet',
  section: 'classic',
  order: 21,
  title: { en: 'DenseNet: concatenate, don’t add', 'zh-CN': '稠密连接网络（DenseNet）：拼接而非相加' },
  summary: {
    en: 'Read the DenseNet template, where every layer sees the feature maps of all layers before it, then build a small dense block yourself and train it on MNIST.',
    'zh-CN': '读懂 DenseNet 模板——每一层都能看到它前面所有层的特征图——然后亲手搭一个小的稠密块，在 MNIST 上训练。',
  },
  minutes: 15,
  steps: [
    {
      load: { from: { template: 'densenet' }, seed: 1 },
      tab: 'graph',
      target: 'canvas',
      text: {
        en: `A residual block adds its input to what it computes, $x + f(x)$. **DenseNet** (Huang et al., 2017) keeps both side by side instead: it **concatenates** them along the channels,

$$x_\\ell = [\\,x_{\\ell-1},\\ f_\\ell(x_{\\ell-1})\\,]$$

so layer $\\ell$ of a *dense block* sees the feature maps of every layer before it, not just the last one. Each $f_\\ell$ (batch normalization → ReLU → 3×3 convolution) adds only a few new channels, the **growth rate** $k$.

Follow the template's first block in the editor: the stem gives 16 channels, and each \`Concatenate\` adds $k = 8$: 24, 32, 40. A *transition layer* (a 1×1 convolution down to 20 channels, then 2×2 average pooling) keeps the width and the size in check before the second block grows 20 → 28 → 36 → 44.`,
        'zh-CN': `残差块把输入加到它算出的结果上：$x + f(x)$。**稠密连接网络**（DenseNet，Huang 等，2017）则把两者并排保留：沿通道维把它们**拼接**起来，

$$x_\\ell = [\\,x_{\\ell-1},\\ f_\\ell(x_{\\ell-1})\\,]$$

于是*稠密块*中的第 $\\ell$ 层能看到它前面每一层的特征图，而不只是上一层的。每个 $f_\\ell$（批量规范化 → ReLU → 3×3 卷积）只新增少量通道，称为**增长率** $k$。

在编辑器里顺着模板的第一个块看：主干输出 16 个通道，每个 \`Concatenate\` 增加 $k = 8$ 个：24、32、40。*过渡层*（用 1×1 卷积压到 20 个通道，再做 2×2 平均汇聚）控制宽度和尺寸，第二个块再从 20 增长到 28、36、44。`,
      },
    },
    {
      tab: 'graph',
      target: 'inspector',
      text: {
        en: `Count: six \`Concatenate\` layers, eight convolutions — and only 13,586 parameters (the editor's count, which includes the normalization layers' running means and variances), fewer than a quarter of LeNet's. Dense blocks are narrow: since earlier features stay available, a layer need not copy them forward, it only adds what is new. That is **feature reuse**.

The catch is memory and time: every concatenated map is kept and read again by all the later layers of the block, and this template runs its convolutions at full 28×28 resolution with batch normalization everywhere. On this CPU it trains only a few images per second, so we will not wait for it; instead you will build a small dense block into a network that trains in seconds.`,
        'zh-CN': `数一数：六个 \`Concatenate\` 层、八个卷积层——参数却只有 13,586 个（编辑器的计数，包括规范化层的滑动均值和方差），不到 LeNet 的四分之一。稠密块很“窄”：前面的特征一直可用，后面的层不必再把它们复制一遍，只需添加新的东西。这就是**特征重用**。

代价是内存和时间：每张拼接后的特征图都要保留，并被块内后面的每一层再读一遍；而且这个模板在完整的 28×28 分辨率上做卷积，处处都有批量规范化。在这台 CPU 上它每秒只能训练几张图像，所以我们不等它；接下来你会在一个几秒钟就能训练好的网络里，亲手搭一个小稠密块。`,
      },
      task: { en: 'Open the DenseNet template and count its Concatenate and Conv2D layers.', 'zh-CN': '打开 DenseNet 模板，数一数其中的 Concatenate 层和 Conv2D 层。' },
      check: 'layer.Concatenate == 6 and layer.Conv2D == 8',
      showMe: [{ template: 'densenet' }],
    },
    {
      load: { from: 'default', changes: [{ type: 'dataset', patch: { kind: 'mnist' } }], seed: 1 },
      tab: 'graph',
      target: 'palette',
      text: {
        en: `This is the image lab's small CNN again: \`conv1\` (8 channels) → \`pool1\` → \`conv2\` → \`pool2\` → output. Put a dense block with growth rate $k = 4$ between \`pool1\` and \`conv2\`:

- \`grow1\`: a Conv2D with 4 kernels, 3×3, *same* padding, ReLU, reading \`pool1\`;
- \`cat1\`: a Concatenate of \`pool1\` and \`grow1\` — $8 + 4 = 12$ channels;
- \`grow2\`: the same kind of Conv2D, reading \`cat1\`;
- \`cat2\`: a Concatenate of \`cat1\` and \`grow2\` — $12 + 4 = 16$ channels, fed to \`conv2\`.

\`grow1\` has $4\\,(9 \\cdot 8 + 1) = 292$ parameters, \`grow2\` $4\\,(9 \\cdot 12 + 1) = 436$, and \`conv2\` now reads 16 channels instead of 8: $16\\,(9 \\cdot 16 + 1) = 2{,}320$. In all 10,978.`,
        'zh-CN': `又回到图像实验室的小型卷积神经网络：\`conv1\`（8 个通道）→ \`pool1\` → \`conv2\` → \`pool2\` → 输出。在 \`pool1\` 和 \`conv2\` 之间放一个增长率 $k = 4$ 的稠密块：

- \`grow1\`：一个 Conv2D，4 个 3×3 卷积核，*same* 填充，ReLU，读取 \`pool1\`；
- \`cat1\`：把 \`pool1\` 和 \`grow1\` 拼接起来——$8 + 4 = 12$ 个通道；
- \`grow2\`：同样的 Conv2D，读取 \`cat1\`；
- \`cat2\`：把 \`cat1\` 和 \`grow2\` 拼接起来——$12 + 4 = 16$ 个通道，送入 \`conv2\`。

\`grow1\` 有 $4\\,(9 \\cdot 8 + 1) = 292$ 个参数，\`grow2\` 有 $4\\,(9 \\cdot 12 + 1) = 436$ 个，而 \`conv2\` 现在读入 16 个通道而不是 8 个：$16\\,(9 \\cdot 16 + 1) = 2{,}320$。总共 10,978 个。`,
      },
      task: { en: 'Build the dense block (two Concatenate layers, 10,978 parameters) and train to 90 % test accuracy.', 'zh-CN': '搭好稠密块（两个 Concatenate 层，共 10,978 个参数），训练到 90% 的测试准确率。' },
      check: 'layer.Concatenate == 2 and params == 10978 and testAcc >= 0.9',
      hints: [
        {
          en: 'A Concatenate node takes several inputs: connect both of its sources to it. Then drag from cat2 onto conv2’s input to replace the link from pool1.',
          'zh-CN': 'Concatenate 节点可以有多个输入：把两个来源都连到它上面。最后从 cat2 拖一条线到 conv2 的输入端，替换原来来自 pool1 的连线。',
        },
      ],
      showMe: [{ tab: 'graph' }, ...denseBlock, { run: 'play' }],
    },
    {
      tab: 'playground',
      target: 'feature-maps',
      text: {
        en: `Go to the image lab and look at \`cat2\`'s sixteen feature maps. The first eight are exactly \`pool1\`'s maps, passed through untouched; the next four are \`grow1\`'s, the last four \`grow2\`'s. \`conv2\` reads all of them, so the simple edges found early are still there, unchanged, next to the features built on top of them.

In a plain network \`conv2\` would only see what the layer just below chose to pass on. Concatenation guarantees access to everything before — and, as in a residual network, it gives the gradient a short path back to the early layers.`,
        'zh-CN': `切到图像实验室，看 \`cat2\` 的十六张特征图。前八张和 \`pool1\` 的特征图一模一样，原封不动地传了过来；接下来四张来自 \`grow1\`，最后四张来自 \`grow2\`。\`conv2\` 读取全部这些图，所以早期找到的简单边缘依然完好地摆在那里，旁边是在它们之上构建的新特征。

在普通网络里，\`conv2\` 只能看到紧挨着它的下一层愿意传上来的东西。拼接保证它能访问之前的一切——并且和残差网络一样，给梯度留了一条回到前面各层的捷径。`,
      },
    },
  ],
};
