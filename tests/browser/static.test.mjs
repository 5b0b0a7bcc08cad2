// The banner in a real browser, served by the static harness (harness.mjs):
// the markup rendered by the module's core for conf/charter-demo.yaml, the
// built-in banner.js and banner.css, a P/consent stand-in that answers as
// the contract says. httpd.test.mjs does the same through httpd.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { axe, launch, startServer } from './harness.mjs';

let browser;
let server;
let page;

before(async () => {
    server = await startServer();
    browser = await launch();
});

after(async () => {
    await page?.ccContext.close();
    await browser?.close();
    await server?.close();
});

beforeEach(async () => {
    server.setFailJson(false);
    server.posts.length = 0;
    if (page) {
        await page.ccContext.close();
    }
    page = await browser.newPage();
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
});

const open = async (query = '') => {
    await page.goto(`${server.base}/page?${query}`);
    await page.waitForFunction(() => document.readyState === 'complete'
        && document.getAnimations().every((a) => a.playState === 'finished'));
};

const visible = (sel) => page.locator(sel).isVisible();
const violations = () => page.evaluate(() => window.ccViolations);
const shift = () => page.evaluate(() => window.ccShift);
const focusedId = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);

describe('first visit', () => {
    test('the banner shows, labelled, with three equal controls; no CSP violation, no layout shift', async () => {
        await open('lang=fr');
        assert.equal(await visible('#cookiecharter-banner'), true);
        assert.equal(await visible('#cookiecharter-panel'), false);
        assert.equal(await visible('#cookiecharter-manage'), false);
        const dialog = page.getByRole('dialog');
        assert.equal(await dialog.count(), 1);
        assert.equal(await dialog.getAttribute('aria-labelledby'), 'cookiecharter-title');
        const boxes = await page.evaluate(() => [
            ...document.querySelectorAll('.cookiecharter-choices .cookiecharter-button'),
        ].map((b) => {
            const r = b.getBoundingClientRect();
            const s = getComputedStyle(b);
            return { w: Math.round(r.width), h: Math.round(r.height), weight: s.fontWeight, bg: s.backgroundColor, fg: s.color, size: s.fontSize };
        }));
        assert.equal(boxes.length, 3);
        for (const b of boxes.slice(1)) {
            assert.deepEqual(b, boxes[0], 'accept, reject and customise look the same');
        }
        const pos = await page.evaluate(() => {
            const b = document.getElementById('cookiecharter-banner');
            const r = b.getBoundingClientRect();
            return { position: getComputedStyle(b).position, bottom: Math.round(r.bottom), h: innerHeight };
        });
        assert.equal(pos.position, 'fixed');
        assert.equal(pos.bottom, pos.h);
        assert.equal(await page.evaluate(() => document.documentElement.classList.contains('cookiecharter-open')), true);
        assert.deepEqual(await violations(), []);
        assert.equal(await shift(), 0);
        assert.equal(server.posts.length, 0, 'showing the banner posts nothing');
    });

    test('customise is a disclosure of the panel, by mouse and keyboard', async () => {
        await open('lang=en');
        const c = page.locator('#cookiecharter-customize');
        assert.equal(await c.getAttribute('role'), 'button');
        assert.equal(await c.getAttribute('aria-controls'), 'cookiecharter-panel');
        assert.equal(await c.getAttribute('aria-expanded'), 'false');
        await c.click();
        assert.equal(await visible('#cookiecharter-panel'), true);
        assert.equal(await c.getAttribute('aria-expanded'), 'true');
        assert.equal(page.url().includes('/policy'), false, 'opened in place');
        // Unticked on a first visit; the required category ticked, disabled.
        assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('#cookiecharter-panel input[type=checkbox]')]
            .map((i) => [i.name ? i.value : 'required', i.checked, i.disabled])),
        [['required', true, true], ['statistics', false, false], ['marketing', false, false]]);
        await c.focus();
        await page.keyboard.press(' ');
        assert.equal(await visible('#cookiecharter-panel'), false);
        await page.keyboard.press('Enter');
        assert.equal(await visible('#cookiecharter-panel'), true);
        // Escape closes the panel, focus back on its control, banner stays.
        await page.locator('#cookiecharter-b-statistics').focus();
        await page.keyboard.press('Escape');
        assert.equal(await visible('#cookiecharter-panel'), false);
        assert.equal(await focusedId(), 'cookiecharter-customize');
        assert.equal(await visible('#cookiecharter-banner'), true);
        assert.deepEqual(await violations(), []);
    });

    test('Escape on a first visit consents to nothing and keeps the banner', async () => {
        await open('lang=fr');
        await page.locator('.cookiecharter-choices button[value="accept-all"]').focus();
        await page.keyboard.press('Escape');
        assert.equal(await visible('#cookiecharter-banner'), true);
        assert.equal(server.posts.length, 0);
    });

    test('the page stays usable: links under the banner are reachable, focus never hidden', async () => {
        await open('lang=fr');
        const pad = await page.evaluate(() => getComputedStyle(document.documentElement).scrollPaddingBottom);
        const height = await page.evaluate(() => document.getElementById('cookiecharter-banner').offsetHeight);
        assert.ok(parseFloat(pad) >= height, `scroll-padding-bottom ${pad} covers the banner (${height}px)`);
        // Tab through the page from its top: every focused link is above the banner.
        await page.locator('#p1').focus();
        for (let i = 0; i < 30; i++) {
            await page.keyboard.press('Tab');
            const r = await page.evaluate(() => {
                const el = document.activeElement;
                if (!el || el === document.body || el.closest('#cookiecharter-banner')) return null;
                const b = document.getElementById('cookiecharter-banner').getBoundingClientRect();
                return { id: el.id, bottom: el.getBoundingClientRect().bottom, top: b.top };
            });
            if (r) {
                assert.ok(r.bottom <= r.top + 1, `${r.id} (bottom ${r.bottom}) is not under the banner (top ${r.top})`);
            }
        }
        assert.equal(await visible('#cookiecharter-banner'), true);
    });
});

