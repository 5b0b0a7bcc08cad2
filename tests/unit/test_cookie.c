/* Unit tests: Set-Cookie names and verdicts, the Cookie request header,
 * and purge headers (section 6). */
#include <string.h>
#include <apr_strings.h>

#include "cc_unit.h"
#include "cc_charter.h"
#include "cc_cookie.h"

/* necessary and preferences granted; statistics and marketing not. */
static cc_mask test_granted(const cc_charter *ch)
{
    return cc_unit_bit(ch, "necessary") | cc_unit_bit(ch, "preferences");
}

#define K CC_SC_KEEP
#define NG CC_SC_NOT_GRANTED
#define UD CC_SC_UNDECLARED
#define CN CC_SC_CONSENT_NAME
#define MF CC_SC_MALFORMED

typedef struct {
    const char *hdr;
    int len;            /* -1: strlen */
    int allow;          /* CookieCharterUndeclared allow */
    cc_sc_verdict want;
} sc_case;

/* Headers a conforming, granted cookie may take. */
static const sc_case keep_cases[] = {
    { "sessionid=abc", -1, 0, K },
    { "sessionid=abc; Path=/; HttpOnly; Secure; SameSite=Lax", -1, 0, K },
    { " sessionid =abc", -1, 0, K },
    { "\tsessionid\t=abc", -1, 0, K },
    { "sessionid=", -1, 0, K },
    { "sessionid=a=b=c", -1, 0, K },
    { "sessionid=\"quoted\"", -1, 0, K },
    { "sessionid=\xff\xfe", -1, 0, K },
    { "lang=fr; Expires=Thu, 01 Jan 2026 00:00:00 GMT", -1, 0, K },
    { "lang=fr; Expires=Thu, 01-Jan-2026 00:00:00 GMT; Path=/", -1, 0, K },
    { "lang=fr\tx", -1, 0, K },
    { "__Host-session=1; Secure; Path=/", -1, 0, K },
    { "=sessionid", -1, 0, K },
    { "sessionid", -1, 0, K },
    { "=lang=fr", -1, 0, K },
    { "sessionid; _ga=1", -1, 0, K },
    { "sessionid=1, lang=fr", -1, 0, K },
    { "sessionid=1, 01 Jan", -1, 0, K },
    { "tracker=1", -1, 1, K },
    { "sessionid=1,tracker=1", -1, 1, K },
};

