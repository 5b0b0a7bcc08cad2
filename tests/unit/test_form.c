/* Unit tests: the consent form (POST P/consent, section 5). */
#include <string.h>
#include <apr_strings.h>

#include "cc_unit.h"
#include "cc_charter.h"
#include "cc_form.h"

START_TEST(test_content_type)
{
    static const char *const good[] = {
        "application/x-www-form-urlencoded",
        "Application/X-WWW-Form-Urlencoded",
        "APPLICATION/X-WWW-FORM-URLENCODED",
        "application/x-www-form-urlencoded; charset=UTF-8",
        "application/x-www-form-urlencoded;charset=utf-8",
        "application/x-www-form-urlencoded ; charset=x",
        " application/x-www-form-urlencoded ",
        "\tapplication/x-www-form-urlencoded",
    };
    static const char *const bad[] = {
        "", " ", "multipart/form-data; boundary=x", "text/plain",
        "application/json", "application/x-www-form-urlencodedx",
        "application/x-www-form-urlencoded2", "application/x-www-form",
        "x application/x-www-form-urlencoded",
        "application/x-www-form-urlencoded,text/plain",
        "application/x-www-form-urlencoded\r\n",
        "application /x-www-form-urlencoded",
    };
    size_t i;

    for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        ck_assert_msg(cc_form_content_type_ok(good[i]), "refused %s", good[i]);
    }
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        ck_assert_msg(!cc_form_content_type_ok(bad[i]), "took %s", bad[i]);
    }
    ck_assert(!cc_form_content_type_ok(NULL));
}
END_TEST

static const char *parse(const cc_charter *ch, const char *body,
                         cc_form *f)
{
    return cc_form_parse(cc_test_pool, ch, body, strlen(body), f);
}

START_TEST(test_parse_good)
{
    const cc_charter *ch = cc_unit_test_charter();
    cc_mask pref = cc_unit_bit(ch, "preferences"),
            stat = cc_unit_bit(ch, "statistics"),
            mkt = cc_unit_bit(ch, "marketing");
    cc_form f;

    ck_assert_ptr_null(parse(ch, "choice=accept-all", &f));
    ck_assert_int_eq(f.choice, CC_CHOICE_ACCEPT_ALL);
    ck_assert(cc_form_granted(ch, &f) == (pref | stat | mkt));
    ck_assert_ptr_null(f.ret);
    ck_assert_ptr_null(f.v);

    ck_assert_ptr_null(parse(ch, "choice=reject-all", &f));
    ck_assert_int_eq(f.choice, CC_CHOICE_REJECT_ALL);
    ck_assert(cc_form_granted(ch, &f) == 0);

    ck_assert_ptr_null(parse(ch, "choice=custom&category=preferences"
                                 "&category=marketing", &f));
    ck_assert_int_eq(f.choice, CC_CHOICE_CUSTOM);
    ck_assert(cc_form_granted(ch, &f) == (pref | mkt));

    ck_assert_ptr_null(parse(ch, "category=statistics&choice=custom", &f));
    ck_assert(cc_form_granted(ch, &f) == stat);

    ck_assert_ptr_null(parse(ch, "choice=custom", &f));
    ck_assert(cc_form_granted(ch, &f) == 0);

    /* A required id is ignored; a repeated one is harmless. */
    ck_assert_ptr_null(parse(ch, "choice=custom&category=necessary", &f));
    ck_assert(cc_form_granted(ch, &f) == 0);
    ck_assert_ptr_null(parse(ch, "choice=custom&category=preferences"
                                 "&category=preferences", &f));
    ck_assert(cc_form_granted(ch, &f) == pref);

    ck_assert_ptr_null(parse(ch, "choice=accept-all&return=%2Fpage%3Fa%3D1"
                                 "%26b%3D%C3%A9&v=abc123", &f));
    ck_assert_str_eq(f.ret, "/page?a=1&b=\xc3\xa9");
    ck_assert_str_eq(f.v, "abc123");

    ck_assert_ptr_null(parse(ch, "return=/a+b%2Bc&choice=reject-all", &f));
    ck_assert_str_eq(f.ret, "/a b+c");

    ck_assert_ptr_null(parse(ch, "choice=accept-all&return=&v=", &f));
    ck_assert_str_eq(f.ret, "");
    ck_assert_str_eq(f.v, "");

    /* Unknown fields are ignored, however odd, if well encoded. */
    ck_assert_ptr_null(parse(ch, "foo=bar&x&=y&choice=accept-all&&"
                                 "CHOICE=bogus&z=%C3%A9", &f));
    ck_assert_int_eq(f.choice, CC_CHOICE_ACCEPT_ALL);
    ck_assert_ptr_null(parse(ch, "&&choice=reject-all&", &f));
    ck_assert_ptr_null(parse(ch, "ch%6Fice=accept%2Dall", &f));
    ck_assert_int_eq(f.choice, CC_CHOICE_ACCEPT_ALL);

    /* The length counts, not a NUL. */
    ck_assert_ptr_null(cc_form_parse(cc_test_pool, ch,
                                     "choice=reject-allXYZ", 17, &f));
    ck_assert_int_eq(f.choice, CC_CHOICE_REJECT_ALL);
}
END_TEST

