/* Set-Cookie enforcement (section 6): a headers-only output filter that
 * judges every Set-Cookie of headers_out and err_headers_out, then expires
 * the request's unwanted cookies (purge). It runs once, like mod_headers'
 * fixup filter, late enough to see cookies from CGI, mod_proxy, mod_headers,
 * mod_session and mod_cache hits; its error-path twin is inserted by
 * insert_error_filter. */
#include <string.h>

#include "httpd.h"
#include "http_config.h"
#include "http_log.h"
#include "http_protocol.h"
#include "util_filter.h"
#include "apr_hash.h"
#include "apr_strings.h"
#if APR_HAS_THREADS
#include "apr_thread_mutex.h"
#endif

#include "cc_private.h"

#define UNDECLARED_MAX 1000     /* names logged once per process */
#define UNDECLARED_NAME_MAX 256 /* bytes of a name kept in the set */

/* The undeclared names already logged by this process. Written only under
 * the mutex, from a pool of its own (no other user). */
static struct {
    apr_pool_t *pool;
#if APR_HAS_THREADS
    apr_thread_mutex_t *mutex;
#endif
    apr_hash_t *names;
    int full;
} seen;

void cc_cookies_child_init(apr_pool_t *pchild, server_rec *s)
{
    apr_status_t rv = apr_pool_create(&seen.pool, pchild);

    if (rv == APR_SUCCESS) {
        apr_pool_tag(seen.pool, "cookiecharter_undeclared");
#if APR_HAS_THREADS
        rv = apr_thread_mutex_create(&seen.mutex, APR_THREAD_MUTEX_DEFAULT,
                                     pchild);
#endif
    }
    if (rv != APR_SUCCESS) {
        ap_log_error(APLOG_MARK, APLOG_ERR, rv, s,
                     "cookiecharter: cannot set up the set of undeclared "
                     "cookie names; each will be logged every time");
        seen.names = NULL;
        return;
    }
    seen.names = apr_hash_make(seen.pool);
    seen.full = 0;
}

/* Warn once per process about an undeclared name; after UNDECLARED_MAX
 * names, say once that further ones go unlogged. */
static void warn_undeclared(request_rec *r, const char *name, apr_size_t len)
{
    int first = 1, overflow = 0;

    if (len > UNDECLARED_NAME_MAX) {
        len = UNDECLARED_NAME_MAX;
    }
    if (seen.names) {
#if APR_HAS_THREADS
        apr_thread_mutex_lock(seen.mutex);
#endif
        if (apr_hash_get(seen.names, name, len)) {
            first = 0;
        }
        else if (apr_hash_count(seen.names) < UNDECLARED_MAX) {
            apr_hash_set(seen.names, apr_pstrmemdup(seen.pool, name, len),
                         len, "");
        }
        else {
            first = 0;
            overflow = !seen.full;
            seen.full = 1;
        }
#if APR_HAS_THREADS
        apr_thread_mutex_unlock(seen.mutex);
#endif
    }
    if (first) {
        ap_log_rerror(APLOG_MARK, APLOG_WARNING, 0, r,
                      "cookiecharter: Set-Cookie name '%s' is not declared "
                      "in the charter %s (logged once per process)",
                      ap_escape_logitem(r->pool,
                                        apr_pstrmemdup(r->pool, name, len)),
                      cc_srv(r->server)->charter_file);
    }
    else if (overflow) {
        ap_log_rerror(APLOG_MARK, APLOG_WARNING, 0, r,
                      "cookiecharter: %d undeclared cookie names logged; "
                      "further names not logged", UNDECLARED_MAX);
    }
}

static const char *const verdict_why[] = {
    "kept", "category not granted", "undeclared", "the consent cookie's "
    "name is the module's own", "ambiguous header (fail closed)"
};

typedef struct {
    request_rec *r;
    const cc_req *rq;
    int allow_undeclared;
    int report;
    apr_table_t *keep;          /* entries to put back */
    int removed;
} judge_ctx;

static int is_own(void *rec, const char *key, const char *value)
{
    const char **v = rec;

    if (strcmp(value, *v) == 0) {
        *v = NULL;
        return 0;
    }
    return 1;
}

