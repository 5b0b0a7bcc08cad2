#!/usr/bin/perl
# Sets one cookie of every category, as an application would, then answers
# an HTML page (or plain text). Query parameters:
#   status=NNN   the status to answer (default 200)
#   type=plain   answer text/plain instead of text/html
# httpd moves a CGI's Set-Cookie headers into err_headers_out, one of the
# two tables the module must clean.
use strict;
use warnings;

my %q;
for my $pair (split /[&;]/, $ENV{QUERY_STRING} // '') {
    my ($k, $v) = split /=/, $pair, 2;
    next unless defined $k && length $k;
    $q{$k} = defined $v ? $v : '';
}
my $status = ($q{status} // '') =~ /^([1-5][0-9][0-9])$/ ? $1 : 200;
my $plain = ($q{type} // '') eq 'plain';

print "Status: $status\r\n";
print "Content-Type: ", ($plain ? "text/plain" : "text/html; charset=utf-8"), "\r\n";
print "Set-Cookie: sessionid=cgi-session; Path=/; HttpOnly\r\n";
print "Set-Cookie: csrftoken=cgi-csrf; Path=/\r\n";
print "Set-Cookie: _pk_id.1.abcd=0123456789abcdef.1700000000.; Path=/; Max-Age=33696000\r\n";
print "Set-Cookie: _ga=GA1.1.987654321.1700000000; Path=/; Max-Age=63072000\r\n";
print "Set-Cookie: cc_undeclared=1; Path=/\r\n";
print "\r\n";
if ($plain) {
    print "cookies set by a CGI\n";
}
else {
    print <<'HTML';
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>CGI cookies</title>
</head>
<body>
<p id="cgi-marker">cookies set by a CGI</p>
</body>
</html>
HTML
}