typedef struct {
    const char *body;
    int len;            /* -1: strlen */
} body_case;

static const body_case bad_bodies[] = {
    { "", -1 },
    { "&&&", -1 },
    { "choice", -1 },
    { "choice=", -1 },
    { "choice=accept", -1 },
    { "choice=ACCEPT-ALL", -1 },
    { "choice= accept-all", -1 },
    { "choice=accept-all+", -1 },
    { "choice=accept-all%20", -1 },
    { "CHOICE=accept-all", -1 },
    { "choice=accept-all&choice=accept-all", -1 },
    { "choice=accept-all&choice=reject-all", -1 },
    { "choice=custom&choice=", -1 },
    { "choice=accept-all&category=preferences", -1 },
    { "choice=reject-all&category=necessary", -1 },
    { "category=preferences", -1 },
    { "choice=custom&category=tracking", -1 },
    { "choice=custom&category=", -1 },
    { "choice=custom&category", -1 },
    { "choice=custom&category=Preferences", -1 },
    { "choice=custom&category=preferences+statistics", -1 },
    { "choice=custom&category=preferences,statistics", -1 },
    { "choice=custom&category=preferences%00", -1 },
    { "choice=accept-all&return=%zz", -1 },
    { "choice=accept-all&return=%", -1 },
    { "choice=accept-all&return=%2", -1 },
    { "choice=accept-all&return=%00", -1 },
    { "choice=accept-all%00", -1 },
    { "choice=accept-all&return=/a%C3", -1 },
    { "choice=accept-all&return=%FF", -1 },
    { "choice=accept-all&v=%C0%AF", -1 },
    { "choice=accept-all&x=%ED%A0%80", -1 },
    { "choice=accept-all&%zz=1", -1 },
    { "choice=accept-all&v=1&v=2", -1 },
    { "choice=accept-all&v=&v=", -1 },
    { "choice=accept-all&return=/a&return=/b", -1 },
    { "choice=accept-all\0&x=1", 21 },
    { "choice=accept-all&return=/\0evil", 31 },
    { "\0", 1 },
};

START_TEST(test_parse_bad)
{
    const cc_charter *ch = cc_unit_test_charter();
    char *big;
    size_t i;
    cc_form f;

    ck_assert_uint_ge(sizeof(bad_bodies) / sizeof(bad_bodies[0]), 25);
    for (i = 0; i < sizeof(bad_bodies) / sizeof(bad_bodies[0]); i++) {
        const body_case *c = &bad_bodies[i];
        apr_size_t len = c->len < 0 ? strlen(c->body) : (apr_size_t)c->len;
        const char *msg = cc_form_parse(cc_test_pool, ch, c->body, len, &f);
        ck_assert_msg(msg != NULL, "accepted body %u: %s", (unsigned)i,
                      c->body);
        ck_assert(strlen(msg) > 0);
    }
    /* Over the limit, even if well formed. */
    big = apr_palloc(cc_test_pool, CC_FORM_MAX_BODY + 1);
    memset(big, 'x', CC_FORM_MAX_BODY + 1);
    memcpy(big, "choice=accept-all&y=", 20);
    ck_assert_ptr_nonnull(cc_form_parse(cc_test_pool, ch, big,
                                        CC_FORM_MAX_BODY + 1, &f));
    ck_assert_ptr_null(cc_form_parse(cc_test_pool, ch, big,
                                     CC_FORM_MAX_BODY, &f));
}
END_TEST