static int judge_one(void *rec, const char *key, const char *value)
{
    judge_ctx *ctx = rec;
    request_rec *r = ctx->r;
    const char *own = value;
    const cc_cookie *entry = NULL;
    cc_sc_verdict v;
    cc_sc_name nm;
    int undeclared = 0;

    memset(&nm, 0, sizeof(nm));

    /* The consent endpoint's own headers, exactly as it wrote them. */
    apr_table_do(is_own, &own, r->notes, CC_NOTE_OWN_COOKIE, NULL);
    if (own == NULL) {
        apr_table_addn(ctx->keep, key, value);
        return 1;
    }
    v = cc_setcookie_judge(ctx->rq->charter, ctx->rq->granted,
                           ctx->allow_undeclared, value, strlen(value),
                           &entry, &undeclared);
    if (undeclared || v != CC_SC_KEEP) {
        cc_setcookie_name(value, strlen(value), &nm);
        if (undeclared) {
            warn_undeclared(r, nm.name_len ? nm.name : nm.value,
                            nm.name_len ? nm.name_len : nm.value_len);
        }
    }
    if (v == CC_SC_KEEP) {
        apr_table_addn(ctx->keep, key, value);
        return 1;
    }
    ctx->removed++;
    if (APLOGrdebug(r)) {
        ap_log_rerror(APLOG_MARK, APLOG_DEBUG, 0, r,
                      "cookiecharter: %s Set-Cookie '%s' (%s)",
                      ctx->report ? "would remove" : "removed",
                      nm.name_len
                      ? ap_escape_logitem(r->pool,
                                          apr_pstrmemdup(r->pool, nm.name,
                                                         nm.name_len))
                      : "(nameless)",
                      verdict_why[v]);
    }
    if (ctx->report) {
        apr_table_addn(ctx->keep, key, value);
    }
    return 1;
}

static int add_back(void *rec, const char *key, const char *value)
{
    apr_table_addn((apr_table_t *)rec, key, value);
    return 1;
}

/* mod_headers' way: collect the keepers, unset, re-add; Set-Cookie values
 * are never merged (Expires holds a comma). */
static void judge_table(judge_ctx *ctx, apr_table_t *t)
{
    int before = ctx->removed;

    apr_table_clear(ctx->keep);
    apr_table_do(judge_one, ctx, t, "Set-Cookie", NULL);
    if (ctx->removed > before && !ctx->report) {
        apr_table_unset(t, "Set-Cookie");
        apr_table_do(add_back, t, ctx->keep, NULL);
    }
}

void cc_add_own_cookie(request_rec *r, const char *value)
{
    apr_table_addn(r->err_headers_out, "Set-Cookie", value);
    apr_table_addn(r->notes, CC_NOTE_OWN_COOKIE, value);
}

/* The host cookies were set for: the Host without port (r->hostname has
 * none); an IPv6 literal keeps no brackets in a Domain attribute. */
static const char *purge_host(request_rec *r)
{
    const char *h = r->hostname ? r->hostname : r->server->server_hostname;
    apr_size_t len;

    if (h == NULL) {
        return "";
    }
    len = strlen(h);
    if (len > 2 && h[0] == '[' && h[len - 1] == ']') {
        return apr_pstrmemdup(r->pool, h + 1, len - 2);
    }
    return h;
}

/* The expiring values for the request's unwanted cookies, each name once. */
static apr_array_header_t *purge_values(request_rec *r, const cc_req *rq,
                                        cc_mask granted, int allow_undeclared)
{
    const char *hdr = rq->cookie;  /* what the browser holds, unstripped */
    apr_array_header_t *values = apr_array_make(r->pool, 2,
                                                sizeof(const char *));
    const char *pos, *end, *host = NULL;
    apr_hash_t *done = NULL;    /* made at the first unwanted cookie: most
                                   requests have none */
    cc_cookie_pair pair;
    const cc_cookie *entry;

    if (hdr == NULL) {
        return values;
    }
    pos = hdr;
    end = hdr + strlen(hdr);
    while (cc_cookie_next(&pos, end, &pair)) {
        /* A nameless cookie cannot be expired by name: it is left to
         * stripping and to the scripts that wrote it being held back. */
        if (pair.name_len == 0
            || !cc_req_cookie_unwanted(rq->charter, granted,
                                       allow_undeclared, &pair, &entry)
            || (done && apr_hash_get(done, pair.name, pair.name_len))) {
            continue;
        }
        if (done == NULL) {
            done = apr_hash_make(r->pool);
            host = purge_host(r);
        }
        apr_hash_set(done, pair.name, pair.name_len, "");
        cc_purge_values(r->pool, pair.name, pair.name_len, entry, host,
                        rq->https, values);
    }
    return values;
}

