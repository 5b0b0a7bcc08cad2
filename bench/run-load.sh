#!/bin/bash
# bench/run-load.sh: mod_cookiecharter under load, and through graceful
# restarts with a changed charter (issue 6).
#
#   bench/run-load.sh [--short]
#
# 1. Steady load: wrk with 200 connections for 60 s against the event MPM
#    with the module, over bench/load-mix.lua's mix (pages with and without
#    a consent cookie, consent posts, requests carrying optional cookies to
#    purge, the policy page). Printed: socket errors, statuses (200 for
#    pages, 303 for posts, nothing else expected), the consent log's lines
#    next to the 303s, and the children's total RSS sampled every second
#    (start, after warm-up, end, highest after warm-up).
# 2. Graceful restarts under load: the same mix while apachectl -k graceful
#    (SIGUSR1 to the parent) runs every 5 s, alternating two charters with
#    different revisions; then plain Apache (no module, same pages) through
#    the same schedule. Printed: restarts done, socket errors, 5xx, other
#    statuses, for both. Expected: no 5xx, and no more errors than plain.
# Everything on 127.0.0.1; the servers are stopped by pid on exit. Figures
# only: the script fails on setup errors, not on a count or a timing.
#
# Environment:
#   CC_BENCH_MODULE=SO   mod_cookiecharter.so (default: _work/build, else built)
#   CC_LOAD_CONNS=200 CC_LOAD_THREADS=2   wrk -c and -t
#   CC_LOAD_DURATION=60  steady phase, seconds (--short: 12)
#   CC_LOAD_WARMUP=10    seconds of it before RSS counts as warmed up (--short: 4)
#   CC_LOAD_RESTART_DURATION=30   each restart phase, seconds (--short: 12)
#   CC_LOAD_RESTART_EVERY=5       seconds between graceful restarts (--short: 3)
#   CC_BENCH_CHARTER=FILE         charter (default conf/charter-demo.yaml)
#   APACHE_PROCS=2 APACHE_THREADS=CONNS  the fixed pool: each process can serve every
#                        connection (the event MPM
#                        closes keep-alive connections of a process that runs short of
#                        workers, and connections do not spread evenly over processes)
#   CC_BENCH_KEEP=1      keep the work folder
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
. "$here/lib.sh"

short=
[ "${1:-}" = --short ] && short=1
conns=${CC_LOAD_CONNS:-200}
wthreads=${CC_LOAD_THREADS:-2}
dur=${CC_LOAD_DURATION:-$([ -n "$short" ] && echo 12 || echo 60)}
warm=${CC_LOAD_WARMUP:-$([ -n "$short" ] && echo 4 || echo 10)}
rdur=${CC_LOAD_RESTART_DURATION:-$([ -n "$short" ] && echo 12 || echo 30)}
every=${CC_LOAD_RESTART_EVERY:-$([ -n "$short" ] && echo 3 || echo 5)}
charter=${CC_BENCH_CHARTER:-$bench_top/conf/charter-demo.yaml}
export APACHE_THREADS=${APACHE_THREADS:-$conns}

command -v wrk >/dev/null || die "wrk missing (apt-get install -y wrk)"
[ -x "$httpd" ] || die "apache2 missing"
[ -r "$charter" ] || die "no charter: $charter"

bench_init
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
so=$(find_module)
htdocs=$bench_work/htdocs
for n in 2000 20000 200000; do
    perl "$here/gen-page.pl" "$n" > "$htdocs/page-$((n / 1000))K.html"
done
chmod -R a+rX "$htdocs"

rev=$(charter_revision "$charter")
granted=$(charter_optional "$charter")
{ [ -n "$rev" ] && [ -n "$granted" ]; } || die "no revision or no optional category in $charter"
cookie_name=$(sed -n 's/^  cookie:[[:space:]]*\([A-Za-z0-9_-]*\).*/\1/p' "$charter" | head -1)
cookie_name=${cookie_name:-cookies_preferences}

