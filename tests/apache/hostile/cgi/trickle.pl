#!/usr/bin/perl
# Sends an HTML page one byte at a time, flushing after each: every tag the
# module looks for arrives split across as many buckets as it has bytes.
use strict;
use warnings;
use Time::HiRes qw(sleep);
$| = 1;
print "Content-Type: text/html; charset=utf-8\r\n\r\n";
my $page = '<!DOCTYPE html><html><head><title>slow</title>'
    . '<script src="https://matomo.example.org/matomo.js"></script></head>'
    . '<body class="x"><p id="trickle-end">end</p></body></html>';
for my $c (split //, $page) {
    print $c;
    sleep 0.01;
}
