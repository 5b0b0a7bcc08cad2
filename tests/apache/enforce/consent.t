# POST /cookiecharter/consent (contract section 5): methods, media type,
# size limits, form errors, cross-site refusals, the cookie it sets, the
# redirect (and open-redirect attempts), the JSON mode, purge of refused
# categories, and the endpoint behind ProxyPass / and RewriteRule [P].
use strict;
use warnings FATAL => 'all';

use Apache::Test qw(-withtestmore);
use IO::Socket::INET ();
use JSON::PP ();
use URI ();
use URI::Escape qw(uri_escape);
use CCEnforce qw(req url consent names expiring_names header_all ID);

my @redirects = (
    # [return value, where the 303 must go]
    ['//evil.example', '/'],
    ['///evil.example', '/'],
    ['/\\evil.example', '/'],
    ['\\\\evil.example', '/'],
    ['/x\\y', '/'],
    ['http://evil.example/', '/'],
    ['https:evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['evil.example', '/'],
    ['', '/'],
    ['/%2F/evil.example', '/'],
    ['/%2fevil.example', '/'],
    ['/%5Cevil.example', '/'],
    ['/%5c/evil.example', '/'],
    ["/\tevil", '/'],
    ['/ evil', '/'],
    # the form parser may refuse a control character outright (400)
    ["/\r\nSet-Cookie: x=1", undef],
    ["/caf\x{e9}", undef],           # Latin-1 byte: not UTF-8
    ["/caf\xc3\xa9", '/'],           # UTF-8: not %x21-7E
    ["\x{ff0f}\x{ff0f}evil.example", '/'],
    ['/' . ('a' x 2048), '/'],
    ['%2F%2Fevil.example', '/'],
    # local paths that are fine
    ['/policy?x=1#top', '/policy?x=1#top'],
    ['/a/%2F/b', '/a/%2F/b'],
    ['/' . ('a' x 2047), '/' . ('a' x 2047)],
    ['/', '/'],
);
my @origins_bad = ('http://evil.example', 'http://localhost:1',
                   'https://%HOSTPORT%', 'http://%HOSTPORT%/path',
                   'http://user@%HOSTPORT%', 'not a url');
my @sfs_bad = ('cross-site', 'same-site', 'none', 'Same-Origin', '');

# methods 9, media types 19, size 8, cross-site, form errors 14, success
# 14, JSON 12, redirects, proxied hosts 12, own cookie 6
plan tests => 9 + 19 + 8 + 2 * (@origins_bad + @sfs_bad) + 4 + 14 + 14
              + 12 + 2 * @redirects + 12 + 6;

my $P = '/cookiecharter/consent';
my $form = 'application/x-www-form-urlencoded';
my (undef, $hostport) = (url('cc_enforce', '/') =~ m{^(\w+)://([^/]+)/});

sub post {
    my ($body, @h) = @_;
    my $vh = 'cc_enforce';
    my %h = @h;
    $vh = delete $h{vhost} if $h{vhost};
    $h{'Content-Type'} //= $form;
    delete $h{'Content-Type'} if $h{'Content-Type'} eq 'NONE';
    return req('POST', $vh, $P, %h, content => $body);
}

sub no_cookie {
    my ($res, $what) = @_;
    is(scalar(header_all($res, 'Set-Cookie')), 0, "$what: nothing set");
}

# A raw HTTP/1.1 exchange with cc_enforce (for a chunked body).
sub raw {
    my ($text) = @_;
    my ($host, $port) = split /:/, $hostport;
    my $s = IO::Socket::INET->new(PeerAddr => '127.0.0.1', PeerPort => $port,
                                  Timeout => 10) or die "connect: $!";
    print $s $text;
    local $/;
    my $out = <$s>;
    close $s;
    return $out // '';
}

# ---- methods ----
for my $m (qw(GET HEAD PUT)) {
    my $res = req($m, 'cc_enforce', $P);
    is($res->code, 405, "$m $P: 405");
    my $allow = $res->header('Allow') // '';
    ok($allow =~ /\bPOST\b/ && $allow !~ /\bGET\b/, "... Allow: $allow");
    no_cookie($res, $m) if $m ne 'PUT';
}
ok(1, 'methods done');

# ---- media type ----
for my $ct ('text/plain', 'NONE', 'multipart/form-data; boundary=x',
            'application/json', 'application/x-www-form-urlencoded-x') {
    my $res = post('choice=accept-all', 'Content-Type' => $ct);
    is($res->code, 415, "Content-Type $ct: 415");
    no_cookie($res, "Content-Type $ct");
    ok(!$res->header('Location'), '... no redirect');
}
for my $ct ('application/x-www-form-urlencoded; charset=UTF-8',
            'Application/X-WWW-Form-Urlencoded') {
    my $res = post('choice=accept-all', 'Content-Type' => $ct);
    is($res->code, 303, "Content-Type $ct: accepted");
    ok(scalar(names($res)) == 1, '... one cookie set');
}

# ---- size ----
{
    my $big = 'choice=accept-all&pad=' . ('x' x 8200);
    my $res = post($big);
    is($res->code, 413, 'a body over 8 KiB: 413');
    no_cookie($res, '413');
    my $exact = 'choice=accept-all&pad=';
    $exact .= 'x' x (8192 - length $exact);
    $res = post($exact);
    is($res->code, 303, 'a body of exactly 8 KiB: accepted');
    # Content-Length says too much: refused before reading anything.
    my $out = raw("POST $P HTTP/1.1\r\nHost: $hostport\r\n"
                  . "Content-Type: $form\r\nContent-Length: 100000\r\n"
                  . "Connection: close\r\n\r\nchoice=accept-all");
    like($out, qr{^HTTP/1\.1 413 }, 'Content-Length 100000 with a short body: 413 at once');
    # A chunked body that grows past 8 KiB.
    my $chunk = 'x' x 4000;
    my $body = sprintf("%x\r\nchoice=accept-all&pad=\r\n", 22);
    $body .= sprintf("%x\r\n%s\r\n", length $chunk, $chunk) for 1 .. 3;
    $body .= "0\r\n\r\n";
    $out = raw("POST $P HTTP/1.1\r\nHost: $hostport\r\n"
               . "Content-Type: $form\r\nTransfer-Encoding: chunked\r\n"
               . "Connection: close\r\n\r\n$body");
    like($out, qr{^HTTP/1\.1 413 }, 'a chunked body growing past 8 KiB: 413');
    unlike($out, qr/^Set-Cookie:/mi, '... nothing set');
    $body = sprintf("%x\r\nchoice=reject-all\r\n0\r\n\r\n", 17);
    $out = raw("POST $P HTTP/1.1\r\nHost: $hostport\r\n"
               . "Content-Type: $form\r\nTransfer-Encoding: chunked\r\n"
               . "Connection: close\r\n\r\n$body");
    like($out, qr{^HTTP/1\.1 303 }, 'a small chunked body: accepted');
    like($out, qr/^Set-Cookie: cookies_preferences=v1\.e1\.\d+\.[A-Za-z0-9_-]{22}\.-;/mi,
         '... and the choice is set');
}

# ---- cross-site ----
for my $o (@origins_bad) {
    (my $origin = $o) =~ s/%HOSTPORT%/$hostport/;
    my $res = post('choice=accept-all', Origin => $origin);
    is($res->code, 403, "Origin $origin: 403");
    no_cookie($res, "Origin $origin");
}
for my $s (@sfs_bad) {
    my $res = post('choice=accept-all', 'Sec-Fetch-Site' => $s,
                   Origin => "http://$hostport");
    is($res->code, 403, "Sec-Fetch-Site '$s': 403 (even with a same Origin)");
    no_cookie($res, "Sec-Fetch-Site '$s'");
}
{
    my $res = post('choice=accept-all', Origin => "http://$hostport");
    is($res->code, 303, 'the same Origin: accepted');
    $res = post('choice=accept-all', Origin => 'null');
    is($res->code, 303, 'Origin null without Sec-Fetch-Site: not refused (contract)');
    $res = post('choice=accept-all', Origin => 'null', 'Sec-Fetch-Site' => 'cross-site');
    is($res->code, 403, 'Origin null with Sec-Fetch-Site cross-site: 403');
    $res = post('choice=accept-all', 'Sec-Fetch-Site' => 'same-origin',
                Origin => 'http://evil.example');
    is($res->code, 303, 'Sec-Fetch-Site same-origin decides first');
}

# ---- form errors: 400 with a plain message ----
for my $b ('', 'choice=maybe', 'category=statistics', 'choice=accept-all&category=statistics',
           'choice=custom&category=nosuch', 'choice=accept-all&choice=reject-all',
           'choice=%ZZ') {
    my $res = post($b);
    is($res->code, 400, "body '$b': 400");
    ok(($res->header('Content-Type') // '') =~ m{^text/plain} && length($res->content) > 3
       && scalar(header_all($res, 'Set-Cookie')) == 0,
       '... a plain message, nothing set') or diag($res->as_string);
}

# ---- success: the cookie, the redirect ----
{
    my $t0 = time;
    my $res = post('choice=custom&category=statistics&category=prefs&return=%2Fnext');
    is($res->code, 303, 'custom choice: 303');
    is($res->header('Location'), '/next', '... to return');
    my @sc = header_all($res, 'Set-Cookie');
    is(scalar(@sc), 1, '... one Set-Cookie');
    like($sc[0], qr/^cookies_preferences=v1\.e1\.(\d+)\.([A-Za-z0-9_-]{21}[AQgw])\.statistics\+prefs; Path=\/; Max-Age=15724800; SameSite=Lax; HttpOnly$/,
         '... v1.REVISION.ISSUED.ID.GRANTED with the attributes, no Secure on http');
    my ($issued, $id) = $sc[0] =~ /v1\.e1\.(\d+)\.([^.]+)\./;
    ok(abs($issued - $t0) <= 5, '... issued now');
    is($res->header('Cache-Control'), 'no-store', '... Cache-Control: no-store');

    # A new choice by a visitor with a valid one keeps its ID.
    $res = post('choice=reject-all', Cookie => consent(granted => 'marketing'));
    like(($res->header('Set-Cookie') // ''), qr/^cookies_preferences=v1\.e1\.\d+\.${\ID}\.-;/,
         'a visitor with a valid choice keeps its ID');
    # An invalid or outdated one does not count.
    $res = post('choice=reject-all', Cookie => consent(revision => 'e0'));
    unlike(($res->header('Set-Cookie') // ''), qr/${\ID}/, 'an old revision: a new ID');
    $res = post('choice=reject-all', Cookie => consent(issued => time - 200 * 86400));
    unlike(($res->header('Set-Cookie') // ''), qr/${\ID}/, 'an expired choice: a new ID');
    # The first valid one counts.
    $res = post('choice=reject-all',
                Cookie => 'cookies_preferences=junk; ' . consent(granted => 'prefs'));
    like(($res->header('Set-Cookie') // ''), qr/${\ID}/, 'the first valid consent cookie counts');

    # Refused categories: the request's cookies of them are expired.
    $res = post('choice=custom&category=statistics',
                Cookie => '_ga=1; _pk_id.1.abcd=2; theme=3; sessionid=4; cc_undeclared=5');
    is_deeply([expiring_names($res)], [sort qw(_ga theme)],
              'custom statistics: the marketing and prefs cookies expire, no other');
    $res = post('choice=accept-all', Cookie => '_ga=1; _pk_id.1.abcd=2; theme=3');
    is_deeply([expiring_names($res)], [], 'accept-all: nothing expires');
    $res = post('choice=reject-all', Cookie => '_ga=1; ' . consent(granted => 'marketing'));
    is_deeply([expiring_names($res)], ['_ga'], 'reject-all: _ga expires, never the consent cookie');
    is($res->header('Cache-Control'), 'no-store', '... still no-store');
}

# ---- JSON mode ----
{
    my $res = post('choice=custom&category=marketing', Accept => 'application/json');
    is($res->code, 200, 'Accept: application/json: 200');
    like($res->header('Content-Type') // '', qr{^application/json}, '... JSON');
    my $j = eval { JSON::PP::decode_json($res->content) } || {};
    is_deeply([sort keys %$j], [qw(granted id refused revision)], '... the four keys');
    is_deeply($j->{granted}, ['marketing'], '... granted');
    is_deeply($j->{refused}, [qw(statistics prefs)], '... refused, charter order');
    like($res->header('Set-Cookie') // '', qr/\Q$j->{id}\E\.marketing;/, '... the same choice in the cookie');
    for my $a ('application/json, text/html', '*/*', 'text/html;q=0.9, application/json;q=0.9',
               'application/json;q=0.5, */*;q=0.6') {
        $res = post('choice=accept-all', Accept => $a);
        is($res->code, 303, "Accept '$a': not strictly preferred, 303");
    }
    for my $a ('text/html;q=0.5, application/json', 'application/json, */*;q=0.1') {
        $res = post('choice=accept-all', Accept => $a);
        is($res->code, 200, "Accept '$a': JSON");
    }
}

# ---- open redirects ----
for my $r (@redirects) {
    my ($ret, $want) = @$r;
    my $enc = uri_escape(utf8::is_utf8($ret) ? do { my $x = $ret; utf8::encode($x); $x } : $ret);
    my $res = post("choice=reject-all&return=$enc");
    my $what = 'return ' . (length $ret > 40 ? substr($ret, 0, 20) . '... (' . length($ret) . ')' : "'$ret'");
    if (!defined $want) {
        ok($res->code == 400 || ($res->code == 303 && $res->header('Location') eq '/'),
           "$what: refused or sent home");
        ok(!grep({ /^x=/ } header_all($res, 'Set-Cookie')), '... nothing injected');
        next;
    }
    is($res->code, 303, "$what: 303");
    is($res->header('Location'), $want, "... to $want") or diag($res->header('Location'));
}

# ---- behind ProxyPass / and RewriteRule [P] ----
for my $vh ('cc_enforce_pp', 'cc_enforce_rw') {
    my $res = post('choice=accept-all&return=%2Fhome', vhost => $vh);
    is($res->code, 303, "$vh: P/consent answers, not the backend");
    is($res->header('Location'), '/home', '... with its redirect');
    is(scalar(names($res)), 1, '... and sets the choice');
    $res = req('GET', $vh, '/app?c=_ga&c=sessionid', Cookie => consent(granted => '-'));
    is($res->code, 200, "$vh: the rest goes to the backend");
    is_deeply([names($res)], ['sessionid'], '... enforced');
    like($res->content, qr/^cookie: /, '... which answered');
}

# ---- the module's own cookie and a backend's: the filter's view ----
{
    # On the consent response itself only the module's cookie passes, and
    # the env says the new choice (checked through the access log).
    my $res = post('choice=accept-all', Cookie => '_ga=1');
    my @c = header_all($res, 'Set-Cookie');
    is(scalar(grep { /^cookies_preferences=/ } @c), 1, 'exactly one consent cookie');
    is_deeply([expiring_names($res)], [], 'accept-all: nothing expired by the filter either');
    # A backend's cookie of the consent name never passes, even granted.
    $res = req('GET', 'cc_enforce', '/app?raw=' . uri_escape('cookies_preferences=v1.e1.1.' . ID . '.statistics; Path=/'),
               Cookie => consent(granted => 'statistics+marketing+prefs'));
    is_deeply([names($res)], [], "a backend's consent-name cookie is removed");
    $res = req('GET', 'cc_enforce', '/app?raw=' . uri_escape(' cookies_preferences =x'));
    is_deeply([names($res)], [], '... also with spaces around the name');
    $res = req('GET', 'cc_enforce', '/app?raw=' . uri_escape('cookies_preferences'));
    is(scalar(header_all($res, 'Set-Cookie')), 0, '... and as a nameless cookie-looking value it is judged, not kept blindly');
    ok(1, 'consent endpoint done');
}
