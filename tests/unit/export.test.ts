import * as tf from '@tensorflow/tfjs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, type Analysis } from '../../src/models/analysis';
import { CATALOG } from '../../src/models/catalog';
import { exportKeras, exportPyTorch, pythonNames } from '../../src/models/export';
import type { LayerNode, NetworkSpec } from '../../src/models/spec';
import { TEMPLATES } from '../../src/models/templates';
import { buildModel } from '../../src/training/model';

const PYTHON = '/usr/bin/python3';
const n = (id: string, type: string, params: LayerNode['params'], inputs: string[] = []): LayerNode => ({ id, type, params, inputs });

/** Hand-made graphs with branches and the translations the templates do not reach. */
const EXTRA: Record<string, NetworkSpec> = {
  // Strided 'same' convolution with uneven padding, a residual Add, 'same' pooling both kinds,
  // Concatenate on channels, LayerNorm / Dense on an image, Reshape into a sequence, recurrent layers.
  imageBranches: {
    nodes: [
      n('image', 'Input', { shape: [12, 12, 3] }),
      n('conv-a', 'Conv2D', { filters: 8, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }, ['image']),
      n('conv b', 'Conv2D', { filters: 8, kernelSize: 1, strides: 2, padding: 'valid', activation: 'linear', useBias: false }, ['image']),
      n('sum', 'Add', {}, ['conv-a', 'conv b']),
      n('bn', 'BatchNormalization', { momentum: 0.9, epsilon: 0.001 }, ['sum']),
      n('maxp', 'MaxPool2D', { poolSize: 3, strides: 2, padding: 'same' }, ['bn']),
      n('avgp', 'AvgPool2D', { poolSize: 3, strides: 2, padding: 'same' }, ['bn']),
      n('cat', 'Concatenate', { axis: -1 }, ['maxp', 'avgp']),
      n('ln', 'LayerNormalization', { epsilon: 0.001 }, ['cat']),
      n('pixelwise', 'Dense', { units: 5, activation: 'swish' }, ['ln']),
      n('soft', 'Activation', { activation: 'softmax' }, ['pixelwise']),
      n('rows', 'Reshape', { targetShape: [9, 5] }, ['soft']),
      n('gru', 'GRU', { units: 6, returnSequences: true }, ['rows']),
      n('rnn', 'SimpleRNN', { units: 4, activation: 'gelu', returnSequences: false }, ['gru']),
      n('class', 'Dense', { units: 3, activation: 'softmax' }, ['rnn']),
    ],
  },
  // Two inputs: tokens with learned positions and a feature sequence; attention with
  // num_heads·key_dim ≠ D (the Keras-style module) and = D with another key width (nn.MultiheadAttention).
  sequenceBranches: {
    nodes: [
      n('tokens', 'Input', { shape: [10] }),
      n('emb', 'Embedding', { inputDim: 20, outputDim: 12 }, ['tokens']),
      n('pos', 'PositionalEncoding', { encoding: 'learned', maxLength: 16 }, ['emb']),
      n('self', 'MultiHeadAttention', { numHeads: 3, keyDim: 5, causal: true, dropout: 0 }, ['pos']),
      n('signal', 'Input', { shape: [7, 8] }),
      n('norm', 'BatchNormalization', { momentum: 0.99, epsilon: 0.001 }, ['signal']),
      n('bigru', 'Bidirectional', { cell: 'GRU', units: 6, returnSequences: true, mergeMode: 'sum' }, ['norm']),
      n('cross', 'MultiHeadAttention', { numHeads: 2, keyDim: 6, causal: false, dropout: 0.1 }, ['self', 'bigru']),
      n('block', 'TransformerEncoderBlock', { numHeads: 2, keyDim: 4, ffDim: 16, dropout: 0.1, causal: true }, ['cross']),
      n('birnn', 'Bidirectional', { cell: 'SimpleRNN', units: 3, returnSequences: true, mergeMode: 'ave' }, ['block']),
      n('bilstm', 'Bidirectional', { cell: 'LSTM', units: 5, returnSequences: false, mergeMode: 'concat' }, ['birnn']),
      n('drop', 'Dropout', { rate: 0.2 }, ['bilstm']),
      n('out', 'Dense', { units: 1, activation: 'leakyRelu' }, ['drop']),
    ],
  },
  // Two outputs, a flattened sequence, and ids that are Python keywords or clash with nn.Module.
  twoOutputs: {
    nodes: [
      n('input', 'Input', { shape: [4, 3] }),
      n('class', 'LSTM', { units: 4, returnSequences: true }, ['input']),
      n('forward', 'Flatten', {}, ['class']),
      n('2nd', 'Dense', { units: 2, activation: 'elu' }, ['forward']),
      n('lambda', 'Dense', { units: 3, activation: 'gelu' }, ['forward']),
    ],
  },
};

