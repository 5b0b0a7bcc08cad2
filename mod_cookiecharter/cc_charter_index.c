/* The charter's look-up index, built once after loading: exact cookie
 * names in a hash, globs grouped by their literal prefix (so a name only
 * meets the globs whose prefix it starts with), hosts in a hash walked
 * from the most specific name up. Also the checks that span cookies,
 * which use the same index to stay fast on large charters. */
#include <stdlib.h>
#include <string.h>

#include <apr_hash.h>
#include <apr_lib.h>
#include <apr_strings.h>

#include "cc_charter_int.h"
#include "cc_glob.h"
#include "cc_util.h"

typedef struct {
    const cc_cookie *c;
    int order;                  /* position in ch->cookies */
} glob_ref;

typedef struct {
    int n;
    const glob_ref *v;          /* in charter order */
} glob_list;

struct host_slot;

struct cc_lookup {
    apr_hash_t *cats;           /* id -> cc_category * */
    apr_hash_t *exact;          /* name -> cc_cookie * (the first one) */
    apr_hash_t *globs;          /* literal prefix -> glob_list * */
    int nprefix;
    const apr_size_t *prefix_lens;  /* distinct prefix lengths, ascending */
    struct host_slot *slots;    /* rule hosts, open addressing */
    apr_size_t mask;            /* slots - 1 */
    int nhosts;
    unsigned char lens[32];     /* bit set: the rule hosts' lengths */
    unsigned char hmap[256];    /* a host byte lowercase, 0: to decode */
    const cc_host_rule **own;   /* rules of the site's own host */
    int nown;
};

static apr_size_t literal_prefix(const char *glob)
{
    return strcspn(glob, "*?");
}

/* Calls fn for each glob that matches name, in charter order within a
 * prefix group (groups by prefix length). Stops when fn returns 0. */
static void each_matching_glob(const cc_lookup *lk, const char *name,
                               apr_size_t len,
                               int (*fn)(void *, const glob_ref *),
                               void *baton)
{
    int i, j;

    for (i = 0; i < lk->nprefix && lk->prefix_lens[i] <= len; i++) {
        const glob_list *gl = apr_hash_get(lk->globs, name, lk->prefix_lens[i]);

        if (!gl) {
            continue;
        }
        for (j = 0; j < gl->n; j++) {
            if (cc_glob_match(gl->v[j].c->name, name, len)
                && !fn(baton, &gl->v[j])) {
                return;
            }
        }
    }
}

const cc_category *cc_charter_category(const cc_charter *ch, const char *id,
                                       apr_size_t len)
{
    if (!ch || !ch->lookup || !id) {
        return NULL;
    }
    return apr_hash_get(ch->lookup->cats, id, (apr_ssize_t)len);
}

const cc_cookie *cc_charter_cookie(const cc_charter *ch, const char *name,
                                   apr_size_t len)
{
    const cc_lookup *lk;
    const cc_cookie *c;
    const glob_ref *best = NULL;
    int i, j;

    if (!ch || !ch->lookup || !name) {
        return NULL;
    }
    lk = ch->lookup;
    if ((c = apr_hash_get(lk->exact, name, (apr_ssize_t)len))) {
        return c;
    }
    /* The first matching glob in charter order: within a prefix group the
     * first match is the group's best; compare across groups. */
    for (i = 0; i < lk->nprefix && lk->prefix_lens[i] <= len; i++) {
        const glob_list *gl = apr_hash_get(lk->globs, name, lk->prefix_lens[i]);

        if (!gl) {
            continue;
        }
        for (j = 0; j < gl->n && (!best || gl->v[j].order < best->order); j++) {
            if (cc_glob_match(gl->v[j].c->name, name, len)) {
                best = &gl->v[j];
                break;
            }
        }
    }
    return best ? best->c : NULL;
}

/* ---- URLs against hosts ----
 *
 * A URL is read in place, as browsers read it: C0 controls and spaces
 * trimmed at both ends, tabs and newlines inside ignored, '\' taken as
 * '/'. Hosts are matched through an open-addressing table keyed by a hash
 * taken from the host's last byte backwards, so that one walk from the
 * right end meets each parent domain's hash on the way. */

#define CC_HOST_BUF 2048        /* a decoded host longer cannot resolve */

struct host_slot {
    apr_uint32_t hash;
    apr_size_t len;             /* 0: empty slot */
    const char *host;           /* lowercase */
    int n;
    const cc_host_rule *const *v;   /* in charter order */
};

