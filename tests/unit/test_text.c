/* Unit tests: text (language negotiation, Accept q). */
#include <stdio.h>

#include "cc_unit.h"
#include "cc_text.h"

static const char *const fr_en[] = { "fr", "en" };
static const char *const three[] = { "fr", "en", "pt-br" };

#define NEG(al) cc_lang_negotiate(fr_en, 2, (al))
#define NEG3(al) cc_lang_negotiate(three, 3, (al))

START_TEST(negotiate_basic)
{
    ck_assert_int_eq(NEG(NULL), 0);
    ck_assert_int_eq(NEG(""), 0);
    ck_assert_int_eq(NEG("en"), 1);
    ck_assert_int_eq(NEG("fr"), 0);
    ck_assert_int_eq(NEG("EN"), 1);
    ck_assert_int_eq(NEG("en-GB"), 1);
    ck_assert_int_eq(NEG("en-Latn-GB"), 1);
    ck_assert_int_eq(NEG("de"), 0);
    ck_assert_int_eq(NEG("de, en"), 1);
    ck_assert_int_eq(NEG("de-DE,de;q=0.9,en;q=0.8"), 1);
    ck_assert_int_eq(NEG("*"), 0);
    ck_assert_int_eq(NEG("*, en;q=0.5"), 1);
    /* One language: always the default. */
    ck_assert_int_eq(cc_lang_negotiate(fr_en, 1, "en"), 0);
}
END_TEST

START_TEST(negotiate_q)
{
    ck_assert_int_eq(NEG("fr;q=0.5, en"), 1);
    ck_assert_int_eq(NEG("en;q=0.5, fr;q=0.8"), 0);
    ck_assert_int_eq(NEG("en;q=0.8, fr;q=0.8"), 1);   /* stable */
    ck_assert_int_eq(NEG("fr;q=0, en;q=0.1"), 1);
    ck_assert_int_eq(NEG("en;q=0"), 0);
    ck_assert_int_eq(NEG("en;q=0.000"), 0);
    ck_assert_int_eq(NEG("en;q=0.001"), 1);
    ck_assert_int_eq(NEG("en ; q=1.0 , fr;q=0.9"), 1);
    ck_assert_int_eq(NEG("en;Q=0.7;x=y, fr;q=0.6"), 1);
    ck_assert_int_eq(NEG("de;q=1, en-US;q=0.3"), 1);
}
END_TEST

START_TEST(negotiate_malformed)
{
    ck_assert_int_eq(NEG("en;q=2"), 0);
    ck_assert_int_eq(NEG("en;q=1.5"), 0);
    ck_assert_int_eq(NEG("en;q=abc"), 0);
    ck_assert_int_eq(NEG("en;q=0.1234"), 0);
    ck_assert_int_eq(NEG("e n"), 0);
    ck_assert_int_eq(NEG("en_GB"), 0);
    ck_assert_int_eq(NEG("toolongtag-en"), 0);
    ck_assert_int_eq(NEG("en-"), 0);
    ck_assert_int_eq(NEG("1en"), 0);
    ck_assert_int_eq(NEG(",,,en,,"), 1);
    ck_assert_int_eq(NEG("\xc3\xa9, en"), 0);
}
END_TEST

START_TEST(negotiate_lookup_shortening)
{
    ck_assert_int_eq(NEG3("pt-BR"), 2);
    ck_assert_int_eq(NEG3("pt"), 0);             /* lookup never widens */
    ck_assert_int_eq(NEG3("pt-br-x-private"), 2);
    ck_assert_int_eq(NEG3("en-a-bbb-x-y"), 1);   /* singletons dropped */
    ck_assert_int_eq(NEG3("pt-PT, en;q=0.5"), 1);
}
END_TEST

START_TEST(negotiate_many_ranges)
{
    char buf[2048];
    int i, n = 0;

    /* More ranges than kept: the extra ones are ignored, not an error. */
    for (i = 0; i < 40; i++) {
        n += snprintf(buf + n, sizeof(buf) - n, "x%c, ", 'a' + i % 26);
    }
    snprintf(buf + n, sizeof(buf) - n, "en");
    ck_assert_int_eq(NEG(buf), 0);
    ck_assert_int_eq(NEG("xa, xb, en"), 1);
}
END_TEST

START_TEST(accept_q)
{
    ck_assert_int_eq(cc_accept_q(NULL, "application/json"), -1);
    ck_assert_int_eq(cc_accept_q("", "application/json"), -1);
    ck_assert_int_eq(cc_accept_q("application/json", "application/json"), 1000);
    ck_assert_int_eq(cc_accept_q("Application/JSON;q=0.5", "application/json"), 500);
    ck_assert_int_eq(cc_accept_q("text/html,application/xhtml+xml,"
                                 "application/xml;q=0.9,*/*;q=0.8",
                                 "application/json"), -1);
    ck_assert_int_eq(cc_accept_q("text/html,application/xhtml+xml,"
                                 "application/xml;q=0.9,*/*;q=0.8", "*/*"), 800);
    ck_assert_int_eq(cc_accept_q("text/html;level=1;q=0.3", "text/html"), 300);
    ck_assert_int_eq(cc_accept_q("application/json;q=0.2, application/json;q=0.7",
                                 "application/json"), 700);
    ck_assert_int_eq(cc_accept_q("application/json;q=x", "application/json"), -1);
    ck_assert_int_eq(cc_accept_q("application/json;q=0", "application/json"), 0);
    ck_assert_int_eq(cc_accept_q("application/*", "application/json"), -1);
    ck_assert_int_eq(cc_accept_q("application/*", "application/*"), 1000);
    ck_assert_int_eq(cc_accept_q(" application/json ; q=0.25 ", "application/json"), 250);
}
END_TEST

Suite *suite_text(void)
{
    Suite *s = suite_create("text");
    TCase *tc = tcase_create("text");

    tcase_add_checked_fixture(tc, cc_unit_setup, cc_unit_teardown);
    tcase_add_test(tc, negotiate_basic);
    tcase_add_test(tc, negotiate_q);
    tcase_add_test(tc, negotiate_malformed);
    tcase_add_test(tc, negotiate_lookup_shortening);
    tcase_add_test(tc, negotiate_many_ranges);
    tcase_add_test(tc, accept_q);
    suite_add_tcase(s, tc);
    return s;
}
