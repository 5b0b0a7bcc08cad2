/* Fuzz target: the charter loader (cc_charter_parse) on arbitrary YAML.
 * Invariants: a failed load gives at least one error, each of the form
 * "ABSPATH:LINE:COL: message"; a successful one has a required category,
 * masks that agree with its categories, and look-ups that agree with its
 * own lists (every category found by id, every exact cookie name governed
 * by its category, the consent cookie's name by the consent category). */
#include "fuzz_common.h"
#include "cc_glob.h"

#define SRC "/fuzz/input.yaml"

static void check_error(const char *e)
{
    const char *c = e + strlen(SRC);
    int digits;

    CC_FUZZ_CHECK(strncmp(e, SRC ":", strlen(SRC) + 1) == 0);
    c++;
    for (digits = 0; *c >= '0' && *c <= '9'; c++) {
        digits++;
    }
    CC_FUZZ_CHECK(digits > 0 && *c == ':');
    c++;
    for (digits = 0; *c >= '0' && *c <= '9'; c++) {
        digits++;
    }
    CC_FUZZ_CHECK(digits > 0 && c[0] == ':' && c[1] == ' ' && c[2] != '\0');
    CC_FUZZ_CHECK(strchr(e, '\n') == NULL);
}

static void check_charter(apr_pool_t *p, const cc_charter *ch)
{
    cc_mask req = 0, opt = 0;
    const cc_cookie *e;
    int i;

    CC_FUZZ_CHECK(ch->categories->nelts >= 1
                  && ch->categories->nelts <= CC_MAX_CATEGORIES);
    for (i = 0; i < ch->categories->nelts; i++) {
        const cc_category *c = APR_ARRAY_IDX(ch->categories, i,
                                             const cc_category *);
        CC_FUZZ_CHECK(c->index == i);
        CC_FUZZ_CHECK(cc_charter_category(ch, c->id, strlen(c->id)) == c);
        if (c->required) {
            req |= CC_MASK_BIT(i);
            CC_FUZZ_CHECK(!c->default_granted);
        }
        else {
            opt |= CC_MASK_BIT(i);
        }
    }
    CC_FUZZ_CHECK(req != 0 && req == ch->required_mask
                  && opt == ch->optional_mask);
    CC_FUZZ_CHECK((ch->default_granted_mask & ~opt) == 0);
    CC_FUZZ_CHECK(ch->consent_category != NULL
                  && ch->consent_category->required);
    for (i = 0; i < ch->cookies->nelts; i++) {
        const cc_cookie *k = APR_ARRAY_IDX(ch->cookies, i, const cc_cookie *);
        if (!k->is_glob) {
            e = cc_charter_cookie(ch, k->name, strlen(k->name));
            CC_FUZZ_CHECK(e != NULL && e->category == k->category);
        }
    }
    e = cc_charter_cookie(ch, ch->consent_cookie, strlen(ch->consent_cookie));
    CC_FUZZ_CHECK(e != NULL && e->category == ch->consent_category);
    CC_FUZZ_CHECK(cc_charter_join_ids(p, ch, ~(cc_mask)0, "+") != NULL);
    CC_FUZZ_CHECK(strcmp(cc_charter_join_ids(p, ch, 0, "+"), "-") == 0);
    (void)cc_charter_url_category(ch, "https://matomo.example.org/x.js", 31,
                                  "www.example.org");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    apr_pool_t *p;
    cc_charter *ch = NULL;
    apr_array_header_t *errors = NULL;
    apr_status_t rv;
    int i;

    cc_fuzz_init();
    p = cc_fuzz_pool();
    rv = cc_charter_parse(&ch, SRC, (const char *)data, size, p, &errors);
    if (rv == APR_SUCCESS) {
        CC_FUZZ_CHECK(ch != NULL);
        check_charter(p, ch);
    }
    else {
        CC_FUZZ_CHECK(errors != NULL && errors->nelts > 0);
        for (i = 0; i < errors->nelts; i++) {
            check_error(APR_ARRAY_IDX(errors, i, const char *));
        }
    }
    apr_pool_destroy(p);
    return 0;
}
