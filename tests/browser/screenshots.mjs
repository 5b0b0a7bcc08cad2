// Screenshots of the banner for the docs: desktop (1280x800) and mobile
// (360x740), French and English, first layer and customise panel, on the
// demo page served by a real httpd with the module and the demo charter.
// Writes docs/screenshots/*.png.
//   CC_MODULE_SO=... CC_HTTPD=... node screenshots.mjs
//   (or CC_SCREENSHOTS=1 run.sh ...)
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launch, srcdir } from './harness.mjs';
import { startHttpd } from './lib/httpd.mjs';

const out = path.join(srcdir, 'docs/screenshots');
mkdirSync(out, { recursive: true });

const server = await startHttpd();
const browser = await launch();
try {
    const sizes = {
        desktop: { viewport: { width: 1280, height: 800 } },
        mobile: { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
    };
    for (const [size, options] of Object.entries(sizes)) {
        for (const lang of ['fr', 'en']) {
            for (const panel of [false, true]) {
                const page = await browser.newPage({
                    ...options, locale: lang === 'fr' ? 'fr-FR' : 'en-GB', reducedMotion: 'reduce', colorScheme: 'light',
                });
                await page.goto(`${server.base}/`);
                await page.waitForFunction(() => document.readyState === 'complete');
                if (panel) {
                    await page.click('#cookiecharter-customize');
                    // Show the save button at the end of the panel.
                    await page.evaluate(() => {
                        const b = document.getElementById('cookiecharter-banner');
                        b.scrollTop = b.scrollHeight;
                    });
                }
                const file = path.join(out, `banner-${size}-${lang}${panel ? '-customize' : ''}.png`);
                await page.screenshot({ path: file });
                console.log(`wrote ${path.relative(srcdir, file)}`);
                await page.ccContext.close();
            }
        }
    }
} finally {
    await browser.close();
    await server.stop();
}