const CASES: { id: string; spec: NetworkSpec }[] = [
  ...TEMPLATES.map((t) => ({ id: t.id, spec: t.network() })),
  ...Object.entries(EXTRA).map(([id, spec]) => ({ id, spec })),
];
const missingTypes = (spec: NetworkSpec) => [...new Set(spec.nodes.map((x) => x.type))].filter((t) => !(t in CATALOG));

/**
 * What PyTorch reports for a graph, from the editor's count and the documented differences:
 * BatchNorm's moving mean and variance are buffers, not parameters (2·C of the editor's 4·C), and
 * PyTorch's recurrent layers keep two bias vectors per gate where Keras / TF.js keep one
 * (LSTM +4·u, GRU +3·u — TF.js builds GRU with reset_after=False — SimpleRNN +u; ×2 Bidirectional).
 */
function torchExpectation(spec: NetworkSpec, analysis: Analysis): { params: number; buffers: number } {
  const gates: Record<string, number> = { LSTM: 4, GRU: 3, SimpleRNN: 1 };
  let params = analysis.totalParams;
  let buffers = 0;
  for (const node of spec.nodes) {
    const units = node.params.units as number;
    if (node.type === 'BatchNormalization') {
      const shape = analysis.nodes[node.inputs[0]].shape!;
      const channels = shape[shape.length - 1] as number;
      params -= 2 * channels;
      buffers += 2 * channels;
    } else if (node.type in gates) {
      params += gates[node.type] * units;
    } else if (node.type === 'Bidirectional') {
      params += 2 * gates[node.params.cell as string] * units;
    }
  }
  return { params, buffers };
}

const DRIVER = `
import io, json, runpy, signal, sys, traceback
from contextlib import redirect_stdout

def on_alarm(signum, frame):
    raise TimeoutError("script ran past 60 s")

signal.signal(signal.SIGALRM, on_alarm)
for path in sys.argv[1:]:
    buf = io.StringIO()
    signal.alarm(60)
    try:
        with redirect_stdout(buf):
            runpy.run_path(path, run_name="__main__")
        lines = [l for l in buf.getvalue().splitlines() if l.startswith("{")]
        print(json.dumps({"path": path, "result": json.loads(lines[-1])}))
    except BaseException:
        print(json.dumps({"path": path, "error": traceback.format_exc()}))
    finally:
        signal.alarm(0)
    sys.stdout.flush()
`;

const AST_CHECK = `
import ast, json, sys
for path in sys.argv[1:]:
    try:
        ast.parse(open(path, encoding="utf-8").read(), filename=path)
        print(json.dumps({"path": path, "ok": True}))
    except SyntaxError as e:
        print(json.dumps({"path": path, "ok": False, "error": str(e)}))
`;

