// Serves the production build (dist/) with Vite's preview server, so the
// browser tests and benchmarks exercise exactly what ships.
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { preview } from 'vite';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

// Asks the OS for a free port by binding port 0, then releases it for Vite.
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Responses a test can put in place of a built file (path → { body, type }), e.g. a changed
 * dist/sw.js to stand for a new version being deployed (tests/browser/offline.browser.mjs).
 * Same process as the tests (run.mjs imports both), so a test imports and edits this map.
 */
export const overrides = new Map();

const overridePlugin = {
  name: 'gradient-garden:test-overrides',
  configurePreviewServer(server) {
    server.middlewares.use((req, res, next) => {
      const path = (req.url ?? '').split('?')[0];
      const o = overrides.get(path);
      if (!o) return next();
      res.setHeader('Content-Type', o.type);
      res.setHeader('Cache-Control', 'no-cache');
      res.end(o.body);
    });
  },
};

export async function startServer({ port } = {}) {
  if (!existsSync(new URL('../../dist/index.html', import.meta.url))) {
    throw new Error('dist/index.html is missing: run `npm run build` first.');
  }
  const server = await preview({
    root: ROOT,
    logLevel: 'warn',
    plugins: [overridePlugin],
    preview: { host: '127.0.0.1', port: port ?? (await freePort()), strictPort: true, open: false },
  });
  const url = server.resolvedUrls.local[0].replace(/\/$/, '');
  return { url, close: () => server.close() };
}
