import type { Lesson, LessonLoad } from '../../format';

/**
 * Early stopping (models/earlyStopping.ts, app/EarlyStoppingControl.tsx; the engine posts
 * `earlyStopped`). A deliberately overfitting setup, the one tests/unit/earlyStopping.test.ts uses:
 * gauss, 120 points, noise 50 %, half for training, three tanh layers of 16, SGD 0.1, seed 3.
 * Measured in Node (ModelRuntime, CPU): plain — test loss lowest near epoch 10 (0.37), then 0.45 at
 * epoch 30, 0.47 at 50, 0.48 at 100, training loss 0.13 (gap 0.33 at epoch 50); early stopping with
 * patience 5 — stops at epoch 14, best epoch 9, test loss 0.42 with the best weights put back,
 * 0.51 with the last ones kept.
 */
const overfit = (earlyStopping: boolean, restoreBest = true): LessonLoad => ({
  from: 'default',
  changes: [
    { type: 'dataset', patch: { kind: 'gauss', numPoints: 120, noise: 50, trainRatio: 0.5 } },
    { type: 'addLayer' },
    { type: 'setUnits', index: 0, units: 16 },
    { type: 'setUnits', index: 1, units: 16 },
    { type: 'setUnits', index: 2, units: 16 },
    { type: 'training', patch: { learningRate: 0.1 } },
    { type: 'earlyStopping', patch: { enabled: earlyStopping, patience: 5, restoreBest } },
  ],
  seed: 3,
});

