// The banner end to end: httpd with mod_cookiecharter injects it, serves
// banner.js/banner.css, P/consent, P/policy; Chromium uses it under
// Content-Security-Policy: default-src 'self'.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { axe, launch } from './harness.mjs';
import { httpdBin, module, startHttpd } from './httpd.mjs';

const skip = !module || !httpdBin ? 'no MODULE_SO and HTTPD given to run.sh' : false;

let browser;
let httpd;
let page;

before(async () => {
    if (skip) return;
    httpd = await startHttpd();
    browser = await launch();
});

after(async () => {
    await page?.ccContext.close();
    await browser?.close();
    await httpd?.stop();
});

beforeEach(async () => {
    if (skip) return;
    if (page) {
        await page.ccContext.close();
    }
    page = await browser.newPage({ locale: 'fr-FR' });
});

const visible = (sel) => page.locator(sel).isVisible();
const violations = () => page.evaluate(() => window.ccViolations);
const consentCookie = async () => (await page.ccContext.cookies())
    .find((c) => c.name === 'cookies_preferences');

describe('through httpd', { skip }, () => {
    test('the injected banner works under CSP default-src self, no layout shift, no axe violation', async () => {
        await page.goto(`${httpd.base}/`);
        await page.waitForFunction(() => document.readyState === 'complete');
        assert.equal(await visible('#cookiecharter-banner'), true);
        assert.equal(await page.getAttribute('#cookiecharter-banner', 'lang'), 'fr');
        // banner.js ran: the customise link became a disclosure.
        assert.equal(await page.getAttribute('#cookiecharter-customize', 'aria-expanded'), 'false');
        await page.click('#cookiecharter-customize');
        assert.equal(await visible('#cookiecharter-panel'), true);
        assert.deepEqual(await violations(), []);
        assert.equal(await page.evaluate(() => window.ccShift), 0);
        assert.deepEqual(await axe(page), []);
    });

    test('accept all: consent cookie set, held scripts run in order, the next page comes unheld', async () => {
        await page.goto(`${httpd.base}/held.html`);
        await page.waitForFunction(() => document.readyState === 'complete');
        assert.deepEqual(await page.evaluate(() => window.ccOrder), []);
        assert.equal(await page.getAttribute('#stats-frame', 'src'), null);
        await page.click('.cookiecharter-choices button[value="accept-all"]');
        await page.waitForFunction(() => window.ccOrder.length === 2);
        assert.deepEqual(await page.evaluate(() => window.ccOrder), ['a', 'b']);
        assert.equal(await page.getAttribute('#stats-frame', 'src'), '/matomo/frame.html');
        assert.equal(await page.getAttribute('#stats-img', 'src'), '/matomo/pixel.svg');
        assert.equal(await visible('#cookiecharter-banner'), false);
        assert.equal(await visible('#cookiecharter-manage'), true);
        const c = await consentCookie();
        assert.ok(c, 'consent cookie set');
        assert.match(c.value, /^v1\.[A-Za-z0-9_-]+\.\d+\.[A-Za-z0-9_-]{22}\.statistics\+marketing$/);
        assert.equal(c.httpOnly, true);
        assert.deepEqual(await violations(), []);
        await page.reload();
        assert.equal(await visible('#cookiecharter-banner'), false);
        assert.deepEqual(await page.evaluate(() => window.ccOrder), ['a', 'b']);
        assert.equal(await page.getAttribute('#cookiecharter-banner', 'data-cookiecharter-granted'), 'statistics+marketing');
    });

    test('withdrawing through manage reloads the page, which comes held again', async () => {
        await page.goto(`${httpd.base}/held.html`);
        await page.click('.cookiecharter-choices button[value="accept-all"]');
        await page.waitForFunction(() => window.ccOrder.length === 2);
        await page.click('#cookiecharter-manage');
        assert.equal(await page.isChecked('#cookiecharter-b-statistics'), true);
        await page.uncheck('#cookiecharter-b-statistics');
        await Promise.all([
            page.waitForEvent('load'),
            page.click('#cookiecharter-panel button[value="custom"]'),
        ]);
        assert.equal(await page.getAttribute('#cookiecharter-banner', 'data-cookiecharter-granted'), 'marketing');
        assert.deepEqual(await page.evaluate(() => window.ccOrder), []);
        assert.equal(await page.getAttribute('#stats-frame', 'src'), null);
        assert.match((await consentCookie()).value, /\.marketing$/);
    });

    test('without script the forms work: reject all, then back to the page', async () => {
        const ctx = await browser.browser.newContext({ javaScriptEnabled: false, locale: 'en-GB' });
        const p = await ctx.newPage();
        await p.goto(`${httpd.base}/held.html`);
        assert.equal(await p.getAttribute('#cookiecharter-banner', 'lang'), 'en');
        await Promise.all([
            p.waitForURL(`${httpd.base}/held.html`),
            p.click('.cookiecharter-choices button[value="reject-all"]'),
        ]);
        assert.equal(await p.locator('#cookiecharter-banner').isVisible(), false);
        const c = (await ctx.cookies()).find((x) => x.name === 'cookies_preferences');
        assert.match(c.value, /\.-$/);
        // The manage control leads to the policy page's form.
        await p.click('#cookiecharter-manage');
        assert.match(p.url(), /\/cookiecharter\/policy#cookiecharter-preferences$/);
        await p.check('#cookiecharter-p-statistics');
        await Promise.all([
            p.waitForLoadState('load'),
            p.click('#cookiecharter-preferences button[value="custom"]'),
        ]);
        assert.match((await ctx.cookies()).find((x) => x.name === 'cookies_preferences').value, /\.statistics$/);
        assert.equal(await p.isChecked('#cookiecharter-p-statistics'), true);
        await ctx.close();
    });

    test('the policy page: negotiated language, tables, no axe violation', async () => {
        await page.goto(`${httpd.base}/cookiecharter/policy`);
        assert.equal(await page.getAttribute('html', 'lang'), 'fr');
        assert.equal(await page.locator('h1').textContent(), 'Charte cookies');
        assert.ok(await page.locator('th', { hasText: 'Nom du prestataire' }).count() > 0);
        assert.ok(await page.locator('code', { hasText: 'sessionid' }).count() === 1);
        assert.deepEqual(await axe(page), []);
        const en = await browser.newPage({ locale: 'en-GB' });
        await en.goto(`${httpd.base}/cookiecharter/policy`);
        assert.equal(await en.getAttribute('html', 'lang'), 'en');
        assert.equal(await en.locator('h1').textContent(), 'Cookie policy');
        assert.deepEqual(await axe(en), []);
        await en.ccContext.close();
    });

    test('in a cross-site frame: the manage control only', async () => {
        await page.goto(`http://localhost:${httpd.port}/framer.html`);
        const frame = page.frameLocator('#embedded');
        await frame.locator('h1').waitFor();
        assert.equal(await frame.locator('#cookiecharter-banner').count(), 0);
        assert.equal(await frame.locator('#cookiecharter-manage').count(), 1);
        assert.equal(await frame.locator('#cookiecharter-manage').getAttribute('target'), '_blank');
    });
});
