#!/bin/bash
# bench/run-html.sh: what the banner costs (issue 4), side by side in one run.
#
#   bench/run-html.sh [--short]
#
# Servers, all private, on 127.0.0.1 only, stopped by pid on exit:
#   apache-plain   Debian's apache2, event MPM, static files, no module
#   cc-banner      the same with mod_cookiecharter (CookieCharter On), no
#                  consent cookie: the banner is injected, the page scanned
#   cc-consent     the same, with a valid consent cookie granting every
#                  optional category (the banner comes out hidden)
#   substitute     apache-plain's server, mod_substitute injecting the same
#                  bytes before </body>
#   nginx-plain    Debian's nginx, static files
#   nginx-sub      nginx sub_filter injecting the same bytes before </body>
# over pages of about 2 KB, 20 KB, 200 KB and 2 MB (bench/gen-page.pl).
#
# Printed: req/s, p99 latency and each configuration's ratio to its plain
# server (wrk runs on the same cores, so it is often the bottleneck); the
# server's CPU time per response (utime+stime of all its processes from
# /proc, before and after each run, divided by the responses) and its
# difference to apache-plain in microseconds; the servers' RSS growth while
# one 200 MB page streams through each; a 20 MB page on one line; the
# scanner's speed (bench/scan-bench.sh). Then the issue's targets next to
# the measured values. Figures only: nothing here fails on a timing.
#
# Environment:
#   CC_BENCH_MODULE=SO      mod_cookiecharter.so to load (default: _work/build,
#                           else built in the work folder)
#   CC_BENCH_DURATION=4s    wrk duration per run (--short: 2s)
#   CC_BENCH_ROUNDS=3       rounds over every configuration, even rounds in
#                           reverse order (--short: 1);
#                           printed: the median of each figure, and for CPU
#                           the median of the per-round differences to the
#                           plain server (one noisy run does not decide)
#   CC_BENCH_THREADS=2 CC_BENCH_CONNS=32   wrk -t and -c
#   CC_BENCH_SIZES="2000 20000 200000 2000000"   page sizes in bytes
#   CC_BENCH_BIG=200000000  the streamed page (--short: 20000000)
#   CC_BENCH_ONELINE=20000000   the one-line page
#   CC_BENCH_CHARTER=FILE   charter (default conf/charter-demo.yaml)
#   CC_BENCH_NOMMAP=1       also cc-banner-nommap and cc-consent-nommap: our server
#                           with EnableMMAP Off (FILE buckets read in 8000-byte
#                           pieces instead of mapped: an mmap and munmap per
#                           response is what costs most on small pages)
#   APACHE_PROCS=2 APACHE_THREADS=32 NGINX_WORKERS=2   fixed server pools
#   CC_BENCH_KEEP=1         keep the work folder (configs, logs, pages)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
. "$here/lib.sh"

short=
[ "${1:-}" = --short ] && short=1
dur=${CC_BENCH_DURATION:-$([ -n "$short" ] && echo 2s || echo 4s)}
rounds=${CC_BENCH_ROUNDS:-$([ -n "$short" ] && echo 1 || echo 3)}
wt=${CC_BENCH_THREADS:-2}
wc=${CC_BENCH_CONNS:-32}
sizes=${CC_BENCH_SIZES:-2000 20000 200000 2000000}
big=${CC_BENCH_BIG:-$([ -n "$short" ] && echo 20000000 || echo 200000000)}
oneline=${CC_BENCH_ONELINE:-20000000}
charter=${CC_BENCH_CHARTER:-$bench_top/conf/charter-demo.yaml}

command -v wrk >/dev/null || die "wrk missing (apt-get install -y wrk)"
[ -x "$nginx" ] || die "nginx missing (apt-get install -y nginx)"
[ -x "$httpd" ] || die "apache2 missing"
[ -r "$charter" ] || die "no charter: $charter"

bench_init
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
so=$(find_module)
htdocs=$bench_work/htdocs

# 1. Pages. The same files serve the plain and the filtered URLs (/s/ holds
# hard links for the servers whose filter is bound to that location).
label() {
    local n=$1
    if [ "$n" -ge 1000000 ]; then echo "$((n / 1000000))M"; else echo "$((n / 1000))K"; fi
}
say "generating pages in $htdocs"
mkdir -p "$htdocs/s"
for n in $sizes; do
    perl "$here/gen-page.pl" "$n" > "$htdocs/page-$(label "$n").html"
