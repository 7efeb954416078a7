#!/usr/bin/env python3
"""Gradient Garden: WebGL (and CPU) training throughput in headless Chromium, without Node.

Made for a machine that has a real GPU but no Node and no Playwright (see README.md beside this
file). Python 3.8+ standard library only.

What it does:
  1. serves a production build of the app (dist/) on 127.0.0.1 with a threaded http.server;
  2. launches Chromium (or chromium-headless-shell) with --remote-debugging-pipe and drives it over
     the Chrome DevTools Protocol (fds 3/4, NUL-terminated JSON);
  3. GPU probe (--gpu probe): for each candidate flag set, opens a page, creates a WebGL2 context in
     the page and in a Web Worker (OffscreenCanvas, where TF.js runs) and reads the unmasked
     renderer; the first flag set whose renderer is a hardware GPU (NVIDIA, else any non-software
     one) is used for the benchmarks. --gpu reference uses --disable-gpu (SwiftShader), the flags of
     bench/run.mjs and the browser tests;
  4. runs the scenarios of bench/cnn.bench.mjs and bench/mlp2d.bench.mjs through
     window.__gg (the store) and Runtime.evaluate, the same way those files do:
       cnn.lenet.{webgl,cpu}          LeNet-5 (template 'lenet5') on MNIST, images/s
       cnn.convnetjsNet.{webgl,auto}  ConvNetJS's MNIST net (batch 20), images/s
       mlp2d.default.{webgl,cpu,auto} TF Playground's default 2-D net, epochs/s
     each run: wait for the first training step (WebGL shader compilation), warm up, measure;
     cnn rates come from the arrivals of training snapshots (as the working tree's
     bench/cnn.bench.mjs now does: at least 0.8 x the window between the first and the last, up to
     --measure-cap-s), the 2-D net's from the plain window; the figure is the median over --runs
     runs (one pass over all scenarios per run, so a run cut short by the time budget still leaves
     one figure for each).

Prints ONE JSON object to stdout; writes it to --out (default $OUT/gpu_bench.json when OUT is
set), rewritten after every run so a killed run still leaves partial results. Progress goes to
stderr with timestamps.
"""
import argparse
import fcntl
import functools
import http.server
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

T0 = time.monotonic()


def log(*args):
    print(f"[{time.strftime('%H:%M:%S')} +{time.monotonic() - T0:6.1f}s]", *args, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# Flags

# Playwright's default switches for headless Chromium (playwright-core 1.65, chromiumSwitches()
# + the headless ones), which bench/run.mjs gets, minus its --enable/--disable-features lists
# (they would override ours), plus tests/browser/chromium.mjs's CHROMIUM_ARGS (less --disable-gpu).
BASE_ARGS = [
    '--headless',
    '--no-sandbox',
    '--disable-dev-shm-usage',
    '--disable-quic',
    '--disable-sync',
    '--disable-field-trial-config',
    '--disable-background-networking',
    '--disable-background-timer-throttling',
    '--disable-backgrounding-occluded-windows',
    '--disable-back-forward-cache',
    '--disable-breakpad',
    '--disable-component-extensions-with-background-pages',
    '--disable-component-update',
    '--no-default-browser-check',
    '--disable-default-apps',
    '--disable-extensions',
    '--disable-hang-monitor',
    '--disable-ipc-flooding-protection',
    '--disable-popup-blocking',
    '--disable-prompt-on-repost',
    '--disable-renderer-backgrounding',
    '--force-color-profile=srgb',
    '--metrics-recording-only',
    '--no-first-run',
    '--password-store=basic',
    '--use-mock-keychain',
    '--no-service-autorun',
    '--enable-unsafe-swiftshader',
    '--hide-scrollbars',
    '--mute-audio',
    '--window-size=1400,900',
]

REFERENCE_FLAGS = ['--disable-gpu']  # bench/run.mjs and the browser tests: WebGL on SwiftShader

# Candidate GPU flag sets, in order of preference.
GPU_FLAG_SETS = [
    ('vulkan', ['--use-angle=vulkan', '--enable-features=Vulkan,VulkanFromANGLE,DefaultANGLEVulkan',
                '--disable-vulkan-surface', '--ignore-gpu-blocklist']),
    ('angle-gl-egl', ['--use-gl=angle', '--use-angle=gl-egl', '--ignore-gpu-blocklist']),
    ('angle-gl', ['--use-gl=angle', '--use-angle=gl', '--ignore-gpu-blocklist']),
    ('egl', ['--use-gl=egl', '--ignore-gpu-blocklist']),
    ('vulkan-basic', ['--use-angle=vulkan', '--enable-features=Vulkan', '--disable-vulkan-surface',
                      '--ignore-gpu-blocklist']),
    ('default-gpu', ['--ignore-gpu-blocklist', '--enable-gpu-rasterization']),
]

SOFTWARE_RE = re.compile(r'swiftshader|llvmpipe|softpipe|software|lavapipe', re.I)

# --------------------------------------------------------------------------------------------
# Static server for dist/

PROBE_HTML = b"""<!doctype html><meta charset="utf-8"><title>probe</title><body>probe</body>"""


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        '.js': 'text/javascript',
        '.mjs': 'text/javascript',
        '.wasm': 'application/wasm',
        '.json': 'application/json',
        '.css': 'text/css',
        '.svg': 'image/svg+xml',
        '.html': 'text/html',
        '.bin': 'application/octet-stream',
    }

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header('Cache-Control', 'no-store')
        super().end_headers()

    def do_GET(self):
        if self.path.startswith('/__probe'):
            self.send_response(200)
            self.send_header('Content-Type', 'text/html')
            self.send_header('Content-Length', str(len(PROBE_HTML)))
            self.end_headers()
            self.wfile.write(PROBE_HTML)
            return
        super().do_GET()


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # connection resets from the browser are not our concern


