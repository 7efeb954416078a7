import { config } from 'zod';

/**
 * The page's Content-Security-Policy forbids eval (vite.config.ts). zod would otherwise probe for
 * it with `Function('')` (a reported violation) to compile its parsers; jitless, it parses without
 * compiling. Imported first by App.tsx, so it runs before any module parses anything.
 */
config({ jitless: true });
