# The merged per-directory configuration is what the request sees: the module
# logs it at trace1 in a line starting "cookiecharter: config " (LogLevel in
# conf/extra.conf.in). /report/ sets CookieCharterMode report in a <Location>
# on top of the server-wide CookieCharter On.
#
# Pending until the module writes that line: run it with
#   CC_ATEST_PENDING=1 tests/apache/run.sh ...
# and move it (and config_merge.conf.in as conf/topic-config.conf.in) into a
# topic folder once it passes.
use strict;
use warnings FATAL => 'all';

use Apache::Test qw(-withtestmore);
use Apache::TestRequest qw(GET);
use CCTest qw(log_watch_start log_wait_for);

plan tests => 6;

my $config_line = qr/cookiecharter: config /;

log_watch_start();
my $res = GET '/report/index.html';
is($res->code, 200, 'GET /report/index.html: 200');
my @lines = log_wait_for($config_line);
ok(scalar @lines, 'a "cookiecharter: config " line is logged for /report/');
like($lines[-1] // '', qr/\breport\b/, '... and shows CookieCharterMode report');

log_watch_start();
$res = GET '/index.html';
is($res->code, 200, 'GET /index.html: 200');
@lines = log_wait_for($config_line);
ok(scalar @lines, 'a "cookiecharter: config " line is logged for /');
like($lines[-1] // '', qr/\benforce\b/, '... and shows the default mode, enforce');
