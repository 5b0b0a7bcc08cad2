#!/bin/sh
# Browser tests of the banner: tests/browser/run.sh MODULE_SO HTTPD [FIXTURE]
# (make check-browser passes all three). Uses the system Chromium
# (/usr/bin/chromium) through playwright-core; never downloads a browser.
# The static tests need FIXTURE (cc_render_fixture, built by make
# check-browser); the httpd tests need MODULE_SO and HTTPD.
# CC_SCREENSHOTS=1 also refreshes docs/screenshots/*.png.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
module=${1:-}
httpd=${2:-}
fixture=${3:-}
if [ -z "$fixture" ] && [ -n "$module" ]; then
    fixture=$(dirname "$(dirname "$module")")/tests/browser/cc_render_fixture
fi

if [ ! -x /usr/bin/chromium ] && [ -z "${CC_CHROMIUM:-}" ]; then
    echo "run.sh: /usr/bin/chromium is missing (tools/install-deps installs it)" >&2
    exit 1
fi
if [ -z "$fixture" ] || [ ! -x "$fixture" ]; then
    echo "run.sh: no cc_render_fixture (run: make check-browser)" >&2
    exit 1
fi

# Dependencies from the committed lock file; never a browser download.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
cd "$here"
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
fi

export CC_SRCDIR="$src" CC_FIXTURE="$fixture" CC_MODULE_SO="$module" CC_HTTPD="$httpd"
# A skipped test or suite (no MODULE_SO or HTTPD, say) fails the stage as
# a failed one does: the TAP copy of the results marks them # SKIP or # TODO.
tap=$(mktemp)
trap 'rm -f "$tap"' EXIT
node --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$tap" ./*.test.mjs
if grep -E '^ *(not )?ok [0-9]+ .* # (SKIP|TODO)' "$tap" >&2; then
    echo "run.sh: the browser tests above were skipped" >&2
    exit 1
fi
if [ "${CC_SCREENSHOTS:-0}" = 1 ]; then
    node screenshots.mjs
fi
