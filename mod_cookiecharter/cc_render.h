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

/* charter.json: the charter key for key, defaults filled in (policy_url
 * needs the view's prefix), texts over every language, plus "v" (the
 * view's) and "charter_sha256". Only charter, prefix and v are read. */
const char *cc_render_charter_json(apr_pool_t *p, const cc_view *vw,
                                   apr_size_t *len);

/* The policy page's URL: policy_url, or prefix "/policy". */
const char *cc_render_policy_url(apr_pool_t *p, const cc_view *vw);

/* Shared by the render files (cc_render_banner.c). */

/* 1 when the view's language is French (fr, fr-*): the built-in words of
 * the banner and the policy page exist in French and English only. */
int cc_render_is_fr(const cc_view *vw);

/* A charter text in the view's language, HTML-escaped; "" when unset. */
const char *cc_render_text(apr_pool_t *p, const cc_view *vw,
                           const cc_text *t);

/* The consent form's hidden fields `return` and `v`, then one labelled
 * checkbox per category (optional ones ticked as the current choice,
 * required ones ticked and disabled), ids prefixed by `idp`. Pieces are
 * pushed onto `out` (an array of const char *). */
void cc_render_hidden_fields(apr_array_header_t *out, const cc_view *vw,
                             const char *return_path);
void cc_render_category_boxes(apr_array_header_t *out, const cc_view *vw,
                              const char *idp);

#endif
