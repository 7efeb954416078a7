import type { SpecChange } from '../../../models/edits';
import type { Lesson } from '../../format';

/*
 * The repository's resnet template trains ~15 images/s on the CPU backend in Node (batch
 * normalization at full 28×28 resolution), far too slow for a live comparison. So this lesson builds
 * its own pair with the graph editor's edits, on the `shapes` dataset (2,000 images, half for
 * training, seed 1): the image lab's default CNN with conv2 narrowed to 8 channels and twenty more
 * 3×3 convolutions of 8 channels at 7×7 (alternately sigmoid and linear) before the classifier —
 * 13,916 parameters — once plain and once with a shortcut (`Add`) around every pair of them.
 * Measured in Node (ModelRuntime, Adam 0.001, batch 32): plain — loss 1.39, testAcc 0.23–0.28 through
 * epoch 3 (step 124), escaping only from epoch 4–5 (0.48 at step 155, 0.88 at step 434); residual —
 * testAcc 0.61 at step 60 (epoch 1), 0.71 at step 90, 0.80 at step 160. With the Engine and the lab's
 * probes running: step 1's check held after 7.7 s (step 94), step 2's after 10.0 s (step 58).
 */

/** The deep stack's depth: 20 convolutions, in 10 pairs. */
const DEPTH = 20;
const graph = (change: Extract<SpecChange, { type: 'graph' }>['change']): SpecChange => ({ type: 'graph', change });

/** The deep plain network: 20 convolutions stacked on the default CNN's pool2, alternately sigmoid and linear. */
const plainNetwork: SpecChange[] = [
  { type: 'dataset', patch: { kind: 'shapes', numPoints: 2000, trainRatio: 0.5 } },
  graph({ type: 'setParams', id: 'conv2', patch: { filters: 8 } }),
  ...Array.from({ length: DEPTH }, (_, i) =>
    graph({
      type: 'addNode',
      nodeType: 'Conv2D',
      id: `deep${i + 1}`,
      params: { filters: 8, kernelSize: 3, strides: 1, padding: 'same', activation: i % 2 === 0 ? 'sigmoid' : 'linear', useBias: true },
      connectFrom: i === 0 ? 'pool2' : `deep${i}`,
    }),
  ),
  graph({ type: 'connect', source: `deep${DEPTH}`, target: 'flatten', targetHandleIndex: 0 }),
];

/**
 * The shortcuts: block b (deep2b−1, deep2b) adds its input (pool2, or the previous block's sum) to its
 * second convolution's output, and the sum feeds the next block (or the classifier).
 */
const shortcuts: SpecChange[] = Array.from({ length: DEPTH / 2 }, (_, i) => {
  const b = i + 1;
  const input = b === 1 ? 'pool2' : `add${b - 1}`;
  const next = b === DEPTH / 2 ? 'flatten' : `deep${2 * b + 1}`;
  return [
    graph({ type: 'addNode', nodeType: 'Add', id: `add${b}`, connectFrom: `deep${2 * b}` }),
    graph({ type: 'connect', source: input, target: `add${b}` }),
    graph({ type: 'connect', source: `add${b}`, target: next, targetHandleIndex: 0 }),
  ];
}).flat();

