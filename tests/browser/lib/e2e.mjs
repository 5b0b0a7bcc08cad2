// The server of the end-to-end tests and what they share.
//
// httpd with mod_cookiecharter and the demo charter, plus two same-origin
// paths in marketing's hosts (/video/ for an embedded player, /gtm/ for
// Google Tag Manager's stand-in) since the tests have no network. Pages come
// from site/e2e/app.cgi, an application that sets cookies of every category
// on every response:
//   /cgi/NAME  the CGI run by this server (mod_cgid);
//   /app/NAME  the same CGI in a second virtual host on another port,
//              proxied (mod_proxy_http), as an application server would be.
// Every response has Content-Security-Policy: default-src 'self'; pages
// named trackers also allow scripts with the nonce their inline snippets
// carry (Matomo's and Google Tag Manager's loaders are inline).
import { readFileSync } from 'node:fs';
import { charter as demoCharter } from '../harness.mjs';
import { httpdBin, module, startHttpd } from './httpd.mjs';

export const skip = !module || !httpdBin ? 'no MODULE_SO and HTTPD given to run.sh' : false;

export const NONCE = 'e2e-nonce';
export const CONSENT = 'cookies_preferences';

// Cookie names by category, as the backend and the page's scripts set them.
export const NECESSARY = ['sessionid', 'csrftoken'];
export const STATISTICS = ['_pk_id.1.abcd', '_pk_ses.1.abcd'];
export const MARKETING = ['_ga'];
export const UNDECLARED = ['e2e_undeclared'];

export function e2eCharter() {
    const yaml = readFileSync(demoCharter, 'utf8');
    const anchor = '      - www.google-analytics.com\n';
    if (!yaml.includes(anchor)) {
        throw new Error(`${demoCharter}: marketing's hosts changed, update lib/e2e.mjs`);
    }
    return yaml.replace(anchor, `${anchor}      - /video/\n      - /gtm/\n`);
}

export function startE2eHttpd() {
    return startHttpd({
        charterText: e2eCharter(),
        ports: 1,
        modules: ['alias', 'cgid', 'proxy', 'proxy_http'],
        conf: ({ root, site, port, ports: [backend] }) => `ScriptSock "${root}/cgid.sock"
ScriptAlias /cgi "${site}/e2e/app.cgi"
# The site: a virtual host of its own, so that the backend does not inherit
# its ProxyPass.
<VirtualHost 127.0.0.1:${port}>
    ServerName 127.0.0.1:${port}
    ProxyPass /app http://127.0.0.1:${backend}/app
    ProxyPassReverse /app http://127.0.0.1:${backend}/app
</VirtualHost>
<LocationMatch "/trackers$">
    Header always set Content-Security-Policy "default-src 'self'; script-src 'self' 'nonce-${NONCE}'"
</LocationMatch>
Listen 127.0.0.1:${backend}
<VirtualHost 127.0.0.1:${backend}>
    ServerName 127.0.0.1:${backend}
    # The application server: knows nothing of the charter.
    CookieCharter Off
    Header always unset Content-Security-Policy
    ScriptAlias /app "${site}/e2e/app.cgi"
</VirtualHost>
`,
    });
}

// The cookie names in a context's jar, sorted.
export async function jar(context) {
    return (await context.cookies()).map((c) => c.name).sort();
}

export const sorted = (a) => [...a].sort();

// Optional categories a choice grants, in charter order.
export const GRANTS = {
    'accept-all': ['statistics', 'marketing'],
    'reject-all': [],
    custom: ['statistics'],
};

// The cookie names a visitor may hold after a choice: the backend's
// (set on every response, kept when granted) and, with JavaScript, the
// trackers' (written by document.cookie, only if they ran). Never the
// undeclared one.
export function expectedJar(granted, { backend = true, scripts = false } = {}) {
    const names = [...NECESSARY, CONSENT];
    if (granted.includes('statistics')) {
        if (backend) names.push('_pk_id.1.abcd');
        if (scripts) names.push('_pk_ses.1.abcd');
    }
    if (granted.includes('marketing') && (backend || scripts)) {
        names.push('_ga');
    }
    return sorted(names);
}

// What the page's trackers left behind (see site/e2e and site/matomo).
export function markers(page) {
    return page.evaluate(() => ({
        matomo: window.__matomoRan === true,
        heatmap: window.__heatmapRan === true,
        gtm: window.__gtmRan === true,
        video: window.__videoLoaded === true,
        paq: Array.isArray(window._paq),
        dataLayer: Array.isArray(window.dataLayer),
        order: window.__order ? [...window.__order] : null,
        heatmapSaw: window.__heatmapSaw || null,
        lastSaw: window.__lastSaw || null,
    }));
}

// The consent post the banner makes, and the click that makes it. With
// `custom`, statistics only, through the customise panel (JavaScript) or
// the policy page's form it links to (no JavaScript).
export async function choose(page, choice) {
    let button = `.cookiecharter-choices button[value="${choice}"]`;
    if (choice === 'custom') {
        await page.click('#cookiecharter-customize');
        if (page.url().includes('/cookiecharter/policy')) {
            await page.check('#cookiecharter-p-statistics');
            button = '#cookiecharter-preferences button[value="custom"]';
        } else {
            await page.check('#cookiecharter-b-statistics');
            button = '#cookiecharter-panel button[value="custom"]';
        }
    }
    const [response] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === '/cookiecharter/consent'),
        page.click(button),
    ]);
    return response;
}

export async function consentValue(context) {
    return (await context.cookies()).find((c) => c.name === CONSENT)?.value;
}

// Requests the page made for trackers (their hosts are same-origin paths).
export function trackerRequests(page) {
    const seen = [];
    page.on('request', (r) => {
        const p = new URL(r.url()).pathname;
        if (/^\/(matomo|gtm|video)\//.test(p)) {
            seen.push(p);
        }
    });
    return seen;
}
