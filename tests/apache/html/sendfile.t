# A static page keeps the core's way of sending a file (docs/html-filter.md):
# with EnableSendfile On and every category granted, once the banner is in,
# the rest of a long page goes out with sendfile(2), as it would without the
# module. Seen as an admin would see it: strace attached to the server.
# /html/sendfile/ has EnableSendfile On (topic-html.conf.in); /html/gen/ has
# httpd's default, Off, and is the control: no sendfile there.
use strict;
use warnings FATAL => 'all';
use FindBin;
use lib $FindBin::Bin;

use Apache::Test qw(-withtestmore);
use Apache::TestRequest qw(GET);
use Time::HiRes qw(sleep);
use CCHtml qw(consent read_file write_file);

plan tests => 7;

my $docroot = Apache::Test::vars('documentroot');
my $logs = Apache::Test::vars('t_logs');
my $gen = "$docroot/html/gen";
mkdir $gen unless -d $gen;
my $page = "<!DOCTYPE html>\n<html><head><title>t</title></head>\n<body>"
    . ("<p>" . ("text " x 40) . "</p>\n") x 1000 . "</body></html>\n";
write_file("$gen/sendfile-long.html", $page);
my $all = consent('statistics+marketing');

# attached(FILE): how many processes strace says it attached to (FILE is
# its stderr).
sub attached { my ($err) = @_; return -e $err ? () = read_file($err) =~ /attached/g : 0 }

# served(URL, HEADERS...): the response, and the bytes the server's
# processes sent with sendfile and with writev while it was served.
sub served {
    my ($url, @h) = @_;
    my $ppid = read_file("$logs/httpd.pid") =~ s/\s+//gr;
    my @procs = ($ppid, split ' ', `pgrep -P $ppid`);
    my ($out, $err) = ("$logs/sendfile.strace", "$logs/sendfile.strace.err");
    unlink $out, $err;
    my $pid = fork // die "fork: $!";
    if (!$pid) {
        open STDERR, '>', $err or die "$err: $!";
        exec 'strace', '-f', '-e', 'trace=sendfile,writev', '-o', $out,
            map { ('-p', $_) } @procs;
        die "strace: $!";
    }
    # strace says "attached" for each process before it traces it.
    for (1 .. 100) {
        last if attached($err) >= @procs;
        sleep 0.05;
    }
    my $res = GET $url, @h;
    sleep 0.2;
    kill 'TERM', $pid;
    waitpid $pid, 0;
    my %sent = (sendfile => 0, writev => 0, attached => 0);
    $sent{attached} = attached($err);
    for (split /\n/, -e $out ? read_file($out) : '') {
        # a call and its result, or a resumed call's result
        $sent{$1} += $2 if /(?:^\d+\s+|<\.\.\. )(sendfile|writev)\b.*= (\d+)$/;
    }
    return ($res, \%sent);
}

my ($res, $sent) = served('/html/sendfile/gen/sendfile-long.html', Cookie => $all);
ok($sent->{attached} >= 2, "strace attached to the server ($sent->{attached} processes)")
    or diag(-e "$logs/sendfile.strace.err" ? read_file("$logs/sendfile.strace.err") : 'no strace output');
is($res->code, 200, 'EnableSendfile On, all granted: 200');
like($res->content, qr/id="cookiecharter-banner"[^>]* hidden="hidden"/, '... the banner, hidden');
my $rest = length($page) - 64 * 1024;
ok($sent->{sendfile} >= $rest && $sent->{sendfile} <= length($page),
   "... all but the page's head goes out with sendfile ($sent->{sendfile} of "
   . length($page) . ' bytes)');

($res, $sent) = served('/html/gen/sendfile-long.html', Cookie => $all);
is($res->code, 200, 'EnableSendfile Off, all granted: 200');
is($sent->{sendfile}, 0, '... no sendfile');
ok($sent->{writev} >= length($page), "... writev sends the page ($sent->{writev} bytes)");
