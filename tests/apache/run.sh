#!/bin/bash
# Runs the Apache::Test suite against a real httpd loading the freshly built
# module.  Usage:
#   tests/apache/run.sh MODULE_SO HTTPD [APXS] [TEST...]
# TEST: optional .t files or topic folders, relative to tests/apache
# (e.g. smoke/smoke.t or smoke); default: every .t outside pending/.
#
# Environment:
#   CC_ATEST_PENDING=1  also run pending/ (tests waiting for a feature)
#   CC_ATEST_KEEP=1     keep the work folder even when everything passed
#   CC_ATEST_USER=name  unprivileged user to run as when root (default nobody)
#   CC_ATEST_MODDIR=dir httpd's module folder (default /usr/lib/apache2/modules)
#   TMPDIR=dir          where the work folder goes (default /tmp)
#   CC_ATEST_TIMEOUT=s  limit for the whole Apache::Test run (default 600)
#
# Why the detours (see docs/testing.md, "Apache::Test traps"):
# - as root Apache::Test refuses to run and still exits 0, and its configure
#   failures exit 0 too: we run as an unprivileged user and trust only the
#   "Result: PASS" line, never the exit status;
# - /root is drwx------ and Apache::Test writes into its t/ folder: we run
#   from a copy under a fresh /tmp folder, named t as Apache::Test wants;
# - by default Apache::Test inherits the host's mods-enabled (mod_perl...):
#   we pass a base config of our own with -httpd_conf;
# - skipped tests count as a pass for Apache::Test: we refuse any skip.
# make's check-local runs us with $(SHELL), which is /bin/sh: switch to bash.
if [ -z "${BASH_VERSION:-}" ]; then exec bash "$0" "$@"; fi
set -euo pipefail

die() { echo "tests/apache/run.sh: $*" >&2; exit 1; }

