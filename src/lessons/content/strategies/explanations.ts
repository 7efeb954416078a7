import type { Lesson } from '../../format';

/**
 * Explanations (issue 16): attribution maps of the learner's own CNN for the learner's own digit,
 * through the tools panel's Explanations tab (training/tools/explain.ts).
 *
 * Measured in Node (tests/unit/explain.test.ts and a one-off run, CPU backend, fast kernels): the
 * image lab's default CNN (conv 8 → pool → conv 16 → pool → softmax) on MNIST, 3,000 digits half
 * for training, seed 1, 200 steps (≈ 4 epochs): test accuracy 0.92; the first test 3 is called a 3
 * with p = 0.967. Share of each map's |values| on the ink (non-black pixels): saliency 26 %,
 * SmoothGrad 29–31 %, Integrated Gradients 100 % (completeness gap 0.067 %; 0.001–0.014 % on
 * LeNet-5), occlusion (4 px, stride 2) 64–72 %. Grad-CAM (channel-mean weights) is zero everywhere
 * on pool2 and conv2 for 6 of 6 test images; per position (HiResCAM) on conv2 it is 40–57 % on the ink.
 * Times (LeNet-5, median): saliency 20 ms, SmoothGrad (24 copies) 184 ms, IG (64 steps) 454 ms,
 * Grad-CAM 53 ms, occlusion 531 ms.
 */
