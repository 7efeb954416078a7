import type { SpecChange } from '../../../models/edits';
import type { Lesson, LessonLoad } from '../../format';

/**
 * Vanishing gradients (d2l-zh 4.8, 数值稳定性): the circle, eight hidden layers of 8 sigmoid units,
 * SGD 0.03, batch 10, seed 1, read on the training-dynamics panel (gradNormRatio = gradient norm of
 * the first Dense layer ÷ the output layer's). Measured in Node (ModelRuntime, CPU, a probe every
 * epoch; tests/unit/lessons.deepNets.test.ts holds it): sigmoid × 8 — ratio 5e-6 … 1.5e-4 over
 * epochs 1–20, test loss 1.00, accuracy 0.49 at epoch 20 (it learns nothing); ReLU × 8 — ratio
 * 0.3–9, test accuracy 0.93 at epoch 3, 1.00 at epoch 5.
 */
const deepSigmoid: LessonLoad = {
  from: 'default',
  changes: [
    ...Array.from({ length: 6 }, (): SpecChange => ({ type: 'addLayer' })),
    ...Array.from({ length: 8 }, (_, index): SpecChange => ({ type: 'setUnits', index, units: 8 })),
    { type: 'setActivation', index: 'all', activation: 'sigmoid' },
  ],
  seed: 1,
};

