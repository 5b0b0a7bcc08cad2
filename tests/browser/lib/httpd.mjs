// A private httpd with mod_cookiecharter for the browser tests: its own
// ServerRoot in a temporary folder, 127.0.0.1 on free ports, a charter,
// tests/browser/site as DocumentRoot, and Content-Security-Policy:
// default-src 'self' on every response (Header always set).
//   startHttpd({ charter, ports, modules, conf })
// charter: the YAML file (default: the demo charter), or charterText: its
// text; ports: how many more
// free ports to take (for a backend virtual host); modules: more modules to
// load by name; conf({ root, site, port, ports }): more configuration.
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { charter as demoCharter, srcdir } from '../harness.mjs';

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

export const sleep = (ms) => new Promise((r) => { setTimeout(r, ms); });

export async function startHttpd(options = {}) {
    const {
        charter = demoCharter, charterText, ports: more = 0, modules = [],
        conf = () => '',
    } = options;
    // World-readable: as root, httpd's children run as nobody.
    const root = mkdtempSync('/tmp/cc-browser-httpd-');
    chmodSync(root, 0o755);
    const site = path.join(root, 'site');
    cpSync(path.join(srcdir, 'tests/browser/site'), site, { recursive: true });
    if (charterText !== undefined) {
        writeFileSync(path.join(root, 'charter.yaml'), charterText);
    } else {
        cpSync(charter, path.join(root, 'charter.yaml'));
    }
    const port = await freePort();
    const ports = [];
    while (ports.length < more) {
        const p = await freePort();
        if (p !== port && !ports.includes(p)) {
            ports.push(p);
        }
    }
    const asRoot = process.getuid && process.getuid() === 0;
    const load = modules.map((m) => `LoadModule ${m}_module ${MODDIR}/mod_${m}.so`).join('\n');
    const text = `ServerRoot "${root}"
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
${load}
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
CookieCharterFile "${root}/charter.yaml"
CookieCharter On
${conf({ root, site, port, ports })}
`;
    writeFileSync(path.join(root, 'httpd.conf'), text);
    const proc = spawn(httpdBin, ['-DFOREGROUND', '-d', root, '-f', path.join(root, 'httpd.conf')],
        { stdio: ['ignore', 'inherit', 'inherit'] });
    let exited = false;
    proc.on('exit', () => { exited = true; });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
        if (exited || i > 100) {
            let log = '';
            try { log = readFileSync(path.join(root, 'error_log'), 'utf8'); } catch { /* none */ }
            if (!exited) {
                proc.kill('SIGKILL');
            }
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
        ports,
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
