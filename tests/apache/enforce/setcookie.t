# Set-Cookie enforcement on every kind of final response: proxied (200,
# 404, 302, 304), CGI, mod_headers (onsuccess and always), ErrorDocument,
# Redirect, mod_cache hits with and without the quick handler; block and
# allow for undeclared names; report mode; the environment variables.
use strict;
use warnings FATAL => 'all';

use Apache::Test qw(-withtestmore);
use CCTest qw(log_watch_start log_wait_for backend_url);
use CCEnforce qw(req consent names expiring_names header_all env_line);

plan tests => 60;

my @necessary = qw(csrftoken sessionid);
my @declared = sort qw(csrftoken sessionid _pk_id.1.abcd _ga);
my @all = sort(@declared, 'cc_undeclared');
my $accept = consent(granted => 'statistics+marketing+prefs');
my $reject = consent(granted => '-');


# ---- proxied backend, every status ----
for my $case (['/fixed/index.html', 200], ['/fixed/no-such-page', 404],
              ['/fixed/redirect', 302]) {
    my ($path, $code) = @$case;
    my $res = req('GET', 'cc_enforce', $path);
    is($res->code, $code, "$path: $code");
    is_deeply([names($res)], \@necessary,
              "$path, no choice: only the necessary cookies");
    $res = req('GET', 'cc_enforce', $path, Cookie => $reject);
    is_deeply([names($res)], \@necessary, "$path, reject-all: the same");
    $res = req('GET', 'cc_enforce', $path, Cookie => $accept);
    is_deeply([names($res)], \@declared,
              "$path, accept-all: every declared cookie, not the undeclared");
}

my $res = req('GET', 'cc_enforce', '/allow/index.html', Cookie => $accept);
is_deeply([names($res)], \@all, 'Undeclared allow: the undeclared one passes');
$res = req('GET', 'cc_enforce', '/allow/index.html');
is_deeply([names($res)], [sort(@necessary, 'cc_undeclared')],
          'Undeclared allow, no choice: necessary and undeclared');

$res = req('GET', 'cc_enforce', '/off/index.html');
is_deeply([names($res)], \@all, 'CookieCharter Off: untouched');

# ---- report mode: decide and log, change nothing ----
log_watch_start();
$res = req('GET', 'cc_enforce', '/report/index.html', 'X-Enforce-Tag' => 'rep1');
is_deeply([names($res)], \@all, 'report mode: every cookie passes');
is(env_line('rep1'), '/report/index.html|unset|3|rep1',
   'report mode: COOKIECHARTER_BLOCKED counts the would-be removals');
ok(scalar(log_wait_for(qr/would remove Set-Cookie '_ga' \(category not granted\)/)),
   'report mode: the would-be removal is logged');
$res = req('GET', 'cc_enforce', '/report/index.html', Cookie => "_ga=1; $reject");
is_deeply([expiring_names($res)], [], 'report mode: no purge either');

# ---- environment variables ----
req('GET', 'cc_enforce', '/fixed/index.html', 'X-Enforce-Tag' => 'env1');
is(env_line('env1'), '/fixed/index.html|unset|3|env1', 'no choice: unset, 3 blocked');
req('GET', 'cc_enforce', '/fixed/index.html', Cookie => $accept, 'X-Enforce-Tag' => 'env2');
is(env_line('env2'), '/fixed/index.html|statistics+marketing+prefs|1|env2',
   'accept-all: the granted ids, 1 blocked');
req('GET', 'cc_enforce', '/fixed/index.html', Cookie => $reject, 'X-Enforce-Tag' => 'env3');
is(env_line('env3'), '/fixed/index.html|-|3|env3', 'reject-all: -, 3 blocked');
req('GET', 'cc_enforce', '/fixed/index.html', Cookie => consent(granted => 'marketing'),
    'X-Enforce-Tag' => 'env4');
is(env_line('env4'), '/fixed/index.html|marketing|2|env4', 'custom: marketing, 2 blocked');

# ---- logging ----
log_watch_start();
my $odd = 'undecl_' . int(rand(1e9));
for (1 .. 6) {
    req('GET', 'cc_enforce', "/app?c=$odd");
}
my @warn = log_wait_for(qr/Set-Cookie name '\Q$odd\E' is not declared/);
ok(scalar(@warn) >= 1, 'an undeclared name is logged at warn');
my %per_pid;
$per_pid{$_}++ for map { /\[pid (\d+)/ ? $1 : 'none' } @warn;
ok(!grep({ $_ > 1 } values %per_pid), '... once per process');
ok(scalar(grep { /:warn\]/ } @warn) == scalar(@warn), '... at level warn');
ok(scalar(log_wait_for(qr/:debug\] .*removed Set-Cookie '\Q$odd\E' \(undeclared\)/)),
   'each removal is logged at debug');
