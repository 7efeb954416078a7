import { defineMessages } from '../define';

/** Strings of the sequence layers: recurrent (`*RNN`, LSTM, GRU, Bidirectional) and attention. */
export const sequenceLayers = defineMessages({
  // --- errors -----------------------------------------------------------------------------------
  'err.rnn.rank': {
    en: '{type} needs a sequence (time steps × features), but it gets {shape}. Put an Embedding or a Reshape before it.',
    'zh-CN': '{type} 需要一个序列（时间步 × 特征），但它收到的是 {shape}。请在它前面放一个 Embedding 或 Reshape。',
  },
  'err.rnn.unknownFeatures': {
    en: '{type} needs to know how many features each time step has, but it gets {shape}.',
    'zh-CN': '{type} 需要知道每个时间步有多少个特征，但它收到的是 {shape}。',
  },
  'err.attention.rank': {
    en: '{type} needs a sequence of vectors (time steps × features), but it gets {shape}. Put an Embedding, a Reshape or a recurrent layer with “return sequences” before it.',
    'zh-CN': '{type} 需要一个向量序列（时间步 × 特征），但它收到的是 {shape}。请在它前面放一个 Embedding、Reshape，或开启“返回序列”的循环层。',
  },
  'err.attention.keyRank': {
    en: 'The second input of {type} (the keys and values it attends to) must be a sequence (time steps × features), but it is {shape}.',
    'zh-CN': '{type} 的第二个输入（它所关注的键和值）必须是序列（时间步 × 特征），但它是 {shape}。',
  },
  'err.attention.unknownDim': {
    en: '{type} needs to know the size of each vector, but it gets {shape}.',
    'zh-CN': '{type} 需要知道每个向量的长度，但它收到的是 {shape}。',
  },
  'err.attention.tooLong': {
    en: 'The sequence has {length} steps, more than the positional encoding’s maximum length {maxLength}. Raise “maxLength”.',
    'zh-CN': '序列有 {length} 个时间步，超过了位置编码的最大长度 {maxLength}。请调大 “maxLength”。',
  },

  // --- SimpleRNN ----------------------------------------------------------------------------------
  'layer.SimpleRNN.name': { en: 'Simple RNN', 'zh-CN': '简单 RNN' },
  'layer.SimpleRNN.desc': {
    en: 'Reads a sequence step by step, mixing each step into a memory vector.',
    'zh-CN': '逐步读取序列，把每一步的内容混入一个记忆向量。',
  },
  'param.SimpleRNN.units': { en: 'Size of the memory vector (and of the output at each step).', 'zh-CN': '记忆向量的长度（也是每一步输出的长度）。' },
  'param.SimpleRNN.activation': { en: 'Function applied to the new memory at each step; tanh is usual.', 'zh-CN': '每一步作用于新记忆的函数，通常用 tanh。' },
  'param.SimpleRNN.returnSequences': {
    en: 'On: output the memory at every step (for stacking more sequence layers). Off: only the last step.',
    'zh-CN': '开启：输出每一步的记忆（便于再叠加序列层）。关闭：只输出最后一步。',
  },

  // --- LSTM -------------------------------------------------------------------------------------
  'layer.LSTM.name': { en: 'LSTM', 'zh-CN': 'LSTM（长短期记忆）' },
  'layer.LSTM.desc': {
    en: 'A recurrent layer with gates that decide what to remember and forget, so it keeps information over long sequences.',
    'zh-CN': '带有门控的循环层，由门决定记住什么、忘掉什么，因此能在长序列中保留信息。',
  },
  'param.LSTM.units': { en: 'Size of the memory (cell and hidden state).', 'zh-CN': '记忆（细胞状态和隐藏状态）的长度。' },
  'param.LSTM.returnSequences': {
    en: 'On: output the hidden state at every step. Off: only the last step, e.g. to classify the whole sequence.',
    'zh-CN': '开启：输出每一步的隐藏状态。关闭：只输出最后一步，例如用来给整个序列分类。',
  },

  // --- GRU --------------------------------------------------------------------------------------
  'layer.GRU.name': { en: 'GRU', 'zh-CN': 'GRU（门控循环单元）' },
  'layer.GRU.desc': {
    en: 'A gated recurrent layer like the LSTM, with fewer gates and parameters.',
    'zh-CN': '与 LSTM 类似的门控循环层，但门和参数更少。',
  },
  'param.GRU.units': { en: 'Size of the memory (hidden state).', 'zh-CN': '记忆（隐藏状态）的长度。' },
  'param.GRU.returnSequences': {
    en: 'On: output the hidden state at every step. Off: only the last step.',
    'zh-CN': '开启：输出每一步的隐藏状态。关闭：只输出最后一步。',
  },

  // --- Bidirectional ------------------------------------------------------------------------------
  'layer.Bidirectional.name': { en: 'Bidirectional', 'zh-CN': '双向循环层' },
  'layer.Bidirectional.desc': {
    en: 'Runs a recurrent layer forwards and a second one backwards over the sequence and merges what they find.',
    'zh-CN': '让一个循环层从前往后、另一个从后往前读取序列，再合并两者的结果。',
  },
  'param.Bidirectional.cell': { en: 'The recurrent layer used in each direction.', 'zh-CN': '每个方向上使用的循环层类型。' },
  'param.Bidirectional.units': { en: 'Memory size of each direction.', 'zh-CN': '每个方向的记忆长度。' },
  'param.Bidirectional.returnSequences': {
    en: 'On: output both directions at every step. Off: only their final states.',
    'zh-CN': '开启：输出每一步两个方向的结果。关闭：只输出它们的最终状态。',
  },
  'param.Bidirectional.mergeMode': {
    en: 'How to merge the two directions: concat (side by side, twice the size), sum, mul (product) or ave (average).',
    'zh-CN': '两个方向的合并方式：concat（拼接，长度加倍）、sum（相加）、mul（相乘）或 ave（平均）。',
  },

  // --- PositionalEncoding -------------------------------------------------------------------------
  'layer.PositionalEncoding.name': { en: 'Positional encoding', 'zh-CN': '位置编码' },
  'layer.PositionalEncoding.desc': {
    en: 'Adds a pattern that depends on each step’s position, because attention alone does not see the order.',
    'zh-CN': '为每个时间步加上与其位置相关的模式，因为注意力本身看不到顺序。',
  },
  'param.PositionalEncoding.encoding': {
    en: 'sinusoidal: fixed sine and cosine waves of different frequencies. learned: a table of position vectors trained with the network.',
    'zh-CN': 'sinusoidal：不同频率的固定正弦和余弦波。learned：随网络一起训练的位置向量表。',
  },
  'param.PositionalEncoding.maxLength': {
    en: 'The longest sequence it accepts (the learned table has one row per position).',
    'zh-CN': '它能接受的最长序列（learned 模式下每个位置对应表中的一行）。',
  },

  // --- MultiHeadAttention -------------------------------------------------------------------------
  'layer.MultiHeadAttention.name': { en: 'Multi-head attention', 'zh-CN': '多头注意力' },
  'layer.MultiHeadAttention.desc': {
    en: 'Each step looks at every step (its own sequence, or a second input) and takes a weighted mix of what it finds relevant.',
    'zh-CN': '每个时间步查看所有时间步（自身序列或第二个输入），并按相关程度加权混合它们的信息。',
  },
  'param.MultiHeadAttention.numHeads': {
    en: 'How many attention heads look at the sequence in parallel, each in its own way.',
    'zh-CN': '并行查看序列的注意力头数量，每个头各有侧重。',
  },
  'param.MultiHeadAttention.keyDim': { en: 'Size of each head’s query and key vectors.', 'zh-CN': '每个头的查询向量和键向量的长度。' },
  'param.MultiHeadAttention.causal': {
    en: 'On: each step may only look at itself and earlier steps, never at the future.',
    'zh-CN': '开启：每个时间步只能查看自己和之前的时间步，不能看到未来。',
  },
  'param.MultiHeadAttention.dropout': {
    en: 'Fraction of attention weights randomly dropped during training.',
    'zh-CN': '训练时随机丢弃的注意力权重比例。',
  },

  // --- TransformerEncoderBlock --------------------------------------------------------------------
  'layer.TransformerEncoderBlock.name': { en: 'Transformer encoder block', 'zh-CN': 'Transformer 编码器块' },
  'layer.TransformerEncoderBlock.desc': {
    en: 'Self-attention and a small feed-forward network, each with a shortcut (residual) and layer normalization.',
    'zh-CN': '自注意力加一个小型前馈网络，各自带有捷径连接（残差）和层规范化。',
  },
  'param.TransformerEncoderBlock.numHeads': { en: 'Number of attention heads.', 'zh-CN': '注意力头的数量。' },
  'param.TransformerEncoderBlock.keyDim': { en: 'Size of each head’s query and key vectors.', 'zh-CN': '每个头的查询向量和键向量的长度。' },
  'param.TransformerEncoderBlock.ffDim': {
    en: 'Hidden size of the feed-forward network applied to each step.',
    'zh-CN': '作用于每个时间步的前馈网络的隐藏层大小。',
  },
  'param.TransformerEncoderBlock.dropout': {
    en: 'Fraction of values randomly dropped during training (attention weights and sub-layer outputs).',
    'zh-CN': '训练时随机丢弃的数值比例（注意力权重和各子层的输出）。',
  },
  'param.TransformerEncoderBlock.causal': {
    en: 'On: each step may only attend to itself and earlier steps.',
    'zh-CN': '开启：每个时间步只能关注自己和之前的时间步。',
  },

  // --- TransformerDecoderBlock --------------------------------------------------------------------
  'layer.TransformerDecoderBlock.name': { en: 'Transformer decoder block', 'zh-CN': 'Transformer 解码器块' },
  'layer.TransformerDecoderBlock.desc': {
    en: 'Causal self-attention on the target, attention on the encoder output (second input), then a feed-forward network; each with a residual and layer normalization.',
    'zh-CN': '先对目标序列做因果自注意力，再关注编码器的输出（第二个输入），最后是前馈网络；每一步都带有残差和层规范化。',
  },
  'param.TransformerDecoderBlock.numHeads': { en: 'Number of attention heads.', 'zh-CN': '注意力头的数量。' },
  'param.TransformerDecoderBlock.keyDim': { en: 'Size of each head’s query and key vectors.', 'zh-CN': '每个头的查询向量和键向量的长度。' },
  'param.TransformerDecoderBlock.ffDim': {
    en: 'Hidden size of the feed-forward network applied to each step.',
    'zh-CN': '作用于每个时间步的前馈网络的隐藏层大小。',
  },
  'param.TransformerDecoderBlock.dropout': {
    en: 'Fraction of values randomly dropped during training (attention weights and sub-layer outputs).',
    'zh-CN': '训练时随机丢弃的数值比例（注意力权重和各子层的输出）。',
  },
});
