/* mod_cookiecharter: the banner's behaviour, on top of markup that works
 * without it. Reads the state only from the markup and from P/consent's
 * reply. No dependencies, no eval, nothing inline: runs under
 * Content-Security-Policy: default-src 'self'. */
(function () {
    'use strict';

    var doc = document;
    var root = doc.documentElement;
    var banner = doc.getElementById('cookiecharter-banner');
    var manage = doc.getElementById('cookiecharter-manage');
    var customize = doc.getElementById('cookiecharter-customize');
    var panel = doc.getElementById('cookiecharter-panel');
    var PREFIX = 'data-cookiecharter-';
    /* URL attributes the server moved aside; srcset before src, so that an
     * image fetches once. */
    var MOVED = ['srcset', 'src', 'data', 'href'];
    var live, reopened = false;

    if (!banner) {
        return;     /* cross-site frame: the manage link works as it is */
    }

    function ids(s) {
        return !s || s === '-' ? [] : s.split('+');
    }

    function has(list, x) {
        return list.indexOf(x) >= 0;
    }

    /* Categories whose held-back elements run on this page: granted when
     * it loaded, or released since. Refusing one of them needs a reload. */
    live = ids(banner.getAttribute(PREFIX + 'granted'));

    function measure() {
        root.style.setProperty('--cookiecharter-height',
                               banner.offsetHeight + 'px');
    }

    function setOpen(open) {
        banner.hidden = !open;
        root.classList.toggle('cookiecharter-open', open);
        if (open) {
            measure();
        }
    }

    function setPanel(open) {
        if (panel && customize) {
            panel.hidden = !open;
            customize.setAttribute('aria-expanded', String(open));
            if (!banner.hidden) {
                measure();
            }
        }
    }

    /* The boxes say what the current choice is. */
    function syncBoxes() {
        var granted = ids(banner.getAttribute(PREFIX + 'granted'));
        var boxes = banner.querySelectorAll('input[name="category"]');
        var i;

        for (i = 0; i < boxes.length; i++) {
            boxes[i].checked = has(granted, boxes[i].value);
        }
    }

    function restoreUrls(el) {
        MOVED.forEach(function (name) {
            var i, a;

            for (i = el.attributes.length - 1; i >= 0; i--) {
                a = el.attributes[i];
                if (a.name.toLowerCase() === PREFIX + name) {
                    el.removeAttribute(a.name);
                    el.setAttribute(name, a.value);
                }
            }
        });
    }

    /* Held-back scripts, one after another in document order: each one
     * replaced by a live copy; an external one must load before the next
     * runs, as the parser would have done. */
    function runScripts(list, i) {
        var old = list[i], s, src = null, type = null, wait;

        if (!old) {
            return;
        }
        s = doc.createElement('script');
        Array.prototype.forEach.call(old.attributes, function (a) {
            var n = a.name.toLowerCase();

            if (n === PREFIX + 'type') {
                type = a.value;
            }
            else if (n === PREFIX + 'src' || n === 'src') {
                src = a.value;  /* type="text/plain" alone keeps it idle */
            }
            else if (n !== 'type') {
                s.setAttribute(a.name, a.value);
            }
        });
        if (type !== null) {
            s.setAttribute('type', type);
        }
        s.nonce = old.nonce;    /* the attribute reads "" once parsed */
        wait = src !== null && !old.hasAttribute('async');
        if (src !== null) {
            s.async = !wait;
            s.src = src;
        }
        else {
            s.text = old.text;
        }
        if (wait) {
            s.onload = s.onerror = function () {
                runScripts(list, i + 1);
            };
        }
        old.parentNode.replaceChild(s, old);
        if (!wait) {
            runScripts(list, i + 1);
        }
    }

    /* Bring back what the server held for the granted categories. When
     * nothing was refused, elements the server held by host alone (no
     * category named on them) come back too. */
    function release(granted, all) {
        var els = doc.querySelectorAll('[data-cookiecharter],' + MOVED.map(
            function (n) { return '[' + PREFIX + n + ']'; }).join(','));
        var scripts = [], i, el, id;

        for (i = 0; i < els.length; i++) {
            el = els[i];
            id = el.getAttribute('data-cookiecharter');
            if (id === null ? !all : !has(granted, id)) {
                continue;
            }
            if (el.tagName.toLowerCase() === 'script') {
                if (id !== null && (el.getAttribute('type') || '')
                        .toLowerCase() === 'text/plain') {
                    scripts.push(el);
                }
            }
            else {
                restoreUrls(el);
            }
        }
        granted.forEach(function (g) {
            if (!has(live, g)) {
                live.push(g);
            }
        });
        runScripts(scripts, 0);
    }

    function applied(reply) {
        var granted = reply.granted || [], refused = reply.refused || [];
        var i;

        banner.setAttribute(PREFIX + 'granted',
                            granted.length ? granted.join('+') : '-');
        syncBoxes();
        setPanel(false);
        setOpen(false);
        if (reopened && manage) {
            manage.focus();
        }
        reopened = false;
        for (i = 0; i < refused.length; i++) {
            if (has(live, refused[i])) {
                location.reload();
                return;
            }
        }
        release(granted, refused.length === 0);
    }

    /* Without fetch, or when it fails, the form goes the ordinary way. */
    function fallback(form, button) {
        var input = doc.createElement('input');

        input.type = 'hidden';
        input.name = button.name;
        input.value = button.value;
        form.appendChild(input);
        form.submit();
    }

    banner.addEventListener('submit', function (e) {
        var form = e.target, button = e.submitter, body, els, i, el;

        if (!button || !button.name || !window.fetch) {
            return;
        }
        e.preventDefault();
        body = new URLSearchParams();
        body.append(button.name, button.value);
        els = form.elements;
        for (i = 0; i < els.length; i++) {
            el = els[i];
            if (el.name && !el.disabled && el.type !== 'submit'
                    && el.type !== 'button'
                    && (el.type !== 'checkbox' || el.checked)) {
                body.append(el.name, el.value);
            }
        }
        fetch(form.action, {
            method: 'POST',
            headers: { 'Accept': 'application/json' },
            body: body,
            credentials: 'same-origin'
        }).then(function (r) {
            if (!r.ok) {
                throw new Error('HTTP ' + r.status);
            }
            return r.json();
        }).then(applied, function () {
            fallback(form, button);
        });
    });

    /* Customise: a disclosure of the panel, in place. */
    if (customize && panel) {
        customize.setAttribute('role', 'button');
        customize.setAttribute('aria-controls', panel.id);
        customize.setAttribute('aria-expanded', 'false');
        customize.addEventListener('click', function (e) {
            e.preventDefault();
            setPanel(panel.hidden);
        });
        customize.addEventListener('keydown', function (e) {
            if (e.key === ' ') {
                e.preventDefault();
                setPanel(panel.hidden);
            }
        });
    }

    /* Manage: the banner again, the current choice ticked, focus in it. */
    if (manage) {
        manage.addEventListener('click', function (e) {
            e.preventDefault();
            reopened = true;
            syncBoxes();
            setOpen(true);
            setPanel(true);
            banner.tabIndex = -1;
            banner.focus();
        });
    }

    /* Escape closes the panel, or a banner opened again; it never makes a
     * choice, and on a first visit it leaves the banner where it is. */
    doc.addEventListener('keydown', function (e) {
        if (e.key !== 'Escape' || banner.hidden
                || !banner.contains(doc.activeElement)) {
            return;
        }
        if (reopened) {
            reopened = false;
            setPanel(false);
            setOpen(false);
            if (manage) {
                manage.focus();
            }
        }
        else if (panel && !panel.hidden) {
            setPanel(false);
            customize.focus();
        }
    });

    if (window.ResizeObserver) {
        new ResizeObserver(function () {
            if (!banner.hidden) {
                measure();
            }
        }).observe(banner);
    }
    setOpen(!banner.hidden);
}());
