#!/bin/sh
# Flags and file lists are split into words on purpose.
# shellcheck disable=SC2086,SC1003,SC2020,SC2012
# Builds and runs the libFuzzer targets of mod_cookiecharter's core.
#
#   tests/fuzz/run.sh [short|long|SECONDS]
#
# short: 60 s per target (FUZZ_SECONDS overrides), long: 1800 s per target,
# or a number of seconds. Installs nothing: needs clang with libFuzzer
# (Debian: clang, libclang-rt-14-dev), the APR/APR-util, libyaml and
# libcrypto development files. Ends with "N passed, M failed"; exits 1 when
# a target fails to build or finds a crash, leak, timeout or broken
# invariant. Artifacts (the crashing inputs) are kept in the output folder.
#
# Environment: CLANG (compiler), FUZZ_SECONDS, FUZZ_OUT (build and work
# folder; default a fresh one under $TMPDIR), FUZZ_TARGETS (names to run,
# space-separated, default all), FUZZ_JOBS is not used: targets run one
# after the other to leave the second core to others.
#
# The harness pattern, for every target (fuzz_html.c included):
# - one file tests/fuzz/fuzz_NAME.c is one target; it includes
#   "fuzz_common.h" and the core headers it tests, and defines only
#   LLVMFuzzerTestOneInput (plus static helpers);
# - it calls cc_fuzz_init() first (APR once, the fixed charter in
#   cc_fuzz_charter), takes a pool with cc_fuzz_pool() and destroys it
#   before returning, and returns 0;
# - it passes the input buffer itself to length-based APIs (ASan catches
#   over-reads), cc_fuzz_cstr() for NUL-terminated ones;
# - invariants are CC_FUZZ_CHECK(cond), which aborts: a broken invariant is
#   a crash like any other;
# - it links the core sources directly (CORE_SOURCES of Makefile.am, no
#   libtool, no httpd), so it may call any core API;
# - seed inputs go in tests/fuzz/corpus/NAME/ (small files); the run uses a
#   copy, so nothing is written into the tree.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)

mode=${1:-short}
case "$mode" in
    short) secs=${FUZZ_SECONDS:-60} ;;
    long) secs=${FUZZ_SECONDS:-1800} ;;
    *[!0-9]*|'') echo "usage: $0 [short|long|SECONDS]" >&2; exit 2 ;;
    *) secs=$mode ;;
esac

cc=${CLANG:-}
if [ -z "$cc" ]; then
    for c in clang clang-19 clang-18 clang-17 clang-16 clang-15 clang-14; do
        if command -v "$c" >/dev/null 2>&1; then
            cc=$c
            break
        fi
    done
fi
if [ -z "$cc" ]; then
    echo "run.sh: no clang found (Debian: apt-get install clang libclang-rt-14-dev)" >&2
    echo "0 passed, 1 failed"
    exit 1
fi

out=${FUZZ_OUT:-}
if [ -z "$out" ]; then
    out=$(mktemp -d "${TMPDIR:-/tmp}/ccfuzz.XXXXXX") || exit 1
fi
mkdir -p "$out/obj" "$out/bin" "$out/corpus" "$out/artifacts" "$out/logs" || exit 1
echo "fuzz: $cc, $secs s per target, work folder $out"

# Compiler flags from the same tools configure uses.
cflags="-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined"
cppflags="-I$top/mod_cookiecharter -I$here $(apr-1-config --cppflags --includes) $(apu-1-config --includes)"
libs="$(apu-1-config --link-ld --libs) $(apr-1-config --link-ld --libs)"
if pkg-config --exists yaml-0.1 libcrypto 2>/dev/null; then
    cppflags="$cppflags $(pkg-config --cflags yaml-0.1 libcrypto)"
    libs="$libs $(pkg-config --libs yaml-0.1 libcrypto)"
else
    libs="$libs -lyaml -lcrypto"
fi

# The core sources, as Makefile.am lists them, plus the embedded assets.
core=$(sed -n '/^CORE_SOURCES = /,/^$/p' "$top/Makefile.am" \
       | tr ' \t\\' '\n\n\n' | grep '\.c$')
assets=$(sed -n 's/^ASSETS = //p' "$top/Makefile.am")
(cd "$top" && sh tools/embed-assets.sh $assets) > "$out/obj/cc_assets_data.c" \
    || { echo "fuzz: cannot embed assets"; echo "0 passed, 1 failed"; exit 1; }

objs=""
build_failed=0
for src in $core "$out/obj/cc_assets_data.c"; do
    case "$src" in /*) path=$src ;; *) path=$top/$src ;; esac
    obj=$out/obj/$(basename "$src" .c).o
    if ! $cc $cflags -fsanitize=fuzzer-no-link $cppflags -c "$path" -o "$obj" \
            2>"$out/logs/$(basename "$src" .c).build.log"; then
        echo "fuzz: cannot compile $src:"
        sed -n '1,20p' "$out/logs/$(basename "$src" .c).build.log"
        build_failed=1
    fi
    objs="$objs $obj"
done
if [ $build_failed -ne 0 ]; then
    echo "0 passed, 1 failed"
    exit 1
fi

passed=0
failed=0
for src in "$here"/fuzz_*.c; do
    [ -e "$src" ] || continue
    name=$(basename "$src" .c)
    if [ -n "${FUZZ_TARGETS:-}" ]; then
        case " $FUZZ_TARGETS " in *" $name "*) ;; *) continue ;; esac
    fi
    bin=$out/bin/$name
    if ! $cc $cflags -fsanitize=fuzzer $cppflags "$src" $objs $libs -o "$bin" \
            2>"$out/logs/$name.build.log"; then
        echo "$name: BUILD FAILED"
        sed -n '1,30p' "$out/logs/$name.build.log"
        failed=$((failed + 1))
        continue
    fi
    # A fresh copy of the seeds: libFuzzer writes new inputs into it.
    rm -rf "$out/corpus/$name"
    mkdir -p "$out/corpus/$name" "$out/artifacts/$name"
    if [ -d "$here/corpus/$name" ]; then
        cp -R "$here/corpus/$name/." "$out/corpus/$name/"
    fi
    log=$out/logs/$name.log
    timeout -k 10 $((secs + 300)) "$bin" -max_total_time="$secs" \
        -rss_limit_mb=2048 -timeout=25 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$out/artifacts/$name/" "$out/corpus/$name" \
        >"$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    crashes=$(ls "$out/artifacts/$name" | wc -l)
    if [ $rc -eq 0 ] && [ "$crashes" -eq 0 ]; then
        echo "$name: ${execs:-?} executions, no crash"
        passed=$((passed + 1))
    else
        echo "$name: ${execs:-?} executions, FAILED (exit $rc, $crashes artifact(s) in $out/artifacts/$name)"
        grep -m 5 -E 'ERROR|invariant failed|SUMMARY|Test unit written' "$log" | sed 's/^/    /'
        failed=$((failed + 1))
    fi
done

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
