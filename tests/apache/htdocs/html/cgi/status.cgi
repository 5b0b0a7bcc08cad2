#!/usr/bin/perl
# An HTML response with the status (and optionally the type) of the query:
# status.cgi?204, status.cgi?404, status.cgi?200&type=text/plain.
use strict;
use warnings;
my %q = map { split /=/, $_, 2 } grep { /=/ } split /&/, ($ENV{QUERY_STRING} // '');
my ($status) = ($ENV{QUERY_STRING} // '') =~ /^(\d{3})/;
$status //= 200;
my $type = $q{type} // 'text/html';
$type =~ s/%([0-9A-Fa-f]{2})/chr hex $1/ge;
print "Status: $status\r\nContent-Type: $type\r\n\r\n";
print "<!DOCTYPE html>\n<html><head><title>cgi</title></head>\n<body><p id=\"cgi\">status $status</p></body></html>\n"
    unless $status == 204 || $status == 304;