/* Hostile or refused headers, with the verdict. */
static const sc_case bad_cases[] = {
    /* declared, not granted */
    { "_ga=GA1.2.3", -1, 0, NG },
    { "_gat_UA-1=1", -1, 0, NG },
    { "_pk_id.1.abcd=x", -1, 0, NG },
    { "ads=1; Domain=.example.org", -1, 0, NG },
    { "__Secure-ad=1; Secure", -1, 0, NG },
    { "_ga =1", -1, 0, NG },
    { "_ga\t=1", -1, 0, NG },
    { "   _ga=1", -1, 0, NG },
    { "_ga=1", -1, 1, NG },
    /* undeclared (block) */
    { "tracker=1", -1, 0, UD },
    { "Sessionid=1", -1, 0, UD },
    { "SESSIONID=1", -1, 0, UD },
    { "__host-session=1", -1, 0, UD },
    { "__Secure-session=1", -1, 0, UD },
    { "__Host-cookies_preferences=1", -1, 0, UD },
    { "sessionid\xc3\xa9=1", -1, 0, UD },
    { "\xc3\xa9=1", -1, 0, UD },
    { "sess ionid=1", -1, 0, UD },
    { "\"sessionid\"=1", -1, 0, UD },
    { "sessionid\xc2\xa0=1", -1, 0, UD },
    { "tracker", -1, 0, UD },
    /* CTLs anywhere: some browser stores another name */
    { "sessionid=1\0_ga=1", 17, 0, MF },
    { "\0sessionid=1", 12, 0, MF },
    { "sessionid=1; Path=/\0", 20, 0, MF },
    { "sessionid=1\r\nSet-Cookie: _ga=1", -1, 0, MF },
    { "sessionid=1\n_ga=2", -1, 0, MF },
    { "sessionid=1\r", -1, 0, MF },
    { "_ga\r=1", -1, 0, MF },
    { "sessionid=1\x01", -1, 0, MF },
    { "sessionid=1\x1f", -1, 0, MF },
    { "sessionid\x0b=1", -1, 0, MF },
    { "sessionid\x0c=1", -1, 0, MF },
    { "sessionid=1\x7f", -1, 0, MF },
    { "_g\x7f" "a=1", -1, 0, MF },
    { "tracker=1\r", -1, 1, MF },
    { "\x01", -1, 1, MF },
    { "cookies_preferences=x\n", -1, 0, MF },
    /* empty name and value */
    { "", -1, 0, MF },
    { "=", -1, 0, MF },
    { " = ", -1, 0, MF },
    { "\t", -1, 0, MF },
    { ";", -1, 0, MF },
    { "; Path=/", -1, 0, MF },
    { "=; Path=/", -1, 0, MF },
    { "==x", -1, 0, MF },
    { "= =x", -1, 0, MF },
    { "", -1, 1, MF },
    /* the consent cookie's name, from anywhere */
    { "cookies_preferences=v1.2024-06.1.x.-", -1, 0, CN },
    { " cookies_preferences =x", -1, 0, CN },
    { "=cookies_preferences=x", -1, 0, CN },
    { "cookies_preferences", -1, 0, CN },
    { "cookies_preferences; Path=/", -1, 0, CN },
    { "sessionid=1, cookies_preferences=x", -1, 0, CN },
    { "_ga=1, cookies_preferences=x", -1, 0, CN },
    { "sessionid=1; Expires=Thu, cookies_preferences=x", -1, 0, CN },
    { "cookies_preferences=x", -1, 1, CN },
    /* nameless cookies, judged as sent back */
    { "_ga", -1, 0, NG },
    { "=_ga=1", -1, 0, NG },
    { "= _ga =1", -1, 0, NG },
    { "_ga;sessionid=1", -1, 0, NG },
    { "=tracker", -1, 0, UD },
    /* comma folding */
    { "sessionid=1,_ga=2", -1, 0, NG },
    { "sessionid=1, _ga=2", -1, 0, NG },
    { "sessionid=1,\t_ga =2", -1, 0, NG },
    { "sessionid=1 ,_ga=1", -1, 0, NG },
    { "sessionid=1;,_ga=1", -1, 0, NG },
    { "sessionid=1; Path=/, tracker=1", -1, 0, UD },
    { "sessionid=1; Expires=Thu, 01 Jan 2026 00:00:00 GMT, _ga=1", -1, 0, NG },
    { "sessionid=1,lang=fr,ads=2", -1, 0, NG },
    { "lang=fr,sessionid=1,tracker=2", -1, 0, UD },
    { "a,_ga=1", -1, 0, UD },    /* the name "a,_ga" decides first */
    { "sessionid=x,__Secure-ad=1", -1, 0, NG },
};

static void check_case(const cc_charter *ch, const sc_case *c, size_t i)
{
    apr_size_t len = c->len < 0 ? strlen(c->hdr) : (apr_size_t)c->len;
    const cc_cookie *entry;
    int undeclared;
    cc_sc_verdict v = cc_setcookie_judge(ch, test_granted(ch), c->allow,
                                         c->hdr, len, &entry, &undeclared);

    ck_assert_msg(v == c->want, "case %u \"%s\": verdict %d, want %d",
                  (unsigned)i, c->hdr, (int)v, (int)c->want);
}

START_TEST(test_keep_table)
{
    const cc_charter *ch = cc_unit_test_charter();
    size_t i;

    for (i = 0; i < sizeof(keep_cases) / sizeof(keep_cases[0]); i++) {
        check_case(ch, &keep_cases[i], i);
    }
}
END_TEST

START_TEST(test_hostile_table)
{
    const cc_charter *ch = cc_unit_test_charter();
    size_t i;

    ck_assert_uint_ge(sizeof(bad_cases) / sizeof(bad_cases[0]), 60);
    for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
        check_case(ch, &bad_cases[i], i);
    }
}
END_TEST

