#!/usr/bin/perl
# A streaming response: the head and the start of the body, flushed, then
# it waits (at most 10 s) for the test to create stream.go next to it (the
# test does once it has read the first bytes), then the end of the page
# saying whether it was released or gave up waiting.
use strict;
use warnings;
use File::Basename qw(dirname);
$| = 1;
my $go = dirname($0) . '/stream.go';
print "Content-Type: text/html\r\n\r\n";
print "<!DOCTYPE html>\n<html><head><title>stream</title></head>\n<body>\n<p id=\"first-chunk\">first</p>\n";
my $waited = 0;
while (!-e $go && $waited < 100) {
    select(undef, undef, undef, 0.1);
    $waited++;
}
print -e $go ? "<p id=\"released\">released</p>\n" : "<p id=\"gave-up\">gave up waiting</p>\n";
unlink $go;
print "</body></html>\n";
