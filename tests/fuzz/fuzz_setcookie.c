/* Fuzz target: Set-Cookie names and verdicts (cc_setcookie_name,
 * cc_setcookie_judge) against the fixed charter. The first byte picks the
 * granted optional categories and CookieCharterUndeclared; the rest is the
 * header value. Invariants: a header with a CTL, the consent cookie's name
 * or a non-granted name (its own, the nameless reading, or a comma-folded
 * candidate) is never kept. */
#include "fuzz_common.h"
#include "cc_cookie.h"

#define IS_WSP(c) ((c) == ' ' || (c) == '\t')

static int tchar(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
           || (c >= '0' && c <= '9') || (c && strchr("!#$%&'*+-.^_`|~", c));
}

/* What KEEP promises for one name: allowed by the charter, not the
 * consent cookie's. */
static int name_allowed(const cc_charter *ch, cc_mask granted, int allow,
                        const char *name, size_t len)
{
    const cc_cookie *e;

    if (len == strlen(ch->consent_cookie)
        && memcmp(name, ch->consent_cookie, len) == 0) {
        return 0;
    }
    e = cc_charter_cookie(ch, name, len);
    if (e == NULL) {
        return allow;
    }
    return (granted & CC_MASK_BIT(e->category->index)) != 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const cc_charter *ch;
    const char *hdr;
    size_t len, i;
    cc_sc_name sn;
    cc_mask granted;
    int allow, ctl = 0, undeclared;
    const cc_cookie *entry;
    cc_sc_verdict v;

    if (size < 1) {
        return 0;
    }
    cc_fuzz_init();
    ch = cc_fuzz_charter;
    allow = data[0] & 1;
    granted = ch->required_mask;
    if (data[0] & 2) {
        granted |= CC_MASK_BIT(cc_fuzz_cat("preferences")->index);
    }
    if (data[0] & 4) {
        granted |= CC_MASK_BIT(cc_fuzz_cat("statistics")->index);
    }
    if (data[0] & 8) {
        granted |= CC_MASK_BIT(cc_fuzz_cat("marketing")->index);
    }
    hdr = (const char *)data + 1;
    len = size - 1;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)hdr[i];
        if ((c < 0x20 && c != '\t') || c == 0x7F) {
            ctl = 1;
        }
    }

    cc_setcookie_name(hdr, len, &sn);
    CC_FUZZ_CHECK(sn.ambiguous == ctl);
    CC_FUZZ_CHECK(sn.name >= hdr && sn.name + sn.name_len <= hdr + len);
    CC_FUZZ_CHECK(sn.value >= hdr && sn.value + sn.value_len <= hdr + len);
    CC_FUZZ_CHECK(memchr(sn.name, '=', sn.name_len) == NULL);
    CC_FUZZ_CHECK(memchr(sn.name, ';', sn.name_len) == NULL);
    CC_FUZZ_CHECK(memchr(sn.value, ';', sn.value_len) == NULL);
    CC_FUZZ_CHECK(sn.name_len == 0 || (!IS_WSP(sn.name[0])
                                       && !IS_WSP(sn.name[sn.name_len - 1])));
    CC_FUZZ_CHECK(sn.value_len == 0
                  || (!IS_WSP(sn.value[0])
                      && !IS_WSP(sn.value[sn.value_len - 1])));

    v = cc_setcookie_judge(ch, granted, allow, hdr, len, &entry, &undeclared);
    CC_FUZZ_CHECK(v >= CC_SC_KEEP && v <= CC_SC_MALFORMED);
    if (ctl) {
        CC_FUZZ_CHECK(v == CC_SC_MALFORMED);
    }
    if (v == CC_SC_KEEP) {
        const char *name = sn.name;
        size_t nlen = sn.name_len;

        if (nlen == 0) {
            /* nameless: the name the server reads back */
            const char *eq = memchr(sn.value, '=', sn.value_len);
            name = sn.value;
            nlen = eq ? (size_t)(eq - sn.value) : sn.value_len;
            while (nlen > 0 && IS_WSP(name[0])) {
                name++;
                nlen--;
            }
            while (nlen > 0 && IS_WSP(name[nlen - 1])) {
                nlen--;
            }
        }
        CC_FUZZ_CHECK(nlen > 0);
        CC_FUZZ_CHECK(name_allowed(ch, granted, allow, name, nlen));
        /* Every ',' [WSP] token [WSP] '=' names an allowed cookie too.
         * The scan repeats cc_cookie.c's on purpose: an oracle written
         * from the spec, not the code under test, or the check could not
         * fail. */
        for (i = 0; i < len; i++) {
            size_t j, k;
            if (hdr[i] != ',') {
                continue;
            }
            for (j = i + 1; j < len && IS_WSP(hdr[j]); j++) {
            }
            for (k = j; k < len && tchar((unsigned char)hdr[k]); k++) {
            }
            if (k == j) {
                continue;
            }
            nlen = k - j;
            while (k < len && IS_WSP(hdr[k])) {
                k++;
            }
            if (k < len && hdr[k] == '=') {
                CC_FUZZ_CHECK(name_allowed(ch, granted, allow, hdr + j,
                                           nlen));
            }
        }
    }
    /* Granting more never turns a kept header into a removed one. */
    if (v == CC_SC_KEEP) {
        CC_FUZZ_CHECK(cc_setcookie_judge(ch, ~(cc_mask)0, 1, hdr, len, NULL,
                                         NULL) == CC_SC_KEEP);
    }
    return 0;
}
