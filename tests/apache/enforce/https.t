# HTTPS (mod_ssl, with the certificate Apache::Test generates with openssl
# into t/conf/ssl): Secure on the consent cookie and on every purge header,
# the Partitioned variant, the origin check with the https scheme.
use strict;
use warnings FATAL => 'all';

use Apache::Test qw(-withtestmore);
use CCEnforce qw(req url consent names expiring header_all);

plan tests => 10;

my $P = '/cookiecharter/consent';
my (undef, $hostport) = (url('cc_enforce_ssl', '/', 'https') =~ m{^(\w+)://([^/]+)/});

sub sreq {
    my ($method, $path, @h) = @_;
    local $CCEnforce::SCHEME = 'https';
    return req($method, 'cc_enforce_ssl', $path, @h);
}

my $res = sreq('POST', $P, 'Content-Type' => 'application/x-www-form-urlencoded',
               Origin => "https://$hostport", content => 'choice=reject-all',
               Cookie => '_ga=1; theme=2');
is($res->code, 303, 'POST over https with the https origin: 303');
my @sc = header_all($res, 'Set-Cookie');
my ($own) = grep { /^cookies_preferences=/ } @sc;
like($own // '', qr/; HttpOnly; Secure$/, 'the consent cookie is Secure');
my @exp = expiring($res);
ok(@exp >= 2, 'refused cookies expire (' . scalar(@exp) . ' headers)');
ok(!grep({ !/; Secure/ } @exp), '... every expiring header Secure');
ok((grep { /; Partitioned/ } grep { /^_ga=/ } @exp), '... plus a Partitioned variant');

$res = sreq('POST', $P, 'Content-Type' => 'application/x-www-form-urlencoded',
            Origin => "http://$hostport", content => 'choice=accept-all');
is($res->code, 403, 'an http origin posting to https: 403');
is(scalar(header_all($res, 'Set-Cookie')), 0, '... nothing set');

$res = sreq('GET', '/app?c=_ga&c=sessionid', Cookie => '_ga=1; ' . consent(granted => '-'));
is_deeply([names($res)], ['sessionid'], 'enforcement over https');
ok(!grep({ !/; Secure/ } expiring($res)), 'the filter\'s purge is Secure on https');
ok((grep { /; Partitioned/ } expiring($res)), '... with a Partitioned variant');