int cc_purge_request_cookies(request_rec *r, const cc_req *rq,
                             cc_mask granted, int allow_undeclared, int own)
{
    apr_array_header_t *values = purge_values(r, rq, granted,
                                              allow_undeclared);
    int i;

    for (i = 0; i < values->nelts; i++) {
        const char *v = APR_ARRAY_IDX(values, i, const char *);
        if (own) {
            cc_add_own_cookie(r, v);
        }
        else {
            apr_table_addn(r->err_headers_out, "Set-Cookie", v);
        }
    }
    return values->nelts;
}

/* Cache-Control: private, for a response whose cookies are this visitor's.
 * A "public" token would contradict it and goes; the rest stays (max-age
 * still serves the browser's own cache). The result lives in
 * err_headers_out only, so the two tables never hold two copies. */
static void cache_private(request_rec *r)
{
    const char *cur = apr_table_get(r->headers_out, "Cache-Control");
    const char *err = apr_table_get(r->err_headers_out, "Cache-Control");
    char *list, *tok, *state;
    const char *out = "private";

    if (cur && err) {
        cur = apr_pstrcat(r->pool, err, ", ", cur, NULL);
    }
    else if (err) {
        cur = err;
    }
    if (cur && (ap_find_token(r->pool, cur, "private")
                || ap_find_token(r->pool, cur, "no-store"))) {
        return;
    }
    if (cur) {
        list = apr_pstrdup(r->pool, cur);
        for (tok = apr_strtok(list, ",", &state); tok;
             tok = apr_strtok(NULL, ",", &state)) {
            while (*tok == ' ' || *tok == '\t') {
                tok++;
            }
            if (*tok && strcasecmp(tok, "public") != 0) {
                out = apr_pstrcat(r->pool, out, ", ", tok, NULL);
            }
        }
    }
    apr_table_unset(r->headers_out, "Cache-Control");
    apr_table_setn(r->err_headers_out, "Cache-Control", out);
}

void cc_enforce_cookies(request_rec *r)
{
    cc_req *rq = cc_req_get(r);
    const cc_dir_conf *d = cc_dir(r);
    judge_ctx ctx;
    int purged = 0;

    if (rq == NULL) {
        return;
    }
    ctx.r = r;
    ctx.rq = rq;
    ctx.allow_undeclared = cc_dir_allow_undeclared(d);
    ctx.report = cc_dir_report(d);
    ctx.keep = apr_table_make(r->pool, 8);
    ctx.removed = 0;
    judge_table(&ctx, r->headers_out);
    judge_table(&ctx, r->err_headers_out);
    rq->blocked += ctx.removed;

    /* The consent endpoint did its own purge, against the new choice. */
    if (cc_dir_purge(d) && !apr_table_get(r->notes, CC_NOTE_OWN_COOKIE)) {
        if (ctx.report) {
            int n = purge_values(r, rq, rq->granted,
                                 ctx.allow_undeclared)->nelts;
            if (n) {
                ap_log_rerror(APLOG_MARK, APLOG_DEBUG, 0, r,
                              "cookiecharter: would add %d expiring "
                              "Set-Cookie headers (report mode)", n);
            }
        }
        else {
            purged = cc_purge_request_cookies(r, rq, rq->granted,
                                              ctx.allow_undeclared, 0);
        }
        if (purged) {
            ap_log_rerror(APLOG_MARK, APLOG_DEBUG, 0, r,
                          "cookiecharter: %d expiring Set-Cookie headers "
                          "for cookies the visitor has not granted", purged);
        }
    }
    if (purged) {
        cache_private(r);
    }
    cc_req_set_env(r, rq);
}

apr_status_t cc_filter_cookies(ap_filter_t *f, apr_bucket_brigade *bb)
{
    /* Subrequest headers never reach the client; the main request's own
     * instance does the work. */
    if (f->r->main == NULL) {
        cc_enforce_cookies(f->r);
    }
    ap_remove_output_filter(f);
    return ap_pass_brigade(f->next, bb);
}
