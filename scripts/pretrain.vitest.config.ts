import { defineConfig } from 'vitest/config';

// Runs scripts/pretrain-mnist.node.ts (the app's TypeScript runtime in Node): `node scripts/pretrain-mnist.mjs`.
export default defineConfig({
  test: {
    include: ['scripts/pretrain-mnist.node.ts'],
    environment: 'node',
    testTimeout: 1_200_000,
    pool: 'forks',
  },
});
