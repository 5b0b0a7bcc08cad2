package CCHtml;
# Helpers for the HTML filter tests (tests/apache/html/*.t): consent
# cookies for the demo charter (a canonical ID: last character one of AQgw), an HTML5/XML parser's view of a page
# (check_page.py, html5lib), and the "undo" check: a page the filter
# rewrote is the original with only the filter's insertions added.
use strict;
use warnings FATAL => 'all';

use Exporter 'import';
use File::Basename qw(dirname);
use File::Temp qw(tempfile);
use JSON::PP ();
use Apache::Test ();

our @EXPORT_OK = qw(consent parse_page undo_check read_file write_file
                    strip_return);

my $here = dirname(__FILE__);

# The demo charter's consent cookie (section 4): v1.REVISION.ISSUED.ID.GRANTED.
sub consent {
    my ($granted) = @_;
    return 'cookies_preferences=v1.2024-06-demo.' . time()
        . '.AbCdEfGhIjKlMnOpQrStUw.' . ($granted // '-');
}

sub read_file {
    my ($path) = @_;
    open my $fh, '<:raw', $path or die "$path: $!";
    local $/;
    my $data = <$fh>;
    close $fh;
    return $data;
}

sub write_file {
    my ($path, $data) = @_;
    open my $fh, '>:raw', $path or die "$path: $!";
    print $fh $data;
    close $fh or die "$path: $!";
}

# What html5lib (or xml.etree for XHTML) makes of a page: a hash, see
# check_page.py.
sub parse_page {
    my ($data, $xhtml) = @_;
    my ($fh, $file) = tempfile(TMPDIR => 1, UNLINK => 1);
    binmode $fh;
    print $fh $data;
    close $fh;
    my @cmd = ('/usr/bin/python3', "$here/check_page.py", $xhtml ? ('-x') : ());
    my $cmd = join(' ', map { "'$_'" } @cmd) . " < '$file'";
    my $json = `$cmd`;
    die "check_page.py failed: $?" if $? != 0;
    unlink $file;
    return JSON::PP::decode_json($json);
}

# The runs the filter may insert: where one starting at $at in $p ends.
# Fixed strings are compared with substr and the blocks matched in a small
# window: a regex on a multi-megabyte string may copy it at each match.
my @FIXED = (' type="text/plain"', 'data-cookiecharter-');
my @BLOCKS = (
    # the assets block
    qr{^<link rel="stylesheet" href="[^"<>]*/banner\.css\?v=[^"<>]*"\s*/>\s*<script src="[^"<>]*/banner\.js\?v=[^"<>]*" defer="defer"></script>},
    # the banner and the manage control, or the manage control alone
    qr{^(?:<div id="cookiecharter-banner".*?)?<a id="cookiecharter-manage"[^>]*>.*?</a>}s,
);

sub _insert_ends {
    my ($pr, $at) = @_;
    my $p = $pr;    # a reference: never copy the page
    my @ends;
    my $c = substr($$p, $at, 1);
    if ($c eq '<') {
        my $w = substr($$p, $at, 65536);
        for my $re (@BLOCKS) {
            push @ends, $at + $+[0] if $w =~ $re;
        }
    }
    else {
        for my $f (@FIXED) {
            push @ends, $at + length($f) if substr($$p, $at, length $f) eq $f;
        }
        my $id = ' data-cookiecharter="';
        if (substr($$p, $at, length $id) eq $id) {
            my $w = substr($$p, $at + length($id), 40);
            push @ends, $at + length($id) + $+[0] if $w =~ /^[a-z0-9_-]*"/;
        }
    }
    return @ends;
}

sub _common {
    my ($a, $i, $b, $j) = @_;    # $a, $b: references
    my $n = length($$a) - $i;
    $n = length($$b) - $j if length($$b) - $j < $n;
    # Galloping: runs between insertions are usually short, sometimes
    # megabytes long.
    my ($lo, $step) = (0, 16);
    while ($lo < $n) {
        $step = $n - $lo if $step > $n - $lo;
        if (substr($$a, $i + $lo, $step) eq substr($$b, $j + $lo, $step)) {
            $lo += $step;
            $step *= 2;
        }
        elsif ($step > 1) {
            $step = int($step / 2);
        }
        else {
            last;
        }
    }
    return $lo;
}

# undo_check(ORIGINAL, OUTPUT): 1 when OUTPUT is ORIGINAL with only the
# filter's insertions added (removing them gives ORIGINAL byte for byte),
# else a message saying where it went wrong. A depth-first search: an
# insertion may begin a few bytes before the first difference
# (` type="text/plain"` before an original ` type="module"`), so after a
# common run the insertion points are tried from its end backwards, lazily.
sub undo_check {
    my ($o, $p) = @_;
    my ($lo, $lp) = (length $o, length $p);
    my @stack = ([0, 0, -1, 0]);    # i, j, next back-off to try, its limit
    my %seen;
    my ($far_i, $far_j) = (0, 0);
    my $steps = 0;
    my $limit = 1000 + 50 * ($lp - $lo);
    while (@stack) {
        return "search too long" if ++$steps > $limit;
        my $top = $stack[-1];
        my ($i, $j, $b, $max) = @$top;
        if ($b < 0) {
            # a new node: skip the common run
            pop @stack;
            next if $seen{"$i,$j"}++;
            my $k = _common(\$o, $i, \$p, $j);
            ($i, $j) = ($i + $k, $j + $k);
            return 1 if $i == $lo && $j == $lp;
            ($far_i, $far_j) = ($i, $j) if $j > $far_j;
            push @stack, [$i, $j, 0, $k < 48 ? $k : 48];
            next;
        }
        if ($b > $max) {
            pop @stack;
            next;
        }
        $top->[2]++;
        my $at = $j - $b;
        next unless substr($p, $at, 1) =~ /[< d]/;
        push @stack, [$i - $b, $_, -1, 0] for _insert_ends(\$p, $at);
    }
    return sprintf("differs at original byte %d (%s) / output byte %d (%s)",
                   $far_i, _show(substr($o, $far_i, 40)),
                   $far_j, _show(substr($p, $far_j, 40)));
}

sub _show {
    my ($s) = @_;
    $s =~ s/([^\x20-\x7e])/sprintf('\\x%02x', ord $1)/ge;
    return $s;
}

# The page with its form's return field blanked: two URLs of one page
# differ only there.
sub strip_return {
    my ($s) = @_;
    $s =~ s/(<input type="hidden" name="return" value=")[^"]*"/$1"/g;
    return $s;
}

1;
