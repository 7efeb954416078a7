// Issue 17: the Code dialog's training-script bundle, downloaded from the real app and run with
// Debian's PyTorch: the app's trained weights load into train.py and give the app's test loss.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { openApp, assert, waitFor } from './harness.mjs';
import { run } from './pageDriver.mjs';

const SHOTS = '/tmp/shots-trainpy';

const python = (args, cwd) =>
  new Promise((resolve, reject) => {
    execFile('/usr/bin/python3', args, { cwd, timeout: 120_000, env: { ...process.env, OMP_NUM_THREADS: '1' } }, (err, stdout, stderr) =>
      err ? reject(new Error(`python3 ${args.join(' ')}: ${err}\n${stdout}\n${stderr}`)) : resolve(stdout),
    );
  });
const finalOf = (stdout) => JSON.parse(stdout.split('\n').filter((l) => l.startsWith('{')).pop()).final;

export default [
  {
    name: 'training script: the downloaded zip runs in PyTorch and its weights give the app\'s test loss',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await page.click('[data-testid="play"]');
        await waitFor(async () => (await run(page)).epoch >= 5, { timeout: 60_000, message: 'trains 5 epochs' });
        await page.click('[data-testid="play"]');
        await waitFor(async () => (await run(page)).status === 'paused', { message: 'paused' });
        await page.waitForTimeout(300);
        const saved = await run(page);
        await page.click('[data-testid="code-button"]');
        const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="code-bundle"]')]);
        assert(download.suggestedFilename() === 'gradient-garden-train.zip', `file name ${download.suggestedFilename()}`);
        const dir = await mkdtemp(join(tmpdir(), 'gg-trainpy-browser-'));
        const zip = join(dir, 'bundle.zip');
        await download.saveAs(zip);
        for (const [name, bytes] of Object.entries(unzipSync(new Uint8Array(await readFile(zip))))) {
          await mkdir(dirname(join(dir, name)), { recursive: true });
          await writeFile(join(dir, name), bytes);
        }
        const folder = join(dir, 'gradient-garden-train');
        const loaded = finalOf(await python(['train.py', '--weights', 'experiment.json', '--epochs', '0', '--out', 'loaded.pt'], folder));
        const rel = Math.abs(loaded.test_loss - saved.latest.testLoss) / saved.latest.testLoss;
        assert(rel < 1e-4, `PyTorch test loss ${loaded.test_loss} vs the app's ${saved.latest.testLoss}`);
        assert(Math.abs(loaded.test_acc - saved.latest.testAcc) < 1e-9, `accuracy ${loaded.test_acc} vs ${saved.latest.testAcc}`);
        const trained = finalOf(await python(['train.py', '--epochs', '3'], folder));
        assert(trained.epoch === 3 && Number.isFinite(trained.test_loss), `trains 3 epochs: ${JSON.stringify(trained)}`);
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'training script: screenshots of the Code dialog in English and Chinese',
    async run({ browser, baseUrl }) {
      await mkdir(SHOTS, { recursive: true });
      for (const locale of ['en-US', 'zh-CN']) {
        const { context, page, errors } = await openApp(browser, baseUrl, { locale });
        try {
          await page.click('[data-testid="code-button"]');
          const label = locale === 'en-US' ? 'Download training script (.zip)' : '下载训练脚本（.zip）';
          await page.getByRole('button', { name: label }).waitFor();
          for (const [w, h] of [[1440, 900], [1280, 720]]) {
            await page.setViewportSize({ width: w, height: h });
            await page.waitForTimeout(200);
            await page.screenshot({ path: `${SHOTS}/code-dialog-${locale}-${w}x${h}.png` });
          }
          assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
        } finally {
          await context.close();
        }
      }
    },
  },
];
