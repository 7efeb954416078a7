// ESLint rule: which folder of src/ may import which. The direction is stated once, here, and in
// docs/ARCHITECTURE.md: app → labs, editor, lessons → panels → store → training → models → data, with
// charts and ui as leaves and i18n below everything. A lab never imports another lab.
import { dirname, join, normalize, relative, sep } from 'node:path';

/** What each area may import besides itself. `types` lists areas it may import types from only. */
export const ALLOWED = {
  main: { values: ['app', 'lessons', 'store', 'labs', 'editor', 'panels', 'charts', 'ui', 'training', 'models', 'data', 'i18n'] },
  app: { values: ['labs', 'lessons', 'editor', 'panels', 'charts', 'ui', 'store', 'training', 'models', 'data', 'i18n'] },
  // src/labs/index.ts, the registry, is the one place that names every lab.
  labs: { values: ['lab:*', 'panels', 'charts', 'ui', 'store', 'training', 'models', 'data', 'i18n'] },
  lab: { values: ['panels', 'charts', 'ui', 'store', 'training', 'models', 'data', 'i18n'] },
  editor: { values: ['panels', 'charts', 'ui', 'store', 'training', 'models', 'data', 'i18n'] },
  // The lessons drive the live app through the store; they never name a lab (the registry does).
  lessons: { values: ['panels', 'charts', 'ui', 'store', 'training', 'models', 'data', 'i18n'] },
  panels: { values: ['charts', 'ui', 'store', 'training', 'models', 'data', 'i18n'] },
  store: { values: ['training', 'models', 'data', 'i18n'] },
  training: { values: ['models', 'data'] },
  models: { values: ['data'] },
  data: { values: [] },
  charts: { values: ['ui', 'models', 'data', 'i18n'], types: ['training'] },
  ui: { values: ['i18n'] },
  i18n: { values: [] },
};

/** The area of a path relative to src/: its first folder, `lab:<name>` inside src/labs/<name>/. */
export function areaOf(relPath) {
  const parts = relPath.split(sep).join('/').split('/');
  if (parts.length === 1) return parts[0].replace(/\.[^.]+$/, '') === 'main' ? 'main' : parts[0];
  if (parts[0] === 'labs' && parts.length > 2) return `lab:${parts[1]}`;
  return parts[0];
}

function allowed(from, to, typeOnly) {
  if (from === to) return true;
  const rule = ALLOWED[from.startsWith('lab:') ? 'lab' : from];
  if (!rule) return true;
  const names = [...rule.values, ...(typeOnly ? rule.types ?? [] : [])];
  return names.some((n) => n === to || (n === 'lab:*' && to.startsWith('lab:')));
}

export const boundariesRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Folders of src/ import each other in one direction only (docs/ARCHITECTURE.md).' },
    messages: { forbidden: '{{from}} may not import {{to}} ({{spec}}): dependencies point app → labs, editor → panels → store → training → models → data; charts and ui never reach the store; a lab never imports another lab.' },
    schema: [],
  },
  create(context) {
    const file = context.filename ?? context.getFilename();
    const srcRoot = join(context.cwd ?? process.cwd(), 'src');
    const rel = relative(srcRoot, file);
    if (rel.startsWith('..')) return {};
    const from = areaOf(rel);
    const check = (node, spec, typeOnly) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = relative(srcRoot, normalize(join(dirname(file), spec)));
      if (target.startsWith('..')) return;
      const to = areaOf(target === 'labs' ? 'labs/index.ts' : target);
      if (!allowed(from, to, typeOnly)) context.report({ node, messageId: 'forbidden', data: { from, to, spec } });
    };
    return {
      ImportDeclaration(node) {
        const typeOnly = node.importKind === 'type' || (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type'));
        check(node, node.source.value, typeOnly);
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node, node.source.value, node.exportKind === 'type');
      },
      ExportAllDeclaration(node) {
        check(node, node.source.value, node.exportKind === 'type');
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node, node.source.value, false);
      },
    };
  },
};

export default { rules: { boundaries: boundariesRule } };
