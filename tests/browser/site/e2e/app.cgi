#!/bin/sh
# The application behind the site in the end-to-end tests: like a backend
# that knows nothing of the charter, it sets cookies of every category, and
# one the charter does not declare, on every response (200, 404 and 302).
# PATH_INFO names a page of this folder (/trackers: trackers.html).
crlf=$(printf '\r')
for c in 'sessionid=s3ss10n; Path=/; HttpOnly; SameSite=Lax' \
         'csrftoken=csrf70k3n; Path=/; SameSite=Lax' \
         '_pk_id.1.abcd=0123456789abcdef.1700000000.; Path=/; Max-Age=33955200; SameSite=Lax' \
         '_ga=GA1.1.1234567890.1700000000; Path=/; Max-Age=34128000; SameSite=Lax' \
         'e2e_undeclared=1; Path=/; SameSite=Lax'; do
    printf 'Set-Cookie: %s%s\n' "$c" "$crlf"
done
case "$PATH_INFO" in
    /redirect)
        printf 'Status: 302 Found\r\nLocation: %s/trackers\r\n\r\n' "$SCRIPT_NAME"
        exit 0
        ;;
    /trackers|/plain)
        printf 'Content-Type: text/html; charset=utf-8\r\n\r\n'
        cat "$(dirname "$SCRIPT_FILENAME")/${PATH_INFO#/}.html"
        ;;
    *)
        printf 'Status: 404 Not Found\r\nContent-Type: text/html; charset=utf-8\r\n\r\n'
        printf '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>\n'
        printf '<body><h1>Not found</h1></body></html>\n'
        ;;
esac