let dir = '';
interface TorchResult {
  path: string;
  result?: { params: number; buffers: number; output_shape: number[] };
  error?: string;
}
const torchResults = new Map<string, TorchResult>();
const astResults = new Map<string, { ok: boolean; error?: string }>();
const runnable = CASES.filter((c) => missingTypes(c.spec).length === 0);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gg-export-'));
  try {
    execFileSync(PYTHON, ['-c', 'import torch'], { stdio: 'pipe', timeout: 60_000 });
  } catch (e) {
    throw new Error(
      `${PYTHON} cannot import torch, which the PyTorch export test needs: install Debian's python3-torch ` +
        `(apt-get install python3-torch). ${(e as { stderr?: Buffer }).stderr?.toString() ?? String(e)}`,
      { cause: e },
    );
  }
  const torchFiles: string[] = [];
  const kerasFiles: string[] = [];
  for (const c of runnable) {
    const analysis = analyze(c.spec);
    const torchPath = join(dir, `torch_${c.id}.py`);
    const kerasPath = join(dir, `keras_${c.id}.py`);
    writeFileSync(torchPath, exportPyTorch(c.spec, analysis));
    writeFileSync(kerasPath, exportKeras(c.spec, analysis));
    torchFiles.push(torchPath);
    kerasFiles.push(kerasPath);
  }
  writeFileSync(join(dir, 'driver.py'), DRIVER);
  writeFileSync(join(dir, 'ast_check.py'), AST_CHECK);
  // One Python process for all scripts: importing torch takes seconds.
  const out = execFileSync(PYTHON, [join(dir, 'driver.py'), ...torchFiles], { timeout: 60_000 * Math.max(2, torchFiles.length), encoding: 'utf8' });
  for (const line of out.split('\n').filter((l) => l.startsWith('{'))) {
    const r = JSON.parse(line) as TorchResult;
    torchResults.set(r.path, r);
  }
  const ast = execFileSync(PYTHON, [join(dir, 'ast_check.py'), ...kerasFiles], { timeout: 60_000, encoding: 'utf8' });
  for (const line of ast.split('\n').filter((l) => l.startsWith('{'))) {
    const r = JSON.parse(line) as { path: string; ok: boolean };
    astResults.set(r.path, r);
  }
}, 60_000 * (CASES.length + 2));

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('python names', () => {
  it('are identifiers, unique, and never keywords or nn.Module attributes', () => {
    const names = pythonNames(EXTRA.twoOutputs);
    expect([...names.values()]).toEqual(['input_', 'class_', 'forward_', 'n_2nd', 'lambda_']);
    const clash = pythonNames({ nodes: [n('a-b', 'Input', {}), n('a b', 'Dense', {}), n('a_b', 'Dense', {}), n('__x', 'Dense', {})] });
    expect([...clash.values()]).toEqual(['a_b', 'a_b_2', 'a_b_3', '_x']);
  });

  it('exporters refuse a graph with errors or without an output', () => {
    const spec: NetworkSpec = { nodes: [n('in', 'Input', { shape: [2] }), n('d', 'Dense', { units: 0 }, ['in'])] };
    expect(() => exportPyTorch(spec, analyze(spec))).toThrow(/errors/);
    expect(() => exportKeras(spec, analyze(spec))).toThrow(/errors/);
    const lonely: NetworkSpec = { nodes: [n('in', 'Input', { shape: [2] })] };
    expect(() => exportPyTorch(lonely, analyze(lonely))).toThrow(/output/);
    expect(() => exportKeras(lonely, analyze(lonely))).toThrow(/output/);
  });
});

