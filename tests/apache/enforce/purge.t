# CookieCharterPurge: expiring Set-Cookie headers for the cookies of
# non-granted categories (and undeclared ones under block) that the request
# carries; domain variants, __Host- names, never the consent cookie,
# Cache-Control: private.
use strict;
use warnings FATAL => 'all';

use Apache::Test qw(-withtestmore);
use CCEnforce qw(req consent names expiring expiring_names header_all);

plan tests => 29;

my $all = '_ga=1; _pk_id.1.abcd=2; cc_undeclared=3; sessionid=4; '
        . '__Host-track=5; theme=6; csrftoken=7; __Host-sid=8';
my $reject = consent(granted => '-');

# Attributes of the expiring headers for one name: list of hashes.
sub variants {
    my ($res, $name) = @_;
    my @out;
    for my $h (expiring($res)) {
        my ($pair, @attrs) = split /;\s*/, $h;
        next unless $pair =~ /^\Q$name\E=/;
        my %a = map { my ($k, $v) = split /=/, $_, 2; (lc $k => $v // 1) } @attrs;
        push @out, \%a;
    }
    return @out;
}

my $res = req('GET', 'cc_enforce', '/app', Cookie => "$all; $reject",
              Host => 'www.shop.example.test');
is($res->code, 200, 'a request carrying cookies of every kind');
is_deeply([expiring_names($res)],
          [sort qw(_ga _pk_id.1.abcd cc_undeclared __Host-track theme)],
          'reject-all: the optional and undeclared ones expire, not the necessary nor the consent cookie');
my @ga = variants($res, '_ga');
ok(@ga >= 3, '_ga: several domain variants (' . scalar(@ga) . ')');
ok((grep { !exists $_->{domain} } @ga), '... one host-only');
ok((grep { ($_->{domain} // '') =~ /^\.?example\.test$/ } @ga), '... the declared and parent domain example.test');
ok((grep { ($_->{domain} // '') =~ /^\.?shop\.example\.test$/ } @ga), '... the parent shop.example.test');
ok(!(grep { ($_->{domain} // '') =~ /^\.?test$/ } @ga), '... never a public suffix of one label');
ok(!(grep { ($_->{'max-age'} // '') ne '0' || ($_->{expires} // '') !~ /1970/ } @ga),
   '... each with Max-Age=0 and an Expires in 1970');
ok(!(grep { exists $_->{secure} } @ga), '... not Secure on http');
my @ht = variants($res, '__Host-track');
ok(@ht >= 1, '__Host-track expires');
ok(!(grep { !exists $_->{secure} || exists $_->{domain} || ($_->{path} // '') ne '/' } @ht),
   '... Secure, Path=/, no Domain (as browsers require for __Host-)');
like(join(',', header_all($res, 'Cache-Control')), qr/\bprivate\b/, 'Cache-Control: private');
like($res->content, qr/^cookie: \Q$all\E; cookies_preferences=/, 'the backend still saw every cookie (no strip)');

$res = req('GET', 'cc_enforce', '/app', Cookie => "$all; "
           . consent(granted => 'statistics+marketing+prefs'));
is_deeply([expiring_names($res)], ['cc_undeclared'], 'accept-all: only the undeclared one expires');
$res = req('GET', 'cc_enforce', '/allow/index.html', Cookie => "$all; "
           . consent(granted => 'statistics+marketing+prefs'));
is_deeply([expiring_names($res)], [], 'accept-all under Undeclared allow: nothing expires');
$res = req('GET', 'cc_enforce', '/allow/index.html', Cookie => $all);
is_deeply([expiring_names($res)], [sort qw(_ga _pk_id.1.abcd __Host-track)],
          'no choice under allow: statistics and marketing expire; prefs is granted by default');

$res = req('GET', 'cc_enforce', '/nopurge/index.html', Cookie => "$all; $reject");
is_deeply([expiring_names($res)], [], 'CookieCharterPurge Off: nothing expires');
is_deeply([names($res)], [qw(csrftoken sessionid)], '... the Set-Cookie filter still works');

$res = req('GET', 'cc_enforce', '/app', Cookie => "sessionid=1; $reject");
is_deeply([expiring_names($res)], [], 'only wanted cookies: nothing expires');
ok(!grep({ /private/ } header_all($res, 'Cache-Control')), '... and no Cache-Control: private');

# Repeated names expire once; the consent cookie never, even invalid.
$res = req('GET', 'cc_enforce', '/app', Cookie => "_ga=1; _ga=2; cookies_preferences=junk");
my @ga2 = variants($res, '_ga');
my %dom;
$dom{$_->{domain} // ''}++ for @ga2;
ok(!grep({ $_ > 1 } values %dom), 'a repeated name gets one set of variants');
ok(!grep({ /^cookies_preferences/ } header_all($res, 'Set-Cookie')), 'an invalid consent cookie is not expired');

# Cache-Control from the backend: public goes, the rest stays.
$res = req('GET', 'cc_enforce', '/qcache/index.html?purge', Cookie => '_ga=1');
my $cc = join(', ', header_all($res, 'Cache-Control'));
like($cc, qr/\bprivate\b/, 'a cacheable response with a purge: private');
unlike($cc, qr/\bpublic\b/, '... public removed');
is(scalar(header_all($res, 'Cache-Control')), 1, '... one Cache-Control header');

# GPC: a Sec-GPC visitor without a choice is purged of opt-out cookies too.
$res = req('GET', 'cc_enforce', '/app', Cookie => 'theme=dark; sessionid=1', 'Sec-GPC' => '1');
is_deeply([expiring_names($res)], ['theme'], 'Sec-GPC: 1, no choice: the default-granted theme expires');
$res = req('GET', 'cc_enforce', '/app', Cookie => 'theme=dark; sessionid=1');
is_deeply([expiring_names($res)], [], 'without GPC: theme is granted by default');

# DirectoryIndex (mod_dir's fast internal redirect): the work is done once.
$res = req('GET', 'cc_enforce', '/index.html', Cookie => '_ga=1');
my $n_direct = () = expiring($res);
$res = req('GET', 'cc_enforce', '/', Cookie => '_ga=1', 'X-Enforce-Tag' => 'dirindex');
my $n_index = () = expiring($res);
ok($n_direct > 0, "a page purges _ga ($n_direct headers)");
is($n_index, $n_direct, '... and the same page through DirectoryIndex purges it once');
