// A private httpd with mod_cookiecharter for the browser tests: its own
// ServerRoot in a temporary folder, 127.0.0.1 on a free port, the demo
// charter, tests/browser/site as DocumentRoot, and
// Content-Security-Policy: default-src 'self' on every response.
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { charter, srcdir } from './harness.mjs';

const MODDIR = process.env.CC_MODDIR || '/usr/lib/apache2/modules';

export const module = process.env.CC_MODULE_SO;
export const httpdBin = process.env.CC_HTTPD;

function freePort() {
    return new Promise((resolve, reject) => {
        const s = net.createServer();
        s.on('error', reject);
        s.listen(0, '127.0.0.1', () => {
            const { port } = s.address();
            s.close(() => resolve(port));
        });
    });
}

const sleep = (ms) => new Promise((r) => { setTimeout(r, ms); });

export async function startHttpd() {
    // World-readable: as root, httpd's children run as nobody.
    const root = mkdtempSync('/tmp/cc-browser-httpd-');
    chmodSync(root, 0o755);
    const site = path.join(root, 'site');
    cpSync(path.join(srcdir, 'tests/browser/site'), site, { recursive: true });
    cpSync(charter, path.join(root, 'charter.yaml'));
    const port = await freePort();
    const asRoot = process.getuid && process.getuid() === 0;
    const conf = `ServerRoot "${root}"
ServerName 127.0.0.1:${port}
Listen 127.0.0.1:${port}
PidFile "${root}/httpd.pid"
DefaultRuntimeDir "${root}"
ErrorLog "${root}/error_log"
LogLevel info cookiecharter:debug
LoadModule mpm_event_module ${MODDIR}/mod_mpm_event.so
LoadModule authz_core_module ${MODDIR}/mod_authz_core.so
LoadModule mime_module ${MODDIR}/mod_mime.so
LoadModule dir_module ${MODDIR}/mod_dir.so
LoadModule headers_module ${MODDIR}/mod_headers.so
LoadModule cookiecharter_module "${module}"
${asRoot ? 'User nobody\nGroup nogroup' : ''}
StartServers 1
ServerLimit 2
ThreadsPerChild 16
MaxRequestWorkers 32
TypesConfig /etc/mime.types
AddDefaultCharset utf-8
DocumentRoot "${site}"
DirectoryIndex index.html
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<Directory "${site}">
    Options None
    Require all granted
</Directory>
Header always set Content-Security-Policy "default-src 'self'"
# "Another site" (localhost) frames this one (127.0.0.1).
<Location "/framer.html">
    Header always set Content-Security-Policy "default-src 'self'; frame-src http://127.0.0.1:${port}"
</Location>
CookieCharterFile "${root}/charter.yaml"
CookieCharter On
`;
    writeFileSync(path.join(root, 'httpd.conf'), conf);
    const proc = spawn(httpdBin, ['-DFOREGROUND', '-d', root, '-f', path.join(root, 'httpd.conf')],
        { stdio: ['ignore', 'inherit', 'inherit'] });
    let exited = false;
    proc.on('exit', () => { exited = true; });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
        if (exited || i > 100) {
            let log = '';
            try { log = readFileSync(path.join(root, 'error_log'), 'utf8'); } catch { /* none */ }
            rmSync(root, { recursive: true, force: true });
            throw new Error(`httpd did not start on ${base}\n${log.slice(-2000)}`);
        }
        try {
            const r = await fetch(`${base}/order.js`);
            if (r.ok) break;
        } catch { /* not yet */ }
        await sleep(100);
    }
    return {
        base,
        port,
        root,
        log: () => readFileSync(path.join(root, 'error_log'), 'utf8'),
        async stop() {
            if (!exited) {
                proc.kill('SIGTERM');
                for (let i = 0; i < 100 && !exited; i++) {
                    await sleep(100);
                }
                if (!exited) {
                    proc.kill('SIGKILL');
                }
            }
            rmSync(root, { recursive: true, force: true });
        },
    };
}