START_TEST(test_return_good)
{
    static const char *const good[] = {
        "/", "/a", "/page?x=1#frag", "/a/b/c", "/a?next=//evil",
        "/a?x=%5C", "/a#//evil", "/a/%2F%2Fevil",
        "/%41bc", "/~user/", "/a/b?c=d&e=f", "/.well-known/x",
        "/%252F%252Fevil", "/a%2", "/?", "/#", "/a:b@c",
    };
    char *max = apr_palloc(cc_test_pool, 2049);
    size_t i;

    for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        ck_assert_msg(cc_form_return_ok(good[i]), "refused %s", good[i]);
    }
    memset(max, 'a', 2048);
    max[0] = '/';
    max[2048] = '\0';
    ck_assert(cc_form_return_ok(max));
}
END_TEST

START_TEST(test_return_bad)
{
    static const char *const bad[] = {
        "", "//evil", "//evil.com/x", "///evil", "/\\evil", "\\/evil",
        "\\\\evil", "https://evil", "http://evil.com/", "javascript:alert(1)",
        "evil.com", "evil.com/x", "./evil", "?/evil", "#/evil",
        "/%2F%2Fevil", "/%2fevil", "/%2F/evil", "/x%2Fy", "/%5Cevil",
        "/%5cevil", "/%5C%5Cevil", "/a%2F?x", "%2F%2Fevil",
        "/\t/evil", "/\tevil", "/ /evil", "/a b", " /a", "/a ",
        "/\r\n/evil", "/\n/evil", "/a\\b", "/a?b=\\", "/a#\\",
        "/\xc3\xa9", "/\x7f", "/\x01", "/a\xff",
    };
    char *over = apr_palloc(cc_test_pool, 2050);
    size_t i;

    ck_assert_uint_ge(sizeof(bad) / sizeof(bad[0]), 20);
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        ck_assert_msg(!cc_form_return_ok(bad[i]), "took %s", bad[i]);
    }
    ck_assert(!cc_form_return_ok(NULL));
    memset(over, 'a', 2049);
    over[0] = '/';
    over[2049] = '\0';
    ck_assert(!cc_form_return_ok(over));
}
END_TEST

START_TEST(test_granted_none)
{
    const cc_charter *ch = cc_unit_test_charter();
    cc_form f;

    memset(&f, 0, sizeof(f));
    ck_assert(cc_form_granted(ch, &f) == 0);
    /* Required bits never come out, even if set by hand. */
    f.choice = CC_CHOICE_CUSTOM;
    f.categories = cc_unit_bit(ch, "necessary") | cc_unit_bit(ch, "marketing");
    ck_assert(cc_form_granted(ch, &f) == cc_unit_bit(ch, "marketing"));
}
END_TEST

START_TEST(test_real_charters)
{
    apr_array_header_t *chs = cc_unit_real_charters();
    int i, j;

    ck_assert_int_ge(chs->nelts, 1);

    for (i = 0; i < chs->nelts; i++) {
        const cc_charter *ch = APR_ARRAY_IDX(chs, i, const cc_charter *);
        const char *all = "choice=custom";
        cc_form f;

        for (j = 0; j < ch->categories->nelts; j++) {
            const cc_category *c = APR_ARRAY_IDX(ch->categories, j,
                                                 const cc_category *);
            all = apr_pstrcat(cc_test_pool, all, "&category=", c->id, NULL);
        }
        ck_assert_ptr_null(parse(ch, all, &f));
        ck_assert(cc_form_granted(ch, &f) == ch->optional_mask);
        ck_assert_ptr_null(parse(ch, "choice=accept-all", &f));
        ck_assert(cc_form_granted(ch, &f) == ch->optional_mask);
        ck_assert_ptr_nonnull(parse(ch, "choice=custom&category=zz-unknown",
                                    &f));
    }
}
END_TEST

Suite *suite_form(void)
{
    Suite *s = suite_create("form");
    TCase *tc = tcase_create("form");

    tcase_add_checked_fixture(tc, cc_unit_setup, cc_unit_teardown);
    tcase_add_test(tc, test_content_type);
    tcase_add_test(tc, test_parse_good);
    tcase_add_test(tc, test_parse_bad);
    tcase_add_test(tc, test_return_good);
    tcase_add_test(tc, test_return_bad);
    tcase_add_test(tc, test_granted_none);
    tcase_add_test(tc, test_real_charters);
    suite_add_tcase(s, tc);
    return s;
}