def start_server(dist):
    srv = Server(('127.0.0.1', 0), functools.partial(Handler, directory=dist))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, f'http://127.0.0.1:{srv.server_address[1]}'


# --------------------------------------------------------------------------------------------
# Chromium over --remote-debugging-pipe


class CDPError(Exception):
    pass


class Browser:
    def __init__(self, path, flags, log_path):
        self.path = path
        self.flags = flags
        self.user_data = tempfile.mkdtemp(prefix='gg-chrome-')
        # to_chrome: we write, Chromium reads on fd 3; from_chrome: Chromium writes on fd 4.
        to_r, to_w = os.pipe()
        from_r, from_w = os.pipe()
        # Keep the child's ends at high fd numbers so the dup2s below cannot clobber each other.
        cr = fcntl.fcntl(to_r, fcntl.F_DUPFD_CLOEXEC, 50)
        cw = fcntl.fcntl(from_w, fcntl.F_DUPFD_CLOEXEC, 50)
        os.close(to_r)
        os.close(from_w)

        def child_setup():
            os.dup2(cr, 3)  # dup2 leaves the new fds inheritable
            os.dup2(cw, 4)
            os.setsid()

        args = [path, *BASE_ARGS, *flags, '--remote-debugging-pipe', f'--user-data-dir={self.user_data}', 'about:blank']
        self.log_file = open(log_path, 'ab')
        self.log_file.write(('\n==== %s %s\n' % (time.strftime('%H:%M:%S'), ' '.join(args))).encode())
        self.log_file.flush()
        # close_fds=False: every fd Python opened is close-on-exec anyway (PEP 446), and closing
        # would run after child_setup and take fds 3 and 4 with it.
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=self.log_file, stderr=self.log_file,
                                     close_fds=False, preexec_fn=child_setup)
        os.close(cr)
        os.close(cw)
        self.wfd = to_w
        self.rfd = from_r
        self.lock = threading.Lock()
        self.next_id = 0
        self.pending = {}
        self.alive = True
        self.listeners = []  # fn(msg) for events
        self.console = []  # errors / warnings from pages and workers
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.add_listener(self._on_event)

    # -- transport
    def _read(self):
        buf = bytearray()
        try:
            while True:
                chunk = os.read(self.rfd, 1 << 20)
                if not chunk:
                    break
                buf += chunk
                start = 0
                while True:
                    i = buf.find(b'\0', start)
                    if i < 0:
                        break
                    raw = bytes(buf[start:i])
                    start = i + 1
                    try:
                        msg = json.loads(raw)
                    except ValueError:
                        continue
                    self._dispatch(msg)
                del buf[:start]
        except OSError:
            pass
        self.alive = False
        with self.lock:
            for slot in self.pending.values():
                slot[1] = {'error': {'message': 'browser closed the pipe (crashed or exited)'}}
                slot[0].set()

    def _dispatch(self, msg):
        if 'id' in msg:
            with self.lock:
                slot = self.pending.pop(msg['id'], None)
            if slot:
                slot[1] = msg
                slot[0].set()
        else:
            for fn in list(self.listeners):
                try:
                    fn(msg)
                except Exception as e:  # a listener must not kill the reader
                    log('listener error:', e)

    def add_listener(self, fn):
        self.listeners.append(fn)

    def _write(self, msg):
        data = json.dumps(msg).encode() + b'\0'
        with self.lock:
            while data:
                n = os.write(self.wfd, data)
                data = data[n:]

    def send_nowait(self, method, params=None, session=None):
        with self.lock:
            self.next_id += 1
            mid = self.next_id
        msg = {'id': mid, 'method': method, 'params': params or {}}
        if session:
            msg['sessionId'] = session
        try:
            self._write(msg)
        except OSError:
            pass

    def send(self, method, params=None, session=None, timeout=60):
        if not self.alive:
            raise CDPError(f'{method}: browser is gone')
        ev = threading.Event()
        slot = [ev, None]
        with self.lock:
            self.next_id += 1
            mid = self.next_id
            self.pending[mid] = slot
        msg = {'id': mid, 'method': method, 'params': params or {}}
        if session:
            msg['sessionId'] = session
        try:
            self._write(msg)
        except OSError as e:
            raise CDPError(f'{method}: write failed: {e}')
        if not ev.wait(timeout):
            with self.lock:
                self.pending.pop(mid, None)
            raise CDPError(f'{method}: no answer in {timeout} s')
        resp = slot[1]
        if 'error' in resp:
            raise CDPError(f"{method}: {resp['error'].get('message')} {resp['error'].get('data', '')}".strip())
        return resp.get('result', {})

    # -- events: console errors of pages and their workers
    def _on_event(self, msg):
        method = msg.get('method')
        p = msg.get('params', {})
        if method == 'Target.attachedToTarget':
            sid = p['sessionId']
            ttype = p.get('targetInfo', {}).get('type')
            if ttype in ('worker', 'dedicated_worker', 'shared_worker', 'iframe'):
                # Never wait for an answer on the reader thread.
                self.send_nowait('Runtime.enable', session=sid)
                self.send_nowait('Runtime.runIfWaitingForDebugger', session=sid)
        elif method == 'Runtime.consoleAPICalled' and p.get('type') in ('error', 'warning', 'assert'):
            text = ' '.join(str(a.get('value', a.get('description', ''))) for a in p.get('args', []))
            self._note(f"console.{p.get('type')}: {text}")
        elif method == 'Runtime.exceptionThrown':
            d = p.get('exceptionDetails', {})
            self._note(f"exception: {d.get('exception', {}).get('description') or d.get('text')}")

    def _note(self, text):
        if len(self.console) < 200:
            self.console.append(text[:500])

    # -- pages
    def new_page(self, url, timeout=60, ready=None):
        ctx = self.send('Target.createBrowserContext', {'disposeOnDetach': True})['browserContextId']
        tid = self.send('Target.createTarget', {'url': 'about:blank', 'browserContextId': ctx,
                                                'width': 1400, 'height': 900})['targetId']
        sid = self.send('Target.attachToTarget', {'targetId': tid, 'flatten': True})['sessionId']
        page = Page(self, sid, tid, ctx)
        self.send('Runtime.enable', session=sid)
        self.send('Page.enable', session=sid)
        self.send('Target.setAutoAttach', {'autoAttach': True, 'waitForDebuggerOnStart': False, 'flatten': True},
                  session=sid)
        self.send('Emulation.setDeviceMetricsOverride', {'width': 1400, 'height': 900, 'deviceScaleFactor': 1,
                                                         'mobile': False}, session=sid)
        try:
            self.send('Emulation.setFocusEmulationEnabled', {'enabled': True}, session=sid)
        except CDPError:
            pass
        self.send('Page.navigate', {'url': url}, session=sid, timeout=timeout)
        if ready:
            page.wait_for(ready, timeout=timeout, message=f'{url} ready')
        return page

    def version(self):
        return self.send('Browser.getVersion')

    def close(self):
        try:
            if self.alive:
                self.send('Browser.close', timeout=5)
        except CDPError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)  # the process group we started (setsid)
            except OSError:
                pass
            self.proc.wait(timeout=10)
        for fd in (self.wfd, self.rfd):
            try:
                os.close(fd)
            except OSError:
                pass
        self.log_file.close()
        shutil.rmtree(self.user_data, ignore_errors=True)