done
perl "$here/gen-page.pl" "$big" > "$htdocs/big.html"
perl "$here/gen-page.pl" "$oneline" --one-line > "$htdocs/oneline.html"
for f in "$htdocs"/*.html; do
    ln "$f" "$htdocs/s/$(basename "$f")"
done
chmod -R a+rX "$htdocs"

# 2. Our server first: the bytes it injects become the other filters' text.
p_cc=$(pick_port 18081)
cp "$charter" "$bench_work/charter.yaml"
chmod 644 "$bench_work/charter.yaml"
cp "$so" "$bench_work/mod_cookiecharter.so"
apache_conf cc "$p_cc" "$htdocs" "LoadModule cookiecharter_module $bench_work/mod_cookiecharter.so
CookieCharterFile $bench_work/charter.yaml
CookieCharter On"
start_apache cc
pid_cc=$started_pid

rev=$(charter_revision "$charter")
granted=$(charter_optional "$charter")
[ -n "$granted" ] || die "the charter has no optional category: nothing to grant"
cookie_name=$(sed -n 's/^  cookie:[[:space:]]*\([A-Za-z0-9_-]*\).*/\1/p' "$charter" | head -1)
cookie="${cookie_name:-cookies_preferences}=$(consent_value "$rev" "$granted")"

first=$(label "${sizes%% *}")
curl -s --max-time 10 "http://127.0.0.1:$p_cc/page-$first.html" > "$bench_work/cc-page.html"
# The injected bytes: before </head>, and between <body ...> and the page's
# own first element.
perl -0777 -ne '
    my $head = /(<link rel="stylesheet" href="[^"]*cookiecharter[^>]*>.*?)<\/head>/s ? $1 : "";
    my $body = /<body class="page-article">(.*?)<header class="site-header">/s ? $1 : "";
    $body =~ s/\s+\z//;
    print $head, $body;' "$bench_work/cc-page.html" > "$bench_work/banner.html"
blen=$(wc -c < "$bench_work/banner.html")
grep -q 'id="cookiecharter-banner"' "$bench_work/banner.html" ||
    die "no banner in our server's page (see $bench_work/cc-page.html)"
say "injected by the module (head + banner): $blen bytes"
grep -q '[$]' "$bench_work/banner.html" && die "the banner holds a \$: nginx would read it as a variable"

# 3. apache-plain with mod_substitute on /s/, doing the same injection.
p_ap=$(pick_port $((p_cc + 1)))
subst=$(perl -0777 -pe 's/\\/\\\\/g; s/"/\\"/g; s/\n/ /g' "$bench_work/banner.html")
grep -q '|' "$bench_work/banner.html" && die "the banner holds a |, the Substitute delimiter"
apache_conf plain "$p_ap" "$htdocs" "LoadModule substitute_module $moddir/mod_substitute.so
<Location /s/>
    SetOutputFilter SUBSTITUTE
    Substitute \"s|</body>|$subst</body>|n\"
</Location>"
start_apache plain
pid_ap=$started_pid

# 4. nginx, plain on /, sub_filter on /s/. A configuration token is at most
# 4 KB in nginx: the text goes in through variables of 2,000 bytes.
p_ng=$(pick_port $((p_ap + 1)))
sets=
vars=
i=0
while read -r part; do
    i=$((i + 1))
    part=${part//\\/\\\\}
    part=${part//\'/\\\'}
    sets+="            set \$ccb$i '$part';"$'\n'
    vars+="\${ccb$i}"
done < <(tr '\n' ' ' < "$bench_work/banner.html" | fold -b -w 2000; echo)
nginx_conf nginx "$p_ng" "$htdocs" "        location /s/ {
$sets            sub_filter '</body>' '$vars</body>';
            sub_filter_once on;
        }"
start_nginx nginx
pid_ng=$started_pid

# Each configuration: server pid, URL prefix, extra wrk arguments.
configs=(apache-plain cc-banner cc-consent substitute nginx-plain nginx-sub)
declare -A cpid curlp
if [ -n "${CC_BENCH_NOMMAP:-}" ]; then
    p_nm=$(pick_port $((p_ng + 1)))
    apache_conf ccnm "$p_nm" "$htdocs" "LoadModule cookiecharter_module $bench_work/mod_cookiecharter.so
CookieCharterFile $bench_work/charter.yaml
CookieCharter On
EnableMMAP Off"
    start_apache ccnm
    pid_nm=$started_pid
    configs+=(cc-banner-nommap cc-consent-nommap)
    cpid[cc-banner-nommap]=$pid_nm
    cpid[cc-consent-nommap]=$pid_nm
    curlp[cc-banner-nommap]="http://127.0.0.1:$p_nm/"
    curlp[cc-consent-nommap]="http://127.0.0.1:$p_nm/"
fi
cpid+=([apache-plain]=$pid_ap [cc-banner]=$pid_cc [cc-consent]=$pid_cc [substitute]=$pid_ap
      [nginx-plain]=$pid_ng [nginx-sub]=$pid_ng)
curlp+=([apache-plain]="http://127.0.0.1:$p_ap/" [cc-banner]="http://127.0.0.1:$p_cc/"
       [cc-consent]="http://127.0.0.1:$p_cc/" [substitute]="http://127.0.0.1:$p_ap/s/"
       [nginx-plain]="http://127.0.0.1:$p_ng/" [nginx-sub]="http://127.0.0.1:$p_ng/s/")
plain_of() {
    case $1 in nginx-*) echo nginx-plain ;; *) echo apache-plain ;; esac
}
hdr() {
    case $1 in cc-consent*) printf '%s\n' -H "Cookie: $cookie" ;; esac
    return 0
}