describe('choices through fetch', () => {
    test('accept all by keyboard: JSON post, banner closed, held elements back in order with their nonce', async () => {
        await open('lang=fr&held=1');
        assert.deepEqual(await page.evaluate(() => window.ccOrder), []);
        await page.locator('.cookiecharter-choices button[value="accept-all"]').focus();
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => window.ccOrder.length === 5);
        const post = server.posts[0];
        assert.equal(server.posts.length, 1);
        assert.match(post.accept, /application\/json/);
        assert.match(post.type, /^application\/x-www-form-urlencoded/);
        assert.equal(post.form.get('choice'), 'accept-all');
        assert.equal(post.form.has('category'), false);
        assert.equal(post.form.get('return'), '/page?lang=fr&held=1');
        assert.match(post.form.get('v'), /^[0-9a-f]{16}$/);
        assert.equal(await visible('#cookiecharter-banner'), false);
        assert.equal(await visible('#cookiecharter-manage'), true);
        assert.equal(await page.getAttribute('#cookiecharter-banner', 'data-cookiecharter-granted'), 'statistics+marketing');
        // a (slow, external) before the inline one before b: document order.
        const order = await page.evaluate(() => window.ccOrder);
        assert.deepEqual(order.slice(0, 4), ['a', 'inline', 'b', 'c']);
        assert.ok(order.includes('m'));
        assert.equal(await page.getAttribute('#held-frame', 'src'), '/fixture/frame.html');
        assert.equal(await page.getAttribute('#held-img', 'src'), '/fixture/pixel.svg?1');
        assert.equal(await page.getAttribute('#held-img', 'srcset'), '/fixture/pixel.svg?2 2x');
        assert.equal(await page.getAttribute('#held-host', 'src'), '/fixture/pixel.svg?3', 'nothing refused: host-held elements too');
        assert.equal(await page.evaluate(() => document.documentElement.classList.contains('cookiecharter-open')), false);
        assert.deepEqual(await violations(), []);
        assert.equal(await shift(), 0);
    });

    test('customise and save: only the ticked category is granted and released', async () => {
        await open('lang=en&held=1');
        await page.click('#cookiecharter-customize');
        await page.check('#cookiecharter-b-statistics');
        await page.click('#cookiecharter-panel button[value="custom"]');
        await page.waitForFunction(() => window.ccOrder.length === 4);
        const form = server.posts[0].form;
        assert.equal(form.get('choice'), 'custom');
        assert.deepEqual(form.getAll('category'), ['statistics']);
        assert.equal(await page.getAttribute('#cookiecharter-banner', 'data-cookiecharter-granted'), 'statistics');
        assert.deepEqual(await page.evaluate(() => window.ccOrder), ['a', 'inline', 'b', 'c']);
        assert.equal(await page.getAttribute('#held-frame', 'src'), null, 'marketing stays held');
        assert.equal(await page.getAttribute('#held-host', 'src'), null, 'host-held stays held while something is refused');
        assert.equal(await page.getAttribute('#held-img', 'src'), '/fixture/pixel.svg?1');
        assert.deepEqual(await violations(), []);
    });

    test('reject all: nothing released, no reload', async () => {
        await open('lang=fr&held=1');
        let loads = 0;
        page.on('load', () => { loads += 1; });
        await page.click('.cookiecharter-choices button[value="reject-all"]');
        await page.waitForFunction(() => document.getElementById('cookiecharter-banner').hidden);
        assert.equal(server.posts[0].form.get('choice'), 'reject-all');
        assert.equal(await page.getAttribute('#cookiecharter-banner', 'data-cookiecharter-granted'), '-');
        await page.waitForTimeout(400);
        assert.deepEqual(await page.evaluate(() => window.ccOrder), []);
        assert.equal(loads, 0);
    });

    test('when fetch fails, the form is posted the ordinary way', async () => {
        server.setFailJson(true);
        await open('lang=fr');
        await Promise.all([
            page.waitForEvent('load'),
            page.click('.cookiecharter-choices button[value="reject-all"]'),
        ]);
        assert.equal(page.url(), `${server.base}/page?lang=fr`);
        assert.equal(server.posts.length, 2);
        assert.match(server.posts[1].type, /^application\/x-www-form-urlencoded/);
        assert.doesNotMatch(server.posts[1].accept, /application\/json/);
        assert.equal(server.posts[1].form.get('choice'), 'reject-all');
        assert.equal(server.posts[1].form.get('return'), '/page?lang=fr');
    });
});

