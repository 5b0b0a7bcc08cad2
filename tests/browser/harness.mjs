// Shared pieces of the browser tests: the system Chromium through
// playwright-core (never a downloaded browser), the real banner markup from
// cc_render_fixture, and a small static server on 127.0.0.1 that serves it
// with the built-in assets under Content-Security-Policy: default-src 'self'.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const srcdir = process.env.CC_SRCDIR || path.resolve(here, '../..');
export const fixture = process.env.CC_FIXTURE;
export const charter = process.env.CC_CHARTER
    || path.join(srcdir, 'conf/charter-demo.yaml');
const assetsDir = path.join(srcdir, 'mod_cookiecharter/assets');

export const CHROMIUM_ARGS = [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update',
    '--disable-sync',
];

// One browser per test file. Playwright starts Chromium with a fresh
// temporary --user-data-dir of its own and removes it at close; every test
// then takes a new context (no cookies, no cache).
export async function launch() {
    const browser = await chromium.launch({
        executablePath: process.env.CC_CHROMIUM || '/usr/bin/chromium',
        headless: true,
        args: CHROMIUM_ARGS,
    });
    return {
        browser,
        async newPage(options = {}) {
            const context = await browser.newContext({
                viewport: { width: 1280, height: 800 }, ...options,
            });
            // Every page records CSP violations and layout shifts from its
            // start (init scripts run before the page's, outside its CSP).
            await context.addInitScript(() => {
                window.ccViolations = [];
                document.addEventListener('securitypolicyviolation', (e) => {
                    window.ccViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
                });
                window.ccShift = 0;
                new PerformanceObserver((list) => {
                    for (const e of list.getEntries()) {
                        if (!e.hadRecentInput) {
                            window.ccShift += e.value;
                        }
                    }
                }).observe({ type: 'layout-shift', buffered: true });
            });
            const page = await context.newPage();
            page.ccContext = context;
            return page;
        },
        close: () => browser.close(),
    };
}

export function render(what, opts = {}) {
    if (!fixture) {
        throw new Error('CC_FIXTURE is not set (run tests/browser/run.sh)');
    }
    const args = [charter, what];
    if (opts.lang) args.push('-l', opts.lang);
    if (opts.state) args.push('-s', opts.state);
    if (opts.granted) args.push('-g', opts.granted);
    if (opts.ret) args.push('-r', opts.ret);
    if (opts.manageOnly) args.push('-m');
    return execFileSync(fixture, args, { encoding: 'utf8' });
}

export const charterJson = () => JSON.parse(render('json'));

// axe-core's source, evaluated in the page (CDP evaluation is not subject
// to the page's CSP, so the page keeps its own policy).
const axeSource = readFileSync(
    path.join(here, 'node_modules/axe-core/axe.min.js'), 'utf8');

export async function axe(page, context = 'html') {
    await page.evaluate(axeSource);
    const result = await page.evaluate(async (ctx) => {
        // eslint-disable-next-line no-undef
        const r = await axe.run(ctx, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
        });
        return r.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            nodes: v.nodes.map((n) => n.target.join(' ')),
        }));
    }, context);
    return result;
}

const NONCE = 'cc-test-nonce';

// Elements held back the way the rewriter leaves them (section 6).
const HELD = `
<script type="text/plain" data-cookiecharter="statistics" data-cookiecharter-src="/fixture/order.js?name=a&amp;delay=300"></script>
<script type="text/plain" data-cookiecharter="statistics" nonce="${NONCE}">window.ccOrder.push('inline');</script>
<script type="text/plain" data-cookiecharter="statistics" data-cookiecharter-type="text/javascript" src="/fixture/order.js?name=b&amp;delay=200"></script>
<script type="text/plain" data-cookiecharter="statistics" data-cookiecharter-src="/fixture/order.js?name=c"></script>
<script type="text/plain" data-cookiecharter="marketing" data-cookiecharter-src="/fixture/order.js?name=m"></script>
<iframe id="held-frame" data-cookiecharter="marketing" data-cookiecharter-src="/fixture/frame.html" title="Video"></iframe>
<img id="held-img" data-cookiecharter="statistics" data-cookiecharter-src="/fixture/pixel.svg?1" data-cookiecharter-srcset="/fixture/pixel.svg?2 2x" alt="" width="10" height="10"/>
<img id="held-host" data-cookiecharter-src="/fixture/pixel.svg?3" alt="" width="10" height="10"/>
`;

