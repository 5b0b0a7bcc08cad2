/* Unit tests: the consent cookie's value (section 4), and cc_html_escape. */
#include <string.h>
#include <apr_strings.h>

#include "cc_unit.h"
#include "cc_charter.h"
#include "cc_consent.h"
#include "cc_util.h"

/* Against cc_unit_test_charter(): revision 2024-06, lifetime 182 days
 * (15724800 s), which the ages and Max-Age below rely on. */
#define NOW ((apr_int64_t)1718000000)
#define ID "Zm9vYmFyYmF6cXV4cXV1dQ"     /* 16 bytes, canonical */

/* Values that must be choices. */
static const char *const good_values[] = {
    "v1.2024-06.1718000000." ID ".-",
    "v1.2024-06.1718000000." ID ".preferences",
    "v1.2024-06.1718000000." ID ".statistics",
    "v1.2024-06.1718000000." ID ".marketing",
    "v1.2024-06.1718000000." ID ".preferences+statistics",
    "v1.2024-06.1718000000." ID ".preferences+marketing",
    "v1.2024-06.1718000000." ID ".preferences+statistics+marketing",
    "v1.2024-06.1702275200." ID ".-",         /* exactly the lifetime old */
    "v1.2024-06.1718086400." ID ".-",         /* exactly one day ahead */
    "v1.2024-06.1718000000.AAAAAAAAAAAAAAAAAAAAAA.-",
    "v1.2024-06.1718000000.-_-_-_-_-_-_-_-_-_-_-w.-",
    "v1.2024-06.1718000000.zzzzzzzzzzzzzzzzzzzzzg.-",
};

/* Values that must not be: hostile or stale. */
static const char *const bad_values[] = {
    "",
    "v1",
    ".....",
    "....",
    "v2.2024-06.1718000000." ID ".-",                   /* version */
    "V1.2024-06.1718000000." ID ".-",
    "v01.2024-06.1718000000." ID ".-",
    "1.2024-06.1718000000." ID ".-",
    "v1.2024-05.1718000000." ID ".-",                   /* old revision */
    "v1.2024-06x.1718000000." ID ".-",
    "v1.2024-0.1718000000." ID ".-",
    "v1.2024-06 .1718000000." ID ".-",
    "v1..1718000000." ID ".-",
    "v1.2024-06.1702275199." ID ".-",                   /* expired */
    "v1.2024-06.0." ID ".-",
    "v1.2024-06.1718086401." ID ".-",                   /* future */
    "v1.2024-06.9999999999." ID ".-",
    "v1.2024-06.." ID ".-",                             /* issued */
    "v1.2024-06.01718000000." ID ".-",
    "v1.2024-06.+1718000000." ID ".-",
    "v1.2024-06.-1718000000." ID ".-",
    "v1.2024-06.0x6667d480." ID ".-",
    "v1.2024-06.1718000000.5." ID ".-",
    "v1.2024-06.99999999999999999999999." ID ".-",
    "v1.2024-06.1718000000e0." ID ".-",
    "v1.2024-06.1718000000.Zm9vYmFyYmF6cXV4cXV1d.-",    /* ID 21 */
    "v1.2024-06.1718000000." ID "A.-",                  /* ID 23 */
    "v1.2024-06.1718000000.Zm9vYmFyYmF6+XV4cXV1dQ.-",   /* '+' */
    "v1.2024-06.1718000000.Zm9vYmFyYmF6/XV4cXV1dQ.-",   /* '/' */
    "v1.2024-06.1718000000.Zm9vYmFyYmF6cXV4cXV1d=.-",   /* padding */
    "v1.2024-06.1718000000.Zm9vYmFyYmF6cXV4cXV1dR.-",   /* non-canonical */
    "v1.2024-06.1718000000.Zm9vYmFyYmF6cXV4cXV1dB.-",
    "v1.2024-06.1718000000..-",
    "v1.2024-06.1718000000." ID ".",                    /* granted */
    "v1.2024-06.1718000000." ID ".tracking",
    "v1.2024-06.1718000000." ID ".necessary",
    "v1.2024-06.1718000000." ID ".necessary+preferences",
    "v1.2024-06.1718000000." ID ".preferences+preferences",
    "v1.2024-06.1718000000." ID ".statistics+preferences",
    "v1.2024-06.1718000000." ID ".marketing+statistics",
    "v1.2024-06.1718000000." ID ".+preferences",
    "v1.2024-06.1718000000." ID ".preferences+",
    "v1.2024-06.1718000000." ID ".preferences++statistics",
    "v1.2024-06.1718000000." ID ".-+preferences",
    "v1.2024-06.1718000000." ID ".--",
    "v1.2024-06.1718000000." ID ".Preferences",
    "v1.2024-06.1718000000." ID ".preferences,statistics",
    "v1.2024-06.1718000000." ID ".preferences%2Bstatistics",
    "v1.2024-06.1718000000." ID ".preferences statistics",
    "v1.2024-06.1718000000." ID ".-;x",                 /* separators */
    "\"v1.2024-06.1718000000." ID ".-\"",
    "v1.2024-06.1718000000." ID ".- ",
    " v1.2024-06.1718000000." ID ".-",
    "v1.2024-06.1718000000." ID ".-\r\n",
    "v1.2024-06.1718000000." ID ".-\t",
    "v1.2024-06.1718000000." ID ".-\\",
    "v1.2024-06.1718000000." ID ".-\x7f",
    "v1.2024-06.1718000000." ID ".pr\xc3\xa9" "ferences",
    "v1.2024-06.1718000000." ID ".-.",                  /* extra dots */
    "v1.2024-06.1718000000.extra." ID ".-",
    "v1.2024-06.1718000000." ID,                        /* missing field */
    "cookies_preferences=v1.2024-06.1718000000." ID ".-",
};

