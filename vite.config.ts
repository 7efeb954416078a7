import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The Content-Security-Policy of the built app: only its own scripts (no inline script, no eval),
 * its own worker file, its own data (MNIST from public/data) and its own images (everything else
 * is drawn on canvases). Nothing is loaded from elsewhere, and the page cannot be
 * re-based or host plugins. The same policy goes out as a header from `vite preview` (what the
 * browser tests serve), which also covers the worker: a worker takes its policy from its own
 * response, not from the page's <meta>. A static host should send this header too.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // TF.js's int64 helper (long.js) compiles a tiny WebAssembly module when allowed; this permits
  // WebAssembly compilation only, never JavaScript eval.
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
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

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  preview: { headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
});
