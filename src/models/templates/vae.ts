import { chain, graph, node, type TemplateDef } from './build';

/**
 * A variational autoencoder with a 2-D latent space (issue 16, generation): the encoder of
 * `autoencoder2d` (Flatten → 256 → 64, ReLU) ends in two linear Dense(2) heads, the mean μ and the
 * log-variance log σ², which meet in a Sampling node (the reparameterisation trick, β = 1: its KL
 * term joins the loss); the decoder grows z back into 784 sigmoid pixels. Sampling's output is the
 * two values every path passes, so the latent tool finds it as the bottleneck (z = μ in inference).
 */
export const vae2d: TemplateDef = {
  id: 'vae2d',
  family: 'mlp',
  inputKind: 'image28',
  reconstructs: true,
  training: { learningRate: 0.003, batchSize: 64 },
  noteKey: 'template.vae2d.note',
  network: () =>
    graph([
      ...chain([
        ['input', 'Input', { shape: [28, 28, 1] }],
        ['flatten', 'Flatten'],
        ['enc1', 'Dense', { units: 256, activation: 'relu', useBias: true }],
        ['enc2', 'Dense', { units: 64, activation: 'relu', useBias: true }],
      ]),
      node('mean', 'Dense', { units: 2, activation: 'linear', useBias: true }, ['enc2']),
      node('logVar', 'Dense', { units: 2, activation: 'linear', useBias: true }, ['enc2']),
      ...chain([
        ['z', 'Sampling', { beta: 1 }, ['mean', 'logVar']],
        ['dec1', 'Dense', { units: 64, activation: 'relu', useBias: true }],
        ['dec2', 'Dense', { units: 256, activation: 'relu', useBias: true }],
        ['output', 'Dense', { units: 784, activation: 'sigmoid', useBias: true }],
      ]),
    ]),
};

export const TEMPLATES: TemplateDef[] = [vae2d];