START_TEST(test_good_values)
{
    const cc_charter *ch = cc_unit_test_charter();
    size_t i;
    cc_consent c;

    for (i = 0; i < sizeof(good_values) / sizeof(good_values[0]); i++) {
        memset(&c, 0, sizeof(c));
        ck_assert_msg(cc_consent_parse(ch, good_values[i],
                                       strlen(good_values[i]), NOW, &c),
                      "rejected: %s", good_values[i]);
        /* What parses formats back to the same bytes. */
        ck_assert_str_eq(cc_consent_format(cc_test_pool, ch, &c),
                         good_values[i]);
    }
}
END_TEST

START_TEST(test_bad_values)
{
    const cc_charter *ch = cc_unit_test_charter();
    size_t i;
    cc_consent c;

    for (i = 0; i < sizeof(bad_values) / sizeof(bad_values[0]); i++) {
        ck_assert_msg(!cc_consent_parse(ch, bad_values[i],
                                        strlen(bad_values[i]), NOW, &c),
                      "accepted: %s", bad_values[i]);
    }
}
END_TEST

START_TEST(test_len_based)
{
    const cc_charter *ch = cc_unit_test_charter();
    static const char good[] = "v1.2024-06.1718000000." ID ".-";
    char buf[CC_CONSENT_MAX_VALUE + 2];
    cc_consent c;

    /* A NUL inside, or just after, the counted bytes. */
    static const char nul_mid[] = "v1.2024-06\0.1718000000." ID ".-";
    ck_assert(!cc_consent_parse(ch, nul_mid, sizeof(nul_mid) - 1, NOW, &c));
    ck_assert(!cc_consent_parse(ch, good, sizeof(good), NOW, &c));
    /* Only the given length counts: a prefix is not the value. */
    ck_assert(!cc_consent_parse(ch, good, sizeof(good) - 2, NOW, &c));
    ck_assert(cc_consent_parse(ch, good, sizeof(good) - 1, NOW, &c));
    ck_assert(!cc_consent_parse(ch, NULL, 0, NOW, &c));

    /* Over the cap, even if it would otherwise parse. */
    memset(buf, 'a', sizeof(buf));
    memcpy(buf, good, sizeof(good) - 1);
    ck_assert(!cc_consent_parse(ch, buf, CC_CONSENT_MAX_VALUE + 1, NOW, &c));
    ck_assert(!cc_consent_parse(ch, buf, CC_CONSENT_MAX_VALUE, NOW, &c));
}
END_TEST

START_TEST(test_parse_fields)
{
    const cc_charter *ch = cc_unit_test_charter();
    static const char v[] =
        "v1.2024-06.1717999000." ID ".preferences+marketing";
    cc_consent c;

    ck_assert(cc_consent_parse(ch, v, strlen(v), NOW, &c));
    ck_assert_int_eq(c.issued, 1717999000);
    ck_assert_str_eq(c.id, ID);
    ck_assert(c.granted == (cc_unit_bit(ch, "preferences")
                            | cc_unit_bit(ch, "marketing")));
    /* out may be NULL: validity only. */
    ck_assert(cc_consent_parse(ch, v, strlen(v), NOW, NULL));
}
END_TEST