#define HASH_STEP(h, c) (((h) ^ (unsigned char)(c)) * 16777619u)
#define HASH_INIT 2166136261u

static int url_char_skipped(char c)
{
    return c == '\t' || c == '\n' || c == '\r';
}

static int url_slash(char c)
{
    return c == '/' || c == '\\';
}

/* The raw path [p, end) starts with rp[0..rlen), tabs and newlines
 * ignored and '\' read as '/'. Rule paths hold no '?', '#' or NUL, so the
 * query, the fragment and a NUL end the comparison by themselves. */
static int path_has_prefix(const char *p, const char *end, const char *rp,
                           apr_size_t rlen)
{
    apr_size_t j = 0;

    while (j < rlen) {
        char c;

        if (p == end) {
            return 0;
        }
        c = *p++;
        if (c == '\\') {
            c = '/';
        }
        else if (url_char_skipped(c)) {
            continue;
        }
        if (c != rp[j]) {
            return 0;
        }
        j++;
    }
    return 1;
}

/* Own-host rules on an absolute path (rel 0), or on a relative one taken
 * from the root (rel 1), so that a path rule holds back more rather than
 * less. */
static const cc_category *own_host_rules(const cc_lookup *lk, const char *p,
                                         const char *end, int rel)
{
    int i;

    for (i = 0; i < lk->nown; i++) {
        const cc_host_rule *r = lk->own[i];

        if (path_has_prefix(p, end, r->path + rel, r->path_len - rel)) {
            return r->category;
        }
    }
    return NULL;
}

/* host[0..hlen) equal to own_host without its port, ignoring case and a
 * trailing dot. */
static int is_own_host(const char *host, apr_size_t hlen, const char *own)
{
    apr_size_t k;
    const char *rest;

    if (!own) {
        return 0;
    }
    for (k = 0; k < hlen; k++) {
        unsigned char a = (unsigned char)host[k], b = (unsigned char)own[k];

        if (b == '\0' || CC_LOWER(a) != CC_LOWER(b)) {
            return 0;
        }
    }
    rest = own + hlen;
    if (*rest == '.') {
        rest++;
    }
    /* A bracketed literal ends at its ']'; a name at its port. */
    return *rest == '\0'
           || (*rest == ':'
               && (own[0] != '[' || (hlen > 0 && host[hlen - 1] == ']')));
}

/* Walks host[0..hlen) from its right end: each suffix that starts the
 * host or follows a dot is looked up, and the most specific one holding a
 * rule that matches the path wins. Strict, returns 0 without a result
 * when the host holds a byte that needs decoding (see decode_host);
 * otherwise such bytes only keep the suffixes holding them from matching. */
static int match_host(const cc_lookup *lk, const char *host, apr_size_t hlen,
                      int strict, const char *path, const char *end,
                      const cc_category **out)
{
    apr_uint32_t h = HASH_INIT;
    apr_size_t i = hlen;

    *out = NULL;
    while (i > 0) {
        unsigned char c = lk->hmap[(unsigned char)host[--i]];
        apr_size_t len = hlen - i;

        if (c == 0) {
            if (strict) {
                return 0;
            }
            c = (unsigned char)host[i];
        }
        h = HASH_STEP(h, c);
        if ((i == 0 || host[i - 1] == '.') && len < 256
            && (lk->lens[len >> 3] & (1u << (len & 7)))) {
            apr_size_t s = h & lk->mask;

            for (; lk->slots[s].len; s = (s + 1) & lk->mask) {
                const struct host_slot *sl = &lk->slots[s];
                int k;

                if (sl->hash != h || sl->len != len
                    || cc_strncasecmp(host + i, sl->host, len) != 0) {
                    continue;
                }
                for (k = 0; k < sl->n; k++) {
                    const cc_host_rule *r = sl->v[k];

                    if (!r->path || path_has_prefix(path, end, r->path,
                                                    r->path_len)) {
                        *out = r->category;
                        break;
                    }
                }
                break;
            }
        }
    }
    return 1;
}

