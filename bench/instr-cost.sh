#!/bin/bash
# bench/instr-cost.sh: what the module costs per response in user-space
# instructions, counted by valgrind's callgrind in one httpd -X. Unlike CPU
# time on shared cores this figure does not move from one run to the next,
# so it is the one to optimise against; the kernel's share (the same system
# calls for plain and module, see docs/performance.md) is not in it.
#
#   bench/instr-cost.sh
#
# For each page size and visitor state: plain Apache and Apache with the
# module each serve N1 then N2 keep-alive requests under callgrind; the
# instructions per response are (Ir(N2) - Ir(N1)) / (N2 - N1), which
# leaves out start-up and shutdown. Prints them, the difference, and the
# functions that make up the difference (self cost, per response).
#
# Environment: CC_BENCH_MODULE=SO (as bench/run-html.sh),
#   CC_INSTR_SIZES="2000 200000", CC_INSTR_N1=10 CC_INSTR_N2=60,
#   CC_INSTR_TOP=25 (functions listed), CC_BENCH_CHARTER=FILE,
#   CC_INSTR_LL=BYTES: also count, with cachegrind, the misses per response
#   of a simulated last-level cache of that size (131072 say) with every
#   category granted. The simulation sees no kernel work, so a small cache
#   stands for one the kernel's copy of the page has just swept: the misses
#   then measure how much code and data a response touches, which is what
#   its time follows when caches are cold (docs/performance.md).
# Needs valgrind (apt-get install -y valgrind). Private servers on
# 127.0.0.1, stopped by pid; as root they run as nobody (setpriv).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
. "$here/lib.sh"

sizes=${CC_INSTR_SIZES:-2000 200000}
n1=${CC_INSTR_N1:-10}
n2=${CC_INSTR_N2:-60}
top=${CC_INSTR_TOP:-25}
charter=${CC_BENCH_CHARTER:-$bench_top/conf/charter-demo.yaml}
command -v valgrind >/dev/null || die "valgrind missing (apt-get install -y valgrind)"
command -v callgrind_annotate >/dev/null || die "callgrind_annotate missing (valgrind)"
[ "$n2" -gt "$n1" ] || die "CC_INSTR_N2 must be above CC_INSTR_N1"

bench_init
so=$(find_module)
htdocs=$bench_work/htdocs
for n in $sizes; do
    perl "$here/gen-page.pl" "$n" > "$htdocs/p$n.html"
done
cp "$charter" "$bench_work/charter.yaml"
cp "$so" "$bench_work/mod_cookiecharter.so"
chmod -R a+rX "$htdocs" "$bench_work/charter.yaml" "$bench_work/mod_cookiecharter.so"
mkdir -p "$bench_work/cg"
chmod 777 "$bench_work/cg"
rev=$(charter_revision "$charter")
granted=$(charter_optional "$charter")
cookie="cookies_preferences=$(consent_value "$rev" "$granted")"
port=$(pick_port 18411)

# As root, httpd -X would switch to User after valgrind opened its output
# file: the whole server runs as nobody instead, with no User directive.
as_user=()
if [ "$(id -u)" = 0 ]; then
    command -v setpriv >/dev/null || die "setpriv missing (util-linux)"
    as_user=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi

# ir NAME N PAGE [HEADER]: the summary of one valgrind run (vg_tool, its
# output file named by vg_out; by default callgrind: total Ir) serving the
# page N times (after 2 warm-up requests) on one keep-alive connection.
#
# httpd -X destroys its pools at exit, and the event MPM's queue cleanup
# then walks recycled connection pools that were already destroyed (httpd's
# own one-process shutdown, not this module: forked children never destroy
# pconf). Now and then that memory is unmapped and the run ends with
# SIGSEGV, its count short of part of the shutdown: such a run is made
# again, up to three times.
vg_tool=(--tool=callgrind --vgdb=no)
vg_out=--callgrind-out-file=
ir() {
    local name=$1 n=$2 page=$3 hdr=${4:-} root=$bench_work/$1 out pid rc try urls=()
    sed -i '/^User /d; /^Group /d' "$root/httpd.conf"
    [ "$(id -u)" = 0 ] && chown -R nobody "$root" "$bench_work/run/$name"
    for _ in $(seq 1 $((n + 2))); do urls+=("http://127.0.0.1:$port/$page"); done
    for try in 1 2 3; do
        out=$bench_work/cg/$name.$n.$RANDOM.out
        "${as_user[@]}" valgrind "${vg_tool[@]}" "$vg_out$out" \
            "$httpd" -X -d "$root" -f "$root/httpd.conf" > "$root/logs/valgrind.log" 2>&1 &
        pid=$!
        bench_pids+=("$pid")
        for _ in $(seq 1 300); do
            curl -s -o /dev/null --max-time 5 "http://127.0.0.1:$port/" && break
            kill -0 "$pid" 2>/dev/null || die "$name: httpd under valgrind exited (see $root/logs)"
            sleep 0.2
        done
        curl -s --max-time 300 ${hdr:+-H "$hdr"} "${urls[@]}" > /dev/null
        kill -TERM "$pid"
        rc=0
        wait "$pid" || rc=$?
        [ "$rc" -le 128 ] && break
        cp "$root/logs/valgrind.log" "$root/logs/valgrind.signal.$try.log"
        say "$name: httpd -X died of signal $((rc - 128)) (try $try of 3; valgrind's stack: $root/logs/valgrind.signal.$try.log)"
        [ "$try" = 3 ] && die "$name: httpd -X died three times"
    done
    sed -n 's/^summary: *//p' "$out" | head -1
    echo "$out" > "$bench_work/cg/last"
}