START_TEST(test_new_id)
{
    const cc_charter *ch = cc_unit_test_charter();
    char ids[64][CC_CONSENT_ID_LEN + 1];
    int i, j;

    for (i = 0; i < 64; i++) {
        cc_consent c;
        const char *v;

        ck_assert_int_eq(cc_consent_new_id(ids[i]), APR_SUCCESS);
        ck_assert_uint_eq(strlen(ids[i]), CC_CONSENT_ID_LEN);
        ck_assert_uint_eq(strspn(ids[i], "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                         "abcdefghijklmnopqrstuvwxyz"
                                         "0123456789-_"),
                          CC_CONSENT_ID_LEN);
        ck_assert_ptr_nonnull(strchr("AQgw", ids[i][CC_CONSENT_ID_LEN - 1]));
        for (j = 0; j < i; j++) {
            ck_assert_str_ne(ids[i], ids[j]);
        }
        /* A fresh id always makes a valid value. */
        memcpy(c.id, ids[i], sizeof(c.id));
        c.issued = NOW;
        c.granted = 0;
        v = cc_consent_format(cc_test_pool, ch, &c);
        ck_assert(cc_consent_parse(ch, v, strlen(v), NOW, NULL));
    }
}
END_TEST

START_TEST(test_format)
{
    const cc_charter *ch = cc_unit_test_charter();
    cc_consent c;

    memset(&c, 0, sizeof(c));
    memcpy(c.id, ID, sizeof(ID));
    c.issued = NOW;
    c.granted = 0;
    ck_assert_str_eq(cc_consent_format(cc_test_pool, ch, &c),
                     "v1.2024-06.1718000000." ID ".-");
    /* Required bits are never written; order is the charter's. */
    c.granted = cc_unit_bit(ch, "marketing") | cc_unit_bit(ch, "necessary")
                | cc_unit_bit(ch, "preferences");
    ck_assert_str_eq(cc_consent_format(cc_test_pool, ch, &c),
                     "v1.2024-06.1718000000." ID ".preferences+marketing");
}
END_TEST

START_TEST(test_granted)
{
    const cc_charter *ch = cc_unit_test_charter();
    cc_mask nec = cc_unit_bit(ch, "necessary"),
            pref = cc_unit_bit(ch, "preferences"),
            stat = cc_unit_bit(ch, "statistics"),
            mkt = cc_unit_bit(ch, "marketing");
    cc_consent c;

    memset(&c, 0, sizeof(c));
    ck_assert(cc_consent_granted(ch, CC_STATE_UNSET, NULL) == (nec | stat));
    ck_assert(cc_consent_granted(ch, CC_STATE_GPC, NULL) == nec);
    c.granted = pref | mkt;
    ck_assert(cc_consent_granted(ch, CC_STATE_CHOICE, &c)
              == (nec | pref | mkt));
    c.granted = 0;
    ck_assert(cc_consent_granted(ch, CC_STATE_CHOICE, &c) == nec);
}
END_TEST

START_TEST(test_set_cookie)
{
    const cc_charter *ch = cc_unit_test_charter();
    cc_consent c;

    memset(&c, 0, sizeof(c));
    memcpy(c.id, ID, sizeof(ID));
    c.issued = NOW;
    c.granted = cc_unit_bit(ch, "statistics");
    ck_assert_str_eq(cc_consent_set_cookie(cc_test_pool, ch, &c, 0),
                     "cookies_preferences=v1.2024-06.1718000000." ID
                     ".statistics; Path=/; Max-Age=15724800; SameSite=Lax;"
                     " HttpOnly");
    ck_assert_str_eq(cc_consent_set_cookie(cc_test_pool, ch, &c, 1),
                     "cookies_preferences=v1.2024-06.1718000000." ID
                     ".statistics; Path=/; Max-Age=15724800; SameSite=Lax;"
                     " HttpOnly; Secure");
}
END_TEST

/* The real charters (conf/charter-NAME.yaml, tests/charters/good/),
 * those present, give the same round trip. */
