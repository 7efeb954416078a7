// Tools on the trained network (issue 16), driven from the tools panel under the lab.
import { openApp, assert, waitFor } from './harness.mjs';
import { run } from './pageDriver.mjs';

export default [
  {
    name: 'tools: the test-set tab measures the paused playground network on every test point, as the metrics do',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await page.click('[data-testid="play"]');
        await waitFor(async () => (await run(page)).step > 30, { message: 'the playground trains' });
        await page.click('[data-testid="play"]');
        await waitFor(async () => (await run(page)).status === 'paused', { message: 'paused' });
        await page.locator('[data-testid="tools-panel"] summary').click();
        await page.click('[data-testid="tool-testSet-run"]');
        const table = page.locator('[data-testid="tool-testSet-result"]');
        await table.waitFor();
        const cells = await table.locator('tbody td').allTextContents();
        const metrics = (await run(page)).latest;
        // The playground's own metrics cover every test point: the tool must say the same.
        assert(cells[2] === `${(metrics.testAcc * 100).toFixed(1)} %`, `accuracy ${cells[2]} vs the metrics' ${metrics.testAcc}`);
        assert(Number(cells[0]) > 0 && /ms$/.test(cells[3]), `examples and time: ${cells.join(' | ')}`);
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
];
