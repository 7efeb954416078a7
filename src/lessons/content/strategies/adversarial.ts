import type { Lesson, LessonAction, LessonLoad } from '../../format';

/**
 * Adversarial examples and adversarial training (issue 16; training/tools/adversarial.ts, the tools
 * panel's "Adversarial examples" tab). The image lab's small CNN (conv 8 → pool → conv 16 → pool →
 * dense) on 600 shapes, Adam 0.01, batch 32, stopped after 4 epochs.
 * Measured in Node (tests/unit/adversarial.lesson.test.ts trains both setups, 68 steps, and holds the
 * checks; FGSM on all 60 test images): plain — clean 100 %, ε = 0.1 33.3 %, ε = 0.2 8.3 %; with
 * adversarial training (FGSM ε = 0.1, half of each batch) — clean 100 %, ε = 0.1 86.7 %, ε = 0.2 70.0 %.
 */
const shapes = (adversarial: boolean): LessonLoad => ({
  from: 'default',
  changes: [
    { type: 'dataset', patch: { kind: 'shapes', numPoints: 600 } },
    { type: 'training', patch: { optimizer: 'adam', learningRate: 0.01, batchSize: 32, ...(adversarial ? { adversarial: { enabled: true, method: 'fgsm', eps: 0.1, share: 0.5 } } : {}) } },
    { type: 'stopRule', patch: { epochs: 4 } },
  ],
});

const CURVE: LessonAction = { tool: { tool: 'robustness', method: 'fgsm', eps: [0, 0.02, 0.05, 0.1, 0.2, 0.3], examples: 300 } };