export const lesson: Lesson = {
  format: 1,
  id: 'explanations',
  section: 'strategies',
  order: 36,
  title: { en: 'Explanations: saliency on your own digit', 'zh-CN': '可解释性：你自己写的数字的显著图' },
  summary: {
    en: 'Ask your trained CNN which pixels of your own handwritten digit made its decision: gradients, Integrated Gradients, Grad-CAM and occlusion, each measured on screen.',
    'zh-CN': '问问你训练好的卷积神经网络：你手写的数字里，是哪些像素决定了它的判断？梯度、积分梯度、Grad-CAM 和遮挡敏感度，每种都在屏幕上量出来。',
  },
  minutes: 15,
  steps: [
    {
      load: { from: 'default', changes: [{ type: 'dataset', patch: { kind: 'mnist', numPoints: 3000, trainRatio: 0.5 } }], seed: 1 },
      tab: 'playground',
      target: 'metrics',
      text: {
        en: `An explanation needs a network worth explaining. This is the image lab's small CNN — two convolution layers of 8 and 16 kernels, each followed by max pooling, and one softmax layer — on 1,500 MNIST digits.

Train it for five epochs (the stop rule ends the run there). Measured in Node with the same seed, it reaches about 92 % test accuracy.`,
        'zh-CN': `要解释，先得有一个值得解释的网络。这是图像实验室的小型卷积神经网络——两个分别有 8 个和 16 个卷积核的卷积层，各接一个最大汇聚层，最后是 softmax 层——在 1,500 张 MNIST 数字上训练。

训练 5 轮（停止规则会在那里结束训练）。用同一个随机种子在 Node 中实测，测试准确率约为 92%。`,
      },
      task: { en: 'Train 5 epochs, to 85 % test accuracy or more.', 'zh-CN': '训练 5 轮，测试准确率达到 85% 以上。' },
      check: "dataset == 'mnist' and epoch >= 5 and testAcc >= 0.85",
      showMe: [{ change: { type: 'stopRule', patch: { epochs: 5 } } }, { run: 'play' }],
    },
    {
      target: 'draw',
      text: {
        en: `Now the image to explain: your own. Draw a digit on the drawing pad — large, centred, thick, as MNIST's digits are. The probabilities under the pad say what the network thinks it is.`,
        'zh-CN': `现在准备要解释的图像：你自己写的。在手写板上写一个数字——写大、写在中间、笔画粗一些，就像 MNIST 的数字那样。手写板下方的概率显示网络认为它是几。`,
      },
      task: { en: 'Draw a digit.', 'zh-CN': '写一个数字。' },
      check: 'drawn',
      showMe: [{ draw: 3 }],
    },
    {
      target: 'tools',
      text: {
        en: `Open **Tools for the trained network** under the lab and choose **Explanations**. The first method is the **saliency map** (Simonyan et al., 2014): the gradient of the class score with respect to every pixel,

$$S_i = \\frac{\\partial z_c}{\\partial x_i}$$

where $z_c$ is the *logit* of class $c$ — the score before softmax. Not the probability: near $p_c = 1$ softmax flattens out and its gradient vanishes, so a confident network would show an empty map.

One backward pass, the same one training uses — only the derivative is taken with respect to the input instead of the weights. Blue pixels would raise the score if brighter, orange ones would lower it. Notice how much of the map lies *off* your strokes (measured: only about a quarter of it is on the ink): the gradient also says where ink would hurt, such as in the gap that tells a 3 from an 8.`,
        'zh-CN': `打开实验室下方的“训练好的网络：工具”，选择“可解释性”。第一种方法是**显著图**（Simonyan 等，2014）：类别得分对每个像素的梯度

$$S_i = \\frac{\\partial z_c}{\\partial x_i}$$

其中 $z_c$ 是类别 $c$ 的 *logit*——softmax 之前的得分。不用概率：在 $p_c = 1$ 附近 softmax 变得很平，梯度几乎为零，一个很有把握的网络就只会给出一张空白的图。

这只需一次反向传播，和训练用的是同一套计算——只是对输入而不是对权重求导。蓝色像素变亮会提高得分，橙色像素变亮会降低得分。注意图中有多少落在笔画*之外*（实测只有约四分之一在笔迹上）：梯度也告诉你哪里出现墨迹会坏事，比如区分 3 和 8 的那个缺口。`,
      },
      task: { en: 'Make a saliency map of your drawing.', 'zh-CN': '为你的手写图生成显著图。' },
      check: "explainMethod == 'saliency' and explainOnDrawing",
      showMe: [{ tool: { tool: 'explain', method: 'saliency' } }],
    },
    {
      target: 'tools',
      text: {
        en: `A gradient is local: it says what a tiny change would do, not how much each pixel contributed. **Integrated Gradients** (Sundararajan et al., 2017) walks from a baseline $x'$ — a black image — to your drawing and averages the gradient along the way:

$$\\mathrm{IG}_i = (x_i - x'_i)\\, \\frac{1}{m}\\sum_{k=1}^{m} \\frac{\\partial z_c}{\\partial x_i}\\Big(x' + \\tfrac{k - 1/2}{m}(x - x')\\Big)$$

Its promise is **completeness**: the attributions add up to $z_c(x) - z_c(x')$. The caption checks it for you: with $m = 64$ steps the gap was under 0.1 % in every image measured.

And look where the map lies: *entirely* on the ink. A pixel that is black in your drawing is black in the baseline too, so $x_i - x'_i = 0$ and it gets nothing. The baseline is a choice, and it decides what the explanation can say.`,
        'zh-CN': `梯度是局部的：它说的是微小变化会带来什么，而不是每个像素贡献了多少。**积分梯度**（Sundararajan 等，2017）从一个基准图像 $x'$——全黑图像——走到你的手写图，沿途对梯度取平均：

$$\\mathrm{IG}_i = (x_i - x'_i)\\, \\frac{1}{m}\\sum_{k=1}^{m} \\frac{\\partial z_c}{\\partial x_i}\\Big(x' + \\tfrac{k - 1/2}{m}(x - x')\\Big)$$

它保证**完备性**：所有归因加起来等于 $z_c(x) - z_c(x')$。图下的说明会替你核对：取 $m = 64$ 步时，实测每张图像的差距都小于 0.1%。

再看归因落在哪里：*全部*在笔迹上。你的手写图中黑色的像素在基准图像里也是黑的，$x_i - x'_i = 0$，它就分不到任何归因。基准图像是一种选择，它决定了解释能说什么。`,
      },
      task: { en: 'Run Integrated Gradients on your drawing: the map lies on the ink, and completeness holds within 1 %.', 'zh-CN': '对你的手写图运行积分梯度：归因落在笔迹上，完备性误差在 1% 以内。' },
      check: "explainMethod == 'integratedGradients' and explainOnDrawing and explainInkShare > 0.99 and explainGap < 0.01",
      showMe: [{ tool: { tool: 'explain', method: 'integratedGradients', params: { steps: 64 } } }],
    },
    {
      target: 'tools',
      text: {
        en: `**Grad-CAM** (Selvaraju et al., 2017) explains a convolution layer instead of the pixels. Each channel $k$ of the layer's output $A$ gets a weight, the mean of its gradient over space, and the map is

$$L = \\mathrm{ReLU}\\Big(\\sum_k \\alpha_k A_k\\Big), \\qquad \\alpha_k = \\frac{1}{HW}\\sum_{i,j} \\frac{\\partial z_c}{\\partial A_{k,ij}}$$

stretched to the image's size. Try it on **conv2** as it is: on this network it comes out zero everywhere (measured on 6 of 6 test images). Grad-CAM was made for networks that average over space before classifying; here a Flatten + Dense layer gives every position its own weight, and a channel's *mean* weight is mostly negative. Tick **per-position gradients** (HiResCAM: $\\alpha$ taken at each position) and the map lights up on the digit.`,
        'zh-CN': `**Grad-CAM**（Selvaraju 等，2017）解释的是一个卷积层，而不是像素。该层输出 $A$ 的每个通道 $k$ 得到一个权重——它的梯度在空间上的平均值，类激活图为

$$L = \\mathrm{ReLU}\\Big(\\sum_k \\alpha_k A_k\\Big), \\qquad \\alpha_k = \\frac{1}{HW}\\sum_{i,j} \\frac{\\partial z_c}{\\partial A_{k,ij}}$$

再拉伸到图像大小。先直接在 **conv2** 上试试：在这个网络上它处处为零（实测 6 张测试图像全部如此）。Grad-CAM 是为分类前先在空间上取平均的网络设计的；这里的 Flatten + Dense 给每个位置各自的权重，而一个通道的*平均*权重大多是负的。勾选“逐位置梯度”（HiResCAM：在每个位置分别取 $\\alpha$），类激活图就会在数字上亮起来。`,
      },
      task: { en: 'Make a Grad-CAM map of conv2 with per-position gradients.', 'zh-CN': '用逐位置梯度为 conv2 生成类激活图。' },
      check: "explainMethod == 'gradCam' and explainInkShare > 0.2",
      showMe: [{ tool: { tool: 'explain', method: 'gradCam', layerId: 'conv2', params: { elementwise: true } } }],
    },
    {
      target: 'tools',
      text: {
        en: `Last, an explanation with no gradients at all: **occlusion sensitivity** (Zeiler & Fergus, 2014). A black square slides over the image and each pixel shows how far the class score falls, on average, when the square covers it — one forward pass per position, so it costs far more (measured: about 25 times a saliency map).

Compare the four maps on your digit. They disagree, and each disagreement has a reason you have now seen: a gradient is local, Integrated Gradients answers "compared with black", Grad-CAM sees only as finely as its layer, and occlusion depends on the square's size. In the sequence lab the same tab colours each word of a sentence by gradient × input on its embedding: train an LSTM on the sentiment sentences and type one of your own.`,
        'zh-CN': `最后是一种完全不用梯度的解释：**遮挡敏感度**（Zeiler 和 Fergus，2014）。一个黑色方块在图像上滑动，每个像素显示方块盖住它时类别得分平均下降多少——每个位置做一次前向传播，所以代价大得多（实测约为显著图的 25 倍）。

在你的数字上比较这四张图。它们并不一致，而每处不一致的原因你都已经见过：梯度是局部的，积分梯度回答的是“和全黑相比”，Grad-CAM 只能看到它那一层的粗细，遮挡的结果取决于方块的大小。在序列实验室里，同一个标签页会按嵌入向量上的“梯度 × 输入”给句子里的每个词着色：在情感句子上训练一个 LSTM，再输入一句你自己的话试试。`,
      },
      task: { en: 'Make an occlusion map of your drawing.', 'zh-CN': '为你的手写图生成遮挡敏感度图。' },
      check: "explainMethod == 'occlusion' and explainOnDrawing",
      showMe: [{ tool: { tool: 'explain', method: 'occlusion' } }],
    },
  ],
};