describe('PyTorch export', () => {
  for (const c of CASES) {
    const missing = missingTypes(c.spec);
    it.skipIf(missing.length > 0)(
      `${c.id}: runs in real PyTorch with the editor's parameter count and output shape${missing.length ? ` (skipped: ${missing.join(', ')} not in CATALOG yet)` : ''}`,
      () => {
        const analysis = analyze(c.spec);
        expect(analysis.errors).toEqual([]);
        const r = torchResults.get(join(dir, `torch_${c.id}.py`));
        expect(r, 'no result from the driver').toBeDefined();
        expect(r!.error).toBeUndefined();
        const expected = torchExpectation(c.spec, analysis);
        expect(r!.result!.params).toBe(expected.params);
        expect(r!.result!.buffers).toBe(expected.buffers);
        expect(r!.result!.output_shape).toEqual(analysis.nodes[analysis.outputs[0]].shape);
      },
    );
  }

  it('documents NCHW and the parameter differences in the generated header', () => {
    const resnet = TEMPLATES.find((t) => t.id === 'resnet')!.network();
    const code = exportPyTorch(resnet, analyze(resnet));
    expect(code).toContain('(N, C, H, W)');
    expect(code).toContain('H×W×C');
    expect(code).toContain('running_mean');
    expect(code).toContain('class Model(nn.Module):');
    expect(code).toContain('nn.BatchNorm2d(');
    expect(code).toContain('block1_add = block1_bn2 + stem_relu');
    const lstm = TEMPLATES.find((t) => t.id === 'lstm')!.network();
    const lstmCode = exportPyTorch(lstm, analyze(lstm));
    expect(lstmCode).toContain('4·u·(F+u+2)');
    expect(lstmCode).toContain('nn.LSTM(16, 32, batch_first=True)');
    expect(lstmCode).toContain('dtype=torch.long');
  });
});

const EQUIVALENCE_DRIVER = `
import json, runpy, sys
import torch

script, weights_path = sys.argv[1], sys.argv[2]
data = json.load(open(weights_path))
Model = runpy.run_path(script)["Model"]
model = Model()
state = {k: torch.tensor(v["data"], dtype=torch.float32).reshape(v["shape"]) for k, v in data["state"].items()}
missing, unexpected = model.load_state_dict(state, strict=False)
model.eval()
xs = []
for item in data["inputs"]:
    x = torch.tensor(item["data"], dtype=torch.float32).reshape(item["shape"])
    xs.append(x.permute(0, 3, 1, 2) if x.dim() == 4 else x)
with torch.no_grad():
    y = model(*xs)
print(json.dumps({"output": y.reshape(-1).tolist(), "missing": missing, "unexpected": unexpected}))
`;

/**
 * Copy a TF.js model's weights into PyTorch state_dict form (by the exported module names), run
 * the same input through both and compare: the NCHW translation, TF's 'same' padding, pooling
 * and the H, W, C flatten order must give the same numbers, not just the same shapes.
 */
