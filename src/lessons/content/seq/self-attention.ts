import type { Lesson } from '../../format';
import { ONE_BLOCK } from './shared';

/**
 * The transformerEncoder template cut to one encoder block (graph edits), so the block that reverses
 * is the last self-attention map the lab shows (the `antiDiagonal` fact's map). With the template's
 * two blocks the first does the reversal (anti-diagonal 0.58) and the second attends to itself
 * (diagonal 0.50, anti-diagonal 0.04 after 150 steps, seed 1).
 * Measured (Node, CPU backend, seed 1, reverse of 8 digits, one block, 4 heads, probe = test example 0):
 * antiDiagonal 0.125 at step 0, 0.233 at step 50, 0.421 at step 75 (testSeqAcc 0.094), 0.557 at step 100
 * (testSeqAcc 0.949), 0.607 at step 125 (testSeqAcc 1.0); ~1.1 s per 25 steps.
 * Copy (same network, dataset switched): testSeqAcc 1.0 at step 25; diagonal 0.144 at step 25, 0.158 from step 75
 * on (the residual path copies; attention stays nearly flat), so the lesson checks testSeqAcc, not `diagonal`.
 * Sort (same network): testSeqAcc 0.375 at step 100, 0.691 at step 125, 0.945 at step 150; anti-diagonal 0.12 and
 * diagonal 0.12–0.13 throughout (~5.5 s to step 150 at low load). Head-averaged maps at step 150 (probe 1, "71282461"):
 * row 1 weights 0.03 0.19 0.20 0.04 0.21 0.10 0.05 0.18 (the 1s and 2s), row 8 0.20 0.06 0.09 0.24 0.10 0.09 0.17 0.05
 * (the 7, 8, 6).
 */
