# Hostile HTML and Set-Cookie output from a careless application, through
# the real server: a 10 MB attribute, an endless comment, 10,000 tracker
# scripts, a page trickling one byte at a time, a 100 KB Set-Cookie and
# Set-Cookie lines with CR/LF from a raw backend. Each: a clear status, no
# non-granted cookie set, nothing loads that was not granted, the server
# still answers, memory bounded.
use strict;
use warnings FATAL => 'all';
use FindBin;
use lib $FindBin::Bin;
use Apache::Test qw(-withtestmore);
use Time::HiRes qw(time);
use CCHostile qw(raw_request raw_send_headers read_response leaked_cookies still_alive
                 httpd_rss_kb instrumented start_raw_backend stop_raw_backend);

plan tests => 26;

sub get {
    my ($path, $timeout) = @_;
    return raw_request("GET $path HTTP/1.0\r\nHost: localhost\r\n\r\n", $timeout // 120);
}

my $rss0 = httpd_rss_kb();

my ($st, $head, $body, $secs) = get('/hcgi/bightml.pl?attr');
is($st, 200, '10 MB attribute: 200');
cmp_ok(length $body, '>', 10 * 1024 * 1024, '... the whole page comes through');
like($body, qr{<script src="https://matomo\.example\.org/m\.js" type="text/plain"|<script type="text/plain"[^>]*matomo},
     '... the tracker after it is still held back (scanning did not stop)');
like($body, qr/id="cookiecharter-banner"/, '... the banner is there');

($st, $head, $body) = get('/hcgi/bightml.pl?scriptattr');
is($st, 200, '10 MB attribute on a tracker script: 200');
my ($tag) = $body =~ /(<script[^>]*matomo\.example\.org[^>]*>)/;
like($tag // '', qr/type="text\/plain"/, '... the too-long tracker tag is held back (fail closed)');

($st, $head, $body) = get('/hcgi/bightml.pl?comment');
is($st, 200, 'endless comment: 200');
cmp_ok(length $body, '>', 10 * 1024 * 1024, '... the whole page comes through');

($st, $head, $body, $secs) = get('/hcgi/bightml.pl?scripts');
is($st, 200, '10,000 tracker scripts: 200');
my $held = () = $body =~ /<script\b[^>]*type="text\/plain"/g;
my $loaded = () = $body =~ /<script src="https:\/\/matomo[^>]*><\/script>/g;
is($held, 10000, '... all 10,000 held back');
is($loaded, 0, '... none left loadable');
diag(sprintf "10,000 scripts rewritten in %.2f s", $secs);

# One byte at a time, a flush after each.
my $t0 = time;
my $sock = raw_send_headers("GET /hcgi/trickle.pl HTTP/1.0\r\nHost: localhost\r\n\r\n");
($st, $head, $body) = read_response($sock, 60);
close $sock;
is($st, 200, 'trickled page: 200');
like($body, qr/<script src="https:\/\/matomo\.example\.org\/matomo\.js" type="text\/plain"|<script type="text\/plain"[^>]*matomo/,
     '... the tracker split over every byte is held back');
my $banners = () = $body =~ /id="cookiecharter-banner"/g;
is($banners, 1, '... exactly one banner');
like($body, qr/<p id="trickle-end">end<\/p>/, '... the page ends whole');

# A 100 KB Set-Cookie from a CGI: httpd refuses over-long CGI header lines.
($st, $head) = get('/hcgi/bightml.pl?setcookie');
ok($st == 200 || $st == 500 || $st == 502, "100 KB Set-Cookie from a CGI: a clear status ($st)");
is_deeply([leaked_cookies($head)], [], '... no non-granted cookie set');

# A raw backend behind mod_proxy: a 100 KB refused cookie, then CR/LF games.
my $big = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nSet-Cookie: _ga=" . ('g' x 102400)
    . "; Path=/\r\nSet-Cookie: sessionid=ok; Path=/\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello";
my ($port, $pid) = start_raw_backend($big, 1);
($st, $head) = get("/raw/$port/big");
stop_raw_backend($pid);
ok($st == 200 || $st == 502, "100 KB Set-Cookie from a proxied backend: a clear status ($st)");
is_deeply([leaked_cookies($head)], [], '... no non-granted cookie set');

my $crlf = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
    . "Set-Cookie: sessionid=ok\rSet-Cookie: _ga=1; Path=/\r\n"
    . "Set-Cookie: csrftoken=a\n_pk_id.1.abcd=2\r\n"
    . "Set-Cookie: _pk_id.1.abcd=3\r\n\t; Path=/\r\n"
    . "Content-Length: 5\r\nConnection: close\r\n\r\nhello";
($port, $pid) = start_raw_backend($crlf, 1);
($st, $head) = get("/raw/$port/crlf");
stop_raw_backend($pid);
ok($st == 200 || $st == 502, "Set-Cookie with CR/LF from a proxied backend: a clear status ($st)");
is_deeply([leaked_cookies($head)], [], '... no non-granted cookie set');
unlike($head, qr/^Set-Cookie:[^\r\n]*\r(?!\n)/m, '... no bare CR in any Set-Cookie');

ok(still_alive(), 'the server still answers');

# Memory: repeat the big pages; RSS must not grow with them.
get('/hcgi/bightml.pl?attr') for 1 .. 3;
get('/hcgi/bightml.pl?comment') for 1 .. 3;
ok(still_alive(), 'after 6 more 10 MB pages the server still answers');
my $rss1 = httpd_rss_kb();
my $limit = instrumented() ? 1024 * 1024 : 96 * 1024;
cmp_ok($rss1 - $rss0, '<', $limit, "httpd RSS growth bounded: $rss0 KiB -> $rss1 KiB");
diag("hostile html: RSS $rss0 KiB -> $rss1 KiB");
ok(1, 'done');