export const lesson: Lesson = {
  format: 1,
  id: 'vanishing-gradients',
  section: 'optimization',
  order: 13,
  title: { en: 'Vanishing gradients: the deep sigmoid network', 'zh-CN': '梯度消失：深层 sigmoid 网络' },
  summary: {
    en: 'Eight sigmoid layers learn nothing: watch the gradient shrink layer by layer on the training-dynamics panel, see why, and fix it with ReLU.',
    'zh-CN': '八层 sigmoid 网络什么也学不会：在训练动态面板上看梯度逐层缩小，弄清原因，再用 ReLU 解决它。',
  },
  minutes: 10,
  steps: [
    {
      load: deepSigmoid,
      tab: 'playground',
      target: 'dynamics',
      text: {
        en: `A deep network: **eight** hidden layers of 8 neurons, every one with the **sigmoid** activation $\\sigma(x) = 1/(1 + e^{-x})$, on the circle — a problem two small layers solve in seconds.

Train it and watch the **Training dynamics** panel under the lab. Its first chart is the norm of the gradient of each layer's weights, one line per layer, on a log scale. The line of the first layer lies far below the line of the output layer, and the panel prints their ratio. The test accuracy meanwhile stays at a coin toss, about 50 %.`,
        'zh-CN': `一个深层网络：**八**个隐藏层，每层 8 个神经元，全部使用 **sigmoid** 激活函数 $\\sigma(x) = 1/(1 + e^{-x})$，数据是圆形数据集——两个小隐藏层几秒钟就能解决的问题。

训练它，并看实验区下方的**训练动态**面板。第一张图是每一层权重梯度的范数，每层一条线，对数刻度。第一层的线远远低于输出层的线，面板上还会打印两者之比。与此同时，测试准确率一直停在抛硬币的水平，约 50%。`,
      },
      task: {
        en: 'Train 3 epochs: the first layer’s gradient norm is below a thousandth of the last layer’s.',
        'zh-CN': '训练 3 轮：第一层的梯度范数不到最后一层的千分之一。',
      },
      check: "activation == 'sigmoid' and hiddenLayers >= 8 and epoch >= 3 and gradNormRatio < 0.001",
      hints: [
        {
          en: 'The ratio is printed at the top of the Training dynamics panel; if the panel is closed, click its title. Recording must be on.',
          'zh-CN': '比值显示在训练动态面板的顶部；面板收起时点一下标题即可展开。记录开关要打开。',
        },
      ],
      showMe: [{ run: 'play' }],
    },
    {
      target: 'dynamics',
      text: {
        en: `Why? Backpropagation is the chain rule: the gradient that reaches layer 1 is a product with one factor per layer above it,

$$\\frac{\\partial \\ell}{\\partial \\mathbf h^{(1)}} = \\frac{\\partial \\ell}{\\partial \\mathbf h^{(L)}} \\prod_{l=2}^{L} \\operatorname{diag}\\!\\big(\\sigma'(\\mathbf z^{(l)})\\big)\\, \\mathbf W^{(l)}$$

and the sigmoid's derivative $\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z))$ is at most $\\tfrac14$ (at $z = 0$), and far smaller where the neuron saturates. With small initial weights each factor shrinks the gradient: eight of them make it $10^{4}$ to $10^{5}$ times smaller. This is **vanishing gradients** (梯度消失): the layers near the input receive almost no signal and stay near their random start, so the layers above them see noise. (Factors larger than 1 give the opposite, **exploding gradients**: the updates blow up.)

Let it train on to epoch 15: more epochs do not help.`,
        'zh-CN': `为什么？反向传播就是链式法则：到达第 1 层的梯度是一个连乘积，它上面的每一层贡献一个因子：

$$\\frac{\\partial \\ell}{\\partial \\mathbf h^{(1)}} = \\frac{\\partial \\ell}{\\partial \\mathbf h^{(L)}} \\prod_{l=2}^{L} \\operatorname{diag}\\!\\big(\\sigma'(\\mathbf z^{(l)})\\big)\\, \\mathbf W^{(l)}$$

而 sigmoid 的导数 $\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z))$ 最大只有 $\\tfrac14$（在 $z = 0$ 处），神经元饱和时还要小得多。初始权重较小时，每个因子都会让梯度缩小：八个因子乘下来，梯度小了 $10^{4}$ 到 $10^{5}$ 倍。这就是**梯度消失**：靠近输入的层几乎收不到信号，一直停在随机初始化附近，它们上面的层看到的便只是噪声。（因子大于 1 时则相反，是**梯度爆炸**：更新量越来越大，训练发散。）

让它继续训练到第 15 轮：更多的轮数也于事无补。`,
      },
      task: {
        en: 'Keep training to epoch 15: the test accuracy is still below 60 %.',
        'zh-CN': '继续训练到第 15 轮：测试准确率仍低于 60%。',
      },
      check: "activation == 'sigmoid' and hiddenLayers >= 8 and epoch >= 15 and testAcc < 0.6",
      showMe: [{ run: 'play' }],
    },
    {
      target: 'activation',
      text: {
        en: `The fix the field found is an activation whose derivative does not shrink: **ReLU**, $\\operatorname{ReLU}(z) = \\max(0, z)$, has derivative exactly 1 wherever the neuron is active. The product above then no longer loses a factor of 4 or more per layer.

Switch all hidden layers to ReLU and train again. The gradient norms of the layers now lie close together, and the same eight-layer network solves the circle in a few epochs.`,
        'zh-CN': `后来大家找到的办法，是换一个导数不会缩小的激活函数：**ReLU**，$\\operatorname{ReLU}(z) = \\max(0, z)$，只要神经元处于激活状态，导数就恰好是 1。上面的连乘积就不会每经过一层就损失 4 倍以上。

把所有隐藏层换成 ReLU，重新训练。各层的梯度范数现在挨得很近，同样的八层网络几轮之内就能解决圆形数据集。`,
      },
      task: {
        en: 'Switch the hidden layers to ReLU and train: the gradient ratio rises above 0.01 and test accuracy above 90 %.',
        'zh-CN': '把隐藏层换成 ReLU 并训练：梯度比升到 0.01 以上，测试准确率超过 90%。',
      },
      check: "activation == 'relu' and hiddenLayers >= 8 and gradNormRatio > 0.01 and testAcc > 0.9",
      hints: [
        {
          en: 'The activation picker above the network sets every hidden layer at once.',
          'zh-CN': '网络上方的激活函数选择器会一次性设置所有隐藏层。',
        },
      ],
      showMe: [{ change: { type: 'setActivation', index: 'all', activation: 'relu' } }, { run: 'play' }],
    },
    {
      target: 'dynamics',
      text: {
        en: `ReLU is one of three remedies you will meet again:

- **Careful initialization** (Xavier, He): choose the initial weights' scale so that each layer keeps the variance of the signal and of the gradient, neither shrinking nor growing.
- **Batch normalization** (批量规范化): re-centre and rescale each layer's inputs during training, so no layer drifts into saturation. It is the next lesson.
- **Residual connections** (残差连接): add a layer's input to its output, $\\mathbf h + f(\\mathbf h)$; the derivative of that path is 1, so the gradient has a road around every block. ResNet trains more than 100 layers this way.

Keep an eye on the training-dynamics panel in every lab: a first-to-last ratio far below 0.01 means vanishing gradients, far above 100 exploding ones.`,
        'zh-CN': `ReLU 只是今后会反复见到的三种办法之一：

- **合理的初始化**（Xavier、He）：选择初始权重的尺度，使每一层的信号和梯度的方差保持不变，既不缩小也不放大。
- **批量规范化**：训练时把每一层的输入重新中心化、重新缩放，让任何一层都不会滑进饱和区。这是下一课的内容。
- **残差连接**：把一层的输入加到它的输出上，$\\mathbf h + f(\\mathbf h)$；这条路径的导数是 1，梯度便能绕过每一个块。ResNet 就是这样训练上百层的网络的。

在每个实验里都留意训练动态面板：第一层与最后一层之比远小于 0.01，说明梯度消失；远大于 100，则是梯度爆炸。`,
      },
    },
  ],
};
