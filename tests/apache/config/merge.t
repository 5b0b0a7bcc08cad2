# The merged per-directory configuration is what the request sees: the module
# logs it at trace1 (LogLevel in conf/extra.conf.in) in a line
#   cookiecharter: config CookieCharter=On Mode=enforce Undeclared=block
#   Purge=On StripRequestCookies=Off GPC=On for /path
# conf/topic-config.conf.in sets Mode report on /report/ and Undeclared allow,
# Purge Off on /report/strict/, under the server-wide CookieCharter On.
use strict;
use warnings FATAL => 'all';

use Apache::Test qw(-withtestmore);
use Apache::TestRequest qw(GET);
use CCTest qw(log_watch_start log_wait_for);

plan tests => 13;

# The config line logged for PATH by a GET of PATH.
sub config_for {
    my ($path) = @_;
    log_watch_start();
    my $res = GET $path;
    is($res->code, 200, "GET $path: 200");
    my @lines = log_wait_for(qr/cookiecharter: config .* for \Q$path\E$/);
    ok(scalar @lines, "a config line is logged for $path");
    return $lines[-1] // '';
}

my $line = config_for('/index.html');
like($line, qr/\bCookieCharter=On\b/, '/: CookieCharter On from the server config');
like($line, qr/\bMode=enforce\b/, '/: the default mode, enforce');
like($line, qr/\bUndeclared=block\b.*\bPurge=On\b.*\bGPC=On\b/, '/: the other defaults');

$line = config_for('/report/index.html');
like($line, qr/\bCookieCharter=On\b.*\bMode=report\b/,
     '/report/: Mode report from its <Location>, CookieCharter On inherited');
like($line, qr/\bUndeclared=block\b.*\bPurge=On\b/, '/report/: defaults kept');

$line = config_for('/report/strict/index.html');
like($line, qr/\bCookieCharter=On\b.*\bMode=report\b/,
     '/report/strict/: Mode report inherited from the outer <Location>');
like($line, qr/\bUndeclared=allow\b.*\bPurge=Off\b/,
     '/report/strict/: its own Undeclared and Purge');
