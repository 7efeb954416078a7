import type { Analysis } from '../analysis';
import type { LayerType } from '../catalog';
import type { Activation, NetworkSpec } from '../spec';
import { contexts, pyBool, pyNum, tokenInputs, type NodeContextOf, type NodePlace } from './pythonNames';
import { HELPER_ORDER, HELPERS, type Helper } from './pytorchHelpers';

interface Translation {
  /** Lines of `__init__` (without indentation). */
  init?: string[];
  /** Lines of `forward` (without indentation); the last one assigns the node's variable. */
  forward: string[];
  helpers?: Helper[];
}

type Translate<K extends LayerType> = (c: NodeContextOf<K>) => Translation;

/** A translation for every layer type: a catalog entry without one does not compile. */
export type PyTorchTable = { readonly [K in LayerType]: Translate<K> };
const isImage = (shape: readonly unknown[]) => shape.length === 3;
const TO_LAST = '.permute(0, 2, 3, 1)';
const TO_FIRST = '.permute(0, 3, 1, 2)';

/** Apply an activation to a Python expression; softmax runs over `dim`. */
function act(expr: string, a: Activation, dim = -1): string {
  switch (a) {
    case 'linear':
      return expr;
    case 'sigmoid':
      return `torch.sigmoid(${expr})`;
    case 'tanh':
      return `torch.tanh(${expr})`;
    case 'relu':
      return `torch.relu(${expr})`;
    case 'leakyRelu':
      return `F.leaky_relu(${expr}, 0.2)`;
    case 'elu':
      return `F.elu(${expr})`;
    case 'gelu':
      return `F.gelu(${expr})`;
    case 'swish':
      return `F.silu(${expr})`;
    case 'softmax':
      return `torch.softmax(${expr}, dim=${dim})`;
  }
}

/** The activation as a Python callable, for ActRNN. */
function actFn(a: Activation): string {
  const table: Record<Activation, string> = {
    linear: 'lambda h: h',
    sigmoid: 'torch.sigmoid',
    tanh: 'torch.tanh',
    relu: 'torch.relu',
    leakyRelu: 'lambda h: F.leaky_relu(h, 0.2)',
    elu: 'F.elu',
    gelu: 'F.gelu',
    swish: 'F.silu',
    softmax: 'lambda h: torch.softmax(h, dim=-1)',
  };
  return table[a];
}

/**
 * TF's 'same' padding for one spatial axis: output ceil(size / stride), the extra cell (if any)
 * at the end. Returns [before, after].
 */
