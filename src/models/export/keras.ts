import type { Analysis } from '../analysis';
import type { LayerParamsByType, LayerType } from '../catalog';
import type { RnnCell } from '../catalog/recurrent';
import type { Activation, NetworkSpec, TrainingConfig } from '../spec';
import { kerasOptimizer } from './optimizerCode';
import { contexts, pyBool, pyNum, pyTuple, tokenInputs, type NodeContextOf } from './pythonNames';

type Helper = 'posenc' | 'encoder' | 'decoder' | 'sampling';

interface Translation {
  /** The layer constructor, e.g. `layers.Dense(4, activation="tanh")` (the name is added). */
  layer: string;
  /** How the layer is called on its inputs; default: one input, or a list of several. */
  call?: string;
  helpers?: Helper[];
}

type Translate<K extends LayerType> = (c: NodeContextOf<K>) => Translation;

/** A translation for every layer type but Input (keras.Input, written by exportKeras): a catalog entry without one does not compile. */
export type KerasTable = { readonly [K in Exclude<LayerType, 'Input'>]: Translate<K> };
const str = (v: unknown) => JSON.stringify(String(v));

/** Keras 3 activation identifiers (leaky_relu's default slope is 0.2, as the editor's). */
const KERAS_ACTIVATION: Record<Activation, string> = {
  linear: 'linear',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  relu: 'relu',
  leakyRelu: 'leaky_relu',
  elu: 'elu',
  gelu: 'gelu',
  swish: 'silu',
  softmax: 'softmax',
};
const activation = (c: { params: { activation: Activation } }) => str(KERAS_ACTIVATION[c.params.activation]);

const RNN_CLASS: Record<RnnCell, string> = { LSTM: 'layers.LSTM', GRU: 'layers.GRU', SimpleRNN: 'layers.SimpleRNN' };

/** GRU as TF.js builds it (reset_after=False: one bias vector), so the counts match the editor's. */
const gruExtra = (cell: string) => (cell === 'GRU' ? ', reset_after=False' : '');

const blockArgs = (c: { params: LayerParamsByType['TransformerDecoderBlock'] }) =>
  `num_heads=${c.params.numHeads}, key_dim=${c.params.keyDim}, ff_dim=${c.params.ffDim}, dropout=${pyNum(c.params.dropout, true)}`;

/** One translation per layer type. */
export const KERAS_LAYERS: KerasTable = {
  Dense: (c) => ({ layer: `layers.Dense(${c.params.units}, activation=${activation(c)}, use_bias=${pyBool(c.params.useBias)})` }),
  Activation: (c) => ({ layer: `layers.Activation(${activation(c)})` }),
  Dropout: (c) => ({ layer: `layers.Dropout(${pyNum(c.params.rate, true)})` }),
  Flatten: () => ({ layer: 'layers.Flatten()' }),
  Reshape: (c) => ({ layer: `layers.Reshape(${pyTuple(c.params.targetShape)})` }),
  Conv2D: (c) => ({
    layer:
      `layers.Conv2D(${c.params.filters}, ${c.params.kernelSize}, strides=${c.params.strides}, padding=${str(c.params.padding)}, ` +
      `activation=${activation(c)}, use_bias=${pyBool(c.params.useBias)})`,
  }),
  MaxPool2D: (c) => ({ layer: `layers.MaxPooling2D(${c.params.poolSize}, strides=${c.params.strides || c.params.poolSize}, padding=${str(c.params.padding)})` }),
  AvgPool2D: (c) => ({
    layer: `layers.AveragePooling2D(${c.params.poolSize}, strides=${c.params.strides || c.params.poolSize}, padding=${str(c.params.padding)})`,
  }),
  GlobalAveragePooling2D: () => ({ layer: 'layers.GlobalAveragePooling2D()' }),
  BatchNormalization: (c) => ({
    layer: `layers.BatchNormalization(momentum=${pyNum(c.params.momentum, true)}, epsilon=${pyNum(c.params.epsilon, true)})`,
  }),
  LayerNormalization: (c) => ({ layer: `layers.LayerNormalization(epsilon=${pyNum(c.params.epsilon, true)})` }),
  Add: () => ({ layer: 'layers.Add()' }),
  Dot: () => ({ layer: 'layers.Dot(axes=-1)' }),
  Sampling: (c) => ({ layer: `Sampling(beta=${pyNum(c.params.beta, true)}, kl_scale=1 / OUTPUT_VALUES)`, helpers: ['sampling'] }),
  Concatenate: (c) => ({ layer: `layers.Concatenate(axis=${c.params.axis})` }),
  Embedding: (c) => ({ layer: `layers.Embedding(${c.params.inputDim}, ${c.params.outputDim})` }),
  SimpleRNN: (c) => ({
    layer: `layers.SimpleRNN(${c.params.units}, activation=${activation(c)}, return_sequences=${pyBool(c.params.returnSequences === true)})`,
  }),
  LSTM: (c) => ({ layer: `layers.LSTM(${c.params.units}, return_sequences=${pyBool(c.params.returnSequences === true)})` }),
  GRU: (c) => ({ layer: `layers.GRU(${c.params.units}, return_sequences=${pyBool(c.params.returnSequences === true)}${gruExtra('GRU')})` }),
  Bidirectional(c) {
    const cell = c.params.cell;
    const inner = `${RNN_CLASS[cell]}(${c.params.units}, return_sequences=${pyBool(c.params.returnSequences === true)}${gruExtra(cell)})`;
    return { layer: `layers.Bidirectional(${inner}, merge_mode=${str(c.params.mergeMode)})` };
  },
  PositionalEncoding: (c) => ({
    layer: `PositionalEncoding(${c.params.maxLength}, learned=${pyBool(c.params.encoding === 'learned')})`,
    helpers: ['posenc'],
  }),
  MultiHeadAttention(c) {
    const q = c.ins[0];
    const kv = c.ins[1] ?? q;
    return {
      layer: `layers.MultiHeadAttention(num_heads=${c.params.numHeads}, key_dim=${c.params.keyDim}, dropout=${pyNum(c.params.dropout, true)})`,
      call: `(${q}, ${kv}, use_causal_mask=${pyBool(c.params.causal === true)})`,
    };
  },
  TransformerEncoderBlock: (c) => ({
    layer: `TransformerEncoderBlock(${c.inShapes[0][c.inShapes[0].length - 1]}, ${blockArgs(c)}, causal=${pyBool(c.params.causal === true)})`,
    helpers: ['encoder'],
  }),
  TransformerDecoderBlock: (c) => ({
    layer: `TransformerDecoderBlock(${c.inShapes[0][c.inShapes[0].length - 1]}, ${blockArgs(c)})`,
    call: `(${c.ins[0]}, ${c.ins[1]})`,
    helpers: ['decoder'],
  }),
};

