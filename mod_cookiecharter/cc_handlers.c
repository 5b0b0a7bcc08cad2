/* The endpoints under P (contract section 5): claimed in translate_name
 * before mod_proxy and mod_rewrite, answered by our handler whatever
 * CookieCharter says for the path. */
#include <string.h>

#include "httpd.h"
#include "http_config.h"
#include "http_core.h"
#include "http_log.h"
#include "http_protocol.h"
#include "http_request.h"
#include "apr_strings.h"

#include "cc_assets.h"
#include "cc_private.h"
#include "cc_render.h"

/* The path under P that a URI names ("" for P itself), or NULL. */
static const char *endpoint_of(const char *uri, const char *prefix)
{
    apr_size_t n = strlen(prefix);

    if (strncmp(uri, prefix, n) != 0) {
        return NULL;
    }
    if (uri[n] == '\0' || uri[n] == '/') {
        return uri + n;
    }
    return NULL;
}

int cc_translate_name(request_rec *r)
{
    const cc_srv_conf *sc = cc_srv(r->server);
    const char *prefix = cc_srv_path(sc);
    const char *ep;

    if (sc->charter == NULL || prefix == NULL || r->uri == NULL
        || r->uri[0] != '/' || r->proxyreq != PROXYREQ_NONE) {
        return DECLINED;
    }
    ep = endpoint_of(r->uri, prefix);
    if (ep == NULL) {
        return DECLINED;
    }
    /* Ours: no file behind it, and the handler knows it by this note even
     * if a later hook (per-dir mod_rewrite) changes r->handler. */
    apr_table_setn(r->notes, CC_NOTE_ENDPOINT, ep);
    r->filename = apr_pstrcat(r->pool, "cookiecharter:", r->uri, NULL);
    r->handler = CC_HANDLER;
    return OK;
}

int cc_map_to_storage(request_rec *r)
{
    /* Nothing on disk to walk for our endpoints (as mod_proxy does). */
    return apr_table_get(r->notes, CC_NOTE_ENDPOINT) ? OK : DECLINED;
}

void cc_set_vary(request_rec *r, const cc_charter *ch, const cc_dir_conf *d)
{
    /* Every input of the page's banner state, so caches keep variants
     * apart (notes 2.15); one merge, as every page in scope pays it. */
    static const char *const vary[4] = {
        "Cookie, Sec-Fetch-Dest, Sec-Fetch-Site",
        "Cookie, Accept-Language, Sec-Fetch-Dest, Sec-Fetch-Site",
        "Cookie, Sec-GPC, Sec-Fetch-Dest, Sec-Fetch-Site",
        "Cookie, Accept-Language, Sec-GPC, Sec-Fetch-Dest, Sec-Fetch-Site"
    };

    apr_table_mergen(r->headers_out, "Vary",
                     vary[(ch->nlangs > 1) | (cc_dir_gpc(d) ? 2 : 0)]);
}

static int only_get(request_rec *r)
{
    /* The error page builds Allow from allowed_methods (make_allow). */
    ap_allow_methods(r, REPLACE_ALLOW, "GET", "HEAD", NULL);
    if (r->method_number != M_GET) {
        return HTTP_METHOD_NOT_ALLOWED;
    }
    return OK;
}

static int send_text(request_rec *r, const char *type, const char *data,
                     apr_size_t len)
{
    ap_set_content_type(r, type);
    ap_set_content_length(r, len);
    if (!r->header_only) {
        ap_rwrite(data, (int)len, r);
    }
    return OK;
}

/* The query has v=V exactly (the version the page referenced). */
static int query_has_version(const request_rec *r, const char *v)
{
    const char *q = r->args;
    apr_size_t vl = strlen(v);

    while (q && *q) {
        if (!strncmp(q, "v=", 2) && !strncmp(q + 2, v, vl)
            && (q[2 + vl] == '\0' || q[2 + vl] == '&')) {
            return 1;
        }
        q = strchr(q, '&');
        q = q ? q + 1 : NULL;
    }
    return 0;
}

static int handle_asset(request_rec *r, const cc_srv_conf *sc,
                        const cc_asset *a)
{
    int rv = only_get(r);

    if (rv != OK) {
        return rv;
    }
    apr_table_setn(r->headers_out, "ETag", apr_psprintf(r->pool, "\"%s\"",
                                                        sc->v));
    apr_table_setn(r->headers_out, "X-Content-Type-Options", "nosniff");
    apr_table_setn(r->headers_out, "Cache-Control", query_has_version(r, sc->v)
                   ? "public, max-age=31536000, immutable" : "no-cache");
    ap_set_content_type(r, a->content_type);
    rv = ap_meets_conditions(r);
    if (rv != OK) {
        return rv;
    }
    return send_text(r, a->content_type, (const char *)a->data, a->len);
}

static void view_for(request_rec *r, const cc_srv_conf *sc, cc_req *rq,
                     cc_view *vw)
{
    memset(vw, 0, sizeof(*vw));
    vw->charter = sc->charter;
    vw->prefix = cc_srv_path(sc);
    vw->v = sc->v;
    vw->lang = rq->lang;
    vw->state = rq->state;
    vw->granted = rq->granted & sc->charter->optional_mask;
}

static int handle_policy(request_rec *r, const cc_srv_conf *sc, cc_req *rq)
{
    cc_view vw;
    apr_size_t len;
    const char *page;
    int rv = only_get(r);

    if (rv != OK) {
        return rv;
    }
    view_for(r, sc, rq, &vw);
    vw.return_path = cc_render_policy_url(r->pool, &vw);
    page = cc_render_policy(r->pool, &vw, &len);
    cc_set_vary(r, sc->charter, cc_dir(r));
    apr_table_setn(r->headers_out, "Cache-Control", "private");
    return send_text(r, "text/html; charset=utf-8", page, len);
}

static int handle_charter_json(request_rec *r, const cc_srv_conf *sc,
                               cc_req *rq)
{
    cc_view vw;
    apr_size_t len;
    const char *json;
    int rv = only_get(r);

    if (rv != OK) {
        return rv;
    }
    apr_table_setn(r->headers_out, "ETag",
                   apr_psprintf(r->pool, "\"%s-json\"", sc->v));
    apr_table_setn(r->headers_out, "Cache-Control", "no-cache");
    apr_table_setn(r->headers_out, "X-Content-Type-Options", "nosniff");
    ap_set_content_type(r, "application/json");
    rv = ap_meets_conditions(r);
    if (rv != OK) {
        return rv;
    }
    view_for(r, sc, rq, &vw);
    json = cc_render_charter_json(r->pool, &vw, &len);
    return send_text(r, "application/json", json, len);
}

int cc_handler(request_rec *r)
{
    const char *ep = apr_table_get(r->notes, CC_NOTE_ENDPOINT);
    cc_srv_conf *sc = cc_srv(r->server);
    const cc_asset *a;
    cc_req *rq;

    if (ep == NULL || sc->charter == NULL) {
        return DECLINED;
    }
    rq = cc_req_get(r);
    if (!strcmp(ep, "/consent")) {
        return cc_handle_consent(r, sc, rq);
    }
    if (!strcmp(ep, "/policy")) {
        return handle_policy(r, sc, rq);
    }
    if (!strcmp(ep, "/charter.json")) {
        return handle_charter_json(r, sc, rq);
    }
    if (ep[0] == '/' && (a = cc_asset_get(ep + 1)) != NULL) {
        return handle_asset(r, sc, a);
    }
    return HTTP_NOT_FOUND;
}
