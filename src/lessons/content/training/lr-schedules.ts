import type { Lesson, LessonLoad } from '../../format';

/**
 * Learning-rate schedules (models/schedules.ts, app/ScheduleControl.tsx) on the circle with the
 * default 2-4-2-1 tanh network and a linear output (the learning-rate lesson's setup), seed 1, SGD,
 * batch 10. Measured in Node (ModelRuntime, CPU): constant 0.3 — training loss 0.057 at epoch 30;
 * cosine over 30 epochs from 0.3 — 0.019 at epoch 20, 0.017 at epoch 30 (the rate then 1e-6);
 * constant 0.5 — the loss jumps to 1.85 at epoch 3 and is still 0.14 at epoch 20; warm-up 10 epochs
 * then cosine to the same 0.5 — smooth, 0.005 at epoch 20 (0.7 diverges even with the warm-up);
 * step decay ×0.5 every 10 epochs from 0.3 — 0.021 at epoch 20. Reduce-on-plateau is fed by the
 * engine's test passes, so its step is measured in the browser only (noise 30 %, rate 0.1,
 * patience 2).
 */
const linear = (lr: number): LessonLoad => ({
  from: 'default',
  changes: [{ type: 'setOutputActivation', activation: 'linear' }, { type: 'training', patch: { learningRate: lr } }],
  seed: 1,
});

