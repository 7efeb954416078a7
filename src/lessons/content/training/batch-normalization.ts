import type { SpecChange } from '../../../models/edits';
import type { Lesson, LessonAction } from '../../format';

/** The hidden layers of the lesson's network (the playground's ids after three `addLayer`s). */
const HIDDEN = ['h1', 'h2', 'h3', 'h4', 'h5'] as const;

/**
 * Batch normalization (d2l-zh 8.5, 批量规范化), with and without, overlaid: the circle, five hidden
 * layers of 8 sigmoid units, SGD 0.1, batch 10, seed 1; then every hidden Dense made linear and
 * followed by BatchNormalization (momentum 0.9) and a sigmoid Activation — the order of d2l-zh,
 * normalize between the affine map and the nonlinearity. Measured in Node (ModelRuntime, CPU;
 * tests/unit/lessons.deepNets.test.ts holds it): without — test loss 1.01 at epoch 10, 1.02 at
 * epoch 20, accuracy 0.49 (gradient ratio first/last 6e-4 … 2e-2); with, from the same seed — test
 * loss 0.20 at epoch 5, 0.15 at epoch 10, 0.20 at epoch 20, accuracy 0.94–0.98. Seeds 2 and 3:
 * without, 1.0 throughout; with, 0.16 and 0.66 at epoch 10, 0.14 and 0.22 at epoch 20. Batch
 * normalization inserted after the sigmoid (the Dense left as it is; eight layers, rates 0.03–0.3)
 * helps too but unreliably: test loss 0.13 to 1.5 at epoch 30 by seed and rate. Momentum 0.99
 * (Keras' default) makes the test-time averages lag: seed 3, 0.94 at epoch 20 against 0.22 with 0.9.
 */
const addBatchNorm: LessonAction[] = HIDDEN.flatMap((id): LessonAction[] => {
  const changes: SpecChange[] = [
    { type: 'graph', change: { type: 'setParams', id, patch: { activation: 'linear' } } },
    { type: 'graph', change: { type: 'addNode', nodeType: 'BatchNormalization', id: `${id}_bn`, params: { momentum: 0.9 }, connectFrom: id, insert: true } },
    { type: 'graph', change: { type: 'addNode', nodeType: 'Activation', id: `${id}_sigmoid`, params: { activation: 'sigmoid' }, connectFrom: `${id}_bn`, insert: true } },
  ];
  return changes.map((change) => ({ change }));
});