class Page:
    def __init__(self, browser, sid, tid, ctx):
        self.b = browser
        self.sid = sid
        self.tid = tid
        self.ctx = ctx

    def eval(self, expr, timeout=60):
        r = self.b.send('Runtime.evaluate', {'expression': expr, 'awaitPromise': True, 'returnByValue': True,
                                              'userGesture': True}, session=self.sid, timeout=timeout)
        if 'exceptionDetails' in r:
            d = r['exceptionDetails']
            raise CDPError('evaluate: ' + str(d.get('exception', {}).get('description') or d.get('text')))
        return r.get('result', {}).get('value')

    def wait_for(self, expr, timeout=30, interval=0.1, message='wait_for'):
        """Poll a JS expression until truthy (retrying while the page navigates); return its value."""
        deadline = time.monotonic() + timeout
        last_err = None
        while True:
            try:
                v = self.eval(expr)
                if v:
                    return v
            except CDPError as e:
                last_err = e
                if not self.b.alive:
                    raise
            if time.monotonic() > deadline:
                raise CDPError(f'{message}: timed out after {timeout} s' + (f' (last error: {last_err})' if last_err else ''))
            time.sleep(interval)

    def close(self):
        try:
            self.b.send('Target.closeTarget', {'targetId': self.tid}, timeout=10)
        except CDPError:
            pass
        try:
            self.b.send('Target.disposeBrowserContext', {'browserContextId': self.ctx}, timeout=10)
        except CDPError:
            pass


# --------------------------------------------------------------------------------------------
# GPU probe

PROBE_JS = r"""
(async () => {
  const info = (gl) => {
    if (!gl) return null;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    return {
      version: String(gl.getParameter(gl.VERSION)),
      vendor: String(gl.getParameter(ext ? ext.UNMASKED_VENDOR_WEBGL : gl.VENDOR)),
      renderer: String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER)),
      maxTextureSize: gl.getParameter(gl.MAX_TEXTURE_SIZE),
      colorBufferFloat: !!gl.getExtension('EXT_color_buffer_float'),
    };
  };
  const out = {};
  try {
    const c = document.createElement('canvas');
    out.page = info(c.getContext('webgl2')) || info(c.getContext('webgl'));
  } catch (e) { out.pageError = String(e); }
  // TF.js trains in a Web Worker on an OffscreenCanvas: check that path too.
  // TF.js asks for its context with these attributes (tfjs-backend-webgl canvas_util.js), among
  // them failIfMajorPerformanceCaveat: a software fallback then gets no context and TF.js no WebGL.
  const src = `const info = ${info.toString()};
    const r = {};
    try { r.gl = info(new OffscreenCanvas(1, 1).getContext('webgl2')); } catch (e) { r.error = String(e); }
    try {
      r.tf = info(new OffscreenCanvas(300, 150).getContext('webgl2', { alpha: false, antialias: false,
        premultipliedAlpha: false, preserveDrawingBuffer: false, depth: false, stencil: false,
        failIfMajorPerformanceCaveat: true }));
    } catch (e) { r.tfError = String(e); }
    postMessage(r);`;
  try {
    const w = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
    const r = await Promise.race([
      new Promise((res) => { w.onmessage = (e) => res(e.data); w.onerror = (e) => res({ error: String(e.message) }); }),
      new Promise((res) => setTimeout(() => res({ error: 'worker timeout' }), 10000)),
    ]);
    w.terminate();
    out.worker = r.gl || null;
    out.workerTf = r.tf || null;
    if (r.error) out.workerError = r.error;
    if (r.tfError) out.workerTfError = r.tfError;
  } catch (e) { out.workerError = String(e); }
  return out;
})()
"""


