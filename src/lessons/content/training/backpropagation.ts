import type { Lesson } from '../../format';

/**
 * Backpropagation, one example by hand: the 2-D playground's step-through (labs/points/Backprop*,
 * models/backprop.ts, held equal to tf.variableGrads in tests) on the default 2-4-2-1 tanh network
 * over the circle, seed 1, SGD 0.03, before any training. Each step's check reads the phase on
 * screen (`backpropPhase`); Show me opens the step-through at that phase. The last step closes it
 * and trains: 95 % by epoch 10 (the learning-rate lesson's measurement of the same setup).
 */
export const lesson: Lesson = {
  format: 1,
  id: 'backpropagation',
  section: 'mlp',
  order: 8,
  title: { en: 'Backpropagation, step by step', 'zh-CN': '反向传播，一步一步来' },
  summary: {
    en: 'Follow one training point through the network: the forward pass neuron by neuron, the loss, each neuron’s δ, the gradients and the update.',
    'zh-CN': '跟着一个训练点走遍网络：逐个神经元的前向传播、损失、每个神经元的 δ、梯度，以及参数更新。',
  },
  minutes: 15,
  steps: [
    {
      load: { from: 'default', seed: 1 },
      tab: 'playground',
      target: 'backprop-open',
      text: {
        en: `Gradient descent needs the gradient $\\partial L / \\partial w$ of the loss for **every** weight. A network of a million weights could estimate each one by nudging it and measuring the loss again — a million forward passes for one step. **Backpropagation** gets all of them in one forward and one backward pass, by the chain rule.

This lesson does it by hand on the playground's network: two inputs $x_1, x_2$, hidden layers of 4 and 2 tanh neurons, one tanh output, the weights as initialized. Press **Step through backprop** above the network. Training pauses, and the step-through picks one training point (click another in the output plot to change it).`,
        'zh-CN': `梯度下降需要损失对**每一个**权重的梯度 $\\partial L / \\partial w$。一个有一百万个权重的网络，可以逐个把权重挪动一点再重新计算损失来估计梯度——但走一步就要做一百万次前向传播。**反向传播**借助链式法则，只用一次前向传播加一次反向传播就得到全部梯度。

本课在游乐场的网络上手算一遍：两个输入 $x_1, x_2$，两个隐藏层分别有 4 个和 2 个 tanh 神经元，一个 tanh 输出，权重就是初始化时的值。点击网络上方的**逐步演示反向传播**按钮。训练会暂停，演示会选出一个训练点（在输出图里点击其他点即可更换）。`,
      },
      task: { en: 'Open the backprop step-through.', 'zh-CN': '打开反向传播的逐步演示。' },
      check: 'backpropOpen',
      showMe: [{ backprop: 'example' }],
    },
    {
      target: 'backprop',
      text: {
        en: `**The forward pass**, neuron by neuron. Each neuron $j$ of layer $l$ takes the activations $a_i$ of the layer before, forms a weighted sum and applies its activation function $\\phi$:

$$z_j = \\sum_i w_{ij}\\, a_i + b_j, \\qquad a_j = \\phi(z_j)$$

The inputs are the point's coordinates, $a = (x_1, x_2)$. Step forward with **Next** (or the → key) and check a sum by hand: the panel lists every product $w_{ij} a_i$. Keep each $z_j$ and $a_j$ in mind — the backward pass needs them again.`,
        'zh-CN': `**前向传播**，逐个神经元地算。第 $l$ 层的每个神经元 $j$ 取上一层的激活值 $a_i$，先求加权和，再作用激活函数 $\\phi$：

$$z_j = \\sum_i w_{ij}\\, a_i + b_j, \\qquad a_j = \\phi(z_j)$$

输入就是这个点的坐标 $a = (x_1, x_2)$。用**下一步**（或 → 键）往前走，亲手验算一个加权和：面板列出了每一项乘积 $w_{ij} a_i$。记住每个 $z_j$ 和 $a_j$——反向传播还要用到它们。`,
      },
      task: { en: 'Step into the forward pass.', 'zh-CN': '进入前向传播。' },
      check: "backpropPhase == 'forward'",
      showMe: [{ backprop: 'forward' }],
    },
    {
      target: 'backprop',
      text: {
        en: `**The loss.** The output $a$ is compared with the label $y$ ($+1$ blue, $-1$ orange) by the squared error

$$L = (a - y)^2$$

This one number says how wrong the network is on this point. Everything that follows answers one question: *how does $L$ change when each weight changes?*`,
        'zh-CN': `**损失。** 用平方误差把输出 $a$ 与标签 $y$（蓝色 $+1$，橙色 $-1$）相比较：

$$L = (a - y)^2$$

这一个数说明了网络在这个点上错得有多离谱。接下来的一切都在回答同一个问题：*每个权重变一点，$L$ 会怎样变？*`,
      },
      task: { en: 'Step on to the loss.', 'zh-CN': '走到计算损失这一步。' },
      check: "backpropPhase == 'loss'",
      showMe: [{ backprop: 'loss' }],
    },
    {
      target: 'backprop',
      text: {
        en: `**The backward pass** goes from the output back to the first layer and gives each neuron its **error signal** $\\delta_j = \\partial L / \\partial z_j$. At the output it comes straight from the loss; in a hidden layer it is the $\\delta$s of the next layer, sent back along the same weights and scaled by the slope of the activation:

$$\\delta_{\\text{out}} = 2(a - y)\\,\\phi'(z)$$

$$\\delta_j = \\phi'(z_j) \\sum_k w_{jk}\\, \\delta_k$$

For tanh, $\\phi'(z) = 1 - a^2$: a neuron near saturation ($a \\approx \\pm 1$) passes almost nothing back. That is the chain rule, applied once per layer — the reason backprop costs about as much as the forward pass.`,
        'zh-CN': `**反向传播**从输出层往回走到第一层，为每个神经元算出它的**误差信号** $\\delta_j = \\partial L / \\partial z_j$。输出层的 $\\delta$ 直接来自损失；隐藏层的 $\\delta$ 则是下一层的 $\\delta$ 沿着同样的权重传回来，再乘上激活函数的斜率：

$$\\delta_{\\text{out}} = 2(a - y)\\,\\phi'(z)$$

$$\\delta_j = \\phi'(z_j) \\sum_k w_{jk}\\, \\delta_k$$

对 tanh 而言 $\\phi'(z) = 1 - a^2$：接近饱和（$a \\approx \\pm 1$）的神经元几乎传不回任何信号。这就是链式法则，每层用一次——所以反向传播的计算量与前向传播大致相当。`,
      },
      task: { en: 'Step into the backward pass.', 'zh-CN': '进入反向传播。' },
      check: "backpropPhase == 'backward'",
      showMe: [{ backprop: 'backward' }],
    },
    {
      target: 'backprop',
      text: {
        en: `**Gradients and the update.** With every $\\delta$ known, each weight's gradient is one product — the error signal where the weight ends times the activation where it starts — and gradient descent moves every weight against it with the learning rate $\\eta$:

$$\\frac{\\partial L}{\\partial w_{ij}} = \\delta_j\\, a_i, \\qquad \\frac{\\partial L}{\\partial b_j} = \\delta_j$$

$$w \\leftarrow w - \\eta\\, \\frac{\\partial L}{\\partial w}$$

The panel points at the weight that moves most and redoes the forward pass with the new weights: the loss on this point went down. Training does exactly this, averaged over a minibatch of 10 points, thousands of times.`,
        'zh-CN': `**梯度与更新。** 所有 $\\delta$ 都算出来之后，每个权重的梯度只是一次乘法——权重终点处的误差信号乘以起点处的激活值——梯度下降再以学习率 $\\eta$ 让每个权重逆着梯度移动：

$$\\frac{\\partial L}{\\partial w_{ij}} = \\delta_j\\, a_i, \\qquad \\frac{\\partial L}{\\partial b_j} = \\delta_j$$

$$w \\leftarrow w - \\eta\\, \\frac{\\partial L}{\\partial w}$$

面板标出了变化最大的那个权重，并用新权重重新做了一次前向传播：这个点上的损失下降了。训练做的正是这件事：在 10 个点的小批量上求平均，重复成千上万次。`,
      },
      task: { en: 'Step on to the update.', 'zh-CN': '走到参数更新这一步。' },
      check: "backpropPhase == 'update'",
      showMe: [{ backprop: 'update' }],
    },
    {
      target: 'play',
      text: {
        en: `Now let the machine do it. Press **Back to training** and train: every step runs the forward pass, the loss, the backward pass and the update for a batch of points, a few hundred times a second.

Frameworks such as TF.js or PyTorch never ask you for the $\\delta$ formulas: they record the forward pass as a **computational graph** and walk it backwards automatically (*automatic differentiation*). What they compute is what you just followed by hand.`,
        'zh-CN': `现在交给机器。点击**返回训练**，开始训练：每一步都对一批点做前向传播、计算损失、反向传播和更新，每秒几百次。

TF.js、PyTorch 这样的框架从不要求你写出 $\\delta$ 的公式：它们把前向传播记录成一张**计算图**，再自动沿图反向走一遍（*自动微分*）。它们算的，就是你刚才亲手走过的那些。`,
      },
      task: { en: 'Close the step-through and train to 90 % test accuracy.', 'zh-CN': '关闭逐步演示，训练到测试准确率 90%。' },
      check: 'not backpropOpen and testAcc >= 0.9',
      showMe: [{ backprop: 'close' }, { run: 'play' }],
    },
  ],
};