# Two charters that differ by their revision: graceful restarts alternate them.
cp "$charter" "$bench_work/charter-a.yaml"
sed "s/^revision:.*/revision: \"${rev}-b\"/" "$charter" > "$bench_work/charter-b.yaml"
cp "$bench_work/charter-a.yaml" "$bench_work/charter.yaml"
cp "$so" "$bench_work/mod_cookiecharter.so"
chmod 644 "$bench_work"/*.yaml

p_cc=$(pick_port 18181)
apache_conf cc "$p_cc" "$htdocs" "LoadModule cookiecharter_module $bench_work/mod_cookiecharter.so
CookieCharterFile $bench_work/charter.yaml
CookieCharterConsentLog $bench_work/cc/logs/consent.log
CookieCharter On"
start_apache cc
pid_cc=$started_pid
p_pl=$(pick_port $((p_cc + 1)))
apache_conf plain "$p_pl" "$htdocs" ""
start_apache plain
pid_pl=$started_pid

mix() {
    # The first request of each kind, as a check that the mix is what it says.
    local u=http://127.0.0.1:$1
    printf 'page %s, post %s, policy %s' \
        "$(curl -s -o /dev/null -w '%{http_code}' "$u/page-20K.html")" \
        "$(curl -s -o /dev/null -w '%{http_code}' -H 'Sec-Fetch-Site: same-origin' \
             --data 'choice=accept-all&return=/' "$u/cookiecharter/consent")" \
        "$(curl -s -o /dev/null -w '%{http_code}' "$u/cookiecharter/policy")"
}
say "cc: $(mix "$p_cc"); plain: $(mix "$p_pl")"

# run_wrk PORT SECONDS OUT: the mix, wrk's output in OUT.
run_wrk() {
    wrk -t"$wthreads" -c"$conns" -d"$2"s --timeout 10s -s "$here/load-mix.lua" \
        "http://127.0.0.1:$1/" -- "$rev" "$granted" "$cookie_name" > "$3" 2>&1 || {
        cat "$3" >&2
        die "wrk failed"
    }
}
# counts OUT: "errors N, 5xx N, statuses: CODE=N ..." from wrk's output.
sock_errors() {
    awk '/^errors connect/ { print $3 + $5 + $7 + $11 }' "$1"
}
count5xx() {
    awk '$1 == "status" && $2 >= 500 { n += $3 } END { print n + 0 }' "$1"
}
statuses() {
    awk '$1 == "status" { printf "%s=%s ", $2, $3 }' "$1" | sort
}
unexpected() {
    # $2: the expected codes, e.g. "200 303".
    awk -v ok=" $2 " '$1 == "status" && index(ok, " " $2 " ") == 0 { n += $3 } END { print n + 0 }' "$1"
}
crashes() {
    grep -cE 'exit signal|possible coredump|AH00052' "$bench_work/$1/logs/error_log" || true
}

# 1. Steady load with RSS sampling every second.
say "steady load: $conns connections for ${dur}s"
rss_log=$bench_work/rss.log
: > "$rss_log"
(
    for t in $(seq 0 $((dur + 1))); do
        echo "$t $(rss_kb "$pid_cc")" >> "$rss_log"
        sleep 1
    done
) &
sampler=$!
log_before=$(wc -l < "$bench_work/cc/logs/consent.log" 2>/dev/null || echo 0)
run_wrk "$p_cc" "$dur" "$bench_work/steady.out"
wait "$sampler" || true
log_after=$(wc -l < "$bench_work/cc/logs/consent.log" 2>/dev/null || echo 0)
rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$bench_work/steady.out")
reqs=$(sed -n 's/^ *\([0-9][0-9]*\) requests in .*/\1/p' "$bench_work/steady.out")
n303=$(awk '$1 == "status" && $2 == 303 { print $3 }' "$bench_work/steady.out")
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
rss_at() { awk -v t="$1" '$1 <= t { v = $2 } END { print v + 0 }' "$rss_log"; }
rss_start=$(rss_at 0)
rss_warm=$(rss_at "$warm")
rss_end=$(rss_at $((dur - 1)))
rss_max=$(awk -v w="$warm" -v d="$dur" '$1 >= w && $1 <= d && $2 > m { m = $2 } END { print m + 0 }' "$rss_log")
rss_min=$(awk -v w="$warm" -v d="$dur" '$1 >= w && $1 <= d && (m == "" || $2 < m) { m = $2 } END { print m + 0 }' "$rss_log")