export const lesson: Lesson = {
  format: 1,
  id: 'batch-normalization',
  section: 'optimization',
  order: 14,
  title: { en: 'Batch normalization: with and without', 'zh-CN': '批量规范化：有与没有' },
  summary: {
    en: 'Pin a deep sigmoid network that does not learn, add batch normalization, train again from the same start and compare the two curves overlaid.',
    'zh-CN': '固定一个学不动的深层 sigmoid 网络的运行，加入批量规范化，从相同起点再训练一次，把两条曲线叠在一起比较。',
  },
  minutes: 12,
  steps: [
    {
      load: {
        from: 'default',
        changes: [
          { type: 'addLayer' },
          { type: 'addLayer' },
          { type: 'addLayer' },
          ...HIDDEN.map((_, index): SpecChange => ({ type: 'setUnits', index, units: 8 })),
          { type: 'setActivation', index: 'all', activation: 'sigmoid' },
          { type: 'training', patch: { learningRate: 0.1 } },
        ],
        seed: 1,
      },
      tab: 'playground',
      target: 'loss-chart',
      text: {
        en: `Five hidden layers of sigmoid neurons, plain SGD at rate 0.1. As the previous lesson showed, the gradient fades on its way down such a stack, and the layers drift into the flat ends of the sigmoid. Train 15 epochs: the test loss stays at about 1 and the accuracy at a coin toss.`,
        'zh-CN': `五个隐藏层，全是 sigmoid 神经元，普通 SGD，学习率 0.1。上一课已经看到，梯度沿着这样一摞层往下传时会逐渐消失，各层也会滑进 sigmoid 两端平坦的饱和区。训练 15 轮：测试损失一直在 1 左右，准确率和抛硬币差不多。`,
      },
      task: {
        en: 'Train 15 epochs: the test accuracy stays below 60 %.',
        'zh-CN': '训练 15 轮：测试准确率始终低于 60%。',
      },
      check: "activation == 'sigmoid' and layer.BatchNormalization == 0 and epoch >= 15 and testAcc < 0.6",
      showMe: [{ run: 'play' }],
    },
    {
      target: 'pinned-runs',
      text: {
        en: `Keep this run to compare against: **Pin run** (under the loss chart) freezes its curves on the chart, in their own colour, together with the settings it was trained with. Later runs are drawn over it.`,
        'zh-CN': `把这次运行留下来作对照：点损失曲线下方的**固定本次运行**，它的曲线会以自己的颜色保留在图上，连同训练时的设置一起。之后的运行都画在它上面。`,
      },
      task: { en: 'Pin the run.', 'zh-CN': '固定本次运行。' },
      check: 'pinnedRuns >= 1',
      hints: [
        {
          en: 'At most three runs can be pinned; unpin an old one (×) if the button is greyed out.',
          'zh-CN': '最多只能固定三次运行；按钮变灰时，先用 × 取消固定一个旧的。',
        },
      ],
      showMe: [{ pinned: 'pin' }],
    },
    {
      tab: 'graph',
      target: 'canvas',
      text: {
        en: `**Batch normalization** (批量规范化) standardizes each unit over the current mini-batch $\\mathcal B$, then lets the network choose the scale and shift it wants back:

$$\\hat{x} = \\frac{x - \\hat{\\mu}_\\mathcal{B}}{\\sqrt{\\hat{\\sigma}^2_\\mathcal{B} + \\epsilon}}, \\qquad \\operatorname{BN}(x) = \\gamma \\odot \\hat{x} + \\beta$$

$\\hat{\\mu}_\\mathcal{B}$ and $\\hat{\\sigma}^2_\\mathcal{B}$ are the batch's mean and variance; the scale $\\gamma$ and shift $\\beta$ are learned like weights. Every sigmoid then receives inputs centred near 0, where its slope is largest, whatever the layers below did.

In the graph editor, for each hidden layer: set the Dense layer's activation to **linear**, insert a **Batch normalization** layer after it (palette group *Normalization*), then an **Activation** layer with sigmoid — normalize between the affine map and the nonlinearity. Set the batch normalization's momentum to 0.9 (explained below).`,
        'zh-CN': `**批量规范化**在当前小批量 $\\mathcal B$ 上把每个单元标准化，再让网络自己学回它想要的缩放和偏移：

$$\\hat{x} = \\frac{x - \\hat{\\mu}_\\mathcal{B}}{\\sqrt{\\hat{\\sigma}^2_\\mathcal{B} + \\epsilon}}, \\qquad \\operatorname{BN}(x) = \\gamma \\odot \\hat{x} + \\beta$$

$\\hat{\\mu}_\\mathcal{B}$ 和 $\\hat{\\sigma}^2_\\mathcal{B}$ 是这个小批量的均值和方差；拉伸参数 $\\gamma$ 和偏移参数 $\\beta$ 像权重一样参与学习。这样一来，不管下面的层怎么变，每个 sigmoid 收到的输入都集中在 0 附近——那里它的斜率最大。

在图编辑器里，对每个隐藏层：把全连接层的激活函数设为 **linear**，在它后面插入一个批量规范化层（组件面板“规范化”组里的**批量规范化**），再插入一个激活函数为 sigmoid 的**激活函数层**——规范化放在仿射变换和非线性之间。把批量规范化层的 momentum 设为 0.9（原因见后文）。`,
      },
      task: {
        en: 'Put a batch normalization layer between each hidden Dense layer and its sigmoid.',
        'zh-CN': '在每个隐藏的全连接层和它的 sigmoid 之间放一个批量规范化层。',
      },
      check: 'layer.BatchNormalization >= 1 and layer.Activation >= 1',
      hints: [
        {
          en: 'Select a Dense layer, then click Batch normalization in the palette: it is inserted right after the selected layer.',
          'zh-CN': '先选中一个全连接层，再点组件面板里的“批量规范化”：它会直接插在选中的层后面。',
        },
      ],
      showMe: [{ tab: 'graph' }, ...addBatchNorm],
    },
    {
      target: 'pinned-runs',
      text: {
        en: `Now **Same start**: it puts back the pinned run's seed and resets, so the Dense layers begin from the very same initial weights and the batches come in the same order. The only difference between the two runs is batch normalization. Train and compare the curves: the pinned one stays flat at about 1, the new one drops within a few epochs.`,
        'zh-CN': `现在点**相同起点**：它恢复被固定那次运行的随机种子并重置，于是各全连接层从完全相同的初始权重出发，小批量的顺序也一样。两次运行之间唯一的区别就是批量规范化。训练并比较两条曲线：被固定的那条一直平在 1 左右，新的这条几轮之内就降了下来。`,
      },
      task: {
        en: 'Same start, then train: the test loss falls below 0.5 and below the pinned run’s.',
        'zh-CN': '点相同起点后训练：测试损失降到 0.5 以下，并低于被固定的那次运行。',
      },
      check: 'pinnedRuns >= 1 and layer.BatchNormalization >= 1 and epoch >= 10 and testLoss < 0.5 and testLoss < pinnedBestTestLoss',
      showMe: [{ pinned: 'sameStart' }, { tab: 'playground' }, { run: 'play' }],
    },
    {
      target: 'loss-chart',
      text: {
        en: `Two details make batch normalization work in practice:

- **Training and prediction differ.** In training, each batch is normalized with its own statistics, which adds a little noise (it regularizes a bit, like dropout). For prediction there is no batch to average over, so the layer keeps running averages of $\\hat{\\mu}$ and $\\hat{\\sigma}^2$: $\\mu \\leftarrow m\\,\\mu + (1 - m)\\,\\hat{\\mu}_\\mathcal{B}$. With Keras' default momentum $m = 0.99$ these averages trail a network that is still changing fast; the test loss then lags behind (measured on this network with another seed: 0.94 against 0.22 at epoch 20). That is why this lesson used 0.9.
- **Small batches are noisy.** The statistics of 10 examples vary from batch to batch; batch normalization works best with batches of 32 or more, and layer normalization replaces it where batches are tiny (as in transformers).

Batch normalization let networks train with higher learning rates and less care over initialization; with residual connections it is what made ResNet's depth possible.`,
        'zh-CN': `批量规范化在实际中能起作用，还有两个细节：

- **训练和预测不一样。** 训练时，每个小批量用它自己的统计量来规范化，这会带来一点噪声（所以它也有轻微的正则化作用，像暂退法一样）。预测时没有小批量可以求平均，于是这一层会维护 $\\hat{\\mu}$ 和 $\\hat{\\sigma}^2$ 的移动平均：$\\mu \\leftarrow m\\,\\mu + (1 - m)\\,\\hat{\\mu}_\\mathcal{B}$。用 Keras 默认的动量 $m = 0.99$ 时，这些平均值跟不上仍在快速变化的网络，测试损失就会滞后（在这个网络上换一个随机种子实测：第 20 轮时测试损失为 0.94，而用 0.9 时是 0.22）。所以本课用的是 0.9。
- **小批量太小会很嘈杂。** 10 个样本的统计量在批与批之间波动很大；批量规范化在批量大小为 32 或更大时效果最好，批量很小时（例如 Transformer 中）则用层规范化代替它。

批量规范化让网络可以用更大的学习率训练，对初始化也不再那么敏感；它和残差连接一起，使 ResNet 那样的深度成为可能。`,
      },
    },
  ],
};
