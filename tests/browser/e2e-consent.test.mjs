// End to end through a real httpd: an application behind the module
// (site/e2e/app.cgi, proxied and as a CGI) sets cookies of every category
// on every response, its pages load Matomo, Google Tag Manager, a script
// and a video from declared hosts. What the visitor ends up with, in the
// browser's cookie jar and in what ran, for each choice, with and without
// JavaScript, and when consent is withdrawn.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launch } from './harness.mjs';
import {
    CONSENT, GRANTS, NECESSARY, choose, consentValue, expectedJar, jar,
    markers, skip, sorted, startE2eHttpd, trackerRequests,
} from './lib/e2e.mjs';

let browser;
let httpd;

before(async () => {
    if (skip) return;
    httpd = await startE2eHttpd();
    browser = await launch();
});

after(async () => {
    await browser?.close();
    await httpd?.stop();
});

const PAGE = '/app/trackers';
const granted = (list) => (list.length ? list.join('+') : '-');

// A page that has settled: loaded, no request in flight, and a little time
// for anything that would still run. After a release the tests wait for
// its markers instead: Playwright may miss networkidle once a held frame
// loads.
async function settle(page) {
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(200);
}

const pause = (page) => page.waitForTimeout(400);

async function withPage(options, fn) {
    const page = await browser.newPage({ locale: 'fr-FR', ...options });
    try {
        await fn(page, page.ccContext);
    } finally {
        await page.ccContext.close();
    }
}