describe('PyTorch export computes what TF.js computes', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  const convNet: NetworkSpec = {
    nodes: [
      n('image', 'Input', { shape: [10, 10, 3] }),
      n('a', 'Conv2D', { filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }, ['image']),
      n('b', 'Conv2D', { filters: 4, kernelSize: 1, strides: 2, padding: 'valid', activation: 'linear', useBias: false }, ['image']),
      n('sum', 'Add', {}, ['a', 'b']),
      n('bn', 'BatchNormalization', { momentum: 0.99, epsilon: 0.001 }, ['sum']),
      n('maxp', 'MaxPool2D', { poolSize: 3, strides: 2, padding: 'same' }, ['bn']),
      n('avgp', 'AvgPool2D', { poolSize: 2, strides: 2, padding: 'same' }, ['bn']),
      n('cat', 'Concatenate', { axis: -1 }, ['maxp', 'avgp']),
      n('ln', 'LayerNormalization', { epsilon: 0.001 }, ['cat']),
      n('pixelwise', 'Dense', { units: 3, activation: 'tanh' }, ['ln']),
      n('flat', 'Flatten', {}, ['pixelwise']),
      n('out', 'Dense', { units: 4, activation: 'softmax' }, ['flat']),
    ],
  };
  const lenet = TEMPLATES.find((t) => t.id === 'lenet5')!.network();
  const rnnNet: NetworkSpec = {
    nodes: [
      n('tokens', 'Input', { shape: [6] }),
      n('emb', 'Embedding', { inputDim: 10, outputDim: 4 }, ['tokens']),
      n('lstm', 'LSTM', { units: 5, returnSequences: true }, ['emb']),
      n('rnn', 'SimpleRNN', { units: 4, activation: 'tanh', returnSequences: true }, ['lstm']),
      n('bi', 'Bidirectional', { cell: 'LSTM', units: 3, returnSequences: false, mergeMode: 'concat' }, ['rnn']),
      n('out', 'Dense', { units: 2, activation: 'softmax' }, ['bi']),
    ],
  };

  // Both attention translations (nn.MultiheadAttention, also with kdim ≠ D, and the Keras-style
  // module), causal masks, learned and sinusoidal positions, both Transformer blocks, two inputs.
  const attentionNet: NetworkSpec = {
    nodes: [
      n('src', 'Input', { shape: [5] }),
      n('src_emb', 'Embedding', { inputDim: 10, outputDim: 6 }, ['src']),
      n('src_pe', 'PositionalEncoding', { encoding: 'sinusoidal', maxLength: 8 }, ['src_emb']),
      n('enc', 'TransformerEncoderBlock', { numHeads: 3, keyDim: 2, ffDim: 10, dropout: 0.1, causal: false }, ['src_pe']),
      n('tgt', 'Input', { shape: [6] }),
      n('tgt_emb', 'Embedding', { inputDim: 10, outputDim: 8 }, ['tgt']),
      n('tgt_pe', 'PositionalEncoding', { encoding: 'learned', maxLength: 8 }, ['tgt_emb']),
      n('self', 'MultiHeadAttention', { numHeads: 2, keyDim: 3, causal: true, dropout: 0 }, ['tgt_pe']),
      n('cross', 'MultiHeadAttention', { numHeads: 2, keyDim: 4, causal: false, dropout: 0 }, ['self', 'enc']),
      n('dec', 'TransformerDecoderBlock', { numHeads: 2, keyDim: 3, ffDim: 12, dropout: 0.1 }, ['cross', 'enc']),
      n('out', 'Dense', { units: 3, activation: 'softmax' }, ['dec']),
    ],
  };

  // Two id inputs, Embeddings, Flatten, Dot and a three-way Add (recommenders).
  const mf = TEMPLATES.find((t) => t.id === 'matrixFactorization')!.network();
  const ncf = TEMPLATES.find((t) => t.id === 'ncf')!.network();

  for (const [id, spec] of [['convNet', convNet], ['lenet5', lenet], ['rnnNet', rnnNet], ['attentionNet', attentionNet], ['matrixFactorization', mf], ['ncf', ncf]] as const) {
    it.skipIf(missingTypes(spec).length > 0)(`${id}: same outputs within 1e-5`, () => {
      const analysis = analyze(spec);
      const names = pythonNames(spec);
      const built = buildModel(tf, spec);
      const state: Record<string, { shape: number[]; data: number[] }> = {};
      const put = (key: string, t: tf.Tensor) => {
        state[key] = { shape: t.shape, data: Array.from(t.dataSync()) };
      };
      try {
        for (const node of spec.nodes) {
          const layer = built.model.getLayer(node.id);
          if (layer.getWeights().length === 0) continue;
          // Random weights everywhere (BN's variance positive) so every weight matters.
          const fresh = layer.getWeights().map((w, i) =>
            node.type === 'BatchNormalization' && i === 3 ? tf.randomUniform(w.shape, 0.5, 2) : tf.randomNormal(w.shape, 0, 0.5),
          );
          layer.setWeights(fresh);
          const name = names.get(node.id)!;
          // Keras recurrent weights: kernel [F, g·u], recurrent kernel [u, g·u], one bias; PyTorch's
          // LSTM gates come in the same order (i, f, c/g, o), with a second bias set to 0.
          const rnn = (suffix: string, [kernel, recurrent, bias]: tf.Tensor[]) => {
            put(`${name}.weight_ih_l0${suffix}`, kernel.transpose());
            put(`${name}.weight_hh_l0${suffix}`, recurrent.transpose());
            put(`${name}.bias_ih_l0${suffix}`, bias);
            put(`${name}.bias_hh_l0${suffix}`, tf.zerosLike(bias));
          };
          const inShapes = node.inputs.map((src) => analysis.nodes[src].shape as number[]);
          const width = (i = 0) => inShapes[i][inShapes[i].length - 1];
          /** Keras-layout attention weights (query, key, value, output: kernel and bias each) by module name. */
          const attention = (prefix: string, w: tf.Tensor[], kvDim: number) => {
            const [h, k, d] = [node.params.numHeads as number, node.params.keyDim as number, width()];
            if (h * k !== d) {
              ['query', 'key', 'value', 'output'].forEach((p, i) => {
                put(`${prefix}.${p}.weight`, w[2 * i].transpose());
                put(`${prefix}.${p}.bias`, w[2 * i + 1]);
              });
              return;
            }
            if (kvDim === d) put(`${prefix}.in_proj_weight`, tf.concat([w[0].transpose(), w[2].transpose(), w[4].transpose()], 0));
            else ['q', 'k', 'v'].forEach((p, i) => put(`${prefix}.${p}_proj_weight`, w[2 * i].transpose()));
            put(`${prefix}.in_proj_bias`, tf.concat([w[1], w[3], w[5]], 0));
            put(`${prefix}.out_proj.weight`, w[6].transpose());
            put(`${prefix}.out_proj.bias`, w[7]);
          };
          const norm = (prefix: string, [gamma, beta]: tf.Tensor[]) => {
            put(`${prefix}.weight`, gamma);
            put(`${prefix}.bias`, beta);
          };
          const feedForward = (w: tf.Tensor[]) => {
            put(`${name}.ff.0.weight`, w[0].transpose());
            put(`${name}.ff.0.bias`, w[1]);
            put(`${name}.ff.2.weight`, w[2].transpose());
            put(`${name}.ff.2.bias`, w[3]);
          };
          switch (node.type) {
            case 'PositionalEncoding':
              put(`${name}.table.weight`, fresh[0]);
              break;
            case 'MultiHeadAttention':
              attention(name, fresh, width(inShapes.length - 1));
              break;
            case 'TransformerEncoderBlock':
              attention(`${name}.attention`, fresh.slice(0, 8), width());
              norm(`${name}.norm1`, fresh.slice(8, 10));
              feedForward(fresh.slice(10, 14));
              norm(`${name}.norm2`, fresh.slice(14, 16));
              break;
            case 'TransformerDecoderBlock':
              attention(`${name}.self_attention`, fresh.slice(0, 8), width());
              norm(`${name}.norm1`, fresh.slice(8, 10));
              attention(`${name}.cross_attention`, fresh.slice(10, 18), width(1));
              norm(`${name}.norm2`, fresh.slice(18, 20));
              feedForward(fresh.slice(20, 24));
              norm(`${name}.norm3`, fresh.slice(24, 26));
              break;
            case 'Embedding':
              put(`${name}.weight`, fresh[0]);
              break;
            case 'LSTM':
            case 'SimpleRNN':
              rnn('', fresh);
              break;
            case 'Bidirectional':
              rnn('', fresh.slice(0, 3));
              rnn('_reverse', fresh.slice(3));
              break;
            case 'Conv2D':
            case 'Dense':
              // Conv kernels HWIO → OIHW; Dense kernels [in, out] → [out, in].
              put(`${name}.weight`, node.type === 'Conv2D' ? fresh[0].transpose([3, 2, 0, 1]) : fresh[0].transpose());
              if (fresh[1]) put(`${name}.bias`, fresh[1]);
              break;
            default:
              // BatchNormalization (γ, β, moving mean, moving variance) and LayerNormalization (γ, β).
              put(`${name}.weight`, fresh[0]);
              put(`${name}.bias`, fresh[1]);
              if (node.type === 'BatchNormalization') {
                put(`${name}.running_mean`, fresh[2]);
                put(`${name}.running_var`, fresh[3]);
              }
          }
          tf.dispose(fresh);
        }
        // Inputs in the order the model takes them (Input nodes in topological order).
        const xs = analysis.order
          .filter((id) => spec.nodes.find((x) => x.id === id)!.type === 'Input')
          .map((id) => {
            const shape = [2, ...(analysis.nodes[id].shape as number[])];
            const tokens = spec.nodes.some((x) => x.type === 'Embedding' && x.inputs.includes(id));
            return tokens ? tf.randomUniform(shape, 0, 10, 'int32').toFloat() : tf.randomNormal(shape);
          });
        const y = built.model.predict(xs.length === 1 ? xs[0] : xs) as tf.Tensor;
        const expected = Array.from(y.dataSync());
        const script = join(dir, `equiv_${id}.py`);
        const weights = join(dir, `equiv_${id}.json`);
        writeFileSync(script, exportPyTorch(spec, analysis));
        const inputs = xs.map((x) => ({ data: Array.from(x.dataSync()), shape: x.shape }));
        writeFileSync(weights, JSON.stringify({ state, inputs }));
        writeFileSync(join(dir, 'equiv.py'), EQUIVALENCE_DRIVER);
        tf.dispose([...xs, y]);
        const out = JSON.parse(execFileSync(PYTHON, [join(dir, 'equiv.py'), script, weights], { timeout: 60_000, encoding: 'utf8' })) as {
          output: number[];
          missing: string[];
          unexpected: string[];
        };
        expect(out.missing).toEqual([]);
        expect(out.unexpected).toEqual([]);
        expect(out.output).toHaveLength(expected.length);
        const worst = Math.max(...out.output.map((v, i) => Math.abs(v - expected[i])));
        expect(worst).toBeLessThan(1e-5);
      } finally {
        built.dispose();
      }
    });
  }
});

