#!/usr/bin/perl
# Streams hostile HTML, chosen with the query string:
#   attr      a 10 MB attribute value on a <div>, then a tracker <script>
#   scriptattr a 10 MB attribute on a tracker <script> (too long to keep)
#   comment   a comment opened and never closed, 10 MB long
#   scripts   10,000 tracker <script> tags
#   setcookie a 100 KB Set-Cookie for a refused cookie, and one with a CR
use strict;
use warnings;
$| = 0;
my $what = $ENV{QUERY_STRING} // '';
my $mb = 'x' x (1024 * 1024);
if ($what eq 'setcookie') {
    print "Content-Type: text/html\r\n";
    print "Set-Cookie: _ga=" . ('g' x 102400) . "; Path=/\r\n";
    print "Set-Cookie: sessionid=ok; Path=/\r\n";
    print "\r\n<html><body><p>big cookie</p></body></html>\n";
    exit 0;
}
print "Content-Type: text/html\r\n\r\n";
print "<!DOCTYPE html><html><head><title>big</title></head><body>\n";
if ($what eq 'attr') {
    print '<div data-big="';
    print $mb for 1 .. 10;
    print "\">x</div>\n";
    print "<script src=\"https://matomo.example.org/m.js\"></script>\n";
}
elsif ($what eq 'scriptattr') {
    print '<script src="https://matomo.example.org/m.js" data-big="';
    print $mb for 1 .. 10;
    print "\"></script>\n";
}
elsif ($what eq 'comment') {
    print "<!-- never closed ";
    print $mb for 1 .. 10;
}
elsif ($what eq 'scripts') {
    print "<script src=\"https://matomo.example.org/m$_.js\"></script>\n" for 1 .. 10000;
}
print "<p id=\"end\">end</p></body></html>\n";
