import type { Lesson, LessonAction } from '../../format';

/**
 * Pooling, stride and padding on the image lab's default CNN (MNIST, seed 1), changed through the
 * graph editor's own edits. Measured in Node on the CPU backend (ModelRuntime, Adam 0.001, batch 32,
 * evaluated every 5 steps): step 1 holds at step 115 (testAcc 0.914); step 2 (stride 2, no pool1;
 * 9,098 parameters) at step 190 (0.914); step 4 (average pool2, conv2 'valid'; 7,018) at step 240
 * (0.906, then 0.945 by step 300) — each a few thousand images, 5–20 s on the shared 2-core CPU.
 */
const conv1Strided: LessonAction[] = [
  { change: { type: 'graph', change: { type: 'removeNodes', ids: ['pool1'] } } },
  { change: { type: 'graph', change: { type: 'setParams', id: 'conv1', patch: { strides: 2 } } } },
  { change: { type: 'graph', change: { type: 'connect', source: 'conv1', target: 'conv2' } } },
];

export const lesson: Lesson = {
  format: 1,
  id: 'pooling-stride-padding',
  section: 'cnn',
  order: 16,
  title: { en: 'Pooling, stride and padding', 'zh-CN': '汇聚层、步幅与填充' },
  summary: {
    en: 'Shrink feature maps three ways — pooling, a strided convolution, no padding — predict every size with one formula, and train max and average pooling side by side.',
    'zh-CN': '用三种方式缩小特征图——汇聚、带步幅的卷积、不填充——用同一个公式预测每一层的尺寸，并分别训练最大汇聚和平均汇聚。',
  },
  minutes: 15,
  steps: [
    {
      load: { from: 'default', changes: [{ type: 'dataset', patch: { kind: 'mnist' } }], seed: 1 },
      tab: 'playground',
      target: 'feature-maps',
      text: {
        en: `A **pooling layer** looks at small windows of each feature map and keeps one number per window. \`pool1\` is 2×2 *max pooling* with stride 2: of every 2×2 block it keeps the largest value,

$$Y[i,j] = \\max_{0 \\le a,c < 2} X[2i+a,\\ 2j+c]$$

so the 28×28 maps of \`conv1\` become 14×14. The same size formula as for convolutions applies, with no padding: $\\lfloor (28 - 2)/2 \\rfloor + 1 = 14$.

Pooling has **no parameters** — nothing to learn — and it works on each channel separately. It makes the network tolerant to small shifts: if an edge moves by one pixel, the maximum of its window often stays the same. Compare \`conv1\`'s maps with \`pool1\`'s: the same pictures, coarser.`,
        'zh-CN': `**汇聚层**（pooling）在每张特征图上取小窗口，每个窗口只留下一个数。\`pool1\` 是步幅为 2 的 2×2 *最大汇聚*：每个 2×2 小块只保留最大值，

$$Y[i,j] = \\max_{0 \\le a,c < 2} X[2i+a,\\ 2j+c]$$

于是 \`conv1\` 的 28×28 特征图变成 14×14。卷积的尺寸公式同样适用（不填充）：$\\lfloor (28 - 2)/2 \\rfloor + 1 = 14$。

汇聚层**没有参数**——没有东西要学——而且对每个通道分别操作。它让网络对小的平移不敏感：边缘挪动一个像素，所在窗口的最大值往往不变。对比 \`conv1\` 和 \`pool1\` 的特征图：同样的图案，只是更粗糙。`,
      },
      task: { en: 'Train the network with its two max-pooling layers to 90 % test accuracy.', 'zh-CN': '训练这个带两个最大汇聚层的网络，使测试准确率达到 90%。' },
      check: 'layer.MaxPool2D == 2 and testAcc >= 0.9',
      showMe: [{ run: 'play' }],
    },
    {
      tab: 'graph',
      target: 'inspector',
      text: {
        en: `**Stride** is how far the kernel jumps between two outputs. With stride $s = 2$, \`conv1\` computes only every other position and its map is already half as big:

$$\\left\\lfloor \\frac{28 - 3 + 2 \\cdot 1}{2} \\right\\rfloor + 1 = 14$$

So a strided convolution can do the pooling's job. Delete \`pool1\`, connect \`conv1\` straight to \`conv2\` and set \`conv1\`'s stride to 2. Everything after it keeps its size, so the parameter count stays exactly 9,098 — the pooling layer had none to lose — while \`conv1\` now does a quarter of the multiplications.`,
        'zh-CN': `**步幅**是卷积核两次计算之间跳过的距离。步幅 $s = 2$ 时，\`conv1\` 只在隔一个的位置上计算，输出直接缩小一半：

$$\\left\\lfloor \\frac{28 - 3 + 2 \\cdot 1}{2} \\right\\rfloor + 1 = 14$$

所以带步幅的卷积可以代替汇聚层。删掉 \`pool1\`，把 \`conv1\` 直接连到 \`conv2\`，并把 \`conv1\` 的步幅设为 2。后面各层的尺寸都不变，所以参数总数仍然恰好是 9,098——汇聚层本来就没有参数——而 \`conv1\` 的乘法只剩四分之一。`,
      },
      task: {
        en: 'Replace pool1 by a stride of 2 in conv1, and train the network to 90 % test accuracy.',
        'zh-CN': '用 conv1 的步幅 2 代替 pool1，并把网络训练到 90% 的测试准确率。',
      },
      check: 'layer.MaxPool2D == 1 and params == 9098 and testAcc >= 0.9',
      hints: [
        {
          en: 'Select pool1 and delete it; drag from conv1’s output handle to conv2; then select conv1 and set strides to 2 in the inspector.',
          'zh-CN': '选中 pool1 并删除；从 conv1 的输出端口拖一条连线到 conv2；再选中 conv1，在检查器里把 strides 设为 2。',
        },
      ],
      showMe: [{ tab: 'graph' }, ...conv1Strided, { run: 'play' }],
    },
    {
      tab: 'graph',
      target: 'inspector',
      text: {
        en: `**Padding** adds a border of zeros so that the kernel can be centred on edge pixels. A 3×3 kernel with *same* padding uses $p = 1$ and keeps the size; with *valid* padding ($p = 0$) it loses a pixel on each side.

Set \`conv2\`'s padding to *valid* and predict: $14 - 3 + 1 = 12$, pooling gives 6, and the output layer reads $6 \\cdot 6 \\cdot 16 = 576$ numbers instead of $7 \\cdot 7 \\cdot 16 = 784$. That removes $208 \\cdot 10 = 2{,}080$ weights: 7,018 parameters are left. The convolution's own parameters do not depend on the padding at all — only the layers after it notice.`,
        'zh-CN': `**填充**在图像四周补一圈零，让卷积核也能以边缘像素为中心。3×3 卷积核用 *same* 填充时 $p = 1$，尺寸不变；用 *valid*（$p = 0$）时每边少一个像素。

把 \`conv2\` 的填充改成 *valid*，先预测：$14 - 3 + 1 = 12$，汇聚后为 6，输出层读入 $6 \\cdot 6 \\cdot 16 = 576$ 个数，而不是 $7 \\cdot 7 \\cdot 16 = 784$ 个。这样少了 $208 \\cdot 10 = 2{,}080$ 个权重，剩下 7,018 个参数。卷积层自己的参数与填充完全无关——只有它后面的层会察觉。`,
      },
      task: { en: "Set conv2's padding to 'valid' and check the network has 7,018 parameters.", 'zh-CN': '把 conv2 的填充设为 valid，确认网络共有 7,018 个参数。' },
      check: 'layer.MaxPool2D == 1 and params == 7018',
      showMe: [{ tab: 'graph' }, { change: { type: 'graph', change: { type: 'setParams', id: 'conv2', patch: { padding: 'valid' } } } }],
    },
    {
      tab: 'graph',
      target: 'canvas',
      text: {
        en: `Max pooling asks "is the feature anywhere in this window?"; **average pooling** asks "how much of it is there?":

$$Y[i,j] = \\frac{1}{4} \\sum_{0 \\le a,c < 2} X[2i+a,\\ 2j+c]$$

LeNet (1998) used average pooling; since AlexNet (2012) most networks use max pooling, which keeps the strongest response instead of diluting it with the empty background around a thin stroke.

Replace \`pool2\` by an *AvgPool2D* layer of the same size (2×2) and train again. The parameter count does not change — neither kind of pooling has weights — and on MNIST both train well: compare how fast the accuracy climbs, and how the \`pool2\` maps look softer in the image lab.`,
        'zh-CN': `最大汇聚问的是“这个窗口里有没有这个特征？”；**平均汇聚**问的是“这个特征有多少？”：

$$Y[i,j] = \\frac{1}{4} \\sum_{0 \\le a,c < 2} X[2i+a,\\ 2j+c]$$

LeNet（1998）用的是平均汇聚；从 AlexNet（2012）起，大多数网络改用最大汇聚：它保留最强的响应，不会被细笔画周围的空白背景冲淡。

把 \`pool2\` 换成同样 2×2 的 *AvgPool2D* 层，再训练一次。参数总数不变——两种汇聚都没有权重——而在 MNIST 上两者都能训练好：比较准确率上升的快慢，再到图像实验室看看 \`pool2\` 的特征图变得多柔和。`,
      },
      task: { en: 'Swap pool2 for average pooling and train to 90 % test accuracy.', 'zh-CN': '把 pool2 换成平均汇聚，并训练到 90% 的测试准确率。' },
      check: 'layer.AvgPool2D == 1 and layer.MaxPool2D == 0 and testAcc >= 0.9',
      hints: [
        {
          en: 'Delete pool2, drag an AvgPool2D from the palette, connect conv2 → it → flatten, and keep its pool size 2.',
          'zh-CN': '删除 pool2，从组件栏拖入一个 AvgPool2D，连接 conv2 → 它 → flatten，汇聚窗口保持为 2。',
        },
      ],
      showMe: [
        { tab: 'graph' },
        { change: { type: 'graph', change: { type: 'removeNodes', ids: ['pool2'] } } },
        { change: { type: 'graph', change: { type: 'addNode', nodeType: 'AvgPool2D', id: 'pool2', params: { poolSize: 2, strides: 0, padding: 'valid' }, connectFrom: 'conv2' } } },
        { change: { type: 'graph', change: { type: 'connect', source: 'pool2', target: 'flatten', targetHandleIndex: 0 } } },
        { run: 'play' },
      ],
    },
  ],
};