[ $# -ge 2 ] || die "usage: $0 MODULE_SO HTTPD [APXS] [TEST...]"
so=$1
httpd=$2
apxs=${3:-}
shift 2
[ $# -gt 0 ] && shift
[ -n "$apxs" ] || apxs=$(command -v apxs || command -v apxs2 || true)

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
moddir=${CC_ATEST_MODDIR:-/usr/lib/apache2/modules}

[ -r "$so" ] || die "module not found: $so (build it first: make)"
[ -x "$httpd" ] || die "httpd not found or not executable: $httpd"
[ -n "$apxs" ] && [ -x "$apxs" ] || die "apxs not found (Debian: apache2-dev)"
[ -d "$moddir" ] || die "httpd module folder not found: $moddir"
for c in charter-demo.yaml charter-reference.yaml; do
    [ -r "$top/conf/$c" ] || die "a charter the suite loads is missing: $top/conf/$c"
done
perl -MApache::TestRun -e 1 2>/dev/null ||
    die "Apache::Test missing (Debian: libapache2-mod-perl2; tools/install-deps installs it)"
perl -MLWP::UserAgent -e 1 2>/dev/null || die "LWP missing (Debian: libwww-perl)"

user=$(id -un)
if [ "$(id -u)" = 0 ]; then
    user=${CC_ATEST_USER:-nobody}
    id "$user" >/dev/null 2>&1 || die "user $user does not exist"
fi

# A world-traversable work folder: the unprivileged user must reach it.
work=$(mktemp -d "${TMPDIR:-/tmp}/cc-atest.XXXXXX")
chmod 755 "$work"
t=$work/t
log=$work/test.log

# Stop our server whatever happens: by Apache::Test first, then by pid.
stop_server() {
    if [ -f "$t/TEST.PL" ] && [ -f "$t/conf/apache_test_config.pm" ]; then
        (cd "$work" && as_user perl t/TEST.PL -stop >/dev/null 2>&1) || true
    fi
    local pidfile=$t/logs/httpd.pid pid i
    if [ -f "$pidfile" ]; then
        pid=$(cat "$pidfile" 2>/dev/null || true)
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
            for i in $(seq 1 50); do
                kill -0 "$pid" 2>/dev/null || break
                sleep 0.1
            done
            kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
}

# as_user [-t SECONDS] COMMAND...: run as the unprivileged user, with a clean
# environment, optionally under a time limit (Apache::Test has none: a test
# that hangs would hang make check).
as_user() {
    local limit=()
    if [ "$1" = -t ]; then
        limit=(timeout -k 10 "$2")
        shift 2
    fi
    local envs=(env -i PATH=/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin
                HOME="$work" LANG=C.UTF-8 PERL5LIB="$t/lib" TMPDIR="$work/tmp")
    if [ "$(id -u)" = 0 ]; then
        "${limit[@]}" runuser -u "$user" -- "${envs[@]}" "$@"
    else
        "${limit[@]}" "${envs[@]}" "$@"
    fi
}

finish() {
    local rc=$?
    stop_server
    if [ $rc -eq 0 ] && [ -z "${CC_ATEST_KEEP:-}" ]; then
        rm -rf "$work"
    else
        echo "tests/apache/run.sh: work folder kept: $work (error log: $t/logs/error_log)"
    fi
    exit $rc
}
trap finish EXIT
trap 'exit 130' INT TERM

# The suite, copied to WORK/t (Apache::Test wants its folder named t).
cp -a "$here" "$t"
rm -f "$t/run.sh"
if [ -n "${CC_ATEST_PENDING:-}" ]; then
    # Pending tests and their config join the suite for this run.
    for f in "$t"/pending/*.conf.in; do
        [ -e "$f" ] && mv "$f" "$t/conf/pending-$(basename "$f")"
    done
else
    rm -rf "$t/pending"
fi
mkdir -p "$t/modules" "$t/cache" "$work/tmp"
cp "$so" "$t/modules/mod_cookiecharter.so"
chmod 644 "$t/modules/mod_cookiecharter.so"
# Charters: ours from conf/ and the test ones from tests/charters/, relative
# to ServerRoot (t) as conf/NAME.yaml and charters/NAME.yaml.
cp "$top"/conf/*.yaml "$t/conf/"
if [ -d "$top/tests/charters" ]; then
    mkdir -p "$t/charters"
    cp -a "$top/tests/charters/." "$t/charters/"
fi
# The HTML corpus of the core's tests, served as html/corpus/ (one copy in
# the tree, so the two suites can never drift apart).
mkdir -p "$t/htdocs/html/corpus"
cp -a "$top/tests/corpus/html/." "$t/htdocs/html/corpus/"
# The proxied backends serve the very page the html tests compare with.
mkdir -p "$t/htdocs/html/backend/cacheable"
cp "$t/htdocs/html/page.html" "$t/htdocs/html/backend/page.html"
cp "$t/htdocs/html/page.html" "$t/htdocs/html/backend/cacheable/page.html"

# Our base config: Apache::Test inherits exactly these LoadModule lines and
# nothing from /etc/apache2.
{
    echo "# Generated by tests/apache/run.sh: the modules the suite needs."
    for m in mpm_event authz_core authz_host authn_core access_compat mime alias dir env \
             setenvif headers cgid include deflate filter proxy proxy_http rewrite \
             cache cache_disk bucketeer substitute socache_shmcb ssl status; do
        f=$moddir/mod_$m.so
        [ -r "$f" ] || die "httpd module missing: $f"
        echo "LoadModule ${m}_module $f"
    done
    echo "LoadModule cookiecharter_module $t/modules/mod_cookiecharter.so"
    echo "TypesConfig /etc/mime.types"
} > "$work/base.conf"
[ -r /etc/mime.types ] || sed -i '/^TypesConfig/d' "$work/base.conf"

if [ "$(id -u)" = 0 ]; then
    chown -R "$user:$(id -gn "$user")" "$work"
fi

tests=()
for a in "$@"; do
    tests+=("t/${a#t/}")
done

echo "tests/apache/run.sh: $httpd, module $so, as $user in $work"
set +e
limit=${CC_ATEST_TIMEOUT:-600}
(cd "$work" && as_user -t "$limit" perl t/TEST.PL -httpd_conf "$work/base.conf" \
    -httpd "$httpd" -apxs "$apxs" -port select -verbose "${tests[@]}") 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
    echo "tests/apache/run.sh: FAIL: the suite did not finish within ${limit}s (CC_ATEST_TIMEOUT)"
    echo "FAIL: timeout" >> "$log"
fi

fail=0
if ! grep -q '^Result: PASS' "$log"; then
    echo "tests/apache/run.sh: FAIL: no 'Result: PASS' line"
    fail=1
fi
if grep -Eq '\.\. skipped|^ok [0-9]+ .*# (skip|SKIP)|# TODO' "$log"; then
    echo "tests/apache/run.sh: FAIL: skipped or TODO tests (a skip is a failure here):"
    grep -E '\.\. skipped|^ok [0-9]+ .*# (skip|SKIP)|# TODO' "$log" | sed 's/^/    /'
    fail=1
fi
files=$(sed -n 's/^Files=\([0-9]*\),.*/\1/p' "$log" | tail -1)
if [ -z "$files" ] || [ "$files" -lt 1 ]; then
    echo "tests/apache/run.sh: FAIL: no test file ran"
    fail=1
fi
if [ -f "$t/logs/error_log" ] &&
   grep -E 'exit signal|possible coredump' "$t/logs/error_log" >"$work/crashes"; then
    echo "tests/apache/run.sh: FAIL: httpd crashed:"
    sed 's/^/    /' "$work/crashes" | head -20
    fail=1
fi
if find "$work" -name 'core' -o -name 'core.[0-9]*' | grep -q .; then
    echo "tests/apache/run.sh: FAIL: core dump found:"
    find "$work" -name 'core' -o -name 'core.[0-9]*' | sed 's/^/    /'
    fail=1
fi
if [ $fail -eq 0 ]; then
    echo "tests/apache/run.sh: PASS ($files test files)"
fi
exit $fail
