import { defineConfig } from 'vitest/config';

// Benchmarks that need the app's TypeScript modules in Node (no browser): `npx vitest run -c bench/vitest.config.ts`.
// They print figures; they are not part of `npm test`.
export default defineConfig({
  test: {
    include: ['bench/**/*.node.ts'],
    environment: 'node',
    testTimeout: 600_000,
    pool: 'forks',
  },
});
