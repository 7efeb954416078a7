import type { Lesson } from '../../format';

/**
 * Generation (issue 16): from the plain autoencoder's gappy plane to a variational autoencoder's
 * filled one. The learner's own VAE (template "Variational autoencoder (2-D latent)": the encoder
 * of lesson 37 ending in two Dense(2) heads, μ and log σ², into a Sampling node with β = 1), its
 * codes gathered around the origin, digits decoded from the prior, and β's trade-off.
 *
 * Measured in Node (tests/unit/vae.mnist.test.ts, GG_MEASURE=1, CPU backend, fast kernels; the
 * latent tool on the test digits; reconstruction = binary cross-entropy per pixel with z = μ).
 *
 * The lesson's setting (GG_VAE_SEED=1 GG_VAE_POINTS=1000 GG_VAE_STEPS=45: 900 train / 100 test
 * digits, Adam 0.003, batch 64, 3 epochs of 15 steps):
 * - plain autoencoder: reconstruction 0.253, codes' mean (−2.11, 12.44), deviation (2.59, 4.30);
 * - VAE β = 0: 0.249, KL 80.0 nats, mean (−2.86, 10.85), deviation (1.55, 5.08);
 * - VAE β = 1: 0.244, KL 3.89 nats, mean (−0.55, 1.39), deviation (1.19, 0.79);
 * - VAE β = 10: 0.256, KL 0.37 nats, mean (0.03, 0.02), deviation (0.43, 0.32).
 *
 * The plain autoencoder's budget (10,000 digits: 9,000 train / 1,000 test, 600 steps; ~90–110 ms a
 * step on a shared 2-core machine):
 * - plain autoencoder: reconstruction 0.193, separation 0.622, mean (−3.07, 5.20), deviation
 *   (7.32, 6.98); share of the 10 × 10 cells of [−2, 2]² holding a code 0.72;
 * - VAE β = 0: 0.192, KL 113.3 nats, separation 0.605, mean (−4.94, 4.25), deviation (8.89, 8.99), 0.82;
 * - VAE β = 1: 0.202, KL 5.22 nats, separation 0.541, mean (−0.05, 0.01), deviation (1.39, 1.24), 0.87;
 * - VAE β = 10: 0.236, KL 0.82 nats, separation 0.296, mean (0.01, −0.06), deviation (0.05, 0.89),
 *   0.19 (z₁ collapsed onto the prior: it carries nothing).
 */