function page(q) {
    const lang = q.get('lang') || 'fr';
    const state = q.get('state') || 'unset';
    const granted = q.get('granted') || '-';
    const ret = `/page?${q.toString()}`;
    const opts = { lang, state, granted, ret };
    const held = q.get('held') === '1';
    const filler = Array.from({ length: 30 }, (_, i) =>
        `<p>Paragraph ${i + 1} of the page, with <a href="#p${i + 1}" id="p${i + 1}">a link</a>.</p>`).join('\n');
    return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>Test page</title>
<script src="/fixture/order.js?init=1"></script>
${render('assets', opts)}</head>
<body>${render('banner', opts)}
<header><h1>Test page</h1></header>
<main>
${filler}
<p><a id="last-link" href="#end">The last link of the page</a></p>
${held ? HELD : ''}
</main>
</body>
</html>
`;
}

function readBody(req) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        req.on('data', (c) => chunks.push(c));
        req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        req.on('error', reject);
    });
}

// The static server. `posts` records every POST to P/consent.
export async function startServer() {
    const optional = charterJson().categories
        .filter((c) => !c.required).map((c) => c.id);
    const revision = charterJson().revision;
    const posts = [];
    let failJson = false;

    const server = http.createServer(async (req, res) => {
        const url = new URL(req.url, 'http://127.0.0.1');
        const q = url.searchParams;
        const send = (status, type, body, headers = {}) => {
            res.writeHead(status, { 'Content-Type': type, ...headers });
            res.end(body);
        };
        try {
            if (url.pathname === '/page') {
                const csp = q.get('held') === '1'
                    ? `default-src 'self'; script-src 'self' 'nonce-${NONCE}'`
                    : "default-src 'self'";
                return send(200, 'text/html; charset=utf-8', page(q),
                    { 'Content-Security-Policy': csp });
            }
            if (url.pathname === '/cookiecharter/banner.js'
                || url.pathname === '/cookiecharter/banner.css') {
                const name = path.basename(url.pathname);
                return send(200, name.endsWith('.js')
                    ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8',
                readFileSync(path.join(assetsDir, name)));
            }
            if (url.pathname === '/cookiecharter/policy') {
                const opts = {
                    lang: q.get('lang') || 'fr',
                    state: q.get('state') || 'unset',
                    granted: q.get('granted') || '-',
                };
                return send(200, 'text/html; charset=utf-8', render('policy', opts),
                    { 'Content-Security-Policy': "default-src 'self'" });
            }
            if (url.pathname === '/cookiecharter/consent' && req.method === 'POST') {
                const body = await readBody(req);
                const form = new URLSearchParams(body);
                const accept = req.headers.accept || '';
                posts.push({ accept, type: req.headers['content-type'], body, form });
                const choice = form.get('choice');
                let granted = [];
                if (choice === 'accept-all') {
                    granted = optional.slice();
                } else if (choice === 'custom') {
                    granted = optional.filter((id) => form.getAll('category').includes(id));
                }
                if (choice !== 'custom' && form.has('category')) {
                    return send(400, 'text/plain', 'category without custom\n');
                }
                if (accept.includes('application/json')) {
                    if (failJson) {
                        return send(500, 'text/plain', 'failing on purpose\n');
                    }
                    return send(200, 'application/json', JSON.stringify({
                        id: 'AAAAAAAAAAAAAAAAAAAAAA',
                        revision,
                        granted,
                        refused: optional.filter((id) => !granted.includes(id)),
                    }), { 'Cache-Control': 'no-store' });
                }
                const ret = form.get('return') || '/';
                res.writeHead(303, { Location: ret.startsWith('/') ? ret : '/' });
                return res.end();
            }
            if (url.pathname === '/fixture/order.js') {
                const delay = Number(q.get('delay') || 0);
                const body = q.get('init')
                    ? 'window.ccOrder = [];\n'
                    : `window.ccOrder.push(${JSON.stringify(q.get('name'))});\n`;
                setTimeout(() => send(200, 'text/javascript', body), delay);
                return undefined;
            }
            if (url.pathname === '/fixture/frame.html') {
                return send(200, 'text/html; charset=utf-8',
                    '<!DOCTYPE html><title>frame</title><p>frame</p>');
            }
            if (url.pathname === '/fixture/pixel.svg') {
                return send(200, 'image/svg+xml',
                    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
            }
            return send(404, 'text/plain', 'not found\n');
        } catch (err) {
            return send(500, 'text/plain', `${err.stack}\n`);
        }
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${server.address().port}`;
    return {
        base,
        posts,
        optional,
        setFailJson(v) { failJson = v; },
        close: () => new Promise((resolve) => {
            server.closeAllConnections();
            server.close(resolve);
        }),
    };
}
