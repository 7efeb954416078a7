#!/usr/bin/env bash
# Builds the bundle for bench/device/run.sh (see README.md beside this file). Run HERE (Debian 12,
# root, apt working), from any directory. Writes only git-ignored paths of the repo:
#   .gl/                       the GL/Vulkan loader .debs of the device recipe (unpacked into / there)
#   .devbundle/stage1/         chromium-headless-shell binary, xz (x86 BCJ + LZMA2 -9e)   -> call 1
#   .devbundle/stage2/         everything else, one .tar.xz: Chromium's data files, the shared
#                              libraries the binary needs (a device without them gets them from
#                              here), and a production build of the app (dist/)            -> call 2
# and temporary files under $GG_PREP_TMP (default /tmp/gg-prep).
#
# Environment:
#   CHROMIUM_VERSION  Debian version of chromium-headless-shell (default: that of the installed
#                     `chromium`, so the device runs the same Chromium as the reference here)
#   GG_DIST           use this existing app build instead of building one (default: build a
#                     snapshot of the working tree, tracked + untracked files, in a temp folder)
#   GG_PREP_TMP       temp folder (default /tmp/gg-prep)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B=$ROOT/.devbundle
W=${GG_PREP_TMP:-/tmp/gg-prep}
log() { echo "[prepare $(date +%H:%M:%S)] $*" >&2; }
mib() { python3 -c "import sys; print(f'{int(sys.argv[1]) / 2**20:.2f} MiB')" "$1"; }

cd "$ROOT"
for p in /.gl/ /.devbundle/; do
  grep -qxF "$p" .git/info/exclude || echo "$p" >>.git/info/exclude
done
mkdir -p "$W" "$B/stage1" "$B/stage2"

