# Which responses the COOKIECHARTER filter changes, and the headers of
# every in-scope HTML response (contract section 6): text/html and
# application/xhtml+xml only; UTF-16/32 charsets and BOMs untouched; HEAD
# with the headers of GET; 204; 304 (static validators must not revive a
# page: no ETag, no Last-Modified, r->no_local_copy); ranges;
# no-cookiecharter-banner; subrequests and internal redirects inject once;
# error pages get the banner.
use strict;
use warnings FATAL => 'all';
use FindBin;
use lib $FindBin::Bin;

use Encode qw(encode);
use HTTP::Date qw(time2str);
use Apache::Test qw(-withtestmore);
use Apache::TestRequest qw(GET HEAD);
use CCHtml qw(consent parse_page undo_check read_file write_file);

plan tests => 128;

my $docroot = Apache::Test::vars('documentroot');
my $orig = read_file("$docroot/html/page.html");
my $BANNER = qr/<div id="cookiecharter-banner"/;

sub banners { my ($s) = @_; return scalar(() = $s =~ /id="cookiecharter-banner"/g) }

sub vary_tokens {
    my ($res) = @_;
    return { map { lc($_) => 1 } map { split /\s*,\s*/ } $res->header('Vary') // '' };
}

# The header rules, on any response of an in-scope HTML page.
sub in_scope_headers {
    my ($res, $what, %o) = @_;
    my $v = vary_tokens($res);
    ok(!defined $res->header('ETag'), "$what: no ETag");
    ok(!defined $res->header('Last-Modified'), "$what: no Last-Modified");
    ok($v->{cookie} && $v->{'accept-language'} && $v->{'sec-fetch-dest'}
       && $v->{'sec-fetch-site'} && ($o{nogpc} ? !$v->{'sec-gpc'} : $v->{'sec-gpc'}),
       "$what: Vary: Cookie, Accept-Language, Sec-GPC, Sec-Fetch-Dest, Sec-Fetch-Site")
        or diag('Vary: ' . ($res->header('Vary') // '(none)'));
}

# --- content types and charsets
my $gen = "$docroot/html/gen";
mkdir $gen unless -d $gen;
my $page = "<!DOCTYPE html>\n<html><head><title>t</title></head>\n<body><p>x</p></body></html>\n";
my %files = (
    'utf16le-bom.html' => "\xFF\xFE" . encode('UTF-16LE', $page),
    'utf16be-bom.html' => "\xFE\xFF" . encode('UTF-16BE', $page),
    'utf32be-bom.html' => "\x00\x00\xFE\xFF" . encode('UTF-32BE', $page),
    'nobom.u16.html'   => encode('UTF-16LE', $page),
    'page.jis.html'    => $page,
    'page.u7.html'     => $page,
    'page.latin1.html' => "<!DOCTYPE html>\n<html><head><title>\xe9t\xe9</title></head>\n<body><p>caf\xe9</p></body></html>\n",
    'bom8.html'        => "\xEF\xBB\xBF$page",
    'page.txt'         => $page,
    'page.xml'         => $page,
    'tiny.html'        => "<b",
    'empty.html'       => '',
);
write_file("$gen/$_", $files{$_}) for keys %files;

for my $f (qw(utf16le-bom.html utf16be-bom.html utf32be-bom.html nobom.u16.html
              page.jis.html page.u7.html page.txt page.xml)) {
    my $res = GET "/html/gen/$f";
    is($res->code, 200, "$f: 200");
    is($res->content, $files{$f}, "$f: byte-identical (" . $res->header('Content-Type') . ')');
}
my $res = GET '/html/gen/page.latin1.html';
like($res->header('Content-Type'), qr/iso-8859-1/i, 'latin1: charset ISO-8859-1');
is(banners($res->content), 1, 'an ASCII-compatible charset (ISO-8859-1) gets the banner');
is(undo_check($files{'page.latin1.html'}, $res->content), 1, '... and its bytes are kept');
$res = GET '/html/gen/bom8.html';
is(substr($res->content, 0, 3), "\xEF\xBB\xBF", 'a UTF-8 BOM stays first');
is(banners($res->content), 1, '... and the page gets the banner');
for my $f (qw(tiny.html empty.html)) {
    $res = GET "/html/gen/$f";
    is($res->code, 200, "$f: 200");
    my $c = $res->content;
    my $u = undo_check($files{$f}, $c);
    is($u, 1, "$f: only insertions (" . length($c) . ' bytes)');
}

# --- HEAD: the headers of GET, no body work
my $get = GET '/html/page.html';
my $head = HEAD '/html/page.html';
is($head->code, 200, 'HEAD: 200');
is($head->content, '', 'HEAD: no body');
ok(!defined $head->header('Content-Length'), 'HEAD: no Content-Length');
in_scope_headers($head, 'HEAD');
in_scope_headers($get, 'GET');
is($head->header('Vary'), $get->header('Vary'), 'HEAD and GET: the same Vary');
is($head->header('Content-Type'), $get->header('Content-Type'), 'HEAD and GET: the same Content-Type');
ok(!defined $get->header('Content-Length') || $get->header('Content-Length') == length($get->content),
   'GET: a Content-Length, if any, is the injected page\'s');
$res = GET '/html/nogpc/page.html';
in_scope_headers($res, 'CookieCharterGPC Off', nogpc => 1);

# --- a long page with every category granted: after the banner nothing is
# left to change, the rest passes unread, and the changed page still goes
# out with its own length (not chunked) so keep-alive costs nothing extra.
my $long = $page =~ s{<p>x</p>}{("<p>" . ("text " x 40) . "</p>\n") x 1000}er;
write_file("$gen/long.html", $long);
$res = GET '/html/gen/long.html', Cookie => consent('statistics+marketing');
is($res->code, 200, 'long page, all granted: 200');
is(banners($res->content), 1, '... one banner');
like($res->content, qr/id="cookiecharter-banner"[^>]* hidden="hidden"/, '... hidden');
is($res->header('Content-Length'), length($res->content),
   '... a Content-Length, the changed page\'s (' . length($res->content) . ' bytes)');
ok(!defined $res->header('Transfer-Encoding'), '... not chunked');
is(undo_check($long, $res->content), 1, '... only insertions');
$res = GET '/html/gen/long.html';
is(banners($res->content), 1, 'long page, no choice: one banner');
is(undo_check($long, $res->content), 1, '... only insertions');

# --- EnableSendfile On (/html/sendfile/): the head of a long page is read
# and what follows stays a file bucket for the core's sendfile. The bytes
# must be those of the mapped path (/html/gen/), whatever the head's length
# and wherever <body> falls against the 8000-byte reads and the 64 KiB cut.
sub head_of { my ($n) = @_; return "<!DOCTYPE html>\n<html><head><title>t</title>\n<style>\n" . ('.x{}' x (($n - 100) / 4)) }
my $rest = ("<p>" . ("text " x 40) . "</p>\n") x 600 . "</body></html>\n";
my %sf = ('long.html' => $long);
for my $at (7998, 65533, 70000) {
    my $h = head_of($at);
    $h .= ' ' x ($at - length($h) - length("</style></head>\n"));
    $sf{"body-at-$at.html"} = "$h</style></head>\n<body>$rest";
}
for my $f (sort keys %sf) {
    write_file("$gen/$f", $sf{$f}) unless $f eq 'long.html';
    for my $who (['all granted', consent('statistics+marketing')], ['no choice', undef]) {
        my @c = defined $who->[1] ? (Cookie => $who->[1]) : ();
        my $mapped = GET "/html/gen/$f", @c;
        my $sent = GET "/html/sendfile/gen/$f", @c;
        ok($sent->code == 200 && banners($sent->content) == 1
           && undo_check($sf{$f}, $sent->content) == 1
           && $sent->content eq $mapped->content =~ s{/html/gen/}{/html/sendfile/gen/}gr,
           "EnableSendfile On, $f, $who->[0]: one banner, only insertions, the mapped path's bytes")
            or diag(length($sent->content) . ' bytes, mapped ' . length($mapped->content));
    }
}

# The banner for a visitor who granted everything is the startup-rendered
# template's own runs around this page's return fields (not a copy): the
# same markup as rendered for that page, whatever the path.
my $q = '/html/gen/long.html?a=1&b=%22c%22';
my $all = GET $q, Cookie => consent('statistics+marketing');
my $none = GET $q;
my $pg = parse_page($all->content);
is($pg->{first}, 'cookiecharter-banner', 'all granted: the banner first in <body>');
is($pg->{return}, $q, '... return is this page, its & escaped in the markup');
my $forms = () = $none->content =~ /name="return"/g;
is(scalar(() = $all->content =~ /name="return" value="\Q\/html\/gen\/long.html?a=1&amp;b=%22c%22\E"/g),
   $forms, "... in each of the $forms forms");
is(scalar(() = $all->content =~ /checked="checked"/g)
   - scalar(() = $none->content =~ /checked="checked"/g), 2,
   '... both optional categories ticked');
is(undo_check($long, $all->content), 1, '... only insertions');

# --- 304: the file's validators must not answer for the injected page
my $now = time2str(time - 1);
for my $h (['If-None-Match', '*'], ['If-Modified-Since', $now]) {
    $res = GET '/html/page.html', @$h;
    is($res->code, 200, "static HTML with $h->[0]: 200, not 304");
    is(banners($res->content), 1, "... with the banner");
}
$res = GET '/plain.txt', 'If-Modified-Since', $now;
is($res->code, 304, 'control: text/plain with If-Modified-Since: 304');

# --- 204 and other statuses from a CGI
$res = GET '/html/cgi/status.cgi?204';
is($res->code, 204, 'CGI 204');
is($res->content, '', '204: no body');
in_scope_headers($res, '204');
$res = GET '/html/cgi/status.cgi?200&type=text/plain';
unlike($res->content, $BANNER, 'CGI text/plain: untouched');
$res = GET '/html/cgi/status.cgi?500';
is($res->code, 500, 'CGI 500 with its own HTML');
is(banners($res->content), 1, '... gets the banner');

# --- ranges: never a range cut from the original, trackers armed: the
# whole page, changed, with a 200 (HTTP lets a server ignore Range)
$res = GET '/html/page.html', Range => 'bytes=0-99';
is($res->code, 200, 'Range: 200, the whole page');
ok($res->content =~ $BANNER, 'Range: injected');
ok(!defined $res->header('ETag'), 'Range: no ETag');
ok(!defined $res->header('Content-Range'), 'Range: no Content-Range');
$res = GET '/html/page.html', Range => 'bytes=0-9,20-29';
ok($res->code == 200 && $res->content =~ $BANNER, 'multiple ranges: 200, injected');

# --- no-cookiecharter-banner
$res = GET '/html/nobanner/page.html';
is($res->code, 200, 'no-cookiecharter-banner: 200');
is($res->content, $orig, 'no-cookiecharter-banner: byte-identical');

# --- subrequests (SSI include virtual) inject once; SSI runs before us
$res = GET '/html/ssi/part.html';
is(banners($res->content), 1, 'the included part alone gets the banner');
$res = GET '/html/ssi/page.shtml';
is($res->code, 200, 'SSI page: 200');
my $c = $res->content;
is(banners($c), 1, 'SSI page with three include virtual: one banner');
is(scalar(() = $c =~ /banner\.js\?v=/g), 1, 'SSI page: the assets once');
like($c, qr{<body class="from-include">$BANNER}, 'SSI: the <body> from an included file gets the banner (INCLUDES before us)');
like($c, qr{<p id="ssi-name">page\.shtml</p>}, 'SSI: echo expanded');
like($c, qr{id="ssi-part"}, 'SSI: the part included');
like($c, qr{<h1 id="first-heading">}, 'SSI: the included page included');
like($c, qr{<script type="text/plain" data-cookiecharter="statistics" src="https://matomo}, 'SSI: trackers from an included page held back');
my $p = parse_page($c);
is($p->{first}, 'cookiecharter-banner', 'SSI: the banner first in <body>');

# --- internal redirects: DirectoryIndex, mod_rewrite, ErrorDocument URL
$res = GET '/html/dir/';
$p = parse_page($res->content);
ok($res->code == 200 && $p->{banners} == 1 && banners($res->content) == 1, 'DirectoryIndex: one banner');
is($p->{return}, '/html/dir/', 'DirectoryIndex: return is the asked path');
in_scope_headers($res, 'DirectoryIndex');
$res = GET '/html/rw/alias.html';
$p = parse_page($res->content);
ok($res->code == 200 && banners($res->content) == 1, 'mod_rewrite internal redirect: one banner');
is($p->{return}, '/html/rw/alias.html', 'mod_rewrite: return is the asked path');
is(scalar(() = $res->content =~ /banner\.js\?v=/g), 1, 'mod_rewrite: the assets once');

$res = GET '/html/errdoc/missing.html';
is($res->code, 404, 'ErrorDocument local URL: 404');
$p = parse_page($res->content);
like($res->content, qr/id="local-404"/, '... the local error page');
is(banners($res->content), 1, '... with one banner');
is($p->{first}, 'cookiecharter-banner', '... first in <body>');
is($p->{return}, '/html/errdoc/missing.html', '... return is the asked path');
in_scope_headers($res, 'ErrorDocument local URL');

$res = GET '/html/errstr/missing.html';
is($res->code, 404, 'ErrorDocument string: 404');
like($res->content, qr/id="errstr"/, '... the string page');
is(banners($res->content), 1, '... with one banner');
in_scope_headers($res, 'ErrorDocument string');

$res = GET '/html/no-such-page.html';
is($res->code, 404, 'built-in 404');
$p = parse_page($res->content);
is($p->{banners}, 1, 'built-in 404: one banner');
is($p->{first}, 'cookiecharter-banner', 'built-in 404: first in <body>');
in_scope_headers($res, 'built-in 404');

$res = GET '/html/denied/README.txt';
is($res->code, 403, 'built-in 403');
is(banners($res->content), 1, 'built-in 403: one banner');
in_scope_headers($res, 'built-in 403');

$res = HEAD '/html/no-such-page.html';
ok($res->code == 404 && !defined $res->header('Content-Length'), 'HEAD of a 404: no Content-Length');
in_scope_headers($res, 'HEAD of a 404');
