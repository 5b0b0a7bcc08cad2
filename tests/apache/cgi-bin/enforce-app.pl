#!/usr/bin/perl
# The application of the enforcement tests (tests/apache/enforce/): it sets
# the cookies it is asked for and answers the Cookie header it received, so
# a test sees both what the module let out and what it let in.
#   c=NAME      Set-Cookie: NAME=app; Path=/   (repeatable)
#   raw=VALUE   Set-Cookie: VALUE, URL-decoded (repeatable)
#   status=NNN  the status (default 200); loc=/x a Location for redirects
# Body (text/plain): "cookie: <the Cookie header or ->\n".
use strict;
use warnings;

my (@set, $status, $loc);
for my $pair (split /&/, $ENV{QUERY_STRING} // '') {
    my ($k, $v) = split /=/, $pair, 2;
    next unless defined $k && defined $v;
    $v =~ tr/+/ /;
    $v =~ s/%([0-9A-Fa-f]{2})/chr(hex($1))/ge;
    if ($k eq 'c' && $v =~ /^[!#-+\-.0-9A-Z^-z|~_]+$/) {
        push @set, "$v=app; Path=/";
    }
    elsif ($k eq 'raw' && $v !~ /[\r\n]/) {
        push @set, $v;
    }
    elsif ($k eq 'status' && $v =~ /^([1-5][0-9][0-9])$/) {
        $status = $1;
    }
    elsif ($k eq 'loc' && $v =~ m{^(/[!-~]*)$}) {
        $loc = $1;
    }
}
print "Status: $status\r\n" if $status;
print "Location: $loc\r\n" if $loc;
print "Content-Type: text/plain\r\n";
print "Set-Cookie: $_\r\n" for @set;
print "\r\n";
print "cookie: ", ($ENV{HTTP_COOKIE} // '-'), "\n";
