import type { SpecChange } from '../../../models/edits';
import type { Lesson, LessonLoad } from '../../format';

/**
 * How much weight decay, how much dropout: the overfitting lesson's setup (gauss, 60 points, noise
 * 50 %, half for training, three tanh layers of 16, SGD 0.03, batch 10, seed 3) with the strength
 * turned. Measured in Node (ModelRuntime, CPU), loss gap = test − training loss:
 * none — gap 0.99 at epoch 100 (accuracy 0.97 / 0.60); L2 0.001 — the same (0.98, 0.97 / 0.60);
 * L2 0.03 — 0.13 at epoch 100, 0.24 at 150 (it only delays); L2 0.1 — −0.03 from epoch 30 to 150,
 * accuracy 0.87 / 0.90; L2 1 — 0.53 / 0.47, both losses ≈ 1 (every output ≈ 0);
 * dropout 0.2 on every hidden layer — gap 0.12 at epoch 100, test accuracy 0.80;
 * dropout 0.5 — gap −0.14 at epoch 100, test accuracy 0.90.
 */
const overfit = (extra: SpecChange[] = []): LessonLoad => ({
  from: 'default',
  changes: [
    { type: 'dataset', patch: { kind: 'gauss', numPoints: 60, noise: 50, trainRatio: 0.5 } },
    { type: 'addLayer' },
    { type: 'setUnits', index: 0, units: 16 },
    { type: 'setUnits', index: 1, units: 16 },
    { type: 'setUnits', index: 2, units: 16 },
    ...extra,
  ],
  seed: 3,
});

