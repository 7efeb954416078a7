/**
 * The PyTorch exporter: assembles the per-layer translations of pytorchLayers.ts and the helper
 * classes of pytorchHelpers.ts into one runnable script (header, Model, a smoke run).
 */
import type { Analysis } from '../analysis';
import type { NetworkSpec, TrainingConfig } from '../spec';
import { pytorchOptimizer } from './optimizerCode';
import { contexts, tokenInputs } from './pythonNames';
import { isImage } from './pytorchExpressions';
import { HELPER_ORDER, HELPERS, type Helper } from './pytorchHelpers';
import { translate } from './pytorchLayers';

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
export function exportPyTorch(spec: NetworkSpec, analysis: Analysis, training?: TrainingConfig): string {
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
    // Frozen layers (transfer learning): no gradients for their weights.
    ...ctxs.filter((c) => c.node.trainable === false).map((c) => `    model.${c.name}.requires_grad_(False)  # frozen in Gradient Garden`),
    ...(training ? ['    # The optimizer it trains with in Gradient Garden, with TF.js\'s constants:', `    optimizer = ${pytorchOptimizer(training)}`] : []),
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