# functions OUT: "cost<TAB>function" lines, self cost, from a callgrind file.
functions() {
    callgrind_annotate --threshold=100 --show-percs=no "$1" 2>/dev/null |
        sed -n 's/^ *\([0-9,][0-9,]*\)  *\([^ ].*\)$/\1\t\2/p' | tr -d ',' |
        sed 's/\t[^:\t]*:/\t/; s/ \[.*$//'
}

apache_conf plain "$port" "$htdocs" ""
apache_conf cc "$port" "$htdocs" "LoadModule cookiecharter_module $bench_work/mod_cookiecharter.so
CookieCharterFile $bench_work/charter.yaml
CookieCharter On"

echo "## User-space instructions per response (callgrind, httpd -X, $(date -u '+%Y-%m-%d'))"
echo
echo "Requests $n1 and $n2 on one keep-alive connection; per response = (Ir($n2) - Ir($n1)) / $((n2 - n1))."
echo
echo "| page | visitor | plain Apache | with the module | difference |"
echo "|---|---|---:|---:|---:|"
details=()
for n in $sizes; do
    for state in granted banner; do
        hdr=
        [ "$state" = granted ] && hdr="Cookie: $cookie"
        say "$n bytes, $state: plain"
        a1=$(ir plain "$n1" "p$n.html" "$hdr" | head -1); fa1=$(cat "$bench_work/cg/last")
        a2=$(ir plain "$n2" "p$n.html" "$hdr" | head -1); fa2=$(cat "$bench_work/cg/last")
        say "$n bytes, $state: module"
        b1=$(ir cc "$n1" "p$n.html" "$hdr" | head -1); fb1=$(cat "$bench_work/cg/last")
        b2=$(ir cc "$n2" "p$n.html" "$hdr" | head -1); fb2=$(cat "$bench_work/cg/last")
        pa=$(( (a2 - a1) / (n2 - n1) ))
        pb=$(( (b2 - b1) / (n2 - n1) ))
        label=$([ "$state" = granted ] && echo "every category granted" || echo "no choice: banner, page scanned")
        echo "| $n B | $label | $pa | $pb | +$((pb - pa)) |"
        details+=("$n B, $label: the difference by function (instructions per response)")
        functions "$fa1" > "$bench_work/cg/a1.tsv"
        functions "$fa2" > "$bench_work/cg/a2.tsv"
        functions "$fb1" > "$bench_work/cg/b1.tsv"
        functions "$fb2" > "$bench_work/cg/b2.tsv"
        details+=("$(python3 "$here/instr-diff.py" "$n1" "$n2" "$top" "$bench_work/cg")")
    done
done
echo
for d in "${details[@]}"; do echo "$d"; done

[ -n "${CC_INSTR_LL:-}" ] || exit 0
vg_tool=(--tool=cachegrind --cache-sim=yes --I1=32768,8,64 --D1=32768,8,64
         "--LL=$CC_INSTR_LL,8,64")
vg_out=--cachegrind-out-file=
echo
echo "## Cache misses per response, every category granted (cachegrind; L1 32 KiB; last level $((CC_INSTR_LL / 1024)) KiB)"
echo
echo "| page | server | instructions | L1 instruction misses | LL instruction misses | LL data read misses | LL data write misses |"
echo "|---|---|---:|---:|---:|---:|---:|"
for n in $sizes; do
    hdr="Cookie: $cookie"
    say "$n bytes, cache simulation"
    a1=$(ir plain "$n1" "p$n.html" "$hdr"); a2=$(ir plain "$n2" "p$n.html" "$hdr")
    b1=$(ir cc "$n1" "p$n.html" "$hdr"); b2=$(ir cc "$n2" "p$n.html" "$hdr")
    # summary fields: Ir I1mr ILmr Dr D1mr DLmr Dw D1mw DLmw
    python3 - "$n" "$n1" "$n2" "$a1" "$a2" "$b1" "$b2" <<'PY'
import sys
n, n1, n2 = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
per = lambda x, y: [(int(b) - int(a)) // (n2 - n1) for a, b in zip(x.split(), y.split())]
pa, pb = per(sys.argv[4], sys.argv[5]), per(sys.argv[6], sys.argv[7])
cols = (0, 1, 2, 5, 8)
for name, v in (("plain Apache", pa), ("with the module", pb)):
    print("| %s B | %s | %s |" % (n, name, " | ".join(str(v[i]) for i in cols)))
print("| %s B | difference | %s |" % (n, " | ".join("%+d" % (pb[i] - pa[i]) for i in cols)))
PY
done