describe('Keras export', () => {
  for (const c of CASES) {
    const missing = missingTypes(c.spec);
    it.skipIf(missing.length > 0)(`${c.id}: is valid Python using the functional API`, () => {
      const analysis = analyze(c.spec);
      const code = exportKeras(c.spec, analysis);
      const r = astResults.get(join(dir, `keras_${c.id}.py`));
      expect(r?.ok, r?.error).toBe(true);
      expect(code).toContain('keras.Input(shape=');
      expect(code).toContain('model.summary()');
      expect(code.match(/keras\.Input\(/g)).toHaveLength(c.spec.nodes.filter((x) => x.type === 'Input').length);
      // Every non-Input node becomes exactly one named layer call.
      for (const node of c.spec.nodes) if (node.type !== 'Input') expect(code).toContain(`name=${JSON.stringify(node.id)})`);
    });
  }

  it('writes the expected layer calls', () => {
    const code = (id: string) => {
      const spec = TEMPLATES.find((t) => t.id === id)!.network();
      return exportKeras(spec, analyze(spec));
    };
    expect(code('lenet5')).toContain('conv1 = layers.Conv2D(6, 5, strides=1, padding="valid", activation="tanh", use_bias=True, name="conv1")(input_)');
    expect(code('lenet5')).toContain('layers.AveragePooling2D(2, strides=2, padding="valid", name="pool1")(conv1)');
    expect(code('resnet')).toContain('layers.Add(name="block1_add")([block1_bn2, stem_relu])');
    expect(code('densenet')).toContain('layers.Concatenate(axis=-1, name="block1_l1_cat")([stem_conv, block1_l1_conv])');
    expect(code('gru')).toContain('layers.GRU(32, return_sequences=False, reset_after=False, name="recurrent")(embedding)');
    expect(code('biLstm')).toContain('layers.Bidirectional(layers.LSTM(16, return_sequences=False), merge_mode="concat", name="recurrent")');
    expect(code('transformerEncoder')).toContain('class PositionalEncoding(layers.Layer):');
    expect(code('transformerSeq2seq')).toContain('decoder1 = TransformerDecoderBlock(64, num_heads=4, key_dim=16, ff_dim=128, dropout=0.0, name="decoder1")(target_posenc, encoder2)');
    expect(code('transformerSeq2seq')).toContain('model = keras.Model(inputs=[source, target], outputs=output, name="gradient_garden")');
    const mha = exportKeras(EXTRA.sequenceBranches, analyze(EXTRA.sequenceBranches));
    expect(mha).toContain('layers.MultiHeadAttention(num_heads=3, key_dim=5, dropout=0.0, name="self")(pos, pos, use_causal_mask=True)');
  });
});
