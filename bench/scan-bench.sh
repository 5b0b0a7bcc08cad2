#!/bin/sh
# Build bench/scan_bench.c against the core sources (CORE_SOURCES of
# Makefile.am) with -O2 and run it.
#   bench/scan-bench.sh [PAGE.html]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d "${TMPDIR:-/tmp}/cc-scan-bench.XXXXXX")
trap 'rm -rf "$out"' EXIT INT TERM
srcs=$(sed -n '/^CORE_SOURCES/,/^$/p' "$top/Makefile.am" | tr ' \t\\' '\n\n\n' \
       | grep '\.c$' | sed "s|^|$top/|")
sh "$top/tools/embed-assets.sh" "$top/mod_cookiecharter/assets/banner.js" \
   "$top/mod_cookiecharter/assets/banner.css" > "$out/cc_assets_data.c"
flags=$(pkg-config --cflags --libs apr-1 apr-util-1 yaml-0.1 libcrypto)
# shellcheck disable=SC2086
${CC:-cc} -O2 -std=gnu99 -w -I"$top/mod_cookiecharter" -o "$out/scan_bench" \
    "$top/bench/scan_bench.c" $srcs "$out/cc_assets_data.c" $flags
"$out/scan_bench" "$@"
