import type { Lesson, LessonAction, LessonLoad } from '../../format';

/**
 * Pruning and quantization (issue 16; training/tools/compress.ts, the Compress tab of the tools
 * panel). LeNet-5 on 1,000 generated shapes (900 to train, 100 to test), 3 epochs, seed 1.
 * Measured in Node (tests/unit/lessons.compress.test.ts, ModelRuntime on the CPU, 85 steps): test
 * accuracy 0.81; int8 0.81 (drop 0.00) at 25.7 % of the bytes; 80 % global pruning + 20 fine-tune
 * steps 0.78 (drop 0.03) at 23.4 %, 80.0 % of the kernel weights zero.
 * LeNet-5 on MNIST (10,000 digits, 3 epochs; tests/unit/compressMnist.test.ts with
 * GG_COMPRESS_FULL=1): test accuracy 0.970 on 1,000 digits; int8 0.970 (drop 0.000) at 25.7 % of
 * the 246,824 bytes; float16 0.970 at 50 %; 80 % global pruning + 100 fine-tune steps 0.967
 * (drop 0.003) at 23.4 %.
 */
const load: LessonLoad = {
  from: { template: 'lenet5' },
  changes: [{ type: 'dataset', patch: { kind: 'shapes', numPoints: 1000 } }],
  seed: 1,
};

/** Train to the end of epoch 3 (a stop rule, so the checks see a settled network). */
const train: LessonAction[] = [{ change: { type: 'stopRule', patch: { epochs: 3 } } }, { run: 'play' }];

