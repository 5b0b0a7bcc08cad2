# The visitor's state: GPC, a new charter revision, invalid consent values,
# COOKIECHARTER_CONSENT; the per-directory trace line. (CookieCharter On in
# .htaccess of a host without a charter cannot happen in this suite: every
# virtual host inherits the main server's charter.)
use strict;
use warnings FATAL => 'all';

use Apache::Test qw(-withtestmore);
use CCTest qw(log_watch_start log_wait_for);
use CCEnforce qw(req consent names env_line ID);

plan tests => 18;

my $set = '/app?c=sessionid&c=theme&c=_ga&c=_pk_id.1.a';

# ---- GPC ----
my $res = req('GET', 'cc_enforce', $set, 'X-Enforce-Tag' => 'gpc0');
is_deeply([names($res)], [qw(sessionid theme)], 'no choice: necessary and default-granted');
is(env_line('gpc0'), '/app|unset|2|gpc0', '... COOKIECHARTER_CONSENT=unset');
$res = req('GET', 'cc_enforce', $set, 'Sec-GPC' => '1', 'X-Enforce-Tag' => 'gpc1');
is_deeply([names($res)], ['sessionid'], 'Sec-GPC: 1: every optional category refused');
is(env_line('gpc1'), '/app|gpc|3|gpc1', '... COOKIECHARTER_CONSENT=gpc');
$res = req('GET', 'cc_enforce', $set, 'Sec-GPC' => ' 1 ');
is_deeply([names($res)], ['sessionid'], 'Sec-GPC with spaces around 1');
for my $v ('0', '2', '1, 1', 'yes') {
    $res = req('GET', 'cc_enforce', $set, 'Sec-GPC' => $v);
    is_deeply([names($res)], [qw(sessionid theme)], "Sec-GPC: $v is not a signal");
}
$res = req('GET', 'cc_enforce', $set, 'Sec-GPC' => '1',
           Cookie => consent(granted => 'marketing+prefs'), 'X-Enforce-Tag' => 'gpc2');
is_deeply([names($res)], [qw(_ga sessionid theme)], 'a choice wins over GPC');
is(env_line('gpc2'), '/app|marketing+prefs|1|gpc2', '... COOKIECHARTER_CONSENT=marketing+prefs');
$res = req('GET', 'cc_enforce', "/nogpc$set", 'Sec-GPC' => '1');
is_deeply([names($res)], [qw(sessionid theme)], 'CookieCharterGPC Off: ignored');

# ---- a new revision voids older choices ----
my $e1 = consent(granted => 'statistics+marketing+prefs');
my $e2 = consent(revision => 'e2', granted => 'statistics+marketing+prefs');
$res = req('GET', 'cc_enforce_rev2', $set, Cookie => $e1);
is_deeply([names($res)], [qw(sessionid theme)], 'revision e2: a choice made under e1 is no choice');
$res = req('GET', 'cc_enforce_rev2', $set, Cookie => $e2);
is_deeply([names($res)], [qw(_ga _pk_id.1.a sessionid theme)], '... one made under e2 is');
$res = req('GET', 'cc_enforce', $set, Cookie => $e2);
is_deeply([names($res)], [qw(sessionid theme)], '... and e1 does not take e2');
$res = req('GET', 'cc_enforce', $set, Cookie => "$e2; $e1");
is_deeply([names($res)], [qw(_ga _pk_id.1.a sessionid theme)], 'the first valid one counts, not the first');

# ---- invalid values are no choice, never an error ----
my $n = 0;
for my $v ('', 'v1', 'v2.e1.1.' . ID . '.-', 'v1.e1.' . (time + 3 * 86400) . '.' . ID . '.statistics',
           'v1.e1.' . time . '.' . ID . '.necessary', 'v1.e1.' . time . '.' . ID . '.marketing+statistics',
           'v1.e1.' . time . '.short.statistics', 'v1.e1.1.' . ID . '.-', 'x' x 5000) {
    $res = req('GET', 'cc_enforce', $set, Cookie => "cookies_preferences=$v");
    $n++ if $res->code == 200 && join(',', names($res)) eq 'sessionid,theme';
}
is($n, 9, 'nine malformed consent values: 200 and treated as no choice');

# ---- trace line ----
log_watch_start();
req('GET', 'cc_enforce', '/report/index.html');
ok(scalar(log_wait_for(qr/cookiecharter: config CookieCharter=On Mode=report Undeclared=block Purge=On StripRequestCookies=Off GPC=On for \/report\/index\.html/)),
   'trace1: the merged per-directory config of the request');
