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

#define CC_URL_COPY 2048

typedef struct {
    const cc_cookie *c;
    int order;                  /* position in ch->cookies */
} glob_ref;

typedef struct {
    int n;
    const glob_ref *v;          /* in charter order */
} glob_list;

struct cc_lookup {
    apr_hash_t *cats;           /* id -> cc_category * */
    apr_hash_t *exact;          /* name -> cc_cookie * (the first one) */
    apr_hash_t *globs;          /* literal prefix -> glob_list * */
    int nprefix;
    const apr_size_t *prefix_lens;  /* distinct prefix lengths, ascending */
    apr_hash_t *hosts;          /* host -> apr_array of cc_host_rule * */
    apr_array_header_t *own;    /* cc_host_rule * of the site's own host */
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

/* ---- URLs against hosts ---- */

static int url_char_skipped(char c)
{
    return c == '\t' || c == '\n' || c == '\r';
}

static const cc_category *own_host_rules(const cc_lookup *lk,
                                         const char *path, apr_size_t plen)
{
    int i;

    for (i = 0; i < lk->own->nelts; i++) {
        const cc_host_rule *r = APR_ARRAY_IDX(lk->own, i, const cc_host_rule *);
        if (plen >= r->path_len && memcmp(path, r->path, r->path_len) == 0) {
            return r->category;
        }
    }
    return NULL;
}

/* host[0..hlen) equal to own_host without its port, ignoring case and a
 * trailing dot. */
static int is_own_host(const char *host, apr_size_t hlen, const char *own)
{
    apr_size_t olen;

    if (!own) {
        return 0;
    }
    olen = strcspn(own, ":");
    if (own[0] == '[') {
        const char *rb = strchr(own, ']');
        olen = rb ? (apr_size_t)(rb - own) + 1 : strlen(own);
    }
    if (olen > 0 && own[olen - 1] == '.') {
        olen--;
    }
    return olen == hlen && cc_strncasecmp(host, own, hlen) == 0;
}

const cc_category *cc_charter_url_category(const cc_charter *ch,
                                           const char *url, apr_size_t len,
                                           const char *own_host)
{
    char buf[CC_URL_COPY + 2];
    const cc_lookup *lk;
    apr_size_t n = 0, i = 0, s, hs, he, ps, pe;
    const char *host;

    if (!ch || !ch->lookup || !url) {
        return NULL;
    }
    lk = ch->lookup;
    /* As browsers do: trim C0 controls and spaces at both ends, drop tabs
     * and newlines inside, read '\' as '/'. */
    while (len > 0 && (unsigned char)url[len - 1] <= 0x20) {
        len--;
    }
    while (i < len && (unsigned char)url[i] <= 0x20) {
        i++;
    }
    for (; i < len && n < CC_URL_COPY; i++) {
        if (!url_char_skipped(url[i])) {
            buf[n++] = url[i] == '\\' ? '/' : url[i];
        }
    }
    buf[n] = '\0';

    /* A scheme? Only http(s) fetches from a host; data:, blob:,
     * javascript: and the like hold nothing back. */
    s = 0;
    if (n > 0 && ((buf[0] | 0x20) >= 'a' && (buf[0] | 0x20) <= 'z')) {
        apr_size_t k = 1;
        while (k < n && (apr_isalnum(buf[k]) || buf[k] == '+' || buf[k] == '-'
                         || buf[k] == '.')) {
            k++;
        }
        if (k < n && buf[k] == ':') {
            if (!((k == 4 && cc_strncasecmp(buf, "http", 4) == 0)
                  || (k == 5 && cc_strncasecmp(buf, "https", 5) == 0))) {
                return NULL;
            }
            s = k + 1;
            while (s < n && buf[s] == '/') {
                s++;
            }
            goto authority;
        }
    }
    if (n >= 2 && buf[0] == '/' && buf[1] == '/') {
        s = 2;
        while (s < n && buf[s] == '/') {
            s++;
        }
        goto authority;
    }
    /* A path on the own host; a relative one is taken from the root, so
     * that a path rule holds back more rather than less. */
    ps = 0;
    pe = strcspn(buf, "?#");
    if (buf[0] == '/') {
        return own_host_rules(lk, buf, pe);
    }
    else {
        char *rel = buf;
        memmove(rel + 1, rel, pe);
        rel[0] = '/';
        return own_host_rules(lk, rel, pe + 1);
    }

authority:
    he = s + strcspn(buf + s, "/?#");
    hs = s;
    for (i = s; i < he; i++) {
        if (buf[i] == '@') {
            hs = i + 1;         /* userinfo */
        }
    }
    ps = he;
    if (hs < he && buf[hs] == '[') {
        const char *rb = memchr(buf + hs, ']', he - hs);
        he = rb ? (apr_size_t)(rb - buf) + 1 : he;
    }
    else {
        const char *colon = memchr(buf + hs, ':', he - hs);
        if (colon) {
            he = (apr_size_t)(colon - buf);
        }
    }
    if (he > hs && buf[he - 1] == '.') {
        he--;
    }
    for (i = hs; i < he; i++) {
        buf[i] = (char)CC_LOWER((unsigned char)buf[i]);
    }
    pe = ps + strcspn(buf + ps, "?#");
    host = buf + hs;
    {
        const char *path = ps < pe ? buf + ps : "/";
        apr_size_t plen = ps < pe ? pe - ps : 1;
        apr_size_t hlen = he - hs, off = 0;

        /* The host, then each parent domain. */
        while (off < hlen) {
            apr_array_header_t *rules =
                apr_hash_get(lk->hosts, host + off, (apr_ssize_t)(hlen - off));
            if (rules) {
                int k;
                for (k = 0; k < rules->nelts; k++) {
                    const cc_host_rule *r =
                        APR_ARRAY_IDX(rules, k, const cc_host_rule *);
                    if (!r->path || (plen >= r->path_len
                                     && memcmp(path, r->path, r->path_len) == 0)) {
                        return r->category;
                    }
                }
            }
            while (off < hlen && host[off] != '.') {
                off++;
            }
            off++;
        }
        if (is_own_host(host, hlen, own_host)) {
            return own_host_rules(lk, path, plen);
        }
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
    int i, j, k;

    memset(&x, 0, sizeof(x));
    x.ch = ch;
    x.pos = name_pos;
    x.err = err;
    x.baton = baton;
    x.ptemp = ptemp;

    lk->cats = apr_hash_make(p);
    lk->exact = apr_hash_make(p);
    lk->globs = apr_hash_make(p);
    lk->hosts = apr_hash_make(p);
    lk->own = apr_array_make(p, 4, sizeof(const cc_host_rule *));
    ch->lookup = lk;

    for (i = 0; i < ch->categories->nelts; i++) {
        const cc_category *cat = APR_ARRAY_IDX(ch->categories, i, cc_category *);

        apr_hash_set(lk->cats, cat->id, APR_HASH_KEY_STRING, cat);
        for (k = 0; k < cat->hosts->nelts; k++) {
            const cc_host_rule *r = &APR_ARRAY_IDX(cat->hosts, k, cc_host_rule);

            if (r->host) {
                apr_array_header_t *a = apr_hash_get(lk->hosts, r->host,
                                                     APR_HASH_KEY_STRING);
                if (!a) {
                    a = apr_array_make(p, 1, sizeof(const cc_host_rule *));
                    apr_hash_set(lk->hosts, r->host, APR_HASH_KEY_STRING, a);
                }
                APR_ARRAY_PUSH(a, const cc_host_rule *) = r;
            }
            else {
                APR_ARRAY_PUSH(lk->own, const cc_host_rule *) = r;
            }
        }
    }

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
