/* Cookies as browsers read them: Set-Cookie names (RFC 6265bis 5.7, failing
 * closed where browsers differ), the Cookie request header, the verdict on
 * each against a charter and a granted set, and expiring headers (purge). */
#ifndef CC_COOKIE_H
#define CC_COOKIE_H

#include "cc_charter.h"

/* The name a browser would store a Set-Cookie header value under: the text
 * before the first '=' of the name-value pair (before the first ';'),
 * trimmed of spaces and tabs; no '=' means an empty name, and then
 * `value` is what the browser sends back alone. */
typedef struct cc_sc_name {
    const char *name;
    apr_size_t name_len;
    const char *value;
    apr_size_t value_len;
    int ambiguous;      /* browsers may disagree: CTLs, NUL, ... (see .c) */
} cc_sc_name;

void cc_setcookie_name(const char *hdr, apr_size_t len, cc_sc_name *out);

typedef enum {
    CC_SC_KEEP = 0,
    CC_SC_NOT_GRANTED,      /* a declared cookie of a non-granted category */
    CC_SC_UNDECLARED,       /* no entry, under CookieCharterUndeclared block */
    CC_SC_CONSENT_NAME,     /* the module's own cookie name, from elsewhere */
    CC_SC_MALFORMED         /* ambiguous: some browser could store it under
                               another name, so it goes (fail closed) */
} cc_sc_verdict;

/* Verdict on one Set-Cookie value. `granted` includes required categories.
 * *entry is the charter entry when one governs the name (else NULL);
 * *undeclared is set when the name (or value, for a nameless cookie) has
 * no entry, whatever the verdict (for warn-once logging). */
cc_sc_verdict cc_setcookie_judge(const cc_charter *ch, cc_mask granted,
                                 int allow_undeclared, const char *hdr,
                                 apr_size_t len, const cc_cookie **entry,
                                 int *undeclared);

/* One cookie of a Cookie request header. */
typedef struct cc_cookie_pair {
    const char *name;       /* trimmed; may be empty (nameless cookie) */
    apr_size_t name_len;
    const char *value;
    apr_size_t value_len;
    const char *raw;        /* the whole pair as it appeared, trimmed */
    apr_size_t raw_len;
} cc_cookie_pair;

/* Iterate over a Cookie header: *pos starts at the header, returns 1 and
 * advances for each pair (empty pairs skipped), 0 at the end. Pairs are
 * split on ';' and the name at the first '='; a pair with no '=' has an
 * empty name and its text as value (as servers read `Cookie: VALUE`, the
 * caller may judge it by its value). */
int cc_cookie_next(const char **pos, const char *end, cc_cookie_pair *out);

/* The charter entry that governs a request cookie (by name; for a nameless
 * pair, by its value), or NULL. */
const cc_cookie *cc_cookie_entry(const cc_charter *ch,
                                 const cc_cookie_pair *pair);

/* Expiring Set-Cookie values for one cookie name (section 6): Max-Age=0
 * and an Expires in 1970, one per domain variant (the declared domain,
 * host-only, each parent of `host` with at least two labels), Secure on
 * HTTPS and for __Host-/__Secure- names, plus a Partitioned one on HTTPS.
 * `path` from the entry, or "/". Appends const char * to `out`. */
void cc_purge_values(apr_pool_t *p, const char *name, apr_size_t name_len,
                     const cc_cookie *entry, const char *host, int https,
                     apr_array_header_t *out);

#endif
