/**
 * The PyTorch exporter's table: one translation per layer type, the `__init__` modules a node owns
 * and the `forward` lines it becomes. pytorch.ts assembles them into the script.
 */
import type { LayerType } from '../catalog';
import { act, actFn, isImage, onLastAxis, recurrentModule, samePad, TO_FIRST, TO_LAST, torchDim } from './pytorchExpressions';
import { pyBool, pyNum, type NodeContextOf } from './pythonNames';
import type { Helper } from './pytorchHelpers';

/** What one node contributes to the script. */
export interface Translation {
  /** Lines of `__init__` (without indentation). */
  init?: string[];
  /** Lines of `forward` (without indentation); the last one assigns the node's variable. */
  forward: string[];
  helpers?: Helper[];
}

type Translate<K extends LayerType> = (c: NodeContextOf<K>) => Translation;

/** A translation for every layer type: a catalog entry without one does not compile. */
export type PyTorchTable = { readonly [K in LayerType]: Translate<K> };

/** `nn.MultiheadAttention` when its head size fits (heads · keyDim = D); otherwise the Keras-style helper. */
function attentionModule(queryDim: number, kvDim: number, heads: number, keyDim: number, dropout: number): Translation {
  if (heads * keyDim === queryDim) {
    const kv = kvDim === queryDim ? '' : `, kdim=${kvDim}, vdim=${kvDim}`;
    return {
      init: [`nn.MultiheadAttention(${queryDim}, ${heads}, dropout=${pyNum(dropout, true)}${kv}, batch_first=True)`],
      forward: [],
    };
  }
  return {
    init: [`KerasStyleAttention(${queryDim}, ${kvDim}, ${heads}, ${keyDim}, dropout=${pyNum(dropout, true)})`],
    forward: [],
    helpers: ['attention'],
  };
}

