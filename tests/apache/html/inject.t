# Where the COOKIECHARTER filter puts its markup (contract section 6):
# assets before the literal </head>, the banner as the first element of
# <body>, once, `hidden` after a valid choice or a GPC refusal, `return` =
# this page's path, then the manage control; a cross-site frame gets the
# manage control only. Positions are checked with html5lib (check_page.py).
use strict;
use warnings FATAL => 'all';
use FindBin;
use lib $FindBin::Bin;

use Apache::Test qw(-withtestmore);
use Apache::TestRequest qw(GET);
use CCHtml qw(consent parse_page undo_check read_file);

plan tests => 57;

my $docroot = Apache::Test::vars('documentroot');
my $orig = read_file("$docroot/html/page.html");

# A visitor with no choice.
my $res = GET '/html/page.html';
is($res->code, 200, 'page: 200');
my $body = $res->content;
my $p = parse_page($body);
is($p->{banners}, 1, 'the banner occurs exactly once');
is($p->{first}, 'cookiecharter-banner', 'the banner is the first element of <body>');
is($p->{second}, 'cookiecharter-manage', 'the manage control follows it');
ok(!$p->{hidden}, 'no choice: the banner is not hidden');
is($p->{return}, '/html/page.html', 'return is this page\'s path');
is($p->{granted}, '-', 'data-cookiecharter-granted="-"');
is($p->{assets}, 2, 'banner.css and banner.js once each');
like($body, qr{<script src="/cookiecharter/banner\.js\?v=[0-9a-f]+" defer="defer"></script></head>},
     'the assets end right before the literal </head>');
like($body, qr{\n<link rel="stylesheet" href="/cookiecharter/banner\.css\?v=[0-9a-f]+"/><script},
     'banner.css right before banner.js');
like($body, qr{<body class="page"><div id="cookiecharter-banner" role="dialog" aria-labelledby="cookiecharter-title" lang="fr" data-cookiecharter-granted="-"},
     'the banner right after the <body ...> start tag, with the contract\'s attributes');
like($body, qr{<form method="post" action="/cookiecharter/consent"[^>]*>}, 'the consent form');
like($body, qr{<button type="submit" name="choice" value="accept-all"}, 'accept all');
like($body, qr{<button type="submit" name="choice" value="reject-all"}, 'reject all');
like($body, qr{<a id="cookiecharter-customize" href="/cookiecharter/policy#cookiecharter-preferences"}, 'customise');
like($body, qr{<input type="checkbox" name="category" value="statistics"(?![^>]*checked)[^>]*/>}, 'an unticked box per optional category');
like($body, qr{name="choice" value="custom"}, 'save');
like($body, qr{<input type="hidden" name="v" value="[0-9a-f]+"/>}, 'the v field');
like($body, qr{<a id="cookiecharter-manage" href="/cookiecharter/policy#cookiecharter-preferences">}, 'the manage control');
is(undo_check($orig, $body), 1, 'removing the insertions gives the file back byte for byte');
unlike($body, qr/[^\x00-\x7f]/, 'what is injected is ASCII (the page itself is too)');

# The query string is part of the page's path.
$res = GET '/html/page.html?a=1&b=%C3%A9';
$p = parse_page($res->content);
is($p->{return}, '/html/page.html?a=1&b=%C3%A9', 'return keeps the query string');
like($res->content, qr{name="return" value="/html/page\.html\?a=1&amp;b=%C3%A9"}, '... escaped');

# A valid choice hides the banner; the boxes show it.
for my $case (['statistics+marketing', 'statistics+marketing'], ['-', '-'],
              ['statistics', 'statistics']) {
    my ($granted, $attr) = @$case;
    $res = GET '/html/page.html', Cookie => consent($granted);
    $p = parse_page($res->content);
    is($p->{banners}, 1, "choice $granted: one banner");
    is($p->{first}, 'cookiecharter-banner', "choice $granted: first in <body>");
    ok($p->{hidden}, "choice $granted: the banner is hidden");
    is($p->{granted}, $attr, "choice $granted: data-cookiecharter-granted");
}
like($res->content, qr{<input type="checkbox" name="category" value="statistics"[^>]*checked="checked"},
     'choice statistics: its box is ticked');

# Invalid choices are no choice.
for my $bad (consent('statistics') =~ s/2024-06-demo/1999-01/r,
             'cookies_preferences=garbage',
             consent('necessary')) {
    $res = GET '/html/page.html', Cookie => $bad;
    $p = parse_page($res->content);
    ok(!$p->{hidden} && $p->{banners} == 1, "invalid consent ($bad): banner shown");
}

# Global Privacy Control: a refusal, banner hidden, trackers held.
$res = GET '/html/page.html', 'Sec-GPC' => '1';
$p = parse_page($res->content);
ok($p->{hidden}, 'Sec-GPC: 1: the banner is hidden');
is($p->{first}, 'cookiecharter-banner', 'Sec-GPC: still first in <body>');
like($res->content, qr{<script type="text/plain" data-cookiecharter="statistics" src="https://matomo}, 'Sec-GPC: trackers held back');

# The negotiated language.
$res = GET '/html/page.html', 'Accept-Language' => 'en-GB,en;q=0.8';
like($res->content, qr{<div id="cookiecharter-banner"[^>]* lang="en"}, 'Accept-Language en-GB: lang="en"');
like($res->content, qr{>Accept all<}, '... English texts');

# A cross-site frame: the manage control only.
$res = GET '/html/page.html', 'Sec-Fetch-Dest' => 'iframe', 'Sec-Fetch-Site' => 'cross-site';
$p = parse_page($res->content);
is($p->{banners}, 0, 'cross-site frame: no banner');
is($p->{manage}, 1, 'cross-site frame: the manage control');
is($p->{first}, 'cookiecharter-manage', 'cross-site frame: first in <body>');
is(undo_check($orig, $res->content), 1, 'cross-site frame: only insertions');

# A same-site frame or a top-level cross-site navigation: the banner.
for my $h (['iframe', 'same-origin'], ['document', 'cross-site']) {
    $res = GET '/html/page.html', 'Sec-Fetch-Dest' => $h->[0], 'Sec-Fetch-Site' => $h->[1];
    $p = parse_page($res->content);
    is($p->{banners}, 1, "Sec-Fetch-Dest $h->[0], Sec-Fetch-Site $h->[1]: banner");
}

# XHTML, checked with an XML parser.
$res = GET '/html/corpus/basic.xhtml';
like($res->header('Content-Type'), qr{^application/xhtml\+xml}, 'XHTML served as application/xhtml+xml');
$p = parse_page($res->content, 1);
ok(!$p->{error}, 'XHTML: well-formed after injection') or diag($p->{error});
is($p->{banners}, 1, 'XHTML: one banner');
is($p->{first}, 'cookiecharter-banner', 'XHTML: first in <body>');
is(undo_check(read_file("$docroot/html/corpus/basic.xhtml"), $res->content), 1, 'XHTML: only insertions');

# The body starts before any </head>: assets right before the banner.
$res = GET '/html/corpus/no-head.html';
like($res->content, qr{defer="defer"></script><div id="cookiecharter-banner"}, 'no </head>: assets right before the banner');
$p = parse_page($res->content);
is($p->{first}, 'cookiecharter-banner', 'no </head>: banner first in <body>');