export const lesson: Lesson = {
  format: 1,
  id: 'early-stopping',
  section: 'mlp',
  order: 10,
  title: { en: 'Early stopping', 'zh-CN': '早停' },
  summary: {
    en: 'Hold out a validation set, stop when its loss stops improving, and keep the best epoch’s weights.',
    'zh-CN': '留出一个验证集，在验证损失不再下降时停止训练，并保留最佳一轮的权重。',
  },
  minutes: 10,
  steps: [
    {
      load: overfit(false),
      tab: 'playground',
      target: 'loss-chart',
      text: {
        en: `An overfitting setup on purpose: 60 noisy training points, a network of three layers of 16 neurons, a learning rate of 0.1. Train it for 50 epochs and watch the two curves.

The **test loss** is lowest early — around epoch 10 — and then climbs while the training loss keeps falling. Every epoch after that minimum makes the model worse on new data. If we had stopped at the bottom of the test curve, we would have the better model, with less computation.`,
        'zh-CN': `故意设计的过拟合场景：60 个带噪声的训练点，一个三层、每层 16 个神经元的网络，学习率 0.1。训练 50 轮，观察两条曲线。

**测试损失**在早期——大约第 10 轮——最低，之后训练损失继续下降，测试损失却开始上升。过了那个最低点，每多训练一轮，模型在新数据上就更差一点。如果在测试曲线的谷底就停下来，我们会得到更好的模型，还省了计算。`,
      },
      task: { en: 'Train 50 epochs: the test loss ends at least 0.25 above the training loss.', 'zh-CN': '训练 50 轮：测试损失最终比训练损失高出至少 0.25。' },
      check: 'epoch >= 50 and lossGap >= 0.25',
      showMe: [{ run: 'play' }],
    },
    {
      load: overfit(false),
      target: 'early-stopping',
      text: {
        en: `But we may not choose the stopping epoch by the **test** set: a test set that decides anything is no longer a fair measure of new data. **Early stopping** (早停) carves a **validation set** (验证集) out of the *training* data — here 20 % of it — and after every epoch measures the loss there:

- an epoch whose validation loss beats the best so far is the new **best epoch** (its weights are kept);
- after *patience* epochs without a new best, training stops.

Turn **Early stopping** on with patience 5 and train from scratch. The run stops by itself, and the loss chart marks the best epoch.`,
        'zh-CN': `但我们不能用**测试集**来选停止的轮次：一旦测试集参与了任何决定，它就不再能公正地衡量模型在新数据上的表现。**早停**从*训练*数据中划出一个**验证集**（这里是 20%），每一轮结束后在上面测一次损失：

- 验证损失低于此前最好成绩的那一轮，成为新的**最佳一轮**（它的权重被保存下来）；
- 如果连续*耐心*轮都没有出现新的最佳，训练就停止。

打开**提前停止**，耐心设为 5，从头训练。训练会自动停下，损失图上会标出最佳的一轮。`,
      },
      task: { en: 'Turn early stopping on (patience 5) and train until it stops.', 'zh-CN': '开启早停（耐心 5），训练直到它自动停止。' },
      check: 'earlyStopping and earlyStopped and bestEpoch >= 1',
      showMe: [{ change: { type: 'earlyStopping', patch: { enabled: true, patience: 5, restoreBest: true } } }, { run: 'play' }],
    },
    {
      load: overfit(true, true),
      target: 'metrics',
      text: {
        en: `When it stops, training is already *patience* epochs past the best one: those epochs were spent overfitting. With **restore the best epoch** on (the default), the weights of the best epoch are put back, so the model on screen is the one the validation set preferred.

Train again with early stopping and compare the test loss now with the overfit run of step 1 (about 0.47 at epoch 50): measured on this setup, training stopped at epoch 14, the best epoch was 9, and the restored weights have a test loss of about 0.42.`,
        'zh-CN': `停止的时候，训练已经越过最佳一轮*耐心*那么多轮了：这些轮都花在了过拟合上。开启**恢复最佳一轮的权重**（默认开启）时，最佳一轮的权重会被放回去，屏幕上的模型就是验证集选中的那个。

再次开启早停训练，把现在的测试损失与第 1 步过拟合的结果（第 50 轮约 0.47）相比：在这个设置上实测，训练在第 14 轮停止，最佳一轮是第 9 轮，恢复后的权重测试损失约为 0.42。`,
      },
      task: { en: 'Train with early stopping and the best weights restored: the test loss ends below 0.45.', 'zh-CN': '开启早停并恢复最佳权重来训练：最终测试损失低于 0.45。' },
      check: 'earlyStopped and restoreBest and testLoss < 0.45',
      showMe: [{ change: { type: 'earlyStopping', patch: { enabled: true, restoreBest: true } } }, { run: 'play' }],
    },
    {
      load: overfit(true, false),
      target: 'early-stopping',
      text: {
        en: `Now the same with **restore the best epoch** off: training stops at the same epoch, but keeps the weights it has then — five epochs deeper into overfitting. Measured: a test loss of about 0.51 instead of 0.42.

Two more things to know. **Patience** trades safety against waste: the validation loss is noisy (here only 12 validation points), so a patience of 1 stops at the first wobble, while a large patience may never stop. And early stopping costs data — 20 % of the training points no longer train the network; with little data, weight decay or dropout (the previous lesson) are often the better tools — and they combine with early stopping.`,
        'zh-CN': `现在关闭**恢复最佳一轮的权重**再试一次：训练在同一轮停止，但保留的是停止那一刻的权重——在过拟合的路上又多走了五轮。实测：测试损失约为 0.51，而不是 0.42。

还有两点值得知道。**耐心**是在稳妥和浪费之间权衡：验证损失带有噪声（这里只有 12 个验证点），耐心为 1 时遇到第一次波动就会停下，而耐心太大又可能永远停不下来。另外，早停要付出数据的代价——20% 的训练点不再用于训练网络；数据很少时，权重衰减或暂退法（上一课）往往是更好的工具——它们也可以和早停一起使用。`,
      },
      task: { en: 'Train with early stopping but without restoring: the test loss ends above 0.45.', 'zh-CN': '开启早停但不恢复权重来训练：最终测试损失高于 0.45。' },
      check: 'earlyStopped and not restoreBest and testLoss > 0.45',
      showMe: [{ change: { type: 'earlyStopping', patch: { enabled: true, restoreBest: false } } }, { run: 'play' }],
    },
  ],
};
