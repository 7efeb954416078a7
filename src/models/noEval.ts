import { config } from 'zod';

/**
 * The page's Content-Security-Policy forbids eval (vite.config.ts). zod would otherwise probe for
 * it with `Function('')` (a reported violation) to compile its parsers; jitless, it parses without
 * compiling. zod decides at schema creation (module top level), and bundling can run a chunk
 * holding zod and a schema before any module of ours, so the build also starts every chunk by
 * setting zod's global config (vite.config.ts, ZOD_JITLESS); this import covers dev and tests, first
 * in main.tsx, App.tsx and the engine's worker.
 */
config({ jitless: true });