/* UTF-8 at s[0..n): the code point and its length, or -1 when invalid. */
static long utf8_next(const unsigned char *s, apr_size_t n, apr_size_t *len)
{
    long cp;
    apr_size_t k, l;

    if (s[0] < 0xc2 || s[0] > 0xf4) {
        return -1;
    }
    l = s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
    if (l > n) {
        return -1;
    }
    cp = s[0] & (0x3f >> (l - 1));
    for (k = 1; k < l; k++) {
        if ((s[k] & 0xc0) != 0x80) {
            return -1;
        }
        cp = (cp << 6) | (s[k] & 0x3f);
    }
    *len = l;
    return cp;
}

/* The ASCII a browser's host parser (UTS #46) maps a code point to, for
 * those that map to letters, digits, '-' or '.': what could turn into one
 * of the charter's hosts. "" when the code point is ignored, NULL when it
 * maps to nothing ASCII. Ignoring too much only holds back more. */
static const char *uts46_ascii(long cp, char *one)
{
    static const char *const lig[] = {
        "ff", "fi", "fl", "ffi", "ffl", "st", "st"
    };

    one[1] = '\0';
    if (cp >= 0xff01 && cp <= 0xff5e) {             /* fullwidth forms */
        one[0] = (char)CC_LOWER(cp - 0xfee0);
    }
    else if (cp == 0x3002 || cp == 0xff61) {        /* ideographic dots */
        one[0] = '.';
    }
    else if (cp == 0xad || cp == 0x34f || (cp >= 0x180b && cp <= 0x180f)
             || (cp >= 0x200b && cp <= 0x200d) || cp == 0x2060
             || (cp >= 0xfe00 && cp <= 0xfe0f) || cp == 0xfeff) {
        return "";
    }
    else if (cp == 0x212a) {                        /* Kelvin sign */
        one[0] = 'k';
    }
    else if (cp == 0x17f) {                         /* long s */
        one[0] = 's';
    }
    else if (cp == 0xaa || cp == 0xba) {
        one[0] = cp == 0xaa ? 'a' : 'o';
    }
    else if (cp == 0xb9 || cp == 0xb2 || cp == 0xb3) {
        one[0] = cp == 0xb9 ? '1' : (char)('0' + (cp - 0xb0));
    }
    else if (cp == 0x2070 || (cp >= 0x2074 && cp <= 0x2079)) {
        one[0] = (char)('0' + (cp - 0x2070));
    }
    else if (cp >= 0x2080 && cp <= 0x2089) {
        one[0] = (char)('0' + (cp - 0x2080));
    }
    else if (cp >= 0x24b6 && cp <= 0x24e9) {        /* circled letters */
        one[0] = (char)('a' + (cp - 0x24b6) % 26);
    }
    else if (cp >= 0x1d400 && cp <= 0x1d6a3) {      /* mathematical letters */
        one[0] = (char)('a' + (cp - 0x1d400) % 52 % 26);
    }
    else if (cp >= 0x1d7ce && cp <= 0x1d7ff) {      /* mathematical digits */
        one[0] = (char)('0' + (cp - 0x1d7ce) % 10);
    }
    else if (cp >= 0xfb00 && cp <= 0xfb06) {        /* Latin ligatures */
        return lig[cp - 0xfb00];
    }
    else {
        return NULL;
    }
    return one;
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0'
           : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10
           : -1;
}

/* The host as a browser resolves it: tabs and newlines dropped,
 * percent-escapes decoded, then the UTS #46 mappings to ASCII, lowercase,
 * one trailing dot dropped. Returns its length in out, or -1 when it is
 * too long to resolve. */
static apr_ssize_t decode_host(const char *raw, apr_size_t n, char *out)
{
    unsigned char dec[CC_HOST_BUF];
    apr_size_t i, d = 0, o = 0;

    for (i = 0; i < n; i++) {
        char c = raw[i];
        int hi, lo;

        if (url_char_skipped(c)) {
            continue;
        }
        if (d == sizeof(dec)) {
            return -1;
        }
        if (c == '%' && i + 2 < n
            && (hi = hexval(raw[i + 1])) >= 0
            && (lo = hexval(raw[i + 2])) >= 0) {
            dec[d++] = (unsigned char)(hi * 16 + lo);
            i += 2;
        }
        else {
            dec[d++] = (unsigned char)c;
        }
    }
    for (i = 0; i < d; ) {
        char one[2];
        const char *m;
        apr_size_t l = 1, ml;
        long cp = dec[i] < 0x80 ? -1 : utf8_next(dec + i, d - i, &l);

        if (dec[i] < 0x80) {
            one[0] = (char)CC_LOWER(dec[i]);
            one[1] = '\0';
            m = one;
        }
        else if (cp < 0 || !(m = uts46_ascii(cp, one))) {
            m = NULL;
        }
        if (m) {
            ml = strlen(m);
        }
        else {
            m = (const char *)dec + i;
            ml = l;
        }
        if (o + ml > CC_HOST_BUF) {
            return -1;
        }
        memcpy(out + o, m, ml);
        o += ml;
        i += l;
    }
    if (o > 0 && out[o - 1] == '.') {
        o--;
    }
    return (apr_ssize_t)o;
}

