# The COOKIECHARTER filter with its neighbours: mod_deflate after us, a
# gzip-encoded backend (untouched, or injected with SetOutputFilter
# INFLATE), a proxied 304, mod_cache in front (quick handler on and off:
# one visitor's banner state never reaches another), a CGI that streams
# with flushes, and a long response.
use strict;
use warnings FATAL => 'all';
use FindBin;
use lib $FindBin::Bin;

use IO::Compress::Gzip qw(gzip $GzipError);
use IO::Socket::INET;
use IO::Uncompress::Gunzip qw(gunzip $GunzipError);
use Apache::Test qw(-withtestmore);
use Apache::TestRequest qw(GET);
use CCTest qw(log_watch_start log_wait_for);
use CCHtml qw(consent parse_page undo_check read_file write_file strip_return);

plan tests => 77;

my $vars = Apache::Test::vars();
my $docroot = $vars->{documentroot};
my $orig = read_file("$docroot/html/page.html");

sub banners { my ($s) = @_; return scalar(() = $s =~ /id="cookiecharter-banner"/g) }

sub gunzip_str {
    my ($z) = @_;
    my $out;
    gunzip(\$z => \$out) or return undef;
    return $out;
}

# --- mod_deflate after us
my $plain = GET '/html/page.html';
my $res = GET '/html/deflate/page.html', 'Accept-Encoding' => 'gzip';
is($res->header('Content-Encoding'), 'gzip', 'DEFLATE: gzip for the client');
my $page = gunzip_str($res->content);
ok(defined $page, 'DEFLATE: a valid gzip stream') or diag($GunzipError);
$page //= '';
is(banners($page), 1, 'DEFLATE: the decompressed page has the banner once');
is(strip_return($page), strip_return($plain->content), 'DEFLATE: the same page as without it');
is(undo_check($orig, $page), 1, 'DEFLATE: only insertions');
like($res->header('Vary') // '', qr/Cookie/, 'DEFLATE: Vary still has Cookie');
ok(!defined $res->header('ETag'), 'DEFLATE: no ETag');
$res = GET '/html/deflate/page.html';
ok(!$res->header('Content-Encoding') && banners($res->content) == 1,
   'DEFLATE without Accept-Encoding: identity, injected');

# --- a gzip-encoded backend
my $gz;
gzip(\$orig => \$gz) or die $GzipError;
write_file("$docroot/html/backend/page.html.gz", $gz);
log_watch_start();
$res = GET '/html-proxied/page.html.gz', 'Accept-Encoding' => 'gzip';
is($res->code, 200, 'proxied gzip: 200');
is($res->header('Content-Encoding'), 'gzip', 'proxied gzip: still gzip');
is($res->content, $gz, 'proxied gzip: the backend\'s bytes, untouched');
ok(scalar(log_wait_for(qr/cookiecharter:debug.*page\.html\.gz is content-encoded, passed untouched/)),
   'proxied gzip: a debug line says why');
like($res->header('Vary') // '', qr/Cookie/, 'proxied gzip: Vary: Cookie all the same');

$res = GET '/html-inflate/page.html.gz', 'Accept-Encoding' => 'gzip';
is($res->code, 200, 'INFLATE: 200');
ok(!$res->header('Content-Encoding'), 'INFLATE: identity for the client');
is(banners($res->content), 1, 'INFLATE: the banner once');
is(undo_check($orig, $res->content), 1, 'INFLATE: only insertions');
like($res->content, qr{<script type="text/plain" data-cookiecharter="statistics" src="https://matomo}, 'INFLATE: trackers held back');

$res = GET '/html-reflate/page.html.gz', 'Accept-Encoding' => 'gzip';
is($res->header('Content-Encoding'), 'gzip', 'INFLATE;DEFLATE: gzip for the client');
$page = gunzip_str($res->content) // '';
is(banners($page), 1, 'INFLATE;DEFLATE: the banner once');
is(undo_check($orig, $page), 1, 'INFLATE;DEFLATE: only insertions');

# --- a proxied page and a proxied 304
$res = GET '/html-proxied/page.html';
is(banners($res->content), 1, 'proxied page: the banner once');
is(undo_check($orig, $res->content), 1, 'proxied page: only insertions');
ok(!defined $res->header('ETag') && !defined $res->header('Last-Modified'),
   'proxied page: the backend\'s ETag and Last-Modified are gone');
my $direct = GET(Apache::TestRequest::module2url('cc_html_backend', { path => '/page.html' }));
Apache::TestRequest::module('default');
my $etag = $direct->header('ETag');
ok($etag, "the backend has an ETag ($etag)");
$res = GET '/html-proxied/page.html', 'If-None-Match' => $etag;
is($res->code, 304, 'proxied 304 passes');
ok(!defined $res->header('ETag'), 'proxied 304: no ETag');
ok(!defined $res->header('Last-Modified'), 'proxied 304: no Last-Modified');
like($res->header('Vary') // '', qr/Cookie.*Sec-Fetch-Site/, 'proxied 304: Vary as for the page');

# --- a proxied range response (206 from the backend) passes untouched
$res = GET '/html-proxied/page.html', Range => 'bytes=0-99';
is($res->code, 206, 'proxied range: 206 from the backend');
is($res->content, substr($orig, 0, 100), 'proxied range: the original bytes, untouched');

# --- mod_cache in front: never one visitor's banner state for another.
# A visitor with no choice sees the banner; one who accepted all sees it
# hidden and nothing held back; each order, each setup.
my $all = consent('statistics+marketing');
my $n = 0;
for my $setup (['quick handler', 'default', '/html-cached/page.html'],
               ['CacheQuickHandler off', 'cc_html_cacheoff', '/html-cached/page.html'],
               ['CACHE before us', 'cc_html_cacheoff', '/html-precache/page.html']) {
    my ($what, $module, $path) = @$setup;
    for my $order (['none', 'all'], ['all', 'none']) {
        $n++;
        my $url = Apache::TestRequest::module2url($module, { path => "$path?case=$n" });
        Apache::TestRequest::module('default');
        my %seen;
        for my $round (1, 2) {
            for my $who (@$order) {
                my $r = GET $url, $who eq 'all' ? (Cookie => $all) : ();
                my $p = parse_page($r->content);
                my $ok = $r->code == 200 && $p->{banners} == 1
                    && ($who eq 'all' ? $p->{hidden} && $r->content !~ /data-cookiecharter-src/
                                      : !$p->{hidden} && $r->content =~ /data-cookiecharter-src/);
                # A quick-handler hit has an Age header but no X-Cache
                # (CacheHeader is per-directory, and hits skip that walk).
                my $hit = ($r->header('X-Cache') // '') =~ /HIT/ || defined $r->header('Age')
                    ? 'HIT' : 'MISS';
                $seen{$hit}++;
                ok($ok, "$what, $order->[0] first, round $round: visitor '$who' gets their own state ($hit)");
            }
        }
        ok($seen{HIT}, "$what, $order->[0] first: the cache did serve hits")
            or diag(join(', ', keys %seen));
    }
}

# --- a CGI that streams with flushes: the first bytes arrive before the
# script ends (it waits for us to create stream.go, at most 10 s).
my $go = "$docroot/html/cgi/stream.go";
unlink $go;
my $sock = IO::Socket::INET->new(PeerAddr => '127.0.0.1', PeerPort => $vars->{port},
                                 Timeout => 10) or die "connect: $!";
print $sock "GET /html/cgi/stream.cgi HTTP/1.0\r\nHost: $vars->{servername}\r\n\r\n";
my $buf = '';
my $deadline = time + 8;
while ($buf !~ /id="first-chunk"/ && time < $deadline) {
    my $rin = '';
    vec($rin, fileno($sock), 1) = 1;
    last unless select($rin, undef, undef, 1) >= 0;
    next unless vec($rin, fileno($sock), 1);
    my $got = sysread($sock, $buf, 65536, length $buf);
    last unless $got;
}
like($buf, qr/id="first-chunk"/, 'streaming CGI: the first chunk came while the script still runs');
write_file($go, '');
$deadline = time + 15;
while (time < $deadline) {
    my $got = sysread($sock, $buf, 65536, length $buf);
    last unless $got;
}
close $sock;
like($buf, qr/id="released"/, 'streaming CGI: the script was still waiting when the first bytes arrived');
my ($body) = $buf =~ /\r\n\r\n(.*)\z/s;
is(banners($body // ''), 1, 'streaming CGI: the banner once');
like($body // '', qr{<body>\n?<div id="cookiecharter-banner"}, 'streaming CGI: banner after <body>');

# --- long responses: a 6 MB CGI written in small pieces, and a 6 MB file
$res = GET '/html/cgi/long.cgi';
is($res->code, 200, 'long CGI: 200');
$body = $res->content;
cmp_ok(length($body), '>', 5_000_000, 'long CGI: complete (' . length($body) . ' bytes)');
like($body, qr{<p id="end">end</p></body></html>\n\z}, 'long CGI: the end arrived');
is(banners($body), 1, 'long CGI: one banner');
is(scalar(() = $body =~ /<script type="text\/plain" data-cookiecharter="statistics" src=/g), 60000,
   'long CGI: every one of the 60000 trackers held back (scanning never stops early)');

my $big = "<!DOCTYPE html>\n<html><head><title>big</title></head>\n<body>\n"
    . join('', map { "<p>row $_ <img src=\"https://www.youtube.com/i/$_.png\"></p>\n" } 1 .. 100000)
    . "<p id=\"end\">end</p></body></html>\n";
mkdir "$docroot/html/gen" unless -d "$docroot/html/gen";
write_file("$docroot/html/gen/big.html", $big);
$res = GET '/html/gen/big.html';
is($res->code, 200, 'big file: 200');
is(banners($res->content), 1, 'big file: one banner');
is(scalar(() = $res->content =~ /data-cookiecharter-src="https:\/\/www\.youtube/g), 100000,
   'big file: every image held back');
is(undo_check($big, $res->content), 1, 'big file (' . length($big) . ' bytes): only insertions');
$res = GET '/html/gen/big.html', Cookie => $all;
is(banners($res->content), 1, 'big file, accept-all: one banner');
is(undo_check($big, $res->content), 1, 'big file, accept-all: only insertions');
unlike($res->content, qr/data-cookiecharter-src/, 'big file, accept-all: nothing held back');