START_TEST(test_entry_and_undeclared)
{
    const cc_charter *ch = cc_unit_test_charter();
    cc_mask g = test_granted(ch);
    const cc_cookie *e;
    int u;

    ck_assert_int_eq(cc_setcookie_judge(ch, g, 0, "_ga1=2", 6, &e, &u), NG);
    ck_assert_ptr_nonnull(e);
    ck_assert_str_eq(e->name, "_ga*");
    ck_assert_int_eq(u, 0);
    ck_assert_int_eq(cc_setcookie_judge(ch, g, 1, "zz=1", 4, &e, &u), K);
    ck_assert_ptr_null(e);
    ck_assert_int_eq(u, 1);
    ck_assert_int_eq(cc_setcookie_judge(ch, g, 0, "zz", 2, &e, &u), UD);
    ck_assert_int_eq(u, 1);
    /* The consent cookie always has an entry, declared or not. */
    ck_assert_int_eq(cc_setcookie_judge(ch, g, 0, "cookies_preferences=1",
                                        21, &e, &u), CN);
    ck_assert_int_eq(u, 0);
    /* entry and undeclared may be NULL. */
    ck_assert_int_eq(cc_setcookie_judge(ch, g, 0, "lang=fr", 7, NULL, NULL),
                     K);
    /* Everything granted: still no CTL or consent name passes. */
    ck_assert_int_eq(cc_setcookie_judge(ch, ~(cc_mask)0, 1, "_ga=1\r", 6,
                                        NULL, NULL), MF);
    ck_assert_int_eq(cc_setcookie_judge(ch, ~(cc_mask)0, 1, "_ga=1", 5,
                                        NULL, NULL), K);
}
END_TEST

START_TEST(test_long_headers)
{
    const cc_charter *ch = cc_unit_test_charter();
    cc_mask g = test_granted(ch);
    apr_size_t n = 1 << 20, i;
    char *h = apr_palloc(cc_test_pool, n + 16);

    memcpy(h, "sessionid=", 10);
    memset(h + 10, 'a', n - 10);
    ck_assert_int_eq(cc_setcookie_judge(ch, g, 0, h, n, NULL, NULL), K);
    memcpy(h + n, ",_ga=1", 6);
    ck_assert_int_eq(cc_setcookie_judge(ch, g, 0, h, n + 6, NULL, NULL), NG);
    /* A million commas and names: linear, not quadratic. */
    for (i = 10; i + 6 < n; i += 6) {
        memcpy(h + i, ",lang=", 6);
    }
    ck_assert_int_eq(cc_setcookie_judge(ch, g, 0, h, n, NULL, NULL), K);
    h[n - 1] = '\n';
    ck_assert_int_eq(cc_setcookie_judge(ch, g, 0, h, n, NULL, NULL), MF);
}
END_TEST

START_TEST(test_setcookie_name)
{
    cc_sc_name sn;

    cc_setcookie_name(" a b =\tc d ; Path=/", 19, &sn);
    ck_assert_uint_eq(sn.name_len, 3);
    ck_assert(memcmp(sn.name, "a b", 3) == 0);
    ck_assert_uint_eq(sn.value_len, 3);
    ck_assert(memcmp(sn.value, "c d", 3) == 0);
    ck_assert_int_eq(sn.ambiguous, 0);

    cc_setcookie_name("nameless; x=y", 13, &sn);
    ck_assert_uint_eq(sn.name_len, 0);
    ck_assert_uint_eq(sn.value_len, 8);
    ck_assert(memcmp(sn.value, "nameless", 8) == 0);

    cc_setcookie_name("=v=w", 4, &sn);
    ck_assert_uint_eq(sn.name_len, 0);
    ck_assert_uint_eq(sn.value_len, 3);

    cc_setcookie_name("a;b=c", 5, &sn);
    ck_assert_uint_eq(sn.name_len, 0);
    ck_assert_uint_eq(sn.value_len, 1);

    cc_setcookie_name("a=b\0c", 5, &sn);
    ck_assert_int_eq(sn.ambiguous, 1);
    cc_setcookie_name("a=b; c=\x7f", 8, &sn);
    ck_assert_int_eq(sn.ambiguous, 1);
    cc_setcookie_name("a=b\tc", 5, &sn);
    ck_assert_int_eq(sn.ambiguous, 0);
}
END_TEST

typedef struct {
    const char *name, *value, *raw;
} pair_want;