const cc_category *cc_charter_url_category(const cc_charter *ch,
                                           const char *url, apr_size_t len,
                                           const char *own_host)
{
    const cc_lookup *lk;
    const cc_category *cat;
    const char *end;
    apr_size_t i = 0, k, s, hs, he, ps;
    char hbuf[CC_HOST_BUF];
    const char *host;
    apr_size_t hlen;

    if (!ch || !ch->lookup || !url) {
        return NULL;
    }
    lk = ch->lookup;
    if (lk->nhosts == 0 && lk->nown == 0) {
        return NULL;            /* no host rules at all */
    }
    while (len > 0 && (unsigned char)url[len - 1] <= 0x20) {
        len--;
    }
    while (i < len && (unsigned char)url[i] <= 0x20) {
        i++;
    }
    url += i;
    len -= i;
    end = url + len;

    /* A scheme? Only http(s) fetches from a host; data:, blob:,
     * javascript: and the like hold nothing back. */
    if (len > 0 && (url[0] | 0x20) >= 'a' && (url[0] | 0x20) <= 'z') {
        char sch[6];
        apr_size_t n = 0;

        for (k = 0; k < len; k++) {
            char c = url[k];

            if (url_char_skipped(c)) {
                continue;
            }
            if (!(apr_isalnum(c) || c == '+' || c == '-' || c == '.')) {
                break;
            }
            if (n < sizeof(sch)) {
                sch[n] = (char)CC_LOWER((unsigned char)c);
            }
            n++;
        }
        if (k < len && url[k] == ':') {
            if (!((n == 4 && memcmp(sch, "http", 4) == 0)
                  || (n == 5 && memcmp(sch, "https", 5) == 0))) {
                return NULL;
            }
            s = k + 1;
            goto authority;
        }
    }
    /* Scheme-relative: two slashes, maybe with tabs between. */
    if (len > 0 && url_slash(url[0])) {
        for (k = 1; k < len && url_char_skipped(url[k]); k++) {
        }
        if (k < len && url_slash(url[k])) {
            s = k + 1;
            goto authority;
        }
    }
    /* A path on the own host. */
    if (lk->nown == 0) {
        return NULL;
    }
    return own_host_rules(lk, url, end, !(len > 0 && url_slash(url[0])));

authority:
    while (s < len && (url_slash(url[s]) || url_char_skipped(url[s]))) {
        s++;
    }
    /* The authority ends at a slash, '?', '#' (or a NUL); the host
     * follows its last '@'. */
    hs = s;
    for (ps = s; ps < len; ps++) {
        char c = url[ps];

        if (url_slash(c) || c == '?' || c == '#' || c == '\0') {
            break;
        }
        if (c == '@') {
            hs = ps + 1;
        }
    }
    he = ps;
    if (hs < he && url[hs] == '[') {
        const char *rb = memchr(url + hs, ']', he - hs);
        he = rb ? (apr_size_t)(rb - url) + 1 : he;
    }
    else {
        const char *colon = memchr(url + hs, ':', he - hs);
        if (colon) {
            he = (apr_size_t)(colon - url);
        }
    }
    host = url + hs;
    hlen = he - hs;
    if (hlen > 0 && host[hlen - 1] == '.') {
        hlen--;
    }
    if (!match_host(lk, host, hlen, 1, url + ps, end, &cat)) {
        apr_ssize_t dl = decode_host(url + hs, he - hs, hbuf);

        if (dl < 0) {
            return NULL;
        }
        host = hbuf;
        hlen = (apr_size_t)dl;
        match_host(lk, host, hlen, 0, url + ps, end, &cat);
    }
    if (cat) {
        return cat;
    }
    if (lk->nown > 0 && is_own_host(host, hlen, own_host)) {
        return own_host_rules(lk, url + ps, end, 0);
    }
    return NULL;
}

