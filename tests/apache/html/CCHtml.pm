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

# The runs the filter may insert, each anchored at pos().
my @INSERTS = (
    # the assets block
    qr{\G<link rel="stylesheet" href="[^"<>]*/banner\.css\?v=[^"<>]*"\s*/>\s*<script src="[^"<>]*/banner\.js\?v=[^"<>]*" defer="defer"></script>},
    # the banner and the manage control, or the manage control alone
    qr{\G(?:<div id="cookiecharter-banner".*?)?<a id="cookiecharter-manage"[^>]*>.*?</a>}s,
    qr{\G type="text/plain"},
    qr{\G data-cookiecharter="[a-z0-9_-]*"},
    qr{\Gdata-cookiecharter-},
);

sub _common {
    my ($a, $i, $b, $j) = @_;
    my $n = length($a) - $i;
    $n = length($b) - $j if length($b) - $j < $n;
    my $lo = 0;
    # blocks first: cheap on multi-megabyte pages
    my $step = 65536;
    while ($step >= 1) {
        while ($lo + $step <= $n
               && substr($a, $i + $lo, $step) eq substr($b, $j + $lo, $step)) {
            $lo += $step;
        }
        $step = int($step / 16);
    }
    return $lo;
}

# undo_check(ORIGINAL, OUTPUT): 1 when OUTPUT is ORIGINAL with only the
# filter's insertions added (removing them gives ORIGINAL byte for byte),
# else a message saying where it went wrong. A small search: an insertion
# may begin a few bytes before the first difference (` type="text/plain"`
# before an original ` type="module"`).
sub undo_check {
    my ($o, $p) = @_;
    my @stack = ([0, 0]);
    my %seen;
    my ($far_i, $far_j) = (0, 0);
    my $steps = 0;
    while (@stack) {
        return "search too long" if ++$steps > 50000;
        my ($i, $j) = @{ pop @stack };
        next if $seen{"$i,$j"}++;
        my $k = _common($o, $i, $p, $j);
        my ($i2, $j2) = ($i + $k, $j + $k);
        return 1 if $i2 == length($o) && $j2 == length($p);
        ($far_i, $far_j) = ($i2, $j2) if $j2 > $far_j;
        my $back = $k < 48 ? $k : 48;
        for my $b (reverse 0 .. $back) {
            for my $re (@INSERTS) {
                pos($p) = $j2 - $b;
                if ($p =~ /$re/gc) {
                    push @stack, [$i2 - $b, pos($p)];
                }
            }
        }
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
