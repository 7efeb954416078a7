// Records the environment the figures were measured in.
import os from 'node:os';

export default async function ({ browser }) {
  return { env: { chromium: browser.version(), cpus: os.cpus().length, date: new Date().toISOString() } };
}
