import type { Lesson } from '../../format';
import { swapForecastCell } from './shared';

/**
 * Measured (Node, CPU backend, seed 1, sentiment, batch 32, Adam 0.003):
 * - lstm: testAcc 0.965 at step 100 (epoch 2), 0.980 at step 120.
 * - gru: testAcc 0.863 at step 100, 0.930 at step 120, 0.977 at step 140 (epoch 2), 0.984 at step 160.
 * - totals (params fact): lstm 8322, gru 6754 (Embedding 124×16 = 1984 and Dense 66 in both).
 * - gru with 8 units (params 2602): testAcc 0.859 at step 100, 0.977 at step 150 (epoch 3).
 * - then Chinese (language zh, 8 units, params 3162): testAcc 0.754 at steps 60–80, 0.832 at step 100, 0.918 at 120,
 *   0.984 at step 140.
 * - GRU forecaster (sine, window 32; params 3528): testLoss 0.066 at step 250, 0.030 at step 300 (epoch 6).
 */
export const lesson: Lesson = {
  format: 1,
  id: 'gru-vs-lstm',
  section: 'rnn',
  order: 24,
  title: { en: 'GRU versus LSTM', 'zh-CN': '门控循环单元与长短期记忆网络' },
  summary: {
    en: 'The GRU does with two gates what the LSTM does with three: train both on the same sentences and compare accuracy, speed and parameters.',
    'zh-CN': '门控循环单元用两个门做到长短期记忆网络用三个门做的事：在同样的句子上训练两者，比较准确率、速度和参数量。',
  },
  minutes: 10,
  steps: [
    {
      load: { from: { template: 'lstm' }, seed: 1 },
      target: 'metrics',
      text: {
        en: `Start with the LSTM from the last lesson on the sentiment sentences, as a baseline. While it trains, note three numbers: the **epochs** it needs to pass 95 % test accuracy, the **steps per second**, and the **parameters** of the network (shown with the model).

An LSTM layer of $h$ units reading $d$-dimensional inputs has four weight sets (three gates and the candidate), each $d\\times h + h\\times h + h$: here $4\\,(16\\cdot 32 + 32\\cdot 32 + 32) = 6272$ parameters, of 8322 in the whole network.`,
        'zh-CN': `先用上一课的 LSTM 在情感句子上训练，作为基准。训练时记下三个数：测试准确率超过 95% 所需的**迭代周期**、**每秒步数**，以及网络的**参数量**（显示在模型旁边）。

一个 $h$ 个单元、输入 $d$ 维的 LSTM 层有四组权重（三个门加候选记忆元），每组 $d\\times h + h\\times h + h$ 个参数：这里是 $4\\,(16\\cdot 32 + 32\\cdot 32 + 32) = 6272$ 个，整个网络共 8322 个。`,
      },
      task: { en: 'Train the LSTM to 95 % test accuracy.', 'zh-CN': '把 LSTM 训练到 95% 的测试准确率。' },
      check: 'layer.LSTM >= 1 and testAcc >= 0.95',
      showMe: [{ run: 'play' }],
    },
    {
      target: 'templates',
      text: {
        en: `The **gated recurrent unit** (GRU, Cho et al., 2014) merges the LSTM's cell and hidden state into one $h_t$ and uses two gates, a *reset gate* $r_t$ and an *update gate* $z_t$:

$$r_t = \\sigma(W_r x_t + U_r h_{t-1} + b_r)\\qquad z_t = \\sigma(W_z x_t + U_z h_{t-1} + b_z)$$
$$\\tilde h_t = \\tanh\\big(W_h x_t + U_h (r_t \\odot h_{t-1}) + b_h\\big)\\qquad h_t = z_t \\odot h_{t-1} + (1 - z_t) \\odot \\tilde h_t$$

When $z_t$ is near 1 the state is copied forward unchanged: the same highway for the gradient as the LSTM's forget gate, with one weight set fewer.`,
        'zh-CN': `**门控循环单元**（GRU，Cho 等，2014）把 LSTM 的记忆元和隐状态合并成一个 $h_t$，只用两个门：*重置门* $r_t$ 和*更新门* $z_t$：

$$r_t = \\sigma(W_r x_t + U_r h_{t-1} + b_r)\\qquad z_t = \\sigma(W_z x_t + U_z h_{t-1} + b_z)$$
$$\\tilde h_t = \\tanh\\big(W_h x_t + U_h (r_t \\odot h_{t-1}) + b_h\\big)\\qquad h_t = z_t \\odot h_{t-1} + (1 - z_t) \\odot \\tilde h_t$$

$\\tilde h_t$ 是候选隐状态。$z_t$ 接近 1 时，隐状态被原样复制到下一步：这和 LSTM 的遗忘门一样，给梯度留出了一条通道，却少了一组权重。`,
      },
      task: { en: 'Open the GRU template (same sentences) and train it to 95 % test accuracy.', 'zh-CN': '打开 GRU 模板（句子不变），训练到 95% 的测试准确率。' },
      check: 'layer.GRU >= 1 and testAcc >= 0.95',
      showMe: [{ template: 'gru' }, { run: 'play' }],
    },
    {
      target: 'inspector',
      text: {
        en: `Compare with your notes. With three weight sets the GRU has $3\\,(16\\cdot 32 + 32\\cdot 32 + 32) = 4704$ recurrent parameters, a quarter fewer than the LSTM (6754 in all against 8322), and each step does a quarter less work. On these sentences both reach the same accuracy within an epoch of each other; which one gets there first depends on the seed more than on the cell.

That is the usual finding: on most tasks neither wins clearly (Chung et al., 2014; Greff et al., 2017). The GRU is smaller and a little faster; the LSTM's separate cell sometimes helps on long sequences.

How small can it go? Select the GRU node and give it 8 units instead of 32: the recurrent layer drops to $3\\,(16\\cdot 8 + 8\\cdot 8 + 8) = 600$ parameters.`,
        'zh-CN': `和你记下的数对照一下。GRU 有三组权重，循环层参数为 $3\\,(16\\cdot 32 + 32\\cdot 32 + 32) = 4704$ 个，比 LSTM 少四分之一（整个网络 6754 对 8322），每一步的计算也少四分之一。在这些句子上，两者达到的准确率相同，先后相差不到一个迭代周期；谁先到更多取决于随机种子，而不是单元类型。

这也是常见的结论：在大多数任务上两者难分高下（Chung 等，2014；Greff 等，2017）。GRU 更小、稍快；LSTM 独立的记忆元有时在长序列上更有优势。

还能再小吗？选中 GRU 节点，把单元数从 32 改成 8：循环层只剩 $3\\,(16\\cdot 8 + 8\\cdot 8 + 8) = 600$ 个参数。`,
      },
      tab: 'graph',
      task: { en: 'Give the GRU 8 units and train it to 95 % test accuracy again.', 'zh-CN': '把 GRU 改成 8 个单元，再训练到 95% 的测试准确率。' },
      check: 'layer.GRU >= 1 and params < 3000 and testAcc >= 0.95',
      showMe: [{ change: { type: 'graph', change: { type: 'setParams', id: 'recurrent', patch: { units: 8 } } } }, { run: 'play' }],
      hints: [{ en: 'Sentences this short need little memory: 8 units are enough.', 'zh-CN': '这么短的句子用不了多少记忆：8 个单元就够了。' }],
    },
    {
      tab: 'playground',
      target: 'sequence-options',
      text: {
        en: `The same small GRU in Chinese: set the language to **中文**. The sentences become 电影很精彩, 汤不好 … Chinese puts 不 where English puts the degree word, *just before* the adjective, so the flip is again one word before the end. The network stays; only its vocabulary changes.

Does an 8-unit GRU still manage? Watch for the same shape of learning curve: a plateau near 75 % (it has learnt the adjectives but not yet the negation), then a climb once 不 is understood.`,
        'zh-CN': `同一个小 GRU，换成中文：把语言设为**中文**。句子变成“电影很精彩”“汤不好”……中文把“不”放在程度副词的位置，*紧挨着*形容词，所以意思的翻转同样发生在倒数第二个词。网络不变，只有词表变了。

8 个单元的 GRU 还能胜任吗？留意学习曲线是不是同样的形状：先在 75% 左右停一阵（学会了形容词，还没学会否定），等它弄懂了“不”，再往上爬。`,
      },
      task: { en: 'Switch the sentences to Chinese and train the 8-unit GRU to 95 % test accuracy.', 'zh-CN': '把句子换成中文，把 8 个单元的 GRU 训练到 95% 的测试准确率。' },
      check: "language == 'zh' and layer.GRU >= 1 and testAcc >= 0.95",
      showMe: [{ change: { type: 'sequence', patch: { language: 'zh' } } }, { run: 'play' }],
    },
    {
      load: { from: { template: 'lstmForecast' }, changes: swapForecastCell('GRU'), seed: 1 },
      target: 'forecast',
      text: {
        en: `One more comparison on a different task: the sine forecast, with a GRU of 32 units in place of the LSTM. Compare the loss curve and the steps per second with the LSTM forecaster of the last lesson. On this seed the GRU needs about six epochs, a little more than the LSTM's five: another reminder that neither cell wins everywhere.`,
        'zh-CN': `再在另一个任务上比一次：正弦预测，用 32 个单元的 GRU 代替 LSTM。把损失曲线和每秒步数与上一课的 LSTM 预测器比一比。在这个随机种子下，GRU 大约需要 6 个迭代周期，比 LSTM 的 5 个略多：又一次说明没有哪种单元处处占优。`,
      },
      task: { en: 'Train the GRU forecaster until the test loss is below 0.05.', 'zh-CN': '训练 GRU 预测器，直到测试损失低于 0.05。' },
      check: 'layer.GRU >= 1 and testLoss < 0.05',
      showMe: [{ run: 'play' }],
    },
  ],
};
