import type { Lesson } from '../../format';
import { ADD_POSITIONS, NO_POSITIONS, ONE_BLOCK } from './shared';

/**
 * The one-block transformerEncoder on reverse of 8 digits, without and with its PositionalEncoding node.
 * Measured (Node, CPU backend, seed 1, 50 steps per epoch):
 * - no positions: testSeqAcc 0.000 at every evaluation to step 150 (epoch 3), testAcc 0.32–0.34; the
 *   template's two blocks without positions: testSeqAcc 0 to step 200 (epoch 4).
 * - positions put back (ADD_POSITIONS, the same weights as the untouched network): testSeqAcc 0.094 at
 *   step 75, 0.949 at step 100 (epoch 2), 1.0 at step 125.
 * - learned encoding (setParams on the put-back node): testSeqAcc 0.180 at step 50, 1.0 at step 75 (antiDiagonal 0.63).
 */
export const lesson: Lesson = {
  format: 1,
  id: 'positional-encoding',
  section: 'attention',
  order: 29,
  title: { en: 'Positional encoding: where is each word?', 'zh-CN': '位置编码：每个词在哪里？' },
  summary: {
    en: 'Without positional encoding a Transformer cannot tell first from last and never learns to reverse; with sinusoids added it learns in two epochs.',
    'zh-CN': '没有位置编码，Transformer 分不清先后，永远学不会倒序；加上正弦位置编码，两个迭代周期就学会了。',
  },
  minutes: 12,
  steps: [
    {
      load: { from: { template: 'transformerEncoder' }, changes: [...ONE_BLOCK, ...NO_POSITIONS], seed: 1 },
      tab: 'graph',
      target: 'canvas',
      text: {
        en: `This is the one-block Transformer that reversed 8 digits in the self-attention lesson, with one node removed: the \`PositionalEncoding\`. The embedding now feeds the encoder block directly.

Self-attention compares every query with every key, but nothing in $\\mathrm{softmax}(QK^\\top/\\sqrt{d_k})V$ says *where* a token is. Shuffle the input digits and every output is shuffled the same way, nothing else changes. The network sees the digits as a **set**, so it cannot know which one is last. Train it and watch: it learns something (the token accuracy rises a little), but no sequence comes out right.`,
        'zh-CN': `这就是自注意力那一课里学会倒序 8 个数字的单块 Transformer，只是删掉了一个节点：\`PositionalEncoding\`（位置编码）。嵌入层现在直接连到编码器块。

自注意力把每个查询和每个键做比较，但 $\\mathrm{softmax}(QK^\\top/\\sqrt{d_k})V$ 里没有任何东西告诉它词元*在哪里*。把输入的数字打乱，输出也只是以同样的方式被打乱，别的什么都不变。网络把这些数字看作一个**集合**，因而不知道哪个是最后一个。训练一下看看：它能学到一点东西（词元准确率略有上升），但没有一条序列能完全答对。`,
      },
      task: { en: 'Train for 3 epochs without positional encoding: fewer than 20 % of the sequences come out right.', 'zh-CN': '不加位置编码训练 3 个迭代周期：完全正确的序列不到 20%。' },
      check: 'epoch >= 3 and testSeqAcc < 0.2',
      showMe: [{ run: 'play' }],
    },
    {
      tab: 'graph',
      target: 'palette',
      text: {
        en: `Put the positions back. Add a \`PositionalEncoding\` node (sinusoidal) from the palette, connect the embedding to it and it to the encoder block. It *adds* a fixed vector $p_{pos}$ to each token's embedding, different for every position:

$$PE_{(pos,\\,2i)} = \\sin\\!\\left(\\frac{pos}{10000^{2i/d}}\\right) \\qquad PE_{(pos,\\,2i+1)} = \\cos\\!\\left(\\frac{pos}{10000^{2i/d}}\\right)$$

Each pair of dimensions is a sine and a cosine of one frequency; low dimensions turn fast, high ones slowly, like the hands of a clock.`,
        'zh-CN': `把位置加回来。从组件面板添加一个 \`PositionalEncoding\` 节点（正弦），把嵌入层连到它，再把它连到编码器块。它给每个词元的嵌入*加上*一个固定向量 $p_{pos}$，每个位置各不相同：

$$PE_{(pos,\\,2i)} = \\sin\\!\\left(\\frac{pos}{10000^{2i/d}}\\right) \\qquad PE_{(pos,\\,2i+1)} = \\cos\\!\\left(\\frac{pos}{10000^{2i/d}}\\right)$$

每两维是同一频率的正弦和余弦；低维转得快，高维转得慢，就像钟表上的几根指针。`,
      },
      task: { en: 'Add the positional encoding back and train until 90 % of the sequences are right.', 'zh-CN': '加回位置编码，训练到 90% 的序列完全正确。' },
      check: 'layer.PositionalEncoding >= 1 and testSeqAcc >= 0.9',
      showMe: [...ADD_POSITIONS.map((change) => ({ change })), { run: 'play' }],
    },
    {
      tab: 'playground',
      target: 'positional-encoding',
      text: {
        en: `The positional-encoding view shows the matrix (positions down, dimensions across) and, next to it, the **similarity** of every pair of positions, the dot product $p_a \\cdot p_b$.

The similarity depends only on the distance $a-b$: $\\sin\\omega a \\sin\\omega b + \\cos\\omega a \\cos\\omega b = \\cos\\omega(a-b)$, summed over the frequencies. So it is brightest on the diagonal and fades with distance, the same for every row. That is what makes it useful: a linear map of $p_{pos}$ gives $p_{pos+k}$ for any fixed offset $k$, so attention can learn "look $k$ places away" and, for reversing, "look at the mirror position".`,
        'zh-CN': `位置编码视图画出了编码矩阵（纵向是位置，横向是维度），旁边是任意两个位置之间的**相似度**，即点积 $p_a \\cdot p_b$。

相似度只取决于距离 $a-b$：$\\sin\\omega a \\sin\\omega b + \\cos\\omega a \\cos\\omega b = \\cos\\omega(a-b)$，再对各个频率求和。所以它在对角线上最亮，随距离变暗，每一行都一样。这正是它好用的原因：对任意固定偏移 $k$，$p_{pos+k}$ 都是 $p_{pos}$ 的线性函数，于是注意力可以学会“看 $k$ 个位置之外”，在倒序任务里则是“看镜像位置”。`,
      },
    },
    {
      load: { from: { template: 'transformerEncoder' }, changes: [...ONE_BLOCK, ...NO_POSITIONS, ...ADD_POSITIONS], seed: 1 },
      target: 'inspector',
      tab: 'graph',
      text: {
        en: `The sinusoids are one choice. GPT and BERT instead **learn** a vector per position, like a second embedding table indexed by position. The network is reloaded with a sinusoidal \`PositionalEncoding\`. Select that node and switch its encoding to *learned*, then train again.

Learned positions start random, so the network must discover the order as well as the task. On 8 positions that is easy: here the learned encoding gets every sequence right within two epochs, as fast as the sinusoids or faster. The difference shows elsewhere: a learned table has no entry beyond the longest position it was trained on, while sinusoids are defined for every position.`,
        'zh-CN': `正弦函数只是一种选择。GPT 和 BERT 则为每个位置**学习**一个向量，相当于按位置索引的第二张嵌入表。网络已重新载入，带有正弦 \`PositionalEncoding\`。选中这个节点，把编码方式改为*可学习*，再训练一次。

可学习的位置编码从随机值开始，网络既要学任务，也要自己发现顺序。只有 8 个位置时这并不难：这里可学习的编码两个迭代周期内就让所有序列都答对了，和正弦编码一样快，甚至更快。区别在别处：可学习的表里没有超过训练时最长位置的条目，而正弦编码对任何位置都有定义。`,
      },
      task: { en: 'Switch to a learned positional encoding and train until 90 % of the sequences are right.', 'zh-CN': '改用可学习的位置编码，训练到 90% 的序列完全正确。' },
      check: 'testSeqAcc >= 0.9',
      showMe: [{ change: { type: 'graph', change: { type: 'setParams', id: 'posenc', patch: { encoding: 'learned' } } } }, { run: 'play' }],
    },
  ],
};
