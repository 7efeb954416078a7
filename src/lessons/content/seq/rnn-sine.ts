import type { Lesson } from '../../format';
import { swapForecastCell } from './shared';

/**
 * A plain RNN (SimpleRNN, 32 tanh units) forecasting a noisy sine: the lstmForecast template with its
 * LSTM swapped for a SimpleRNN by the graph editor's own edits.
 * Measured (Node, CPU backend, seed 1, window 32, horizon 8): testLoss 0.028 at step 200 (epoch 4),
 * 0.0185 at step 250, ~4 s. Sum of sines: testLoss 0.080 at step 50 (epoch 1), 0.063 at step 100 (epoch 2),
 * then 0.053–0.060 (plateau) to step 400.
 */
const toSimpleRnn = swapForecastCell('SimpleRNN');

export const lesson: Lesson = {
  format: 1,
  id: 'rnn-sine',
  section: 'rnn',
  order: 22,
  title: { en: 'A recurrent network forecasts a wave', 'zh-CN': '循环神经网络：预测一段波形' },
  summary: {
    en: 'A simple RNN reads a sine wave one step at a time, carries what it has seen in its hidden state, and forecasts what comes next.',
    'zh-CN': '简单的循环神经网络逐个时间步读入正弦波，把读过的内容存在隐状态里，再预测接下来的走势。',
  },
  minutes: 10,
  steps: [
    {
      load: { from: { template: 'lstmForecast' }, changes: toSimpleRnn, seed: 1 },
      target: 'forecast',
      text: {
        en: `Until now every example had a fixed size and went into the network all at once. A **sequence** is read in order, one step after another: here, 32 samples of a noisy sine wave. The task is to forecast the next 8 samples.

The network is a *simple recurrent network* (Elman, 1990): one \`SimpleRNN\` layer with 32 units, then a \`Dense\` layer that outputs the 8 future values. It is a regression, so the loss is the mean squared error and there is no accuracy.

The forecast chart shows the 32 steps the network sees, the true continuation, and the network's forecast. Press play and watch the forecast line bend onto the curve.`,
        'zh-CN': `之前的每个样本大小固定，一次整个送进网络。**序列**则要按顺序一步一步地读：这里是一段带噪声的正弦波，共 32 个采样点，任务是预测接下来的 8 个点。

网络是一个*简单循环神经网络*（Elman，1990）：一层 32 个单元的 \`SimpleRNN\`，后面接一个输出 8 个未来值的 \`Dense\` 层。这是回归问题，损失函数是均方误差，没有准确率。

预测图画出了网络看到的 32 步、真实的后续走势和网络的预测。按下播放，看预测曲线怎样一点点贴到真实曲线上。`,
      },
      task: { en: 'Train until the test loss is below 0.03.', 'zh-CN': '训练到测试损失低于 0.03。' },
      check: 'testLoss < 0.03',
      showMe: [{ run: 'play' }],
      hints: [{ en: 'It takes 3 to 4 epochs.', 'zh-CN': '大约需要 3 到 4 个迭代周期。' }],
    },
    {
      target: 'recurrent',
      text: {
        en: `How can one layer read a sequence of any length? It applies the **same** weights at every time step and passes a *hidden state* $h_t$ from step to step:

$$h_t = \\phi(W_{xh} x_t + W_{hh} h_{t-1} + b)$$

Here $x_t$ is the input at step $t$ (one number of the wave), $h_{t-1}$ the state after the previous step, and $\\phi$ is $\\tanh$. After the last step, $h_T$ summarises the whole window, and the \`Dense\` layer turns it into the forecast.

The recurrent view *unrolls* the layer over time: one column per step, one row per hidden unit, red for negative and blue for positive. Many units swing with the wave's phase: the state is tracking where on the wave we are.`,
        'zh-CN': `一层网络怎么能读任意长度的序列？它在每个时间步都使用**同一组**权重，并把*隐状态* $h_t$ 一步步传下去：

$$h_t = \\phi(W_{xh} x_t + W_{hh} h_{t-1} + b)$$

其中 $x_t$ 是第 $t$ 步的输入（波形上的一个值），$h_{t-1}$ 是上一步之后的隐状态，$\\phi$ 取 $\\tanh$。读完最后一步，$h_T$ 概括了整个窗口，\`Dense\` 层再把它变成预测值。

循环视图把这一层*按时间展开*：每一列是一个时间步，每一行是一个隐藏单元，红色为负、蓝色为正。很多单元随着波的相位起伏——隐状态在记录“我们正处在波的哪个位置”。`,
      },
    },
    {
      load: { from: { template: 'lstmForecast' }, changes: [{ type: 'sequence', patch: { sumOfSines: true } }, ...toSimpleRnn], seed: 1 },
      target: 'sequence-options',
      text: {
        en: `A single sine is easy: its phase and its slope decide the rest. Make it harder: this step turns on **sum of sines** (in the sequence options), so each example is the sum of three waves of different frequencies. The network must now keep track of three phases at once in its 32 numbers of state.

Watch the forecast and the loss chart: the broad shape comes within an epoch or two, then the loss levels off near 0.05. The three phases must be read off a short, noisy window (the noise is on the inputs), and the fast wiggles take much longer to learn.`,
        'zh-CN': `单个正弦波很容易：知道相位和斜率，后面的走势就确定了。来点难的：这一步打开了（序列选项中的）**正弦之和**，每个样本是三个不同频率的正弦波之和。网络得在 32 维的隐状态里同时记住三个相位。

看预测曲线和损失曲线：一两个迭代周期内就能学会大致的形状，之后损失停在 0.05 附近。三个相位得从一段短而带噪声的窗口里估计出来（噪声加在输入上），较快的小起伏也要学很久。`,
      },
      task: { en: 'Train on the sum of sines for at least 2 epochs, until the test loss is below 0.08.', 'zh-CN': '在正弦之和上训练至少 2 个迭代周期，直到测试损失低于 0.08。' },
      check: 'testLoss < 0.08 and epoch >= 2',
      showMe: [{ run: 'play' }],
    },
    {
      target: 'recurrent',
      text: {
        en: `What you have seen:

- an RNN reads one step at a time and reuses its weights $W_{xh}$, $W_{hh}$ at every step, so it has few parameters whatever the length;
- all it knows about the past is the vector $h_t$;
- training it is ordinary 反向传播 through the *unrolled* network, called *backpropagation through time*.

That last point has a catch, which the next lesson shows: the gradient must travel back through $W_{hh}$ and $\\tanh$ once per step, and it fades.`,
        'zh-CN': `小结：

- 循环神经网络一次读一个时间步，每一步都复用同一组权重 $W_{xh}$、$W_{hh}$，所以无论序列多长，参数都很少；
- 它对过去的全部记忆就是向量 $h_t$；
- 训练时对*展开后*的网络做普通的反向传播，称为*通过时间反向传播*。

最后一点有个隐患，下一课会看到：梯度每往回走一步都要经过一次 $W_{hh}$ 和 $\\tanh$，于是越传越弱。`,
      },
    },
  ],
};