const HELPERS: Record<Helper, string> = {
  sampling: `class Sampling(layers.Layer):
    """The reparameterisation trick: z = mean + exp(log_var / 2) * eps, eps ~ N(0, I), while training;
    z = mean in inference. Adds beta * KL(N(mean, sigma^2) || N(0, I)) to the model's losses, KL summed over
    the latent and averaged over the batch, times kl_scale = 1 / output values per example (the
    reconstruction loss is a mean per pixel, so beta = 1 is the negative ELBO per pixel)."""

    def __init__(self, beta=1.0, kl_scale=1.0, **kwargs):
        super().__init__(**kwargs)
        self.beta = beta
        self.kl_scale = kl_scale
        self.seed_generator = keras.random.SeedGenerator(1)

    def call(self, inputs, training=None):
        mean, log_var = inputs
        kl = -0.5 * ops.sum(1 + log_var - ops.square(mean) - ops.exp(log_var), axis=-1)
        self.add_loss(self.beta * self.kl_scale * ops.mean(kl))
        if not training:
            return mean
        eps = keras.random.normal(ops.shape(mean), seed=self.seed_generator)
        return mean + ops.exp(0.5 * log_var) * eps`,
  posenc: `class PositionalEncoding(layers.Layer):
    """Adds position information to a (batch, T, D) sequence: fixed sine/cosine waves
    PE[pos, 2i] = sin(pos / 10000^(2i/D)), PE[pos, 2i+1] = cos(...), or a learned (max_length, D) table."""

    def __init__(self, max_length, learned=False, **kwargs):
        super().__init__(**kwargs)
        self.max_length = max_length
        self.learned = learned

    def build(self, input_shape):
        dim = input_shape[-1]
        if self.learned:
            self.table = self.add_weight(shape=(self.max_length, dim), initializer="uniform", name="table")
        else:
            pos = np.arange(self.max_length)[:, None]
            i = np.arange(dim)[None, :]
            angle = pos / np.power(10000.0, (i - i % 2) / dim)
            self.table = np.where(i % 2 == 0, np.sin(angle), np.cos(angle)).astype("float32")

    def call(self, x):
        return x + self.table[: x.shape[1]]

    def get_config(self):
        return {**super().get_config(), "max_length": self.max_length, "learned": self.learned}`,
  encoder: `class TransformerEncoderBlock(layers.Layer):
    """Post-norm encoder block: h = LN(x + MHA(x)), y = LN(h + FFN(h)), FFN = Dense(ff_dim, relu) then Dense(dim)."""

    def __init__(self, dim, num_heads, key_dim, ff_dim, dropout=0.1, causal=False, **kwargs):
        super().__init__(**kwargs)
        self.causal = causal
        self.attention = layers.MultiHeadAttention(num_heads=num_heads, key_dim=key_dim, dropout=dropout)
        self.norm1 = layers.LayerNormalization(epsilon=1e-5)
        self.ff1 = layers.Dense(ff_dim, activation="relu")
        self.ff2 = layers.Dense(dim)
        self.norm2 = layers.LayerNormalization(epsilon=1e-5)
        self.dropout = layers.Dropout(dropout)

    def call(self, x, training=None):
        a = self.attention(x, x, use_causal_mask=self.causal, training=training)
        h = self.norm1(x + self.dropout(a, training=training))
        return self.norm2(h + self.dropout(self.ff2(self.ff1(h)), training=training))`,
  decoder: `class TransformerDecoderBlock(layers.Layer):
    """Post-norm decoder block: causal self-attention, attention to the encoder output, then FFN,
    each added back and layer-normalized."""

    def __init__(self, dim, num_heads, key_dim, ff_dim, dropout=0.1, **kwargs):
        super().__init__(**kwargs)
        self.self_attention = layers.MultiHeadAttention(num_heads=num_heads, key_dim=key_dim, dropout=dropout)
        self.norm1 = layers.LayerNormalization(epsilon=1e-5)
        self.cross_attention = layers.MultiHeadAttention(num_heads=num_heads, key_dim=key_dim, dropout=dropout)
        self.norm2 = layers.LayerNormalization(epsilon=1e-5)
        self.ff1 = layers.Dense(ff_dim, activation="relu")
        self.ff2 = layers.Dense(dim)
        self.norm3 = layers.LayerNormalization(epsilon=1e-5)
        self.dropout = layers.Dropout(dropout)

    def call(self, x, memory, training=None):
        a = self.self_attention(x, x, use_causal_mask=True, training=training)
        x = self.norm1(x + self.dropout(a, training=training))
        a = self.cross_attention(x, memory, training=training)
        x = self.norm2(x + self.dropout(a, training=training))
        return self.norm3(x + self.dropout(self.ff2(self.ff1(x)), training=training))`,
};