export const lesson: Lesson = {
  format: 1,
  id: 'self-attention',
  section: 'attention',
  order: 27,
  title: { en: 'Self-attention learns to reverse', 'zh-CN': '自注意力学会倒序' },
  summary: {
    en: 'A one-block Transformer learns to reverse 8 digits, and its attention map draws the answer: the anti-diagonal.',
    'zh-CN': '只有一个编码器块的 Transformer 学会把 8 个数字倒过来写，它的注意力图把答案画了出来：一条反对角线。',
  },
  minutes: 15,
  steps: [
    {
      load: { from: { template: 'transformerEncoder' }, changes: ONE_BLOCK, seed: 1 },
      target: 'attention',
      text: {
        en: `The task: read 8 digits and write them backwards, \`3 1 4 1 5 9 2 6\` → \`6 2 9 5 1 4 1 3\`. An RNN would read left to right and have to remember everything in its state. **Self-attention** instead lets every position look at every other position directly.

The network: \`Embedding\` (each digit becomes a vector of 64 numbers), \`PositionalEncoding\`, one Transformer encoder block, and a softmax over the digits at each position.

The attention map has one row per output position (the *query*) and one column per input position (the *key*); a bright cell means "this output looks at that input". At first every row is a flat grey: everyone looks at everyone a little. Press play and watch.`,
        'zh-CN': `任务：读入 8 个数字，再倒着写出来，\`3 1 4 1 5 9 2 6\` → \`6 2 9 5 1 4 1 3\`。循环神经网络只能从左往右读，得把所有内容都记在隐状态里；**自注意力**则让每个位置直接看到其他所有位置。

网络结构：\`Embedding\`（每个数字变成 64 维向量）、\`PositionalEncoding\`（位置编码）、一个 Transformer 编码器块，最后在每个位置上对 10 个数字做 softmax。

注意力图的每一行是一个输出位置（*查询*），每一列是一个输入位置（*键*）；格子越亮，表示这个输出越关注那个输入。一开始每行都是均匀的灰色：谁都看一点谁。按下播放，看它怎么变。`,
      },
      task: { en: 'Train until the anti-diagonal holds 40 % of the attention.', 'zh-CN': '训练到反对角线上的注意力权重平均达到 40%。' },
      check: 'antiDiagonal >= 0.4',
      showMe: [{ run: 'play' }],
      hints: [
        {
          en: 'The anti-diagonal runs from the top right to the bottom left: output 1 looks at input 8, output 8 at input 1.',
          'zh-CN': '反对角线从右上角到左下角：第 1 个输出看第 8 个输入，第 8 个输出看第 1 个输入。',
        },
      ],
    },
    {
      target: 'predictions',
      text: {
        en: `The bright line from top right to bottom left is the algorithm, learned: output position $i$ attends to input position $9-i$ (counting from 1) and copies the digit it finds there. Nobody told the network to do this; the loss only said which digits were right.

Notice how suddenly it happened. For a while the loss hardly moves while attention is still spread out; once the anti-diagonal forms, the loss drops steeply and whole sequences come out right.`,
        'zh-CN': `从右上到左下的这条亮线就是学出来的算法：第 $i$ 个输出位置关注第 $9-i$ 个输入位置（从 1 开始数），把那里的数字抄过来。没有人告诉网络要这样做，损失函数只告诉它哪些数字对了。

注意它来得多突然：有一段时间注意力还很分散，损失几乎不动；反对角线一旦成形，损失便陡然下降，整条序列都能答对。`,
      },
      task: { en: 'Keep training until 95 % of the test sequences are entirely right.', 'zh-CN': '继续训练，直到 95% 的测试序列完全正确。' },
      check: 'testSeqAcc >= 0.95',
      showMe: [{ run: 'play' }],
    },
    {
      target: 'attention',
      text: {
        en: `How is the map computed? Each position's vector $x_i$ is projected three ways: a query $q_i = W_Q x_i$ (what am I looking for?), a key $k_j = W_K x_j$ (what do I offer?) and a value $v_j = W_V x_j$ (what do I pass on?). For all positions at once:

$$\\mathrm{Attention}(Q, K, V) = \\mathrm{softmax}\\!\\left(\\frac{QK^\\top}{\\sqrt{d_k}}\\right)V$$

Row $i$ of the softmax is the row you see in the map: weights that sum to 1. The output at position $i$ is the weighted average of the values. Dividing by $\\sqrt{d_k}$ (here $d_k = 16$) keeps the dot products from growing with the dimension, which would make the softmax saturate and its gradient vanish.`,
        'zh-CN': `这张图是怎么算出来的？每个位置的向量 $x_i$ 被投影成三份：查询 $q_i = W_Q x_i$（我在找什么？）、键 $k_j = W_K x_j$（我能提供什么？）、值 $v_j = W_V x_j$（我要传出什么？）。所有位置一起算：

$$\\mathrm{Attention}(Q, K, V) = \\mathrm{softmax}\\!\\left(\\frac{QK^\\top}{\\sqrt{d_k}}\\right)V$$

softmax 的第 $i$ 行就是图里的第 $i$ 行：一组和为 1 的权重。位置 $i$ 的输出是各个值按这组权重的加权平均。除以 $\\sqrt{d_k}$（这里 $d_k = 16$）是为了不让点积随维度增大而变大——否则 softmax 会饱和，梯度随之消失。`,
      },
    },
    {
      target: 'dataset',
      text: {
        en: `The same network on a different task. Switch the dataset to **copy**: the answer is the input unchanged. The network stays (only the data changes). Predict the attention map before you train: a diagonal, each output looking at its own input?

Train it. Copy is learnt in a few dozen steps, yet the map stays almost flat (about 0.16 on the diagonal where reverse reached 0.6). The encoder block adds its attention output to its input (a *residual connection*), so each position's own digit already flows straight through to its output. Attention is only needed to fetch something from *another* position. A clear map shows what a network needed to learn, not what the task looks like to us.`,
        'zh-CN': `同一个网络，换一个任务。把数据集换成**复制**（copy）：答案就是原样的输入。网络保持不变（只换数据）。训练之前先猜猜注意力图：会是一条对角线吗，每个输出看自己对应的输入？

训练一下。复制任务几十步就学会了，注意力图却几乎还是平的（对角线上约 0.16，而倒序任务的反对角线达到了 0.6）。编码器块会把注意力的输出加回到它的输入上（*残差连接*），每个位置自己的数字本来就能直接流到输出。只有要从*别的*位置取东西时才需要注意力。注意力图显示的是网络需要学什么，而不是我们眼中任务的样子。`,
      },
      task: { en: 'Switch to copy and train until 95 % of the test sequences are right.', 'zh-CN': '换成复制任务，训练到 95% 的测试序列完全正确。' },
      check: "dataset == 'copy' and testSeqAcc >= 0.95",
      showMe: [{ change: { type: 'dataset', patch: { kind: 'copy' } } }, { run: 'play' }],
    },
    {
      target: 'attention',
      text: {
        en: `One more: **sort**, \`3 1 4 1 5 9 2 6\` → \`1 1 2 3 4 5 6 9\`. Where the answer's digit comes from now depends on the digits themselves, not on where they stand, so no fixed line can do it. Attention is computed from the *content* ($q_i \\cdot k_j$ depends on the tokens), so it can still pick the right digits.

Train, then step through a few probe examples and read the map against the input digits: the first rows (the smallest answers) lean on the columns holding *small* digits, the last rows on the columns holding *large* ones, and the pattern moves from example to example with the digits. It is soft, no single bright cell per row, and its weight on the diagonal or anti-diagonal stays near $1/8$, the value of a flat map, yet the network sorts almost every sequence.`,
        'zh-CN': `再来一个：**排序**，\`3 1 4 1 5 9 2 6\` → \`1 1 2 3 4 5 6 9\`。答案中每个数字来自哪里，取决于数字本身，而不是它们的位置，所以任何固定的线都做不到。注意力是根据*内容*计算的（$q_i \\cdot k_j$ 取决于词元），所以它仍然能挑出正确的数字。

训练之后，换几个探针样本，对照输入的数字来读注意力图：前几行（答案中最小的数）偏向存放*小*数字的那几列，最后几行偏向存放*大*数字的那几列；换一个样本，这个图案就跟着数字一起移动。它是“软”的，每行没有单独一个亮格，在对角线或反对角线上的权重都停在 $1/8$ 左右，也就是均匀分布时的值，可网络几乎能把每条序列都排对。`,
      },
      task: { en: 'Switch to sort and train until 90 % of the test sequences are right.', 'zh-CN': '换成排序任务，训练到 90% 的测试序列完全正确。' },
      check: "dataset == 'sort' and testSeqAcc >= 0.9",
      showMe: [{ change: { type: 'dataset', patch: { kind: 'sort' } } }, { run: 'play' }],
    },
  ],
};
