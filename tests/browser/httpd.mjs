// The private httpd of httpd.test.mjs (lib/httpd.mjs starts it): the demo
// charter, tests/browser/site, Content-Security-Policy: default-src 'self',
// and /framer.html allowed to frame this site from localhost.
import { startHttpd as start } from './lib/httpd.mjs';

export { httpdBin, module } from './lib/httpd.mjs';

export function startHttpd() {
    // "Another site" (localhost) frames this one (127.0.0.1).
    return start({
        conf: ({ port }) => `<Location "/framer.html">
    Header always set Content-Security-Policy "default-src 'self'; frame-src http://127.0.0.1:${port}"
</Location>`,
    });
}