const HELPER_ORDER: Helper[] = ['posenc', 'encoder', 'decoder', 'sampling'];

/** The table's translation of a node, with its own parameter type. */
function translate<K extends Exclude<LayerType, 'Input'>>(c: NodeContextOf<K>): Translation {
  return KERAS_LAYERS[c.type](c);
}

/** A complete Keras 3 script (functional API) for a valid graph; throws on an invalid one. */
export function exportKeras(spec: NetworkSpec, analysis: Analysis, training?: TrainingConfig): string {
  const ctxs = contexts(spec, analysis);
  const tokens = tokenInputs(spec);
  const body: string[] = [];
  const helpers = new Set<Helper>();
  for (const c of ctxs) {
    if (c.type === 'Input') {
      const dtype = tokens.has(c.node.id) ? ', dtype="int32"' : '';
      body.push(`${c.name} = keras.Input(shape=${pyTuple(c.outShape)}${dtype}, name=${str(c.node.id)})`);
      continue;
    }
    const t = translate(c);
    const named = t.layer.replace(/\)$/, `${t.layer.endsWith('()') ? '' : ', '}name=${str(c.node.id)})`);
    const call = t.call ?? (c.ins.length === 1 ? `(${c.ins[0]})` : `([${c.ins.join(', ')}])`);
    body.push(`${c.name} = ${named}${call}`);
    for (const h of t.helpers ?? []) helpers.add(h);
  }
  const names = new Map(ctxs.map((c) => [c.node.id, c.name]));
  const inputs = ctxs.filter((c) => c.node.type === 'Input').map((c) => c.name);
  const outputs = analysis.outputs.map((id) => names.get(id)!);
  if (outputs.length === 0) throw new Error('cannot export a graph without an output layer');
  const list = (xs: string[]) => (xs.length === 1 ? xs[0] : `[${xs.join(', ')}]`);

  const out = [
    '"""A Keras 3 translation of a Gradient Garden network (functional API, channels-last like the editor).',
    '',
    `The editor counts ${analysis.totalParams.toLocaleString('en-US')} parameters; model.summary() shows the same total`,
    '(BatchNormalization counts its moving mean and variance as non-trainable parameters, and GRU uses',
    'reset_after=False, the variant TF.js builds).',
    '"""',
    '',
    'import numpy as np',
    'import keras',
    'from keras import layers',
    ...(helpers.has('sampling') ? ['from keras import ops'] : []),
    '',
  ];
  for (const h of HELPER_ORDER) if (helpers.has(h)) out.push('', HELPERS[h], '');
  if (helpers.has('sampling')) {
    const shape = analysis.nodes[analysis.outputs[0]]?.shape ?? [];
    const values = shape.reduce<number>((p, d) => p * (d ?? 1), 1);
    out.push('', `OUTPUT_VALUES = ${values}  # values per example of the output: the KL term is scaled as the per-pixel loss`);
  }
  out.push(
    '',
    ...body,
    '',
    `model = keras.Model(inputs=${list(inputs)}, outputs=${list(outputs)}, name="gradient_garden")`,
    // Frozen layers (transfer learning); a frozen BatchNormalization runs in inference mode, as in the app.
    ...ctxs.filter((c) => c.node.trainable === false).map((c) => `model.get_layer(${str(c.node.id)}).trainable = False  # frozen in Gradient Garden`),
    'model.summary()',
    ...(training ? ['', '# The optimizer it trains with in Gradient Garden, with TF.js\'s constants:', `optimizer = ${kerasOptimizer(training)}`] : []),
  );
  return out.join('\n').replace(/\n{4,}/g, '\n\n\n') + '\n';
}
