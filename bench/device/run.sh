#!/usr/bin/env bash
# Device side of the GPU benchmark (see README.md beside this file). Two calls, back to back:
#   call 1:  bash bench/device/run.sh stage    carry [".devbundle/stage1"]
#            unpacks the Chromium binary to $GG_DIR (/tmp/gg) and reports what the machine lacks;
#   call 2:  bash bench/device/run.sh bench    carry [".gl", ".devbundle/stage2"]
#            (within the 30 s the machine stays warm) unpacks the rest and runs gpu_bench.py.
# `bench` alone also works when one call can carry stage1 and stage2 together.
# Everything it writes goes to $GG_DIR and $OUT (setup.log, gpu_bench.json, chrome.log).
#
# For a dry run on a machine that is not the device: GG_NO_GL=1 skips unpacking .gl/ into /.
set -uo pipefail
cd "$(dirname "$0")/../.."
MODE=${1:-bench}
shift || true
G=${GG_DIR:-/tmp/gg}
OUT=${OUT:-$G/out}
mkdir -p "$G/chrome" "$OUT"
BIN=$G/chrome/chromium-headless-shell
exec > >(tee -a "$OUT/setup.log") 2>&1
TEE_PID=$!
# Let tee write the last lines before the command returns.
trap 'exec 1>&- 2>&-; wait "$TEE_PID" 2>/dev/null' EXIT
say() { echo "[run.sh $(date +%H:%M:%S)] $*"; }
t_start=$(date +%s)

unpack_binary() {
  local src=.devbundle/stage1/chromium-headless-shell.xz
  if [ -x "$BIN" ]; then say "binary already at $BIN"; return 0; fi
  [ -f "$src" ] || return 1
  say "unpacking $src"
  python3 - "$src" "$BIN" <<'EOF' || return 1
import lzma, os, shutil, sys
src, dst = sys.argv[1:3]
with lzma.open(src) as f, open(dst + '.tmp', 'wb') as o:
    shutil.copyfileobj(f, o, 1 << 22)
os.chmod(dst + '.tmp', 0o755)
os.replace(dst + '.tmp', dst)
EOF
}