/** One translation per layer type: the modules it owns and the line of `forward` it becomes. */
export const PYTORCH_LAYERS: PyTorchTable = {
  Input: () => ({ forward: [] }),
  Dense(c) {
    const fanIn = c.inShapes[0][c.inShapes[0].length - 1] as number;
    const a = c.params.activation;
    return {
      init: [`self.${c.name} = nn.Linear(${fanIn}, ${c.params.units}, bias=${pyBool(c.params.useBias)})`],
      forward: [`${c.name} = ${onLastAxis(c, (x) => act(`self.${c.name}(${x})`, a))}`],
    };
  },
  Activation(c) {
    return { forward: [`${c.name} = ${act(c.ins[0], c.params.activation, isImage(c.inShapes[0]) ? 1 : -1)}`] };
  },
  Dropout(c) {
    return {
      init: [`self.${c.name} = nn.Dropout(${pyNum(c.params.rate, true)})`],
      forward: [`${c.name} = self.${c.name}(${c.ins[0]})`],
    };
  },
  Flatten(c) {
    // Channels-last order (H, W, C), as Keras and TF.js flatten, so Dense weights line up.
    const x = isImage(c.inShapes[0]) ? `${c.ins[0]}${TO_LAST}` : c.ins[0];
    return { forward: [`${c.name} = ${x}.flatten(1)`] };
  },
  Reshape(c) {
    const target = c.params.targetShape;
    const x = isImage(c.inShapes[0]) ? `${c.ins[0]}${TO_LAST}` : c.ins[0];
    const y = `${x}.reshape(-1, ${target.join(', ')})${isImage(target) ? TO_FIRST : ''}`;
    return { forward: [`${c.name} = ${y}`] };
  },
  Conv2D(c) {
    const [h, w, inCh] = c.inShapes[0] as number[];
    const k = c.params.kernelSize;
    const s = c.params.strides;
    const head = `nn.Conv2d(${inCh}, ${c.params.filters}, kernel_size=${k}, stride=${s}`;
    const tail = `, bias=${pyBool(c.params.useBias)})`;
    const a = c.params.activation;
    const init: string[] = [];
    let x = c.ins[0];
    if (c.params.padding !== 'same') {
      init.push(`self.${c.name} = ${head}${tail}`);
    } else if (s === 1) {
      init.push(`self.${c.name} = ${head}, padding="same"${tail}`);
    } else {
      // PyTorch's padding="same" refuses stride > 1: pad explicitly as TF does (extra cell at the end).
      const [t, b] = samePad(h, k, s);
      const [l, r] = samePad(w, k, s);
      if (t + b + l + r === 0) {
        init.push(`self.${c.name} = ${head}${tail}`);
      } else if (t === b && l === r) {
        init.push(`self.${c.name} = ${head}, padding=(${t}, ${l})${tail}`);
      } else {
        init.push(`self.${c.name}_pad = nn.ZeroPad2d((${l}, ${r}, ${t}, ${b}))`, `self.${c.name} = ${head}${tail}`);
        x = `self.${c.name}_pad(${x})`;
      }
    }
    return { init, forward: [`${c.name} = ${act(`self.${c.name}(${x})`, a, 1)}`] };
  },
  MaxPool2D: (c) => pool(c, 'max'),
  AvgPool2D: (c) => pool(c, 'avg'),
  GlobalAveragePooling2D: (c) => ({ forward: [`${c.name} = ${c.ins[0]}.mean(dim=(2, 3))`] }),
  BatchNormalization(c) {
    const shape = c.inShapes[0];
    const ch = shape[shape.length - 1] as number;
    // PyTorch's momentum weighs the new batch; Keras's weighs the running average.
    const args = `${ch}, eps=${pyNum(c.params.epsilon, true)}, momentum=${pyNum(+(1 - c.params.momentum).toFixed(6), true)}`;
    const x = c.ins[0];
    if (isImage(shape)) {
      return { init: [`self.${c.name} = nn.BatchNorm2d(${args})`], forward: [`${c.name} = self.${c.name}(${x})`] };
    }
    if (shape.length === 1) {
      return { init: [`self.${c.name} = nn.BatchNorm1d(${args})`], forward: [`${c.name} = self.${c.name}(${x})`] };
    }
    // [N, ..., C]: BatchNorm{1,2,3}d wants the channels second.
    const cls = shape.length === 2 ? 'BatchNorm1d' : shape.length === 4 ? 'BatchNorm3d' : 'BatchNorm2d';
    return {
      init: [`self.${c.name} = nn.${cls}(${args})`],
      forward: [`${c.name} = self.${c.name}(${x}.movedim(-1, 1)).movedim(1, -1)`],
    };
  },
  LayerNormalization(c) {
    const shape = c.inShapes[0];
    return {
      init: [`self.${c.name} = nn.LayerNorm(${shape[shape.length - 1]}, eps=${pyNum(c.params.epsilon, true)})`],
      forward: [`${c.name} = ${onLastAxis(c, (x) => `self.${c.name}(${x})`)}`],
    };
  },
  Add: (c) => ({ forward: [`${c.name} = ${c.ins.join(' + ')}`] }),
  Sampling: (c) => ({
    init: [`self.${c.name} = Sampling(beta=${pyNum(c.params.beta, true)})`],
    forward: [`${c.name} = self.${c.name}(${c.ins[0]}, ${c.ins[1]})`],
    helpers: ['sampling'],
  }),
  Dot: (c) => ({ forward: [`${c.name} = (${c.ins[0]} * ${c.ins[1]}).sum(dim=-1, keepdim=True)`] }),
  Concatenate(c) {
    const dim = torchDim(c.inShapes[0], c.params.axis);
    return { forward: [`${c.name} = torch.cat([${c.ins.join(', ')}], dim=${dim})`] };
  },
  Embedding(c) {
    return {
      init: [`self.${c.name} = nn.Embedding(${c.params.inputDim}, ${c.params.outputDim})`],
      forward: [`${c.name} = self.${c.name}(${c.ins[0]}.long())`],
    };
  },
  SimpleRNN(c) {
    const a = c.params.activation;
    const f = c.inShapes[0][c.inShapes[0].length - 1] as number;
    const units = c.params.units;
    const mod =
      a === 'tanh' || a === 'relu'
        ? { init: recurrentModule('SimpleRNN', f, units, `, nonlinearity="${a}"`), helpers: [] as Helper[] }
        : { init: `ActRNN(${f}, ${units}, ${actFn(a)})`, helpers: ['actRnn' as Helper] };
    return { ...recurrent(c, mod.init), helpers: mod.helpers };
  },
  LSTM: (c) => recurrent(c, recurrentModule('LSTM', c.inShapes[0][c.inShapes[0].length - 1] as number, c.params.units)),
  GRU: (c) => recurrent(c, recurrentModule('GRU', c.inShapes[0][c.inShapes[0].length - 1] as number, c.params.units)),
  Bidirectional(c) {
    const f = c.inShapes[0][c.inShapes[0].length - 1] as number;
    const u = c.params.units;
    const n = c.name;
    const forward = [`${n}_seq, _ = self.${n}(${c.ins[0]})`];
    // The backward direction's summary of the whole sequence sits at step 0 (PyTorch re-aligns it in time).
    const [fw, bw] = c.params.returnSequences
      ? [`${n}_seq[..., :${u}]`, `${n}_seq[..., ${u}:]`]
      : [`${n}_seq[:, -1, :${u}]`, `${n}_seq[:, 0, ${u}:]`];
    switch (c.params.mergeMode) {
      case 'sum':
        forward.push(`${n} = ${fw} + ${bw}`);
        break;
      case 'mul':
        forward.push(`${n} = ${fw} * ${bw}`);
        break;
      case 'ave':
        forward.push(`${n} = (${fw} + ${bw}) / 2`);
        break;
      default:
        forward.push(c.params.returnSequences ? `${n} = ${n}_seq` : `${n} = torch.cat([${fw}, ${bw}], dim=-1)`);
    }
    return { init: [`self.${n} = ${recurrentModule(c.params.cell, f, u, ', bidirectional=True')}`], forward };
  },
  PositionalEncoding(c) {
    const d = c.inShapes[0][c.inShapes[0].length - 1] as number;
    const learned = c.params.encoding === 'learned' ? 'True' : 'False';
    return {
      init: [`self.${c.name} = PositionalEncoding(${c.params.maxLength}, ${d}, learned=${learned})`],
      forward: [`${c.name} = self.${c.name}(${c.ins[0]})`],
      helpers: ['posenc'],
    };
  },
  MultiHeadAttention(c) {
    const q = c.ins[0];
    const kv = c.ins[1] ?? q;
    const qShape = c.inShapes[0];
    const kvShape = c.inShapes[1] ?? qShape;
    const qDim = qShape[qShape.length - 1] as number;
    const kvDim = kvShape[kvShape.length - 1] as number;
    const m = attentionModule(qDim, kvDim, c.params.numHeads, c.params.keyDim, c.params.dropout);
    const mask = c.params.causal ? `causal_mask(${q}.shape[1], ${kv}.shape[1], ${q}.device)` : 'None';
    return {
      init: [`self.${c.name} = ${m.init![0]}`],
      forward: [`${c.name}, _ = self.${c.name}(${q}, ${kv}, ${kv}, attn_mask=${mask}, need_weights=False)`],
      helpers: ['attention', ...(m.helpers ?? [])],
    };
  },
  TransformerEncoderBlock(c) {
    const d = c.inShapes[0][c.inShapes[0].length - 1] as number;
    const args = `${d}, num_heads=${c.params.numHeads}, key_dim=${c.params.keyDim}, ff_dim=${c.params.ffDim}, dropout=${pyNum(c.params.dropout, true)}, causal=${c.params.causal === true ? 'True' : 'False'}`;
    return {
      init: [`self.${c.name} = TransformerEncoderBlock(${args})`],
      forward: [`${c.name} = self.${c.name}(${c.ins[0]})`],
      helpers: ['attention', 'encoder'],
    };
  },
  TransformerDecoderBlock(c) {
    const d = c.inShapes[0][c.inShapes[0].length - 1] as number;
    const e = c.inShapes[1][c.inShapes[1].length - 1] as number;
    const args = `${d}, ${e}, num_heads=${c.params.numHeads}, key_dim=${c.params.keyDim}, ff_dim=${c.params.ffDim}, dropout=${pyNum(c.params.dropout, true)}`;
    return {
      init: [`self.${c.name} = TransformerDecoderBlock(${args})`],
      forward: [`${c.name} = self.${c.name}(${c.ins[0]}, ${c.ins[1]})`],
      helpers: ['attention', 'decoder'],
    };
  },
};

