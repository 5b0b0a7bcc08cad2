/* Fuzz target: the consent cookie's value (cc_consent_parse). Whatever
 * parses must format back to the very same bytes, be within the lifetime
 * and grant optional categories only; whatever cc_consent_format writes
 * must parse. */
#include "fuzz_common.h"
#include "cc_consent.h"
#include "cc_cookie.h"
#include "cc_util.h"

#define NOW ((apr_int64_t)1718000000)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const cc_charter *ch;
    apr_pool_t *p;
    cc_consent c;
    const char *v;

    cc_fuzz_init();
    ch = cc_fuzz_charter;
    p = cc_fuzz_pool();

    /* Straight from the input, not NUL-terminated (ASan sees over-reads). */
    if (cc_consent_parse(ch, (const char *)data, size, NOW, &c)) {
        apr_int64_t life = (apr_int64_t)ch->lifetime_days * 86400;
        const char *sc;

        v = cc_consent_format(p, ch, &c);
        CC_FUZZ_CHECK(strlen(v) == size && memcmp(v, data, size) == 0);
        CC_FUZZ_CHECK((c.granted & ~ch->optional_mask) == 0);
        CC_FUZZ_CHECK(c.issued <= NOW + 86400 && NOW - c.issued <= life);
        CC_FUZZ_CHECK(strlen(c.id) == CC_CONSENT_ID_LEN);
        /* The module's own header is never one the judge lets through. */
        sc = cc_consent_set_cookie(p, ch, &c, (int)(size & 1));
        CC_FUZZ_CHECK(cc_setcookie_judge(ch, ~(cc_mask)0, 1, sc, strlen(sc),
                                         NULL, NULL) == CC_SC_CONSENT_NAME);
    }
    /* Expired a second later than the lifetime allows. */
    if (cc_consent_parse(ch, (const char *)data, size, NOW, NULL)) {
        CC_FUZZ_CHECK(!cc_consent_parse(ch, (const char *)data, size,
                                        NOW + 400 * 86400, NULL));
    }

    /* The other way: any id and mask the module could write parses. */
    if (size >= 17) {
        const char *id = cc_base64url(p, data, 16);
        cc_consent d;

        CC_FUZZ_CHECK(strlen(id) == CC_CONSENT_ID_LEN);
        memcpy(d.id, id, CC_CONSENT_ID_LEN + 1);
        d.issued = NOW - (apr_int64_t)data[16] * 3600;
        d.granted = (cc_mask)data[16] * 0x0101010101010101ULL;
        v = cc_consent_format(p, ch, &d);
        CC_FUZZ_CHECK(cc_consent_parse(ch, v, strlen(v), NOW, &c));
        CC_FUZZ_CHECK(c.granted == (d.granted & ch->optional_mask));
        CC_FUZZ_CHECK(memcmp(c.id, d.id, CC_CONSENT_ID_LEN + 1) == 0);
    }
    apr_pool_destroy(p);
    return 0;
}
