/* A request's consent state (computed once, kept in r->request_config),
 * the fixups hook (request-cookie stripping, environment variables) and
 * the helpers the filters and handlers share. */
#include <string.h>

#include "httpd.h"
#include "http_config.h"
#include "http_log.h"
#include "http_protocol.h"
#include "http_request.h"
#include "apr_strings.h"

#include "cc_private.h"

#define ENV_CONSENT "COOKIECHARTER_CONSENT"
#define ENV_BLOCKED "COOKIECHARTER_BLOCKED"

int cc_req_is_https(request_rec *r)
{
    return strcmp(ap_http_scheme(r), "https") == 0;
}

/* The first valid consent cookie of the Cookie header counts (section 4);
 * a later one cannot override it, an invalid one is no choice. */
static int find_consent(const cc_charter *ch, const char *hdr,
                        apr_int64_t now, cc_consent *out)
{
    const char *pos = hdr, *end = hdr + strlen(hdr);
    apr_size_t nlen = strlen(ch->consent_cookie);
    cc_cookie_pair pair;

    while (cc_cookie_next(&pos, end, &pair)) {
        if (pair.name_len == nlen
            && memcmp(pair.name, ch->consent_cookie, nlen) == 0
            && cc_consent_parse(ch, pair.value, pair.value_len, now, out)) {
            return 1;
        }
    }
    return 0;
}

/* Sec-GPC: 1, the only value the GPC proposal defines (OWS trimmed). */
static int gpc_header(request_rec *r)
{
    const char *v = apr_table_get(r->headers_in, "Sec-GPC");

    if (v == NULL) {
        return 0;
    }
    while (*v == ' ' || *v == '\t') {
        v++;
    }
    if (*v++ != '1') {
        return 0;
    }
    while (*v == ' ' || *v == '\t') {
        v++;
    }
    return *v == '\0';
}

static cc_req *req_compute(request_rec *r, const cc_charter *ch)
{
    cc_req *rq = apr_pcalloc(r->pool, sizeof(*rq));
    const char *cookie = apr_table_get(r->headers_in, "Cookie");

    rq->charter = ch;
    rq->cookie = cookie;
    rq->state = CC_STATE_UNSET;
    if (cookie && find_consent(ch, cookie, apr_time_sec(r->request_time),
                               &rq->consent)) {
        rq->state = CC_STATE_CHOICE;
    }
    rq->gpc_header = gpc_header(r);
    if (rq->state == CC_STATE_UNSET && rq->gpc_header
        && cc_dir_gpc(cc_dir(r))) {
        rq->state = CC_STATE_GPC;
    }
    rq->granted = cc_consent_granted(ch, rq->state, &rq->consent);
    rq->lang = cc_lang_negotiate(ch->langs, ch->nlangs,
                                 apr_table_get(r->headers_in,
                                               "Accept-Language"));
    rq->https = cc_req_is_https(r);
    return rq;
}

cc_req *cc_req_get(request_rec *r)
{
    const cc_charter *ch = cc_srv(r->server)->charter;
    request_rec *first = r;
    cc_req *rq;

    if (ch == NULL) {
        return NULL;
    }
    rq = ap_get_module_config(r->request_config, &cookiecharter_module);
    if (rq) {
        return rq;
    }
    /* Subrequests and internal redirects answer the same visitor with the
     * same request headers: share the state of the request they came
     * from (and its Set-Cookie count). */
    while (first->main || first->prev) {
        first = first->main ? first->main : first->prev;
    }
    if (first != r) {
        rq = ap_get_module_config(first->request_config,
                                  &cookiecharter_module);
    }
    if (rq == NULL || rq->charter != ch) {
        rq = req_compute(r, ch);
        if (first != r) {
            ap_set_module_config(first->request_config,
                                 &cookiecharter_module, rq);
        }
    }
    ap_set_module_config(r->request_config, &cookiecharter_module, rq);
    return rq;
}

const char *cc_req_consent_env(request_rec *r, const cc_req *rq)
{
    switch (rq->state) {
    case CC_STATE_GPC:
        return "gpc";
    case CC_STATE_CHOICE:
        return cc_charter_join_ids(r->pool, rq->charter,
                                   rq->granted & rq->charter->optional_mask,
                                   "+");
    default:
        return "unset";
    }
}