static void check_pairs(const char *hdr, const pair_want *want, int n)
{
    const char *pos = hdr, *end = hdr + strlen(hdr);
    cc_cookie_pair pr;
    int i = 0;

    while (cc_cookie_next(&pos, end, &pr)) {
        ck_assert_msg(i < n, "%s: too many pairs", hdr);
        ck_assert_uint_eq(pr.name_len, strlen(want[i].name));
        ck_assert(memcmp(pr.name, want[i].name, pr.name_len) == 0);
        ck_assert_uint_eq(pr.value_len, strlen(want[i].value));
        ck_assert(memcmp(pr.value, want[i].value, pr.value_len) == 0);
        ck_assert_uint_eq(pr.raw_len, strlen(want[i].raw));
        ck_assert(memcmp(pr.raw, want[i].raw, pr.raw_len) == 0);
        i++;
    }
    ck_assert_msg(i == n, "%s: %d pairs, want %d", hdr, i, n);
    ck_assert_ptr_eq(pos, end);
    ck_assert(!cc_cookie_next(&pos, end, &pr));
}

START_TEST(test_cookie_next)
{
    static const pair_want two[] = {
        { "a", "1", "a=1" }, { "b", "2", "b=2" }
    };
    static const pair_want spaced[] = {
        { "a", "1", "a = 1" }, { "b", "2 3", "b=2 3" }
    };
    static const pair_want odd[] = {
        { "", "foo", "foo" }, { "", "x", "=x" }, { "c", "", "c=" },
        { "d", "e=f", "d=e=f" }, { "", "", "=" }
    };
    static const pair_want comma[] = {
        { "a", "1, b=2", "a=1, b=2" }
    };

    check_pairs("a=1; b=2", two, 2);
    check_pairs("a=1;b=2;", two, 2);
    check_pairs(";; a=1 ;;\t; b=2;;", two, 2);
    check_pairs(" a = 1 ;\tb=2 3 ", spaced, 2);
    check_pairs("foo; =x; c=; d=e=f; =", odd, 5);
    check_pairs("a=1, b=2", comma, 1);
    check_pairs("", NULL, 0);
    check_pairs(" ; ;; \t", NULL, 0);
}
END_TEST

START_TEST(test_cookie_entry)
{
    const cc_charter *ch = cc_unit_test_charter();
    static const char hdr[] = "_ga=1; lang=fr; _pk_id.1.ab=z; zz=1; "
                              "sessionid; =_ga1; =; cookies_preferences=v";
    static const char *const want[] = {
        "_ga*", "lang", "_pk_id.*", NULL, "sessionid", "_ga*", NULL,
        NULL /* consent: checked apart */
    };
    const char *pos = hdr, *end = hdr + sizeof(hdr) - 1;
    cc_cookie_pair pr;
    int i = 0;

    while (cc_cookie_next(&pos, end, &pr)) {
        const cc_cookie *e = cc_cookie_entry(ch, &pr);
        ck_assert_int_lt(i, 8);
        if (i == 7) {
            ck_assert_ptr_nonnull(e);
            ck_assert_ptr_eq(e->category, ch->consent_category);
        }
        else if (want[i] == NULL) {
            ck_assert_msg(e == NULL, "pair %d has an entry", i);
        }
        else {
            ck_assert_ptr_nonnull(e);
            ck_assert_str_eq(e->name, want[i]);
        }
        i++;
    }
    ck_assert_int_eq(i, 8);
}
END_TEST

#define EXP "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT"

static apr_array_header_t *purge(const char *name, const cc_cookie *e,
                                 const char *host, int https)
{
    apr_array_header_t *out = apr_array_make(cc_test_pool, 4,
                                             sizeof(const char *));
    cc_purge_values(cc_test_pool, name, strlen(name), e, host, https, out);
    return out;
}

static void check_purge(apr_array_header_t *got, const char *const *want,
                        int n)
{
    int i;

    for (i = 0; i < got->nelts && i < n; i++) {
        ck_assert_str_eq(APR_ARRAY_IDX(got, i, const char *), want[i]);
    }
    ck_assert_int_eq(got->nelts, n);
}