export const lesson: Lesson = {
  format: 1,
  id: 'adversarial-examples',
  section: 'strategies',
  order: 34,
  title: { en: 'Adversarial examples and adversarial training', 'zh-CN': '对抗样本与对抗训练' },
  summary: {
    en: 'Fool your own CNN with changes too small to matter to you, measure how far its accuracy falls, and train it to resist.',
    'zh-CN': '用人眼几乎看不出的改动骗过你自己的卷积神经网络，测出准确率下降多少，再训练它抵御这种攻击。',
  },
  minutes: 15,
  steps: [
    {
      load: shapes(false),
      text: {
        en: 'A small CNN learns to tell circles, squares, triangles and lines apart. Train it for four epochs (it stops by itself).\n\nA network that classifies well is not necessarily one that is hard to fool: its decision depends on every pixel, and many small changes in the same direction can add up.',
        'zh-CN': '一个小型卷积神经网络学习区分圆、正方形、三角形和线段。训练四轮（到时会自动停止）。\n\n分类准确的网络不一定难以欺骗：它的判断取决于每一个像素，许多朝同一方向的小改动会累积起来。',
      },
      task: { en: 'Train the network until it stops after 4 epochs.', 'zh-CN': '训练网络，直到它在 4 轮后自动停止。' },
      check: "epoch >= 4 and status == 'paused' and testAcc >= 0.6",
      showMe: [{ run: 'play' }],
    },
    {
      target: 'tools',
      text: {
        en: 'Open **Tools for the trained network** under the lab and its tab **Adversarial examples**. The *fast gradient sign method* (FGSM) moves every pixel by $\\varepsilon$ in the direction that raises the loss:\n\n$$x_{adv} = \\operatorname{clip}_{[0,1]}\\big(x + \\varepsilon\\,\\operatorname{sign}(\\nabla_x L(x, y))\\big)$$\n\nThe gradient is taken with respect to the *input*, not the weights. Attack the probe image with $\\varepsilon = 0.2$, then measure the accuracy against $\\varepsilon$ on the test set.',
        'zh-CN': '打开实验室下方的**训练好的网络：工具**，选择**对抗样本**标签页。*快速梯度符号法*（FGSM）把每个像素沿着让损失增大的方向改动 $\\varepsilon$：\n\n$$x_{adv} = \\operatorname{clip}_{[0,1]}\\big(x + \\varepsilon\\,\\operatorname{sign}(\\nabla_x L(x, y))\\big)$$\n\n这里的梯度是对*输入*求的，而不是对权重。先用 $\\varepsilon = 0.2$ 攻击当前查看的图像，再在测试集上测量准确率随 $\\varepsilon$ 的变化。',
      },
      task: { en: 'Measure accuracy against ε: at ε = 0.1 it falls to 60 % or less.', 'zh-CN': '测量准确率随 ε 的变化：在 ε = 0.1 时，准确率降到 60% 或更低。' },
      check: 'cleanAcc >= 0.8 and robustAcc <= 0.6 and not robustTrained',
      hints: [{ en: 'The button is “Measure accuracy against ε” in the tab’s right column.', 'zh-CN': '按钮是该标签页右栏的“测量准确率随 ε 的变化”。' }],
      showMe: [CURVE],
    },
    {
      load: shapes(true),
      target: 'tools',
      text: {
        en: '**Adversarial training** (Goodfellow et al. 2015; Madry et al. 2018) attacks each batch with the current weights and trains on the result: here half of every batch is replaced by its FGSM version with $\\varepsilon = 0.1$. The network then minimises the loss not only at the images but in a small box around them.\n\nThe same network now trains from scratch with it on (the setting is at the bottom of the tab). Each step costs an extra forward and backward pass.',
        'zh-CN': '**对抗训练**（Goodfellow 等，2015；Madry 等，2018）在每个小批量上用当前权重发起攻击，再用得到的样本训练：这里每个小批量的一半被替换为 $\\varepsilon = 0.1$ 的 FGSM 对抗样本。于是网络最小化的不只是图像本身处的损失，还有它周围一个小范围内的损失。\n\n现在同一个网络在开启对抗训练的情况下从头训练（设置位于标签页底部）。每一步要多做一次前向和反向传播。',
      },
      task: { en: 'Train with adversarial training on until it stops after 4 epochs.', 'zh-CN': '开启对抗训练，训练到 4 轮后自动停止。' },
      check: "adversarialTraining and epoch >= 4 and status == 'paused'",
      showMe: [{ run: 'play' }],
    },
    {
      target: 'tools',
      text: {
        en: 'Measure the curve again. Compare the two lines and the table: the accuracy under attack at $\\varepsilon = 0.1$ rises, while the clean accuracy changes little. On MNIST (tests/unit/adversarial.mnist.test.ts) the same CNN went from 67.4 % to 85.2 % under FGSM at $\\varepsilon = 0.1$, and from 24.8 % to 63.4 % under 10-step PGD, with clean accuracy 96.0 % → 96.2 %.\n\nTry PGD in the attack menu: several smaller steps, each projected back into the $\\varepsilon$-box, find stronger examples than one FGSM step. A network trained against FGSM only is weaker against PGD.',
        'zh-CN': '再测一次曲线，比较两条线和表格：在 $\\varepsilon = 0.1$ 的攻击下，准确率提高了，而干净准确率变化不大。在 MNIST 上（tests/unit/adversarial.mnist.test.ts），同一个网络在 $\\varepsilon = 0.1$ 的 FGSM 攻击下的准确率从 67.4% 提高到 85.2%，在 10 步 PGD 攻击下从 24.8% 提高到 63.4%，干净准确率为 96.0% → 96.2%。\n\n在攻击方法里试试 PGD：它走若干小步，每一步都投影回 $\\varepsilon$ 范围内，能找到比一步 FGSM 更强的对抗样本。只针对 FGSM 训练的网络，面对 PGD 时更脆弱。',
      },
      task: { en: 'Measure accuracy against ε for the adversarially trained network.', 'zh-CN': '为对抗训练后的网络测量准确率随 ε 的变化。' },
      check: 'robustTrained and robustAcc >= 0.7',
      showMe: [CURVE],
    },
  ],
};