def gpu_summary(sysinfo):
    gpu = (sysinfo or {}).get('gpu', {})
    aux = gpu.get('auxAttributes', {})
    keep = ('glRenderer', 'glVendor', 'glVersion', 'glImplementationParts', 'displayType', 'vulkanVersion',
            'softwareRendering', 'passthroughCmdDecoder', 'gpuCompositingDisabled')
    return {
        'devices': [{k: d.get(k) for k in ('vendorId', 'deviceId', 'vendorString', 'deviceString', 'driverVendor',
                                           'driverVersion') if d.get(k) not in (None, '', 0)}
                    for d in gpu.get('devices', [])],
        'aux': {k: aux[k] for k in keep if k in aux},
        'featureStatus': {k: v for k, v in gpu.get('featureStatus', {}).items()
                          if k in ('webgl', 'webgl2', 'gpu_compositing', 'rasterization', 'vulkan', 'opengl',
                                   'skia_graphite', 'webgpu')},
        'driverBugWorkarounds': len(gpu.get('driverBugWorkarounds', [])),
    }


TREAT_AS_GPU = None  # --treat-as-gpu (testing the GPU code paths on a machine without one)


def probe(chrome, name, flags, base_url, log_path):
    t = time.monotonic()
    res = {'name': name, 'flags': flags}
    b = None
    try:
        b = Browser(chrome, flags, log_path)
        res['browser'] = b.version().get('product')
        page = b.new_page(base_url + '/__probe', timeout=15, ready="document.readyState === 'complete'")
        r = page.eval(PROBE_JS, timeout=25)
        res.update(r or {})
        try:
            res['systemInfo'] = gpu_summary(b.send('SystemInfo.getInfo', timeout=10))
        except CDPError as e:
            res['systemInfoError'] = str(e)
        page.close()
    except Exception as e:
        res['error'] = str(e)[:500]
    finally:
        if b:
            if b.console:
                res['console'] = b.console[:10]
            b.close()
    pr = (res.get('page') or {}).get('renderer')
    wr = (res.get('worker') or {}).get('renderer')
    tr = (res.get('workerTf') or {}).get('renderer')
    res['renderer'] = tr or wr or pr
    res['tfContext'] = bool(tr)  # TF.js would get a WebGL context in its worker
    res['hardware'] = bool(res['renderer']) and not SOFTWARE_RE.search(res['renderer'] or '')
    res['nvidia'] = 'nvidia' in (res['renderer'] or '').lower()
    if TREAT_AS_GPU and res['renderer'] and re.search(TREAT_AS_GPU, res['renderer']):
        res['hardware'] = res['nvidia'] = True
    res['seconds'] = round(time.monotonic() - t, 1)
    log(f"probe {name}: page={pr!r} worker={wr!r} tfContext={bool(tr)}" + (f" error={res['error']}" if 'error' in res else '')
        + (f" workerError={res['workerError']}" if 'workerError' in res else ''))
    return res


# --------------------------------------------------------------------------------------------
# Scenarios (the logic of bench/cnn.bench.mjs and bench/mlp2d.bench.mjs)

CONVNETJS_NET = {
    'nodes': [
        {'id': 'input', 'type': 'Input', 'params': {'shape': [28, 28, 1]}, 'inputs': []},
        {'id': 'conv1', 'type': 'Conv2D', 'params': {'filters': 8, 'kernelSize': 5, 'strides': 1, 'padding': 'same',
                                                      'activation': 'relu', 'useBias': True}, 'inputs': ['input']},
        {'id': 'pool1', 'type': 'MaxPool2D', 'params': {'poolSize': 2, 'strides': 2, 'padding': 'valid'},
         'inputs': ['conv1']},
        {'id': 'conv2', 'type': 'Conv2D', 'params': {'filters': 16, 'kernelSize': 5, 'strides': 1, 'padding': 'same',
                                                      'activation': 'relu', 'useBias': True}, 'inputs': ['pool1']},
        {'id': 'pool2', 'type': 'MaxPool2D', 'params': {'poolSize': 3, 'strides': 3, 'padding': 'valid'},
         'inputs': ['conv2']},
        {'id': 'flatten', 'type': 'Flatten', 'params': {}, 'inputs': ['pool2']},
        {'id': 'output', 'type': 'Dense', 'params': {'units': 10, 'activation': 'softmax', 'useBias': True},
         'inputs': ['flatten']},
    ],
}

RUN_STATE_JS = r"""
(() => {
  const s = window.__gg.store.getState();
  const r = s.runs[s.activeRunId];
  const h = r.history[r.history.length - 1];
  return {
    status: r.status,
    backend: r.backend,
    backendNote: r.backendNote ?? null,
    host: r.host ?? null,
    progress: h ? h.epoch : 0,
    step: r.step,
    engineStepsPerSec: r.stepsPerSec ?? null,
    snapshots: r.history.length,
    nTrain: r.dataInfo?.nTrain ?? 0,
    hasImages: !!r.images,
    probeMs: r.images?.ms ?? null,
    problem: r.problem ? (r.problem.key || JSON.stringify(r.problem)).slice(0, 200) : null,
  };
})()
"""

