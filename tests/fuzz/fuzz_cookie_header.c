/* Fuzz target: the Cookie request header (cc_cookie_next, cc_cookie_entry)
 * and purge headers (cc_purge_values). The first byte picks the request's
 * host and scheme; with its bit 7 set, the rest of the input is the Host
 * header itself (purging "lang"). Invariants: the iterator always
 * advances within the buffer, pairs are trimmed and hold no ';'; every
 * purge header expires, holds no CTL, and a __Host- one has no Domain. */
#include "fuzz_common.h"
#include "cc_cookie.h"

#define IS_WSP(c) ((c) == ' ' || (c) == '\t')
#define EXPIRE "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT"

static const char *const hosts[] = {
    "www.a.example.org", "example.org:8443", "localhost", "192.0.2.1",
    "[2001:db8::1]:443", "shop.example.org", "A.B.C.D.E.example.ORG.", "",
};

static void check_purge(const apr_array_header_t *out, const char *name,
                        size_t name_len)
{
    int i;

    for (i = 0; i < out->nelts; i++) {
        const char *h = APR_ARRAY_IDX(out, i, const char *);
        const char *c;

        CC_FUZZ_CHECK(strstr(h, EXPIRE) != NULL);
        for (c = h; *c; c++) {
            CC_FUZZ_CHECK(((unsigned char)*c >= 0x20 || *c == '\t')
                          && *c != 0x7F);
        }
        if (name_len > 0) {
            CC_FUZZ_CHECK(strncmp(h, name, name_len) == 0
                          && h[name_len] == '=');
        }
        if (name_len >= 7 && strncasecmp(name, "__Host-", 7) == 0) {
            CC_FUZZ_CHECK(strstr(h, "; Domain=") == NULL);
            CC_FUZZ_CHECK(strstr(h, "; Path=/;") != NULL);
            CC_FUZZ_CHECK(strstr(h, "; Secure") != NULL);
        }
        if (strstr(h, "; Partitioned") != NULL) {
            CC_FUZZ_CHECK(strstr(h, "; Secure") != NULL);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const cc_charter *ch;
    apr_pool_t *p;
    const char *pos, *end;
    cc_cookie_pair pr;
    apr_array_header_t *out;
    const char *host;
    int https, n = 0;

    if (size < 1) {
        return 0;
    }
    cc_fuzz_init();
    ch = cc_fuzz_charter;
    p = cc_fuzz_pool();
    https = data[0] & 8;
    out = apr_array_make(p, 8, sizeof(const char *));

    if (data[0] & 0x80) {
        host = cc_fuzz_cstr(p, data + 1, size - 1);
        cc_purge_values(p, "lang", 4, cc_charter_cookie(ch, "lang", 4), host,
                        https, out);
        CC_FUZZ_CHECK(out->nelts >= 1 && out->nelts <= 130);
        check_purge(out, "lang", 4);
        apr_pool_destroy(p);
        return 0;
    }

    host = hosts[data[0] & 7];
    pos = (const char *)data + 1;
    end = (const char *)data + size;
    while (cc_cookie_next(&pos, end, &pr)) {
        const char *before = pos;
        const cc_cookie *e;

        n++;
        CC_FUZZ_CHECK(n <= (int)size);
        CC_FUZZ_CHECK(pr.raw >= (const char *)data + 1
                      && pr.raw + pr.raw_len <= end && pr.raw_len > 0);
        CC_FUZZ_CHECK(pos <= end);
        CC_FUZZ_CHECK(memchr(pr.raw, ';', pr.raw_len) == NULL);
        CC_FUZZ_CHECK(!IS_WSP(pr.raw[0]) && !IS_WSP(pr.raw[pr.raw_len - 1]));
        CC_FUZZ_CHECK(pr.name >= pr.raw
                      && pr.name + pr.name_len <= pr.raw + pr.raw_len);
        CC_FUZZ_CHECK(pr.value >= pr.raw
                      && pr.value + pr.value_len <= pr.raw + pr.raw_len);
        CC_FUZZ_CHECK(memchr(pr.name, '=', pr.name_len) == NULL);
        CC_FUZZ_CHECK(pr.name_len == 0
                      || (!IS_WSP(pr.name[0])
                          && !IS_WSP(pr.name[pr.name_len - 1])));
        e = cc_cookie_entry(ch, &pr);
        if (e != NULL) {
            CC_FUZZ_CHECK(e->category != NULL);
        }
        apr_array_clear(out);
        cc_purge_values(p, pr.name, pr.name_len, e, host, https, out);
        check_purge(out, pr.name, pr.name_len);
        (void)before;
    }
    CC_FUZZ_CHECK(pos == end);
    apr_pool_destroy(p);
    return 0;
}