log_watch_start();
req('GET', 'cc_enforce', '/app?raw=' . 'evil%0Bname%1B%5Bx=1');
ok(!grep({ /\x0b|\x1b/ } log_wait_for(qr/cookiecharter/, 2)),
   'control characters of a name never reach the error log raw');

# ---- CGI (err_headers_out), also on an error status ----
for my $q ('', '?status=404', '?status=500') {
    $res = req('GET', 'cc_enforce', "/cgi/cookies.pl$q");
    is_deeply([names($res)], \@necessary, "CGI$q, no choice: necessary only");
    $res = req('GET', 'cc_enforce', "/cgi/cookies.pl$q", Cookie => $accept);
    is_deeply([names($res)], \@declared, "CGI$q, accept-all: declared ones");
}

# ---- mod_headers: Header add (headers_out) and Header always add ----
$res = req('GET', 'cc_enforce', '/headers/plain.txt');
is_deeply([names($res)], \@necessary,
          'Header add/always add: optional ones and a foreign consent cookie removed');
$res = req('GET', 'cc_enforce', '/headers/plain.txt', Cookie => $accept);
is_deeply([names($res)], [sort qw(_ga csrftoken sessionid _pk_id.9.x)],
          'accept-all: the optional ones pass; the consent cookie name never does');
$res = req('GET', 'cc_enforce', '/headers/no-such-file');
is($res->code, 404, 'Header always add on a 404');
is_deeply([names($res)], ['sessionid'], '... only the necessary always-cookie');

# ---- 304 ----
$res = req('GET', 'cc_enforce', '/headers/plain.txt');
my $etag = $res->header('ETag');
ok($etag, 'plain.txt has an ETag');
$res = req('GET', 'cc_enforce', '/headers/plain.txt', 'If-None-Match' => $etag);
is($res->code, 304, 'a conditional GET gets 304');
is_deeply([names($res)], \@necessary, '304: only the necessary cookies (both tables)');
my $bres = Apache::TestRequest::GET(backend_url('/index.html'));
Apache::TestRequest::module('default');
$res = req('GET', 'cc_enforce', '/fixed/index.html', 'If-None-Match' => $bres->header('ETag'));
is($res->code, 304, 'proxied 304 from the backend');
is_deeply([names($res)], \@necessary, 'proxied 304: necessary only');

# ---- ErrorDocument and Redirect ----
$res = req('GET', 'cc_enforce', '/errdoc/no-such-file');
like($res->content, qr/id="cgi-marker"/, 'local ErrorDocument: a cookie-setting CGI');
is_deeply([names($res)], \@necessary, '... necessary only');
$res = req('GET', 'cc_enforce', '/errstr/no-such-file');
like($res->content, qr/gone$/, 'string ErrorDocument');
is_deeply([names($res)], ['sessionid'], '... necessary only');
$res = req('GET', 'cc_enforce', '/redir');
is($res->code, 302, 'Redirect: 302');
is_deeply([names($res)], ['sessionid'], '... necessary only');
$res = req('GET', 'cc_enforce', '/redir', Cookie => $accept);
is_deeply([names($res)], [sort qw(_ga sessionid)], '... accept-all: both');

# ---- mod_cache: quick handler on and off ----
for my $c (['cc_enforce', '/qcache/index.html', 'quick handler'],
           ['cc_enforce_nq', '/nqcache/index.html', 'CacheQuickHandler off']) {
    my ($vh, $path, $what) = @$c;
    req('GET', $vh, $path, Cookie => $accept);      # fill the cache
    my $hit;
    for (1 .. 3) {
        $res = req('GET', $vh, $path);
        $hit = ($res->header('X-Cache') // '') =~ /^HIT/;
        last if $hit;
    }
    ok($hit, "$what: served from the cache") or diag($res->as_string);
    is_deeply([names($res)], \@necessary, "$what, hit, no choice: necessary only");
    $res = req('GET', $vh, $path, Cookie => $accept);
    like($res->header('X-Cache') // '', qr/^HIT/, "$what: hit again");
    is_deeply([names($res)], \@declared, "$what, hit, accept-all: declared ones");
}

# ---- never merged ----
$res = req('GET', 'cc_enforce', '/app?c=sessionid&raw=' .
           'csrftoken%3Dx%3B%20Expires%3DWed%2C%2021%20Oct%202037%2007%3A28%3A00%20GMT&c=_ga');
my @sc = header_all($res, 'Set-Cookie');
is(scalar(@sc), 2, 'two Set-Cookie headers kept, as two headers');
ok((grep { /^csrftoken=x; Expires=Wed, 21 Oct 2037 07:28:00 GMT$/ } @sc),
   'a kept Expires with its comma is intact');
