# Hostile bodies to P/consent through the real server: 10 MB announced by
# Content-Length (413 before the body is read), 10 MB chunked (413 without
# reading it all), invalid UTF-8 and NUL bytes in the fields. Each: a clear
# status, no consent cookie set on a refusal, the server still answers.
use strict;
use warnings FATAL => 'all';
use FindBin;
use lib $FindBin::Bin;
use Apache::Test qw(-withtestmore);
use Time::HiRes qw(time);
use CCHostile qw(raw_request raw_send_headers read_response still_alive instrumented);

plan tests => 17;

my $form = "Host: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
         . "Sec-Fetch-Site: same-origin\r\nConnection: close\r\n";
my $slow = instrumented() ? 20 : 2;

# 10 MB announced: the answer comes without a byte of body sent.
my $t0 = time;
my $sock = raw_send_headers("POST /cookiecharter/consent HTTP/1.1\r\n$form"
                            . "Content-Length: 10485760\r\n\r\n");
my ($st, $head, $body, $secs) = read_response($sock, 30);
close $sock;
is($st, 413, '10 MB Content-Length: 413 before any body byte');
cmp_ok($secs, '<', $slow, sprintf('... quickly (%.3f s)', $secs));
unlike($head, qr/^Set-Cookie:/mi, '... nothing set');

# 10 MB chunked: the server must answer 413 long before the end.
$sock = raw_send_headers("POST /cookiecharter/consent HTTP/1.1\r\n$form"
                         . "Transfer-Encoding: chunked\r\n\r\n");
my $chunk = sprintf("%x\r\n%s\r\n", 65536, 'choice=accept-all&' . ('a' x (65536 - 18)));
my $sent = 0;
my $sel = IO::Select->new($sock);
$t0 = time;
local $SIG{PIPE} = 'IGNORE';
while ($sent < 10 * 1024 * 1024 && time - $t0 < 30) {
    last if $sel->can_read(0);
    last unless defined syswrite($sock, $chunk);
    $sent += 65536;
}
($st, $head) = read_response($sock, 30);
close $sock;
is($st, 413, 'chunked 10 MB: 413');
cmp_ok($sent, '<', 10 * 1024 * 1024, "... answered before the whole body was sent ($sent bytes sent)");
unlike($head, qr/^Set-Cookie:/mi, '... nothing set');

# The same through LWP-like full sends on a fresh connection: still alive.
ok(still_alive(), 'the server still answers');

sub post {
    my ($content) = @_;
    return raw_request("POST /cookiecharter/consent HTTP/1.1\r\n$form"
                       . "Content-Length: " . length($content) . "\r\n\r\n$content", 30);
}

# Invalid UTF-8 and NUL in the fields: 400 or a safe redirect, never a crash.
($st, $head) = post("choice=custom&category=%C0%80&category=%FF");
ok($st == 303 || $st == 400, "invalid UTF-8 category: a clear status ($st)");
unlike($head, qr/^Set-Cookie:[^\r\n]*(statistics|marketing)/mi, '... nothing unknown granted');

($st, $head) = post("choice=accept-all&return=%2F%FF%FE%00x");
ok($st == 303 || $st == 400, "invalid UTF-8 and NUL in return: a clear status ($st)");
unlike($head, qr/^Location:[^\r\n]*[\x00-\x1f\x7f-\xff]/mi, '... no raw byte in Location');
like($head, qr{^Location: (https?://[^/\r\n]+)?/(\r|$)}mi, '... sent to / rather than the hostile path')
    if $st == 303;
ok(1, '... (400 needs no Location)') unless $st == 303;

($st, $head) = post("choice=accept\x00-all");
is($st, 400, 'raw NUL inside the choice: 400');
unlike($head, qr/^Set-Cookie:/mi, '... nothing set');

($st, $head) = post("choice=reject-all&\x00\xff\xfe=\x00&v=\xff");
ok($st == 303 || $st == 400, "raw NUL and invalid UTF-8 in unknown fields: a clear status ($st)");

($st, $head) = post(('category=statistics&' x 400) . 'choice=custom');
ok($st == 303 || $st == 400 || $st == 413, "400 repeated categories: a clear status ($st)");

ok(still_alive(), 'the server still answers');
