# The HTML corpus (tests/corpus/html, copied to htdocs/html/corpus) served
# through httpd: for each document, the banner occurs exactly once as the
# first element of <body> (html5lib; xml.etree for XHTML), and removing the
# filter's insertions gives back the file byte for byte; frameset documents
# come out byte-identical. The same again through mod_bucketeer, with the
# bytes cut into buckets, brigades and flushes inside tags and attribute
# values: the results are identical (mod_bucketeer splits text/* only, so
# the XHTML documents go through it whole).
use strict;
use warnings FATAL => 'all';
use FindBin;
use lib $FindBin::Bin;

use Apache::Test qw(-withtestmore);
use Apache::TestRequest qw(GET);
use CCHtml qw(consent parse_page undo_check read_file write_file strip_return);

my $docroot = Apache::Test::vars('documentroot');
opendir my $dh, "$docroot/html/corpus" or die "corpus: $!";
my @names = sort grep { /\.x?html$/ } readdir $dh;
closedir $dh;

# html5lib 1.1 parts from the HTML Living Standard here (no <template>):
# only the banner count is checked (tests/corpus/check_html5.py does the same).
my %html5lib_gap = ('template-head.html' => 1);

plan tests => 2 + 9 * @names;

cmp_ok(scalar(@names), '>=', 55, 'the corpus is there');

# Control bytes inside every tag name, after every `=` and inside quoted
# attribute values.
sub bucketeer_copy {
    my ($s) = @_;
    my $n = 0;
    $s =~ s{<(/?)([A-Za-z])([A-Za-z0-9]*)}{
        my ($sl, $c1, $rest) = ($1, $2, $3);
        my $ctl = (++$n % 3 == 0) ? "\x10" : (($n % 2) ? "\x02" : "\x06");
        length($rest) >= 2
            ? "<\x02$sl$c1" . substr($rest, 0, 1) . $ctl . substr($rest, 1)
            : "<$sl\x02$c1$ctl$rest"
    }ge;
    $s =~ s{="([^"]{2})}{=\x06"$1\x02}g;
    return $s;
}

mkdir "$docroot/html/bkt" or die "bkt: $!" unless -d "$docroot/html/bkt";
my $splits = 0;
for my $name (@names) {
    # mod_bucketeer splits text/* only: XHTML copies stay plain.
    my $orig = read_file("$docroot/html/corpus/$name");
    my $copy = $name =~ /\.xhtml$/ ? $orig : bucketeer_copy($orig);
    $splits += () = $copy =~ /[\x02\x06\x10]/g;
    write_file("$docroot/html/bkt/$name", $copy);
}
cmp_ok($splits, '>', 1000, "the bucketeer copies have control bytes ($splits)");

my $all = consent('statistics+marketing');
for my $name (@names) {
    my $orig = read_file("$docroot/html/corpus/$name");
    my $xhtml = $name =~ /\.xhtml$/;
    my $frameset = !$xhtml && parse_page($orig)->{frameset};
    my %out;
    for my $v (['plain', "/html/corpus/$name", undef], ['bkt', "/html/bkt/$name", undef],
               ['plain-all', "/html/corpus/$name", $all], ['bkt-all', "/html/bkt/$name", $all]) {
        my ($tag, $url, $cookie) = @$v;
        my $res = GET $url, $cookie ? (Cookie => $cookie) : ();
        die "$url: " . $res->status_line unless $res->code == 200;
        $out{$tag} = $res->content;
    }
    if ($frameset) {
        is($out{plain}, $orig, "$name: a frameset document comes out byte-identical");
        is($out{bkt}, $orig, "$name: ... through bucketeer too");
        is($out{'plain-all'}, $orig, "$name: ... after accept-all too");
        ok(1, "$name: frameset: no banner to place") for 1 .. 6;
        next;
    }
    my $p = parse_page($out{plain}, $xhtml);
    ok(!$p->{error}, "$name: parses" . ($p->{error} ? ": $p->{error}" : ''));
    is($p->{banners}, 1, "$name: the banner occurs exactly once");
    if ($html5lib_gap{$name}) {
        ok(1, "$name: position not checked (html5lib 1.1 gap)");
    }
    else {
        is($p->{first}, 'cookiecharter-banner', "$name: the banner is the first element of <body>");
    }
    ok($p->{assets} == 2 && $p->{assets_before}, "$name: the assets once, before the banner");
    my $u = undo_check($orig, $out{plain});
    is($u, 1, "$name: removing the insertions gives back the original");
    is(strip_return($out{bkt}), strip_return($out{plain}),
       "$name: identical through mod_bucketeer");
    my $pa = parse_page($out{'plain-all'}, $xhtml);
    ok($pa->{banners} == 1 && $pa->{hidden}, "$name: accept-all: one hidden banner");
    is(undo_check($orig, $out{'plain-all'}), 1, "$name: accept-all: only insertions");
    is(strip_return($out{'bkt-all'}), strip_return($out{'plain-all'}),
       "$name: accept-all: identical through mod_bucketeer");
}
