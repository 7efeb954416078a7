import { defineMessages } from '../define';

/**
 * The layer catalog's texts: each type's name and one-line description (`layer.<Type>.*`), a
 * tooltip per parameter (`param.<Type>.<name>`) and the shape errors these layers report (`err.*`).
 */
export const layers = defineMessages({
  // --- Shape errors ------------------------------------------------------------------------------
  'err.conv.rank': {
    en: 'Conv2D needs an image input (height×width×channels), but it gets {shape}. Add a Reshape or start from an image Input.',
    'zh-CN': '二维卷积需要图像输入（高×宽×通道），但它得到的是 {shape}。请加一个变形层，或从图像输入开始。',
  },
  'err.conv.tooSmall': {
    en: 'The {size} kernel is larger than the {shape} input, so with “valid” padding it fits nowhere. Use a smaller kernel, “same” padding, or a larger input.',
    'zh-CN': '{size} 的卷积核比输入 {shape} 还大，在“valid”填充下放不下。请换更小的卷积核、改用“same”填充，或使用更大的输入。',
  },
  'err.conv.channels': {
    en: 'Conv2D needs to know how many channels its input has (the last dimension of {shape}).',
    'zh-CN': '二维卷积需要知道输入有多少个通道（即 {shape} 的最后一维）。',
  },
  'err.pool.rank': {
    en: 'Pooling needs an image input (height×width×channels), but it gets {shape}. Add a Reshape or place it after a Conv2D.',
    'zh-CN': '汇聚层需要图像输入（高×宽×通道），但它得到的是 {shape}。请加一个变形层，或把它放在二维卷积之后。',
  },
  'err.pool.tooSmall': {
    en: 'The {size} pooling window is larger than the {shape} input, so with “valid” padding it fits nowhere. Use a smaller window or “same” padding.',
    'zh-CN': '{size} 的汇聚窗口比输入 {shape} 还大，在“valid”填充下放不下。请换更小的窗口，或改用“same”填充。',
  },
  'err.flatten.flat': {
    en: 'The input {shape} is already flat: Flatten is for inputs with two or more dimensions, such as images. Remove this layer.',
    'zh-CN': '输入 {shape} 已经是一维的了：展平层用于二维及以上的输入（例如图像）。请删除这个层。',
  },
  'err.flatten.unknown': {
    en: 'Flatten needs to know every dimension of its input, but {shape} has one of any size (?).',
    'zh-CN': '展平层需要知道输入的每一维大小，但 {shape} 中有一维大小不定（?）。',
  },
  'err.reshape.unknown': {
    en: 'Reshape needs to know how many values its input has, but {shape} has a dimension of any size (?).',
    'zh-CN': '变形层需要知道输入共有多少个数，但 {shape} 中有一维大小不定（?）。',
  },
  'err.reshape.count': {
    en: 'Reshape cannot turn {from} ({n} values) into {to} ({m} values): the number of values must stay the same.',
    'zh-CN': '变形层无法把 {from}（{n} 个数）变成 {to}（{m} 个数）：数值的总个数必须保持不变。',
  },
  'err.norm.unknownLast': {
    en: 'Normalization learns one scale and shift per feature, so it needs to know the size of the last dimension of {shape}.',
    'zh-CN': '规范化层为每个特征学习一个缩放和平移，所以需要知道 {shape} 最后一维的大小。',
  },
  'err.add.shapes': {
    en: 'Add needs inputs of the same shape: {a} and {b}',
    'zh-CN': '相加层需要形状相同的输入：{a} 和 {b}',
  },
  'err.concat.rank': {
    en: 'Concatenate needs inputs with the same number of dimensions: {a} and {b}',
    'zh-CN': '拼接层需要维数相同的输入：{a} 和 {b}',
  },
  'err.concat.axis': {
    en: 'Concatenate joins along axis {axis}, but its input {shape} has only {rank} dimension(s). Choose an axis closer to -1.',
    'zh-CN': '拼接层沿第 {axis} 轴连接，但输入 {shape} 只有 {rank} 维。请选一个更接近 -1 的轴。',
  },
  'err.concat.shapes': {
    en: 'Concatenate joins {a} and {b} along dimension {axis}, so all other dimensions must match, but dimension {dim} differs ({x} vs {y}).',
    'zh-CN': '拼接层沿第 {axis} 维连接 {a} 和 {b}，其余各维必须相同，但第 {dim} 维不同（{x} 与 {y}）。',
  },
  'err.embedding.rank': {
    en: 'Embedding needs a sequence of token ids (a shape like 20), but it gets {shape}.',
    'zh-CN': '嵌入层需要一串词元编号（形状如 20），但它得到的是 {shape}。',
  },

  // --- Flatten, Reshape ------------------------------------------------------------------------
  'layer.Flatten.name': { en: 'Flatten', 'zh-CN': '展平' },
  'layer.Flatten.desc': {
    en: 'Lays all values out in one long row, e.g. an image before Dense layers.',
    'zh-CN': '把所有数值排成一长行，比如在全连接层之前展开一张图像。',
  },
  'layer.Reshape.name': { en: 'Reshape', 'zh-CN': '变形' },
  'layer.Reshape.desc': {
    en: 'Arranges the same values in a new shape, e.g. 784 numbers as a 28×28×1 image.',
    'zh-CN': '把同样的数值排成新的形状，比如把 784 个数排成 28×28×1 的图像。',
  },
  'param.Reshape.targetShape': {
    en: 'The new shape. It must hold exactly as many values as the input (e.g. 28×28×1 = 784).',
    'zh-CN': '新的形状。它包含的数值个数必须和输入完全相同（例如 28×28×1 = 784）。',
  },

  // --- Conv2D ----------------------------------------------------------------------------------
  'layer.Conv2D.name': { en: '2-D convolution', 'zh-CN': '二维卷积' },
  'layer.Conv2D.desc': {
    en: 'Slides small learned filters over an image to detect local patterns such as edges.',
    'zh-CN': '让一组可学习的小卷积核在图像上滑动，检测边缘等局部图案。',
  },
  'param.Conv2D.filters': {
    en: 'How many filters (patterns) to learn; each one gives an output channel. More filters see more kinds of patterns but cost more.',
    'zh-CN': '要学习多少个卷积核（图案）；每个卷积核产生一个输出通道。卷积核越多，能识别的图案种类越多，但计算量也越大。',
  },
  'param.Conv2D.kernelSize': {
    en: 'The width and height of each filter, in pixels (3 means 3×3). Larger kernels see bigger patterns at once.',
    'zh-CN': '每个卷积核的宽和高（像素），3 表示 3×3。卷积核越大，一次能看到的图案越大。',
  },
  'param.Conv2D.strides': {
    en: 'How many pixels the filter moves at each step. A stride of 2 halves the height and width of the output.',
    'zh-CN': '卷积核每一步移动多少个像素。步幅为 2 时，输出的高和宽减半。',
  },
  'param.Conv2D.padding': {
    en: '“valid”: the filter stays inside the image, so the output shrinks. “same”: zeros are added around the border so the output keeps the size (divided by the stride).',
    'zh-CN': '“valid”：卷积核只在图像内部滑动，输出会变小。“same”：在边缘补零，使输出保持原来的大小（再除以步幅）。',
  },
  'param.Conv2D.activation': {
    en: 'The function applied to each output value; ReLU is the usual choice for convolutions.',
    'zh-CN': '作用在每个输出值上的函数；卷积层通常用 ReLU。',
  },
  'param.Conv2D.useBias': {
    en: 'Whether each filter also learns a constant added to its output (one extra parameter per filter).',
    'zh-CN': '每个卷积核是否再学习一个加到输出上的常数（每个卷积核多一个参数）。',
  },

  // --- Pooling ---------------------------------------------------------------------------------
  'layer.MaxPool2D.name': { en: 'Max pooling', 'zh-CN': '最大汇聚' },
  'layer.MaxPool2D.desc': {
    en: 'Shrinks an image by keeping the largest value of each small window.',
    'zh-CN': '在每个小窗口中只保留最大值，从而缩小图像（汇聚层，也常译作池化层）。',
  },
  'param.MaxPool2D.poolSize': {
    en: 'The width and height of each window (2 means 2×2). Larger windows shrink the image more.',
    'zh-CN': '每个窗口的宽和高，2 表示 2×2。窗口越大，图像缩得越小。',
  },
  'param.MaxPool2D.strides': {
    en: 'How many pixels the window moves at each step; 0 means as far as the window is wide, so windows do not overlap.',
    'zh-CN': '窗口每一步移动多少个像素；0 表示移动一个窗口的宽度，窗口之间不重叠。',
  },
  'param.MaxPool2D.padding': {
    en: '“valid”: only whole windows inside the image are used. “same”: the border is padded so the output is the input size divided by the stride.',
    'zh-CN': '“valid”：只使用完全位于图像内的窗口。“same”：在边缘补齐，使输出大小等于输入大小除以步幅。',
  },
  'layer.AvgPool2D.name': { en: 'Average pooling', 'zh-CN': '平均汇聚' },
  'layer.AvgPool2D.desc': {
    en: 'Shrinks an image by averaging the values of each small window.',
    'zh-CN': '对每个小窗口中的数值取平均，从而缩小图像。',
  },
  'param.AvgPool2D.poolSize': {
    en: 'The width and height of each window (2 means 2×2). Larger windows shrink the image more.',
    'zh-CN': '每个窗口的宽和高，2 表示 2×2。窗口越大，图像缩得越小。',
  },
  'param.AvgPool2D.strides': {
    en: 'How many pixels the window moves at each step; 0 means as far as the window is wide, so windows do not overlap.',
    'zh-CN': '窗口每一步移动多少个像素；0 表示移动一个窗口的宽度，窗口之间不重叠。',
  },
  'param.AvgPool2D.padding': {
    en: '“valid”: only whole windows inside the image are used. “same”: the border is padded so the output is the input size divided by the stride.',
    'zh-CN': '“valid”：只使用完全位于图像内的窗口。“same”：在边缘补齐，使输出大小等于输入大小除以步幅。',
  },
  'layer.GlobalAveragePooling2D.name': { en: 'Global average pooling', 'zh-CN': '全局平均汇聚' },
  'layer.GlobalAveragePooling2D.desc': {
    en: 'Averages each channel over the whole image, leaving one number per channel.',
    'zh-CN': '对每个通道在整张图像上取平均，每个通道只留下一个数。',
  },

  // --- Normalization ---------------------------------------------------------------------------
  'layer.BatchNormalization.name': { en: 'Batch normalization', 'zh-CN': '批量规范化' },
  'layer.BatchNormalization.desc': {
    en: 'Rescales each feature to mean 0 and spread 1 over the batch, which makes training faster and steadier.',
    'zh-CN': '按批次把每个特征调整为均值 0、方差 1，让训练更快更稳定。',
  },
  'param.BatchNormalization.momentum': {
    en: 'How slowly the running mean and variance (used after training) follow each batch; closer to 1 means smoother but slower to adapt.',
    'zh-CN': '训练后使用的滑动均值和方差跟随每个批次变化的快慢；越接近 1 越平滑，但适应得越慢。',
  },
  'param.BatchNormalization.epsilon': {
    en: 'A tiny number added to the variance so that dividing by it is always safe.',
    'zh-CN': '加到方差上的一个很小的数，保证除法始终安全。',
  },
  'layer.LayerNormalization.name': { en: 'Layer normalization', 'zh-CN': '层规范化' },
  'layer.LayerNormalization.desc': {
    en: 'Rescales the features of each example to mean 0 and spread 1, as Transformers do.',
    'zh-CN': '把每个样本自身的特征调整为均值 0、方差 1，Transformer 中就这样做。',
  },
  'param.LayerNormalization.epsilon': {
    en: 'A tiny number added to the variance so that dividing by it is always safe.',
    'zh-CN': '加到方差上的一个很小的数，保证除法始终安全。',
  },

  // --- Merge -----------------------------------------------------------------------------------
  'layer.Add.name': { en: 'Add', 'zh-CN': '相加' },
  'layer.Add.desc': {
    en: 'Adds its inputs value by value, e.g. the shortcut of a residual (ResNet) block.',
    'zh-CN': '把各个输入逐个数值相加，例如残差（ResNet）块中的捷径连接。',
  },
  'layer.Concatenate.name': { en: 'Concatenate', 'zh-CN': '拼接' },
  'layer.Concatenate.desc': {
    en: 'Joins its inputs side by side along one axis, e.g. stacking the channels of two branches.',
    'zh-CN': '沿某一个轴把各个输入并排连接起来，例如把两个分支的通道叠在一起。',
  },
  'param.Concatenate.axis': {
    en: 'The dimension to join along, counted from the end: -1 is the last (channels or features), -2 the one before it. All other dimensions must match.',
    'zh-CN': '沿哪一维连接，从末尾数起：-1 是最后一维（通道或特征），-2 是倒数第二维。其余各维必须相同。',
  },

  // --- Embedding -------------------------------------------------------------------------------
  'layer.Embedding.name': { en: 'Embedding', 'zh-CN': '嵌入' },
  'layer.Embedding.desc': {
    en: 'Turns each token id (a word or character number) into a learned vector.',
    'zh-CN': '把每个词元编号（单词或字符的编号）变成一个可学习的向量。',
  },
  'param.Embedding.inputDim': {
    en: 'The vocabulary size: token ids must be between 0 and this number minus 1.',
    'zh-CN': '词表大小：词元编号必须在 0 到这个数减 1 之间。',
  },
  'param.Embedding.outputDim': {
    en: 'The length of the vector learned for each token. Longer vectors can hold more meaning but need more data.',
    'zh-CN': '为每个词元学习的向量长度。向量越长能表达的含义越多，但需要更多数据。',
  },
  // The core types.
  'layer.Input.name': { en: 'Input', 'zh-CN': '输入' },
  'layer.Input.desc': { en: 'Where the data enters: one example of the given shape.', 'zh-CN': '数据的入口：一个给定形状的样本。' },
  'param.Input.shape': {
    en: 'The shape of one example, without the batch: 2 for two features, 28,28,1 for a grey 28×28 image, 16 for 16 tokens.',
    'zh-CN': '一个样本的形状（不含批量维）：两个特征写 2，28×28 灰度图写 28,28,1，16 个词元写 16。',
  },
  'layer.Dense.name': { en: 'Dense (fully connected)', 'zh-CN': '全连接层' },
  'layer.Dense.desc': {
    en: 'Every output neuron sums all inputs with its own weights, adds a bias, then applies the activation.',
    'zh-CN': '每个输出神经元把所有输入按各自的权重加权求和、加上偏置，再经过激活函数。',
  },
  'param.Dense.units': { en: 'How many neurons (outputs) the layer has.', 'zh-CN': '这一层的神经元（输出）个数。' },
  'param.Dense.activation': {
    en: 'The function applied to each neuron’s sum; without a nonlinear one, stacked layers act like a single one.',
    'zh-CN': '作用在每个神经元加权和上的函数；没有非线性激活，多层叠加的效果等同于一层。',
  },
  'param.Dense.useBias': { en: 'Add a learned constant to each neuron’s sum.', 'zh-CN': '给每个神经元的加权和加上一个可学习的常数。' },
  'layer.Activation.name': { en: 'Activation', 'zh-CN': '激活函数层' },
  'layer.Activation.desc': { en: 'Applies a function to every value on its own, with no weights.', 'zh-CN': '对每个数值单独施加一个函数，没有权重。' },
  'param.Activation.activation': { en: 'Which function: ReLU, tanh, sigmoid, GELU…', 'zh-CN': '使用哪个函数：ReLU、tanh、sigmoid、GELU……' },
  'layer.Dropout.name': { en: 'Dropout', 'zh-CN': '暂退法（Dropout）' },
  'layer.Dropout.desc': {
    en: 'While training, zeroes a random share of values so the network cannot rely on any single one.',
    'zh-CN': '训练时随机把一部分数值置零，使网络不能依赖任何单个神经元。',
  },
  'param.Dropout.rate': { en: 'The share of values dropped at each training step (0 to 0.95).', 'zh-CN': '每个训练步被丢弃的数值比例（0 到 0.95）。' },
});