function samePad(size: number, kernel: number, stride: number): [number, number] {
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + kernel - size, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/** A last-axis layer on a tensor that may be a channels-first image: permute around it. */
function onLastAxis(c: NodePlace, call: (x: string) => string): string {
  const x = c.ins[0];
  return isImage(c.inShapes[0]) ? `${call(`${x}${TO_LAST}`)}${TO_FIRST}` : call(x);
}

/** The editor's axis (negative, channels-last) as a PyTorch dim of the NCHW / batch-first tensor. */
function torchDim(shape: readonly unknown[], axis: number): number {
  const d = axis < 0 ? shape.length + axis : axis;
  return isImage(shape) ? [2, 3, 1][d] : d + 1;
}

function recurrentModule(cell: string, inFeatures: number, units: number, extra = ''): string {
  const cls = cell === 'LSTM' ? 'nn.LSTM' : cell === 'GRU' ? 'nn.GRU' : 'nn.RNN';
  return `${cls}(${inFeatures}, ${units}, batch_first=True${extra})`;
}

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
function translate<K extends LayerType>(c: NodeContextOf<K>): Translation {
  return PYTORCH_LAYERS[c.type](c);
}

function header(spec: NetworkSpec, analysis: Analysis): string {
  const types = new Set(spec.nodes.map((n) => n.type));
  const lines = [
    '"""A PyTorch translation of a Gradient Garden network.',
    '',
    `The editor counts ${analysis.totalParams.toLocaleString('en-US')} parameters.`,
  ];
  if (spec.nodes.some((n) => n.type === 'Input' && analysis.nodes[n.id]?.shape?.length === 3)) {
    lines.push(
      '',
      'Images: this model takes them as (N, C, H, W), PyTorch\'s layout, while the editor shows H×W×C.',
      'Every image tensor in forward() is channels-first; Flatten, Dense, LayerNormalization and',
      'Reshape on an image permute to channels-last first, so Flatten yields H, W, C order as Keras',
      'and TF.js do and Dense weights line up with the editor\'s model.',
    );
  }
  const notes: string[] = [];
  if (types.has('BatchNormalization')) {
    notes.push('- BatchNormalization: the editor counts 4·C (γ, β, moving mean, moving variance);',
      '  PyTorch counts γ, β as parameters and keeps running_mean / running_var as buffers.');
  }
  if (types.has('LSTM') || types.has('GRU') || types.has('SimpleRNN') || types.has('Bidirectional')) {
    notes.push(
      '- Recurrent layers: PyTorch keeps two bias vectors per gate (b_ih and b_hh), Keras/TF.js one.',
      '  LSTM 4·u·(F+u+2) here vs 4·u·(F+u+1); SimpleRNN u·(F+u+2) vs u·(F+u+1); GRU 3·u·(F+u+2)',
      '  vs 3·u·(F+u+1) (TF.js builds GRU with reset_after=False; PyTorch\'s GRU applies the reset',
      '  gate after the recurrent product, like Keras\'s reset_after=True). Twice that for Bidirectional.',
    );
  }
  if (notes.length) lines.push('', 'Parameter counts differ from the editor\'s where the frameworks differ:', ...notes);
  lines.push(
    '',
    'Run it: `python this_file.py` builds the model, runs zeros through it and prints one JSON line',
    'with the parameter count, the BatchNorm running-statistics count and the output shape (without',
    'the batch dimension, in the editor\'s H×W×C order for images).',
    '"""',
  );
  return lines.join('\n');
}

/** A complete runnable PyTorch script for a valid graph (throws on an invalid one). */
export function exportPyTorch(spec: NetworkSpec, analysis: Analysis): string {
  const ctxs = contexts(spec, analysis);
  const init: string[] = [];
  const forward: string[] = [];
  const helpers = new Set<Helper>();
  for (const c of ctxs) {
    const t = translate(c);
    init.push(...(t.init ?? []));
    forward.push(...t.forward);
    for (const h of t.helpers ?? []) helpers.add(h);
  }
  const names = new Map(ctxs.map((c) => [c.node.id, c.name]));
  const inputs = ctxs.filter((c) => c.node.type === 'Input');
  const outputs = analysis.outputs.map((id) => names.get(id)!);
  if (outputs.length === 0) throw new Error('cannot export a graph without an output layer');
  const tokens = tokenInputs(spec);
  const ind = (lines: string[], n: number) => lines.map((l) => ' '.repeat(n) + l);

  const dummy = inputs.map((c) => {
    const shape = c.outShape as number[];
    const dims = isImage(shape) ? [shape[2], shape[0], shape[1]] : shape;
    const dtype = tokens.has(c.node.id) ? ', dtype=torch.long' : '';
    return `torch.zeros(2, ${dims.join(', ')}${dtype})`;
  });
  const out: string[] = [
    header(spec, analysis),
    '',
    'import json',
    'import math',
    '',
    'import torch',
    'import torch.nn as nn',
    'import torch.nn.functional as F',
    '',
  ];
  for (const h of HELPER_ORDER) if (helpers.has(h)) out.push('', HELPERS[h], '');
  out.push(
    '',
    'class Model(nn.Module):',
    '    def __init__(self):',
    '        super().__init__()',
    ...ind(init, 8),
    '',
    `    def forward(self, ${inputs.map((c) => c.name).join(', ')}):`,
    ...ind(forward, 8),
    `        return ${outputs.length === 1 ? outputs[0] : `(${outputs.join(', ')})`}`,
    '',
    '',
    'def editor_shape(t):',
    '    """A tensor\'s shape without the batch dimension, images as H×W×C like the editor shows them."""',
    '    dims = list(t.shape[1:])',
    '    return [dims[1], dims[2], dims[0]] if t.dim() == 4 else dims',
    '',
    '',
    'if __name__ == "__main__":',
    '    model = Model()',
    '    model.eval()',
    `    inputs = [${dummy.join(', ')}]`,
    '    with torch.no_grad():',
    '        result = model(*inputs)',
    '    params = sum(p.numel() for p in model.parameters())',
    '    buffers = sum(b.numel() for name, b in model.named_buffers() if name.endswith(("running_mean", "running_var")))',
  );
  if (outputs.length === 1) {
    out.push('    print(json.dumps({"params": params, "buffers": buffers, "output_shape": editor_shape(result)}))');
  } else {
    out.push(
      '    shapes = [editor_shape(t) for t in result]',
      '    print(json.dumps({"params": params, "buffers": buffers, "output_shape": shapes[0], "output_shapes": shapes}))',
    );
  }
  return out.join('\n').replace(/\n{4,}/g, '\n\n\n') + '\n';
}