function recurrent(c: NodeContextOf<'SimpleRNN' | 'LSTM' | 'GRU'>, module: string): Translation {
  const forward = [`${c.name}, _ = self.${c.name}(${c.ins[0]})`];
  // Keras's returnSequences=false keeps only the last step's output.
  if (!c.params.returnSequences) forward.push(`${c.name} = ${c.name}[:, -1]`);
  return { init: [`self.${c.name} = ${module}`], forward };
}

function pool(c: NodeContextOf<'MaxPool2D' | 'AvgPool2D'>, kind: 'max' | 'avg'): Translation {
  const [h, w] = c.inShapes[0] as number[];
  const k = c.params.poolSize;
  const s = c.params.strides || k;
  const cls = kind === 'max' ? 'nn.MaxPool2d' : 'nn.AvgPool2d';
  const [t, b] = c.params.padding === 'same' ? samePad(h, k, s) : [0, 0];
  const [l, r] = c.params.padding === 'same' ? samePad(w, k, s) : [0, 0];
  if (t + b + l + r === 0) {
    return { init: [`self.${c.name} = ${cls}(${k}, stride=${s})`], forward: [`${c.name} = self.${c.name}(${c.ins[0]})`] };
  }
  // TF's 'same' pooling ignores the padded cells: -inf for max, left out of the average for avg.
  if (kind === 'max') {
    return {
      init: [`self.${c.name} = ${cls}(${k}, stride=${s})`],
      forward: [`${c.name} = self.${c.name}(F.pad(${c.ins[0]}, (${l}, ${r}, ${t}, ${b}), value=float("-inf")))`],
    };
  }
  return {
    forward: [`${c.name} = same_avg_pool2d(${c.ins[0]}, ${k}, ${s}, (${l}, ${r}, ${t}, ${b}))`],
    helpers: ['samePool'],
  };
}

/** The table's translation of a node, with its own parameter type. */
export function translate<K extends LayerType>(c: NodeContextOf<K>): Translation {
  return PYTORCH_LAYERS[c.type](c);
}
