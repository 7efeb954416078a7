import type { Lesson } from '../../format';

/**
 * Gradient descent and the learning rate, on the circle with the default 4-2 tanh network (seed 1,
 * SGD, batch 10). Measured: 0.03 → 95 % by epoch 10; 0.0001 → 0.62 at epoch 200, 0.67 at 300;
 * with a linear output, 3 → loss not finite within the first epoch (1 diverges by epoch 2,
 * 0.3 converges: 95 % by epoch 3).
 */
export const lesson: Lesson = {
  format: 1,
  id: 'learning-rate',
  section: 'mlp',
  order: 5,
  title: { en: 'Gradient descent and the learning rate', 'zh-CN': '梯度下降与学习率' },
  summary: {
    en: 'One number decides whether training crawls, converges or blows up.',
    'zh-CN': '一个数就决定了训练是龟速爬行、顺利收敛，还是彻底发散。',
  },
  minutes: 10,
  steps: [
    {
      load: { from: 'default', seed: 1 },
      tab: 'playground',
      target: 'learning-rate',
      text: {
        en: `Training minimizes a **loss function** $L(\\mathbf w)$, here the mean squared error between output and label. **Gradient descent** repeats one step: compute the gradient (by backpropagation) and move the weights a little *against* it,

$$\\mathbf w \\leftarrow \\mathbf w - \\eta\\, \\nabla_{\\mathbf w} L$$

The step size $\\eta$ is the **learning rate**. The app uses *minibatch stochastic gradient descent*: each step estimates the gradient from a batch of 10 training points, so one epoch over 250 points is 25 steps.

Train with the default learning rate 0.03 and watch the loss curve fall.`,
        'zh-CN': `训练就是最小化一个**损失函数** $L(\\mathbf w)$，这里是输出与标签之间的均方误差。**梯度下降**反复做同一件事：（用反向传播）求出梯度，然后让权重*逆着*梯度方向走一小步：

$$\\mathbf w \\leftarrow \\mathbf w - \\eta\\, \\nabla_{\\mathbf w} L$$

步长 $\\eta$ 就是**学习率**。应用使用*小批量随机梯度下降*：每一步用 10 个训练点估计梯度，所以 250 个训练点的一轮（epoch）就是 25 步。

用默认学习率 0.03 训练，观察损失曲线如何下降。`,
      },
      task: { en: 'Train with a learning rate between 0.01 and 0.1 to 95 % test accuracy.', 'zh-CN': '用 0.01 到 0.1 之间的学习率训练，测试准确率达到 95%。' },
      check: 'learningRate >= 0.01 and learningRate <= 0.1 and testAcc >= 0.95',
      showMe: [{ run: 'play' }],
    },
    {
      load: { from: 'default', seed: 1 },
      target: 'loss-chart',
      text: {
        en: `Now a learning rate that is **too small**. Set it to 0.0001 — 300 times smaller — and train from the same starting weights.

Every step still goes downhill, but each step is tiny. The loss curve sinks slowly and steadily, and after 200 epochs (5,000 steps) the network is still far from a good boundary. With unlimited time it would get there; in practice, too small a rate wastes the compute budget.`,
        'zh-CN': `现在试试**太小**的学习率。把它设为 0.0001——小了 300 倍——从同样的初始权重开始训练。

每一步仍然在下坡，但步子极小。损失曲线缓慢而平稳地下降，训练 200 轮（5000 步）之后，网络离好的决策边界仍然很远。给它无限的时间它终究能学会；但在实际中，学习率太小就是在浪费算力。`,
      },
      task: { en: 'Train with learning rate 0.0001 for 200 epochs: still below 80 %.', 'zh-CN': '用学习率 0.0001 训练 200 轮：准确率仍低于 80%。' },
      check: 'learningRate <= 0.0001 and epoch >= 200 and testAcc < 0.8',
      showMe: [{ change: { type: 'training', patch: { learningRate: 0.0001 } } }, { run: 'play' }],
    },
    {
      load: { from: 'default', changes: [{ type: 'setOutputActivation', activation: 'linear' }], seed: 1 },
      target: 'learning-rate',
      text: {
        en: `And **too large**. The output neuron is now *linear* (no tanh squashing it), so nothing limits how wrong it can be. Set the learning rate to 3 and press play.

A step this big overshoots the valley: the loss lands *higher* than before, the next gradient is bigger still, and within a few steps the weights grow without bound until the loss is no longer a finite number. The app notices, pauses the run and marks it **diverged**.

(With the tanh output the same mistake shows differently: the output saturates at ±1, its gradient vanishes, and the loss freezes at a bad value.)`,
        'zh-CN': `再看**太大**的学习率。现在输出神经元是*线性*的（没有 tanh 压缩），它错得再离谱也没有上限。把学习率设为 3，按下播放。

这么大的一步会越过谷底：损失落在比原来*更高*的地方，下一步的梯度更大，几步之内权重就无限增长，直到损失不再是有限数。应用会发现这一点，暂停训练并标记为**已发散**。

（如果输出用 tanh，同样的错误表现不同：输出饱和在 ±1，梯度消失，损失停在一个很差的值上不动。）`,
      },
      task: { en: 'Set the learning rate to 3 and train until the run diverges.', 'zh-CN': '把学习率设为 3 并训练，直到训练发散。' },
      check: "status == 'diverged'",
      showMe: [{ change: { type: 'training', patch: { learningRate: 3 } } }, { run: 'play' }],
    },
    {
      load: { from: 'default', changes: [{ type: 'setOutputActivation', activation: 'linear' }], seed: 1 },
      target: 'learning-rate',
      text: {
        en: `The good rate lies between. On this network 1 still diverges, but **0.3** converges — faster than 0.03, because each step covers more ground while still staying inside the valley.

A useful rule of thumb: try rates a factor of 3 or 10 apart, take the largest one whose loss curve falls smoothly, and step down if it wobbles or blows up. Optimizers such as momentum and Adam (in the optimizer menu) adapt the step per weight, which makes the choice less delicate — but they still have a learning rate.`,
        'zh-CN': `好的学习率在两者之间。在这个网络上，1 仍然会发散，而 **0.3** 能收敛——而且比 0.03 更快，因为每一步走得更远，却仍留在谷内。

一个实用的经验：按 3 倍或 10 倍的间隔尝试学习率，取损失曲线仍平稳下降的最大那个；如果曲线抖动或发散，就调小一档。动量法、Adam 等优化器（在优化器菜单里）会为每个权重自适应地调整步长，让这个选择不那么敏感——但它们依然有学习率。`,
      },
      task: { en: 'Train with learning rate 0.3 to 95 % test accuracy.', 'zh-CN': '用学习率 0.3 训练，测试准确率达到 95%。' },
      check: 'learningRate == 0.3 and testAcc >= 0.95',
      showMe: [{ change: { type: 'training', patch: { learningRate: 0.3 } } }, { run: 'play' }],
    },
  ],
};
