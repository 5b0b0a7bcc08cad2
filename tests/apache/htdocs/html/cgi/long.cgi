#!/usr/bin/perl
# A long page (about 6 MB) written in many small pieces.
use strict;
use warnings;
$| = 0;
print "Content-Type: text/html\r\n\r\n";
print "<!DOCTYPE html>\n<html><head><title>long</title></head>\n<body>\n";
for my $i (1 .. 60000) {
    print "<p class=\"row\">row $i <script src=\"https://matomo.example.org/m.js?$i\"></script></p>\n";
}
print "<p id=\"end\">end</p></body></html>\n";
