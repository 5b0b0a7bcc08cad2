# Hostile Cookie request headers through the real server: 8 KB, thousands
# of cookies, a 64 KB consent cookie, invalid UTF-8, NUL and control bytes.
# Each: a clear status, no non-granted cookie set, the server still answers,
# memory bounded.
use strict;
use warnings FATAL => 'all';
use FindBin;
use lib $FindBin::Bin;
use Apache::Test qw(-withtestmore);
use CCHostile qw(raw_request leaked_cookies still_alive httpd_rss_kb instrumented);

plan tests => 22;

sub get_with_cookie {
    my ($cookie, $path) = @_;
    $path //= '/cgi-bin/cookies.pl';
    return raw_request("GET $path HTTP/1.1\r\nHost: localhost\r\nCookie: $cookie\r\n"
                       . "Connection: close\r\n\r\n", 60);
}

my $rss0 = httpd_rss_kb();

# 8 KB of Cookie header, under httpd's default line limit elsewhere.
my $big = join '; ', map { "_ga_P$_=" . ('x' x 70) } 1 .. 100;
my ($st, $head, $body) = get_with_cookie($big);
is($st, 200, '8 KB Cookie header: 200');
is_deeply([leaked_cookies($head)], [], '... no non-granted cookie set');
like($body, qr/id="cookiecharter-banner"/, '... the banner is there');

# Thousands of cookies: 5,000 undeclared names, each would be purged.
my $many = join '; ', map { "c$_=1" } 1 .. 5000;
($st, $head, $body) = get_with_cookie($many);
ok($st == 200 || $st == 400 || $st == 500, "5,000 cookies: a clear status ($st)");
is_deeply([leaked_cookies($head)], [], '... no non-granted cookie set');
my $n = () = $head =~ /^Set-Cookie:/mig;
cmp_ok(length $head, '<', 2 * 1024 * 1024, "... response headers bounded (" . length($head) . " bytes, $n Set-Cookie)");
ok(still_alive(), '... the server still answers');

# A 64 KB consent cookie: not a valid choice, never an error.
my $consent = 'v1.2024-06.1700000000.' . ('A' x 22) . '.' . join('+', ('statistics') x 6000);
$consent = substr($consent, 0, 65536);
($st, $head, $body) = get_with_cookie("cookies_preferences=$consent");
is($st, 200, '64 KB consent cookie: 200');
is_deeply([leaked_cookies($head)], [], '... no non-granted cookie set');
like($body, qr/<div id="cookiecharter-banner"[^>]*data-cookiecharter-granted="-"/,
     '... treated as no choice (nothing granted)');
unlike($body, qr/<div id="cookiecharter-banner"[^>]* hidden/, '... the banner shows');

# Invalid UTF-8 in cookie names and values, and in the consent cookie.
($st, $head, $body) = get_with_cookie("\xff\xfe=\xc0\x80; _ga=\xed\xa0\x80; "
                                      . "cookies_preferences=v1.\xff.1.\xfe.statistics");
is($st, 200, 'invalid UTF-8 in cookies: 200');
is_deeply([leaked_cookies($head)], [], '... no non-granted cookie set');
# (the purge of the cookie named "\xff\xfe" repeats that name, as sent: no
# CTL can come from a request header, so no header can be injected.)
unlike($head, qr/^Set-Cookie:[^\r\n]*[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/m,
       '... no control byte in any Set-Cookie');

# NUL and control bytes inside the Cookie header (raw socket: LWP refuses).
($st) = get_with_cookie("_ga=a\x00b; sessionid=\x01\x02");
ok($st == 200 || $st == 400, "NUL in the Cookie header: a clear status ($st)");
($st, $head) = get_with_cookie("cookies_preferences=v1.2024-06\x00.1.x.statistics; _pk_id.1.abcd=\x00");
ok($st == 200 || $st == 400, "NUL in the consent cookie: a clear status ($st)");
is_deeply([leaked_cookies($head)], [], '... no non-granted cookie set');

# A Cookie header on an endpoint and on the policy page.
($st) = get_with_cookie($many, '/cookiecharter/policy');
ok($st == 200 || $st == 400, "5,000 cookies on P/policy: a clear status ($st)");
($st) = get_with_cookie("cookies_preferences=$consent", '/cookiecharter/policy');
is($st, 200, '64 KB consent cookie on P/policy: 200');

# Repeat the worst case: memory must not grow with the number of requests.
for (1 .. 20) {
    get_with_cookie($many);
    get_with_cookie("cookies_preferences=$consent");
}
ok(still_alive(), 'after 40 more hostile requests the server still answers');
my $rss1 = httpd_rss_kb();
my $limit = instrumented() ? 1024 * 1024 : 64 * 1024;
cmp_ok($rss1 - $rss0, '<', $limit, "httpd RSS growth bounded: $rss0 KiB -> $rss1 KiB");
diag("hostile headers: RSS $rss0 KiB -> $rss1 KiB");
ok(1, 'done');
