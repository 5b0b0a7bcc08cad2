# Smoke test: the module is loaded, CookieCharterFile accepted the reference
# and demo charters (otherwise httpd would not have started), the server
# answers, and the fixtures of conf/extra.conf.in work.
use strict;
use warnings FATAL => 'all';

# -withtestmore: Apache::Test's plan() and need_*() with Test::More's is(),
# like(), is_deeply()... (Apache::Test 1.43 ignores the documented :withtestmore).
use Apache::Test qw(-withtestmore);
use Apache::TestRequest qw(GET HEAD);
use CCTest qw(set_cookie_names backend_url);

plan tests => 20;

my $vars = Apache::Test::vars();

ok(Apache::Test::have_module('mod_cookiecharter.c'), 'mod_cookiecharter is loaded');

# The directive is live config, not hidden in an <IfModule>/<IfDirective>.
open my $fh, '<', "$vars->{t_conf}/extra.conf" or die "extra.conf: $!";
my $extra = do { local $/; <$fh> };
close $fh;
like($extra, qr/^CookieCharterFile conf\/charter-demo\.yaml$/m,
     'the main server loads the demo charter');
like($extra, qr/^\s+CookieCharterFile conf\/charter-reference\.yaml$/m,
     'the cc_reference virtual host loads the reference charter');
ok(-r "$vars->{serverroot}/conf/charter-reference.yaml", 'the charters are in place');

my $res = GET '/index.html';
is($res->code, 200, 'GET /index.html: 200');
like($res->content, qr/<p id="smoke-marker">static page served<\/p>/,
     'the static page comes through');

$res = HEAD '/index.html';
is($res->code, 200, 'HEAD /index.html: 200');
is($res->content, '', 'HEAD has no body');

# Out of scope for the HTML filter: a text/plain file is byte for byte the same.
$res = GET '/plain.txt';
is($res->code, 200, 'GET /plain.txt: 200');
is($res->content, "plain text, not HTML: <body> stays as it is\n",
   'text/plain passes untouched');

$res = GET(Apache::TestRequest::module2url('cc_reference', { path => '/index.html' }));
Apache::TestRequest::module('default');
is($res->code, 200, 'the virtual host with the reference charter answers');

# The test fixtures answer: the backend sets its cookies, the proxy reaches it.
$res = GET backend_url('/index.html');
is($res->code, 200, 'the backend answers');
is_deeply([sort(set_cookie_names($res))],
          [sort qw(sessionid csrftoken _pk_id.1.abcd _ga cc_undeclared)],
          'the backend sets a cookie of every category (no enforcement there)');

for my $case (['/no-such-page', 404], ['/redirect', 302]) {
    my ($path, $code) = @$case;
    $res = GET backend_url($path), redirect_ok => 0;
    is($res->code, $code, "the backend answers $path with $code");
    is(scalar(grep { $_ eq '_ga' } set_cookie_names($res)), 1,
       "... and still sets its cookies");
}

$res = GET '/proxied/index.html';
like($res->content, qr/id="backend-marker"/, 'ProxyPass /proxied/ reaches the backend');

$res = GET '/cached/index.html';
like($res->content, qr/id="cacheable-marker"/, '/cached/ reaches the backend through mod_cache');

$res = GET '/cgi-bin/cookies.pl';
like($res->content, qr/id="cgi-marker"/, 'the cookie-setting CGI runs');
