/* Cookie-name globs: cookie-name characters with '*' (any run) and '?'
 * (one character). */
#ifndef CC_GLOB_H
#define CC_GLOB_H

#include <apr.h>

/* 1 when s is a valid exact name or glob: 1..256 cookie-name characters
 * (RFC 6265 token), where '*' and '?' are wildcards. */
int cc_glob_valid(const char *s);
int cc_glob_has_wildcard(const char *s);

/* 1 when the glob matches name[0..len). Linear in practice (no backtracking
 * explosion: the classic two-pointer algorithm). */
int cc_glob_match(const char *glob, const char *name, apr_size_t len);

/* 1 when some name matches both globs (either may be an exact name). */
int cc_glob_overlap(const char *a, const char *b);

#endif
