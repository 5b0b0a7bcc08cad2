#!/usr/bin/perl
# The demo's "application": on every visit it sets one cookie of every
# category, the way a web application would, and lists the cookies the
# browser sent. mod_cookiecharter removes the ones not consented to before
# the response leaves Apache.
use strict;
use warnings;

sub esc {
    my ($s) = @_;
    $s =~ s/&/&amp;/g;
    $s =~ s/</&lt;/g;
    $s =~ s/>/&gt;/g;
    $s =~ s/"/&quot;/g;
    $s =~ s/([^\x00-\x7f])/sprintf('&#%d;', ord($1))/ge;
    return $s;
}

my @set = (
    ['sessionid',     'demo-session; Path=/; HttpOnly; SameSite=Lax',            'necessary'],
    ['csrftoken',     'demo-csrf; Path=/; SameSite=Lax',                          'necessary'],
    ['_pk_id.1.abcd', '0123456789abcdef.1700000000.; Path=/; Max-Age=33696000',   'statistics'],
    ['_ga',           'GA1.1.123456789.1700000000; Path=/; Max-Age=63072000',     'marketing'],
    ['tracker_uid',   'u-42; Path=/; Max-Age=31536000',                           'undeclared'],
);

my @sent;
for my $pair (split /;\s*/, $ENV{HTTP_COOKIE} // '') {
    my ($name, $value) = split /=/, $pair, 2;
    next unless defined $name && length $name;
    push @sent, [$name, $value // ''];
}

print "Content-Type: text/html; charset=utf-8\r\n";
print "Cache-Control: no-store\r\n";
print "Set-Cookie: $_->[0]=$_->[1]\r\n" for @set;
print "\r\n";

my $rows_set = join "\n", map {
    '<tr><td><code>' . esc($_->[0]) . '</code></td><td>' . esc($_->[2]) . '</td></tr>'
} @set;
my $rows_sent = @sent
    ? join("\n", map {
          '<tr><td><code>' . esc($_->[0]) . '</code></td><td><code>' . esc($_->[1]) . '</code></td></tr>'
      } @sent)
    : '<tr><td colspan="2">none</td></tr>';

print <<"HTML";
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cookies - Demo site</title>
<link rel="stylesheet" href="/style.css">
</head>
<body>
<header>
<nav><a href="/">Home</a><a href="/article.html">Article</a><a href="/statistics.html">Statistics</a><a href="/video.html">Video</a><a href="/cgi-bin/cookies.pl">Cookies</a><a href="/cookiecharter/policy">Cookie policy</a></nav>
</header>
<main>
<h1>Cookies set by the application</h1>
<p>This page is a CGI program. On every visit it tries to set these cookies:</p>
<table>
<tr><th>cookie</th><th>category</th></tr>
$rows_set
</table>
<p>Apache removes, on the way out, every one whose category you have not accepted (and the undeclared one). Reload the page to see what your browser kept and sends back:</p>
<table>
<tr><th>cookie your browser sent</th><th>value</th></tr>
$rows_sent
</table>
</main>
<footer>
<p>mod_cookiecharter demo: a private Apache on 127.0.0.1.</p>
</footer>
</body>
</html>
HTML
