import type { Lesson, LessonLoad } from '../../format';

/**
 * Knowledge distillation (training/distill, panels/tools/DistillTool.tsx). The image lab's default
 * CNN (8 and 16 3×3 filters, 4,388 weights) on 600 shapes (540 train / 60 test), Adam 0.001, batch
 * 32, 3 epochs (17 steps each) as the teacher; the student an MLP with 16 hidden units (12,628
 * weights, but no convolution), 3 epochs from the same seed. Measured in Node (measureGain.ts on the
 * CPU backend, 2026-12-03): teacher 80.0 % test accuracy; student alone 63.3 %, distilled at T = 4,
 * α = 0.5 65.0 % (one test image of 60). On MNIST with 500 training digits and 300 steps (Adam
 * 0.003): teacher 92.2 %, student alone 82.4 %, distilled 84.0 % (tests/unit/distillGain.test.ts).
 */
const load: LessonLoad = {
  from: 'default',
  changes: [
    { type: 'dataset', patch: { kind: 'shapes', numPoints: 600 } },
    { type: 'stopRule', patch: { epochs: 3 } },
  ],
  seed: 1,
};

export const lesson: Lesson = {
  format: 1,
  id: 'knowledge-distillation',
  section: 'strategies',
  order: 33,
  title: { en: 'Knowledge distillation', 'zh-CN': '知识蒸馏' },
  summary: {
    en: 'A trained network teaches a smaller one through its softened probabilities; compare the student with the same student trained alone.',
    'zh-CN': '训练好的网络通过软化后的概率去教一个更小的网络；把学生与单独训练的同一个学生相比较。',
  },
  minutes: 12,
  steps: [
    {
      load,
      target: 'loss-chart',
      text: {
        en: `A convolutional network on four kinds of shapes. Train it for three epochs: it will be the **teacher**.

A trained classifier knows more than its answers. For a square it may say "square 80 %, circle 12 %, triangle 6 %, line 2 %": squares look more like circles than like lines. The label "square" carries none of that. **Knowledge distillation** (Hinton et al. 2015) passes it on to a smaller network, the **student**.`,
        'zh-CN': `一个识别四种形状的卷积神经网络。训练三轮：它将成为**教师**。

训练好的分类器知道的比它的答案更多。对一个正方形，它可能给出“正方形 80%，圆 12%，三角形 6%，线段 2%”：正方形看上去更像圆，而不像线段。标签“正方形”却不包含这些信息。**知识蒸馏**（Hinton 等，2015）把这些信息传给一个更小的网络——**学生**。`,
      },
      task: { en: 'Train 3 epochs: the test accuracy reaches 70 %.', 'zh-CN': '训练 3 轮：测试准确率达到 70%。' },
      check: 'epoch >= 3 and testAcc >= 0.7',
      showMe: [{ run: 'play' }],
    },
    {
      target: 'tools',
      text: {
        en: `Open **Tools for the trained network** below the lab, tab **Distillation**, and press **Use this network as the teacher**. Its weights stay on this page (they are too big for a link); the engine keeps the teacher while you build another network.

The table shows the probe image: its **hard label** (1 for the true class, 0 for the rest) next to the teacher's probabilities, as they are and **softened** at temperature $T$:

$$p_i = \\frac{\\exp(z_i / T)}{\\sum_j \\exp(z_j / T)}$$

At $T = 1$ this is the usual softmax; a larger $T$ flattens it, so the small probabilities of the wrong classes become visible.`,
        'zh-CN': `打开实验区下方的**训练好的网络：工具**，选**知识蒸馏**标签页，点**将当前网络用作教师**。教师的权重保存在本页面中（太大，放不进链接）；在你搭建另一个网络时，引擎会一直保留这位教师。

表格显示的是探针图像：它的**硬标签**（真实类别为 1，其余为 0），旁边是教师的概率，既有原始的，也有用温度 $T$ **软化**后的：

$$p_i = \\frac{\\exp(z_i / T)}{\\sum_j \\exp(z_j / T)}$$

$T = 1$ 时就是普通的 softmax；$T$ 越大分布越平坦，错误类别上那些很小的概率就显现出来了。`,
      },
      task: { en: 'Keep this network as the teacher.', 'zh-CN': '把当前网络留作教师。' },
      check: 'distillTeacher',
      showMe: [{ distill: 'teacher' }],
    },
    {
      target: 'tools',
      text: {
        en: `Now the student: **Switch to a small student**, a multilayer perceptron with 16 hidden units and no convolution. First train it **alone**, on the labels only, for the same three epochs, as the baseline.`,
        'zh-CN': `现在轮到学生：点**换成小型学生网络**，它是只有 16 个隐藏单元、没有卷积层的多层感知机。先让它只用标签**单独**训练同样的三轮，作为基线。`,
      },
      task: { en: 'Switch to the student and train it alone for 3 epochs.', 'zh-CN': '换成学生网络，单独训练 3 轮。' },
      check: 'distillTeacher and layer.Conv2D == 0 and not distilling and epoch >= 3',
      showMe: [{ change: { type: 'training', patch: { distillation: { enabled: false, temperature: 4, alpha: 0.5 } } } }, { distill: 'student' }, { run: 'play' }],
    },
    {
      target: 'pinned-runs',
      text: {
        en: `Pin this run, so the distilled student can be drawn over it.`,
        'zh-CN': `固定这次运行，好让蒸馏后的学生画在它上面作对比。`,
      },
      task: { en: 'Pin the run.', 'zh-CN': '固定本次运行。' },
      check: 'pinnedRuns >= 1',
      showMe: [{ pinned: 'pin' }],
    },
    {
      target: 'tools',
      text: {
        en: `Press **Same start** (the same initial weights and batches), then turn **Distillation on** and train three epochs again. Each step now minimises

$$\\alpha\\,\\mathrm{CE}(y, q) + (1-\\alpha)\\,T^2\\,\\mathrm{KL}(p_T \\,\\|\\, q_T)$$

where $q$ is the student's softmax, $p_T$ and $q_T$ the teacher's and the student's at temperature $T$. The $T^2$ keeps the soft term's gradients as large as at $T = 1$. The legend names the difference: *distillation: off → on (T=4, α=0.5)*.`,
        'zh-CN': `点**相同起点**（相同的初始权重和小批量顺序），然后**开启知识蒸馏**，再训练三轮。现在每一步最小化的是

$$\\alpha\\,\\mathrm{CE}(y, q) + (1-\\alpha)\\,T^2\\,\\mathrm{KL}(p_T \\,\\|\\, q_T)$$

其中 $q$ 是学生的 softmax 输出，$p_T$ 和 $q_T$ 分别是教师和学生在温度 $T$ 下的概率。乘上 $T^2$ 是为了让软目标项的梯度保持与 $T = 1$ 时同样的量级。图例会写出两次运行的差别：*知识蒸馏：关 → 开（T=4，α=0.5）*。`,
      },
      task: { en: 'Same start, distillation on, train 3 epochs.', 'zh-CN': '相同起点，开启知识蒸馏，训练 3 轮。' },
      // A new run, not the pinned one still on screen: its test loss differs once it has trained.
      check: 'distilling and pinnedRuns >= 1 and epoch >= 3 and testLoss != pinnedBestTestLoss',
      showMe: [{ pinned: 'sameStart' }, { change: { type: 'training', patch: { distillation: { enabled: true, temperature: 4, alpha: 0.5 } } } }, { run: 'play' }],
    },
    {
      target: 'tools',
      text: {
        en: `Compare the two curves and the test accuracies. Measured on this setup: teacher 80 %, student alone 63 %, distilled student 65 % — one more test image of 60 right. On MNIST with 500 training digits the gain was 1.6 points (82.4 % → 84.0 %). Distillation helps most when the student has little data and the teacher's mistakes are informative; it never makes a 16-unit network as good as the teacher.

Try **T = 1** (the teacher's own probabilities: almost the hard label again) and a large **T** such as 10 (nearly uniform), and **α = 1**, which ignores the teacher entirely.`,
        'zh-CN': `比较两条曲线和测试准确率。在这个设置上实测：教师 80%，单独训练的学生 63%，蒸馏后的学生 65%——60 张测试图像里多认对一张。在只有 500 个训练数字的 MNIST 上，提升为 1.6 个百分点（82.4% → 84.0%）。当学生的数据很少、教师犯的错又带有信息时，知识蒸馏的帮助最大；但它不可能让一个只有 16 个单元的网络和教师一样好。

试试 **T = 1**（教师自己的概率：几乎又回到硬标签）和很大的 **T**，比如 10（几乎是均匀分布），以及 **α = 1**——那就完全不看教师了。`,
      },
      task: { en: 'Raise the temperature to 8 or more and look at the teacher’s soft bars.', 'zh-CN': '把温度调到 8 或更高，看看教师的软标签条形图。' },
      check: 'distillTemperature >= 8',
      showMe: [{ change: { type: 'training', patch: { distillation: { enabled: true, temperature: 10, alpha: 0.5 } } } }],
    },
  ],
};
