# The proof log (contract section 8): one JSON line per decision, to a file
# and through a pipe, whole lines under 20 parallel clients, the exact keys,
# client truncation, the user agent cut, v, method, the error-log line.
use strict;
use warnings FATAL => 'all';

use Apache::Test qw(-withtestmore);
use Digest::SHA qw(sha256_hex);
use Encode ();
use JSON::PP ();
use POSIX ();
use CCTest qw(log_watch_start log_wait_for);
use CCEnforce qw(req);

plan tests => 30;

my $vars = Apache::Test::vars();
my $file = "$vars->{t_logs}/enforce-consent.log";
my $pipe = "$vars->{t_logs}/enforce-pipe.log";
my $P = '/cookiecharter/consent';
my @keys = sort qw(time id revision charter_sha256 v choice granted refused
                   method vhost client ua);

sub post {
    my ($vh, $body, @h) = @_;
    return req('POST', $vh, $P, 'Content-Type' => 'application/x-www-form-urlencoded',
               @h, content => $body);
}

sub lines {
    my ($path) = @_;
    open my $fh, '<', $path or return ();
    my @l = <$fh>;
    close $fh;
    return @l;
}

# Wait until PATH has at least N lines (a pipe writes a little later).
sub wait_lines {
    my ($path, $n) = @_;
    for (1 .. 100) {
        my @l = lines($path);
        return @l if @l >= $n;
        select(undef, undef, undef, 0.1);
    }
    return lines($path);
}

sub decode {
    my ($line) = @_;
    return eval { JSON::PP->new->utf8->decode($line) };
}

# The banner version V, from a page's banner.js URL.
my $page = req('GET', 'cc_enforce', '/index.html');
my ($V) = $page->content =~ /banner\.js\?v=([0-9a-f]+)/;
ok($V, "the current V ($V)");
my $sha = do {
    open my $fh, '<', "$vars->{serverroot}/charters/enforce.yaml" or die $!;
    local $/;
    sha256_hex(<$fh>);
};

# ---- one decision, every key ----
my $before = () = lines($file);
log_watch_start();
my $res = post('cc_enforce', "choice=custom&category=marketing&category=prefs&v=$V",
               'User-Agent' => 'prooflog-one');
is($res->code, 303, 'a decision');
my ($id) = ($res->header('Set-Cookie') // '') =~ /^cookies_preferences=v1\.e1\.\d+\.([^.]+)\./;
my @l = wait_lines($file, $before + 1);
my $line = $l[-1];
like($line, qr/^\{.*\}\n\z/s, 'one JSON object on one line');
my $j = decode($line) || {};
is_deeply([sort keys %$j], \@keys, 'exactly the keys of section 8');
like($j->{time} // '', qr/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, 'time: UTC ISO 8601');
is($j->{id}, $id, 'id: the cookie\'s');
is($j->{revision}, 'e1', 'revision');
is($j->{charter_sha256}, $sha, 'charter_sha256: the file\'s SHA-256');
is($j->{v}, $V, 'v: the current version');
is($j->{choice}, 'custom', 'choice');
is_deeply($j->{granted}, [qw(marketing prefs)], 'granted, charter order');
is_deeply($j->{refused}, ['statistics'], 'refused');
is($j->{method}, 'form', 'method: form');
ok(defined $j->{vhost} && length $j->{vhost}, "vhost: $j->{vhost}");
is($j->{client}, '127.0.0.0', 'client: /24');
is($j->{ua}, 'prooflog-one', 'ua');
ok(scalar(log_wait_for(qr/cookiecharter: consent custom id \Q$id\E revision e1 granted marketing\+prefs/)),
   'the decision at info level in the error log');

# ---- v, method, ua cut ----
post('cc_enforce', 'choice=accept-all&v=0123456789abcdef', 'User-Agent' => 'prooflog-v');
post('cc_enforce', 'choice=reject-all', Accept => 'application/json',
     'User-Agent' => 'a' . ("\xc3\xa9" x 300));
@l = wait_lines($file, $before + 3);
my $jv = decode($l[-2]) || {};
my $jj = decode($l[-1]) || {};
ok(exists $jv->{v} && !defined $jv->{v}, 'v: null when not the current version');
is($jj->{method}, 'js', 'method: js when the JSON mode answered');
ok(!exists $jj->{v} || !defined $jj->{v}, 'v: null when absent');
ok(length(Encode::encode('UTF-8', $jj->{ua})) <= 512, 'ua: at most 512 bytes');
unlike($jj->{ua}, qr/\x{fffd}/, '... cut on a character boundary');
ok(length(Encode::encode('UTF-8', $jj->{ua})) >= 500, '... and not cut shorter than needed');

# ---- a long hostile user agent keeps the line under 4 KiB ----
post('cc_enforce', 'choice=accept-all', 'User-Agent' => ("\"\\<" x 2000));
@l = wait_lines($file, $before + 4);
ok(length($l[-1]) <= 4096 && decode($l[-1]), 'a user agent of escapes: one parseable line of at most 4096 bytes');

# ---- the pipe and parallel clients ----
my %want;
my $clients = 20;
my $each = 10;
my $pipe_before = () = lines($pipe);
my $file_before = () = lines($file);
my @pids;
for my $c (1 .. $clients) {
    my $pid = fork;
    die "fork: $!" unless defined $pid;
    if (!$pid) {
        Apache::TestRequest::user_agent(reset => 1, timeout => 30);
        for my $k (1 .. $each) {
            my $vh = $k % 2 ? 'cc_enforce_pp' : 'cc_enforce_rw';
            post($vh, 'choice=accept-all', 'User-Agent' => "par-$c-$k-" . ('u' x 400));
        }
        POSIX::_exit(0);    # no END blocks of Test::More in a child
    }
    push @pids, $pid;
}
waitpid($_, 0) for @pids;
my $half = $clients * $each / 2;
my @pl = wait_lines($pipe, $pipe_before + $half);
my @fl = wait_lines($file, $file_before + $half);
@pl = @pl[$pipe_before .. $#pl];
@fl = @fl[$file_before .. $#fl];
is(scalar(@pl), $half, "the pipe: $half lines from the ProxyPass / host");
is(scalar(@fl), $half, "the file: $half lines from the RewriteRule host sharing cc_enforce's file");
my %seen;
my $bad = 0;
for my $ln (@pl, @fl) {
    my $o = decode($ln);
    if (!$o || join(',', sort keys %$o) ne join(',', @keys) || $ln !~ /\n\z/) {
        $bad++;
        next;
    }
    $seen{($o->{ua} =~ /^(par-\d+-\d+)-/)[0] // 'x'}++;
}
is($bad, 0, 'every line parses, with every key, whole');
is(scalar(grep { $seen{$_} == 1 } keys %seen), $clients * $each, 'every decision exactly once');

# ---- one file spec, one open file ----
my $pid = do { open my $fh, '<', "$vars->{t_logs}/httpd.pid"; my $p = <$fh>; chomp $p; $p };
my @kids = grep { /^\d+$/ } map { (split ' ', $_)[0] } `ps -o pid= --ppid $pid 2>/dev/null`;
my $max = 0;
for my $k (@kids) {
    my $n = grep { (readlink($_) // '') eq $file } glob("/proc/$k/fd/*");
    $max = $n if $n > $max;
}
ok(@kids, 'found the server\'s children');
is($max, 1, 'the log file shared by two hosts is open once in a child');
