#!/bin/bash
# Configuration tests: `httpd -t` with CookieCharterFile on each charter of
# tests/charters/bad must fail and print the line "ABSPATH:LINE:COLUMN:"
# with the message of tests/charters/bad/expected.tsv; the reference and
# demo charters must pass; bad directive values and CookieCharter On without
# a charter must fail `httpd -t` too, and in .htaccess give a 500 that says
# why (a private server on a random loopback port, stopped by its pid).
# Never touches the system's configuration: every
# run has its own ServerRoot and a minimal httpd.conf.
#   tests/config/run.sh MODULE_SO HTTPD
# make's check-local runs us with $(SHELL), which is /bin/sh: switch to bash.
if [ -z "${BASH_VERSION:-}" ]; then exec bash "$0" "$@"; fi
set -uo pipefail

die() { echo "tests/config/run.sh: $*" >&2; exit 2; }

[ $# -eq 2 ] || die "usage: $0 MODULE_SO HTTPD"
so=$1
httpd=$2
[ -r "$so" ] || die "module not found: $so (build it first: make)"
[ -x "$httpd" ] || die "httpd not found: $httpd"
case $so in /*) ;; *) so=$(pwd)/$so ;; esac

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
bad=$top/tests/charters/bad

# The MPM comes from the modules folder of the httpd we build for.
moddir=
if apxs=$(command -v apxs || command -v apxs2); then
    moddir=$("$apxs" -q LIBEXECDIR 2>/dev/null || true)
fi
[ -n "$moddir" ] && [ -d "$moddir" ] || moddir=/usr/lib/apache2/modules
mpm=$moddir/mod_mpm_event.so
[ -r "$mpm" ] || die "no mod_mpm_event.so in $moddir"

work=$(mktemp -d "${TMPDIR:-/tmp}/cc-config-test.XXXXXX") || die "mktemp failed"
trap 'rm -rf "$work"' EXIT

passed=0
failed=0
ok()   { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

# Writes $work/httpd.conf for one charter path (as written in the
# directive) and runs `httpd -t`; sets $status and $output.
run_t() {
    cat > "$work/httpd.conf" <<CONF
ServerRoot "$work"
ServerName localhost
PidFile "$work/httpd.pid"
ErrorLog "$work/error.log"
Listen 127.0.0.1:18999
LoadModule mpm_event_module "$mpm"
LoadModule cookiecharter_module "$so"
CookieCharterFile "$1"
CONF
    output=$(timeout 60 "$httpd" -t -f "$work/httpd.conf" -d "$work" 2>&1)
    status=$?
}

# Does $output have a line starting with $1 and containing $2?
has_line() {
    local line
    while IFS= read -r line; do
        if [[ $line == "$1"*"$2"* ]]; then
            return 0
        fi
    done <<< "$output"
    return 1
}

expect_error() {    # PATH-IN-DIRECTIVE ABSPATH LINE COLUMN MESSAGE
    run_t "$1"
    if [ "$status" -eq 0 ]; then
        fail "$2: httpd -t passed"
    elif ! has_line "$2:$3:$4: " "$5"; then
        fail "$2: no line \"$2:$3:$4: ...$5...\" in:"
        printf '%s\n' "$output" | sed 's/^/    /' | head -20
    else
        ok
    fi
}

expect_ok() {       # PATH-IN-DIRECTIVE
    run_t "$1"
    if [ "$status" -ne 0 ] || ! has_line "Syntax OK" ""; then
        fail "$1: httpd -t failed (status $status):"
        printf '%s\n' "$output" | sed 's/^/    /' | head -20
    else
        ok
    fi
}

# Every bad charter of the manifest.
[ -r "$bad/expected.tsv" ] || die "no $bad/expected.tsv"
while IFS=$'\t' read -r file line col msg; do
    case $file in ''|'#'*) continue ;; esac
    expect_error "$bad/$file" "$bad/$file" "$line" "$col" "$msg"
done < "$bad/expected.tsv"

# File-level errors, at 0:0.
expect_error "$work/missing.yaml" "$work/missing.yaml" 0 0 "cannot read the charter"
mkdir "$work/adir"
expect_error "$work/adir" "$work/adir" 0 0 "is a directory"
truncate -s $((32 * 1024 * 1024 + 1)) "$work/big.yaml"   # sparse: no 32 MiB written
expect_error "$work/big.yaml" "$work/big.yaml" 0 0 "larger than 32 MiB"
rm -f "$work/big.yaml"

# The shipped charters pass, also through a path relative to ServerRoot.
expect_ok "$top/conf/charter-reference.yaml"
expect_ok "$top/conf/charter-demo.yaml"
cp "$top/conf/charter-demo.yaml" "$work/relative.yaml"
expect_ok "relative.yaml"
# ... and a relative path's errors name the absolute file.
cp "$bad/unknown-category.yaml" "$work/relative-bad.yaml"
expect_error "relative-bad.yaml" "$work/relative-bad.yaml" 13 15 "unknown category 'essential'"

# Directive values and rules that span directives, seen by `httpd -t` too.
run_conf() {        # extra config lines; sets $status and $output
    cat > "$work/httpd.conf" <<CONF
ServerRoot "$work"
ServerName localhost
PidFile "$work/httpd.pid"
ErrorLog "$work/error.log"
Listen 127.0.0.1:18999
LoadModule mpm_event_module "$mpm"
LoadModule cookiecharter_module "$so"
$1
CONF
    output=$(timeout 60 "$httpd" -t -f "$work/httpd.conf" -d "$work" 2>&1)
    status=$?
}
expect_conf_error() {   # WHAT CONFIG MESSAGE
    run_conf "$2"
    if [ "$status" -eq 0 ] || [[ $output != *"$3"* ]]; then
        fail "$1: httpd -t status $status, no \"$3\" in:"
        printf '%s\n' "$output" | sed 's/^/    /' | head -10
    else
        ok
    fi
}
demo=$top/conf/charter-demo.yaml
expect_conf_error "CookieCharter On without a charter" \
    "CookieCharter On" "without a CookieCharterFile"
expect_conf_error "CookieCharter On in a <Location> without a charter" \
    "<Location /x>
CookieCharter On
</Location>" "without a CookieCharterFile"
expect_conf_error "CookieCharterMode" \
    "CookieCharterFile $demo
CookieCharterMode bogus" "must be enforce or report"
expect_conf_error "CookieCharterUndeclared" \
    "CookieCharterFile $demo
CookieCharterUndeclared maybe" "must be block or allow"
expect_conf_error "CookieCharterPath" \
    "CookieCharterFile $demo
CookieCharterPath cookiecharter" "must be a URL path"
expect_conf_error "CookieCharterFile twice" \
    "CookieCharterFile $demo
CookieCharterFile $demo" "given twice"
expect_conf_error "CookieCharterConsentLog" \
    'CookieCharterFile '"$demo"'
CookieCharterConsentLog "|"' "needs a file"
expect_conf_error "CookieCharterFile in a <Directory>" \
    "<Directory /tmp>
CookieCharterFile $demo
</Directory>" "not allowed"

# In .htaccess, CookieCharter On cannot be checked at start-up: without a
# charter for the host, the request is a 500 and the error log says why.
if [ "$(id -u)" = 0 ]; then user_lines="User nobody
Group nogroup"; else user_lines=; fi
chmod 755 "$work"
mkdir -p "$work/htdocs"
echo '<p>x</p>' > "$work/htdocs/index.html"
echo 'CookieCharter On' > "$work/htdocs/.htaccess"
chmod -R a+rX "$work/htdocs"
htaccess_ok=
for attempt in 1 2 3; do
    port=$((20000 + RANDOM % 20000))
    cat > "$work/httpd.conf" <<CONF
ServerRoot "$work"
ServerName localhost
PidFile "$work/httpd.pid"
ErrorLog "$work/error.log"
Listen 127.0.0.1:$port
LoadModule mpm_event_module "$mpm"
LoadModule cookiecharter_module "$so"
LoadModule authz_core_module "$moddir/mod_authz_core.so"
$user_lines
DocumentRoot "$work/htdocs"
<Directory "$work/htdocs">
    AllowOverride FileInfo
    Require all granted
</Directory>
CONF
    : > "$work/error.log"
    "$httpd" -f "$work/httpd.conf" -d "$work" -k start 2>/dev/null || continue
    code=
    for _ in $(seq 1 50); do
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port/index.html") && [ "$code" != 000 ] && break
        sleep 0.1
    done
    [ -s "$work/httpd.pid" ] && kill "$(cat "$work/httpd.pid")" 2>/dev/null
    for _ in $(seq 1 50); do [ -e "$work/httpd.pid" ] || break; sleep 0.1; done
    if [ "$code" = 500 ] && grep -q "no CookieCharterFile for this virtual host" "$work/error.log"; then
        htaccess_ok=1
    else
        echo "    .htaccess: status $code; error log:"; sed 's/^/    /' "$work/error.log" | tail -5
    fi
    break
done
if [ -n "$htaccess_ok" ]; then ok; else fail ".htaccess CookieCharter On without a charter: not a 500 saying why"; fi

echo "config: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