void cc_req_set_env(request_rec *r, cc_req *rq)
{
    if (rq->env_r == r && rq->env_state == rq->state
        && rq->env_granted == rq->granted && rq->env_blocked == rq->blocked) {
        return;
    }
    apr_table_setn(r->subprocess_env, ENV_CONSENT, cc_req_consent_env(r, rq));
    apr_table_setn(r->subprocess_env, ENV_BLOCKED,
                   apr_itoa(r->pool, rq->blocked));
    rq->env_r = r;
    rq->env_state = rq->state;
    rq->env_granted = rq->granted;
    rq->env_blocked = rq->blocked;
}

int cc_req_cookie_unwanted(const cc_charter *ch, cc_mask granted,
                           int allow_undeclared, const cc_cookie_pair *pair,
                           const cc_cookie **entry)
{
    const cc_cookie *e = cc_cookie_entry(ch, pair);

    if (entry) {
        *entry = e;
    }
    if (e == NULL) {
        return !allow_undeclared;
    }
    return !(granted & CC_MASK_BIT(e->category->index));
}

/* CookieCharterStripRequestCookies: rebuild the Cookie header from the
 * pairs that may stay, so handlers, CGI and proxied backends never see the
 * others. Pairs are kept as they came, in order. It starts from the header
 * as it came (rq->cookie), so running again (subrequests, redirects) gives
 * the same result, and purge still sees what the browser holds. */
static void strip_request_cookies(request_rec *r, const cc_req *rq,
                                  int allow_undeclared)
{
    const char *hdr = rq->cookie;
    const char *pos, *end;
    apr_array_header_t *keep;
    cc_cookie_pair pair;
    int removed = 0;

    if (hdr == NULL) {
        return;
    }
    keep = apr_array_make(r->pool, 8, sizeof(const char *));
    pos = hdr;
    end = hdr + strlen(hdr);
    while (cc_cookie_next(&pos, end, &pair)) {
        if (cc_req_cookie_unwanted(rq->charter, rq->granted,
                                   allow_undeclared, &pair, NULL)) {
            removed++;
            ap_log_rerror(APLOG_MARK, APLOG_DEBUG, 0, r,
                          "cookiecharter: request cookie '%s' removed "
                          "before the handler",
                          ap_escape_logitem(r->pool,
                                            apr_pstrmemdup(r->pool,
                                                           pair.name,
                                                           pair.name_len)));
            continue;
        }
        APR_ARRAY_PUSH(keep, const char *) =
            apr_pstrmemdup(r->pool, pair.raw, pair.raw_len);
        APR_ARRAY_PUSH(keep, const char *) = "; ";
    }
    if (!removed) {
        return;
    }
    if (keep->nelts) {
        /* Joined by "; " as browsers write it (the separator entries were
         * pushed with the pairs; sep '\0' means none). */
        keep->nelts--;
        apr_table_setn(r->headers_in, "Cookie",
                       apr_array_pstrcat(r->pool, keep, '\0'));
    }
    else {
        apr_table_unset(r->headers_in, "Cookie");
    }
}

int cc_request_fixups(request_rec *r)
{
    const cc_dir_conf *d = cc_dir(r);
    cc_srv_conf *sc = cc_srv(r->server);
    cc_req *rq;

    if (APLOGrtrace1(r)) {
        ap_log_rerror(APLOG_MARK, APLOG_TRACE1, 0, r,
                      "cookiecharter: config %s for %s",
                      cc_dir_describe(r->pool, d),
                      ap_escape_logitem(r->pool, r->uri));
    }
    if (!cc_dir_enabled(d)) {
        return DECLINED;
    }
    if (sc->charter == NULL) {
        /* Only .htaccess can get here: check_config refuses the rest. */
        ap_log_rerror(APLOG_MARK, APLOG_ERR, 0, r,
                      "no CookieCharterFile for this virtual host "
                      "(CookieCharter On for %s)",
                      ap_escape_logitem(r->pool, r->filename ? r->filename
                                                             : r->uri));
        return HTTP_INTERNAL_SERVER_ERROR;
    }
    rq = cc_req_get(r);
    if (cc_dir_strip(d) && !cc_dir_report(d)) {
        strip_request_cookies(r, rq, cc_dir_allow_undeclared(d));
    }
    cc_req_set_env(r, rq);
    return DECLINED;
}