export const lesson: Lesson = {
  format: 1,
  id: 'lr-schedules',
  section: 'optimization',
  order: 12,
  title: { en: 'Learning-rate schedules', 'zh-CN': '学习率调度器' },
  summary: {
    en: 'Big steps early, small steps late: cosine annealing, warm-up, step decay and reduce-on-plateau, each trained and compared.',
    'zh-CN': '前期大步走，后期小步挪：余弦退火、预热、分段衰减和停滞时降低学习率，逐一训练并比较。',
  },
  minutes: 12,
  steps: [
    {
      load: linear(0.3),
      tab: 'playground',
      target: 'schedule',
      text: {
        en: `A fixed learning rate is a compromise. Early in training, big steps cover ground fast; near a minimum the same steps overshoot and bounce, and with minibatches they keep jittering around it — the gradient of 10 points is a noisy estimate. A **learning-rate schedule** (学习率调度器) changes $\\eta$ as training goes on: $\\eta_t$ instead of $\\eta$.

The most used today is **cosine annealing**: from the base rate $\\eta_0$ down to 0 along half a cosine over $T$ epochs,

$$\\eta_t = \\tfrac12\\, \\eta_0 \\left(1 + \\cos \\frac{\\pi t}{T}\\right)$$

Here the network has a linear output and the base rate is 0.3. Choose **Cosine** in the training bar's **LR schedule**, over 30 epochs, and train for 30 epochs. The small graph beside it draws $\\eta_t$ with a dot where training is, and **Rate now** shows the value the engine uses. (In checks, \`learningRate\` is the base rate you set; \`liveLearningRate\` is the rate now.)`,
        'zh-CN': `固定的学习率是一种折中。训练初期，大步子走得快；到了极小值附近，同样的步子会冲过头、来回弹跳，而用小批量时还会一直在附近抖动——10 个点算出的梯度只是一个带噪声的估计。**学习率调度器**让 $\\eta$ 随训练进程变化：用 $\\eta_t$ 代替 $\\eta$。

如今最常用的是**余弦退火**：在 $T$ 轮内，沿着半个余弦周期从基础学习率 $\\eta_0$ 降到 0：

$$\\eta_t = \\tfrac12\\, \\eta_0 \\left(1 + \\cos \\frac{\\pi t}{T}\\right)$$

这里网络的输出是线性的，基础学习率为 0.3。在训练栏的**学习率调度**中选择**余弦调度**，总长 30 轮，训练 30 轮。旁边的小图画出了 $\\eta_t$，圆点标出训练进行到哪里，**当前学习率**显示引擎此刻使用的值。（在检查条件里，\`learningRate\` 是你设置的基础学习率，\`liveLearningRate\` 是当前的学习率。）`,
      },
      task: {
        en: 'Train with a cosine schedule over 30 epochs: at epoch 30 the rate is near 0 and the training loss below 0.05.',
        'zh-CN': '用 30 轮的余弦调度训练：到第 30 轮，学习率接近 0，训练损失低于 0.05。',
      },
      check: "schedule == 'cosine' and epoch >= 30 and liveLearningRate < 0.001 and trainLoss < 0.05",
      hints: [
        { en: 'With the constant rate 0.3 the training loss is still about 0.06 at epoch 30; with the cosine, under 0.02.', 'zh-CN': '用恒定的 0.3，第 30 轮时训练损失仍约为 0.06；用余弦调度则低于 0.02。' },
      ],
      showMe: [{ change: { type: 'schedule', patch: { kind: 'cosine', period: 30 } } }, { run: 'play' }],
    },
    {
      load: linear(0.5),
      target: 'schedule',
      text: {
        en: `A bigger base rate, 0.5. Train with the **constant** schedule first and watch the loss curve: in the third epoch the loss jumps back up, to twice its value after the first epoch, before the network recovers. The first steps, from random weights, are where gradients are largest and least reliable — a big rate there throws the weights far away.

**Warm-up** (预热) starts small and raises the rate linearly over the first epochs, then hands over to the cosine:

$$\\eta_t = \\eta_0 \\cdot \\frac{t}{t_{\\text{warm}}} \\quad (t < t_{\\text{warm}})$$

Choose **Warm-up, then cosine** with 10 epochs of warm-up, and train from scratch: the same peak rate of 0.5 now trains smoothly. Warm-up is standard for Transformers and for large batches with Adam.`,
        'zh-CN': `换一个更大的基础学习率：0.5。先用**恒定**调度训练，观察损失曲线：第三轮时损失又跳了回去，达到第一轮结束时的两倍，网络之后才慢慢恢复。从随机权重出发的头几步，梯度最大也最不可靠——此时学习率大，就会把权重甩得很远。

**预热**从很小的学习率开始，在最初几轮内线性增大，然后交给余弦退火：

$$\\eta_t = \\eta_0 \\cdot \\frac{t}{t_{\\text{warm}}} \\quad (t < t_{\\text{warm}})$$

选择**预热后余弦**，预热 10 轮，从头训练：同样的峰值学习率 0.5，现在训练平稳了。训练 Transformer、以及用 Adam 配合大批量训练时，预热都是标准做法。`,
      },
      task: { en: 'Train with warm-up (then cosine) at base rate 0.5: by epoch 20 the training loss is below 0.05.', 'zh-CN': '在基础学习率 0.5 下使用预热（后接余弦）训练：到第 20 轮，训练损失低于 0.05。' },
      check: "schedule == 'warmupCosine' and learningRate >= 0.5 and epoch >= 20 and trainLoss < 0.05",
      hints: [
        { en: 'Measured on this setup: constant 0.5 still has a training loss of 0.14 at epoch 20; with 10 epochs of warm-up, 0.005. At 0.7 even the warm-up cannot save it — the peak rate itself is too large.', 'zh-CN': '在这个设置上实测：恒定的 0.5 到第 20 轮训练损失仍为 0.14；预热 10 轮则为 0.005。学习率为 0.7 时，预热也救不回来——峰值学习率本身太大了。' },
      ],
      showMe: [{ change: { type: 'schedule', patch: { kind: 'warmupCosine', warmup: 10, period: 30 } } }, { run: 'play' }],
    },
    {
      load: linear(0.3),
      target: 'schedule',
      text: {
        en: `Before the cosine, networks were trained with **step decay**: keep the rate for a number of epochs, then multiply it by a factor $\\gamma$,

$$\\eta_t = \\eta_0 \\cdot \\gamma^{\\lfloor t / P \\rfloor}$$

ResNet was trained this way, the rate divided by 10 at a few fixed points — the loss curves of that era drop at every one of them. Choose **Step decay** every 10 epochs with factor 0.5, and train 20 epochs: the rate halves twice, and with it the jitter of the training loss.`,
        'zh-CN': `在余弦退火之前，网络常用**分段衰减**来训练：学习率保持若干轮不变，然后乘以一个因子 $\\gamma$：

$$\\eta_t = \\eta_0 \\cdot \\gamma^{\\lfloor t / P \\rfloor}$$

ResNet 就是这样训练的：在几个固定的时间点把学习率除以 10——那个年代的损失曲线，每到一个这样的点就陡降一下。选择**分段衰减**，每隔 10 轮，衰减因子 0.5，训练 20 轮：学习率减半两次，训练损失的抖动也随之减小。`,
      },
      task: { en: 'Train 20 epochs with step decay (×0.5 every 10 epochs): the rate is down to 0.15 or less, the training loss below 0.05.', 'zh-CN': '用分段衰减（每 10 轮 ×0.5）训练 20 轮：学习率降到 0.15 或更低，训练损失低于 0.05。' },
      check: "schedule == 'step' and epoch >= 20 and liveLearningRate <= 0.15 and trainLoss < 0.05",
      showMe: [{ change: { type: 'schedule', patch: { kind: 'step', period: 10, factor: 0.5 } } }, { run: 'play' }],
    },
    {
      load: {
        from: 'default',
        changes: [
          { type: 'dataset', patch: { noise: 30 } },
          { type: 'training', patch: { learningRate: 0.1 } },
        ],
        seed: 1,
      },
      target: 'schedule',
      text: {
        en: `The schedules so far are fixed in advance. **Reduce on plateau** watches the loss instead: when it has not improved for a number of epochs (the *patience*), the rate is multiplied by $\\gamma$. Here it watches the test loss at the end of each epoch (a real project would use a validation set).

The circle now has 30 % noise, so the loss stops falling early. Choose **Reduce on plateau** with patience 2 and factor 0.5, and train until the schedule has lowered the rate below the base rate 0.1.`,
        'zh-CN': `前面的调度都是事先定好的。**停滞时降低**则盯着损失：如果连续若干轮（即*耐心*）损失都没有改善，就把学习率乘以 $\\gamma$。这里它看的是每轮结束时的测试损失（真实项目中应当用验证集）。

现在圆形数据带有 30% 的噪声，损失很早就降不动了。选择**停滞时降低**，耐心 2，衰减因子 0.5，训练到调度器把学习率降到基础学习率 0.1 以下。`,
      },
      task: { en: 'Train with reduce-on-plateau until the rate drops below the base rate.', 'zh-CN': '用“停滞时降低”训练，直到学习率降到基础学习率以下。' },
      check: "schedule == 'plateau' and liveLearningRate < learningRate",
      showMe: [{ change: { type: 'schedule', patch: { kind: 'plateau', patience: 2, factor: 0.5 } } }, { run: 'play' }],
    },
    {
      target: 'loss-chart',
      text: {
        en: `Which schedule? A cosine (with a short warm-up for large models) is the common default, because it has one setting — its length, usually the whole training. Step decay needs its epochs chosen by hand; reduce-on-plateau adapts, but reacts late and needs a trustworthy loss to watch. One-cycle, also in the menu, rises and then falls within one run and often trains fastest.

A schedule does not replace a good base rate: it only decides what fraction of it to use when.`,
        'zh-CN': `该选哪种调度？余弦退火（大模型再加一段短暂的预热）是常见的默认选择，因为它只有一个设置：长度，通常就是整个训练过程。分段衰减需要手动挑选在哪些轮次衰减；停滞时降低能自适应，但反应偏慢，而且需要一个可信的损失来盯。菜单里的单周期（one-cycle）在一次训练内先升后降，往往训练得最快。

调度器不能代替一个好的基础学习率：它只决定在什么时候用基础学习率的几分之几。`,
      },
    },
  ],
};
