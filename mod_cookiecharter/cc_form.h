/* The consent form (POST P/consent, section 5). */
#ifndef CC_FORM_H
#define CC_FORM_H

#include "cc_charter.h"

#define CC_FORM_MAX_BODY 8192

typedef enum {
    CC_CHOICE_NONE = 0,
    CC_CHOICE_ACCEPT_ALL,
    CC_CHOICE_REJECT_ALL,
    CC_CHOICE_CUSTOM
} cc_choice;

typedef struct cc_form {
    cc_choice choice;
    cc_mask categories;     /* custom: optional ids given (required ignored) */
    const char *ret;        /* `return`, decoded, or NULL */
    const char *v;          /* `v`, decoded, or NULL */
} cc_form;

/* 1 when a Content-Type is application/x-www-form-urlencoded (parameters
 * such as charset allowed, case-insensitive type). */
int cc_form_content_type_ok(const char *content_type);

/* Parse an urlencoded body. Returns NULL and fills *out, or a plain
 * message for a 400: bad percent-encoding, a missing or unknown choice,
 * a repeated choice, `category` without custom, an unknown category id. */
const char *cc_form_parse(apr_pool_t *p, const cc_charter *ch,
                          const char *body, apr_size_t len, cc_form *out);

/* 1 when `ret` may be redirected to: 1..2048 bytes of %x21-7E, starting
 * with '/', second byte neither '/' nor '\', no '\' anywhere, no %2F/%5C
 * (any case) in the first segment. */
int cc_form_return_ok(const char *ret);

/* The granted optional mask a choice means. */
cc_mask cc_form_granted(const cc_charter *ch, const cc_form *f);

#endif
