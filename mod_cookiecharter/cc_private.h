/* What the httpd glue files share. The core (cc_charter.h, ...) never
 * includes this. */
#ifndef CC_PRIVATE_H
#define CC_PRIVATE_H

#include "httpd.h"
#include "http_config.h"
#include "http_log.h"
#include "http_protocol.h"

#include "cc_charter.h"
#include "cc_consent.h"
#include "cc_cookie.h"
#include "cc_config.h"

/* mod_cookiecharter.c declares the module (which implies this). */
#ifndef CC_MODULE_FILE
APLOG_USE_MODULE(cookiecharter);
#endif

#define CC_FILTER_HTML    "COOKIECHARTER"
#define CC_FILTER_COOKIES "COOKIECHARTER_COOKIES"
#define CC_HANDLER        "cookiecharter"

/* r->notes keys. */
#define CC_NOTE_ENDPOINT  "cookiecharter-endpoint"  /* the path under P */
#define CC_NOTE_OWN_COOKIE "cookiecharter-own"      /* our Set-Cookie value */

/* Per-request state, computed once from the request headers and kept in
 * r->request_config. */
typedef struct cc_req {
    const cc_charter *charter;
    cc_state state;
    cc_consent consent;         /* when state == CC_STATE_CHOICE */
    cc_mask granted;            /* every granted category, required too */
    int gpc_header;             /* the request carries Sec-GPC: 1 */
    int lang;                   /* negotiated language index */
    int https;
    int blocked;                /* Set-Cookie headers removed (or would be) */
    const char *cookie;         /* the Cookie header as it came, before
                                   CookieCharterStripRequestCookies */
    /* what the environment variables were last set to, and where */
    const request_rec *env_r;
    cc_state env_state;
    cc_mask env_granted;
    int env_blocked;
} cc_req;

/* cc_request.c */
/* The state of this request, or NULL when its server has no charter. */
cc_req *cc_req_get(request_rec *r);
/* A request is "https" for cookies: ap_http_scheme() is https. */
int cc_req_is_https(request_rec *r);
/* Fixups: request-cookie stripping, environment variables, trace line. */
int cc_request_fixups(request_rec *r);
/* The value for COOKIECHARTER_CONSENT. */
const char *cc_req_consent_env(request_rec *r, const cc_req *rq);
/* Set COOKIECHARTER_CONSENT and COOKIECHARTER_BLOCKED in r's environment,
 * unless they are already there with these values (each response sets
 * them in fixups and again after its Set-Cookie headers were judged). */
void cc_req_set_env(request_rec *r, cc_req *rq);
/* 1 when a request cookie must go (strip, purge): its category is not in
 * `granted`, or it is undeclared and undeclared cookies are not allowed.
 * The consent cookie never goes (its category is required). */
int cc_req_cookie_unwanted(const cc_charter *ch, cc_mask granted,
                           int allow_undeclared, const cc_cookie_pair *pair,
                           const cc_cookie **entry);

/* cc_filter_cookies.c */
apr_status_t cc_filter_cookies(ap_filter_t *f, apr_bucket_brigade *bb);
/* The Set-Cookie work on a response, also used by the handlers. */
void cc_enforce_cookies(request_rec *r);
void cc_cookies_child_init(apr_pool_t *pchild, server_rec *s);
/* A Set-Cookie of the module's own (consent cookie, expiry) into
 * err_headers_out, noted under CC_NOTE_OWN_COOKIE so the filter keeps it. */
void cc_add_own_cookie(request_rec *r, const char *value);
/* Expiring Set-Cookie headers in err_headers_out for the request's cookies
 * that cc_req_cookie_unwanted() sends away; `own` as cc_add_own_cookie.
 * Returns how many headers were added. */
int cc_purge_request_cookies(request_rec *r, const cc_req *rq,
                             cc_mask granted, int allow_undeclared, int own);

/* cc_filter_html.c */
apr_status_t cc_filter_html(ap_filter_t *f, apr_bucket_brigade *bb);
int cc_filter_html_init(ap_filter_t *f);
/* post_config: what the filter injects, rendered once per server. */
int cc_filter_html_prerender(apr_pool_t *pconf, server_rec *s);

/* cc_handlers.c */
int cc_translate_name(request_rec *r);
int cc_map_to_storage(request_rec *r);
int cc_handler(request_rec *r);
/* The Vary header values every page in scope gets. */
void cc_set_vary(request_rec *r, const cc_charter *ch, const cc_dir_conf *d);

/* cc_handler_consent.c: POST P/consent */
int cc_handle_consent(request_rec *r, cc_srv_conf *sc, cc_req *rq);

/* cc_consent_log.c: the proof log (section 8) */
int cc_proof_log_open(apr_pool_t *pconf, apr_pool_t *ptemp, server_rec *s);
void cc_proof_log_write(request_rec *r, cc_srv_conf *sc, const char *json);

#endif
