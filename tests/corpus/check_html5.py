#!/usr/bin/python3
"""Check the rewritten corpus with an independent HTML5 parser.

usage: check_html5.py HTML_DIR OUT_DIR

For every HTML_DIR/NAME (.html or .xhtml), OUT_DIR/NAME.none and
OUT_DIR/NAME.all hold cc_rewrite_tool's output with no optional category
granted and with all of them. A frameset document must come out untouched;
any other must have exactly one banner, as the first element child of
<body> (the two asset elements may come right before it when the body
started before any </head>), and the assets exactly once, before it.
"""
import os
import sys
import xml.etree.ElementTree as ET

import html5lib

BANNER_ID = "cookiecharter-banner"

# Where html5lib 1.1 parts from the HTML Living Standard: only the banner
# and asset counts are checked there.
HTML5LIB_GAPS = {
    "template-head.html": "html5lib 1.1 has no <template>: it starts the body",
}


def local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def is_asset(el):
    name = local(el.tag)
    if name == "script":
        return (el.get("src") or "").startswith("/cookiecharter/banner.js")
    if name == "link":
        return (el.get("href") or "").startswith("/cookiecharter/banner.css")
    return False


def check_tree(root, name, counts_only=False):
    errors = []
    everything = list(root.iter())
    banners = [e for e in everything if e.get("id") == BANNER_ID]
    if len(banners) != 1:
        return ["%s: %d banners" % (name, len(banners))]
    bodies = [e for e in everything if local(e.tag) == "body"]
    if len(bodies) != 1:
        return ["%s: %d body elements" % (name, len(bodies))]
    kids = [k for k in list(bodies[0]) if isinstance(k.tag, str)]
    first = [k for k in kids if not is_asset(k)][:1]
    if counts_only:
        pass
    elif not first or first[0] is not banners[0]:
        errors.append("%s: the banner is not the first element of <body> "
                      "(first: %s)" % (name, local(first[0].tag) if first
                                       else "none"))
    assets = [e for e in everything if is_asset(e)]
    if len(assets) != 2:
        errors.append("%s: %d asset elements" % (name, len(assets)))
    elif everything.index(assets[1]) > everything.index(banners[0]):
        errors.append("%s: the assets come after the banner" % name)
    return errors


def is_frameset(data):
    doc = html5lib.parse(data, treebuilder="etree",
                         namespaceHTMLElements=False)
    return any(local(e.tag) == "frameset" for e in doc.iter())


def main():
    html_dir, out_dir = sys.argv[1], sys.argv[2]
    errors = []
    count = 0
    for name in sorted(os.listdir(html_dir)):
        if not (name.endswith(".html") or name.endswith(".xhtml")):
            continue
        with open(os.path.join(html_dir, name), "rb") as f:
            original = f.read()
        xhtml = name.endswith(".xhtml")
        frameset = not xhtml and is_frameset(original)
        for granted in ("none", "all"):
            tag = "%s (%s)" % (name, granted)
            with open(os.path.join(out_dir, "%s.%s" % (name, granted)),
                      "rb") as f:
                data = f.read()
            count += 1
            if frameset:
                if data != original:
                    errors.append("%s: a frameset document was changed" % tag)
                continue
            if xhtml:
                try:
                    root = ET.fromstring(data)
                except ET.ParseError as e:
                    errors.append("%s: not well-formed: %s" % (tag, e))
                    continue
            else:
                root = html5lib.parse(data, treebuilder="etree",
                                      namespaceHTMLElements=False)
            errors.extend(check_tree(root, tag, name in HTML5LIB_GAPS))
    for e in errors:
        print("corpus: " + e, file=sys.stderr)
    print("corpus: %d outputs checked with html5lib/xml.etree, %d failures"
          % (count, len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