export const lesson: Lesson = {
  format: 1,
  id: 'resnet',
  section: 'classic',
  order: 20,
  title: { en: 'ResNet: why shortcuts let networks go deep', 'zh-CN': '残差网络（ResNet）：捷径让网络更深' },
  summary: {
    en: 'A 23-layer plain network sits at chance for epochs; add a shortcut around every two layers — the same weights — and it learns at once. Then meet batch normalization in the real ResNet block.',
    'zh-CN': '一个 23 层的普通网络一连几轮都停在瞎猜的水平；在每两层外加一条捷径——权重完全相同——它立刻就能学习。最后认识真正 ResNet 块中的批量规范化。',
  },
  minutes: 15,
  steps: [
    {
      // Stopped at 3 epochs: the plain stack escapes chance from epoch 4–5, so the check's window is short.
      load: { from: 'default', changes: [...plainNetwork, { type: 'stopRule', patch: { epochs: 3 } }], seed: 1 },
      tab: 'graph',
      target: 'canvas',
      text: {
        en: `More layers should never hurt: a deeper network could copy a shallower one and let its extra layers compute the identity. In practice, before 2015, very deep networks trained *worse*.

See it for yourself. This is the image lab's small CNN on the **shapes** dataset (circles, squares, triangles and lines: four classes, chance is 25 %) with twenty extra 3×3 convolutions stacked after \`pool2\`, \`deep1\` … \`deep20\`, alternately with a sigmoid and without an activation — 23 layers with weights in all.

Train it. For epoch after epoch the loss stays at $\\ln 4 \\approx 1.386$, the loss of guessing: the gradient that reaches the early layers is vanishingly small. Backpropagation multiplies it by $\\sigma'(z) \\le \\tfrac14$ at every sigmoid; after ten of them it is at most $4^{-10} \\approx 10^{-6}$ of what it was.`,
        'zh-CN': `层数多不应该更差：更深的网络完全可以复制一个浅网络，让多出来的层只做恒等映射。可在 2015 年之前，非常深的网络实际上训练得*更差*。

亲眼看看。这是图像实验室的小型卷积神经网络，数据集换成 **shapes**（圆、正方形、三角形、线段：四个类别，瞎猜的准确率是 25%），在 \`pool2\` 之后又叠了二十个 3×3 卷积层 \`deep1\` … \`deep20\`，交替使用 sigmoid 和不加激活函数——总共 23 个带权重的层。

训练它。一轮又一轮，损失一直停在 $\\ln 4 \\approx 1.386$，也就是瞎猜的损失：传到前面各层的梯度小得几乎为零。反向传播每经过一个 sigmoid，梯度就乘上 $\\sigma'(z) \\le \\tfrac14$；经过十个之后，最多只剩原来的 $4^{-10} \\approx 10^{-6}$。`,
      },
      task: { en: 'Train the plain network for three epochs (it stops there by itself) and see it stay at chance.', 'zh-CN': '把普通网络训练三轮（到时会自动停下），看它一直停在瞎猜的水平。' },
      check: 'layer.Add == 0 and epoch >= 3 and testAcc < 0.35',
      showMe: [{ run: 'play' }],
    },
    {
      load: { from: 'default', changes: [...plainNetwork, ...shortcuts], seed: 1 },
      tab: 'graph',
      target: 'canvas',
      text: {
        en: `Now the same twenty layers with **shortcuts**: around every pair, an \`Add\` node adds the pair's input to its output. A pair no longer has to compute its output $H(x)$, only the *residual* $F(x) = H(x) - x$:

$$y = x + F(x), \\qquad \\frac{\\partial y}{\\partial x} = I + \\frac{\\partial F}{\\partial x}$$

Whatever happens inside $F$, the gradient has a direct path back through the identity $I$, block after block, to the first layers. And if a block is useless, it only has to push $F$ to zero — much easier than learning the identity through a sigmoid.

Nothing else changed: the same layers, the same seed, and the same 13,916 parameters — \`Add\` has none. Train it.`,
        'zh-CN': `现在是同样的二十层，加上**捷径**：每两层外面套一个 \`Add\` 节点，把这两层的输入加到它们的输出上。这两层不必再算出完整的映射 $H(x)$，只需算出*残差* $F(x) = H(x) - x$：

$$y = x + F(x), \\qquad \\frac{\\partial y}{\\partial x} = I + \\frac{\\partial F}{\\partial x}$$

无论 $F$ 内部发生什么，梯度都能沿着恒等项 $I$ 一块一块直接传回最前面的层。如果某个块没什么用，只要把 $F$ 压到零就行——这比隔着 sigmoid 学出恒等映射容易得多。

其他一切都没变：同样的层、同样的随机种子、同样的 13,916 个参数——\`Add\` 没有参数。训练它。`,
      },
      task: { en: 'Train the residual network past 60 % test accuracy.', 'zh-CN': '把残差网络训练到 60% 以上的测试准确率。' },
      check: 'layer.Add == 10 and params == 13916 and testAcc >= 0.6',
      showMe: [{ run: 'play' }],
    },
    {
      target: 'loss-chart',
      text: {
        en: `Compare the two runs: the plain network flat at 1.386 for its first four epochs, the residual one past 60 % test accuracy within two. (Keep training the plain one and it does crawl out after four or five epochs: Adam scales each weight's step by that weight's own gradient history, so even tiny gradients eventually move the early layers — but it loses epochs the residual network did not need.) This is the finding of He et al. (2015): with shortcuts, 152 layers trained better than 20, and ResNet won ImageNet.

The residual network has no more capacity than the plain one — it *is* the plain one, re-wired. What changed is only how easy it is for gradient descent to find good weights: deep learning's progress is as much about optimization as about expressiveness.`,
        'zh-CN': `对比两次训练：普通网络在前四轮里一直平躺在 1.386，残差网络两轮之内测试准确率就超过 60%。（普通网络继续训练下去，四五轮之后确实会慢慢爬出来：Adam 按每个权重自己的梯度历史来缩放步长，再小的梯度最终也能推动前面的层——但它白白浪费了残差网络根本不需要的那几轮。）这正是 He 等人（2015）的发现：有了捷径，152 层的网络比 20 层的训练得更好，ResNet 赢得了 ImageNet 竞赛。

残差网络的容量并不比普通网络大——它*就是*那个普通网络，只是换了接法。变的只是梯度下降找到好权重的难易程度：深度学习的进步，既关乎表达能力，也同样关乎优化。`,
      },
    },
    {
      tab: 'graph',
      target: 'templates',
      text: {
        en: `The real ResNet block adds one more ingredient: **batch normalization**. For each channel, over the mini-batch $B$, it standardizes the values and then lets the network rescale them with two learned parameters $\\gamma$ and $\\beta$:

$$\\hat{x} = \\frac{x - \\mu_B}{\\sqrt{\\sigma_B^2 + \\epsilon}}, \\qquad y = \\gamma\\,\\hat{x} + \\beta$$

Every layer then receives inputs of a steady scale, whatever the layers before it are doing, so deep stacks train faster and tolerate larger learning rates. At test time $\\mu$ and $\\sigma$ are running averages from training.

Open the **resnet** template: each block is convolution → BatchNormalization → ReLU → convolution → BatchNormalization, added to the shortcut, then ReLU; where the block halves the size, the shortcut is a strided 1×1 convolution so the shapes match. Its full-resolution convolutions and normalization layers make it slow on a CPU (around 15 images per second here) — on WebGL it is worth a run.`,
        'zh-CN': `真正的 ResNet 块还多了一样东西：**批量规范化**（batch normalization）。对每个通道，在小批量 $B$ 上先把数值标准化，再用两个可学习的参数 $\\gamma$ 和 $\\beta$ 重新缩放：

$$\\hat{x} = \\frac{x - \\mu_B}{\\sqrt{\\sigma_B^2 + \\epsilon}}, \\qquad y = \\gamma\\,\\hat{x} + \\beta$$

这样，无论前面的层在做什么，每一层收到的输入尺度都很稳定，深层网络训练得更快，也能承受更大的学习率。测试时 $\\mu$ 和 $\\sigma$ 用训练中累积的滑动平均。

打开 **resnet** 模板：每个块是 卷积 → BatchNormalization → ReLU → 卷积 → BatchNormalization，与捷径相加后再接 ReLU；在块把尺寸减半的地方，捷径是一个步幅为 2 的 1×1 卷积，使形状对得上。它在全分辨率上做卷积和规范化，在 CPU 上很慢（这里每秒约 15 张图像）——用 WebGL 时值得跑一跑。`,
      },
      task: { en: 'Open the ResNet template and find its batch normalization layers and shortcuts.', 'zh-CN': '打开 ResNet 模板，找出其中的批量规范化层和捷径。' },
      check: 'layer.BatchNormalization == 6 and layer.Add == 2',
      showMe: [{ template: 'resnet' }],
    },
  ],
};