describe('end to end: cookies and trackers', { skip }, () => {
    test('first visit: banner shown, no optional cookie from the backend, nothing held back runs', async () => {
        await withPage({}, async (page, context) => {
            const requests = trackerRequests(page);
            const statuses = {};
            page.on('response', (r) => { statuses[new URL(r.url()).pathname] = r.status(); });
            await page.goto(`${httpd.base}${PAGE}`);
            await settle(page);
            assert.equal(await page.locator('#cookiecharter-banner').isVisible(), true);
            assert.equal(await page.getAttribute('#cookiecharter-banner', 'data-cookiecharter-granted'), '-');
            // The backend set all five; the module let the necessary ones through.
            assert.deepEqual(await jar(context), sorted(NECESSARY));
            const m = await markers(page);
            assert.deepEqual(m, {
                matomo: false, heatmap: false, gtm: false, video: false,
                paq: false, dataLayer: false, order: [], heatmapSaw: null, lastSaw: null,
            });
            assert.equal(await page.getAttribute('#video', 'src'), null);
            assert.equal(page.frames().find((f) => f !== page.mainFrame()).url(), 'about:blank');
            assert.deepEqual(requests, []);
            // A 404, a 302 and the CGI served by httpd itself: the same.
            await page.goto(`${httpd.base}/app/missing`);
            assert.equal(statuses['/app/missing'], 404);
            assert.equal(await page.locator('#cookiecharter-banner').isVisible(), true);
            await page.goto(`${httpd.base}/app/redirect`);
            assert.equal(statuses['/app/redirect'], 302);
            assert.equal(new URL(page.url()).pathname, PAGE);
            await page.goto(`${httpd.base}/cgi/trackers`);
            await settle(page);
            assert.deepEqual(await jar(context), sorted(NECESSARY));
            assert.deepEqual(requests, []);
            assert.deepEqual(await page.evaluate(() => window.ccViolations), []);
        });
    });

    for (const choice of ['accept-all', 'reject-all', 'custom']) {
        const grants = GRANTS[choice];
        const stats = grants.includes('statistics');
        const mkt = grants.includes('marketing');

        test(`${choice} with JavaScript: fetch, no reload, granted trackers run in document order`, async () => {
            await withPage({}, async (page, context) => {
                const requests = trackerRequests(page);
                let navigations = 0;
                await page.goto(`${httpd.base}${PAGE}`);
                await settle(page);
                page.on('framenavigated', (f) => { if (f === page.mainFrame()) navigations++; });
                await page.evaluate(() => { window.__samePage = true; });
                const response = await choose(page, choice);
                assert.equal(response.request().resourceType(), 'fetch');
                assert.equal(response.status(), 200);
                assert.deepEqual((await response.json()).granted, grants);
                if (stats) {
                    await page.waitForFunction(() => window.__matomoRan && window.__order.includes('last'));
                }
                if (mkt) {
                    await page.waitForFunction(() => window.__gtmRan && window.__videoLoaded);
                }
                await pause(page);
                assert.equal(navigations, 0);
                assert.equal(await page.evaluate(() => window.__samePage), true);
                assert.equal(await page.locator('#cookiecharter-banner').isVisible(), false);
                assert.equal(await page.getAttribute('#cookiecharter-banner', 'data-cookiecharter-granted'), granted(grants));
                assert.ok((await consentValue(context)).endsWith(`.${granted(grants)}`));

                const m = await markers(page);
                assert.equal(m.matomo, stats);
                assert.equal(m.heatmap, stats);
                assert.equal(m.paq, stats);
                assert.equal(m.gtm, mkt);
                assert.equal(m.dataLayer, mkt);
                assert.equal(m.video, mkt);
                // Document order: Matomo's snippet, the /matomo/ script, Google
                // Tag Manager's snippet, the last inline script. The loaders'
                // own scripts are async, as they are in the wild.
                const sync = m.order.filter((x) => x === 'heatmap' || x === 'last');
                assert.deepEqual(sync, stats ? ['heatmap', 'last'] : []);
                if (stats) {
                    assert.deepEqual(m.heatmapSaw, { paq: true, dataLayer: false });
                    assert.deepEqual(m.lastSaw, { dataLayer: mkt });
                }
                assert.equal(await page.getAttribute('#video', 'src'), mkt ? '/video/embed.html' : null);
                assert.equal(requests.some((p) => p.startsWith('/video/')), mkt);
                assert.equal(requests.some((p) => p.startsWith('/gtm/')), mkt);
                assert.equal(requests.some((p) => p.startsWith('/matomo/')), stats);
                assert.deepEqual(await jar(context), expectedJar(grants, { backend: false, scripts: true }));
                assert.deepEqual(await page.evaluate(() => window.ccViolations), []);

                // The next page: the backend's cookies of granted categories
                // come through, nothing is held back for them.
                await page.reload();
                await settle(page);
                assert.equal(await page.locator('#cookiecharter-banner').isVisible(), false);
                assert.deepEqual(await jar(context), expectedJar(grants, { scripts: true }));
                const again = await markers(page);
                assert.equal(again.matomo, stats);
                assert.equal(again.gtm, mkt);
                assert.equal(again.video, mkt);
                assert.deepEqual(await page.evaluate(() => window.ccViolations), []);
            });
        });

        test(`${choice} without JavaScript: the form posts, 303 back to the page, banner hidden`, async () => {
            await withPage({ javaScriptEnabled: false }, async (page, context) => {
                const requests = trackerRequests(page);
                await page.goto(`${httpd.base}${PAGE}`);
                assert.equal(await page.locator('#cookiecharter-banner').isVisible(), true);
                const from = choice === 'custom' ? '/cookiecharter/policy' : PAGE;
                const response = await choose(page, choice);
                assert.equal(response.request().resourceType(), 'document');
                assert.equal(response.request().method(), 'POST');
                assert.equal(response.status(), 303);
                assert.equal(response.headers().location, from);
                await page.waitForLoadState('load');
                assert.equal(new URL(page.url()).pathname, from);
                if (choice === 'custom') {
                    assert.equal(await page.isChecked('#cookiecharter-p-statistics'), true);
                    assert.equal(await page.isChecked('#cookiecharter-p-marketing'), false);
                    await page.goto(`${httpd.base}${PAGE}`);
                }
                assert.equal(await page.locator('#cookiecharter-banner').isVisible(), false);
                assert.equal(await page.getAttribute('#cookiecharter-banner', 'data-cookiecharter-granted'), granted(grants));
                assert.ok((await consentValue(context)).endsWith(`.${granted(grants)}`));
                // Back on the page, the backend's cookies are judged by the choice.
                assert.deepEqual(await jar(context), expectedJar(grants));
                // Held back on the page exactly when not granted.
                assert.equal(await page.getAttribute('#video', 'src'), mkt ? '/video/embed.html' : null);
                assert.equal(await page.locator('script[src="/matomo/heatmap.js"]').getAttribute('type'),
                    stats ? null : 'text/plain');
                assert.equal(requests.some((p) => p.startsWith('/video/')), mkt);
            });
        });
    }

    test('withdrawal: manage reopens the choice, reject all reloads, trackers stop, their cookies are purged', async () => {
        await withPage({}, async (page, context) => {
            await page.goto(`${httpd.base}${PAGE}`);
            await settle(page);
            await choose(page, 'accept-all');
            await page.waitForFunction(() => window.__matomoRan && window.__gtmRan && window.__videoLoaded);
            // The trackers wrote their cookies from the page.
            const names = await jar(context);
            assert.ok(names.includes('_pk_ses.1.abcd') && names.includes('_ga'), names.join(' '));
            // A second page: the backend's Matomo cookie comes through too.
            await page.reload();
            await page.waitForFunction(() => window.__matomoRan && window.__gtmRan);
            await settle(page);
            assert.deepEqual(await jar(context), expectedJar(GRANTS['accept-all'], { scripts: true }));

            await page.click('#cookiecharter-manage');
            assert.equal(await page.locator('#cookiecharter-banner').isVisible(), true);
            assert.equal(await page.isChecked('#cookiecharter-b-statistics'), true);
            assert.equal(await page.isChecked('#cookiecharter-b-marketing'), true);
            const [response] = await Promise.all([
                page.waitForResponse((r) => new URL(r.url()).pathname === '/cookiecharter/consent'),
                page.waitForEvent('load'),
                page.click('.cookiecharter-choices button[value="reject-all"]'),
            ]);
            // The purge: an expiring Set-Cookie for each refused cookie the
            // browser sent.
            const purged = (await response.headersArray())
                .filter((h) => h.name.toLowerCase() === 'set-cookie' && /Max-Age=0/.test(h.value))
                .map((h) => h.value.split('=')[0]);
            for (const n of ['_pk_id.1.abcd', '_pk_ses.1.abcd', '_ga']) {
                assert.ok(purged.includes(n), `${n} purged (${purged.join(' ')})`);
            }
            assert.ok(!purged.includes(CONSENT) && !purged.includes('sessionid'));
            // The page was reloaded: the trackers do not run again.
            await settle(page);
            assert.equal(await page.locator('#cookiecharter-banner').isVisible(), false);
            assert.equal(await page.getAttribute('#cookiecharter-banner', 'data-cookiecharter-granted'), '-');
            const m = await markers(page);
            assert.equal(m.matomo || m.heatmap || m.gtm || m.video || m.paq || m.dataLayer, false);
            assert.deepEqual(m.order, []);
            assert.deepEqual(await jar(context), expectedJar([]));
            assert.ok((await consentValue(context)).endsWith('.-'));
            assert.deepEqual(await page.evaluate(() => window.ccViolations), []);
        });
    });
});