START_TEST(test_purge_parents)
{
    const cc_charter *ch = cc_unit_test_charter();
    const cc_cookie *lang = cc_charter_cookie(ch, "lang", 4);
    static const char *const http[] = {
        "lang=; Path=/" EXP,
        "lang=; Path=/; Domain=www.a.example.org" EXP,
        "lang=; Path=/; Domain=a.example.org" EXP,
        "lang=; Path=/; Domain=example.org" EXP,
    };
    static const char *const https[] = {
        "lang=; Path=/" EXP "; Secure",
        "lang=; Path=/; Domain=www.a.example.org" EXP "; Secure",
        "lang=; Path=/; Domain=a.example.org" EXP "; Secure",
        "lang=; Path=/; Domain=example.org" EXP "; Secure",
        "lang=; Path=/" EXP "; Secure; Partitioned",
    };

    check_purge(purge("lang", lang, "www.a.example.org", 0), http, 4);
    check_purge(purge("lang", lang, "www.a.example.org:8080", 0), http, 4);
    check_purge(purge("lang", lang, "WWW.A.Example.ORG", 0), http, 4);
    check_purge(purge("lang", lang, "www.a.example.org.", 0), http, 4);
    check_purge(purge("lang", NULL, "www.a.example.org", 0), http, 4);
    check_purge(purge("lang", lang, "www.a.example.org:443", 1), https, 5);
}
END_TEST

START_TEST(test_purge_hosts)
{
    static const char *const only[] = { "x=; Path=/" EXP };
    static const char *const only_s[] = {
        "x=; Path=/" EXP "; Secure", "x=; Path=/" EXP "; Secure; Partitioned"
    };
    static const char *const two[] = {
        "x=; Path=/" EXP, "x=; Path=/; Domain=example.org" EXP
    };
    static const char *const three[] = {
        "x=; Path=/" EXP, "x=; Path=/; Domain=www.example.org" EXP,
        "x=; Path=/; Domain=example.org" EXP
    };

    /* No bare TLD, no domain variants of IP literals or single labels. */
    check_purge(purge("x", NULL, "example.org", 0), two, 2);
    check_purge(purge("x", NULL, "example.org:80", 0), two, 2);
    check_purge(purge("x", NULL, "localhost", 0), only, 1);
    check_purge(purge("x", NULL, "localhost:8080", 0), only, 1);
    check_purge(purge("x", NULL, "192.0.2.10", 0), only, 1);
    check_purge(purge("x", NULL, "192.0.2.10:8443", 0), only, 1);
    check_purge(purge("x", NULL, "[2001:db8::1]:8080", 0), only, 1);
    check_purge(purge("x", NULL, "[::1]", 0), only, 1);
    check_purge(purge("x", NULL, "::1", 0), only, 1);
    check_purge(purge("x", NULL, NULL, 0), only, 1);
    check_purge(purge("x", NULL, "", 0), only, 1);
    check_purge(purge("x", NULL, "evil.org;x=y", 0), only, 1);
    check_purge(purge("x", NULL, "a..example.org", 0), only, 1);
    check_purge(purge("x", NULL, ".example.org", 0), only, 1);
    check_purge(purge("x", NULL, "[::1]:443", 1), only_s, 2);
    check_purge(purge("x", NULL, "www.example.org", 0), three, 3);
}
END_TEST

START_TEST(test_purge_entry)
{
    const cc_charter *ch = cc_unit_test_charter();
    const cc_cookie *ads = cc_charter_cookie(ch, "ads", 3);
    static const char *const deep[] = {
        "ads=; Path=/shop; Domain=.example.org" EXP "; Secure",
        "ads=; Path=/shop" EXP "; Secure",
        "ads=; Path=/shop; Domain=a.b.example.org" EXP "; Secure",
        "ads=; Path=/shop; Domain=b.example.org" EXP "; Secure",
        "ads=; Path=/shop" EXP "; Secure; Partitioned",
    };
    static const char *const shop_variants[] = {
        "ads=; Path=/shop; Domain=.example.org" EXP,
        "ads=; Path=/shop" EXP,
        "ads=; Path=/shop; Domain=shop.example.org" EXP,
    };
    static const char *const local[] = {
        "ads=; Path=/shop; Domain=.example.org" EXP,
        "ads=; Path=/shop" EXP,
    };

    ck_assert_ptr_nonnull(ads);
    /* The declared domain is not repeated as a parent. */
    check_purge(purge("ads", ads, "shop.example.org", 0), shop_variants, 3);
    check_purge(purge("ads", ads, "a.b.example.org", 1), deep, 5);
    check_purge(purge("ads", ads, "localhost", 0), local, 2);
}
END_TEST