# check CONFIG PAGE: one request; prints "status bytes injected(yes/no/hidden)".
check() {
    local c=$1 page=$2 out=$bench_work/check.html code inj=no args=()
    mapfile -t args < <(hdr "$c")
    code=$(curl -s -o "$out" -w '%{http_code}' --max-time 120 "${args[@]}" "${curlp[$c]}$page" || true)
    if grep -q 'id="cookiecharter-banner"[^>]* hidden' "$out"; then inj=hidden
    elif grep -q 'id="cookiecharter-banner"' "$out"; then inj=yes; fi
    echo "$code $(wc -c < "$out") $inj"
}

# ms VALUE: wrk's latency (us, ms or s) in milliseconds.
ms() {
    awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0;
                         else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

declare -A rps p99 cpu usr nerr bytes inj
declare -A rps_r p99_r cpu_r usr_r
# per_resp TICKS REQS: microseconds per response
per_resp() {
    awk -v d="$1" -v r="${2:-0}" -v hz="$clk_tck" \
        'BEGIN { if (r > 0) printf "%.1f", d * 1e6 / hz / r; else print "n/a" }'
}
run_one() {
    local c=$1 page=$2 round=$3 key="$1:$2" t0 t1 u0 u1 out reqs args=() chk
    mapfile -t args < <(hdr "$c")
    chk=$(check "$c" "$page")
    bytes[$key]=$(echo "$chk" | cut -d' ' -f2)
    inj[$key]=$(echo "$chk" | cut -d' ' -f3)
    [ "$(echo "$chk" | cut -d' ' -f1)" = 200 ] || say "warning: $c $page answered $chk"
    # A short warm-up, then the measured run.
    wrk -t"$wt" -c"$wc" -d1s "${args[@]}" "${curlp[$c]}$page" >/dev/null 2>&1 || true
    read -r t0 u0 < <(cpu_ticks "${cpid[$c]}")
    out=$(wrk -t"$wt" -c"$wc" -d"$dur" --timeout 10s --latency "${args[@]}" "${curlp[$c]}$page" 2>&1) ||
        die "wrk failed: $out"
    read -r t1 u1 < <(cpu_ticks "${cpid[$c]}")
    reqs=$(echo "$out" | sed -n 's/^ *\([0-9][0-9]*\) requests in .*/\1/p')
    rps_r[$key:$round]=$(echo "$out" | sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p')
    p99_r[$key:$round]=$(ms "$(echo "$out" | awk '$1 == "99%" { print $2 }')")
    nerr[$key]=$(( ${nerr[$key]:-0} + $(echo "$out" | awk '/Non-2xx/ { n += $NF } /Socket errors/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }') ))
    cpu_r[$key:$round]=$(per_resp "$((t1 - t0))" "$reqs")
    usr_r[$key:$round]=$(per_resp "$((u1 - u0))" "$reqs")
    say "$(printf 'round %s %-13s %-12s %9s req/s  p99 %8s ms  %8s us CPU/resp' "$round" "$c" "$page" "${rps_r[$key:$round]}" "${p99_r[$key:$round]}" "${cpu_r[$key:$round]}")"
}

# median VALUE...: the median of the numbers given ("n/a" when none).
median() {
    printf '%s\n' "$@" | grep -E '^[-+]?[0-9.]+$' | sort -g |
        awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a";
                                   else if (NR % 2) print v[(NR + 1) / 2];
                                   else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# diffs KEY PAGE ARRAY: each round's difference of ARRAY[KEY:round] to
# apache-plain's in that round.
diffs() {
    local -n arr=$3
    local round
    for round in $(seq 1 "$rounds"); do
        awk -v a="${arr[$1:$round]}" -v b="${arr[apache-plain:$2:$round]}" \
            'BEGIN { if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/) printf "%.1f\n", a - b; else print "n/a" }'
    done
}

# Rounds: every configuration once per round, so that plain and filtered
# runs of a round share the machine's state of the moment. Even rounds run
# them in reverse order: a machine that speeds up or slows down during a
# round then favours neither the first configurations nor the last.
declare -A cpu_d usr_d
order_rev=()
for ((i = ${#configs[@]} - 1; i >= 0; i--)); do order_rev+=("${configs[$i]}"); done
for round in $(seq 1 "$rounds"); do
    for n in $sizes; do
        page=page-$(label "$n").html
        if [ $((round % 2)) = 1 ]; then order=("${configs[@]}"); else order=("${order_rev[@]}"); fi
        for c in "${order[@]}"; do
            run_one "$c" "$page" "$round"
        done
    done
done
for n in $sizes; do
    page=page-$(label "$n").html
    for c in "${configs[@]}"; do
        k=$c:$page
        vals=(); for round in $(seq 1 "$rounds"); do vals+=("${rps_r[$k:$round]}"); done
        rps[$k]=$(median "${vals[@]}")
        vals=(); for round in $(seq 1 "$rounds"); do vals+=("${p99_r[$k:$round]}"); done
        p99[$k]=$(median "${vals[@]}")
        vals=(); for round in $(seq 1 "$rounds"); do vals+=("${cpu_r[$k:$round]}"); done
        cpu[$k]=$(median "${vals[@]}")
        vals=(); for round in $(seq 1 "$rounds"); do vals+=("${usr_r[$k:$round]}"); done
        usr[$k]=$(median "${vals[@]}")
        mapfile -t vals < <(diffs "$k" "$page" cpu_r)
        cpu_d[$k]=$(median "${vals[@]}")
        cpu_d[$k:all]=$(printf '%s ' "${vals[@]}")
        mapfile -t vals < <(diffs "$k" "$page" usr_r)
        usr_d[$k]=$(median "${vals[@]}")
    done
done

# 5. RSS while one big page streams through each server (curl to
# /dev/null, the children's VmRSS and RssAnon sampled every 50 ms).
declare -A rss_vm rss_anon big_code big_bytes
stream_rss() {
    local c=$1 page=$2 key=$1:$2 pid=${cpid[$1]} b_vm b_an m_vm m_an v a cp args=() f
    mapfile -t args < <(hdr "$c")
    f=$bench_work/stream.out
    sleep 0.5
    b_vm=$(rss_kb "$pid"); b_an=$(rss_kb "$pid" RssAnon)
    m_vm=$b_vm; m_an=$b_an
    curl -s -o "$f" -w '%{http_code} %{size_download}\n' --max-time 300 "${args[@]}" \
        "${curlp[$c]}$page" > "$bench_work/stream.code" &
    cp=$!
    while kill -0 "$cp" 2>/dev/null; do
        v=$(rss_kb "$pid"); a=$(rss_kb "$pid" RssAnon)
        [ "$v" -gt "$m_vm" ] && m_vm=$v
        [ "$a" -gt "$m_an" ] && m_an=$a
        sleep 0.05
    done
    wait "$cp" || true
    rss_vm[$key]=$(awk -v k=$((m_vm - b_vm)) 'BEGIN { printf "%.1f", k / 1024 }')
    rss_anon[$key]=$(awk -v k=$((m_an - b_an)) 'BEGIN { printf "%.1f", k / 1024 }')
    read -r "big_code[$key]" "big_bytes[$key]" < "$bench_work/stream.code"
    if grep -q 'id="cookiecharter-banner"[^>]* hidden' "$f"; then inj[$key]=hidden
    elif grep -q 'id="cookiecharter-banner"' "$f"; then inj[$key]=yes; else inj[$key]=no; fi
    rm -f "$f"
    say "$(printf '%-13s %-12s status %s, %s bytes, RSS +%s MB (anonymous +%s MB)' "$c" "$page" \
        "${big_code[$key]}" "${big_bytes[$key]}" "${rss_vm[$key]}" "${rss_anon[$key]}")"
}
for c in "${configs[@]}"; do
    stream_rss "$c" big.html
done
for c in "${configs[@]}"; do
    stream_rss "$c" oneline.html
done

# 6. The scanner alone.
say "bench/scan-bench.sh (generated pages, then our 2 MB page)"
scan_out=$(sh "$here/scan-bench.sh" 2>&1 || true)
last=$(label "${sizes##* }")
scan_ours=$(sh "$here/scan-bench.sh" "$htdocs/page-$last.html" 2>&1 || true)

# 7. The report.
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0 && a != "") printf "%.2f", a / b; else print "n/a" }'
}
signed() {
    awk -v a="$1" 'BEGIN { if (a == "n/a" || a == "") print "n/a"; else printf "%+.1f", a }'
}
echo
echo "## mod_cookiecharter HTML bench, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average before: $load_before"
echo
echo "wrk -t$wt -c$wc -d$dur; Apache event MPM ${APACHE_PROCS:-2}x${APACHE_THREADS:-32} threads; nginx ${NGINX_WORKERS:-2} workers;"
echo "injected text $blen bytes; consent cookie grants $granted; CPU = server utime+stime per response,"
echo "user = utime alone (the module's work is user space; the kernel's is the same system calls as plain)."
echo "$rounds round(s); req/s, p99 and CPU: medians over the rounds; vs apache-plain: the median of each"
echo "round's difference to apache-plain in that round (the rounds' differences in the last column)."
echo
echo "| page | configuration | bytes out | banner | req/s | p99 ms | ratio to plain | CPU us/resp | vs apache-plain us | each round | user us/resp | user vs plain us |"
echo "|---|---|---:|---|---:|---:|---:|---:|---:|---|---:|---:|"
for n in $sizes; do
    page=page-$(label "$n").html
    for c in "${configs[@]}"; do
        k=$c:$page
        pk=$(plain_of "$c"):$page
        echo "| $(label "$n") | $c | ${bytes[$k]} | ${inj[$k]} | ${rps[$k]} | ${p99[$k]} | $(ratio "${rps[$k]}" "${rps[$pk]}") | ${cpu[$k]} | $(signed "${cpu_d[$k]}") | ${cpu_d[$k:all]}| ${usr[$k]} | $(signed "${usr_d[$k]}") |"
    done
done
errs=0
for k in "${!nerr[@]}"; do errs=$((errs + nerr[$k])); done
echo
echo "Non-2xx responses and socket errors over all runs: $errs"
echo
echo "RSS growth: the highest total VmRSS (and RssAnon) of the server's children while the page streams, less"
echo "before. VmRSS counts the file pages httpd maps (EnableMMAP On: a window of up to 4 MiB); RssAnon is the heap."
echo
echo "| streamed page | configuration | status | bytes received | banner | RSS growth MB | anonymous RSS growth MB |"
echo "|---|---|---:|---:|---|---:|---:|"
for p in big.html oneline.html; do
    sz=$(wc -c < "$htdocs/$p")
    name="$(label "$sz") $([ $p = oneline.html ] && echo 'one line' || echo 'lines')"
    for c in "${configs[@]}"; do
        k=$c:$p
        echo "| $name | $c | ${big_code[$k]} | ${big_bytes[$k]} | ${inj[$k]} | ${rss_vm[$k]} | ${rss_anon[$k]} |"
    done
done
echo
echo "Scanner (bench/scan-bench.sh, its own pages):"
echo '```'
echo "$scan_out" | grep -v '^$'
echo '```'
echo "Scanner on this bench's $(label "${sizes##* }") page:"
echo '```'
echo "$scan_ours" | grep -v '^$'
echo '```'

# Targets: the issue's figures next to ours.
pages=()
for n in $sizes; do pages+=("page-$(label "$n").html"); done
declare -A issue_sub=([2K]=0.62 [20K]=0.33 [200K]=0.10 [2M]=0.07)
declare -A issue_ngx=([2K]=0.63 [20K]=0.28 [200K]=0.01 [2M]=0.23)
pname() { local q=${1#page-}; echo "${q%.html}"; }
yn() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { if (v == "n/a" || v == "") print "n/a";
        else if ((op == "<=" && v + 0 <= t) || (op == ">=" && v + 0 >= t) || (op == "<" && v + 0 < t)) print "yes"; else print "no" }'; }
echo
echo "| target (issue 4) | page | issue's figure / target | measured here | met |"
echo "|---|---|---:|---:|---|"
for p in "${pages[@]}"; do
    echo "| mod_substitute req/s ratio to plain (reference) | $(pname "$p") | ${issue_sub[$(pname "$p")]:--} | $(ratio "${rps[substitute:$p]}" "${rps[apache-plain:$p]}") | - |"
    echo "| nginx sub_filter req/s ratio to plain (reference) | $(pname "$p") | ${issue_ngx[$(pname "$p")]:--} | $(ratio "${rps[nginx-sub:$p]}" "${rps[nginx-plain:$p]}") | - |"
    echo "| ours, banner, req/s ratio to plain | $(pname "$p") | - | $(ratio "${rps[cc-banner:$p]}" "${rps[apache-plain:$p]}") | - |"
    echo "| ours, all granted, req/s ratio to plain | $(pname "$p") | - | $(ratio "${rps[cc-consent:$p]}" "${rps[apache-plain:$p]}") | - |"
done
# cpu_targets SUFFIX WHAT: the CPU rows of cc-consentSUFFIX and cc-bannerSUFFIX.
cpu_targets() {
    local sfx=$1 what=$2 p d t m
    for p in "${pages[@]}"; do
        d=$(signed "${cpu_d[cc-consent$sfx:$p]}")
        echo "| ours, all granted$what: server CPU per response over plain | $(pname "$p") | <= +3 us | $d us (user $(signed "${usr_d[cc-consent$sfx:$p]}")) | $(yn "$d" 3 '<=') |"
    done
    for p in "${pages[@]}"; do
        d=$(signed "${cpu_d[cc-banner$sfx:$p]}")
        t='-'; m='-'
        case $p in *-20K.html) t='<= +10 us'; m=$(yn "$d" 10 '<=') ;; esac
        echo "| ours, banner$what, whole page scanned: CPU per response over plain | $(pname "$p") | $t | $d us | $m |"
    done
}
cpu_targets "" ""
if [ -n "${CC_BENCH_NOMMAP:-}" ]; then
    cpu_targets -nommap ", EnableMMAP Off"
fi
gbs=$(echo "$scan_ours" | sed -n 's/^ *rewriter, 8000-byte feed: *\([0-9.]*\) GB\/s.*/\1/p' | head -1)
echo "| scanner: the rewriter fed 8000-byte chunks of the bench's page | - | >= 2.5 GB/s | ${gbs:-n/a} GB/s | $(yn "${gbs:-n/a}" 2.5 '>=') |"
gbs=$(echo "$scan_ours" | sed -n 's/^ *scanner alone: *\([0-9.]*\) GB\/s.*/\1/p' | head -1)
echo "| scanner alone on the bench's page | - | >= 2.5 GB/s | ${gbs:-n/a} GB/s | $(yn "${gbs:-n/a}" 2.5 '>=') |"
worst=0
worst_vm=0
for c in cc-banner cc-consent; do
    v=${rss_anon[$c:big.html]:-n/a}
    [ "$v" != n/a ] && worst=$(awk -v a="$worst" -v b="$v" 'BEGIN { print (b > a) ? b : a }')
    v=${rss_vm[$c:big.html]:-n/a}
    [ "$v" != n/a ] && worst_vm=$(awk -v a="$worst_vm" -v b="$v" 'BEGIN { print (b > a) ? b : a }')
done
echo "| ours: RSS growth while $(label "$(wc -c < "$htdocs/big.html")") streams: anonymous (total with the mapped file) | - | < 4 MB | $worst MB ($worst_vm MB) | $(yn "$worst" 4 '<') |"
ok=no
[ "${big_code[cc-banner:oneline.html]}" = 200 ] &&
    [ "${big_bytes[cc-banner:oneline.html]}" -gt "$(wc -c < "$htdocs/oneline.html")" ] && ok=yes
echo "| ours: the $(label "$(wc -c < "$htdocs/oneline.html")") one-line page streams with the banner | - | yes | ${big_code[cc-banner:oneline.html]}, ${big_bytes[cc-banner:oneline.html]} bytes | $ok |"
echo "| mod_substitute on the one-line page (reference) | - | - | ${big_code[substitute:oneline.html]}, ${big_bytes[substitute:oneline.html]} bytes | - |"
echo
sub_err=$(grep -m1 -i 'substitute' "$bench_work/plain/logs/error_log" | sed 's/^\[[^]]*\] //' | cut -c1-200 || true)
echo "mod_substitute's error log on the one-line page: ${sub_err:-(nothing)}"
echo
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg). Timings on shared cores are noisy: compare runs, not single figures."
