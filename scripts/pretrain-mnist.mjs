// Trains the small digit CNN that ships pre-trained (public/pretrained/mnist-cnn.json) from a fixed
// seed with the app's own runtime on TF.js's CPU backend, and writes it as a saved file (the
// Experiment and its weights, models/weightsFile.ts) plus scripts/pretrain-mnist.meta.json (seed,
// steps, held-out accuracy, size, a SHA-256 of the weights after 40 steps for the unit test).
// The network and its settings are src/models/transfer.ts (pretrainExperiment); the training is
// src/training/transfer.ts (pretrainDigits). The app's modules are TypeScript, so the work runs
// under Vitest (scripts/pretrain-mnist.node.ts). Usage: node scripts/pretrain-mnist.mjs
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const run = spawnSync(process.execPath, [vitest, 'run', '-c', 'scripts/pretrain.vitest.config.ts'], { cwd: root, stdio: 'inherit', env: { ...process.env, GG_PRETRAIN: '1' } });
process.exit(run.status ?? 1);