# 2. Graceful restarts under load, ours then plain, same schedule.
# restarts NAME PID SECONDS: SIGUSR1 (apachectl -k graceful) every $every s,
# swapping the charter first for ours; prints how many were sent.
restarts() {
    local name=$1 pid=$2 secs=$3 n=0 k
    for k in $(seq 1 $(( (secs - 1) / every ))); do
        sleep "$every"
        if [ "$name" = cc ]; then
            if [ $((k % 2)) = 1 ]; then
                cp "$bench_work/charter-b.yaml" "$bench_work/charter.yaml.new"
            else
                cp "$bench_work/charter-a.yaml" "$bench_work/charter.yaml.new"
            fi
            mv "$bench_work/charter.yaml.new" "$bench_work/charter.yaml"
        fi
        kill -USR1 "$pid" 2>/dev/null && n=$((n + 1))
    done
    echo "$n"
}
declare -A r_n r_err r_5xx r_unexp r_stat r_rps r_crash
for name in cc plain; do
    if [ $name = cc ]; then pid=$pid_cc; port=$p_cc; ok="200 303"; else pid=$pid_pl; port=$p_pl; ok="200 404"; fi
    say "graceful restarts every ${every}s under load: $name, ${rdur}s"
    restarts "$name" "$pid" "$rdur" > "$bench_work/restarts.$name" &
    rp=$!
    run_wrk "$port" "$rdur" "$bench_work/restart.$name.out"
    wait "$rp" || true
    r_n[$name]=$(cat "$bench_work/restarts.$name")
    r_err[$name]=$(sock_errors "$bench_work/restart.$name.out")
    r_5xx[$name]=$(count5xx "$bench_work/restart.$name.out")
    r_unexp[$name]=$(unexpected "$bench_work/restart.$name.out" "$ok")
    r_stat[$name]=$(statuses "$bench_work/restart.$name.out" | tr '\n' ' ')
    r_rps[$name]=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$bench_work/restart.$name.out")
    r_crash[$name]=$(crashes "$name")
    kill -0 "$pid" 2>/dev/null || die "$name's server is gone after the restarts (see $bench_work/$name/logs/error_log)"
done
# The revision our server answers with now: the policy page's charter.json.
served_rev=$(curl -s "http://127.0.0.1:$p_cc/cookiecharter/charter.json" |
        sed -n 's/.*"revision": *"\([^"]*\)".*/\1/p' | head -1)

# 3. The report.
s_err=$(sock_errors "$bench_work/steady.out")
echo
echo "## mod_cookiecharter load run, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average before: $load_before"
echo
echo "wrk -t$wthreads -c$conns, bench/load-mix.lua; Apache event MPM ${APACHE_PROCS:-2}x$APACHE_THREADS threads."
echo
echo "| steady load | measured | expected |"
echo "|---|---:|---|"
echo "| duration | ${dur} s | - |"
echo "| requests (req/s) | $reqs ($rps) | - |"
echo "| socket errors (connect+read+write+timeout) | $s_err | 0 |"
echo "| statuses | $(statuses "$bench_work/steady.out" | tr '\n' ' ') | 200 and 303 only |"
echo "| unexpected statuses | $(unexpected "$bench_work/steady.out" "200 303") | 0 |"
echo "| consent log lines / 303 answers counted | $((log_after - log_before)) / ${n303:-0} | equal, but for posts in flight when wrk stops (at most $conns) |"
echo "| latency | $(sed -n 's/^latency //p' "$bench_work/steady.out") | - |"
echo "| children RSS at start | $(mb "$rss_start") MB | - |"
echo "| after ${warm} s warm-up | $(mb "$rss_warm") MB | - |"
echo "| at the end | $(mb "$rss_end") MB | flat after warm-up |"
echo "| lowest / highest after warm-up | $(mb "$rss_min") / $(mb "$rss_max") MB | - |"
echo "| growth from warm-up to end | $(mb $((rss_end - rss_warm))) MB | about 0 |"
echo "| crashes in the error log | $(crashes cc) | 0 |"
echo
echo "| graceful restarts every ${every} s under load (${rdur} s) | ours (charter swapped each time) | plain Apache |"
echo "|---|---:|---:|"
echo "| restarts | ${r_n[cc]} | ${r_n[plain]} |"
echo "| req/s | ${r_rps[cc]} | ${r_rps[plain]} |"
echo "| socket errors | ${r_err[cc]} | ${r_err[plain]} |"
echo "| 5xx | ${r_5xx[cc]} | ${r_5xx[plain]} |"
echo "| unexpected statuses (ours: not 200/303; plain: not 200/404) | ${r_unexp[cc]} | ${r_unexp[plain]} |"
echo "| statuses | ${r_stat[cc]} | ${r_stat[plain]} |"
echo "| crashes in the error log | ${r_crash[cc]} | ${r_crash[plain]} |"
echo
echo "Revision served after the last restart: ${served_rev:-?} (charters: $rev, ${rev}-b)."
verdict=ok
[ "$s_err" = 0 ] && [ "$(unexpected "$bench_work/steady.out" "200 303")" = 0 ] || verdict="NOT MET (steady phase)"
[ "${r_5xx[cc]}" = 0 ] || verdict="NOT MET (5xx during restarts)"
[ "${r_err[cc]}" -le "${r_err[plain]}" ] || verdict="NOT MET (more socket errors than plain: compare runs, restarts close keep-alive connections)"
echo "Verdict: $verdict. Load average after: $(cut -d' ' -f1-3 /proc/loadavg)."
