/* Small helpers of the core that APR does not have. */
#ifndef CC_UTIL_H
#define CC_UTIL_H

#include <apr_pools.h>
#include <apr_strings.h>

/* SHA-256 of a buffer as 64 lowercase hex digits (OpenSSL's libcrypto). */
const char *cc_sha256_hex(apr_pool_t *p, const void *data, apr_size_t len);

/* Several buffers hashed as one stream. */
const char *cc_sha256_hex_parts(apr_pool_t *p, const void *const *data,
                                const apr_size_t *lens, int n);

/* base64url without padding (RFC 4648 section 5). */
const char *cc_base64url(apr_pool_t *p, const unsigned char *data,
                         apr_size_t len);

/* A JSON string literal, quotes included. Control characters, quotes and
 * backslashes escaped, '<', '>' and '&' as \u escapes (safe inside HTML),
 * invalid UTF-8 replaced by U+FFFD. Everything else passes as UTF-8. */
const char *cc_json_str(apr_pool_t *p, const char *s);
const char *cc_json_strn(apr_pool_t *p, const char *s, apr_size_t len);

/* Text for HTML or XML: &<>"' escaped, every non-ASCII character as a
 * numeric character reference, so the result is pure ASCII. */
const char *cc_html_escape(apr_pool_t *p, const char *s);

/* 1 when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates). */
int cc_utf8_valid(const char *s, apr_size_t len);

/* ASCII case-insensitive helpers that never depend on the locale. */
int cc_strncasecmp(const char *a, const char *b, apr_size_t n);
#define CC_LOWER(c) ((c) >= 'A' && (c) <= 'Z' ? (c) + 32 : (c))

#endif
