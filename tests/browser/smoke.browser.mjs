import { openApp, assert, screenshot } from './harness.mjs';

export default [
  {
    name: 'app loads with no console errors',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        const title = await page.title();
        assert(title.includes('Gradient Garden'), `unexpected title: ${JSON.stringify(title)}`);
        await screenshot(page, 'smoke');
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
];