const char *cc_charter_join_ids(apr_pool_t *p, const cc_charter *ch,
                                cc_mask mask, const char *sep)
{
    apr_size_t seplen = strlen(sep), total = 0;
    char *out, *o;
    int i, any = 0;

    mask &= ch->optional_mask;
    if (mask == ch->optional_mask && ch->optional_ids && sep[0] == '+'
        && sep[1] == '\0') {
        return ch->optional_ids;
    }
    for (i = 0; i < ch->categories->nelts; i++) {
        if (mask & CC_MASK_BIT(i)) {
            total += strlen(APR_ARRAY_IDX(ch->categories, i, cc_category *)->id)
                     + seplen;
        }
    }
    if (total == 0) {
        return "-";
    }
    o = out = apr_palloc(p, total + 1);
    for (i = 0; i < ch->categories->nelts; i++) {
        if (mask & CC_MASK_BIT(i)) {
            const char *id = APR_ARRAY_IDX(ch->categories, i, cc_category *)->id;
            apr_size_t l = strlen(id);
            if (any) {
                memcpy(o, sep, seplen);
                o += seplen;
            }
            memcpy(o, id, l);
            o += l;
            any = 1;
        }
    }
    *o = '\0';
    return out;
}

/* ---- Building and the checks that span cookies ---- */

typedef struct {
    const cc_charter *ch;
    const cc_charter_pos *pos;
    cc_charter_err_fn *err;
    void *baton;
    apr_pool_t *ptemp;
    const cc_cookie *c;         /* the exact cookie being checked */
    int order;
    int nerr;
    char *reported;             /* by cookie order: a glob said once */
} check_ctx;

static int exact_vs_glob(void *baton, const glob_ref *g)
{
    check_ctx *x = baton;

    if (g->c->category == x->c->category) {
        return 1;
    }
    if (x->order > g->order) {
        x->err(x->baton, x->pos[x->order], apr_psprintf(x->ptemp,
               "cookie '%s' of category '%s' is also matched by '%s' of "
               "category '%s' (line %d): a name can belong to one category "
               "only", x->c->name, x->c->category->id, g->c->name,
               g->c->category->id, x->pos[g->order].line));
    }
    else if (!x->reported[g->order]) {
        x->reported[g->order] = 1;
        x->err(x->baton, x->pos[g->order], apr_psprintf(x->ptemp,
               "cookie glob '%s' of category '%s' also matches '%s' of "
               "category '%s' (line %d): a name can belong to one category "
               "only", g->c->name, g->c->category->id, x->c->name,
               x->c->category->id, x->pos[x->order].line));
    }
    x->nerr++;
    return 0;
}

static int consent_vs_glob(void *baton, const glob_ref *g)
{
    check_ctx *x = baton;

    if (g->c->category->required) {
        return 1;
    }
    x->err(x->baton, x->pos[g->order], apr_psprintf(x->ptemp,
           "cookie glob '%s' of optional category '%s' matches the consent "
           "cookie '%s', which belongs to the first required category",
           g->c->name, g->c->category->id, x->ch->consent_cookie));
    x->nerr++;
    return 0;
}

static int cmp_size(const void *a, const void *b)
{
    apr_size_t x = *(const apr_size_t *)a, y = *(const apr_size_t *)b;

    return x < y ? -1 : x > y;
}

