package CCHostile;
# Helpers for the hostile-input tests (tests/apache/hostile/): raw requests
# on a socket (bytes LWP would refuse to send: NUL, bare CR), a raw backend
# that answers bytes no httpd module would produce, the RSS of httpd's
# children, and the verdict "no non-granted cookie got through".
use strict;
use warnings FATAL => 'all';

use Exporter 'import';
use IO::Socket::INET;
use IO::Select;
use POSIX ();
use Time::HiRes qw(time sleep);
use Apache::Test ();
use Apache::TestRequest ();

our @EXPORT_OK = qw(hostile_hostport raw_request raw_send_headers read_response
                    start_raw_backend stop_raw_backend httpd_rss_kb
                    instrumented leaked_cookies still_alive);

# The cookies of the demo charter granted to a visitor with no choice.
my %granted = map { $_ => 1 } qw(sessionid csrftoken django_language cookies_preferences);

# host:port of the cc_hostile virtual host (conf/topic-hostile.conf.in).
sub hostile_hostport {
    my $url = Apache::TestRequest::module2url('cc_hostile', { path => '/' });
    Apache::TestRequest::module('default');
    my ($hostport) = $url =~ m{^https?://([^/]+)/} or die "no cc_hostile virtual host";
    return $hostport;
}

sub _connect {
    my ($hostport) = @_;
    my $sock = IO::Socket::INET->new(PeerAddr => $hostport, Proto => 'tcp', Timeout => 10)
        or die "connect $hostport: $!";
    binmode $sock;
    return $sock;
}

# Reads a whole response (until the server closes or TIMEOUT seconds pass).
# Returns (status, headers-text, body, seconds).
sub read_response {
    my ($sock, $timeout) = @_;
    my $start = time;
    my $sel = IO::Select->new($sock);
    my $buf = '';
    my $deadline = $start + ($timeout // 30);
    while (time < $deadline) {
        last unless $sel->can_read($deadline - time);
        my $n = sysread($sock, $buf, 65536, length $buf);
        last unless $n;
    }
    my ($head, $body) = split /\r\n\r\n/, $buf, 2;
    my ($status) = ($head // '') =~ m{^HTTP/1\.[01] (\d{3})};
    return ($status // 0, $head // '', $body // '', time - $start);
}

# Sends REQUEST (raw bytes, complete) and reads the response.
sub raw_request {
    my ($request, $timeout, $hostport) = @_;
    my $sock = _connect($hostport // hostile_hostport());
    print $sock $request;
    my @r = read_response($sock, $timeout);
    close $sock;
    return @r;
}

# Opens a connection and sends only HEADERS: the caller sends the body.
sub raw_send_headers {
    my ($headers, $hostport) = @_;
    my $sock = _connect($hostport // hostile_hostport());
    $sock->autoflush(1);
    print $sock $headers;
    return $sock;
}

# A raw HTTP backend on 127.0.0.1: answers every connection with the bytes
# RESPONSE (a string, or a code ref called with the socket), at most MAX
# connections, and exits after 60 s whatever happens. Returns (port, pid).
sub start_raw_backend {
    my ($response, $max) = @_;
    my $listen = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => 0,
                                       Listen => 5, Proto => 'tcp', ReuseAddr => 1)
        or die "listen: $!";
    my $port = $listen->sockport;
    my $pid = fork;
    die "fork: $!" unless defined $pid;
    if ($pid == 0) {
        alarm 60;
        for (1 .. ($max // 1)) {
            my $c = $listen->accept or last;
            binmode $c;
            my $req = '';
            while ($req !~ /\r\n\r\n/) {
                my $n = sysread($c, $req, 8192, length $req);
                last unless $n;
            }
            if (ref $response eq 'CODE') {
                $response->($c);
            }
            else {
                print $c $response;
            }
            close $c;
        }
        POSIX::_exit(0);
    }
    close $listen;
    return ($port, $pid);
}

sub stop_raw_backend {
    my ($pid) = @_;
    kill 'TERM', $pid;
    waitpid $pid, 0;
}

# The server under test runs under ASan or valgrind (make check-asan,
# check-valgrind): memory and time figures are not meaningful there.
sub instrumented {
    my $pid = _server_pid() or return 0;
    open my $fh, '<', "/proc/$pid/maps" or return 0;
    local $/;
    my $maps = <$fh>;
    return $maps =~ /libasan|libclang_rt\.asan|vgpreload_memcheck/ ? 1 : 0;
}

sub _server_pid {
    my $file = Apache::Test::vars('t_logs') . '/httpd.pid';
    open my $fh, '<', $file or return;
    my $pid = <$fh>;
    chomp $pid if defined $pid;
    return $pid;
}

# Total VmRSS (KiB) of the server process and its children.
sub httpd_rss_kb {
    my $parent = _server_pid() or return 0;
    my $total = 0;
    opendir my $d, '/proc' or return 0;
    for my $pid (grep { /^\d+$/ } readdir $d) {
        open my $fh, '<', "/proc/$pid/status" or next;
        my ($ppid, $rss) = (0, 0);
        while (<$fh>) {
            $ppid = $1 if /^PPid:\s+(\d+)/;
            $rss = $1 if /^VmRSS:\s+(\d+)/;
        }
        $total += $rss if $pid == $parent || $ppid == $parent;
    }
    return $total;
}

# The Set-Cookie lines of HEAD (raw headers text, or a list of values) that
# set a cookie a visitor with no choice has not granted. Expiring headers
# (the module's purge: Max-Age=0) take nothing and do not count.
sub leaked_cookies {
    my @values = @_;
    if (@values == 1 && $values[0] =~ /\r?\n/) {
        @values = map { /^Set-Cookie:\s*(.*)$/i ? $1 : () } split /\r?\n/, $values[0];
    }
    my @leaked;
    for my $v (@values) {
        my $name = $v =~ /=/ ? (split /=/, $v, 2)[0] : '';
        $name =~ s/^[ \t]+|[ \t]+$//g;
        next if $granted{$name};
        next if $v =~ /;\s*Max-Age=0\b/i;
        push @leaked, $v;
    }
    return @leaked;
}

# The server still answers a plain request on the hostile host.
sub still_alive {
    my ($status) = raw_request("GET /index.html HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", 30);
    return $status == 200;
}

1;