LONG_TASKS_START_JS = r"""
(() => {
  window.__longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
    .observe({ type: 'longtask' });
  return true;
})()
"""
LONG_TASKS_MAX_JS = 'Math.max(0, ...(window.__longTasks ?? []))'

PLAY_JS = r"""
(() => {
  const b = document.querySelector('[data-testid="play"]');
  if (b) { b.click(); return 'click'; }
  window.__gg.store.getState().play();
  return 'store';
})()
"""

# bench/cnn.bench.mjs (working tree, 2026-11-28): rates from snapshot arrivals, so a backend whose
# snapshots come seconds apart (WebGL on SwiftShader) is measured between two of them.
RECORD_SNAPSHOTS_JS = r"""
(() => {
  window.__arrivals = [];
  let last = -1;
  window.__gg.store.subscribe((s) => {
    const r = s.runs[s.activeRunId];
    const h = r.history[r.history.length - 1];
    if (h && h.step !== last) {
      last = h.step;
      window.__arrivals.push({ t: performance.now(), progress: h.epoch });
    }
  });
  return true;
})()
"""
ARRIVALS_JS = r"""
(() => {
  const a = window.__arrivals || [];
  return { n: a.length, first: a[0] || null, last: a[a.length - 1] || null };
})()
"""

APP_READY = "!!document.querySelector('[data-testid=\"app-ready\"]') && !!window.__gg"


def configure_cnn_js(net, backend):
    return """
(() => {
  const gg = window.__gg;
  const s = () => gg.store.getState();
  s().setBackendPref(%s);
  gg.openTemplate('lenet5');
  if (%s === 'convnetjs') {
    const exp = s().experiment;
    s().apply({ type: 'replace', experiment: { ...exp, network: %s, training: { ...exp.training, batchSize: 20 } } });
  }
  return true;
})()
""" % (json.dumps(backend), json.dumps(net), json.dumps(CONVNETJS_NET))


def configure_mlp_js(backend):
    return "(() => { window.__gg.store.getState().setBackendPref(%s); return true; })()" % json.dumps(backend)


class Bench:
    def __init__(self, args, base_url):
        self.args = args
        self.base_url = base_url
        self.browser = None
        self.flags = None

    def ensure_browser(self):
        if self.browser is None or not self.browser.alive:
            if self.browser is not None:
                log('browser died; relaunching')
                self.browser.close()
            self.browser = Browser(self.args.chrome, self.flags, self.args.chrome_log)
        return self.browser

    def state(self, page):
        return page.eval(RUN_STATE_JS)

    def left(self, timeout):
        """A wait's timeout, cut so that a stuck run ends soon after the time budget (+30 s)."""
        return max(10.0, min(timeout, T0 + self.args.budget_s + 30 - time.monotonic()))

    def run_once(self, kind, net, backend):
        """One page load, training, measurement. kind: 'cnn' or 'mlp2d'."""
        a = self.args
        b = self.ensure_browser()
        t_open = time.monotonic()
        page = b.new_page(self.base_url + '/', timeout=self.left(60), ready=APP_READY)
        res = {}
        try:
            res['appReadyMs'] = round((time.monotonic() - t_open) * 1000)
            t_cfg = time.monotonic()
            if kind == 'cnn':
                page.eval(configure_cnn_js(net, backend))
                page.wait_for(
                    "(() => { const r = %s; return r.backend && r.nTrain > 0 && r.hasImages && r.status === 'paused'; })()"
                    % RUN_STATE_JS.strip(), timeout=self.left(120), interval=0.1, message='MNIST loaded and the network built')
            else:
                page.eval(configure_mlp_js(backend))
                want = '' if backend == 'auto' else (
                    " && (r.backend === %s || r.backendNote === 'webglUnavailable')" % json.dumps(backend))
                page.wait_for("(() => { const r = %s; return !!r.backend%s; })()" % (RUN_STATE_JS.strip(), want),
                              timeout=self.left(60), message='engine ready')
                time.sleep(0.5)
            res['configureMs'] = round((time.monotonic() - t_cfg) * 1000)
            t_play = time.monotonic()
            page.eval(PLAY_JS)
            # The first step includes compiling (WebGL shaders): wait for it before the clock starts.
            page.wait_for("(() => { const r = %s; return r.step > 0 && r.status === 'running'; })()" % RUN_STATE_JS.strip(),
                          timeout=self.left(180), interval=0.05, message='first training step')
            res['firstStepMs'] = round((time.monotonic() - t_play) * 1000)
            time.sleep(a.warmup_ms / 1000)
            page.eval(LONG_TASKS_START_JS)
            if kind == 'cnn':
                page.eval(RECORD_SNAPSHOTS_JS)
            s0 = self.state(page)
            t0 = time.monotonic()
            probes = []
            measure_s = a.measure_ms / 1000
            cap_s = max(measure_s, self.left(a.measure_cap_s))
            arr = None
            while True:
                time.sleep(0.25)
                r = self.state(page)
                if r.get('probeMs') is not None:
                    probes.append(r['probeMs'])
                el = time.monotonic() - t0
                if kind != 'cnn':
                    if el >= measure_s:
                        break
                    continue
                # cnn: until two snapshot arrivals at least 0.8 × the window apart (or the cap)
                arr = page.eval(ARRIVALS_JS)
                span = (arr['last']['t'] - arr['first']['t']) / 1000 if arr['n'] >= 2 else 0
                if (el >= measure_s and span >= 0.8 * measure_s) or el > cap_s:
                    break
            s1 = self.state(page)
            seconds = time.monotonic() - t0
            res.update({
                'seconds': round(seconds, 2),
                'epochsPerSec': (s1['progress'] - s0['progress']) / seconds,
                'stepsPerSec': (s1['step'] - s0['step']) / seconds,
                'snapshotsPerSec': (s1['snapshots'] - s0['snapshots']) / seconds,
                'engineStepsPerSec': s1.get('engineStepsPerSec'),
                'maxLongTaskMs': page.eval(LONG_TASKS_MAX_JS),
                'backend': s1['backend'],
                'backendNote': s1.get('backendNote'),
                'host': s1.get('host'),
                'status': s1['status'],
                'problem': s1.get('problem'),
            })
            if kind == 'cnn':
                res['windowImagesPerSec'] = res['epochsPerSec'] * s1['nTrain']  # the plain window's figure
                if arr and arr['n'] >= 2:
                    span = (arr['last']['t'] - arr['first']['t']) / 1000
                    res['imagesPerSec'] = (arr['last']['progress'] - arr['first']['progress']) * s1['nTrain'] / span
                    res['measuredSeconds'] = round(span, 2)
                else:  # fewer than two snapshots arrived before the cap: no rate (left out of the median)
                    res['imagesPerSec'] = None
                    res['measuredSeconds'] = None
                res['nTrain'] = s1['nTrain']
                res['probeUpdateMs'] = statistics.median(probes) if probes else None
        finally:
            page.close()
        return res


