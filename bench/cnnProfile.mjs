// Where the image lab's main-thread long tasks come from: trains ConvNetJS's MNIST net (or LeNet-5)
// with the lab on screen, records a Chromium trace of the page's main thread for PROFILE_MS, and
// prints every task over 50 ms with what it spent its time on (trace events by self time, JS
// functions by CPU-profile samples), plus React commits counted by a DevTools-hook shim.
//   npm run build && node bench/cnnProfile.mjs            (PROFILE_NET=lenet, PROFILE_MS=10000,
//                                                          PROFILE_BACKEND=auto, PROFILE_TRACE=file)
import { writeFile } from 'node:fs/promises';
import { launchChromium } from '../tests/browser/chromium.mjs';
import { startServer } from '../tests/browser/server.mjs';
import { waitFor } from './harness.mjs';
import { configure } from './cnn.bench.mjs';

const NET = process.env.PROFILE_NET ?? 'convnetjs';
const MS = Number(process.env.PROFILE_MS ?? 10000);
const BACKEND = process.env.PROFILE_BACKEND ?? 'auto';
const LONG = 50;

const server = await startServer({});
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
  // Count React commits: a minimal DevTools hook, which React calls after every commit.
  await context.addInitScript(() => {
    window.__commits = 0;
    window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = { supportsFiber: true, renderers: new Map(), inject: () => 1, onCommitFiberRoot: () => window.__commits++, onCommitFiberUnmount: () => {}, onPostCommitFiberRoot: () => {}, checkDCE: () => {} };
  });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.locator('[data-testid="app-ready"]').waitFor({ state: 'attached', timeout: 60_000 });
  await configure(page, NET, BACKEND);
  const state = () => page.evaluate(() => {
    const s = window.__gg.store.getState();
    const r = s.runs[s.activeRunId];
    return { status: r.status, step: r.step, ready: !!r.backend && (r.part.dataInfo?.nTrain ?? 0) > 0 && !!r.part.images };
  });
  await waitFor(async () => { const r = await state(); return r.ready && r.status === 'paused'; }, { timeout: 120_000 });
  await page.click('[data-testid="play"]');
  await waitFor(async () => (await state()).step > 0, { timeout: 180_000 });
  await page.waitForTimeout(3000);
  // Counts of store updates (snapshots) and long tasks while tracing.
  await page.evaluate(() => {
    window.__prof = { updates: 0, long: [], commits0: window.__commits };
    window.__gg.store.subscribe(() => window.__prof.updates++);
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__prof.long.push({ start: e.startTime, dur: e.duration }); }).observe({ type: 'longtask' });
  });
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      includedCategories: [...(process.env.PROFILE_CATS ? process.env.PROFILE_CATS.split(',') : []), 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'disabled-by-default-v8.gc', 'disabled-by-default-v8.cpu_profiler', 'blink', 'blink.user_timing', 'toplevel', 'cc', 'loading'],
    },
  });
  const step0 = (await state()).step;
  await page.waitForTimeout(MS);
  const step1 = (await state()).step;
  await cdp.send('Tracing.end');
  await done;
  const prof = await page.evaluate(() => ({ ...window.__prof, commits: window.__commits - window.__prof.commits0 }));
  if (process.env.PROFILE_TRACE) await writeFile(process.env.PROFILE_TRACE, JSON.stringify({ traceEvents: events }));

  // The page's main thread: the CrRendererMain in the process that runs the engine's worker.
  const threadName = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
  const workerPid = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'DedicatedWorker thread')?.pid;
  const key = [...threadName.entries()].find(([k, n]) => n === 'CrRendererMain' && k.startsWith(`${workerPid}:`))?.[0];
  const onMain = events.filter((e) => `${e.pid}:${e.tid}` === key);
  const tasks = onMain.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask').sort((a, b) => a.ts - b.ts);
  const top = [];
  for (const t of tasks) if (!top.length || t.ts >= top[top.length - 1].ts + top[top.length - 1].dur) top.push(t);
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  const cpuMs = (t) => (t.tdur ?? t.dur) / 1000;
  const wallMs = (t) => t.dur / 1000;
  // CPU profile samples of the main thread: ProfileChunk events carry nodes and (timeDeltas, samples).
  const nodes = new Map();
  const samples = [];
  // A thread's Profile event is on that thread; its chunks share its id.
  const profileIds = new Set(events.filter((e) => e.name === 'Profile' && `${e.pid}:${e.tid}` === key).map((e) => e.id));
  const chunks = events.filter((e) => (e.name === 'Profile' || e.name === 'ProfileChunk') && e.pid === workerPid && profileIds.has(e.id)).sort((a, b) => a.ts - b.ts);
  let t = 0;
  for (const e of chunks) {
    if (e.name === 'Profile') { t = e.args.data.startTime; continue; }
    const d = e.args.data;
    for (const n of d.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
    const s = d.cpuProfile?.samples ?? [];
    const dt = d.timeDeltas ?? [];
    for (let i = 0; i < s.length; i++) { t += dt[i]; samples.push({ ts: t, id: s[i] }); }
  }
  const fn = (id) => { const n = nodes.get(id); if (!n) return '?'; const f = n.callFrame; return `${f.functionName || '(anon)'} ${f.url?.split('/').pop() ?? ''}:${f.lineNumber}`; };
  const stackOf = (id, depth = 6) => { const out = []; let n = nodes.get(id); while (n && out.length < depth) { out.push(n.callFrame.functionName || '(anon)'); n = nodes.get(n.parent); } return out.join('<'); };
  const parentOf = new Map(); for (const n of nodes.values()) for (const c of n.children ?? []) parentOf.set(c, n.id);
  for (const n of nodes.values()) if (n.parent === undefined) n.parent = parentOf.get(n.id);
  const fmt = (m, k = 12) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, k).map(([n, v]) => `${n} ${v.toFixed(1)}`).join(' | ');
  const selfOf = (task) => {
    // Self time (ms) per event name inside one task (nested complete events).
    const inside = onMain.filter((e) => e.ph === 'X' && e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= task.ts + task.dur).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    const items = [];
    const stack = [];
    for (const e of inside) {
      while (stack.length && stack[stack.length - 1].end <= e.ts) stack.pop();
      const d = (e.tdur ?? e.dur) / 1000;
      if (stack.length) stack[stack.length - 1].self -= d;
      const item = { name: e.name, self: d, end: e.ts + e.dur };
      stack.push(item);
      items.push(item);
    }
    const byName = new Map();
    for (const it of items) byName.set(it.name, (byName.get(it.name) ?? 0) + it.self);
    return byName;
  };
  const jsIn = (task, stacks = false) => {
    const js = new Map();
    for (const s of samples) if (s.ts >= task.ts && s.ts <= task.ts + task.dur) { const k = stacks ? stackOf(s.id) : fn(s.id); js.set(k, (js.get(k) ?? 0) + 1); }
    return js;
  };
  const frames = onMain.filter((e) => e.ph === 'X' && e.name === 'ProxyMain::BeginMainFrame').length;
  const cpus = top.map(cpuMs).sort((a, b) => a - b);
  const q = (p) => cpus[Math.min(cpus.length - 1, Math.floor(p * cpus.length))]?.toFixed(1);
  console.log(`${NET}/${BACKEND}: ${MS} ms traced, ${step1 - step0} steps, ${prof.updates} store updates, ${prof.commits} React commits, ${frames} frames`);
  console.log(`main thread: ${top.length} tasks, CPU ${sum(top.map(cpuMs)).toFixed(0)} ms, wall ${sum(top.map(wallMs)).toFixed(0)} ms; task CPU p50 ${q(0.5)} p90 ${q(0.9)} p99 ${q(0.99)} max ${q(1)} ms; tasks over 5/10/20 ms CPU: ${[5, 10, 20].map((x) => cpus.filter((c) => c > x).length).join('/')}`);
  console.log(`long tasks (observer): ${prof.long.map((l) => l.dur.toFixed(0)).join(', ') || 'none'}`);
  const all = new Map();
  for (const task of top) for (const [k, v] of selfOf(task)) all.set(k, (all.get(k) ?? 0) + v);
  console.log(`all main-thread tasks, CPU self ms by event: ${fmt(all, 16)}`);
  const jsAll = new Map();
  for (const s of samples) jsAll.set(fn(s.id), (jsAll.get(fn(s.id)) ?? 0) + 1);
  console.log(`main-thread samples by function: ${[...jsAll.entries()].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${k} ${v}`).join(' | ')}`);
  const heavy = top.filter((t) => wallMs(t) > LONG || cpuMs(t) > Number(process.env.PROFILE_CPU_MS ?? 8));
  for (const task of heavy) {
    console.log(`\nTASK wall ${wallMs(task).toFixed(1)} ms, CPU ${cpuMs(task).toFixed(1)} ms, at ${((task.ts - top[0].ts) / 1000).toFixed(0)} ms`);
    console.log(`  events (CPU self ms): ${fmt(selfOf(task))}`);
    console.log(`  js samples: ${[...jsIn(task, !!process.env.PROFILE_STACKS).entries()].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([k, v]) => `${k} ${v}`).join(' | ')}`);
  }
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
