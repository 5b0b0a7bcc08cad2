/* What the module writes from the charter: the banner markup, the asset
 * tags, the policy page and charter.json. Pure ASCII HTML (non-ASCII as
 * numeric character references) in XML-compatible syntax. */
#ifndef CC_RENDER_H
#define CC_RENDER_H

#include "cc_charter.h"
#include "cc_consent.h"

typedef struct cc_view {
    const cc_charter *charter;
    const char *prefix;         /* CookieCharterPath, e.g. "/cookiecharter" */
    const char *v;              /* the banner version V */
    int lang;                   /* index into charter->langs */
    cc_state state;
    cc_mask granted;            /* optional categories currently granted */
    const char *return_path;    /* this page's path (and query), or NULL */
    int manage_only;            /* cross-site frame: the manage control only */
} cc_view;

/* <link .../> and <script ...></script> for P/banner.css and P/banner.js. */
const char *cc_render_assets(apr_pool_t *p, const cc_view *vw,
                             apr_size_t *len);

/* The banner <div id="cookiecharter-banner" ...> and the manage control,
 * hidden when a choice (or a GPC refusal) exists. */
const char *cc_render_banner(apr_pool_t *p, const cc_view *vw,
                             apr_size_t *len);

/* The whole policy page (UTF-8 declared; ASCII bytes). */
const char *cc_render_policy(apr_pool_t *p, const cc_view *vw,
                             apr_size_t *len);

/* charter.json: the charter key for key, defaults filled in, texts over
 * every language, plus "v" and "charter_sha256". */
const char *cc_render_charter_json(apr_pool_t *p, const cc_charter *ch,
                                   const char *v, apr_size_t *len);

/* The policy page's URL: policy_url, or prefix "/policy". */
const char *cc_render_policy_url(apr_pool_t *p, const cc_view *vw);

#endif
