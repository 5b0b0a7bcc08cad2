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

/* Markup rendered once with holes that a request fills: the banner is
 * the same for every visitor of a language but for a few attributes, so
 * it is made at startup and each page only fills the holes
 * (cc_render_tpl.c).
 * A finished template is read-only: threads may share it. */
typedef enum {
    CC_HOLE_GRANTED_IDS,    /* the optional categories granted, joined by
                               '+', or "-" */
    CC_HOLE_HIDDEN,         /* ` hidden="hidden"` once a choice (or a GPC
                               refusal) exists */
    CC_HOLE_RETURN,         /* the hidden `return` field for the view's
                               return_path, or nothing */
    CC_HOLE_TICK            /* ` checked="checked"` when category `arg` is
                               granted by a real choice */
} cc_hole;

typedef struct cc_tpl cc_tpl;

cc_tpl *cc_tpl_make(apr_pool_t *p);
/* Append fixed markup; the string must live as long as the template. */
void cc_tpl_add(cc_tpl *t, const char *s);
void cc_tpl_hole(cc_tpl *t, cc_hole hole, int arg);
/* Ends the template: fixed runs are joined once, here. */
void cc_tpl_finish(cc_tpl *t);
/* Resolve once every hole but the return field for views of vw's state
 * and grant (the visitor who granted everything, say): filling for them
 * then copies only the runs around the return fields. Kept only when
 * that makes at most CC_TPL_PIECES_MAX pieces. Before sharing. */
void cc_tpl_expect(cc_tpl *t, const cc_view *vw);
/* A run of markup; `lasting`: it points into the template, and lives as
 * long as the template does. */
typedef struct cc_piece {
    const char *data;
    apr_size_t len;
    int lasting;
} cc_piece;
#define CC_TPL_PIECES_MAX 5
/* The markup as at most CC_TPL_PIECES_MAX pieces, in order: for a view
 * that cc_tpl_expect prepared, the template's own runs around the filled
 * return fields (nothing else is copied); else one piece from cc_tpl_fill.
 * Returns how many pieces (empty ones are left out). */
int cc_tpl_pieces(apr_pool_t *p, const cc_tpl *t, const cc_view *vw,
                  cc_piece *pieces);
/* The markup with the view's values in the holes, in one allocation. */
const char *cc_tpl_fill(apr_pool_t *p, const cc_tpl *t, const cc_view *vw,
                        apr_size_t *len);

/* The banner of cc_render_banner() as a finished template; only the
 * view's charter, prefix, v, lang and manage_only are read. */
cc_tpl *cc_render_banner_tpl(apr_pool_t *p, const cc_view *vw);

/* Shared by the render files (cc_render_banner.c). */

/* 1 when the view's language is French (fr, fr-*): the built-in words of
 * the banner and the policy page exist in French and English only. */
int cc_render_is_fr(const cc_view *vw);

/* A charter text in the view's language, HTML-escaped; "" when unset. */
const char *cc_render_text(apr_pool_t *p, const cc_view *vw,
                           const cc_text *t);

/* The consent form's hidden fields `return` (the view's return_path, a
 * hole) and `v`, then one labelled checkbox per category (optional ones
 * ticked as the current choice, a hole; required ones ticked and
 * disabled), ids prefixed by `idp`. Appended to `t`, allocated from p. */
void cc_render_hidden_fields(apr_pool_t *p, cc_tpl *t, const cc_view *vw);
void cc_render_category_boxes(apr_pool_t *p, cc_tpl *t, const cc_view *vw,
                              const char *idp);

#endif
