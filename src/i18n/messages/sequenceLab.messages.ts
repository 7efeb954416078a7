import { defineMessages } from '../define';

/** Strings of the sequence lab: its data column, probe picker, predictions, generation and forecast. */
export const sequenceLab = defineMessages({
  'sequence.lab.region': { en: 'Sequence lab', 'zh-CN': '序列实验室' },

  // The data column: which task, and a line on what it teaches
  'sequence.lab.pick': { en: 'Which sequence task?', 'zh-CN': '选择一个序列任务：' },
  'sequence.lab.kind.reverse': { en: 'Reverse', 'zh-CN': '反转' },
  'sequence.lab.kind.copy': { en: 'Copy', 'zh-CN': '复制' },
  'sequence.lab.kind.sort': { en: 'Sort', 'zh-CN': '排序' },
  'sequence.lab.kind.add': { en: 'Add', 'zh-CN': '加法' },
  'sequence.lab.kind.numberWords': { en: 'Number words', 'zh-CN': '数字读法' },
  'sequence.lab.kind.sine': { en: 'Sine forecast', 'zh-CN': '正弦预测' },
  'sequence.lab.kind.charLm': { en: 'Write text', 'zh-CN': '续写文本' },
  'sequence.lab.kind.sentiment': { en: 'Sentiment', 'zh-CN': '情感' },
  'sequence.lab.thumb.reverse': { en: '3 1 4 → 4 1 3', 'zh-CN': '3 1 4 → 4 1 3' },
  'sequence.lab.thumb.copy': { en: '3 1 4 → 3 1 4', 'zh-CN': '3 1 4 → 3 1 4' },
  'sequence.lab.thumb.sort': { en: '3 1 4 → 1 3 4', 'zh-CN': '3 1 4 → 1 3 4' },
  'sequence.lab.thumb.add': { en: '47+85 → 132', 'zh-CN': '47+85 → 132' },
  'sequence.lab.thumb.numberWords': { en: 'twelve → 1 2', 'zh-CN': '十二 → 1 2' },
  'sequence.lab.thumb.sine': { en: '∿∿∿ → ∿', 'zh-CN': '∿∿∿ → ∿' },
  'sequence.lab.thumb.charLm': { en: 'hell → o', 'zh-CN': '你好 → 吗' },
  'sequence.lab.thumb.sentiment': { en: 'loved it → ☺', 'zh-CN': '很好看 → ☺' },
  'sequence.lab.about.reverse': {
    en: 'Write the digits backwards. A trained attention head looks along the anti-diagonal: output step i reads input digit n−1−i.',
    'zh-CN': '把数字倒过来写。训练好的注意力头沿反对角线看：第 i 步输出读取第 n−1−i 个输入数字。',
  },
  'sequence.lab.about.copy': {
    en: 'Write the digits again. The easiest task: attention learns the diagonal, each step reading its own position.',
    'zh-CN': '把数字原样再写一遍。最简单的任务：注意力学会对角线，每一步读取自己的位置。',
  },
  'sequence.lab.about.sort': {
    en: 'Write the digits smallest first. Each output step must find the next smallest digit, wherever it sits.',
    'zh-CN': '把数字从小到大写出。每一步输出都要找出下一个最小的数字，不管它在哪里。',
  },
  'sequence.lab.about.add': {
    en: 'Add two numbers digit by digit. The carry makes each answer digit depend on the digits to its right.',
    'zh-CN': '逐位相加两个数。进位让答案的每一位都取决于它右边的数位。',
  },
  'sequence.lab.about.numberWords': {
    en: 'Translate between number words and digits: answers and inputs differ in length, so an encoder–decoder reads one and writes the other.',
    'zh-CN': '在数字读法和数字之间翻译：输入和答案长度不同，所以由编码器–解码器读一边、写另一边。',
  },
  'sequence.lab.about.sine': {
    en: 'Read a stretch of a wave and forecast how it goes on. A recurrent network carries the phase in its state.',
    'zh-CN': '读入一段波形，预测它接下来怎么走。循环网络在状态里记住相位。',
  },
  'sequence.lab.about.charLm': {
    en: 'Predict each next character of a text. A causal mask keeps every position from peeking ahead; then the model can write.',
    'zh-CN': '预测文本中的每一个下一个字符。因果掩码让每个位置都看不到后面；训练后模型就能续写。',
  },
  'sequence.lab.about.sentiment': {
    en: 'Read a sentence and say whether it is positive or negative. Words like “not” flip the meaning of what follows.',
    'zh-CN': '读一个句子，判断它是正面还是负面。像“不”这样的词会反转后面的意思。',
  },
  'sequence.lab.other': { en: 'Points and images', 'zh-CN': '二维点和图像' },
  'sequence.lab.examples': { en: 'Examples: {n}', 'zh-CN': '样本数：{n}' },

  // The probe picker
  'sequence.lab.probe.title': { en: 'Test examples', 'zh-CN': '测试样本' },
  'sequence.lab.probe.pick': { en: 'Look inside for a test example:', 'zh-CN': '选择一个测试样本，观察网络内部：' },
  'sequence.lab.probe.waiting': { en: 'Test examples appear here once the data is ready.', 'zh-CN': '数据准备好后，测试样本会显示在这里。' },
  'sequence.lab.probe.item': { en: 'Test example {n}', 'zh-CN': '测试样本 {n}' },
  'sequence.lab.probe.series': { en: 'Test example {n}: the window and what follows', 'zh-CN': '测试样本 {n}：输入窗口和后续走势' },
  'sequence.lab.negative': { en: 'Negative', 'zh-CN': '负面' },
  'sequence.lab.positive': { en: 'Positive', 'zh-CN': '正面' },

  // Inside the network
  'sequence.lab.inside.title': { en: 'Inside the network', 'zh-CN': '网络内部' },
  'sequence.lab.inside.probe': { en: 'Test example {n}:', 'zh-CN': '测试样本 {n}：' },
  'sequence.lab.inside.waiting': {
    en: 'Press play or step: these views then show what the network does with the chosen test example.',
    'zh-CN': '按下播放或单步：这里会显示网络如何处理所选的测试样本。',
  },
  'sequence.lab.inside.none': {
    en: 'This network has no attention, positional encoding or recurrent layer, so there is nothing to look inside here. Add one (or open a Transformer or LSTM template) to see where each token looks, how positions are written in, or how a state carries through time.',
    'zh-CN': '这个网络没有注意力层、位置编码或循环层，所以这里没有可看的内部结构。加入一个（或打开 Transformer 或 LSTM 模板），就能看到每个词元在关注哪里、位置是怎样编码的，以及状态如何随时间传递。',
  },
  'sequence.lab.layer': { en: 'Layer {layer}', 'zh-CN': '层 {layer}' },
  'sequence.lab.rnn.forward': { en: '{layer} · forward direction', 'zh-CN': '{layer} · 正向' },
  'sequence.lab.rnn.backward': { en: '{layer} · backward direction', 'zh-CN': '{layer} · 反向' },

  // Output numbers and chart
  'sequence.lab.tokenAccTest': { en: 'Test token accuracy', 'zh-CN': '测试词元准确率' },
  'sequence.lab.tokenAccTrain': { en: 'Training token accuracy', 'zh-CN': '训练词元准确率' },
  'sequence.lab.seqAccTest': { en: 'Test sequence accuracy', 'zh-CN': '测试序列准确率' },
  'sequence.lab.seqAccTrain': { en: 'Training sequence accuracy', 'zh-CN': '训练序列准确率' },
  'sequence.lab.acc.explain': {
    en: 'Token accuracy counts single tokens; sequence accuracy counts examples with every token right.',
    'zh-CN': '词元准确率按单个词元计；序列准确率只计所有词元都对的样本。',
  },
  'sequence.lab.chart.sequence': { en: 'Whole sequence', 'zh-CN': '整个序列' },
  'sequence.lab.chart.sequenceTitle': {
    en: 'Share of examples with every token right (the other two curves count single tokens)',
    'zh-CN': '所有词元都对的样本比例（另外两条曲线按单个词元计）',
  },

  // Predictions for the probe
  'sequence.lab.pred.title': { en: 'Prediction for test example {n}', 'zh-CN': '对测试样本 {n} 的预测' },
  'sequence.lab.pred.waiting': { en: 'The prediction appears once the network has run.', 'zh-CN': '网络运行后，这里会显示预测。' },
  'sequence.lab.pred.label': { en: 'Prediction per output step', 'zh-CN': '每个输出步的预测' },
  'sequence.lab.pred.step': { en: 'Step', 'zh-CN': '步' },
  'sequence.lab.pred.input': { en: 'Input', 'zh-CN': '输入' },
  'sequence.lab.pred.decoderInput': { en: 'Decoder reads', 'zh-CN': '解码器读入' },
  'sequence.lab.pred.target': { en: 'Target', 'zh-CN': '目标' },
  'sequence.lab.pred.predicted': { en: 'Predicted', 'zh-CN': '预测' },
  'sequence.lab.pred.prob': { en: 'Probability', 'zh-CN': '概率' },
  'sequence.lab.pred.right': { en: 'right', 'zh-CN': '正确' },
  'sequence.lab.pred.wrong': { en: 'wrong', 'zh-CN': '错误' },
  'sequence.lab.pred.pad': { en: 'padding, not scored', 'zh-CN': '填充，不计分' },
  'sequence.lab.pred.summary': { en: '{right} of {scored} tokens right', 'zh-CN': '{scored} 个词元中对了 {right} 个' },
  'sequence.lab.pred.answer': { en: 'Answer', 'zh-CN': '回答' },
  'sequence.lab.pred.expected': { en: 'Expected', 'zh-CN': '期望' },
  'sequence.lab.pred.free': { en: 'On its own', 'zh-CN': '独立作答' },
  'sequence.lab.pred.freeHint': {
    en: 'The decoder writing without help: each step reads its own previous output instead of the true token (the table below is teacher-forced: it reads the true tokens).',
    'zh-CN': '解码器独立写出答案：每一步读取自己上一步的输出，而不是正确的词元（下表使用教师强制：读取的是正确词元）。',
  },
  'sequence.lab.pred.sentence': { en: 'Sentence', 'zh-CN': '句子' },

  // Text generation and the next character
  'sequence.lab.gen.title': { en: 'Let the model write', 'zh-CN': '让模型续写' },
  'sequence.lab.gen.prompt': { en: 'Prompt', 'zh-CN': '开头' },
  'sequence.lab.gen.temperature': { en: 'Temperature: {v}', 'zh-CN': '温度：{v}' },
  'sequence.lab.gen.topK': { en: 'Top-k: {k}', 'zh-CN': 'Top-k：{k}' },
  'sequence.lab.gen.topKAll': { en: 'Top-k: all characters', 'zh-CN': 'Top-k：全部字符' },
  'sequence.lab.gen.length': { en: 'Characters to write: {n}', 'zh-CN': '续写字符数：{n}' },
  'sequence.lab.gen.useProbe': { en: 'Use the test example’s text', 'zh-CN': '改用测试样本的文本' },
  'sequence.lab.gen.go': { en: 'Generate', 'zh-CN': '生成' },
  'sequence.lab.gen.busy': { en: 'Writing…', 'zh-CN': '正在续写…' },
  'sequence.lab.gen.hint': {
    en: 'Low temperature picks the likeliest characters (safe, repetitive); high temperature takes more chances. Top-k keeps only the k likeliest.',
    'zh-CN': '低温度挑最可能的字符（稳妥但重复）；高温度更爱冒险。Top-k 只保留最可能的 k 个字符。',
  },
  'sequence.lab.gen.output': { en: 'Generated text', 'zh-CN': '生成的文本' },
  'sequence.lab.gen.char': { en: '‘{char}’: the model gave it {p}', 'zh-CN': '‘{char}’：模型给它的概率是 {p}' },
  'sequence.lab.gen.unlikely': {
    en: 'Grey text is your prompt; underlined characters were unlikely (under 10%) and chosen by chance.',
    'zh-CN': '灰色是你给的开头；带下划线的字符可能性很低（不到 10%），是碰巧选中的。',
  },
  'sequence.lab.next.title': { en: 'Next character after “{context}”', 'zh-CN': '“{context}”之后的下一个字符' },
  'sequence.lab.next.label': { en: 'Next-character probabilities after temperature and top-k', 'zh-CN': '经过温度和 top-k 调整后的下一个字符概率' },
  'sequence.lab.next.raw': { en: 'model: {p}', 'zh-CN': '模型：{p}' },
  'sequence.lab.next.entropy': {
    en: 'Choosing among about {n} characters ({bits} bits)',
    'zh-CN': '大约在 {n} 个字符之间选择（{bits} 比特）',
  },
  'sequence.lab.next.hint': {
    en: 'Bars: the probabilities the sliders above make of the model’s own (the faint bars), for the test example’s last position. Moving a slider reshapes them at once; the model is not asked again.',
    'zh-CN': '条形：上面的滑块对模型自身概率（浅色条）调整后的结果，针对测试样本的最后一个位置。移动滑块会立即改变它们，无需再次运行模型。',
  },

  // Forecast
  'sequence.lab.fc.label': { en: 'Forecast: {window} steps seen, {horizon} forecast', 'zh-CN': '预测：看到 {window} 步，预测 {horizon} 步' },
  'sequence.lab.fc.seen': { en: 'Seen', 'zh-CN': '已看到' },
  'sequence.lab.fc.truth': { en: 'True next', 'zh-CN': '真实后续' },
  'sequence.lab.fc.forecast': { en: 'Forecast', 'zh-CN': '预测' },
  'sequence.lab.fc.time': { en: 'Time step', 'zh-CN': '时间步' },
  'sequence.lab.fc.value': { en: 'Value', 'zh-CN': '数值' },
  'sequence.lab.fc.error': { en: 'Mean absolute error of this forecast: {v}', 'zh-CN': '这次预测的平均绝对误差：{v}' },
});
