// End to end through a real httpd (lib/e2e.mjs): the banner as a visitor
// meets it on the application's pages: its language, the keyboard alone,
// axe-core, the server's Content-Security-Policy and layout stability.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { axe, launch } from './harness.mjs';
import { consentValue, skip, startE2eHttpd } from './lib/e2e.mjs';

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

async function withPage(options, fn) {
    const page = await browser.newPage({ locale: 'fr-FR', ...options });
    try {
        await fn(page, page.ccContext);
    } finally {
        await page.ccContext.close();
    }
}

async function open(page, path) {
    const response = await page.goto(`${httpd.base}${path}`);
    await page.waitForLoadState('networkidle');
    return response;
}

const text = (page, sel) => page.locator(sel).first().innerText();
const violations = (page) => page.evaluate(() => window.ccViolations);
const shift = (page) => page.evaluate(() => window.ccShift);
const bannerVisible = (page) => page.locator('#cookiecharter-banner').isVisible();

// Tab until the focused element matches sel (a bounded walk).
async function tabTo(page, sel) {
    for (let i = 0; i < 40; i++) {
        if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, sel)) {
            return;
        }
        await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached ${sel}`);
}

function consentPosts(page) {
    const posts = [];
    page.on('request', (r) => {
        if (new URL(r.url()).pathname === '/cookiecharter/consent') {
            posts.push(r.method());
        }
    });
    return posts;
}

describe('end to end: the banner on the application\'s pages', { skip }, () => {
    const LANGS = [
        {
            locale: 'fr-FR', lang: 'fr', title: 'Vos choix en matière de cookies',
            accept: 'Tout accepter', reject: 'Tout refuser', label: "Mesure d'audience",
        },
        {
            locale: 'en-GB', lang: 'en', title: 'Your cookie choices',
            accept: 'Accept all', reject: 'Reject all', label: 'Audience measurement',
        },
        // Not in the charter's languages: the first one.
        {
            locale: 'de-DE', lang: 'fr', title: 'Vos choix en matière de cookies',
            accept: 'Tout accepter', reject: 'Tout refuser', label: "Mesure d'audience",
        },
    ];
    for (const l of LANGS) {
        test(`Accept-Language from the ${l.locale} locale: banner and policy in ${l.lang}`, async () => {
            await withPage({ locale: l.locale }, async (page) => {
                const response = await open(page, '/app/trackers');
                assert.match(await response.request().headerValue('accept-language'), new RegExp(`^${l.locale}`));
                assert.match(response.headers().vary, /Accept-Language/i);
                assert.equal(await page.getAttribute('#cookiecharter-banner', 'lang'), l.lang);
                assert.equal(await text(page, '#cookiecharter-title'), l.title);
                assert.equal(await text(page, 'button[value="accept-all"]'), l.accept);
                assert.equal(await text(page, 'button[value="reject-all"]'), l.reject);
                assert.equal(await text(page, '.cookiecharter-purposes li'), l.label);
                await page.click('#cookiecharter-customize');
                assert.equal(await text(page, 'label[for="cookiecharter-b-statistics"]'), l.label);
                await page.click('.cookiecharter-more a');
                await page.waitForLoadState('load');
                assert.equal(await page.getAttribute('html', 'lang'), l.lang);
                assert.equal(await text(page, 'h1'), l.lang === 'fr' ? 'Charte cookies' : 'Cookie policy');
            });
        });
    }

    test('keyboard only: Tab reaches the banner first, Escape is no choice, Space and Enter work the controls', async () => {
        await withPage({}, async (page, context) => {
            const posts = consentPosts(page);
            await open(page, '/app/trackers');
            await page.keyboard.press('Tab');
            assert.equal(await page.evaluate(() => document.getElementById('cookiecharter-banner')
                .contains(document.activeElement)), true, 'the first Tab stop is in the banner');
            await page.keyboard.press('Escape');
            assert.equal(await bannerVisible(page), true);

            // Customise with Space, close the panel with Escape (still no
            // choice), open it with Enter, tick statistics with Space, save
            // with Enter.
            await tabTo(page, '#cookiecharter-customize');
            assert.notEqual(await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle), 'none',
                'visible focus');
            await page.keyboard.press('Space');
            assert.equal(await page.getAttribute('#cookiecharter-customize', 'aria-expanded'), 'true');
            assert.equal(await page.locator('#cookiecharter-panel').isVisible(), true);
            await page.keyboard.press('Tab');
            assert.equal(await page.evaluate(() => document.getElementById('cookiecharter-panel')
                .contains(document.activeElement)), true, 'Tab goes on into the open panel');
            await page.keyboard.press('Escape');
            assert.equal(await page.locator('#cookiecharter-panel').isVisible(), false);
            assert.equal(await page.evaluate(() => document.activeElement.id), 'cookiecharter-customize');
            assert.equal(await bannerVisible(page), true);
            assert.deepEqual(posts, []);
            assert.equal(await consentValue(context), undefined);

            await page.keyboard.press('Enter');
            assert.equal(await page.locator('#cookiecharter-panel').isVisible(), true);
            await tabTo(page, '#cookiecharter-b-statistics');
            await page.keyboard.press('Space');
            assert.equal(await page.isChecked('#cookiecharter-b-statistics'), true);
            await tabTo(page, '#cookiecharter-panel button[value="custom"]');
            await Promise.all([
                page.waitForResponse((r) => new URL(r.url()).pathname === '/cookiecharter/consent'),
                page.keyboard.press('Enter'),
            ]);
            await page.waitForFunction(() => window.__matomoRan === true);
            assert.equal(await bannerVisible(page), false);
            assert.ok((await consentValue(context)).endsWith('.statistics'));
            assert.equal(await page.evaluate(() => window.__gtmRan === true), false);
        });
        for (const [choice, key, granted] of [['reject-all', 'Space', '-'], ['accept-all', 'Enter', 'statistics+marketing']]) {
            await withPage({}, async (page, context) => {
                await open(page, '/app/plain');
                await tabTo(page, `.cookiecharter-choices button[value="${choice}"]`);
                await Promise.all([
                    page.waitForResponse((r) => new URL(r.url()).pathname === '/cookiecharter/consent'),
                    page.keyboard.press(key),
                ]);
                await page.waitForFunction(() => document.getElementById('cookiecharter-banner').hidden);
                assert.ok((await consentValue(context)).endsWith(`.${granted}`), `${choice} with ${key}`);
            });
        }
    });

    test('axe-core: no violation with the banner, its customise panel open, and after the choice', async () => {
        for (const locale of ['fr-FR', 'en-GB']) {
            await withPage({ locale }, async (page) => {
                await open(page, '/app/plain');
                assert.deepEqual(await axe(page), [], `${locale}: first layer`);
                await page.click('#cookiecharter-customize');
                assert.equal(await page.locator('#cookiecharter-panel').isVisible(), true);
                assert.deepEqual(await axe(page), [], `${locale}: customise panel`);
                await page.click('.cookiecharter-choices button[value="accept-all"]');
                await page.waitForFunction(() => window.__videoLoaded === true);
                // Known: the manage control stands outside any landmark
                // (best-practice rule `region`); the contract puts it bare
                // after the banner. Every other rule applies to it.
                const after = (await axe(page)).filter((v) => !(v.id === 'region'
                    && v.nodes.every((n) => n === '#cookiecharter-manage')));
                assert.deepEqual(after, [], `${locale}: after accepting, manage control shown`);
            });
        }
    });

    test('Content-Security-Policy default-src \'self\' from the server: no violation, banner and release work', async () => {
        await withPage({}, async (page) => {
            for (const path of ['/app/plain', '/cgi/plain']) {
                const response = await open(page, path);
                assert.equal(response.headers()['content-security-policy'], "default-src 'self'");
                assert.equal(await bannerVisible(page), true);
                await page.click('#cookiecharter-customize');
                assert.equal(await page.locator('#cookiecharter-panel').isVisible(), true);
                await page.click('#cookiecharter-customize');
                assert.deepEqual(await violations(page), [], path);
            }
            await page.click('.cookiecharter-choices button[value="accept-all"]');
            await page.waitForFunction(() => window.__heatmapRan === true && window.__videoLoaded === true);
            await page.click('#cookiecharter-manage');
            assert.equal(await bannerVisible(page), true);
            await page.keyboard.press('Escape');
            assert.equal(await bannerVisible(page), false);
            assert.deepEqual(await violations(page), []);
            // The recorder does see a violation when there is one.
            await page.evaluate(() => {
                const s = document.createElement('script');
                s.textContent = 'window.__inline = 1;';
                document.body.appendChild(s);
            });
            await page.waitForFunction(() => window.ccViolations.length > 0);
        });
    });

    test('cumulative layout shift 0: load, released trackers and video, the next page, desktop and 360 px', async () => {
        const sizes = [
            { viewport: { width: 1280, height: 800 } },
            { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true },
        ];
        for (const size of sizes) {
            for (const path of ['/app/trackers', '/app/plain']) {
                await withPage(size, async (page) => {
                    await open(page, path);
                    await page.waitForTimeout(300);
                    assert.equal(await shift(page), 0, `${path} ${size.viewport.width}: load`);
                    await page.click('.cookiecharter-choices button[value="accept-all"]');
                    await page.waitForFunction(() => window.__videoLoaded === true);
                    // (No networkidle: Playwright misses it once a held frame loads.)
                    await page.waitForTimeout(700);
                    assert.equal(await shift(page), 0, `${path} ${size.viewport.width}: after accepting`);
                    await page.reload();
                    await page.waitForLoadState('networkidle');
                    await page.waitForTimeout(300);
                    assert.equal(await shift(page), 0, `${path} ${size.viewport.width}: accepted page`);
                });
            }
        }
    });
});
