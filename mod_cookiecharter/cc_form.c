/* The consent form (POST P/consent, section 5): its Content-Type, its
 * urlencoded body and the `return` path it may redirect to. Every field is
 * decoded and checked the same way; anything odd is a 400 with a message
 * meant for a person, since only a hand-made request gets one. */
#include <string.h>

#include <apr_escape.h>
#include <apr_strings.h>

#include "cc_form.h"
#include "cc_util.h"

#define CC_FORM_TYPE "application/x-www-form-urlencoded"
#define CC_RETURN_MAX 2048

int cc_form_content_type_ok(const char *ct)
{
    apr_size_t n = sizeof(CC_FORM_TYPE) - 1;

    if (ct == NULL) {
        return 0;
    }
    while (*ct == ' ' || *ct == '\t') {
        ct++;
    }
    if (cc_strncasecmp(ct, CC_FORM_TYPE, n) != 0) {
        return 0;
    }
    ct += n;
    while (*ct == ' ' || *ct == '\t') {
        ct++;
    }
    return *ct == '\0' || *ct == ';';
}

/* Decode one urlencoded name or value into a fresh NUL-terminated string.
 * NULL for a bad %-escape, a NUL (raw or decoded), or invalid UTF-8. */
static char *form_decode(apr_pool_t *p, const char *s, apr_size_t len)
{
    char *in, *out;
    apr_size_t outlen = 0;
    apr_status_t rv;

    if (memchr(s, '\0', len) != NULL) {
        return NULL;
    }
    /* apr_unescape_url reads past slen (the two bytes after a '%', and
     * *s before testing slen), so it only ever sees a terminated copy. */
    in = apr_pstrmemdup(p, s, len);
    out = apr_palloc(p, len + 1);
    /* APR copies even when nothing is decoded (APR_NOTFOUND), refuses %00
     * (APR_BADCH) and bad escapes (APR_EINVAL); its length counts the NUL
     * it writes. */
    rv = apr_unescape_url(out, in, APR_ESCAPE_STRING, NULL, NULL, 1, &outlen);
    if ((rv != APR_SUCCESS && rv != APR_NOTFOUND) || outlen == 0
        || outlen > len + 1) {
        return NULL;
    }
    outlen--;
    out[outlen] = '\0';
    if (memchr(out, '\0', outlen) != NULL || !cc_utf8_valid(out, outlen)) {
        return NULL;
    }
    return out;
}

const char *cc_form_parse(apr_pool_t *p, const cc_charter *ch,
                          const char *body, apr_size_t len, cc_form *out)
{
    const char *s = body, *end;
    int has_category = 0;

    memset(out, 0, sizeof(*out));
    if (len > CC_FORM_MAX_BODY) {
        return "The form is too large.";
    }
    if (body == NULL) {
        return "The form has no choice.";
    }
    end = body + len;
    while (s < end) {
        const char *f = s, *eq;
        char *name, *value;
        apr_size_t flen;

        while (s < end && *s != '&') {
            s++;
        }
        flen = (apr_size_t)(s - f);
        if (s < end) {
            s++;
        }
        if (flen == 0) {
            continue;           /* "a=1&&b=2", a trailing '&' */
        }
        eq = memchr(f, '=', flen);
        name = form_decode(p, f, eq ? (apr_size_t)(eq - f) : flen);
        value = form_decode(p, eq ? eq + 1 : f + flen,
                            eq ? flen - (apr_size_t)(eq - f) - 1 : 0);
        if (name == NULL || value == NULL) {
            return "The form is not properly encoded.";
        }
        if (strcmp(name, "choice") == 0) {
            if (out->choice != CC_CHOICE_NONE) {
                return "The form has more than one choice.";
            }
            if (strcmp(value, "accept-all") == 0) {
                out->choice = CC_CHOICE_ACCEPT_ALL;
            }
            else if (strcmp(value, "reject-all") == 0) {
                out->choice = CC_CHOICE_REJECT_ALL;
            }
            else if (strcmp(value, "custom") == 0) {
                out->choice = CC_CHOICE_CUSTOM;
            }
            else {
                return "The form's choice is not one of accept-all, "
                       "reject-all or custom.";
            }
        }
        else if (strcmp(name, "category") == 0) {
            const cc_category *cat =
                cc_charter_category(ch, value, strlen(value));
            if (cat == NULL) {
                return "The form names an unknown category.";
            }
            has_category = 1;
            if (!cat->required && cat->index >= 0
                && cat->index < CC_MAX_CATEGORIES) {
                out->categories |= CC_MASK_BIT(cat->index);
            }
        }
        else if (strcmp(name, "return") == 0) {
            if (out->ret != NULL) {
                return "The form has more than one return address.";
            }
            out->ret = value;
        }
        else if (strcmp(name, "v") == 0) {
            if (out->v != NULL) {
                return "The form has more than one version.";
            }
            out->v = value;
        }
        /* other fields are ignored */
    }
    if (out->choice == CC_CHOICE_NONE) {
        return "The form has no choice.";
    }
    if (has_category && out->choice != CC_CHOICE_CUSTOM) {
        return "Categories may only be given with choice=custom.";
    }
    return NULL;
}

int cc_form_return_ok(const char *ret)
{
    apr_size_t i, len, seg;

    if (ret == NULL || ret[0] != '/') {
        return 0;
    }
    len = strlen(ret);
    if (len > CC_RETURN_MAX || ret[1] == '/' || ret[1] == '\\') {
        return 0;
    }
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)ret[i];
        if (c < 0x21 || c > 0x7E || c == '\\') {
            return 0;
        }
    }
    /* The first segment: browsers and proxies that decode %2F or %5C there
     * would read "/%2F%2Fevil" as "//evil". */
    seg = strcspn(ret + 1, "/?#") + 1;
    for (i = 1; i + 2 < seg; i++) {
        if (ret[i] == '%') {
            char a = ret[i + 1], b = (char)CC_LOWER((unsigned char)ret[i + 2]);
            if ((a == '2' && b == 'f') || (a == '5' && b == 'c')) {
                return 0;
            }
        }
    }
    return 1;
}

cc_mask cc_form_granted(const cc_charter *ch, const cc_form *f)
{
    switch (f->choice) {
    case CC_CHOICE_ACCEPT_ALL:
        return ch->optional_mask;
    case CC_CHOICE_CUSTOM:
        return f->categories & ch->optional_mask;
    default:
        return 0;
    }
}