export const lesson: Lesson = {
  format: 1,
  id: 'pruning-quantization',
  section: 'strategies',
  order: 35,
  title: { en: 'Pruning and quantization', 'zh-CN': '剪枝与量化' },
  summary: {
    en: 'Make your trained CNN four times smaller with int8 weights, or zero 80 % of its weights, and measure what it costs.',
    'zh-CN': '用 int8 权重把训练好的卷积网络缩小到四分之一，或把 80% 的权重置零，并测量代价。',
  },
  minutes: 12,
  steps: [
    {
      load,
      target: 'metrics',
      text: {
        en: `A trained network is mostly its weights: LeNet-5 has 61,706 of them, stored as 32-bit floats, **246,824 bytes**. On a phone or a microcontroller that is memory, download time and energy. Do we need all 32 bits of every weight, or every weight at all?

First, a network to compress: LeNet-5 on generated shapes (circle, square, triangle, line). Train it for 3 epochs.`,
        'zh-CN': `训练好的网络主要就是它的权重：LeNet-5 有 61,706 个权重，每个存成 32 位浮点数，共 **246,824 字节**。在手机或单片机上，这意味着内存、下载时间和电量。每个权重真的需要 32 位吗？每个权重都真的需要吗？

先要有一个待压缩的网络：在生成的形状图像（圆、正方形、三角形、线段）上训练 LeNet-5，训练 3 轮。`,
      },
      task: { en: 'Train 3 epochs: the test accuracy reaches 70 %.', 'zh-CN': '训练 3 轮：测试准确率达到 70%。' },
      check: 'epoch >= 3 and testAcc >= 0.7',
      showMe: train,
    },
    {
      target: 'tools',
      text: {
        en: `**Quantization** stores each weight in fewer bits. With **int8**, each output channel $c$ of a kernel gets one scale

$$s_c = \\frac{\\max_i |w_{ic}|}{127}, \\qquad q_{ic} = \\operatorname{round}\\!\\left(\\frac{w_{ic}}{s_c}\\right) \\in \\{-127, \\dots, 127\\},$$

and the network computes with $q_{ic} \\, s_c$. Every weight moves by at most half a step, $s_c/2$. One byte a weight instead of four, plus a 4-byte scale per channel (biases stay float32): about **26 %** of the size.

Open **Tools for the trained network** under the lab, choose **Compress**, keep **int8** and press **Compress**. Compare the test accuracy of the two rows, and look at the histogram: the weights now stand on the channel's levels $k \\, s_c$.`,
        'zh-CN': `**量化**用更少的位数存储每个权重。**int8** 量化中，卷积核（或权重矩阵）的每个输出通道 $c$ 有一个缩放因子

$$s_c = \\frac{\\max_i |w_{ic}|}{127}, \\qquad q_{ic} = \\operatorname{round}\\!\\left(\\frac{w_{ic}}{s_c}\\right) \\in \\{-127, \\dots, 127\\},$$

网络用 $q_{ic} \\, s_c$ 计算。每个权重最多偏移半个步长 $s_c/2$。每个权重 1 字节而不是 4 字节，每个通道另加一个 4 字节的缩放因子（偏置仍是 float32）：大小约为原来的 **26%**。

打开实验区下方的**训练好的网络：工具**，选择**模型压缩**，方法保持 **int8**，点击**压缩**。比较两行的测试准确率，再看直方图：权重现在都落在该通道的量化级别 $k \\, s_c$ 上。`,
      },
      task: {
        en: 'Quantize to int8: at most 27 % of the bytes, test accuracy at most 2 points lower.',
        'zh-CN': '量化为 int8：大小不超过原来的 27%，测试准确率最多下降 2 个百分点。',
      },
      check: "compressMethod == 'int8' and compressSizeRatio <= 0.27 and compressAccuracyDrop <= 0.02",
      hints: [
        {
          en: 'The tab measures on the whole test split; the numbers beside the chart use a sample, so they may differ a little.',
          'zh-CN': '这个标签页在整个测试集上测量；图表旁的数字只用了一部分样本，所以可能略有不同。',
        },
      ],
      showMe: [{ tool: { tool: 'compress', action: 'apply', method: 'int8' }, afterEpoch: 3 }],
    },
    {
      target: 'tools',
      text: {
        en: `**Pruning** removes weights instead: set the $k = \\operatorname{round}(0.8\\,n)$ weights with the smallest $|w|$ to zero — here over all layers together (**global**), so a layer with many small weights (the large fully connected one) loses more than 80 % and the first convolution far less. Biases and normalization parameters are kept.

Zeroing 80 % of the weights at once hurts; a few training steps with the zeros held (the masks are re-applied after every update) let the remaining weights make up for it. A pruned layer is stored as a bitmask of the kept weights plus their values.

Choose **Magnitude pruning**, 80 %, all layers together, 20 fine-tune steps, and press **Compress**. The table per layer shows where the zeros went.`,
        'zh-CN': `**剪枝**则是去掉权重：把绝对值 $|w|$ 最小的 $k = \\operatorname{round}(0.8\\,n)$ 个权重置零——这里所有层一起比较（**全局**），所以小权重多的层（大的全连接层）会被剪掉超过 80%，第一个卷积层则少得多。偏置和规范化参数保留不动。

一下子把 80% 的权重置零会损害精度；再用几步训练（每次更新后重新施加掩码，让零保持为零），剩下的权重就能弥补回来。剪枝后的层存成“保留位置”的位图加上保留下来的值。

选择**按幅值剪枝**，80%，所有层一起，微调 20 步，点击**压缩**。各层的表格显示零都落在了哪里。`,
      },
      task: {
        en: 'Prune 80 % of the weights (global) with a fine-tune: test accuracy at most 10 points lower.',
        'zh-CN': '全局剪掉 80% 的权重并微调：测试准确率最多下降 10 个百分点。',
      },
      check: "compressMethod == 'prune' and compressSparsity >= 0.79 and compressAccuracyDrop <= 0.1",
      showMe: [{ tool: { tool: 'compress', action: 'apply', method: 'prune', sparsity: 0.8, scope: 'global', fineTuneSteps: 20 }, afterEpoch: 3 }],
    },
    {
      target: 'tools',
      text: {
        en: `Every method starts from your original weights, and **Restore original weights** puts them back. **Download compressed model** saves exactly the bytes the table counts (a \`.ggc\` file); **Open a compressed model** loads it into the network again.

One honest caveat: the *time* column barely moves. The app still computes in float32 — TF.js has no int8 kernels, and a pruned layer is multiplied as a dense one — so here the gain is size. Real speed-ups need hardware and kernels for int8 arithmetic or for sparse (or structured, whole-channel) pruning.

Try **float16** too: half the bytes, and on this network no change in accuracy at all.`,
        'zh-CN': `每种方法都从原始权重出发，**恢复原始权重**会把它们放回去。**下载压缩后的模型**保存的正是表格统计的那些字节（一个 \`.ggc\` 文件）；**打开压缩模型**可以把它重新载入网络。

需要如实说明一点：*时间*这一列几乎不变。应用内部仍用 float32 计算——TF.js 没有 int8 算子，剪枝后的层也按稠密矩阵相乘——所以这里省下的是存储空间。真正的加速需要支持 int8 运算或稀疏（或结构化的整通道）剪枝的硬件和算子。

也试试 **float16**：大小减半，在这个网络上准确率完全不变。`,
      },
    },
  ],
};
