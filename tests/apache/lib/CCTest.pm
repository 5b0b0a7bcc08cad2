package CCTest;
# Small helpers shared by the .t files of the mod_cookiecharter suite.
# run.sh puts t/lib on PERL5LIB, so a test says `use CCTest;`.
use strict;
use warnings FATAL => 'all';

use Exporter 'import';
use Apache::Test ();
use Apache::TestRequest ();

our @EXPORT_OK = qw(set_cookie_names set_cookies error_log_path
                    log_watch_start log_watch_lines log_wait_for backend_url);

# Every Set-Cookie header of a response, in order.
sub set_cookies {
    my ($res) = @_;
    return $res->headers->header('Set-Cookie') ? ($res->headers->header('Set-Cookie')) : ();
}

# The cookie names of every Set-Cookie header, the way browsers read them:
# what precedes the first '=', trimmed of spaces and tabs.
sub set_cookie_names {
    my ($res) = @_;
    my @names;
    for my $h (set_cookies($res)) {
        my $name = $h =~ /=/ ? (split /=/, $h, 2)[0] : '';
        $name =~ s/^[ \t]+|[ \t]+$//g;
        push @names, $name;
    }
    return @names;
}

sub error_log_path {
    return Apache::Test::vars('t_logs') . '/error_log';
}

# Error-log lines written between log_watch_start() and log_watch_lines().
my $watch_pos;

sub log_watch_start {
    my $path = error_log_path();
    $watch_pos = -s $path || 0;
}

sub log_watch_lines {
    my $path = error_log_path();
    open my $fh, '<', $path or die "cannot read $path: $!";
    seek $fh, $watch_pos // 0, 0;
    my @lines = <$fh>;
    close $fh;
    return @lines;
}

# The new error-log lines matching RE, waiting up to TIMEOUT seconds (default
# 5) for at least one: httpd may write a line just after the response.
sub log_wait_for {
    my ($re, $timeout) = @_;
    my $deadline = time + ($timeout // 5);
    while (1) {
        my @hits = grep { /$re/ } log_watch_lines();
        return @hits if @hits || time >= $deadline;
        select(undef, undef, undef, 0.1);
    }
}

# Absolute URL of PATH on the cc_backend virtual host (extra.conf.in).
sub backend_url {
    my ($path) = @_;
    my $url = Apache::TestRequest::module2url('cc_backend', { path => $path });
    Apache::TestRequest::module('default');
    return $url;
}

1;
