/* Fuzz target: the consent form (cc_form_parse, cc_form_return_ok,
 * cc_form_content_type_ok). Invariants: an accepted body has exactly one
 * choice, grants optional categories only, and its fields are valid UTF-8
 * without NUL; an accepted return path keeps every rule of section 5. */
#include "fuzz_common.h"
#include "cc_form.h"
#include "cc_util.h"

static void check_return(const char *r)
{
    size_t len = strlen(r), i, seg;

    CC_FUZZ_CHECK(len >= 1 && len <= 2048);
    CC_FUZZ_CHECK(r[0] == '/' && r[1] != '/' && r[1] != '\\');
    for (i = 0; i < len; i++) {
        CC_FUZZ_CHECK(r[i] >= 0x21 && r[i] <= 0x7E && r[i] != '\\');
    }
    seg = strcspn(r + 1, "/?#") + 1;
    for (i = 1; i + 2 < seg; i++) {
        CC_FUZZ_CHECK(!(r[i] == '%' && r[i + 1] == '2'
                        && (r[i + 2] == 'f' || r[i + 2] == 'F')));
        CC_FUZZ_CHECK(!(r[i] == '%' && r[i + 1] == '5'
                        && (r[i + 2] == 'c' || r[i + 2] == 'C')));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const cc_charter *ch;
    apr_pool_t *p;
    const char *msg, *s;
    cc_form f;

    cc_fuzz_init();
    ch = cc_fuzz_charter;
    p = cc_fuzz_pool();

    msg = cc_form_parse(p, ch, (const char *)data, size, &f);
    if (msg == NULL) {
        CC_FUZZ_CHECK(f.choice == CC_CHOICE_ACCEPT_ALL
                      || f.choice == CC_CHOICE_REJECT_ALL
                      || f.choice == CC_CHOICE_CUSTOM);
        CC_FUZZ_CHECK((cc_form_granted(ch, &f) & ~ch->optional_mask) == 0);
        CC_FUZZ_CHECK(f.choice == CC_CHOICE_CUSTOM || f.categories == 0);
        CC_FUZZ_CHECK(size <= CC_FORM_MAX_BODY);
        if (f.ret != NULL) {
            CC_FUZZ_CHECK(cc_utf8_valid(f.ret, strlen(f.ret)));
            CC_FUZZ_CHECK(strlen(f.ret) <= size);
            if (cc_form_return_ok(f.ret)) {
                check_return(f.ret);
            }
        }
        if (f.v != NULL) {
            CC_FUZZ_CHECK(cc_utf8_valid(f.v, strlen(f.v)));
        }
    }
    else {
        CC_FUZZ_CHECK(*msg != '\0');
    }

    s = cc_fuzz_cstr(p, data, size);
    if (cc_form_return_ok(s)) {
        check_return(s);
    }
    (void)cc_form_content_type_ok(s);
    apr_pool_destroy(p);
    return 0;
}
