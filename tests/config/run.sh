#!/bin/bash
# Configuration tests: `httpd -t` with CookieCharterFile on each charter of
# tests/charters/bad must fail and print the line "ABSPATH:LINE:COLUMN:"
# with the message of tests/charters/bad/expected.tsv; the reference and
# demo charters must pass. Never touches the system's configuration: every
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

echo "config: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