START_TEST(test_purge_prefixes)
{
    static const char *const host_http[] = {
        "__Host-s=; Path=/" EXP "; Secure",
    };
    static const char *const host_https[] = {
        "__Host-s=; Path=/" EXP "; Secure",
        "__Host-s=; Path=/" EXP "; Secure; Partitioned",
    };
    static const char *const sec[] = {
        "__Secure-ad=; Path=/" EXP "; Secure",
        "__Secure-ad=; Path=/; Domain=www.example.org" EXP "; Secure",
        "__Secure-ad=; Path=/; Domain=example.org" EXP "; Secure",
    };
    static const char *const nameless[] = { "=-; Path=/" EXP };
    apr_array_header_t *out;

    /* __Host-: host-only, Path=/, Secure, whatever the host. */
    check_purge(purge("__Host-s", NULL, "www.example.org", 0), host_http, 1);
    check_purge(purge("__Host-s", NULL, "www.example.org", 1), host_https, 2);
    check_purge(purge("__Secure-ad", NULL, "www.example.org", 0), sec, 3);
    /* A nameless cookie is overwritten by a nameless one. */
    check_purge(purge("", NULL, "localhost", 0), nameless, 1);
    /* Names no browser stores give nothing (and no header injection). */
    out = apr_array_make(cc_test_pool, 4, sizeof(const char *));
    cc_purge_values(cc_test_pool, "a\r\nX: y", 7, NULL, "localhost", 0, out);
    cc_purge_values(cc_test_pool, "a\0b", 3, NULL, "localhost", 0, out);
    cc_purge_values(cc_test_pool, "a;b", 3, NULL, "localhost", 0, out);
    ck_assert_int_eq(out->nelts, 0);
}
END_TEST

START_TEST(test_real_charters)
{
    apr_array_header_t *chs = cc_unit_real_charters();
    int i, j;

    ck_assert_int_ge(chs->nelts, 1);

    for (i = 0; i < chs->nelts; i++) {
        const cc_charter *ch = APR_ARRAY_IDX(chs, i, const cc_charter *);
        const char *cn = ch->consent_cookie;

        ck_assert_int_eq(cc_setcookie_judge(ch, ~(cc_mask)0, 1, cn,
                                            strlen(cn), NULL, NULL), CN);
        for (j = 0; j < ch->cookies->nelts; j++) {
            const cc_cookie *k = APR_ARRAY_IDX(ch->cookies, j,
                                               const cc_cookie *);
            const char *h;
            cc_mask own = CC_MASK_BIT(k->category->index);
            cc_sc_verdict want_req;

            if (k->is_glob || strcmp(k->name, cn) == 0) {
                continue;
            }
            h = apr_pstrcat(cc_test_pool, k->name, "=1; Path=/", NULL);
            ck_assert_int_eq(cc_setcookie_judge(ch, ch->required_mask | own,
                                                0, h, strlen(h), NULL, NULL),
                             K);
            want_req = k->category->required ? K : NG;
            ck_assert_int_eq(cc_setcookie_judge(ch, ch->required_mask, 0, h,
                                                strlen(h), NULL, NULL),
                             want_req);
            h = apr_pstrcat(cc_test_pool, k->name, "=1\r", NULL);
            ck_assert_int_eq(cc_setcookie_judge(ch, ~(cc_mask)0, 1, h,
                                                strlen(h), NULL, NULL), MF);
        }
    }
}
END_TEST

Suite *suite_cookie(void)
{
    Suite *s = suite_create("cookie");
    TCase *tc = tcase_create("cookie");

    tcase_add_checked_fixture(tc, cc_unit_setup, cc_unit_teardown);
    tcase_add_test(tc, test_keep_table);
    tcase_add_test(tc, test_hostile_table);
    tcase_add_test(tc, test_entry_and_undeclared);
    tcase_add_test(tc, test_long_headers);
    tcase_add_test(tc, test_setcookie_name);
    tcase_add_test(tc, test_cookie_next);
    tcase_add_test(tc, test_cookie_entry);
    tcase_add_test(tc, test_purge_parents);
    tcase_add_test(tc, test_purge_hosts);
    tcase_add_test(tc, test_purge_entry);
    tcase_add_test(tc, test_purge_prefixes);
    tcase_add_test(tc, test_real_charters);
    suite_add_tcase(s, tc);
    return s;
}
