// Locates (and on a fresh Debian CI machine, installs) the Chromium used by the
// browser tests and the benchmarks. We use the distribution's Chromium rather
// than Playwright's downloaded builds because CI machines have no internet
// access beyond the Debian mirror.
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const DEFAULT_PATH = '/usr/bin/chromium';

// Streams to stderr so that `bench/run.mjs` keeps stdout for its JSON only.
function sh(command, args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 2, 2], env: { ...process.env, ...env } });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`)),
    );
  });
}

/** True where apt-get can install system packages for the tests (root on Debian). */
const canApt = () => existsSync('/etc/debian_version') && process.getuid?.() === 0;

/**
 * The export tests run exported PyTorch code with Debian's python3-torch (through /usr/bin/python3,
 * not a python3 that may come first on PATH). Installs it where it can, else says what to install.
 */
export async function ensureTorch() {
  const hasTorch = () => sh('/usr/bin/python3', ['-c', 'import torch']).then(() => true, () => false);
  if (await hasTorch()) return;
  if (canApt()) {
    console.error('PyTorch not importable by /usr/bin/python3; installing the Debian package "python3-torch"...');
    await sh('apt-get', ['update']);
    await sh('apt-get', ['install', '-y', 'python3-torch'], { DEBIAN_FRONTEND: 'noninteractive' });
    if (await hasTorch()) return;
  }
  throw new Error('The export tests need PyTorch for /usr/bin/python3: install the Debian package "python3-torch" (apt-get install python3-torch).');
}

export async function ensureChromium() {
  if (process.env.CHROMIUM_PATH) {
    if (!existsSync(process.env.CHROMIUM_PATH)) {
      throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.`);
    }
    return process.env.CHROMIUM_PATH;
  }
  if (existsSync(DEFAULT_PATH)) return DEFAULT_PATH;

  if (canApt()) {
    console.error(`${DEFAULT_PATH} not found; installing the Debian package "chromium"...`);
    await sh('apt-get', ['update']);
    // fonts-noto-cjk: the UI has translated strings; without CJK fonts screenshots show boxes.
    await sh('apt-get', ['install', '-y', 'chromium', 'fonts-noto-cjk'], { DEBIAN_FRONTEND: 'noninteractive' });
    if (existsSync(DEFAULT_PATH)) return DEFAULT_PATH;
    throw new Error(`Installed the Debian package "chromium" but ${DEFAULT_PATH} is still missing.`);
  }

  throw new Error(
    `Chromium not found at ${DEFAULT_PATH}. Install the Debian package "chromium" ` +
      `(apt-get install chromium) or set CHROMIUM_PATH to a Chromium/Chrome executable.`,
  );
}

// Shared by the browser tests and the benchmarks: benchmark figures depend
// heavily on these flags, so keep them in one place.
export const CHROMIUM_ARGS = [
  '--no-sandbox', // CI runs as root, where Chromium's sandbox refuses to start
  '--disable-gpu', // no GPU on CI: WebGL still works through SwiftShader
  // No internet on CI: stop Chromium's own background requests (refused connections spam the log).
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(extraArgs = []) {
  const executablePath = await ensureChromium();
  return chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

// `node tests/browser/chromium.mjs` (the first step of `npm test`): install the system packages
// the tests need where possible (Chromium, PyTorch), or stop with the package names.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(`chromium: ${await ensureChromium()}`);
  await ensureTorch();
  console.log('python3-torch: ok');
}
