#!/usr/bin/env bash
# fill_libs.sh BINARY BUNDLED_LIBS_DIR DEST_DIR
# Copies into DEST_DIR (to be put on LD_LIBRARY_PATH) only the bundled libraries that this machine
# lacks, or has too old ("version ... not found"), for BINARY and for what DEST_DIR then holds,
# repeating until nothing more resolves from the bundle. NSS's dlopen()ed modules (listed in
# BUNDLED_LIBS_DIR/NSS_PLUGINS) go beside libnss3.so when that comes from the bundle.
set -uo pipefail
BIN=$1 SRC=$2 DST=$3
rm -rf "$DST" && mkdir -p "$DST"
# Libraries Chromium dlopen()s (not in ldd's view): add ours where the machine has none.
if [ -f "$SRC/DLOPEN_EXTRAS" ]; then
  for l in $(cat "$SRC/DLOPEN_EXTRAS"); do
    ldconfig -p | grep -q "^[[:space:]]*$l " || { [ -e "$SRC/$l" ] && cp -a "$SRC/$l" "$DST/"; }
  done
fi
for i in 1 2 3 4 5 6 7 8 9 10; do
  out=$( { LD_LIBRARY_PATH="$DST" ldd "$BIN"
           for l in "$DST"/*.so*; do [ -e "$l" ] && LD_LIBRARY_PATH="$DST" ldd "$l"; done; } 2>&1)
  need=$( { echo "$out" | awk '/=> not found/{print $1}'
            echo "$out" | sed -n 's/.*: \([^ :]*\): version .* not found.*/\1/p' | xargs -r -n1 basename; } | sort -u)
  new=0
  for l in $need; do
    if [ -e "$SRC/$l" ] && [ ! -e "$DST/$l" ]; then
      cp -a "$SRC/$l" "$DST/"
      new=1
      if [ "$l" = libnss3.so ] && [ -f "$SRC/NSS_PLUGINS" ]; then
        for p in $(cat "$SRC/NSS_PLUGINS"); do [ -e "$SRC/$p" ] && cp -a "$SRC/$p" "$DST/"; done
      fi
    fi
  done
  [ $new = 0 ] && break
done
echo "bundled libraries used ($(ls "$DST" | wc -l)): $(ls "$DST" | tr '\n' ' ')"
