import type { Lesson } from '../../format';

/**
 * Gradient descent and the optimizers, in the optimizer race (labs/race: seven optimizers on one
 * 2-D surface, each at the surface's own learning rate, models/surfaces.ts). Measured with
 * models/race.ts in Node (the race is deterministic): on the ravine at step 100, SGD's loss 5.0e-2,
 * momentum 3.4e-3, Adam 1.4e-4 (at step 20 momentum is still behind, 0.61 against 0.21: it has to
 * build up speed); on Rosenbrock Adam leads AdamW from step 800 on, 1.1e-3 against 6.4e-3 at step
 * 1500 and 1.7e-5 against 2.3e-3 at step 2000 (AdamW's decay pulls it towards the origin).
 */
export const lesson: Lesson = {
  format: 1,
  id: 'optimizers',
  section: 'optimization',
  order: 11,
  title: { en: 'Gradient descent and the optimizers', 'zh-CN': '梯度下降与优化算法' },
  summary: {
    en: 'Race SGD, momentum, Adam and AdamW on 2-D loss surfaces: why momentum crosses a ravine, why Adam steps per coordinate, what weight decay does to the finish.',
    'zh-CN': '让 SGD、动量法、Adam 和 AdamW 在二维损失曲面上赛跑：动量法为何能穿过峡谷，Adam 为何按坐标调整步长，权重衰减又如何改变终点。',
  },
  minutes: 12,
  steps: [
    {
      load: { from: 'default', seed: 1 },
      tab: 'race',
      target: 'race-map',
      text: {
        en: `A network's loss lives in a space of millions of dimensions; the **optimizer race** shows the same algorithms on a loss of just two parameters, $f(x, y)$, where every step can be drawn. Each optimizer starts at the same point, each with a learning rate suited to the surface.

The **long ravine**, $f = 0.01x^2 + 2y^2$, is what an ill-conditioned loss looks like: steep across, almost flat along. Plain **gradient descent** (SGD), $\\mathbf w \\leftarrow \\mathbf w - \\eta \\nabla f$, is caught between the two: its rate here, 0.45, is just under the limit $2/4 = 0.5$ above which it would bounce out of the steep walls (you can see it zigzag), and still each step along the flat floor is tiny. **Momentum** (动量法) keeps a velocity, a running sum of past gradients:

$$\\mathbf v \\leftarrow \\beta \\mathbf v + \\nabla f, \\quad \\mathbf w \\leftarrow \\mathbf w - \\eta\\, \\mathbf v$$

Across the ravine the gradients alternate in sign and cancel; along it they agree and add up, so the step grows up to $1/(1-\\beta) = 10$ times. Run the race on the ravine for 100 steps.`,
        'zh-CN': `网络的损失函数位于上百万维的空间里；**优化器竞赛**把同样的算法放到只有两个参数的损失 $f(x, y)$ 上，每一步都能画出来。所有优化器从同一点出发，各自使用适合这个曲面的学习率。

**狭长峡谷** $f = 0.01x^2 + 2y^2$ 就是病态（ill-conditioned）损失的样子：横向陡峭，纵向几乎平坦。普通的**梯度下降**（SGD）$\\mathbf w \\leftarrow \\mathbf w - \\eta \\nabla f$ 在这里左右为难：它的学习率 0.45 刚好低于上限 $2/4 = 0.5$，再大就会在陡壁之间越弹越高、冲出峡谷（可以看到它在锯齿状地来回跳），可即便如此，它沿平坦谷底的每一步仍然很小。**动量法**维护一个速度，即历史梯度的累加：

$$\\mathbf v \\leftarrow \\beta \\mathbf v + \\nabla f, \\quad \\mathbf w \\leftarrow \\mathbf w - \\eta\\, \\mathbf v$$

横穿峡谷方向的梯度正负交替、相互抵消；沿峡谷方向的梯度方向一致、不断累加，步长最多可放大到 $1/(1-\\beta) = 10$ 倍。在峡谷上让竞赛跑 100 步。`,
      },
      task: { en: 'Run the race on the long ravine for 100 steps: momentum ends below SGD.', 'zh-CN': '在狭长峡谷上跑 100 步：动量法的损失低于 SGD。' },
      check: "raceSurface == 'ravine' and raceStep >= 100 and race.momentum < race.sgd",
      hints: [
        { en: 'In the first 20 steps momentum is behind: its velocity has to build up. Watch its path swing out, then run down the valley.', 'zh-CN': '前 20 步动量法反而落后：它的速度需要时间积累。看它的路径先甩出去，再顺着谷底冲下来。' },
      ],
      showMe: [{ tab: 'race' }, { race: { surface: 'ravine', speed: 10, play: true } }],
    },
    {
      target: 'race-legend',
      text: {
        en: `**Adam** takes another route: a step of its own for every coordinate. It keeps running averages of the gradient and of its square,

$$\\begin{aligned} \\mathbf m &\\leftarrow \\beta_1 \\mathbf m + (1-\\beta_1)\\, \\mathbf g \\\\ \\mathbf s &\\leftarrow \\beta_2 \\mathbf s + (1-\\beta_2)\\, \\mathbf g^2 \\\\ \\mathbf w &\\leftarrow \\mathbf w - \\eta\\, \\frac{\\hat{\\mathbf m}}{\\sqrt{\\hat{\\mathbf s}} + \\epsilon} \\end{aligned}$$

($\\hat{\\mathbf m}, \\hat{\\mathbf s}$: the averages corrected for starting at 0). Dividing by $\\sqrt{\\hat{\\mathbf s}}$ makes each coordinate's step about $\\eta$ whatever the size of its gradient: the flat direction gets as big a step as the steep one. That is why Adam's first steps on the ravine point diagonally, not straight across. RMSProp and AdaGrad divide the same way, without the momentum term $\\mathbf m$.

Compare the losses in the legend after 100 steps or more.`,
        'zh-CN': `**Adam** 走的是另一条路：每个坐标都有自己的步长。它对梯度和梯度的平方分别维护滑动平均：

$$\\begin{aligned} \\mathbf m &\\leftarrow \\beta_1 \\mathbf m + (1-\\beta_1)\\, \\mathbf g \\\\ \\mathbf s &\\leftarrow \\beta_2 \\mathbf s + (1-\\beta_2)\\, \\mathbf g^2 \\\\ \\mathbf w &\\leftarrow \\mathbf w - \\eta\\, \\frac{\\hat{\\mathbf m}}{\\sqrt{\\hat{\\mathbf s}} + \\epsilon} \\end{aligned}$$

（$\\hat{\\mathbf m}, \\hat{\\mathbf s}$ 是修正了从 0 开始所带来偏差的平均值。）除以 $\\sqrt{\\hat{\\mathbf s}}$ 使每个坐标的步长都约为 $\\eta$，与梯度的大小无关：平坦方向上的步子和陡峭方向上的一样大。所以 Adam 在峡谷上的头几步是斜着走的，而不是直直地横穿。RMSProp 和 AdaGrad 也做同样的除法，只是没有动量项 $\\mathbf m$。

跑 100 步以上，比较图例中的损失。`,
      },
      task: { en: 'On the ravine, after 100 steps or more: Adam below both momentum and SGD.', 'zh-CN': '在峡谷上跑 100 步以上：Adam 的损失低于动量法和 SGD。' },
      check: "raceSurface == 'ravine' and raceStep >= 100 and race.adam < race.momentum and race.adam < race.sgd",
      showMe: [{ tab: 'race' }, { race: { surface: 'ravine', speed: 10, play: true } }],
    },
    {
      target: 'race-surface',
      text: {
        en: `**AdamW** is Adam with **decoupled weight decay**: besides Adam's step, every step shrinks the parameters themselves by a fraction $\\eta\\lambda$ (here $\\lambda = 0.01$):

$$\\mathbf w \\leftarrow \\mathbf w - \\eta \\left( \\frac{\\hat{\\mathbf m}}{\\sqrt{\\hat{\\mathbf s}} + \\epsilon} + \\lambda \\mathbf w \\right)$$

Adding $\\lambda \\lVert \\mathbf w \\rVert^2$ to the loss would not do the same in Adam: its gradient would be divided by $\\sqrt{\\hat{\\mathbf s}}$ like the rest, so weights with large gradients would hardly decay. AdamW applies the decay outside the division, as plain SGD's weight decay does.

On the ravine the minimum is at the origin, where decay pulls anyway, so Adam and AdamW run side by side. Switch to **Rosenbrock**, whose minimum is at $(1, 1)$, and run 1,500 steps: the decay keeps pulling AdamW towards the origin, and it settles short of the minimum, with a higher loss than Adam. In a network that is the point — weight decay trades a little training loss for smaller weights that generalize better.`,
        'zh-CN': `**AdamW** 就是带**解耦权重衰减**的 Adam：除了 Adam 自己的那一步，每一步还把参数本身按比例 $\\eta\\lambda$ 缩小（这里 $\\lambda = 0.01$）：

$$\\mathbf w \\leftarrow \\mathbf w - \\eta \\left( \\frac{\\hat{\\mathbf m}}{\\sqrt{\\hat{\\mathbf s}} + \\epsilon} + \\lambda \\mathbf w \\right)$$

在 Adam 里，把 $\\lambda \\lVert \\mathbf w \\rVert^2$ 加到损失上并不等价：它的梯度会和其余部分一起被 $\\sqrt{\\hat{\\mathbf s}}$ 除，梯度大的权重几乎得不到衰减。AdamW 把衰减放在除法之外，就像普通 SGD 的权重衰减那样。

峡谷的极小值在原点，衰减本来就朝那里拉，所以 Adam 和 AdamW 并驾齐驱。换到 **Rosenbrock 函数**，它的极小值在 $(1, 1)$，跑 1500 步：衰减一直把 AdamW 往原点拉，它停在离极小值不远的地方，损失比 Adam 高。放到网络里，这正是目的所在——权重衰减用一点点训练损失，换来更小、泛化更好的权重。`,
      },
      task: { en: 'Run Rosenbrock for 1,500 steps: AdamW ends above Adam.', 'zh-CN': '在 Rosenbrock 函数上跑 1500 步：AdamW 的损失高于 Adam。' },
      check: "raceSurface == 'rosenbrock' and raceStep >= 1500 and race.adamw > race.adam",
      showMe: [{ tab: 'race' }, { race: { surface: 'rosenbrock', speed: 10, play: true } }],
    },
    {
      target: 'race-chart',
      text: {
        en: `What the race shows, and what it cannot:

- **No optimizer wins everywhere.** Try the *saddle point* (every lane slides down to the saddle, where the gradient vanishes, and lingers before it falls off to one side) and *several minima* (which minimum an optimizer ends in depends on its path).
- **The learning rate still matters most.** Each lane has its own; change one in the legend and the ranking changes.
- **Real losses are noisy.** Minibatches give each step a noisy gradient — the *noisy bowl* shows what that does, and why the rate is usually lowered late in training (the next lesson, learning-rate schedules).

In practice, SGD with momentum and AdamW are the two defaults: the playground's optimizer menu has both.`,
        'zh-CN': `竞赛能告诉我们的，以及它告诉不了我们的：

- **没有哪个优化器处处都赢。** 试试*鞍点*（每条赛道都先滑到梯度为零的鞍点，在那里徘徊一阵，才落向某一侧）和*多个极小值*（优化器最终落在哪个极小值，取决于它走过的路径）。
- **学习率仍然最要紧。** 每条赛道都有自己的学习率；在图例里改一个，排名就会变。
- **真实的损失带噪声。** 小批量让每一步的梯度都带噪声——*带噪声的碗*展示了这会带来什么，也说明了为什么训练后期通常要降低学习率（下一课：学习率调度器）。

实践中，带动量的 SGD 和 AdamW 是最常用的两种默认选择：游乐场的优化器菜单里两者都有。`,
      },
    },
  ],
};
