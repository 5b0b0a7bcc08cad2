#!/usr/bin/perl
# bench/gen-page.pl BYTES [--one-line] > page.html
#
# Writes a realistic article page of about BYTES bytes (never less): a head
# with meta tags, a stylesheet and scripts (one of them a Matomo tracker that
# the demo charter holds back), then a body of article sections with links,
# images, lists, a table and an inline script, and a footer. The text is
# deterministic (fixed seed), so two runs bench the same bytes.
# --one-line: no newline anywhere, as minifiers emit (mod_substitute's
# SubstituteMaxLineLength trap).
use strict;
use warnings;

my $target = shift @ARGV;
die "usage: $0 BYTES [--one-line]\n" unless defined $target && $target =~ /^\d+$/;
my $one_line = (@ARGV && $ARGV[0] eq '--one-line');
my $nl = $one_line ? ' ' : "\n";

srand(42);
my @words = qw(cookie consent browser server page visitor data open portal dataset
    statistics measure audience privacy policy choice category necessary session
    language network request response header module filter stream banner charter
    record proof revision platform service provider purpose duration table map
    region city transport energy budget population school health water air);

sub sentence {
    my $n = 8 + int(rand(14));
    my @w = map { $words[int(rand(@words))] } 1 .. $n;
    $w[0] = ucfirst $w[0];
    return join(' ', @w) . '.';
}

sub paragraph {
    my @s;
    for my $i (1 .. 3 + int(rand(4))) {
        my $s = sentence();
        if (rand() < 0.5) {
            my $w = $words[int(rand(@words))];
            $s .= " See <a href=\"/datasets/$w-" . int(rand(1000))
                . "\" title=\"The $w dataset\">the $w dataset</a>.";
        }
        push @s, $s;
    }
    return '<p>' . join(' ', @s) . '</p>';
}

my $out = '';
sub add { $out .= join('', @_) . $nl; }

add('<!DOCTYPE html>');
add('<html lang="en">');
add('<head>');
add('<meta charset="utf-8">');
add('<meta name="viewport" content="width=device-width, initial-scale=1">');
add('<title>Open data portal - transport and energy datasets of the region</title>');
add('<meta name="description" content="Datasets, maps and statistics published by the region.">');
add('<link rel="stylesheet" href="/static/site.css?v=3.2.1">');
add('<link rel="icon" href="/favicon.ico">');
add('<script src="/static/vendor/jquery.min.js"></script>');
add('<script src="/static/app.js" defer></script>');
add('<script>var _paq = window._paq = window._paq || []; _paq.push([\'trackPageView\']);</script>');
add('<script src="https://matomo.example.org/matomo.js" async></script>');
add('</head>');
add('<body class="page-article">');
add('<header class="site-header"><a class="logo" href="/"><img src="/static/logo.svg" alt="Open data portal" width="160" height="40"></a>');
add('<nav><ul><li><a href="/">Home</a></li><li><a href="/datasets">Datasets</a></li><li><a href="/maps">Maps</a></li><li><a href="/api">API</a></li><li><a href="/about">About</a></li></ul></nav></header>');
add('<main id="content"><article>');
add('<h1>Transport and energy: what the open data says</h1>');

my $footer = join($nl,
    '</article></main>',
    '<footer class="site-footer"><p>Published under the Open Licence 2.0. <a href="/legal">Legal notice</a> - <a href="/cookiecharter/policy">Cookie policy</a></p></footer>',
    '<script src="/static/footer.js"></script>',
    '</body>',
    '</html>') . "\n";

# One paragraph at a time (so 2 KB pages stay near 2 KB), sections of four
# paragraphs with a figure, a list, a table or JSON-LD now and then.
my ($section, $para) = (0, 0);
while (length($out) + length($footer) < $target) {
    if ($para % 4 == 0) {
        add('</section>') if $section;
        $section++;
        add("<section id=\"s$section\">");
        add("<h2>Section $section: " . sentence() . '</h2>');
        if ($section % 2 == 0) {
            add("<figure><img src=\"/media/chart-$section.png\" alt=\"Chart $section\" width=\"640\" height=\"360\" loading=\"lazy\"><figcaption>" . sentence() . '</figcaption></figure>');
        }
        if ($section % 3 == 0) {
            add('<ul>' . join('', map { "<li><a href=\"/datasets/d$section-$_\">" . sentence() . '</a></li>' } 1 .. 5) . '</ul>');
        }
        if ($section % 5 == 0) {
            add('<table class="data"><thead><tr><th>Year</th><th>Value</th><th>Change</th></tr></thead><tbody>'
                . join('', map { "<tr><td>" . (2000 + $_) . "</td><td>" . int(rand(100000)) . "</td><td>" . (int(rand(200)) - 100) / 10 . "%</td></tr>" } 1 .. 8)
                . '</tbody></table>');
        }
        if ($section % 7 == 0) {
            add("<script type=\"application/ld+json\">{\"\@type\":\"Dataset\",\"name\":\"d$section\",\"license\":\"etalab-2.0\"}</script>");
        }
    }
    add(paragraph());
    $para++;
}
add('</section>') if $section;
print $out, $footer;
