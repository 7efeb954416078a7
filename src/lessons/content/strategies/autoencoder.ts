import type { Lesson } from '../../format';

/**
 * Generation (issue 16): the learner's own autoencoder with a 2-D latent space, its test digits
 * scattered in the plane by class and any point of the plane decoded live (the tools panel's
 * Latent space tab, training/tools/latent.ts).
 *
 * Measured in Node (tests/unit/autoencoder.mnist.test.ts, GG_MEASURE=1, CPU backend, fast kernels):
 * the template "Autoencoder (2-D latent)" (784 → 256 → 64 → 2 → 64 → 256 → 784, 435,858 weights,
 * binary cross-entropy per pixel, Adam, batch 64, seed 1) on the first 2,000 MNIST digits (1,800
 * train / 200 test, 29 steps an epoch). Untrained: loss 0.693, latent separation 0.135 (the share
 * of test codes whose 5 nearest codes are mostly of their own class; about chance for 10 classes).
 * Adam 0.003 (the template's rate): after 87 steps (3 epochs) loss 0.229, separation 0.365; after
 * 145 steps 0.221 and 0.420. Adam 0.001: after 87 steps 0.247 and 0.230, after 145 steps 0.233 and
 * 0.255 — hence the template's 0.003. About 120–200 ms a step on a shared 2-core machine.
 */
