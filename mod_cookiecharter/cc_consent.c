/* The consent cookie's value, section 4: v1.REVISION.ISSUED.ID.GRANTED.
 * Parsing is strict and total: anything that is not exactly what
 * cc_consent_format writes (for the current revision, within the lifetime)
 * is "no choice", never an error. */
#include <string.h>

#include <apr_base64.h>
#include <apr_general.h>
#include <apr_strings.h>

#include "cc_consent.h"
#include "cc_util.h"

#define CC_CONSENT_FIELDS 5
#define CC_DAY 86400

static int b64url_char(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
           || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

/* ISSUED: decimal, no sign, no leading zero, fits in 63 bits. */
static int parse_issued(const char *s, apr_size_t len, apr_int64_t *out)
{
    apr_int64_t v = 0;
    apr_size_t i;

    if (len == 0 || len > 18 || (len > 1 && s[0] == '0')) {
        return 0;
    }
    for (i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return 0;
        }
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 1;
}

/* ID: 22 base64url characters for 16 bytes; the last one carries only two
 * meaningful bits, so only A, Q, g and w are canonical there. */
static int id_ok(const char *s, apr_size_t len)
{
    apr_size_t i;

    if (len != CC_CONSENT_ID_LEN) {
        return 0;
    }
    for (i = 0; i < len; i++) {
        if (!b64url_char((unsigned char)s[i])) {
            return 0;
        }
    }
    return strchr("AQgw", s[len - 1]) != NULL;
}

/* GRANTED: "-" or optional ids in strictly increasing charter order. */
static int parse_granted(const cc_charter *ch, const char *s, apr_size_t len,
                         cc_mask *out)
{
    const char *end = s + len, *tok;
    int last = -1;
    cc_mask m = 0;

    if (len == 1 && s[0] == '-') {
        *out = 0;
        return 1;
    }
    /* everything granted, the most common value: no look-up */
    if (ch->optional_ids && ch->optional_ids_len == len
        && memcmp(s, ch->optional_ids, len) == 0) {
        *out = ch->optional_mask;
        return 1;
    }
    while (s <= end) {
        const cc_category *cat;
        tok = s;
        while (s < end && *s != '+') {
            s++;
        }
        if (s == tok) {
            return 0;           /* empty id: "a++b", "+a", "a+" */
        }
        cat = cc_charter_category(ch, tok, (apr_size_t)(s - tok));
        if (cat == NULL || cat->required || cat->index <= last
            || cat->index >= CC_MAX_CATEGORIES) {
            return 0;           /* unknown, required, repeated or reordered */
        }
        last = cat->index;
        m |= CC_MASK_BIT(cat->index);
        s++;                    /* past '+' (or past end: loop ends) */
    }
    *out = m;
    return 1;
}

int cc_consent_parse(const cc_charter *ch, const char *value, apr_size_t len,
                     apr_int64_t now, cc_consent *out)
{
    const char *f[CC_CONSENT_FIELDS];
    apr_size_t flen[CC_CONSENT_FIELDS];
    const char *s = value, *end = value + len, *dot = NULL;
    apr_int64_t issued, lifetime;
    cc_mask granted;
    int n;

    if (ch == NULL || value == NULL || len == 0 || len > CC_CONSENT_MAX_VALUE
        || ch->revision == NULL) {
        return 0;
    }
    /* Each field is then checked against its own alphabet (the revision
     * and the ids against the charter's, which the loader keeps to
     * letters, digits, '-' and '_'), so no byte outside them passes. */
    for (n = 0; n < CC_CONSENT_FIELDS; n++) {
        dot = memchr(s, '.', (apr_size_t)(end - s));
        f[n] = s;
        flen[n] = (apr_size_t)((dot ? dot : end) - s);
        if (dot == NULL) {
            break;
        }
        s = dot + 1;
    }
    if (n != CC_CONSENT_FIELDS - 1 || dot != NULL) {
        return 0;               /* too few fields, or extra dots */
    }
    if (flen[0] != 2 || memcmp(f[0], "v1", 2) != 0) {
        return 0;
    }
    if (flen[1] == 0 || flen[1] != strlen(ch->revision)
        || memcmp(f[1], ch->revision, flen[1]) != 0) {
        return 0;
    }
    if (!parse_issued(f[2], flen[2], &issued)) {
        return 0;
    }
    lifetime = (apr_int64_t)ch->lifetime_days * CC_DAY;
    if (issued > now + CC_DAY || now - issued > lifetime) {
        return 0;
    }
    if (!id_ok(f[3], flen[3])) {
        return 0;
    }
    if (!parse_granted(ch, f[4], flen[4], &granted)) {
        return 0;
    }
    if (out != NULL) {
        out->issued = issued;
        memcpy(out->id, f[3], CC_CONSENT_ID_LEN);
        out->id[CC_CONSENT_ID_LEN] = '\0';
        out->granted = granted;
    }
    return 1;
}

const char *cc_consent_format(apr_pool_t *p, const cc_charter *ch,
                              const cc_consent *c)
{
    return apr_psprintf(p, "v1.%s.%" APR_INT64_T_FMT ".%s.%s", ch->revision,
                        c->issued, c->id,
                        cc_charter_join_ids(p, ch,
                                            c->granted & ch->optional_mask,
                                            "+"));
}

apr_status_t cc_consent_new_id(char id[CC_CONSENT_ID_LEN + 1])
{
    unsigned char raw[16];
    char b64[32];               /* apr_base64_encode_len(16) is 25 */
    apr_status_t rv = apr_generate_random_bytes(raw, sizeof(raw));
    int i;

    if (rv != APR_SUCCESS) {
        return rv;
    }
    apr_base64_encode_binary(b64, raw, (int)sizeof(raw));
    /* Standard alphabet to base64url; the two '=' of padding are dropped. */
    for (i = 0; i < CC_CONSENT_ID_LEN; i++) {
        id[i] = b64[i] == '+' ? '-' : b64[i] == '/' ? '_' : b64[i];
    }
    id[CC_CONSENT_ID_LEN] = '\0';
    return APR_SUCCESS;
}

cc_mask cc_consent_granted(const cc_charter *ch, cc_state state,
                           const cc_consent *c)
{
    switch (state) {
    case CC_STATE_CHOICE:
        return ch->required_mask
               | (c != NULL ? c->granted & ch->optional_mask : 0);
    case CC_STATE_GPC:
        return ch->required_mask;
    default:
        return ch->required_mask | ch->default_granted_mask;
    }
}

const char *cc_consent_set_cookie(apr_pool_t *p, const cc_charter *ch,
                                  const cc_consent *c, int secure)
{
    return apr_psprintf(p, "%s=%s; Path=/; Max-Age=%" APR_INT64_T_FMT
                        "; SameSite=Lax; HttpOnly%s",
                        ch->consent_cookie, cc_consent_format(p, ch, c),
                        (apr_int64_t)ch->lifetime_days * CC_DAY,
                        secure ? "; Secure" : "");
}