START_TEST(test_real_charters)
{
    apr_array_header_t *chs = cc_unit_real_charters();
    int i;

    for (i = 0; i < chs->nelts; i++) {
        const cc_charter *ch = APR_ARRAY_IDX(chs, i, const cc_charter *);
        cc_consent c;
        const char *v;

        ck_assert_int_eq(cc_consent_new_id(c.id), APR_SUCCESS);
        c.issued = NOW;
        c.granted = ch->optional_mask;
        v = cc_consent_format(cc_test_pool, ch, &c);
        ck_assert_msg(cc_consent_parse(ch, v, strlen(v), NOW, &c), "%s",
                      ch->file);
        ck_assert(c.granted == ch->optional_mask);
        c.granted = 0;
        v = cc_consent_format(cc_test_pool, ch, &c);
        ck_assert(cc_consent_parse(ch, v, strlen(v), NOW, &c));
        ck_assert(c.granted == 0);
        ck_assert(!cc_consent_parse(ch, v, strlen(v),
                                    NOW + (apr_int64_t)ch->lifetime_days
                                    * 86400 + 1, &c));
        v = apr_pstrcat(cc_test_pool, v, "x", NULL);
        ck_assert(!cc_consent_parse(ch, v, strlen(v), NOW, &c));
    }
}
END_TEST

START_TEST(test_html_escape)
{
    apr_pool_t *p = cc_test_pool;

    ck_assert_str_eq(cc_html_escape(p, NULL), "");
    ck_assert_str_eq(cc_html_escape(p, "plain"), "plain");
    ck_assert_str_eq(cc_html_escape(p, "a&b<c>d\"e'f"),
                     "a&amp;b&lt;c&gt;d&quot;e&#39;f");
    ck_assert_str_eq(cc_html_escape(p, "Charte cookies n\xc3\xa9" "cessaires"),
                     "Charte cookies n&#233;cessaires");
    ck_assert_str_eq(cc_html_escape(p, "\xe2\x82\xac"), "&#8364;");
    ck_assert_str_eq(cc_html_escape(p, "\xf0\x9f\x98\x80"), "&#128512;");
    ck_assert_str_eq(cc_html_escape(p, "\xf4\x8f\xbf\xbd"), "&#1114109;");
    ck_assert_str_eq(cc_html_escape(p, "\xc2\xa0"), "&#160;");
    /* Invalid UTF-8: one replacement per bad byte. */
    ck_assert_str_eq(cc_html_escape(p, "a\xc3"), "a&#65533;");
    ck_assert_str_eq(cc_html_escape(p, "\xff\xfe"), "&#65533;&#65533;");
    ck_assert_str_eq(cc_html_escape(p, "\xc0\xaf"), "&#65533;&#65533;");
    ck_assert_str_eq(cc_html_escape(p, "\xed\xa0\x80"),
                     "&#65533;&#65533;&#65533;");
    ck_assert_str_eq(cc_html_escape(p, "\xf4\x90\x80\x80"),
                     "&#65533;&#65533;&#65533;&#65533;");
    ck_assert_str_eq(cc_html_escape(p, "\xe2\x82"), "&#65533;&#65533;");
    /* Characters XML or HTML do not take as they are. */
    ck_assert_str_eq(cc_html_escape(p, "a\x01" "b\x1f" "c\x7f"),
                     "a&#65533;b&#65533;c&#65533;");
    ck_assert_str_eq(cc_html_escape(p, "\xc2\x80\xc2\x9f"),
                     "&#65533;&#65533;");
    ck_assert_str_eq(cc_html_escape(p, "\xef\xbf\xbe\xef\xbf\xbf"),
                     "&#65533;&#65533;");
    ck_assert_str_eq(cc_html_escape(p, "\t\n\r"), "\t\n\r");
    /* Already escaped text is escaped again (text, not markup). */
    ck_assert_str_eq(cc_html_escape(p, "&amp;"), "&amp;amp;");
}
END_TEST

Suite *suite_consent(void)
{
    Suite *s = suite_create("consent");
    TCase *tc = tcase_create("consent");

    tcase_add_checked_fixture(tc, cc_unit_setup, cc_unit_teardown);
    tcase_add_test(tc, test_good_values);
    tcase_add_test(tc, test_bad_values);
    tcase_add_test(tc, test_len_based);
    tcase_add_test(tc, test_parse_fields);
    tcase_add_test(tc, test_new_id);
    tcase_add_test(tc, test_format);
    tcase_add_test(tc, test_granted);
    tcase_add_test(tc, test_set_cookie);
    tcase_add_test(tc, test_real_charters);
    tcase_add_test(tc, test_html_escape);
    suite_add_tcase(s, tc);
    return s;
}