/* The host table and the own-host rules, in charter order. */
static void build_hosts(const cc_charter *ch, cc_lookup *lk, apr_pool_t *p,
                        apr_pool_t *ptemp)
{
    apr_hash_t *byhost = apr_hash_make(ptemp);  /* host -> array of rules */
    apr_array_header_t *own = apr_array_make(ptemp, 4,
                                             sizeof(const cc_host_rule *));
    apr_hash_index_t *hi;
    apr_size_t nslots = 8;
    int i, k;

    for (i = 0; i < ch->categories->nelts; i++) {
        const cc_category *cat = APR_ARRAY_IDX(ch->categories, i, cc_category *);

        for (k = 0; k < cat->hosts->nelts; k++) {
            const cc_host_rule *r = &APR_ARRAY_IDX(cat->hosts, k, cc_host_rule);
            apr_array_header_t *a;

            if (!r->host) {
                APR_ARRAY_PUSH(own, const cc_host_rule *) = r;
                continue;
            }
            a = apr_hash_get(byhost, r->host, APR_HASH_KEY_STRING);
            if (!a) {
                a = apr_array_make(ptemp, 1, sizeof(const cc_host_rule *));
                apr_hash_set(byhost, r->host, APR_HASH_KEY_STRING, a);
            }
            APR_ARRAY_PUSH(a, const cc_host_rule *) = r;
        }
    }
    lk->nown = own->nelts;
    lk->own = apr_pmemdup(p, own->elts,
                          own->nelts * sizeof(const cc_host_rule *) + 1);

    lk->nhosts = (int)apr_hash_count(byhost);
    while (nslots < 2 * (apr_size_t)lk->nhosts) {
        nslots *= 2;
    }
    lk->slots = apr_pcalloc(p, nslots * sizeof(*lk->slots));
    lk->mask = nslots - 1;
    for (hi = apr_hash_first(ptemp, byhost); hi; hi = apr_hash_next(hi)) {
        const void *key;
        apr_ssize_t klen;
        void *val;
        const apr_array_header_t *a;
        const char *host;
        apr_uint32_t h = HASH_INIT;
        apr_size_t len, s;

        apr_hash_this(hi, &key, &klen, &val);
        host = key;
        a = val;
        len = strlen(host);
        for (s = len; s > 0; s--) {
            h = HASH_STEP(h, host[s - 1]);
        }
        for (s = h & lk->mask; lk->slots[s].len; s = (s + 1) & lk->mask) {
        }
        lk->slots[s].hash = h;
        lk->slots[s].len = len;
        lk->slots[s].host = host;
        lk->slots[s].n = a->nelts;
        lk->slots[s].v = apr_pmemdup(p, a->elts,
                                     a->nelts * sizeof(const cc_host_rule *));
        if (len < 256) {
            lk->lens[len >> 3] |= (unsigned char)(1u << (len & 7));
        }
    }
    for (i = 0; i < 256; i++) {
        lk->hmap[i] = (i >= 0x80 || i == '%' || i == '\0'
                       || url_char_skipped((char)i))
                      ? 0 : (unsigned char)CC_LOWER(i);
    }
}