diagnostics() {
  say "machine: $(. /etc/os-release 2>/dev/null; echo "$PRETTY_NAME"), $(uname -r), $(nproc) CPUs, glibc $(ldd --version 2>/dev/null | head -1 | awk '{print $NF}')"
  nvidia-smi -L 2>&1 | head -4
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1 | head -2
  say "loaders: $(ldconfig -p | grep -oE 'lib(vulkan\.so\.1|EGL\.so\.1|EGL_nvidia\.so\.0|GLESv2\.so\.2|GLX_nvidia\.so\.0)' | sort -u | tr '\n' ' ')"
  for f in /usr/share/vulkan/icd.d/*.json /etc/vulkan/icd.d/*.json /usr/local/nvidia/share/vulkan/icd.d/*.json \
           /usr/share/glvnd/egl_vendor.d/*.json /etc/glvnd/egl_vendor.d/*.json /usr/local/nvidia/share/glvnd/egl_vendor.d/*.json; do
    [ -e "$f" ] && echo "  icd/vendor file: $f"
  done
  ls /dev/nvidia* /dev/dri 2>&1 | tr '\n' ' '; echo
}

case "$MODE" in
stage)
  say "stage: unpack the binary (call 1 of 2)"
  rm -f "$BIN"
  unpack_binary || { say "FATAL: .devbundle/stage1/chromium-headless-shell.xz missing: carry .devbundle/stage1"; exit 2; }
  sha256sum "$BIN"
  cat .devbundle/stage1/chromium-headless-shell.sha256
  diagnostics
  say "libraries this machine lacks (stage 2 brings them):"
  ldd "$BIN" 2>&1 | grep -E 'not found' | awk '{print "  " $1}' | tr '\n' ' '; echo
  say "stage done in $(( $(date +%s) - t_start )) s: run call 2 NOW (the machine keeps files for ~30 s)"
  ;;

bench)
  if [ -z "${GG_NO_GL:-}" ]; then
    if ls .gl/*.deb >/dev/null 2>&1; then
      for f in .gl/*.deb; do dpkg -x "$f" /; done
      ldconfig
    else
      say "no .gl/*.deb (carry .gl): relying on the loaders already installed"
    fi
  fi
  if ! unpack_binary; then
    say "FATAL: no Chromium binary: neither $BIN (call 1 on a still-warm machine) nor .devbundle/stage1 here."
    say "Run call 1 (run.sh stage, carry .devbundle/stage1) again, then call 2 at once."
    exit 3
  fi
  [ -f .devbundle/stage2/gg-stage2.tar.xz ] || { say "FATAL: .devbundle/stage2/gg-stage2.tar.xz missing: carry .devbundle/stage2"; exit 2; }
  say "unpacking stage 2"
  python3 - .devbundle/stage2/gg-stage2.tar.xz "$G" <<'EOF' || { say "FATAL: stage 2 unpack failed"; exit 2; }
import sys, tarfile
with tarfile.open(sys.argv[1], 'r:xz') as t:
    if hasattr(tarfile, 'fully_trusted_filter'):
        t.extractall(sys.argv[2], filter='fully_trusted')
    else:
        t.extractall(sys.argv[2])
EOF
  want=$(awk '/^sha256/{print $2}' "$G/MANIFEST")
  have=$(sha256sum "$BIN" | cut -d' ' -f1)
  if [ "$want" != "$have" ]; then
    say "binary sha256 $have != stage 2's $want: unpacking stage 1 again"
    rm -f "$BIN"; unpack_binary || { say "FATAL: stage 1 does not match stage 2"; exit 3; }
  fi
  cat "$G/MANIFEST"
  diagnostics

  # Shared libraries: the machine's own first; from stage 2 only those it lacks, or has too old
  # ("version ... not found"), repeated until the closure resolves. NSS's dlopen()ed modules go
  # beside libnss3.so when that comes from here.
  bash bench/device/fill_libs.sh "$BIN" "$G/libs" "$G/lib"
  missing=$(LD_LIBRARY_PATH="$G/lib" ldd "$BIN" 2>&1 | grep -E 'not found' || true)
  [ -n "$missing" ] && { say "STILL MISSING (Chromium will not start):"; echo "$missing"; }

  # GPU driver discovery (the device recipe): point the loaders at the driver's files when the
  # standard folders have none.
  if ! ls /usr/share/vulkan/icd.d/nvidia*.json /etc/vulkan/icd.d/nvidia*.json >/dev/null 2>&1 &&
     [ -e /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json ]; then
    export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
    export VK_ICD_FILENAMES=$VK_DRIVER_FILES
    say "VK_DRIVER_FILES=$VK_DRIVER_FILES"
  fi
  if ! ls /usr/share/glvnd/egl_vendor.d/*nvidia*.json /etc/glvnd/egl_vendor.d/*nvidia*.json >/dev/null 2>&1 &&
     [ -e /usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json ]; then
    export __EGL_VENDOR_LIBRARY_FILENAMES=/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json
    say "__EGL_VENDOR_LIBRARY_FILENAMES=$__EGL_VENDOR_LIBRARY_FILENAMES"
  fi

  # Fonts: our own (DejaVu), whatever the machine has; without any, Chromium aborts on the
  # first text it draws.
  mkdir -p "$G/fontcache"
  cat >"$G/fonts.conf" <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>$G/fonts</dir>
  <cachedir>$G/fontcache</cachedir>
  <alias><family>sans-serif</family><prefer><family>DejaVu Sans</family></prefer></alias>
  <alias><family>serif</family><prefer><family>DejaVu Serif</family></prefer></alias>
  <alias><family>monospace</family><prefer><family>DejaVu Sans Mono</family></prefer></alias>
</fontconfig>
EOF

  # Chromium gets the stage-2 libraries and fonts through a wrapper; Python keeps the machine's.
  cat >"$G/chrome/run-chrome" <<EOF
#!/bin/sh
export LD_LIBRARY_PATH="$G/lib\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}"
export FONTCONFIG_FILE="$G/fonts.conf"
exec "$BIN" "\$@"
EOF
  chmod +x "$G/chrome/run-chrome"
  "$G/chrome/run-chrome" --version 2>&1 | head -3
  # The GPU driver's own libraries, loaded by Chromium's GPU process: anything they lack shows here.
  for l in libGLX_nvidia.so.0 libEGL_nvidia.so.0 libnvidia-glcore.so; do
    p=$(ldconfig -p | awk -v l="$l" '$1 ~ "^"l {print $NF; exit}')
    [ -n "$p" ] && { m=$(LD_LIBRARY_PATH="$G/lib" ldd "$p" 2>&1 | grep 'not found'); say "$l: $p ${m:+MISSING: $m}"; }
  done
  say "setup took $(( $(date +%s) - t_start )) s; starting gpu_bench.py"

  PYTHONUNBUFFERED=1 timeout -k 10 "${GG_TIMEOUT:-540}" python3 bench/device/gpu_bench.py \
    --chrome "$G/chrome/run-chrome" --dist "$G/dist" --budget-s "${GG_BUDGET_S:-330}" "$@" >"$G/gpu_bench.stdout"
  rc=$?
  say "gpu_bench.py exit code $rc"
  [ -s "$OUT/gpu_bench.json" ] || cp "$G/gpu_bench.stdout" "$OUT/gpu_bench.json" 2>/dev/null
  # chrome.log: keep it under the 16 MiB a returned file may have.
  if [ -f "$OUT/chrome.log" ] && [ "$(stat -c %s "$OUT/chrome.log")" -gt 8000000 ]; then
    { head -c 4000000 "$OUT/chrome.log"; echo; echo '[... cut ...]'; tail -c 3000000 "$OUT/chrome.log"; } >"$G/chrome.log.cut"
    mv "$G/chrome.log.cut" "$OUT/chrome.log"
  fi
  # A short summary last, so the tail of the command's output shows it.
  python3 - "$OUT/gpu_bench.json" <<'EOF'
import json, sys
try:
    d = json.load(open(sys.argv[1]))
except Exception as e:
    print('no JSON:', e); sys.exit(0)
e = d.get('env', {})
print('SUMMARY gpu=%s flagSet=%s renderer=%r browser=%s' % (e.get('gpu'), e.get('flagSet'), e.get('renderer'), e.get('browser')))
for p in e.get('probes', []):
    print('  probe %-13s tfContext=%-5s %s%s' % (p.get('name'), p.get('tfContext'), p.get('renderer'), ('  ERROR ' + p['error']) if p.get('error') else ''))
def row(key, v):
    if not isinstance(v, dict): return
    if 'imagesPerSec' in v or 'epochsPerSec' in v or 'error' in v:
        fig = ('%s images/s' % v['imagesPerSec']) if 'imagesPerSec' in v else ('%s epochs/s' % v['epochsPerSec']) if 'epochsPerSec' in v else 'ERROR ' + str(v.get('error'))
        print('  %-28s %-20s steps/s=%s backend=%s first step ms=%s' % (key, fig, v.get('stepsPerSec'), v.get('backend'), v.get('firstStepMs')))
        return
    for k, w in v.items(): row(key + '.' + k, w)
for top in ('cnn', 'mlp2d', 'compareFlagSet', 'referenceOnDevice'):
    if top in d: row(top, d[top])
if d.get('errors'): print('  errors:', d['errors'][:5])
if d.get('skipped'): print('  skipped:', d['skipped'])
EOF
  say "total $(( $(date +%s) - t_start )) s"
  exit $rc
  ;;
*)
  echo "usage: $0 stage|bench [gpu_bench.py args...]" >&2
  exit 2
  ;;
esac
