/* mod_cookiecharter: the module record and its hooks. The work lives in
 * the cc_* files; this file only wires them into httpd. */
#define CC_MODULE_FILE
#include "httpd.h"
#include "http_config.h"
#include "http_log.h"
#include "http_protocol.h"
#include "http_request.h"
#include "util_filter.h"

#include "cc_log.h"
#include "cc_private.h"

static void register_hooks(apr_pool_t *p);

AP_DECLARE_MODULE(cookiecharter) = {
    STANDARD20_MODULE_STUFF,
    cc_create_dir_conf,
    cc_merge_dir_conf,
    cc_create_srv_conf,
    cc_merge_srv_conf,
    cc_cmds,
    register_hooks,
#if AP_MODULE_MAGIC_AT_LEAST(20120211, 70)
    AP_MODULE_FLAG_NONE
#endif
};

/* The core logs through a callback, as mod_md's does. */
static void core_log(void *baton, int level, const char *file, int line,
                     const char *msg)
{
    ap_log_error(file, line, APLOG_MODULE_INDEX, level, 0,
                 (server_rec *)baton, "%s", msg);
}

static int pre_config(apr_pool_t *pconf, apr_pool_t *plog, apr_pool_t *ptemp)
{
    cc_log_set(core_log, NULL);
    return OK;
}

static int check_config(apr_pool_t *pconf, apr_pool_t *plog,
                        apr_pool_t *ptemp, server_rec *s)
{
    return cc_config_check(pconf, s);
}

static int open_logs(apr_pool_t *pconf, apr_pool_t *plog, apr_pool_t *ptemp,
                     server_rec *s)
{
    return cc_proof_log_open(pconf, ptemp, s);
}

static int post_config(apr_pool_t *pconf, apr_pool_t *plog,
                       apr_pool_t *ptemp, server_rec *s)
{
    return cc_filter_html_prerender(pconf, s);
}

static void child_init(apr_pool_t *pchild, server_rec *s)
{
    cc_cookies_child_init(pchild, s);
}

/* Set once in register_hooks: adding by handle spares a name look-up in
 * httpd's filter table on every request. */
static ap_filter_rec_t *html_filter;
static ap_filter_rec_t *cookies_filter;

/* Our filters go in for every request in a `CookieCharter On` scope; each
 * decides on its first call whether the response concerns it. */
static void insert_filters(request_rec *r)
{
    const cc_dir_conf *d = cc_dir(r);
    cc_srv_conf *sc = cc_srv(r->server);

    if (!cc_dir_enabled(d) || sc->charter == NULL) {
        return;
    }
    ap_add_output_filter_handle(cookies_filter, NULL, r, r->connection);
    if (r->main == NULL && !apr_table_get(r->subprocess_env,
                                          "no-cookiecharter-banner")) {
        ap_add_output_filter_handle(html_filter, NULL, r, r->connection);
    }
}

static void register_hooks(apr_pool_t *p)
{
    /* Claim P before mod_proxy and mod_rewrite map the URL. */
    static const char *const before_proxy[] = {
        "mod_proxy.c", "mod_rewrite.c", "mod_alias.c", NULL
    };

    ap_hook_pre_config(pre_config, NULL, NULL, APR_HOOK_MIDDLE);
    ap_hook_check_config(check_config, NULL, NULL, APR_HOOK_MIDDLE);
    ap_hook_open_logs(open_logs, NULL, NULL, APR_HOOK_MIDDLE);
    ap_hook_post_config(post_config, NULL, NULL, APR_HOOK_MIDDLE);
    ap_hook_child_init(child_init, NULL, NULL, APR_HOOK_MIDDLE);
    ap_hook_translate_name(cc_translate_name, NULL, before_proxy,
                           APR_HOOK_REALLY_FIRST);
    ap_hook_map_to_storage(cc_map_to_storage, NULL, NULL,
                           APR_HOOK_REALLY_FIRST);
    ap_hook_fixups(cc_request_fixups, NULL, NULL, APR_HOOK_LAST);
    ap_hook_handler(cc_handler, NULL, NULL, APR_HOOK_REALLY_FIRST);
    ap_hook_insert_filter(insert_filters, NULL, NULL, APR_HOOK_MIDDLE);
    ap_hook_insert_error_filter(insert_filters, NULL, NULL, APR_HOOK_MIDDLE);

    /* After INFLATE and INCLUDES (RESOURCE), before DEFLATE and the cache
     * (CONTENT_SET): see the notes on filter types. */
    html_filter = ap_register_output_filter_protocol(
        CC_FILTER_HTML, cc_filter_html, cc_filter_html_init,
        AP_FTYPE_RESOURCE + 5,
        AP_FILTER_PROTO_CHANGE | AP_FILTER_PROTO_CHANGE_LENGTH);
    /* Headers only: after mod_headers, mod_session and CACHE_SAVE/OUT
     * (<= CONTENT_SET + 1), before HTTP_HEADER (PROTOCOL); it also runs on
     * mod_cache quick-handler hits, which drop filters below CACHE_OUT. */
    cookies_filter = ap_register_output_filter(
        CC_FILTER_COOKIES, cc_filter_cookies, NULL, AP_FTYPE_CONTENT_SET + 5);
}
