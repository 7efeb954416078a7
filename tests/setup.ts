// Component tests opt into jsdom with `// @vitest-environment jsdom`; this adds the DOM matchers.
import '@testing-library/jest-dom/vitest';
import { afterEach, beforeAll } from 'vitest';

// Lazily loaded panels (ui/lazyNamed.tsx) render at once in component tests, as after their first load.
beforeAll(async () => {
  if (typeof document === 'undefined') return;
  const { preloadLazy } = await import('../src/ui/lazyNamed');
  await preloadLazy();
  // Likewise the curriculum (lessons/curriculum.ts): the map and the panel render at once.
  const { loadCurriculum } = await import('../src/lessons/curriculum');
  await loadCurriculum();
});

afterEach(async () => {
  if (typeof document !== 'undefined') {
    const { cleanup } = await import('@testing-library/react');
    cleanup();
  }
});
