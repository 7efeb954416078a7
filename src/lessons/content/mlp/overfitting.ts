import type { Lesson, LessonLoad } from '../../format';

/**
 * Overfitting and two remedies. Few noisy points (gauss, 60 points, noise 50 %, half for training)
 * and a big network (three tanh layers of 16), seed 3, SGD 0.03, batch 10. Measured: plain, train
 * accuracy 1.0 from epoch 70 with test 0.60–0.70, test loss 0.8–1.1 against train loss < 0.1;
 * dropout 0.5 after every layer: train 0.83–0.87, test 0.90–0.93 and test loss below train loss
 * from epoch 10 to 120 (the gap creeps back after ~150); L2 at 0.1: train 0.87, test 0.90, loss gap
 * ≈ 0 from epoch 10 to 300.
 */
const overfit: LessonLoad = {
  from: 'default',
  changes: [
    { type: 'dataset', patch: { kind: 'gauss', numPoints: 60, noise: 50, trainRatio: 0.5 } },
    { type: 'addLayer' },
    { type: 'setUnits', index: 0, units: 16 },
    { type: 'setUnits', index: 1, units: 16 },
    { type: 'setUnits', index: 2, units: 16 },
  ],
  seed: 3,
};

export const lesson: Lesson = {
  format: 1,
  id: 'overfitting',
  section: 'mlp',
  order: 7,
  title: { en: 'Overfitting, dropout and weight decay', 'zh-CN': '过拟合、暂退法与权重衰减' },
  summary: {
    en: 'A big network memorizes thirty noisy points; dropout and L2 weight decay make it generalize again.',
    'zh-CN': '大网络会把三十个带噪声的点死记硬背下来；暂退法和 L2 权重衰减让它重新学会泛化。',
  },
  minutes: 12,
  steps: [
    {
      load: overfit,
      tab: 'playground',
      target: 'loss-chart',
      text: {
        en: `Two overlapping Gaussian clouds, only **60 points** with heavy noise, half of them for training — and a **big network**: three hidden layers of 16 neurons, about 600 weights for 30 training points.

Train it and watch the two loss curves. The **training loss** falls towards 0: the network fits every training point, even the ones the noise put on the wrong side. The **test loss** first falls, then *rises*. Turn on "show test data" and look at the boundary: it bends and pinches off small regions around single training points.

That is **overfitting** (过拟合): the model learns the noise of its sample instead of the pattern. The gaps $\\text{trainAcc} - \\text{testAcc}$ and $\\text{testLoss} - \\text{trainLoss}$ measure it.`,
        'zh-CN': `两团相互重叠的高斯分布点，只有 **60 个点**、噪声很大，其中一半用于训练——而网络却**很大**：三个隐藏层，每层 16 个神经元，大约 600 个权重对付 30 个训练点。

训练它，观察两条损失曲线。**训练损失**一路降向 0：网络拟合了每一个训练点，连被噪声放错了一侧的点也不放过。**测试损失**先降后*升*。打开"显示测试数据"，看决策边界：它弯来弯去，围着个别训练点圈出一小块一小块的区域。

这就是**过拟合**：模型学到的是样本里的噪声，而不是规律。训练与测试之间的差距 $\\text{trainAcc} - \\text{testAcc}$ 和 $\\text{testLoss} - \\text{trainLoss}$ 衡量了过拟合的程度。`,
      },
      task: {
        en: 'Train until the network fits the training set (≥ 99 %) while test accuracy lags at least 20 points behind.',
        'zh-CN': '训练到网络完全拟合训练集（≥ 99%），而测试准确率至少落后 20 个百分点。',
      },
      check: 'trainAcc >= 0.99 and accGap >= 0.2 and lossGap >= 0.4',
      showMe: [{ view: { showTestData: true } }, { run: 'play' }],
    },
    {
      load: overfit,
      target: 'dropout',
      text: {
        en: `First remedy: **dropout** (暂退法). During training, each hidden neuron's output is set to 0 with probability $p$ and the survivors are scaled up so the expected value stays the same:

$$h' = \\begin{cases} 0 & \\text{with probability } p \\\\ \\dfrac{h}{1-p} & \\text{otherwise} \\end{cases}$$

No neuron can rely on a particular partner being there, so the network cannot build the fragile conspiracies that memorize single points. At test time dropout is off.

Set dropout 0.5 on all three hidden layers and train from scratch. The training accuracy no longer reaches 100 % — and the test accuracy ends up *higher*, with the test loss at or below the training loss.`,
        'zh-CN': `第一个办法：**暂退法**（dropout）。训练时，每个隐藏神经元的输出以概率 $p$ 被置为 0，留下的则放大，使期望值保持不变：

$$h' = \\frac{m\\, h}{1-p}, \\qquad m \\sim \\mathrm{Bernoulli}(1-p)$$

其中 $m$ 以概率 $1-p$ 取 1、以概率 $p$ 取 0。

任何神经元都不能指望某个"搭档"一定在场，网络就无法结成那种专门记住单个点的脆弱"共谋"。测试时暂退法关闭。

在三个隐藏层上都设置 0.5 的暂退概率，从头训练。训练准确率不再能到 100%——而测试准确率反而*更高*，测试损失也不高于训练损失。`,
      },
      task: { en: 'Set dropout 0.5 on every hidden layer and train: the accuracy gap closes below 10 points.', 'zh-CN': '给每个隐藏层设置 0.5 的暂退概率并训练：准确率差距缩小到 10 个百分点以内。' },
      check: 'dropout >= 0.5 and epoch >= 50 and accGap < 0.1 and lossGap < 0.2',
      hints: [
        { en: 'The dropout menu sits above each hidden column. Trained much longer, this network starts to overfit again: dropout slows memorization, it does not forbid it.', 'zh-CN': '暂退概率菜单在每个隐藏层列的上方。训练得再久一些，这个网络又会开始过拟合：暂退法只是减慢死记硬背，并不能完全禁止。' },
      ],
      showMe: [
        { change: { type: 'setDropout', index: 0, rate: 0.5 } },
        { change: { type: 'setDropout', index: 1, rate: 0.5 } },
        { change: { type: 'setDropout', index: 2, rate: 0.5 } },
        { run: 'play' },
      ],
    },
    {
      load: overfit,
      target: 'regularization',
      text: {
        en: `Second remedy: **weight decay** (权重衰减), L2 regularization. Add the squared size of the weights to the loss:

$$L_\\lambda(\\mathbf w) = L(\\mathbf w) + \\lambda \\lVert \\mathbf w \\rVert^2, \\qquad \\mathbf w \\leftarrow (1 - 2\\eta\\lambda)\\, \\mathbf w - \\eta\\, \\nabla L$$

Each step first shrinks every weight a little — hence the name — so only weights that keep paying for themselves on many points stay large. Small weights keep the tanh neurons in their near-linear range, and the boundary smooth.

Back to the plain big network: choose L2 regularization with rate 0.1 and train. The boundary straightens into a smooth curve between the clouds, and the two loss curves stay together.`,
        'zh-CN': `第二个办法：**权重衰减**，即 L2 正则化。把权重大小的平方加到损失里：

$$L_\\lambda(\\mathbf w) = L(\\mathbf w) + \\lambda \\lVert \\mathbf w \\rVert^2, \\qquad \\mathbf w \\leftarrow (1 - 2\\eta\\lambda)\\, \\mathbf w - \\eta\\, \\nabla L$$

每一步先把所有权重都缩小一点——"衰减"因此得名——只有在许多点上持续有用的权重才能保持较大。权重小，tanh 神经元就停留在近似线性的区间，决策边界也就平滑。

回到没有正则化的大网络：选择 L2 正则化，正则化率设为 0.1，然后训练。边界在两团点之间舒展成一条平滑的曲线，两条损失曲线也贴在一起。`,
      },
      task: { en: 'Use L2 regularization (rate 0.1) and train 100 epochs: both gaps stay small.', 'zh-CN': '使用 L2 正则化（正则化率 0.1）训练 100 轮：两种差距都保持很小。' },
      check: "regularization == 'l2' and regularizationRate >= 0.03 and epoch >= 100 and accGap < 0.1 and lossGap < 0.2",
      hints: [
        { en: 'Too much decay underfits: at rate 1 every weight is pushed to 0 and the network predicts one class everywhere.', 'zh-CN': '衰减过强会欠拟合：正则化率为 1 时所有权重都被压向 0，网络在哪里都只预测同一类。' },
      ],
      showMe: [{ change: { type: 'training', patch: { regularization: 'l2', regularizationRate: 0.1 } } }, { run: 'play' }],
    },
    {
      target: 'metrics',
      text: {
        en: `Neither remedy can classify the points that the noise carried deep into the other cloud — no method can: with clouds this wide, about 92 % is the best any boundary achieves, so a test accuracy around 90 % is close to the limit. What they buy is a model whose training score is an honest forecast of its test score.

Other remedies you can try in this playground: **more data** (raise the number of points — the best cure of all), a **smaller network**, or **stopping early**, when the test loss is lowest. L1 regularization, $\\lambda \\sum |w|$, pushes many weights to exactly 0 instead of making all of them small.`,
        'zh-CN': `被噪声推到另一团点深处的那些点，两种办法都分不对——任何方法都做不到：两团点这么分散，任何边界最多只能做到约 92%，所以 90% 左右的测试准确率已接近上限。它们换来的是一个"诚实"的模型：训练集上的成绩能如实预示测试集上的成绩。

在这个游乐场里还可以试试其他办法：**更多数据**（增加点数——这是最好的良药）、**更小的网络**，或者**提前停止**（在测试损失最低时停下）。L1 正则化 $\\lambda \\sum |w|$ 会把许多权重压到恰好为 0，而不是让所有权重都变小。`,
      },
    },
  ],
};
