package CCEnforce;
# Helpers of the enforcement tests (tests/apache/enforce/): requests to the
# virtual hosts of conf/topic-enforce.conf.in, consent cookie values for
# tests/charters/enforce.yaml, and Set-Cookie inspection.
use strict;
use warnings FATAL => 'all';

use Exporter 'import';
use Apache::Test ();
use Apache::TestRequest ();
use HTTP::Request ();

our @EXPORT_OK = qw(req url consent names kept expiring expiring_names
                    header_all env_line ID);

# A canonical consent ID (22 base64url characters, last one of AQgw).
use constant ID => 'AbCdEfGhIjKlMnOpQrStUw';

# Absolute URL of PATH on virtual host VHOST ('default' for the main one).
sub url {
    my ($vhost, $path, $scheme) = @_;
    my $u = Apache::TestRequest::module2url($vhost,
        { path => $path, ($scheme ? (scheme => $scheme) : ()) });
    Apache::TestRequest::module('default');
    return $u;
}

# The scheme req() uses ('https' for the mod_ssl host).
our $SCHEME = 'http';

# req(METHOD, VHOST, PATH, HEADER => VALUE..., [content => BODY]): the
# response, redirects not followed.
sub req {
    my ($method, $vhost, $path, @h) = @_;
    my $content;
    my @headers;
    while (@h) {
        my ($k, $v) = splice @h, 0, 2;
        if ($k eq 'content') { $content = $v; next; }
        push @headers, $k, $v;
    }
    my $r = HTTP::Request->new($method, url($vhost, $path, $SCHEME), \@headers,
                               $content);
    $r->header('Content-Length' => length $content)
        if defined $content && !defined $r->header('Content-Length')
           && !defined $r->header('Transfer-Encoding');
    my $ua = Apache::TestRequest::user_agent();
    local $ua->{requests_redirectable} = [];
    return $ua->request($r);
}

# "cookies_preferences=v1.REV.ISSUED.ID.GRANTED" for the enforce charter.
sub consent {
    my (%o) = @_;
    my $rev = $o{revision} // 'e1';
    my $issued = $o{issued} // time;
    my $id = $o{id} // ID;
    my $granted = $o{granted} // '-';
    return "cookies_preferences=v1.$rev.$issued.$id.$granted";
}

# Every value of a response header (Set-Cookie, Cache-Control...).
sub header_all {
    my ($res, $name) = @_;
    my @v = $res->headers->header($name);
    return grep { defined } @v;
}

sub _name {
    my ($h) = @_;
    my $pair = (split /;/, $h, 2)[0] // '';
    my $name = $pair =~ /=/ ? (split /=/, $pair, 2)[0] : '';
    $name =~ s/^[ \t]+|[ \t]+$//g;
    return $name;
}

sub _expiring {
    my ($h) = @_;
    return $h =~ /;\s*Max-Age=0(?:;|$)/i;
}

# Names of the Set-Cookie headers that set a cookie (not the expiring ones),
# sorted.
sub names {
    my ($res) = @_;
    my @n = sort map { _name($_) } grep { !_expiring($_) }
        header_all($res, 'Set-Cookie');
    return @n;
}

# The whole Set-Cookie headers that expire a cookie (purge).
sub expiring {
    my ($res) = @_;
    return grep { _expiring($_) } header_all($res, 'Set-Cookie');
}

# Names expired by a response, sorted, each once.
sub expiring_names {
    my ($res) = @_;
    my %n = map { _name($_) => 1 } expiring($res);
    my @n = sort keys %n;
    return @n;
}

# The last line of logs/enforce-env.log (the access log of cc_enforce:
# "%U|COOKIECHARTER_CONSENT|COOKIECHARTER_BLOCKED|X-Enforce-Tag") for a
# request sent with X-Enforce-Tag: TAG; waits for httpd to write it.
sub env_line {
    my ($tag) = @_;
    my $path = Apache::Test::vars('t_logs') . '/enforce-env.log';
    for (1 .. 50) {
        if (open my $fh, '<', $path) {
            my @l = grep { /\|\Q$tag\E$/ } map { chomp; $_ } <$fh>;
            return $l[-1] if @l;
        }
        select(undef, undef, undef, 0.1);
    }
    return '';
}

# Alias kept for readability in the tests: the cookies a response sets.
sub kept { return names(@_) }

1;