describe('coming back to a choice', () => {
    test('manage reopens the banner with the choice ticked and focus inside; Escape closes it untouched', async () => {
        await open('lang=fr&state=choice&granted=statistics');
        assert.equal(await visible('#cookiecharter-banner'), false);
        assert.equal(await visible('#cookiecharter-manage'), true);
        await page.locator('#cookiecharter-manage').focus();
        await page.keyboard.press('Enter');
        assert.equal(await visible('#cookiecharter-banner'), true);
        assert.equal(await visible('#cookiecharter-panel'), true);
        assert.equal(page.url().includes('/policy'), false, 'preventDefault: no navigation');
        assert.equal(await focusedId(), 'cookiecharter-banner');
        assert.equal(await page.isChecked('#cookiecharter-b-statistics'), true);
        assert.equal(await page.isChecked('#cookiecharter-b-marketing'), false);
        await page.keyboard.press('Tab');
        await page.keyboard.press('Escape');
        assert.equal(await visible('#cookiecharter-banner'), false);
        assert.equal(await focusedId(), 'cookiecharter-manage');
        assert.equal(server.posts.length, 0);
    });

    test('refusing a category granted when the page loaded reloads the page', async () => {
        await open('lang=en&state=choice&granted=statistics&held=1');
        await page.click('#cookiecharter-manage');
        await page.uncheck('#cookiecharter-b-statistics');
        await Promise.all([
            page.waitForEvent('load'),
            page.click('#cookiecharter-panel button[value="custom"]'),
        ]);
        assert.equal(server.posts[0].form.get('choice'), 'custom');
        assert.equal(server.posts[0].form.has('category'), false);
    });

    test('a GPC refusal hides the banner and leaves every box unticked', async () => {
        await open('lang=fr&state=gpc');
        assert.equal(await visible('#cookiecharter-banner'), false);
        await page.click('#cookiecharter-manage');
        assert.equal(await page.isChecked('#cookiecharter-b-statistics'), false);
        assert.equal(await page.isChecked('#cookiecharter-b-marketing'), false);
    });
});

