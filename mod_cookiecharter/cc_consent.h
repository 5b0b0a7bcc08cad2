/* The consent cookie's value (section 4): v1.REVISION.ISSUED.ID.GRANTED */
#ifndef CC_CONSENT_H
#define CC_CONSENT_H

#include "cc_charter.h"

#define CC_CONSENT_ID_LEN 22
#define CC_CONSENT_MAX_VALUE 1024    /* longer values are not choices */

typedef struct cc_consent {
    apr_int64_t issued;             /* Unix seconds */
    char id[CC_CONSENT_ID_LEN + 1]; /* base64url of 16 random bytes */
    cc_mask granted;                /* optional categories granted */
} cc_consent;

/* What a request's consent state is. */
typedef enum {
    CC_STATE_UNSET = 0,             /* no valid choice */
    CC_STATE_GPC,                   /* no choice, Sec-GPC: 1 honoured */
    CC_STATE_CHOICE                 /* a valid choice */
} cc_state;

/* Strict parse against the charter (revision, lifetime, clock skew of one
 * day, known optional ids in charter order, no repeats). `now` in Unix
 * seconds. Returns 1 and fills *out for a valid choice, 0 otherwise (never
 * an error: invalid is "no choice"). */
int cc_consent_parse(const cc_charter *ch, const char *value, apr_size_t len,
                     apr_int64_t now, cc_consent *out);

/* The cookie value for a choice (only cookie-octets). */
const char *cc_consent_format(apr_pool_t *p, const cc_charter *ch,
                              const cc_consent *c);

/* A fresh identifier: base64url of 16 random bytes. */
apr_status_t cc_consent_new_id(char id[CC_CONSENT_ID_LEN + 1]);

/* Every category granted in a state: required ones always; optional ones
 * from the choice, none under GPC, the `default: granted` ones when unset. */
cc_mask cc_consent_granted(const cc_charter *ch, cc_state state,
                           const cc_consent *c);

/* The Set-Cookie value writing a choice: Path=/; Max-Age; SameSite=Lax;
 * HttpOnly; Secure when `secure`. */
const char *cc_consent_set_cookie(apr_pool_t *p, const cc_charter *ch,
                                  const cc_consent *c, int secure);

#endif