export const lesson: Lesson = {
  format: 1,
  id: 'regularization-strength',
  section: 'mlp',
  order: 9,
  title: { en: 'Weight decay and dropout: how much?', 'zh-CN': '权重衰减与暂退法：用多少？' },
  summary: {
    en: 'Too little regularization changes nothing, too much and the network learns nothing: find the strength between, for weight decay and for dropout.',
    'zh-CN': '正则化太弱等于没有，太强则网络什么也学不到：为权重衰减和暂退法找到两者之间的强度。',
  },
  minutes: 12,
  steps: [
    {
      load: overfit([{ type: 'training', patch: { regularization: 'l2', regularizationRate: 0.001 } }]),
      tab: 'playground',
      target: 'regularization-rate',
      text: {
        en: `The overfitting lesson's network again: 30 noisy training points, three layers of 16 neurons. Weight decay adds $\\lambda \\lVert \\mathbf w \\rVert^2$ to the loss, and $\\lambda$ — the **regularization rate** — is one more hyperparameter. How big should it be?

Start small: L2 with $\\lambda = 0.001$. Train 100 epochs. The penalty is a thousandth of the squared weights, far smaller than the loss the network gains by memorizing the noise, so it changes almost nothing: the test loss climbs as if there were no decay.`,
        'zh-CN': `又是过拟合那一课的网络：30 个带噪声的训练点，三层、每层 16 个神经元。权重衰减把 $\\lambda \\lVert \\mathbf w \\rVert^2$ 加到损失上，而 $\\lambda$——**正则化率**——又是一个超参数。它该取多大？

先从小的开始：L2，$\\lambda = 0.001$。训练 100 轮。惩罚项只是权重平方和的千分之一，远小于网络靠死记噪声所能换来的损失下降，所以几乎没有作用：测试损失照样上升，跟没有权重衰减一样。`,
      },
      task: { en: 'Train 100 epochs with L2 at 0.001: the test loss still ends 0.5 or more above the training loss.', 'zh-CN': '用 0.001 的 L2 训练 100 轮：测试损失仍比训练损失高出 0.5 以上。' },
      check: "regularization == 'l2' and regularizationRate <= 0.001 and epoch >= 100 and lossGap >= 0.5",
      showMe: [{ run: 'play' }],
    },
    {
      load: overfit([{ type: 'training', patch: { regularization: 'l2', regularizationRate: 1 } }]),
      target: 'regularization-rate',
      text: {
        en: `Now far too much: $\\lambda = 1$. Each step shrinks every weight by the factor $(1 - 2\\eta\\lambda)$ before the gradient of the loss gets a say, and the loss cannot pay for any weight to stay large. All weights go to nearly 0, the output is about 0 everywhere, and the network guesses: about 50 % on the training points *and* on the test points.

This is **underfitting** (欠拟合). The gap between training and test is small — but only because both are bad. A small gap alone is not the goal.`,
        'zh-CN': `再试一个大得离谱的：$\\lambda = 1$。每一步在损失的梯度起作用之前，先把所有权重乘以 $(1 - 2\\eta\\lambda)$，损失的下降根本"付不起"让任何权重保持较大的代价。所有权重都趋近于 0，输出处处约为 0，网络只能瞎猜：训练点*和*测试点上的准确率都在 50% 左右。

这就是**欠拟合**。训练与测试之间的差距很小——但那只是因为两者都很差。差距小本身并不是目标。`,
      },
      task: { en: 'Train 30 epochs with L2 at 1: training accuracy stays below 70 %.', 'zh-CN': '用 1 的 L2 训练 30 轮：训练准确率始终低于 70%。' },
      check: "regularization == 'l2' and regularizationRate >= 1 and epoch >= 30 and trainAcc < 0.7",
      showMe: [{ run: 'play' }],
    },
    {
      load: overfit([{ type: 'training', patch: { regularization: 'l2', regularizationRate: 0.001 } }]),
      target: 'regularization-rate',
      text: {
        en: `Between the two lies a useful range. Set the rate to **0.1** and train 100 epochs: the training accuracy stops at about 87 % — the noise is no longer memorized — while the test accuracy reaches about 90 %, and the two loss curves stay together.

At 0.03 the decay only *delays* overfitting (measured: the gap is 0.13 at epoch 100 and 0.24 at 150). Rates are tried a factor of about 3 apart, as learning rates are, and the one chosen is the one with the lowest loss on **validation** data — never on the test set.`,
        'zh-CN': `两者之间有一段合适的范围。把正则化率设为 **0.1**，训练 100 轮：训练准确率停在 87% 左右——噪声不再被死记——而测试准确率达到约 90%，两条损失曲线贴在一起。

取 0.03 时，权重衰减只是*推迟*了过拟合（实测：第 100 轮差距 0.13，第 150 轮 0.24）。正则化率和学习率一样，按约 3 倍的间隔来尝试，选**验证集**上损失最低的那个——绝不能用测试集来选。`,
      },
      task: { en: 'Set L2 to 0.1 and train 100 epochs: the loss gap stays under 0.1 and test accuracy reaches 85 %.', 'zh-CN': '把 L2 设为 0.1，训练 100 轮：损失差距保持在 0.1 以内，测试准确率达到 85%。' },
      check: "regularization == 'l2' and regularizationRate >= 0.1 and regularizationRate < 1 and epoch >= 100 and lossGap < 0.1 and testAcc >= 0.85",
      // The gap stays small around epoch 100 and grows later: the stop rule holds the run there.
      showMe: [{ change: { type: 'training', patch: { regularizationRate: 0.1 } } }, { change: { type: 'stopRule', patch: { epochs: 100 } } }, { run: 'play' }],
    },
    {
      load: overfit([
        { type: 'setDropout', index: 0, rate: 0.2 },
        { type: 'setDropout', index: 1, rate: 0.2 },
        { type: 'setDropout', index: 2, rate: 0.2 },
      ]),
      target: 'dropout',
      text: {
        en: `Dropout has a strength too: the rate $p$. With $p = 0.2$ on every hidden layer the network still drifts into overfitting — measured, the gap is back to 0.12 at epoch 100 and test accuracy down to 80 %. Each neuron survives 80 % of the steps, which is enough to build up memorized detail.

Raise every hidden layer's dropout to **0.5**, the classic choice for hidden layers, and train 100 epochs. The test loss now stays at or *below* the training loss (both are measured with dropout off): the network no longer fits the noise of its training points, so both losses only reflect how noisy the data is — and with 30 points each, this training half happens to be the noisier one. Like $\\lambda$, $p$ is chosen on validation data; far above 0.5 the network learns slowly and underfits.`,
        'zh-CN': `暂退法也有强度：暂退概率 $p$。所有隐藏层取 $p = 0.2$ 时，网络仍会慢慢滑向过拟合——实测第 100 轮差距回到 0.12，测试准确率降到 80%。每个神经元在 80% 的步里都在场，足以积累死记硬背的细节。

把每个隐藏层的暂退概率提高到 **0.5**——隐藏层的经典取值——训练 100 轮。测试损失现在不高于、甚至*低于*训练损失（两者都是在关闭暂退法时测得的）：网络不再拟合训练点里的噪声，两个损失反映的只是数据本身有多少噪声——各只有 30 个点，这次恰好训练集那一半噪声更多。和 $\\lambda$ 一样，$p$ 要在验证集上选；远高于 0.5 时网络学得很慢，会欠拟合。`,
      },
      task: { en: 'Set dropout 0.5 on every hidden layer and train 100 epochs: the loss gap stays under 0.05, test accuracy 85 % or more.', 'zh-CN': '给每个隐藏层设置 0.5 的暂退概率，训练 100 轮：损失差距保持在 0.05 以内，测试准确率不低于 85%。' },
      check: 'dropout >= 0.5 and epoch >= 100 and lossGap < 0.05 and testAcc >= 0.85',
      showMe: [
        { change: { type: 'setDropout', index: 0, rate: 0.5 } },
        { change: { type: 'setDropout', index: 1, rate: 0.5 } },
        { change: { type: 'setDropout', index: 2, rate: 0.5 } },
        { change: { type: 'stopRule', patch: { epochs: 100 } } },
        { run: 'play' },
      ],
    },
  ],
};