def summarize(kind, runs):
    ok = [r for r in runs if 'error' not in r]
    if not ok:
        return {'error': runs[0].get('error') if runs else 'not run', 'runs': len(runs)}
    med = lambda k: statistics.median([r[k] for r in ok if r.get(k) is not None]) if any(
        r.get(k) is not None for r in ok) else None
    out = {}
    if kind == 'cnn':
        m = med('imagesPerSec')
        out['imagesPerSec'] = round(m, 1) if m is not None else None
        out['runsImagesPerSec'] = [round(r['imagesPerSec'], 1) if r['imagesPerSec'] is not None else None for r in ok]
        out['measuredSeconds'] = [r.get('measuredSeconds') for r in ok]
        out['windowImagesPerSec'] = round(med('windowImagesPerSec'), 1)
        p = med('probeUpdateMs')
        out['probeUpdateMs'] = round(p, 1) if p is not None else None
    else:
        out['epochsPerSec'] = round(med('epochsPerSec'), 2)
        out['runsEpochsPerSec'] = [round(r['epochsPerSec'], 2) for r in ok]
        out['snapshotsPerSec'] = round(med('snapshotsPerSec'), 1)
    out['stepsPerSec'] = round(med('stepsPerSec'), 1)
    e = med('engineStepsPerSec')
    out['engineStepsPerSec'] = round(e, 2) if e is not None else None  # the app's own rate (RunState.stepsPerSec)
    out['firstStepMs'] = [r['firstStepMs'] for r in ok]
    out['maxLongTaskMs'] = max(r['maxLongTaskMs'] for r in ok)
    out['backend'] = ok[0]['backend']
    out['backendNote'] = ok[0].get('backendNote')
    out['host'] = ok[0].get('host')
    out['runs'] = len(ok)
    if len(ok) < len(runs):
        out['failedRuns'] = [r['error'] for r in runs if 'error' in r]
    if any(r.get('problem') for r in ok):
        out['problem'] = next(r['problem'] for r in ok if r.get('problem'))
    return out


SCENARIOS = [
    # (key path, kind, net, backend)
    (('cnn', 'lenet', 'webgl'), 'cnn', 'lenet', 'webgl'),
    (('cnn', 'lenet', 'cpu'), 'cnn', 'lenet', 'cpu'),
    (('cnn', 'convnetjsNet', 'webgl'), 'cnn', 'convnetjs', 'webgl'),
    (('cnn', 'convnetjsNet', 'auto'), 'cnn', 'convnetjs', 'auto'),
    (('mlp2d', 'default', 'webgl'), 'mlp2d', 'default', 'webgl'),
    (('mlp2d', 'default', 'cpu'), 'mlp2d', 'default', 'cpu'),
    (('mlp2d', 'default', 'auto'), 'mlp2d', 'default', 'auto'),
]


def put(d, path, value):
    for k in path[:-1]:
        d = d.setdefault(k, {})
    d[path[-1]] = value


def write_json(result, path):
    if not path:
        return
    tmp = path + '.tmp'
    with open(tmp, 'w') as f:
        json.dump(result, f, indent=2)
        f.write('\n')
    os.replace(tmp, path)


def _terminate(signum, frame):
    # `timeout` sends SIGTERM: unwind so the browser is closed; the JSON written so far stays.
    raise SystemExit(128 + signum)


