# CookieCharterStripRequestCookies: the cookies a handler, a CGI or a
# proxied backend sees (enforce-app.pl echoes its Cookie header).
use strict;
use warnings FATAL => 'all';

use Apache::Test qw(-withtestmore);
use CCEnforce qw(req consent expiring_names);

plan tests => 16;

sub seen {
    my ($res) = @_;
    my ($c) = $res->content =~ /^cookie: (.*)$/m;
    return $c // '(no echo)';
}

my $stats = consent(granted => 'statistics');
my $cookie = "sessionid=1; _ga=2; cc_undeclared=3; theme=4; $stats; _pk_id.1.a=5";

my $res = req('GET', 'cc_enforce', '/strip/app', Cookie => $cookie);
is(seen($res), "sessionid=1; $stats; _pk_id.1.a=5",
   'proxied: only granted and necessary cookies reach the backend, in order, joined by "; "');
$res = req('GET', 'cc_enforce', '/cgi/enforce-app.pl', Cookie => $cookie);
is(seen($res), "sessionid=1; $stats; _pk_id.1.a=5", 'CGI: the same in HTTP_COOKIE');
$res = req('GET', 'cc_enforce', '/app', Cookie => $cookie);
is(seen($res), $cookie, 'without the directive: untouched');
$res = req('GET', 'cc_enforce', '/strip-allow/app', Cookie => $cookie);
is(seen($res), "sessionid=1; cc_undeclared=3; $stats; _pk_id.1.a=5",
   'Undeclared allow: the undeclared one stays');
$res = req('GET', 'cc_enforce', '/strip-report/app', Cookie => $cookie);
is(seen($res), $cookie, 'report mode: untouched');

$res = req('GET', 'cc_enforce', '/strip/app', Cookie => '_ga=1; theme=2; xyz=3',
           'Sec-GPC' => '1');
is(seen($res), '-', 'nothing left: the Cookie header is gone (not empty)');
$res = req('GET', 'cc_enforce', '/strip/app', Cookie => 'theme=2; sessionid=1');
is(seen($res), 'theme=2; sessionid=1', 'no choice: the default-granted theme stays');
$res = req('GET', 'cc_enforce', '/strip/app', Cookie => 'theme=2; sessionid=1', 'Sec-GPC' => '1');
is(seen($res), 'sessionid=1', 'Sec-GPC: 1: theme goes too');
$res = req('GET', 'cc_enforce', '/strip/app', Cookie => ' sessionid=1 ;;  _ga=2;csrftoken=3 ');
is(seen($res), 'sessionid=1; csrftoken=3', 'odd spacing and empty pairs: rebuilt cleanly');
$res = req('GET', 'cc_enforce', '/strip/app', Cookie => 'nameless; sessionid=1');
is(seen($res), 'sessionid=1', 'a nameless undeclared cookie goes');
$res = req('GET', 'cc_enforce', '/strip/app', Cookie => 'sessionid=1');
is(seen($res), 'sessionid=1', 'nothing to remove: the header as it came');
$res = req('GET', 'cc_enforce', '/strip/app');
is(seen($res), '-', 'no Cookie header: none appears');

# Stripping and purge together: the backend does not see the refused
# cookie, the browser is still told to drop it.
$res = req('GET', 'cc_enforce', '/strip/app', Cookie => '_ga=1; sessionid=2; ' . consent());
like(seen($res), qr/^sessionid=2; cookies_preferences=/, 'strip: _ga kept from the backend');
is_deeply([expiring_names($res)], ['_ga'], '... and purged from the browser');
# The consent endpoint in a stripping host still expires what the browser
# holds of the categories the choice refuses.
$res = req('POST', 'cc_enforce_pp', '/cookiecharter/consent',
           'Content-Type' => 'application/x-www-form-urlencoded',
           Cookie => '_ga=1; _pk_id.1.a=2; sessionid=3', content => 'choice=custom&category=statistics');
is($res->code, 303, 'a choice in a stripping host');
is_deeply([expiring_names($res)], ['_ga'], '... expires the refused _ga it was sent');