int cc_charter_index_build(cc_charter *ch, apr_pool_t *p, apr_pool_t *ptemp,
                           const cc_charter_pos *name_pos,
                           cc_charter_err_fn *err, void *baton)
{
    cc_lookup *lk = apr_pcalloc(p, sizeof(*lk));
    apr_hash_t *first_order = apr_hash_make(ptemp);   /* name -> int * */
    apr_hash_t *building = apr_hash_make(ptemp);      /* prefix -> array */
    apr_array_header_t *globs = apr_array_make(ptemp, 16, sizeof(glob_ref));
    apr_array_header_t *lens = apr_array_make(ptemp, 8, sizeof(apr_size_t));
    apr_hash_index_t *hi;
    check_ctx x;
    const cc_cookie *consent;
    int i, j;

    memset(&x, 0, sizeof(x));
    x.ch = ch;
    x.pos = name_pos;
    x.err = err;
    x.baton = baton;
    x.ptemp = ptemp;

    lk->cats = apr_hash_make(p);
    lk->exact = apr_hash_make(p);
    lk->globs = apr_hash_make(p);
    ch->lookup = lk;

    for (i = 0; i < ch->categories->nelts; i++) {
        const cc_category *cat = APR_ARRAY_IDX(ch->categories, i, cc_category *);

        apr_hash_set(lk->cats, cat->id, APR_HASH_KEY_STRING, cat);
    }
    build_hosts(ch, lk, p, ptemp);

    /* Exact names; the same name in two categories is an error, in one
     * category the first entry wins. */
    for (i = 0; i < ch->cookies->nelts; i++) {
        const cc_cookie *c = APR_ARRAY_IDX(ch->cookies, i, cc_cookie *);

        if (c->is_glob) {
            glob_ref *g = &APR_ARRAY_PUSH(globs, glob_ref);
            apr_size_t pl = literal_prefix(c->name);
            apr_array_header_t *b = apr_hash_get(building, c->name, pl);

            g->c = c;
            g->order = i;
            if (!b) {
                b = apr_array_make(ptemp, 2, sizeof(glob_ref));
                apr_hash_set(building, c->name, pl, b);
                APR_ARRAY_PUSH(lens, apr_size_t) = pl;
            }
            APR_ARRAY_PUSH(b, glob_ref) = *g;
        }
        else {
            const cc_cookie *prev = apr_hash_get(lk->exact, c->name,
                                                 APR_HASH_KEY_STRING);
            if (!prev) {
                int *o = apr_palloc(ptemp, sizeof(*o));
                *o = i;
                apr_hash_set(lk->exact, c->name, APR_HASH_KEY_STRING, c);
                apr_hash_set(first_order, c->name, APR_HASH_KEY_STRING, o);
            }
            else if (prev->category != c->category) {
                const int *o = apr_hash_get(first_order, c->name,
                                            APR_HASH_KEY_STRING);
                err(baton, name_pos[i], apr_psprintf(ptemp,
                    "cookie '%s' of category '%s' is already declared in "
                    "category '%s' (line %d): a name can belong to one "
                    "category only", c->name, c->category->id,
                    prev->category->id, name_pos[*o].line));
                x.nerr++;
            }
        }
    }

    /* Freeze the glob groups. The prefix keys point into the cookies'
     * names, which live in p. */
    for (hi = apr_hash_first(ptemp, building); hi; hi = apr_hash_next(hi)) {
        const void *key;
        apr_ssize_t klen;
        void *val;
        apr_array_header_t *b;
        glob_list *gl = apr_palloc(p, sizeof(*gl));

        apr_hash_this(hi, &key, &klen, &val);
        b = val;
        gl->n = b->nelts;
        gl->v = apr_pmemdup(p, b->elts, b->nelts * sizeof(glob_ref));
        apr_hash_set(lk->globs, key, klen, gl);
    }
    qsort(lens->elts, lens->nelts, sizeof(apr_size_t), cmp_size);
    lk->nprefix = lens->nelts;
    lk->prefix_lens = apr_pmemdup(p, lens->elts,
                                  lens->nelts * sizeof(apr_size_t) + 1);

    /* Glob against glob: pairwise, globs are few. */
    for (j = 1; j < globs->nelts; j++) {
        const glob_ref *b = &APR_ARRAY_IDX(globs, j, glob_ref);
        for (i = 0; i < j; i++) {
            const glob_ref *a = &APR_ARRAY_IDX(globs, i, glob_ref);
            if (a->c->category != b->c->category
                && cc_glob_overlap(a->c->name, b->c->name)) {
                err(baton, name_pos[b->order], apr_psprintf(ptemp,
                    "cookie glob '%s' of category '%s' overlaps '%s' of "
                    "category '%s' (line %d): some names would match both",
                    b->c->name, b->c->category->id, a->c->name,
                    a->c->category->id, name_pos[a->order].line));
                x.nerr++;
                break;
            }
        }
    }

    /* Exact against glob: each name meets only the globs whose literal
     * prefix it starts with. */
    if (globs->nelts > 0) {
        x.reported = apr_pcalloc(ptemp, ch->cookies->nelts);
        for (i = 0; i < ch->cookies->nelts; i++) {
            const cc_cookie *c = APR_ARRAY_IDX(ch->cookies, i, cc_cookie *);

            if (c->is_glob || apr_hash_get(lk->exact, c->name,
                                           APR_HASH_KEY_STRING) != c) {
                continue;
            }
            x.c = c;
            x.order = i;
            each_matching_glob(lk, c->name, strlen(c->name), exact_vs_glob, &x);
        }
    }

    /* The consent cookie belongs to the first required category. */
    consent = apr_hash_get(lk->exact, ch->consent_cookie, APR_HASH_KEY_STRING);
    if (consent && !consent->category->required) {
        const int *o = apr_hash_get(first_order, ch->consent_cookie,
                                    APR_HASH_KEY_STRING);
        err(baton, name_pos[*o], apr_psprintf(ptemp,
            "the consent cookie '%s' is declared in optional category '%s': "
            "it belongs to the first required category",
            ch->consent_cookie, consent->category->id));
        x.nerr++;
    }
    else if (!consent) {
        x.ch = ch;
        each_matching_glob(lk, ch->consent_cookie, strlen(ch->consent_cookie),
                           consent_vs_glob, &x);
        if (ch->consent_category) {
            cc_cookie *imp = apr_pcalloc(p, sizeof(*imp));

            imp->name = ch->consent_cookie;
            imp->category = ch->consent_category;
            imp->path = "/";
            imp->declared = 0;
            apr_hash_set(lk->exact, imp->name, APR_HASH_KEY_STRING, imp);
        }
    }
    return x.nerr;
}
