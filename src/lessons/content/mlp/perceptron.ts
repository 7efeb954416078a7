import type { Lesson } from '../../format';

/**
 * The single-layer perceptron: it learns two separable clouds, then fails XOR (measured: seed 1,
 * test accuracy 0.54–0.62 from epoch 50 to 400, never ≥ 0.70), and a hand-made x₁x₂ feature
 * rescues it (≥ 0.95 at epoch 8).
 */
export const lesson: Lesson = {
  format: 1,
  id: 'perceptron',
  section: 'mlp',
  order: 2,
  title: { en: 'The perceptron and XOR', 'zh-CN': '感知机与异或问题' },
  summary: {
    en: 'One neuron draws one straight line: enough for two separate clouds, never enough for XOR.',
    'zh-CN': '一个神经元只能画一条直线：分开两团点绰绰有余，却永远解不了异或。',
  },
  minutes: 10,
  steps: [
    {
      load: { from: { template: 'perceptron' }, changes: [{ type: 'dataset', patch: { kind: 'gauss' } }], seed: 1 },
      tab: 'playground',
      target: 'boundary',
      text: {
        en: `This is Rosenblatt's **perceptron** (1958): the two inputs go straight into one output neuron, with no hidden layer at all. It computes

$$\\hat y = \\sigma(w_1 x_1 + w_2 x_2 + b), \\qquad \\sigma(z) = \\frac{1}{1 + e^{-z}}$$

The output is above ½ exactly where $w_1 x_1 + w_2 x_2 + b > 0$, so the **decision boundary** is the set $\\mathbf w \\cdot \\mathbf x + b = 0$ — a straight line. However the weights move, the boundary stays a line.

The data are two Gaussian clouds, orange and blue. Press play and watch the line in the output plot turn and slide until it separates them.`,
        'zh-CN': `这是 Rosenblatt 在 1958 年提出的**感知机**：两个输入直接连到一个输出神经元，中间没有任何隐藏层。它计算

$$\\hat y = \\sigma(w_1 x_1 + w_2 x_2 + b), \\qquad \\sigma(z) = \\frac{1}{1 + e^{-z}}$$

当且仅当 $w_1 x_1 + w_2 x_2 + b > 0$ 时输出大于 ½，所以**决策边界**就是 $\\mathbf w \\cdot \\mathbf x + b = 0$ 这条直线。无论权重怎么变，边界永远是一条直线。

现在的数据是两团高斯分布的点，一团橙色、一团蓝色。按下播放，看输出图里的那条线如何旋转、平移，直到把两团点分开。`,
      },
      task: { en: 'Train the perceptron until it classifies at least 95 % of the test points.', 'zh-CN': '训练感知机，直到测试集准确率达到 95% 以上。' },
      check: "dataset == 'gauss' and epoch >= 10 and testAcc >= 0.95",
      showMe: [{ run: 'play' }],
    },
    {
      target: 'network',
      text: {
        en: `Look at the network diagram: just two links and a bias. The thickness and colour of each link are the weights $w_1, w_2$; hover over a link to read its value. These three numbers *are* the line: its direction is perpendicular to $\\mathbf w$, and $b$ shifts it.

The classic **perceptron learning rule** changes the weights only on a misclassified point $(\\mathbf x, y)$, with $y \\in \\{-1, +1\\}$:

$$\\mathbf w \\leftarrow \\mathbf w + \\eta\\, y\\, \\mathbf x, \\qquad b \\leftarrow b + \\eta\\, y$$

Here the app trains the same model with **gradient descent** on a loss function, the way every network in this course learns; for separable data both end with a line between the classes. The *perceptron convergence theorem* guarantees that the rule finds such a line in finitely many updates whenever one exists.`,
        'zh-CN': `看网络图：只有两条连线和一个偏置。连线的粗细和颜色就是权重 $w_1, w_2$，把鼠标移到连线上可以看到具体数值。这三个数*就是*那条直线：直线与 $\\mathbf w$ 垂直，$b$ 决定它平移多少。

经典的**感知机学习规则**只在分错的样本 $(\\mathbf x, y)$（$y \\in \\{-1, +1\\}$）上更新权重：

$$\\mathbf w \\leftarrow \\mathbf w + \\eta\\, y\\, \\mathbf x, \\qquad b \\leftarrow b + \\eta\\, y$$

这里应用用**梯度下降**最小化损失函数来训练同一个模型——本课程里所有网络都是这样学习的。对线性可分的数据，两种方法最终都会在两类之间找到一条直线；*感知机收敛定理*保证：只要这样的直线存在，感知机规则一定能在有限次更新内找到它。`,
      },
    },
    {
      load: { from: { template: 'perceptron' }, seed: 1 },
      target: 'dataset',
      text: {
        en: `Now the famous counterexample: **XOR**. Blue points sit in the top-right and bottom-left quadrants, orange ones in the other two: a point is blue (the positive class) exactly when $x_1$ and $x_2$ have the same sign.

Pick the XOR dataset and train for a few hundred epochs. Watch the test accuracy in the metrics: it wanders around 50–60 % and never gets far. The loss curve flattens almost at once — the perceptron has already found the best line there is, and it is not good.`,
        'zh-CN': `接下来是著名的反例：**异或（XOR）**。蓝色点在右上和左下象限，橙色点在另外两个象限：当且仅当 $x_1$ 与 $x_2$ 同号时，点是蓝色（正类）。

选择 XOR 数据集，训练几百轮。注意指标面板里的测试准确率：它在 50%–60% 附近徘徊，始终上不去。损失曲线几乎立刻就变平了——感知机已经找到了最好的那条直线，可惜最好的直线也不够好。`,
      },
      task: { en: 'Train the perceptron on XOR for 300 epochs and see it stay below 75 %.', 'zh-CN': '在 XOR 上训练感知机 300 轮，确认测试准确率始终低于 75%。' },
      check: "dataset == 'xor' and hiddenLayers == 0 and epoch >= 300 and testAcc < 0.75",
      hints: [
        { en: 'The dataset picker is in the data column on the left; 300 epochs take a few seconds.', 'zh-CN': '数据集选择在左侧的数据栏里；训练 300 轮只需几秒钟。' },
      ],
      showMe: [{ change: { type: 'dataset', patch: { kind: 'xor' } } }, { run: 'play' }],
    },
    {
      target: 'features',
      text: {
        en: `Why can't it? No single line puts the two blue quadrants on one side and the two orange ones on the other: XOR is **not linearly separable**. The best a line can do is get three quadrants right, 75 % at most, and gradient descent does not even find that. Minsky and Papert made this point in 1969, and it stalled neural-network research for years.

There are two ways out. The first is to give the perceptron a better input. Turn on the feature $x_1 x_2$: it is positive exactly on the blue quadrants, so in the new input space one line — $x_1 x_2 = 0$ — separates the classes. Watch the accuracy jump.

The second way, letting the network *learn* such features with a hidden layer, is the next lesson.`,
        'zh-CN': `为什么学不会？因为没有任何一条直线能把两个蓝色象限放在一侧、两个橙色象限放在另一侧：XOR **不是线性可分的**。一条直线最多分对三个象限，也就是 75%，而梯度下降连这个都找不到。Minsky 和 Papert 在 1969 年指出了这一点，神经网络研究因此沉寂了许多年。

有两条出路。第一条是给感知机更好的输入。打开特征 $x_1 x_2$：它恰好在蓝色象限为正，所以在新的输入空间里，一条直线 $x_1 x_2 = 0$ 就能把两类分开。看准确率如何一下子跳上去。

第二条出路是让网络用隐藏层自己*学*出这样的特征——这是下一课的内容。`,
      },
      task: { en: 'Turn on the x₁x₂ feature and reach 95 % test accuracy on XOR.', 'zh-CN': '打开 x₁x₂ 特征，让 XOR 上的测试准确率达到 95%。' },
      check: "dataset == 'xor' and feature.x1x2 == true and testAcc >= 0.95",
      showMe: [{ change: { type: 'toggleFeature', feature: 'x1x2' } }, { run: 'play' }],
    },
  ],
};
