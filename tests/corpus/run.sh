#!/bin/sh
# The HTML corpus through cc_rewrite_tool and an independent HTML5 parser
# (html5lib; xml.etree for .xhtml): the banner must be the first element of
# <body>, exactly once, frameset documents untouched. Run by `make check`.
#   tests/corpus/run.sh PATH/TO/cc_rewrite_tool
set -eu
tool=${1:?usage: run.sh PATH/TO/cc_rewrite_tool}
here=$(cd "$(dirname "$0")" && pwd)
py=/usr/bin/python3
test -x "$py" || py=python3
# A check that cannot run fails: a missing parser must never turn it green.
if ! "$py" -c 'import html5lib' 2>/dev/null; then
    echo "corpus: FAIL: python3-html5lib is not installed (tools/install-deps)" >&2
    exit 1
fi
if ! test -x "$tool"; then
    echo "corpus: FAIL: no $tool (Check was not found at configure time)" >&2
    exit 1
fi
out=$(mktemp -d "${TMPDIR:-/tmp}/cc-corpus.XXXXXX")
trap 'rm -rf "$out"' EXIT INT TERM
for f in "$here"/html/*.html "$here"/html/*.xhtml; do
    test -f "$f" || continue
    b=$(basename "$f")
    x=
    case "$b" in *.xhtml) x=-x ;; esac
    for g in none all; do
        "$tool" -c "$here/charter.yaml" -g "$g" $x "$f" > "$out/$b.$g"
        # fed one byte at a time, the output must not change
        "$tool" -c "$here/charter.yaml" -g "$g" $x -s 1 "$f" > "$out/$b.$g.1"
        cmp -s "$out/$b.$g" "$out/$b.$g.1" || {
            echo "corpus: $b: output differs when fed byte by byte" >&2
            exit 1
        }
    done
done
"$py" "$here/check_html5.py" "$here/html" "$out"
