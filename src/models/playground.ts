import { type Activation, type LayerNode, type NetworkSpec, type Task } from './spec';
import { typedNode } from './params';

/**
 * The 2-D playground's view of a network: a straight chain Input → hidden Dense layers (each
 * optionally followed by Dropout) → output Dense. The graph editor can build networks that are not
 * chains; `readPlayground` then returns null and the playground says so instead of guessing.
 */
export interface PlaygroundLayer {
  id: string;
  units: number;
  activation: Activation;
  /** Dropout rate after this layer; 0 means no Dropout node. */
  dropout: number;
}

export interface PlaygroundNetwork {
  inputId: string;
  hidden: PlaygroundLayer[];
  output: { id: string; units: number; activation: Activation };
}

export const MAX_HIDDEN_LAYERS = 8;
export const MAX_UNITS = 16;

/** Output activations that make sense for each task, the first being the default. */
export const OUTPUT_ACTIVATIONS: Record<Task, readonly Activation[]> = {
  binary: ['tanh', 'sigmoid', 'linear'],
  multiclass: ['softmax'],
  regression: ['linear', 'tanh'],
  tokens: ['softmax'],
  reconstruct: ['sigmoid', 'linear'],
};

const dropoutId = (layerId: string) => `${layerId}_dropout`;

/** Read the chain, or null when the network is not a playground-shaped chain. */
export function readPlayground(spec: NetworkSpec): PlaygroundNetwork | null {
  const nodes = spec.nodes;
  if (nodes.length < 2 || nodes[0].type !== 'Input' || nodes[0].inputs.length !== 0) return null;
  const dense: PlaygroundLayer[] = [];
  let prev = nodes[0].id;
  for (let i = 1; i < nodes.length; i++) {
    const n = nodes[i];
    if (n.inputs.length !== 1 || n.inputs[0] !== prev) return null;
    // Checked parameters, defaults filled in (the editor and the codec only ever store valid ones).
    const t = typedNode(n);
    if (t?.type === 'Dense') {
      dense.push({
        id: n.id,
        units: t.params.units,
        activation: t.params.activation,
        dropout: 0,
      });
    } else if (t?.type === 'Dropout' && dense.length > 0 && nodes[i - 1].type === 'Dense') {
      dense[dense.length - 1].dropout = t.params.rate;
    } else {
      return null;
    }
    prev = n.id;
  }
  const out = dense.pop();
  if (!out || out.dropout > 0 || nodes[nodes.length - 1].id !== out.id) return null;
  return { inputId: nodes[0].id, hidden: dense, output: { id: out.id, units: out.units, activation: out.activation } };
}

/** Write a playground chain back as a NetworkSpec. */
export function writePlayground(net: PlaygroundNetwork, inputSize: number): NetworkSpec {
  const nodes: LayerNode[] = [{ id: net.inputId, type: 'Input', params: { shape: [inputSize] }, inputs: [] }];
  let prev = net.inputId;
  for (const layer of net.hidden) {
    nodes.push({ id: layer.id, type: 'Dense', params: { units: layer.units, activation: layer.activation, useBias: true }, inputs: [prev] });
    prev = layer.id;
    if (layer.dropout > 0) {
      nodes.push({ id: dropoutId(layer.id), type: 'Dropout', params: { rate: layer.dropout }, inputs: [prev] });
      prev = dropoutId(layer.id);
    }
  }
  nodes.push({
    id: net.output.id,
    type: 'Dense',
    params: { units: net.output.units, activation: net.output.activation, useBias: true },
    inputs: [prev],
  });
  return { nodes };
}

/** A fresh id for a hidden layer, not used by any node yet. */
export function freshLayerId(spec: NetworkSpec): string {
  const used = new Set(spec.nodes.map((n) => n.id));
  for (let i = 1; ; i++) if (!used.has(`h${i}`)) return `h${i}`;
}