export const lesson: Lesson = {
  format: 1,
  id: 'autoencoder-latent',
  section: 'strategies',
  order: 37,
  title: { en: 'Generation: the autoencoder’s latent space', 'zh-CN': '生成：自编码器的潜在空间' },
  summary: {
    en: 'Train your own autoencoder to squeeze each digit into two numbers, watch the test digits sort themselves by class in that plane, and drag anywhere in it to decode a digit of your own.',
    'zh-CN': '训练你自己的自编码器，把每个数字压缩成两个数；看测试图像在这个平面上按类别自行归拢；在平面上任意拖动，解码出属于你的数字。',
  },
  minutes: 12,
  steps: [
    {
      load: { from: { template: 'autoencoder2d' }, changes: [{ type: 'dataset', patch: { numPoints: 2000 } }], seed: 1 },
      tab: 'graph',
      target: 'metrics',
      text: {
        en: `An **autoencoder** learns to copy its input — through a bottleneck. The **encoder** $f$ (784 → 256 → 64 → 2) squeezes a 28×28 digit into just two numbers $z = (z_1, z_2)$, the **latent code**; the **decoder** $g$ (2 → 64 → 256 → 784) grows them back into an image. It is trained to make $g(f(x))$ look like $x$ itself, with binary cross-entropy on every pixel:

$$\\hat x = g(f(x)), \\qquad L = -\\frac{1}{784}\\sum_{i=1}^{784} \\ell_i$$

$$\\ell_i = x_i \\log \\hat x_i + (1 - x_i) \\log (1 - \\hat x_i)$$

No labels anywhere: the target of each image is the image. That is why the lab shows a reconstruction beside the probe image instead of class probabilities. The network is yours: the graph editor shows every layer, and you can change widths, depth and activations.

Train it for 3 epochs on 1,800 digits (the stop rule ends the run there). Measured in Node with the same seed, the loss falls from 0.693 to about 0.23.`,
        'zh-CN': `**自编码器**学习复制它的输入——但要经过一个瓶颈。**编码器** $f$（784 → 256 → 64 → 2）把一张 28×28 的数字图像压缩成仅仅两个数 $z = (z_1, z_2)$，即**潜在编码**；**解码器** $g$（2 → 64 → 256 → 784）再把它们还原成图像。训练的目标是让 $g(f(x))$ 看起来就像 $x$ 本身，损失是每个像素上的二元交叉熵：

$$\\hat x = g(f(x)), \\qquad L = -\\frac{1}{784}\\sum_{i=1}^{784} \\ell_i$$

$$\\ell_i = x_i \\log \\hat x_i + (1 - x_i) \\log (1 - \\hat x_i)$$

全程没有标签：每张图像的目标就是它自己。所以实验室在探针图像旁边显示的是重构结果，而不是类别概率。这个网络是你的：图编辑器里能看到每一层，宽度、深度和激活函数都可以改。

在 1,800 张数字上训练 3 轮（停止规则会在那里结束训练）。用同一个随机种子在 Node 中实测，损失从 0.693 降到约 0.23。`,
      },
      task: { en: 'Train the autoencoder 3 epochs, to a test loss under 0.26.', 'zh-CN': '训练自编码器 3 轮，使测试损失低于 0.26。' },
      check: 'autoencoder and epoch >= 3 and testLoss < 0.26',
      showMe: [{ change: { type: 'stopRule', patch: { epochs: 3 } } }, { run: 'play' }],
    },
    {
      target: 'tools',
      text: {
        en: `Open **Tools for the trained network** under the lab and choose **Latent space**. Each dot is a test digit placed at its code $(z_1, z_2)$ and coloured by its label — a label the network never saw.

Digits of one class gather in their own region of the plane: to rebuild a digit from two numbers, the encoder must give similar codes to digits that look alike, and digits that look alike are mostly of the same class. The caption measures it: the share of digits whose 5 nearest codes are mostly of their own class. With untrained weights it was 0.135, about chance for 10 classes; after these 3 epochs it measured 0.365 in Node, and it keeps rising as you train on (0.42 after 5 epochs). Tick *again at the end of each epoch* and watch the clusters pull apart as training goes on.`,
        'zh-CN': `打开实验室下方的“训练好的网络：工具”，选择“潜在空间”。每个点是一张测试图像，位于它的编码 $(z_1, z_2)$ 处，按它的标签着色——而网络从未见过这些标签。

同一类的数字聚集在平面上各自的区域：要用两个数重建一个数字，编码器必须给长得相像的数字相近的编码，而长得相像的数字大多属于同一类。图下的说明把这一点量了出来：5 个最近邻编码中多数与自己同类的图像所占的比例。未训练时它是 0.135，约等于 10 个类别下的随机水平；训练 3 轮后在 Node 中实测为 0.365，继续训练还会上升（5 轮后为 0.42）。勾选“每轮结束时重新编码”，看着这些簇随训练逐渐分开。`,
      },
      task: { en: 'Encode the test digits: a class separation of 0.3 or more.', 'zh-CN': '编码测试图像：类别分离度达到 0.3 以上。' },
      check: 'latentSeparation >= 0.3',
      showMe: [{ tool: { tool: 'latent', examples: 1000, grid: 8 }, afterEpoch: 3 }],
    },
    {
      target: 'tools',
      text: {
        en: `Now generate. Click or drag anywhere in the plane (or move the point with the arrow keys): the decoder alone turns that point into a digit, live. Inside a cluster you get a clean member of its class; between two clusters, a blend of both; far outside every cluster, shapes no one wrote. The 8 × 8 grid beside the plane decodes 64 points spread over it at once.

The holes tell you something: nothing in this loss asks the codes to fill the plane evenly, so some regions decode to nonsense. A **variational autoencoder** (VAE) adds a second term, the KL divergence from each code's distribution to a standard normal one, so that every point near the origin decodes to a plausible digit. Two things to try on your own network: give the bottleneck 3 units (better reconstructions, but no plane to draw — the tab says why), or train on and watch the clusters sharpen.`,
        'zh-CN': `现在来生成。在平面上任意位置单击或拖动（也可以用方向键移动该点）：仅凭解码器就能把这个点实时变成一个数字。在某个簇内部，你会得到该类别的一个清晰样本；在两个簇之间，得到两者的混合；远离所有簇的地方，则是没人写过的形状。平面旁边的 8 × 8 网格一次解码了均匀分布在平面上的 64 个点。

那些空洞说明了一件事：这个损失并不要求编码均匀地铺满平面，所以有些区域解码出来毫无意义。**变分自编码器**（VAE）加了第二项，即每个编码的分布与标准正态分布之间的 KL 散度，使原点附近的每个点都能解码成一个像样的数字。在你自己的网络上还可以试两件事：把瓶颈层改成 3 个单元（重构更好，但没有平面可画——标签页会说明原因），或者继续训练，看这些簇变得更清晰。`,
      },
      task: { en: 'Decode a point of the plane.', 'zh-CN': '解码平面上的一个点。' },
      check: 'latentDecoded',
      showMe: [{ tool: { tool: 'decode', points: [0, 0] } }],
    },
  ],
};
