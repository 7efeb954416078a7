import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeServiceWorker } from './scripts/pwa.mjs';
import { iconPng, webManifest } from './scripts/icons.mjs';

/**
 * The Content-Security-Policy of the built app: only its own scripts (no inline script, no eval),
 * its own worker file, its own data (MNIST from public/data) and its own images (everything else
 * is drawn on canvases). Nothing is loaded from elsewhere, and the page cannot be
 * re-based or host plugins. The same policy goes out as a header from `vite preview` (what the
 * browser tests serve), which also covers the worker: a worker takes its policy from its own
 * response, not from the page's <meta>. A static host should send this header too.
 */
/**
 * zod builds its parsers with `Function` unless told not to, and decides when a schema is created
 * (module top level): a chunk holding zod and a schema can run before any module of ours could
 * call `config({ jitless: true })`. zod reads `globalThis.__zod_globalConfig` when it loads, so every
 * built chunk (page and worker) starts by setting it: no eval probe, no CSP violation report.
 */
const ZOD_JITLESS = 'globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // TF.js's int64 helper (long.js) compiles a tiny WebAssembly module when allowed; this permits
  // WebAssembly compilation only, never JavaScript eval.
  "script-src 'self' 'wasm-unsafe-eval'",
  // The engine's Web Worker and the service worker (dist/sw.js), both same-origin files.
  "worker-src 'self'",
  // The web app manifest (manifest.webmanifest), for installing the app.
  "manifest-src 'self'",
  "connect-src 'self'",
  // blob: for figures saved from the views (an SVG drawn into a canvas to make a PNG).
  "img-src 'self' blob:",
  "style-src 'self'",
  // Style attributes only (never <style> elements or script): KaTeX sizes stretchy delimiters and
  // radicals (\begin{cases}, \sqrt) with style attributes on its SVG parts.
  "style-src-attr 'unsafe-inline'",
  // KaTeX's fonts: bundled files, or data: URIs where Vite inlines a small one.
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/**
 * Adds the policy as a <meta> right after the charset, at build time only: the dev server injects
 * inline scripts (React refresh's preamble, the HMR client), which the policy rightly forbids, so
 * `npm start` runs without it. Placed before every script and stylesheet, it governs them all.
 */
function contentSecurityPolicy(): Plugin {
  const charset = /<meta charset="UTF-8" \/>/i;
  return {
    name: 'gradient-garden:csp',
    apply: 'build',
    transformIndexHtml(html) {
      if (!charset.test(html)) throw new Error('index.html: no <meta charset="UTF-8" /> to put the Content-Security-Policy after');
      return html.replace(charset, (m) => `${m}\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`);
    },
  };
}

/**
 * The offline, installable app (issue 14), at build time only: the web app manifest and its PNG
 * icons (scripts/icons.mjs), their <link>s in index.html, and, once dist/ is complete, the service
 * worker dist/sw.js with the precache manifest of every built file (scripts/pwa.mjs). main.tsx
 * registers it in production builds.
 */
function offlineApp(): Plugin {
  let outDir = 'dist';
  let base = '/';
  return {
    name: 'gradient-garden:offline',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
      base = config.base;
    },
    transformIndexHtml(html) {
      const links = [
        `<link rel="manifest" href="${base}manifest.webmanifest" />`,
        `<link rel="apple-touch-icon" href="${base}icon-192.png" />`,
        `<meta name="theme-color" content="#183d4e" />`,
      ].join('\n    ');
      return html.replace('</head>', `  ${links}\n  </head>`);
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'manifest.webmanifest', source: JSON.stringify(webManifest(base), null, 2) });
      for (const size of [192, 512]) this.emitFile({ type: 'asset', fileName: `icon-${size}.png`, source: iconPng(size) });
    },
    closeBundle() {
      if (!existsSync(resolve(outDir, 'index.html'))) return;
      const { manifest, precachedBytes } = writeServiceWorker(outDir);
      console.log(`offline: sw.js precaches ${manifest.precache.length} files (${precachedBytes} bytes); ${manifest.runtime.length} data file(s) kept on first use; version ${manifest.version}`);
    },
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), offlineApp()],
  preview: { headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
  worker: { format: 'es', rollupOptions: { output: { intro: ZOD_JITLESS } } },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000, rollupOptions: { output: { intro: ZOD_JITLESS } } },
});