export const lesson: Lesson = {
  format: 1,
  id: 'variational-autoencoder',
  section: 'strategies',
  order: 39,
  title: { en: 'Generation: the variational autoencoder', 'zh-CN': '生成：变分自编码器' },
  summary: {
    en: 'Turn the autoencoder into a variational one: the encoder outputs a Gaussian, a Sampling layer draws the code with the reparameterisation trick, and a KL term pulls the codes towards the prior — so the plane fills and random codes decode to digits. Then change β and see what it trades.',
    'zh-CN':
      '把自编码器变成变分自编码器：编码器输出一个高斯分布，采样层用重参数化技巧抽取编码，KL 项把编码拉向先验——于是平面被填满，随机编码也能解码成数字。然后调整 β，看它在什么之间权衡。',
  },
  minutes: 14,
  steps: [
    {
      load: { from: { template: 'vae2d' }, changes: [{ type: 'dataset', patch: { numPoints: 1000 } }], seed: 1 },
      tab: 'graph',
      target: 'metrics',
      text: {
        en: `In lesson 37 the autoencoder's codes landed wherever the encoder liked: measured in Node after 3 epochs here, their mean was (−2.1, 12.4) — far from the origin — and between the clusters lay regions that decode to nothing. To **generate**, we want a plane we can sample from blindly.

A **variational autoencoder** (VAE) makes the code a **latent variable** with a **prior** $p(z) = \\mathcal N(0, I)$. The encoder no longer outputs one point but a Gaussian **posterior** $q(z \\mid x) = \\mathcal N(\\mu, \\sigma^2)$: in the graph editor, the two Dense(2) heads \`mean\` and \`logVar\` give $\\mu$ and $\\log \\sigma^2$. The **Sampling** node draws the code with the **reparameterisation trick**

$$z = \\mu + \\sigma \\odot \\varepsilon, \\qquad \\varepsilon \\sim \\mathcal N(0, I)$$

so the randomness sits in $\\varepsilon$ and gradients flow through $\\mu$ and $\\sigma$. Training maximises the **evidence lower bound** (ELBO): reconstruction minus the **KL divergence** from the posterior to the prior,

$$\\mathrm{KL} = -\\tfrac12 \\sum_{j} \\left(1 + \\log \\sigma_j^2 - \\mu_j^2 - \\sigma_j^2\\right).$$

Here the loss is the binary cross-entropy per pixel plus $\\beta \\cdot \\mathrm{KL} / 784$, so $\\beta = 1$ (the Sampling node's parameter) is exactly the ELBO per pixel. While testing, $z = \\mu$: the test loss is the reconstruction term alone.

Train 3 epochs on 900 digits (the stop rule ends the run there). Measured in Node with this seed, the test loss reaches about 0.244.`,
        'zh-CN': `在第 37 课中，自编码器的编码落在编码器喜欢的任何地方：这里训练 3 轮后在 Node 中实测，编码的均值是 (−2.1, 12.4)——离原点很远——而簇与簇之间还有解码不出任何东西的区域。要**生成**，我们需要一个可以闭着眼睛从中采样的平面。

**变分自编码器**（VAE）把编码看作一个**潜在变量**，并给它一个**先验** $p(z) = \\mathcal N(0, I)$。编码器不再输出一个点，而是输出一个高斯**后验** $q(z \\mid x) = \\mathcal N(\\mu, \\sigma^2)$：在图编辑器中，两个 Dense(2) 分支 \`mean\` 和 \`logVar\` 分别给出 $\\mu$ 和 $\\log \\sigma^2$。**采样**节点用**重参数化技巧**抽取编码

$$z = \\mu + \\sigma \\odot \\varepsilon, \\qquad \\varepsilon \\sim \\mathcal N(0, I)$$

这样随机性都在 $\\varepsilon$ 里，梯度可以流过 $\\mu$ 和 $\\sigma$。训练最大化**证据下界**（ELBO）：重构项减去后验到先验的 **KL 散度**，

$$\\mathrm{KL} = -\\tfrac12 \\sum_{j} \\left(1 + \\log \\sigma_j^2 - \\mu_j^2 - \\sigma_j^2\\right).$$

这里的损失是每个像素上的二元交叉熵加上 $\\beta \\cdot \\mathrm{KL} / 784$，所以 $\\beta = 1$（采样节点的参数）正好是按像素平均的证据下界。测试时 $z = \\mu$：测试损失只含重构项。

在 900 张数字上训练 3 轮（停止规则会在那里结束训练）。用这个随机种子在 Node 中实测，测试损失约为 0.244。`,
      },
      task: { en: 'Train the VAE (β = 1) 3 epochs, to a test loss under 0.28.', 'zh-CN': '训练 VAE（β = 1）3 轮，使测试损失低于 0.28。' },
      check: 'autoencoder and vaeBeta == 1 and epoch >= 3 and testLoss < 0.28',
      showMe: [{ change: { type: 'stopRule', patch: { epochs: 3 } } }, { run: 'play' }],
    },
    {
      target: 'tools',
      text: {
        en: `Open **Tools for the trained network** → **Latent space**. The bottleneck is now the Sampling node: the plane shows each test digit at its mean $\\mu$, and it always spans at least $-3 \\ldots 3$, the prior's $\\pm 3\\sigma$.

The codes gather around the origin. The tab measures it against the prior: the codes' mean and standard deviation along $z_1$ and $z_2$ (the prior has 0 and 1), and the KL term per image. Measured in Node after these 3 epochs: mean (−0.55, 1.39), deviation (1.19, 0.79), KL 3.9 nats — against the plain autoencoder's mean (−2.1, 12.4) and deviation (2.6, 4.3). With a longer budget (9,000 digits, 600 steps) the VAE's codes settle at mean (−0.05, 0.01) and deviation (1.39, 1.24), while the plain autoencoder's spread to (7.3, 7.0).

The 8 × 8 grid now decodes the prior's square $-3 \\ldots 3$ itself: it is the plane a generator samples from.`,
        'zh-CN': `打开“训练好的网络：工具”→“潜在空间”。现在瓶颈是采样节点：平面把每张测试图像画在它的均值 $\\mu$ 处，并且至少覆盖 $-3 \\ldots 3$，即先验的 $\\pm 3\\sigma$。

编码聚集在原点周围。标签页拿它与先验作比较：编码沿 $z_1$ 和 $z_2$ 的均值和标准差（先验分别是 0 和 1），以及每张图像的 KL 项。训练 3 轮后在 Node 中实测：均值 (−0.55, 1.39)，标准差 (1.19, 0.79)，KL 为 3.9 奈特——而普通自编码器的均值是 (−2.1, 12.4)，标准差是 (2.6, 4.3)。训练得更久（9,000 张数字，600 步）时，VAE 的编码稳定在均值 (−0.05, 0.01)、标准差 (1.39, 1.24)，而普通自编码器的编码散开到 (7.3, 7.0)。

8 × 8 网格现在解码的正是先验的 $-3 \\ldots 3$ 正方形：生成器就是从这个平面里采样。`,
      },
      task: { en: 'Encode the test digits: a KL term above 0 and codes spread no wider than 2 on either axis.', 'zh-CN': '编码测试图像：KL 项大于 0，且编码在两个轴上的标准差都不超过 2。' },
      check: 'latentKl > 0 and latentStd < 2',
      showMe: [{ tool: { tool: 'latent', examples: 1000, grid: 8 }, afterEpoch: 3 }],
    },
    {
      target: 'tools',
      text: {
        en: `Now generate without any input at all: press **Sample from the prior**. The tab draws eight codes $z \\sim \\mathcal N(0, I)$ and the decoder alone turns each into an image. Press again for eight more (each press is seeded from the experiment's seed, so a shared link draws the same ones).

After only 3 epochs the digits are blurry, but they are digit-shaped almost everywhere: the KL term left few holes where the prior puts its mass. Click around the plane as in lesson 37 and compare with the plain autoencoder's empty regions.`,
        'zh-CN': `现在完全不需要输入也能生成：按下“从先验中采样”。标签页抽取 8 个编码 $z \\sim \\mathcal N(0, I)$，仅凭解码器就把每个编码变成一张图像。再按一次就会得到另外 8 个（每次按下都由实验的随机种子决定，因此分享的链接会抽到同样的编码）。

只训练了 3 轮，这些数字还很模糊，但几乎处处都像数字：在先验集中的地方，KL 项几乎没有留下空洞。像第 37 课那样在平面上到处点一点，和普通自编码器那些空白区域比较一下。`,
      },
      task: { en: 'Decode codes sampled from the prior.', 'zh-CN': '解码从先验中采样的编码。' },
      check: 'latentPriorSampled',
      showMe: [{ tool: { tool: 'priorSample', count: 8, seed: 1 } }],
    },
    {
      tab: 'graph',
      target: 'tools',
      text: {
        en: `**β** weighs the two terms. Select the Sampling node \`z\` in the graph editor and set β to 10 on its slider, then train 3 epochs again (changing β rebuilds the network, so it starts afresh).

- $\\beta = 0$: no KL term — a plain autoencoder with noise. In Node: KL 80 nats, codes at mean (−2.9, 10.9).
- $\\beta = 1$: the ELBO. KL 3.9 nats, reconstruction 0.244.
- $\\beta = 10$: every code is pulled onto the prior. KL 0.37 nats, mean (0.03, 0.02), but reconstruction 0.256 and the classes blur together.

With the longer budget the trade-off is plain: reconstruction 0.192, 0.202 and 0.236 for β = 0, 1 and 10; at β = 10 the axis $z_1$ collapsed to the prior (deviation 0.05): it carries no information at all. A larger β buys a regular plane with worse reconstructions — the idea behind β-VAE.`,
        'zh-CN': `**β** 权衡这两项。在图编辑器中选中采样节点 \`z\`，用它的滑块把 β 设为 10，然后再训练 3 轮（改变 β 会重新构建网络，所以训练从头开始）。

- $\\beta = 0$：没有 KL 项——相当于加了噪声的普通自编码器。Node 中实测：KL 为 80 奈特，编码均值在 (−2.9, 10.9)。
- $\\beta = 1$：证据下界。KL 为 3.9 奈特，重构损失 0.244。
- $\\beta = 10$：每个编码都被拉到先验上。KL 为 0.37 奈特，均值 (0.03, 0.02)，但重构损失升到 0.256，各类别也混在了一起。

训练更久时这种权衡更明显：β = 0、1、10 时重构损失分别为 0.192、0.202、0.236；β = 10 时 $z_1$ 这个轴塌缩到了先验（标准差 0.05）：它不再携带任何信息。更大的 β 换来更规整的平面，代价是更差的重构——这正是 β-VAE 的想法。`,
      },
      task: {
        en: 'Set β to 5 or more, train 3 epochs and encode again: a KL term under 1 nat.',
        'zh-CN': '把 β 设为 5 或更大，训练 3 轮后重新编码：KL 项低于 1 奈特。',
      },
      check: 'vaeBeta >= 5 and epoch >= 3 and latentKl < 1',
      showMe: [
        { change: { type: 'graph', change: { type: 'setParams', id: 'z', patch: { beta: 10 } } } },
        { change: { type: 'stopRule', patch: { epochs: 3 } } },
        { run: 'play' },
        { tool: { tool: 'latent', examples: 1000, grid: 8 }, afterEpoch: 3 },
      ],
    },
  ],
};
