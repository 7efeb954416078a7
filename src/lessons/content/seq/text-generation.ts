import type { Lesson } from '../../format';

/**
 * The miniGpt template (2 causal blocks, d_model 64, learned positions) with a context of 16
 * characters (half the template's 32: half the work per step, the same accuracy per step here).
 * Measured (Node, CPU backend, seed 1, 2,000 windows, 50 steps per epoch, under heavy load from other jobs):
 * - Alice (en, 8,466 characters, 58 + 4 specials, space 18.9 %, 79,038 params): testAcc 0.280 at step 25, 0.308 at step 50, 0.342 at
 *   step 75, 0.407 at step 150; ~0.2–1 s per step. (Context 32: 0.274 / 0.300 / 0.319 / 0.396, twice the time.)
 * - Tang poems (zh, 622 characters in a 1,868-character corpus, 151,794 params): testAcc 0.071 at step 25, 0.177 at step 50, 0.431 at
 *   step 75, 0.563 at step 100, 0.821 at step 150 (context 32: 0.953 at step 200: the model memorises poems).
 */
// Replay of the lesson (tests/unit tmp replay, seed 1): step 1 holds at step 50 (testAcc 0.308, 19 s under load); Chinese
// testAcc 0.153 at step 45 (28 s under load; 0.3 falls between steps 50 and 75). Samples at step 50, en:
// τ 0.2 "Alice t the the at at t o ather at as ond therat …"; τ 1.5, k 5 "Alicedsentong a he oret,, asere at and …".
// LSTM language model (miniGpt's blocks replaced by LSTM 128, return sequences; 110,782 params): testAcc 0.190 at
// step 25, 0.303 at step 50 (~23 s under load), 0.339 at step 75, 0.389 at step 150.
export const lesson: Lesson = {
  format: 1,
  id: 'text-generation',
  section: 'rnn',
  order: 26,
  title: { en: 'Text generation: Alice and Tang poems', 'zh-CN': '文本生成：爱丽丝与唐诗' },
  summary: {
    en: 'Train a character-level language model on Alice in Wonderland and on Tang poems, then sample from it with temperature and top-k.',
    'zh-CN': '在《爱丽丝漫游奇境》和唐诗上训练字符级语言模型，再用温度和 top-k 从中采样生成文本。',
  },
  minutes: 15,
  steps: [
    {
      load: { from: { template: 'miniGpt' }, changes: [{ type: 'sequence', patch: { length: 16, language: 'en' } }], seed: 1 },
      target: 'predictions',
      text: {
        en: `A **language model** gives a probability to the next token given the ones before it. Here the tokens are characters, and the text is the opening of *Alice's Adventures in Wonderland*. Each example is 16 characters; at every position the network predicts the character that follows, so one example gives 16 lessons:

$$P(x_1, \\ldots, x_T) = \\prod_{t=1}^{T} P(x_t \\mid x_1, \\ldots, x_{t-1})$$

The network is a tiny GPT: causal self-attention (each position sees only itself and earlier ones) in place of a recurrent state, but the task is the one a character-level RNN learns (d2l trains one on *The Time Machine*). The accuracy shown is how often the most likely next character is the right one. Train it.`,
        'zh-CN': `**语言模型**给出在已知前文时下一个词元的概率。这里的词元是字符，文本是《爱丽丝漫游奇境》的开头。每个样本 16 个字符；网络在每个位置预测紧接着的字符，所以一个样本就是 16 道题：

$$P(x_1, \\ldots, x_T) = \\prod_{t=1}^{T} P(x_t \\mid x_1, \\ldots, x_{t-1})$$

网络是一个小型 GPT：用因果自注意力（每个位置只能看到自己和前面的位置）代替循环的隐状态，但任务和字符级循环神经网络一样（d2l 用《时间机器》训练过一个）。显示的准确率是“最可能的下一个字符恰好正确”的比例。开始训练吧。`,
      },
      task: { en: 'Train until the model guesses 30 % of the next characters right.', 'zh-CN': '训练到模型能猜对 30% 的下一个字符。' },
      check: 'testAcc >= 0.3',
      showMe: [{ run: 'play' }],
      hints: [
        {
          en: 'With 58 characters, guessing at random would be right under 2 % of the time; always guessing the space (19 % of the text) gets about 19 %.',
          'zh-CN': '一共 58 种字符，随便猜只有不到 2% 的正确率；空格占文本的 19%，总是猜空格大约能对 19%。',
        },
      ],
    },
    {
      target: 'generation',
      text: {
        en: `To **generate**, start from a prompt, ask for the distribution of the next character, draw one at random from it, append it, and repeat. Each new character is fed back as input: the model writes on its own output.

Type a prompt such as *Alice* and generate. At 30 % accuracy the text is mostly gibberish, but with spaces every few letters and common pieces such as *the*, *at* and *and*: the model has learnt letter statistics before words. Keep training and generate again from time to time: words get longer and more often real. The marked characters are those the model found unlikely when it drew them.`,
        'zh-CN': `**生成**的过程：从一段提示开始，求出下一个字符的分布，从中随机抽一个，接到末尾，然后重复。每个新字符都被当作输入送回去：模型在自己的输出上接着写。

输入提示，比如 *Alice*，然后生成。准确率 30% 时，生成的文字大多不成词，但每隔几个字母就有一个空格，还会出现 *the*、*at*、*and* 这样的常见片段：模型先学会了字母的统计规律，然后才学会单词。继续训练，不时再生成一次：单词会越来越长，真词也越来越多。被标出的字符是模型抽到时认为不太可能的。`,
      },
      task: { en: 'Generate 200 characters from the prompt "Alice".', 'zh-CN': '以“Alice”为提示生成 200 个字符。' },
      check: 'generated',
      showMe: [{ generate: { prompt: 'Alice', length: 200, temperature: 0.8, topK: 0 } }],
    },
    {
      target: 'generation',
      text: {
        en: `The **temperature** $\\tau$ divides the logits $z$ before the softmax:

$$P(x = i) = \\frac{e^{z_i/\\tau}}{\\sum_j e^{z_j/\\tau}}$$

At $\\tau = 1$ you sample the model's own distribution. Below 1 the distribution sharpens: at $\\tau = 0.2$ the model almost always takes its top choice, and the text becomes safe and repetitive (*the the at at ther the*). Above 1 it flattens: at $\\tau = 1.5$ rare characters get drawn and the words fall apart. Try both.`,
        'zh-CN': `**温度** $\\tau$ 在 softmax 之前去除 logits $z$：

$$P(x = i) = \\frac{e^{z_i/\\tau}}{\\sum_j e^{z_j/\\tau}}$$

$\\tau = 1$ 时按模型自己的分布采样。小于 1 时分布变尖：$\\tau = 0.2$ 时模型几乎总是选概率最大的字符，文本稳妥却重复（*the the at at ther the*）。大于 1 时分布变平：$\\tau = 1.5$ 时罕见字符也会被抽中，单词开始支离破碎。两种都试试。`,
      },
      showMe: [{ generate: { prompt: 'Alice', length: 200, temperature: 0.2, topK: 0 } }],
    },
    {
      target: 'generation',
      text: {
        en: `**Top-k** sampling cuts the tail instead: keep the $k$ most likely characters, renormalise, draw among them. With $k = 5$ even a high temperature cannot pick a character the model thought nearly impossible, so you can have variety without nonsense. Compare $\\tau = 1.5$ with all characters and with $k = 5$.`,
        'zh-CN': `**Top-k** 采样则是截掉长尾：只保留概率最大的 $k$ 个字符，重新归一化后再从中抽取。取 $k = 5$ 时，即便温度很高，也抽不到模型认为几乎不可能的字符，于是既有变化又不至于胡言乱语。比较一下 $\\tau = 1.5$ 时不限字符和 $k = 5$ 的结果。`,
      },
      showMe: [{ generate: { prompt: 'Alice', length: 200, temperature: 1.5, topK: 5 } }],
    },
    {
      target: 'sequence-options',
      text: {
        en: `Now switch the corpus: set the language to **Chinese**, and the text becomes 57 Tang poems (李白, 杜甫, 王维 …), one poem per line. The network stays; its vocabulary grows from 58 characters to 622, and so does its output layer.

Chance is now 1 in 622, yet the accuracy climbs fast and then far beyond the English one. Why? The whole corpus is only 1,868 characters, the test windows overlap the training text, and a model this size can learn much of it by heart. High test accuracy here means memorisation, not creativity.`,
        'zh-CN': `现在换语料：把语言设为**中文**，文本就变成 57 首唐诗（李白、杜甫、王维……），一行一首。网络不变，词表从 58 个字符增加到 622 个，输出层也随之变大。

随机猜的正确率只有六百二十二分之一，可准确率上升得很快，之后远远超过英文。为什么？整个语料只有 1868 个字符，测试窗口和训练文本相互重叠，这么大的模型能把其中很多背下来。这里测试准确率高意味着记住了，而不是会创作。`,
      },
      task: { en: 'Switch to the Chinese poems and train until 30 % of the next characters are right.', 'zh-CN': '换成唐诗语料，训练到能猜对 30% 的下一个字。' },
      check: "language == 'zh' and testAcc >= 0.3",
      showMe: [{ change: { type: 'sequence', patch: { language: 'zh' } } }, { run: 'play' }],
    },
    {
      target: 'generation',
      text: {
        en: `Generate from a prompt such as 床前 or 春. Look at the punctuation: does a ，or 。 come after every five or seven characters? In the corpus it always does, and punctuation is one character in seven. Early on, the model scatters ，。 and common characters (山, 月, 风, 一) about; train on and generate again, and the lines take shape. With a low temperature it recites lines it has seen; with a high one it mixes poems into new, mostly meaningless but well-shaped lines.`,
        'zh-CN': `以“床前”或“春”为提示生成。注意标点：是不是每五个或七个字之后就出现一个“，”或“。”？语料里总是如此，而且每七个字符里就有一个是标点。训练初期，模型会把“，。”和常见字（山、月、风、一）胡乱撒在各处；继续训练，再生成几次，诗句就会渐渐成形。温度低时，它背出见过的诗句；温度高时，它把几首诗拼成新的句子——大多没有意义，格式却很工整。`,
      },
      task: { en: 'Generate a poem from the prompt 春.', 'zh-CN': '以“春”为提示生成一首诗。' },
      check: "language == 'zh' and generated",
      showMe: [{ generate: { prompt: '春', length: 48, temperature: 0.8, topK: 10 } }],
    },
    {
      load: { from: { template: 'miniGpt' }, changes: [{ type: 'sequence', patch: { length: 16, language: 'en' } }], seed: 1 },
      tab: 'graph',
      target: 'canvas',
      text: {
        en: `Back to Alice, and back to this section's subject: the same language model with a **recurrent** network. Remove the positional encoding and both Transformer blocks, and put one \`LSTM\` of 128 units between the embedding and the output, with *return sequences* on so that it predicts after every character. An LSTM needs no positional encoding: it reads in order, and its state knows how far it has come. Nor does it need a causal mask: at step $t$ it has not read anything after $t$.

Train it and compare with the Transformer. On this small text both pass 30 % after about an epoch; the difference is in what they can do with long contexts: the LSTM must squeeze the past into its state, attention can look back at any character directly.`,
        'zh-CN': `回到爱丽丝，也回到本节的主题：用**循环**网络做同一个语言模型。删掉位置编码和两个 Transformer 块，在嵌入层和输出层之间放一个 128 个单元的 \`LSTM\`，打开 *return sequences*，让它在每个字符之后都做预测。LSTM 不需要位置编码：它按顺序读，隐状态知道自己读到了哪里；也不需要因果掩码：在第 $t$ 步，它还没读到 $t$ 之后的任何东西。

训练它，和 Transformer 比一比。在这么短的文本上，两者都在大约一个迭代周期后超过 30%；区别在于怎样利用长的上下文：LSTM 得把过去压缩进隐状态，注意力则可以直接回看任何一个字符。`,
      },
      task: { en: 'Replace the Transformer blocks by a 128-unit LSTM and train to 30 % accuracy.', 'zh-CN': '把 Transformer 块换成 128 个单元的 LSTM，训练到 30% 的准确率。' },
      check: 'layer.LSTM >= 1 and testAcc >= 0.3',
      showMe: [
        { change: { type: 'graph', change: { type: 'removeNodes', ids: ['posenc', 'block1', 'block2'] } } },
        { change: { type: 'graph', change: { type: 'addNode', nodeType: 'LSTM', id: 'lstm', params: { units: 128, returnSequences: true }, connectFrom: 'embedding' } } },
        { change: { type: 'graph', change: { type: 'connect', source: 'lstm', target: 'output' } } },
        { run: 'play' },
      ],
    },
  ],
};