def main():
    signal.signal(signal.SIGTERM, _terminate)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--chrome', required=True, help='Chromium or chromium-headless-shell executable')
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    default_dist = os.path.join(repo, 'dist')
    ap.add_argument('--dist', default=default_dist, help='the app build to serve (default: %(default)s)')
    ap.add_argument('--gpu', choices=['probe', 'reference'], default='probe',
                    help='probe: find GPU flags; reference: --disable-gpu (SwiftShader), as bench/run.mjs')
    ap.add_argument('--flags', default='', help='extra Chromium flags (space separated), after the chosen set')
    ap.add_argument('--runs', type=int, default=2)
    ap.add_argument('--warmup-ms', type=int, default=3000)
    ap.add_argument('--measure-ms', type=int, default=10000)
    ap.add_argument('--measure-cap-s', type=float, default=45,
                    help='cnn: longest wait for two snapshot arrivals 0.8 × the window apart (Node bench: 180)')
    ap.add_argument('--only', default='', help='comma-separated substrings of scenario keys, e.g. lenet,mlp2d')
    ap.add_argument('--budget-s', type=float, default=400,
                    help='start no run after this many seconds since launch (results so far are kept)')
    ap.add_argument('--probe-budget-s', type=float, default=60,
                    help='once a GPU flag set is found, probe no further sets after this many seconds')
    ap.add_argument('--est-run-s', type=float, default=20, help='expected seconds of one run, for the budget')
    ap.add_argument('--compare-second', action='store_true', default=True,
                    help='if budget allows, one LeNet-5 webgl run with the second hardware flag set')
    ap.add_argument('--no-compare-second', dest='compare_second', action='store_false')
    ap.add_argument('--no-also-reference', dest='also_reference', action='store_false',
                    help='skip the closing SwiftShader (--disable-gpu) runs of the WebGL scenarios on this machine')
    out_dir = os.environ.get('OUT')
    ap.add_argument('--out', default=os.path.join(out_dir, 'gpu_bench.json') if out_dir else '',
                    help='also write the JSON here (default $OUT/gpu_bench.json when OUT is set)')
    ap.add_argument('--chrome-log', default=os.path.join(out_dir, 'chrome.log') if out_dir else
                    os.path.join(tempfile.gettempdir(), 'gg-chrome.log'), help="Chromium's stderr (appended)")
    ap.add_argument('--treat-as-gpu', default='', help=argparse.SUPPRESS)
    args = ap.parse_args()
    global TREAT_AS_GPU
    TREAT_AS_GPU = args.treat_as_gpu or None

    if not os.path.isfile(os.path.join(args.dist, 'index.html')):
        sys.exit(f'{args.dist}/index.html is missing (build the app first)')
    log(f'chrome={args.chrome} dist={args.dist} gpu={args.gpu}')
    srv, base_url = start_server(args.dist)
    log(f'serving {args.dist} at {base_url}')

    result = {
        'env': {
            'chrome': args.chrome,
            'python': platform.python_version(),
            'cpus': os.cpu_count(),
            'machine': platform.machine(),
            'kernel': platform.release(),
            'mode': args.gpu,
            'runs': args.runs,
            'warmupMs': args.warmup_ms,
            'measureMs': args.measure_ms,
            'measureCapS': args.measure_cap_s,
            'dist': args.dist,
            'loadAvgStart': [round(x, 2) for x in os.getloadavg()],
        },
        'errors': [],
    }
    try:
        with open(os.path.join(args.dist, 'BUILD_INFO.txt')) as f:
            result['env']['build'] = f.read().strip()[:500]
    except OSError:
        pass

    # ---- flags
    extra = args.flags.split() if args.flags else []
    probes = []
    chosen = None
    if args.gpu == 'probe':
        for name, flags in GPU_FLAG_SETS:
            found = any(p['nvidia'] and p['tfContext'] for p in probes)
            if found and time.monotonic() - T0 > args.probe_budget_s:
                log(f'probe {name}: skipped (a GPU flag set was found and the probe budget is spent)')
                continue
            probes.append(probe(args.chrome, name, flags + extra, base_url, args.chrome_log))
        hw = [p for p in probes if p['nvidia'] and p['tfContext']] or \
             [p for p in probes if p['nvidia'] and p.get('worker')] or [p for p in probes if p['nvidia']] or \
             [p for p in probes if p['hardware']]
        if hw:
            chosen = hw[0]
    ref = probe(args.chrome, 'reference', REFERENCE_FLAGS + extra, base_url, args.chrome_log) \
        if args.gpu == 'reference' or chosen is None else None
    if chosen:
        flags, gpu = chosen['flags'], True
    else:
        flags, gpu = REFERENCE_FLAGS + extra, False
        chosen = ref
    result['env'].update({
        'gpu': gpu,
        'flagSet': chosen['name'],
        'flags': flags,
        'baseArgs': BASE_ARGS,
        'renderer': chosen.get('renderer'),
        'rendererPage': (chosen.get('page') or {}).get('renderer'),
        'rendererWorker': (chosen.get('worker') or {}).get('renderer'),
        'tfContext': chosen.get('tfContext'),
        'webglVersion': (chosen.get('worker') or chosen.get('page') or {}).get('version'),
        'browser': chosen.get('browser'),
        'gpuInfo': chosen.get('systemInfo'),
    })
    slim = lambda p: {k: p.get(k) for k in ('name', 'flags', 'renderer', 'hardware', 'nvidia', 'tfContext',
                                            'seconds', 'error', 'workerError', 'workerTfError', 'pageError',
                                            'systemInfo', 'console', 'rendererPage', 'webgl') if p.get(k) is not None}
    for p in probes + ([ref] if ref else []):
        p['rendererPage'] = (p.get('page') or {}).get('renderer')
        p['webgl'] = p.get('workerTf') or p.get('worker') or p.get('page')
    result['env']['probes'] = [slim(p) for p in probes + ([ref] if ref else [])]
    log(f"renderers seen: {[(p['name'], p.get('renderer')) for p in probes + ([ref] if ref else [])]}")
    log(f"using flag set {chosen['name']} ({'GPU' if gpu else 'NO GPU'}): {' '.join(flags)}")
    write_json(result, args.out)

    # ---- benchmarks
    bench = Bench(args, base_url)
    bench.flags = flags
    only = [s for s in args.only.split(',') if s]
    scenarios = [s for s in SCENARIOS if not only or any(o in '.'.join(s[0]) for o in only)]
    runs = {s[0]: [] for s in scenarios}
    skipped = []
    try:
        for i in range(args.runs):
            for path, kind, net, backend in scenarios:
                key = '.'.join(path)
                if time.monotonic() - T0 + args.est_run_s > args.budget_s:
                    skipped.append(f'{key} run {i + 1}')
                    continue
                if runs[path] and all('timed out' in r.get('error', '') for r in runs[path]):
                    skipped.append(f'{key} run {i + 1} (earlier run timed out)')
                    continue
                try:
                    r = bench.run_once(kind, net, backend)
                except Exception as e:
                    r = {'error': str(e)[:500]}
                    result['errors'].append(f'{key} run {i + 1}: {e}'[:500])
                runs[path].append(r)
                if 'error' in r:
                    log(f'{key} run {i + 1}: FAILED {r["error"]}')
                elif kind == 'cnn':
                    ips = 'no rate (<2 snapshots)' if r['imagesPerSec'] is None else f"{r['imagesPerSec']:.1f}"
                    log(f"{key} run {i + 1}: {ips} images/s, {r['stepsPerSec']:.1f} steps/s "
                        f"({r['backend']}/{r.get('backendNote')}), first step {r['firstStepMs']} ms, "
                        f"probe {r['probeUpdateMs']} ms, longest task {r['maxLongTaskMs']} ms")
                else:
                    log(f"{key} run {i + 1}: {r['epochsPerSec']:.2f} epochs/s, {r['stepsPerSec']:.1f} steps/s "
                        f"({r['backend']}/{r.get('backendNote')}), first step {r['firstStepMs']} ms, "
                        f"longest task {r['maxLongTaskMs']} ms")
                put(result, path, summarize(kind, runs[path]))
                write_json(result, args.out)
        # Optional: the same LeNet-5 webgl run with the second hardware flag set, if any.
        if gpu and args.compare_second and (not only or any('lenet' in o for o in only)):
            others = [p for p in probes if p['hardware'] and p['name'] != chosen['name'] and p['tfContext']
                      and p['renderer'] != chosen['renderer']]
            if others and time.monotonic() - T0 + args.est_run_s + 10 <= args.budget_s:
                o = others[0]
                log(f"compare: LeNet-5 webgl with flag set {o['name']}")
                bench.browser.close()
                bench.browser = None
                bench.flags = o['flags']
                try:
                    r = bench.run_once('cnn', 'lenet', 'webgl')
                    result['compareFlagSet'] = {'name': o['name'], 'flags': o['flags'], 'renderer': o['renderer'],
                                                'lenetWebgl': summarize('cnn', [r])}
                    log(f"compare {o['name']}: {r['imagesPerSec']} images/s")
                except Exception as e:
                    result['compareFlagSet'] = {'name': o['name'], 'error': str(e)[:500]}
            elif others:
                skipped.append(f"compare {others[0]['name']}")
        # Optional: SwiftShader (--disable-gpu, our reference flags) on this same machine and binary,
        # for the WebGL scenarios, so GPU and software figures compare like for like.
        if gpu and args.also_reference:
            todo = [s for s in scenarios if s[3] == 'webgl' and s[1:3] in (('cnn', 'lenet'), ('mlp2d', 'default'))]
            ref_flags = REFERENCE_FLAGS + extra
            for path, kind, net, backend in todo:
                key = '.'.join(path)
                if time.monotonic() - T0 + args.est_run_s > args.budget_s:
                    skipped.append(f'referenceOnDevice {key}')
                    continue
                if bench.flags != ref_flags:
                    if bench.browser:
                        bench.browser.close()
                    bench.browser = None
                    bench.flags = ref_flags
                try:
                    r = bench.run_once(kind, net, backend)
                except Exception as e:
                    r = {'error': str(e)[:500]}
                put(result, ('referenceOnDevice', 'flags'), ref_flags)
                put(result, ('referenceOnDevice',) + path, summarize(kind, [r]))
                log(f"referenceOnDevice {key}: " + (r['error'] if 'error' in r else
                    f"{r['imagesPerSec'] if kind == 'cnn' else r['epochsPerSec']} {'images' if kind == 'cnn' else 'epochs'}/s"))
                write_json(result, args.out)
    finally:
        if bench.browser:
            result['console'] = bench.browser.console[:40]
            bench.browser.close()
        srv.shutdown()
    result['skipped'] = skipped
    result['env']['seconds'] = round(time.monotonic() - T0, 1)
    result['env']['loadAvgEnd'] = [round(x, 2) for x in os.getloadavg()]
    write_json(result, args.out)
    print(json.dumps(result, indent=2))
    log('done')


if __name__ == '__main__':
    main()
