import type { Lesson } from '../../format';
import { ONE_BLOCK } from './shared';

/**
 * The one-block Transformer on reverse (d_model 64, 8 digits), on WebGL and on the CPU.
 * Measured (Node, TF.js CPU backend with the app's fast kernels, seed 1, machine under load from other jobs):
 * batch 32: ~12 steps/s including evaluation (~380 examples/s); batch 256: ~2.3 steps/s (~600 examples/s),
 * so `step >= 20` at batch 256 takes ~9 s. WebGL cannot be measured in Node: the checks only ask that each
 * backend has run some steps, never that one is faster (headless Chromium's WebGL is SwiftShader, on the CPU).
 * macsPerStep (backendPolicy.ts): this network 8,880,128 (batch 32), 71,041,024 (batch 256); the default 2-D network 180.
 */
export const lesson: Lesson = {
  format: 1,
  id: 'hardware-backends',
  section: 'performance',
  order: 31,
  title: { en: 'Hardware: the same model on WebGL and on the CPU', 'zh-CN': '硬件：同一个模型在 WebGL 和 CPU 上' },
  summary: {
    en: 'Train one model on the GPU through WebGL and on the CPU, measure the steps per second, and see why tiny networks often run faster on the CPU.',
    'zh-CN': '让同一个模型分别通过 WebGL 在 GPU 上、以及在 CPU 上训练，测量每秒步数，看看为什么小网络往往在 CPU 上跑得更快。',
  },
  minutes: 8,
  steps: [
    {
      load: { from: { template: 'transformerEncoder' }, changes: ONE_BLOCK, seed: 1 },
      target: 'backend',
      text: {
        en: `Every layer you have trained is a list of *operations* on tensors: matrix products, additions, softmaxes. TensorFlow.js can run them on different **backends**:

- **WebGL**: each operation becomes a small graphics program (a shader) that the GPU runs on thousands of numbers in parallel;
- **CPU**: plain loops in JavaScript, one core.

The backend control shows what the engine runs on now. Switch it to **WebGL**, train the one-block Transformer from the attention lessons, and read the steps per second.`,
        'zh-CN': `你训练过的每一层，都是一串作用在张量上的*运算*：矩阵乘法、加法、softmax……TensorFlow.js 可以在不同的**后端**上执行它们：

- **WebGL**：每个运算变成一个小的图形程序（着色器），由 GPU 对成千上万个数并行计算；
- **CPU**：JavaScript 里的普通循环，只用一个核。

后端控件显示引擎现在运行在哪里。把它切换到 **WebGL**，训练注意力那几课里的单块 Transformer，读出每秒步数。`,
      },
      task: { en: 'Train on WebGL for 50 steps and note the steps per second.', 'zh-CN': '在 WebGL 上训练 50 步，记下每秒步数。' },
      check: "backend == 'webgl' and step >= 50",
      showMe: [{ backend: 'webgl' }, { run: 'play' }],
      hints: [
        {
          en: 'If your browser has no WebGL, the engine stays on the CPU and says so next to the backend control.',
          'zh-CN': '如果浏览器不支持 WebGL，引擎会留在 CPU 上，并在后端控件旁说明。',
        },
      ],
    },
    {
      target: 'speed',
      text: {
        en: `Now the same model, same seed, on the **CPU**. Compare the steps per second with what you noted.

On many machines the CPU wins on this model, although a GPU has hundreds of times more arithmetic units. In a browser without a GPU, WebGL is even emulated on the CPU (SwiftShader), and is then always slower.`,
        'zh-CN': `现在是同一个模型、同一个随机种子，换到 **CPU** 上。把每秒步数和你记下的数比一比。

在很多机器上，这个模型反而是 CPU 更快，尽管 GPU 的运算单元要多出几百倍。在没有 GPU 的浏览器里，WebGL 甚至是在 CPU 上模拟出来的（SwiftShader），那就总是更慢。`,
      },
      task: { en: 'Train on the CPU for 50 steps and compare the steps per second.', 'zh-CN': '在 CPU 上训练 50 步，比较每秒步数。' },
      check: "backend == 'cpu' and step >= 50",
      showMe: [{ backend: 'cpu' }, { run: 'play' }],
    },
    {
      target: 'backend',
      text: {
        en: `Why? Every operation costs a fixed overhead on top of its arithmetic. On WebGL that overhead is large: compile or look up a shader, bind textures, issue a draw call, and at the end read the numbers back to JavaScript. Roughly:

$$t_{\\text{step}} \\approx N_{\\text{ops}} \\cdot c_{\\text{op}} + \\frac{\\text{FLOPs}}{\\text{throughput}}$$

A training step of this Transformer runs a few hundred operations, each on at most some tens of thousands of numbers (a batch of 32 sequences × 8 positions × 64 dimensions is 16,384). The first term dominates, and it is far larger for WebGL than for the CPU. The GPU's throughput only pays off when each operation has enough work: big matrices, big images, big batches. That is why the app's **auto** setting picks the CPU for networks below about two million multiply-adds per step. The playground's first network (2-4-2-1) does 180 per step: no GPU can help it. This Transformer does about 9 million (forward, batch 32), so auto would send it to WebGL; whether that is right depends on your machine, which is exactly what you just measured. The threshold is a guess measured on a few machines, not a law.`,
        'zh-CN': `为什么？每个运算除了本身的计算，还有一笔固定开销。在 WebGL 上这笔开销很大：编译或查找着色器、绑定纹理、发出绘制调用，最后还要把结果读回 JavaScript。粗略地说：

$$t_{\\text{step}} \\approx N_{\\text{ops}} \\cdot c_{\\text{op}} + \\frac{\\text{FLOPs}}{\\text{throughput}}$$

这个 Transformer 训练一步要执行几百个运算，每个运算处理的数最多只有几万个（32 条序列 × 8 个位置 × 64 维 = 16384）。第一项占了大头，而 WebGL 的这一项远大于 CPU。只有当每个运算都有足够多的工作量时——大矩阵、大图像、大批量——GPU 的吞吐量才划得来。这就是为什么本应用的 **auto** 设置对每步不到约两百万次乘加的网络选择 CPU。游乐场里的第一个网络（2-4-2-1）每步只有 180 次乘加，任何 GPU 都帮不上忙。这个 Transformer 每步约九百万次（前向，批量 32），所以 auto 会把它交给 WebGL；这样做对不对取决于你的机器——这正是你刚才测量的。这个阈值是在少数几台机器上测出来的经验值，不是定律。`,
      },
    },
    {
      target: 'batch-size',
      text: {
        en: `You can see the same law on the CPU alone. Raise the **batch size** from 32 to 256: each operation now works on eight times more examples, while the number of operations stays the same. The steps per second fall, but not eightfold, so the *examples* per second ($\\text{steps/s} \\times \\text{batch}$) rise. In our run they went from about 380 to about 600 per second.

Larger batches are not free: fewer updates per epoch, and often a larger 学习率 is needed. On a real GPU, try the same on WebGL: there the gain from a larger batch is much bigger.`,
        'zh-CN': `只用 CPU 也能看到同样的规律。把**批量大小**从 32 调到 256：每个运算处理的样本变成原来的 8 倍，运算的个数却不变。每秒步数会下降，但降不到八分之一，所以每秒处理的*样本数*（$\\text{每秒步数} \\times \\text{批量大小}$）反而上升。在我们的测试中，它从每秒约 380 个增加到约 600 个。

大批量也有代价：每个迭代周期的更新次数变少，往往还需要更大的学习率。如果你有真正的 GPU，在 WebGL 上也试一试：在那里增大批量的收益要大得多。`,
      },
      task: { en: 'Set the batch size to 256 and train 20 steps on the CPU.', 'zh-CN': '把批量大小设为 256，在 CPU 上训练 20 步。' },
      check: "backend == 'cpu' and batchSize >= 256 and step >= 20",
      showMe: [{ backend: 'cpu' }, { change: { type: 'training', patch: { batchSize: 256 } } }, { run: 'play' }],
    },
  ],
};
