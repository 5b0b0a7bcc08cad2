#!/usr/bin/python3
"""Where the COOKIECHARTER filter's markup ended up, as an HTML5 parser
(html5lib) or an XML parser (xml.etree, with -x) sees it.

usage: check_page.py [-x] < PAGE
Prints one JSON object: banners, manage (counts), first (the id, or tag,
of the first element child of <body> that is not an asset), hidden (the
banner has the attribute), return (the form's return field), assets (count
of banner.css/banner.js elements), assets_before (every asset precedes the
banner), bodies, frameset, error (XML not well-formed).
"""
import json
import sys
import xml.etree.ElementTree as ET

import html5lib


def local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def is_asset(el):
    name = local(el.tag)
    if name == "script":
        return "/banner.js?v=" in (el.get("src") or "")
    if name == "link":
        return "/banner.css?v=" in (el.get("href") or "")
    return False


def main():
    data = sys.stdin.buffer.read()
    res = {}
    if len(sys.argv) > 1 and sys.argv[1] == "-x":
        try:
            root = ET.fromstring(data)
        except ET.ParseError as e:
            print(json.dumps({"error": str(e)}))
            return 0
    else:
        root = html5lib.parse(data, treebuilder="etree",
                              namespaceHTMLElements=False)
    every = list(root.iter())
    banners = [e for e in every if e.get("id") == "cookiecharter-banner"]
    manage = [e for e in every if e.get("id") == "cookiecharter-manage"]
    bodies = [e for e in every if local(e.tag) == "body"]
    assets = [e for e in every if is_asset(e)]
    res["banners"] = len(banners)
    res["manage"] = len(manage)
    res["bodies"] = len(bodies)
    res["frameset"] = any(local(e.tag) == "frameset" for e in every)
    res["assets"] = len(assets)
    res["first"] = None
    res["second"] = None
    if bodies:
        kids = [k for k in list(bodies[0])
                if isinstance(k.tag, str) and not is_asset(k)]
        if kids:
            res["first"] = kids[0].get("id") or local(kids[0].tag)
        if len(kids) > 1:
            res["second"] = kids[1].get("id") or local(kids[1].tag)
    if banners:
        b = banners[0]
        res["hidden"] = b.get("hidden") is not None
        res["granted"] = b.get("data-cookiecharter-granted")
        res["lang"] = b.get("lang")
        rets = [e.get("value") for e in b.iter()
                if local(e.tag) == "input" and e.get("name") == "return"]
        res["return"] = rets[0] if rets else None
        pos = every.index(b)
        res["assets_before"] = all(every.index(a) < pos for a in assets)
    print(json.dumps(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