# ---- 1. the device recipe's GL/Vulkan loaders (.gl/)
if ! ls .gl/*.deb >/dev/null 2>&1; then
  log "downloading the GL/Vulkan loader .debs into .gl/"
  mkdir -p .gl /tmp/amd64/partial
  o='-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=/tmp/amd64'
  apt-get $o update >&2
  (cd .gl && apt-get $o download libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2 >&2)
fi

# ---- 2. chromium-headless-shell + chromium-common (data files), same version as `chromium` here
VERSION=${CHROMIUM_VERSION:-$(dpkg-query -W -f='${Version}' chromium 2>/dev/null || true)}
mkdir -p "$W/debs"
for pkg in chromium-headless-shell chromium-common; do
  if ! ls "$W/debs/${pkg}_${VERSION:-}"*.deb >/dev/null 2>&1; then
    rm -f "$W/debs/${pkg}_"*.deb
    log "apt-get download $pkg${VERSION:+=$VERSION}"
    (cd "$W/debs" && apt-get download "$pkg${VERSION:+=$VERSION}" >&2)
  fi
done
# libpci: ANGLE dlopen()s it to identify the GPU (vendor/device ids).
if ! ls "$W/debs"/libpci3_*.deb >/dev/null 2>&1; then
  log "apt-get download libpci3"
  (cd "$W/debs" && apt-get download libpci3 >&2)
fi
# A machine without fonts makes Chromium abort (Skia: "Not implemented") on the first text it draws.
if ! ls "$W/debs"/fonts-dejavu-core_*.deb >/dev/null 2>&1; then
  log "apt-get download fonts-dejavu-core"
  (cd "$W/debs" && apt-get download fonts-dejavu-core >&2)
fi
rm -rf "$W/root" && mkdir -p "$W/root"
for d in "$W/debs"/*.deb; do dpkg -x "$d" "$W/root"; done
CH=$W/root/usr/lib/chromium
BIN=$CH/chromium-headless-shell
[ -x "$BIN" ] || { echo "no $BIN in the .debs" >&2; exit 1; }
SHA=$(sha256sum "$BIN" | cut -d' ' -f1)
HS_VERSION=$(dpkg-deb -f "$W/debs"/chromium-headless-shell_*.deb Version)
log "chromium-headless-shell $HS_VERSION, sha256 $SHA"

# ---- 3. stage 1: the binary alone (~220 MB -> ~52 MiB; ~9 min on 2 cores, cached by sha256)
if [ "$(cat "$B/stage1/chromium-headless-shell.sha256" 2>/dev/null)" != "$SHA" ] || [ ! -s "$B/stage1/chromium-headless-shell.xz" ]; then
  log "compressing the binary (xz --x86 -9e; takes minutes)"
  rm -f "$B/stage1"/*
  xz -c -T1 --x86 --lzma2=preset=9e,dict=192MiB "$BIN" >"$B/stage1/chromium-headless-shell.xz.tmp"
  mv "$B/stage1/chromium-headless-shell.xz.tmp" "$B/stage1/chromium-headless-shell.xz"
  echo "$SHA" >"$B/stage1/chromium-headless-shell.sha256"
else
  log "stage 1 up to date"
fi

# ---- 4. stage 2 contents
S=$W/stage2
rm -rf "$S" && mkdir -p "$S/chrome" "$S/libs" "$S/fonts"
for f in DejaVuSans.ttf DejaVuSans-Bold.ttf DejaVuSansMono.ttf DejaVuSerif.ttf; do
  cp "$W/root/usr/share/fonts/truetype/dejavu/$f" "$S/fonts/"
done
# Chromium's data files, laid out as the Debian packages install them beside the binary.
for f in icudtl.dat v8_context_snapshot.bin snapshot_blob.bin headless_lib_data.pak headless_lib_strings.pak \
         headless_command_resources.pak libvk_swiftshader.so vk_swiftshader_icd.json libvulkan.so.1; do
  cp "$CH/$f" "$S/chrome/"
done
# Shared libraries: the binary's whole closure here and NSS's dlopen()ed modules, less glibc.
# run.sh puts on LD_LIBRARY_PATH only those the device lacks (or has too old).
NSS_PLUGINS="libsoftokn3.so libfreebl3.so libfreeblpriv3.so libnssckbi.so libnssdbm3.so libsmime3.so libssl3.so"
DLOPEN_EXTRAS="libpci.so.3"  # dlopen()ed by Chromium itself; added where the machine has none
MA=/usr/lib/x86_64-linux-gnu
PCI=$(ls "$W/root/usr/lib/x86_64-linux-gnu"/libpci.so.3* | head -1)
{ ldd "$BIN"; for p in $NSS_PLUGINS; do ldd "$MA/$p"; done; ldd "$PCI"; } >"$W/ldd.txt"
if grep -q 'not found' "$W/ldd.txt"; then
  grep 'not found' "$W/ldd.txt" >&2
  echo "libraries missing HERE: apt-get install chromium-headless-shell (or chromium) first" >&2
  exit 1
fi
GLIBC='^(linux-vdso|libc\.so|libm\.so|libdl\.so|libpthread\.so|librt\.so|libresolv\.so|libutil\.so|ld-linux)'
awk '/=>/{print $1, $3}' "$W/ldd.txt" | sort -u | grep -Ev "$GLIBC" | while read -r name path; do
  cp -L "$path" "$S/libs/$name"
done
for p in $NSS_PLUGINS; do cp -L "$MA/$p" "$S/libs/$p"; done
cp -L "$PCI" "$S/libs/libpci.so.3"
echo "$NSS_PLUGINS" | tr ' ' '\n' >"$S/libs/NSS_PLUGINS"
echo "$DLOPEN_EXTRAS" | tr ' ' '\n' >"$S/libs/DLOPEN_EXTRAS"
log "$(ls "$S/libs" | wc -l) library files, $(du -sb "$S/libs" | cut -f1) bytes"

# The app: a production build of a snapshot of the working tree (the other engineer's uncommitted
# work included), so that nobody's concurrent `npm run build` can change it under us.
if [ -n "${GG_DIST:-}" ]; then
  cp -r "$GG_DIST" "$S/dist"
  INFO="copied from $GG_DIST at $(date -u +%FT%TZ)"
else
  rm -rf "$W/src" && mkdir -p "$W/src"
  HEAD=$(git rev-parse --short HEAD)
  DIRTY=$(git status --porcelain | grep -v -e '^?? \.gl/' -e '^?? \.devbundle/' | wc -l)
  git ls-files -z -co --exclude-standard | tar --null -T - -cf - | tar -x -C "$W/src"
  ln -s "$ROOT/node_modules" "$W/src/node_modules"
  log "building the app (snapshot of the working tree at $HEAD, $DIRTY changed/untracked paths)"
  (cd "$W/src" && node scripts/build-mnist.mjs >&2 && npx vite build --outDir "$S/dist" --emptyOutDir --logLevel warn >&2)
  INFO="built $(date -u +%FT%TZ) from a snapshot of the working tree at HEAD $HEAD ($DIRTY changed/untracked paths)"
fi
[ -f "$S/dist/index.html" ] && [ -f "$S/dist/data/mnist.bin" ] || { echo "the app build lacks index.html or data/mnist.bin" >&2; exit 1; }
echo "$INFO" >"$S/dist/BUILD_INFO.txt"
cat >"$S/MANIFEST" <<EOF
chromium-headless-shell $HS_VERSION
sha256 $SHA
app $INFO
prepared $(date -u +%FT%TZ) on $(. /etc/os-release && echo "$PRETTY_NAME")
EOF

# ---- 5. stage 2 archive
log "packing stage 2"
rm -f "$B/stage2"/*
tar -C "$S" -cf - . | xz -9e -T2 >"$B/stage2/gg-stage2.tar.xz"
cp "$S/MANIFEST" "$B/stage2/MANIFEST"

# ---- 6. sizes
tree=$(git ls-files -z -co --exclude-standard | xargs -0 stat -c %s 2>/dev/null | awk '{s+=$1} END{print s+0}')
s1=$(du -sb "$B/stage1" | cut -f1)
s2=$(du -sb "$B/stage2" | cut -f1)
gl=$(du -sb .gl | cut -f1)
echo "working tree (tracked + untracked, not ignored): $(mib "$tree")"
echo "call 1 (stage):  tree + .devbundle/stage1            = $(mib $((tree + s1)))   (limit 64 MiB)"
echo "call 2 (bench):  tree + .devbundle/stage2 + .gl      = $(mib $((tree + s2 + gl)))"
echo "one call with everything would be                     $(mib $((tree + s1 + s2 + gl)))"
cat "$S/MANIFEST"