describe('accessibility and layout', () => {
    for (const scheme of ['light', 'dark']) {
        test(`axe finds no violation (${scheme}): banner, panel, policy page`, async () => {
            await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
            await open('lang=fr');
            assert.deepEqual(await axe(page), []);
            await page.click('#cookiecharter-customize');
            assert.deepEqual(await axe(page), []);
            await page.goto(`${server.base}/cookiecharter/policy?lang=en&state=choice&granted=marketing`);
            assert.deepEqual(await axe(page), []);
            assert.deepEqual(await violations(), []);
        });
    }

    test('usable at 320 px: nothing wider than the screen, controls stacked and reachable', async () => {
        await page.setViewportSize({ width: 320, height: 568 });
        await open('lang=fr');
        const m = await page.evaluate(() => {
            const b = document.getElementById('cookiecharter-banner');
            const r = b.getBoundingClientRect();
            return {
                docWidth: document.documentElement.scrollWidth,
                bannerWidth: r.width,
                height: r.height,
                buttons: [...document.querySelectorAll('.cookiecharter-choices .cookiecharter-button')]
                    .map((x) => { const q = x.getBoundingClientRect(); return [q.left, q.right, q.width]; }),
            };
        });
        assert.ok(m.docWidth <= 320, `page ${m.docWidth}px wide`);
        assert.ok(m.bannerWidth <= 320);
        assert.ok(m.height <= 568 * 0.6 + 1, `banner ${m.height}px tall`);
        for (const [l, r, w] of m.buttons) {
            assert.ok(l >= 0 && r <= 320, 'button within the screen');
            assert.equal(w, m.buttons[0][2]);
        }
        await page.click('#cookiecharter-customize');
        await page.click('#cookiecharter-panel button[value="custom"]');
        await page.waitForFunction(() => document.getElementById('cookiecharter-banner').hidden);
        assert.equal(server.posts[0].form.get('choice'), 'custom');
        await page.goto(`${server.base}/cookiecharter/policy?lang=fr`);
        assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 320, 'policy page fits');
    });

    test('at 200 % zoom the banner scrolls inside instead of covering the page', async () => {
        // 1280x800 at 200 %: a 640x400 CSS viewport.
        await page.setViewportSize({ width: 640, height: 400 });
        await open('lang=en');
        await page.click('#cookiecharter-customize');
        const m = await page.evaluate(() => {
            const b = document.getElementById('cookiecharter-banner');
            return { h: b.getBoundingClientRect().height, sh: b.scrollHeight, overflow: getComputedStyle(b).overflowY };
        });
        assert.ok(m.h <= 400 * 0.6 + 1, `banner ${m.h}px tall`);
        assert.equal(m.overflow, 'auto');
        const save = page.locator('#cookiecharter-panel button[value="custom"]');
        await save.scrollIntoViewIfNeeded();
        assert.equal(await save.isVisible(), true);
        await save.click();
        await page.waitForFunction(() => document.getElementById('cookiecharter-banner').hidden);
    });

    test('reduced motion: no animation', async () => {
        await page.emulateMedia({ reducedMotion: 'reduce' });
        await open('lang=fr');
        assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById('cookiecharter-banner')).animationName), 'none');
        await page.emulateMedia({ reducedMotion: 'no-preference' });
        assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById('cookiecharter-banner')).animationName), 'cookiecharter-in');
    });
});

describe('the policy page form', () => {
    // banner.js does nothing there (no banner): the forms post as they are.
    test('accept all posts no category even with boxes ticked; save posts the boxes', async () => {
        await page.goto(`${server.base}/cookiecharter/policy?lang=fr&state=choice&granted=statistics`);
        assert.equal(await page.isChecked('#cookiecharter-p-statistics'), true);
        await Promise.all([
            page.waitForURL(/\/cookiecharter\/policy$/),
            page.click('#cookiecharter-preferences button[value="accept-all"]'),
        ]);
        assert.equal(server.posts[0].form.get('choice'), 'accept-all');
        assert.equal(server.posts[0].form.has('category'), false);
        assert.equal(server.posts[0].form.get('return'), '/cookiecharter/policy');
        await page.goto(`${server.base}/cookiecharter/policy?lang=fr&state=choice&granted=statistics`);
        await page.check('#cookiecharter-p-marketing');
        await Promise.all([
            page.waitForURL(/\/cookiecharter\/policy$/),
            page.click('#cookiecharter-preferences button[value="custom"]'),
        ]);
        assert.equal(server.posts[1].form.get('choice'), 'custom');
        assert.deepEqual(server.posts[1].form.getAll('category'), ['statistics', 'marketing']);
        assert.deepEqual(await violations(), []);
    });
});
