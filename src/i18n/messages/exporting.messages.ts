import { defineMessages } from '../define';

/** Strings of templates (`template.<id>.name`, `template.<id>.note`) and code export (`export.`). */
export const exporting = defineMessages({
  'template.perceptron.name': { en: 'Perceptron', 'zh-CN': '感知机' },
  'template.perceptron.note': {
    en: "Frank Rosenblatt's perceptron (1958) was the first machine that learned its weights from examples, and it was built as real hardware. Minsky and Papert's 1969 proof that one such unit cannot learn XOR helped bring on the first AI winter.",
    'zh-CN':
      '弗兰克·罗森布拉特于 1958 年提出的感知机，是第一台能从样例中学习权重的机器，当时还造成了真正的硬件。1969 年明斯基和佩珀特证明单个这样的单元学不会异或（XOR），这促成了第一次人工智能寒冬。',
  },
  'template.mlp.name': { en: 'Multi-layer perceptron', 'zh-CN': '多层感知机' },
  'template.mlp.note': {
    en: 'Stacking layers of units with a smooth activation lets a network draw curved boundaries, such as the one XOR needs. Rumelhart, Hinton and Williams showed in 1986 that backpropagation can train such hidden layers, and it is still how every network here learns.',
    'zh-CN':
      '把带平滑激活函数的神经元一层层叠起来，网络就能画出弯曲的分界线，比如异或问题所需要的那种。1986 年鲁梅尔哈特、辛顿和威廉姆斯证明反向传播可以训练这些隐藏层，如今这里的每个网络仍靠它来学习。',
  },
  'template.lenet5.name': { en: 'LeNet-5', 'zh-CN': 'LeNet-5' },
  'template.lenet5.note': {
    en: "Yann LeCun's LeNet-5 (1998) read handwritten digits on bank cheques: small shared convolution filters, pooling, then ordinary dense layers. With only 61,706 weights it set the pattern every image network since has followed.",
    'zh-CN':
      '杨立昆的 LeNet-5（1998 年）用于识别银行支票上的手写数字：先用共享权重的小卷积核和汇聚，再接普通的全连接层。它只有 61,706 个权重，却奠定了此后所有图像网络的基本格局。',
  },
  'template.alexnet.name': { en: 'AlexNet (toy)', 'zh-CN': 'AlexNet（迷你版）' },
  'template.alexnet.note': {
    en: 'AlexNet won the 2012 ImageNet challenge by a wide margin and started the deep-learning boom. Its recipe was ReLU activations, overlapping max pooling, dropout and training on GPUs; this toy version keeps the layout at a size your browser can train.',
    'zh-CN':
      'AlexNet 在 2012 年 ImageNet 竞赛中以巨大优势夺冠，掀起了深度学习热潮。它的秘诀是 ReLU 激活、重叠的最大汇聚、Dropout 以及用 GPU 训练；这个迷你版保留了它的结构，规模小到浏览器也能训练。',
  },
  'template.vgg.name': { en: 'VGG (toy)', 'zh-CN': 'VGG（迷你版）' },
  'template.vgg.note': {
    en: 'VGG (2014) showed that depth matters and that 3×3 convolutions are all you need: two stacked 3×3 layers see as far as one 5×5 with fewer weights. Its plain, regular blocks made it a favourite starting point for later work.',
    'zh-CN':
      'VGG（2014 年）表明网络深度很重要，而且只用 3×3 卷积就够了：两层 3×3 叠在一起的视野和一层 5×5 相同，权重却更少。它朴素规整的模块使它成为后来许多工作的首选起点。',
  },
  'template.resnet.name': { en: 'ResNet (toy)', 'zh-CN': 'ResNet（迷你版）' },
  'template.resnet.note': {
    en: 'ResNet (2015) adds each block\'s input back to its output, so a block only has to learn a correction. These shortcuts, together with batch normalization, let networks grow to over a hundred layers without getting harder to train.',
    'zh-CN':
      'ResNet（2015 年）把每个模块的输入直接加回到输出上，于是模块只需学习一个修正量。这些捷径连接再加上批量规范化，让网络可以加深到一百多层而不变得更难训练。',
  },
  'template.densenet.name': { en: 'DenseNet (toy)', 'zh-CN': 'DenseNet（迷你版）' },
  'template.densenet.note': {
    en: 'DenseNet (2017) concatenates every earlier feature map in a block as the input of the next layer, instead of adding them. Each layer then only needs a few new channels, so it reaches ResNet\'s accuracy with far fewer weights.',
    'zh-CN':
      'DenseNet（2017 年）不是把特征图相加，而是把模块内之前所有层的特征图拼接起来，作为下一层的输入。这样每层只需新增几个通道，用少得多的权重就能达到 ResNet 的准确率。',
  },
  'template.simpleRnn.name': { en: 'Simple RNN', 'zh-CN': '简单循环网络' },
  'template.simpleRnn.note': {
    en: "Jeffrey Elman's simple recurrent network (1990) feeds its own previous state back in at every step, giving a network a memory of what it has read. Gradients through many steps fade away or explode, which limits how far back it can remember.",
    'zh-CN':
      '杰弗里·埃尔曼的简单循环网络（1990 年）在每一步都把自己上一步的状态再送回输入，让网络记得读过的内容。但梯度经过许多步后会消失或爆炸，所以它记不了太久以前的事。',
  },
  'template.lstm.name': { en: 'LSTM', 'zh-CN': 'LSTM（长短期记忆网络）' },
  'template.lstm.note': {
    en: "Hochreiter and Schmidhuber's long short-term memory (1997) keeps a cell state that gates decide to write, keep or forget. Because the state can pass many steps almost unchanged, it learns long-range patterns; it powered speech recognition and translation in the 2010s.",
    'zh-CN':
      '霍赫赖特和施密德胡伯提出的长短期记忆网络（1997 年）维护一个细胞状态，由门来决定写入、保留还是遗忘。状态能几乎不变地跨越许多步，因此它能学到长距离的规律；2010 年代的语音识别和机器翻译都靠它驱动。',
  },
  'template.gru.name': { en: 'GRU', 'zh-CN': 'GRU（门控循环单元）' },
  'template.gru.note': {
    en: 'The gated recurrent unit of Cho and colleagues (2014) merges the LSTM\'s gates into two and drops the separate cell state. It has a quarter fewer weights and often learns just as well.',
    'zh-CN': '赵庆贤等人提出的门控循环单元（2014 年）把 LSTM 的门合并为两个，并去掉了单独的细胞状态。它的权重少了四分之一，学习效果却常常不相上下。',
  },
  'template.biLstm.name': { en: 'Bidirectional LSTM', 'zh-CN': '双向 LSTM' },
  'template.biLstm.note': {
    en: 'A bidirectional network (Schuster and Paliwal, 1997) reads the sequence forwards and backwards with two recurrent layers and joins what both found. Every position then knows its whole context, which made bidirectional LSTMs the standard for tagging and speech in the 2010s.',
    'zh-CN':
      '双向网络（舒斯特与帕利瓦尔，1997 年）用两个循环层分别正向和反向读取序列，再把两者的结果合在一起。这样每个位置都能看到完整的上下文，双向 LSTM 因此成了 2010 年代序列标注和语音识别的标准做法。',
  },
  'template.transformerEncoder.name': { en: 'Transformer encoder', 'zh-CN': 'Transformer 编码器' },
  'template.transformerEncoder.note': {
    en: '"Attention Is All You Need" (Vaswani et al., 2017) dropped recurrence: every token looks at every other token at once through self-attention, with positional encodings saying where each one sits. Stacks of these encoder blocks became BERT and the base of modern language models.',
    'zh-CN':
      '《Attention Is All You Need》（瓦斯瓦尼等，2017 年）抛弃了循环结构：每个词元通过自注意力同时关注所有其他词元，再用位置编码说明各自的位置。这种编码器模块堆叠起来就成了 BERT，也是现代语言模型的基础。',
  },
  'template.transformerSeq2seq.name': { en: 'Transformer (encoder–decoder)', 'zh-CN': 'Transformer（编码器–解码器）' },
  'template.transformerSeq2seq.note': {
    en: 'The original Transformer (2017) translated sentences: an encoder reads the source, and a decoder writes the target one token at a time, attending to its own earlier tokens (causally) and to the encoder\'s output. It beat recurrent translators while training much faster in parallel.',
    'zh-CN':
      '最初的 Transformer（2017 年）用于翻译句子：编码器读取源句，解码器逐个生成目标词元，既（因果地）关注自己已生成的词元，也关注编码器的输出。它超越了基于循环网络的翻译模型，而且能并行训练，速度快得多。',
  },
  'template.miniGpt.name': { en: 'Mini GPT (characters)', 'zh-CN': '迷你 GPT（字符级）' },
  'template.miniGpt.note': {
    en: 'GPT (Radford et al., 2018) is a stack of Transformer blocks with a causal mask: each position sees only what came before it and learns to predict the next token. This one reads characters of a shipped text, so after training it writes in that style, one character at a time.',
    'zh-CN':
      'GPT（拉德福德等，2018 年）是一叠带因果掩码的 Transformer 模块：每个位置只能看到它之前的内容，并学习预测下一个词元。这里它读取随应用附带文本中的字符，训练后便能按那种风格一个字一个字地写下去。',
  },
  'template.lstmForecast.name': { en: 'LSTM forecaster', 'zh-CN': 'LSTM 预测器' },
  'template.lstmForecast.note': {
    en: 'LSTMs were long the tool for time series (speech, sensors, prices): the cell state carries the rhythm of what it has read, and the last state is turned into the next values. Here it reads a window of a noisy sine wave and forecasts the steps that follow.',
    'zh-CN':
      'LSTM 长期以来是处理时间序列（语音、传感器、价格）的利器：细胞状态记住已读内容的节奏，最后的状态被转换成接下来的数值。这里它读取一段带噪声的正弦波，预测随后的若干步。',
  },
});
