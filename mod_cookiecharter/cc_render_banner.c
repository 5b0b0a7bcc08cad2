/* The banner markup and the asset tags injected into pages (sections 6
 * and 7), and the form fields the policy page shares with the banner.
 * Everything written is pure ASCII (cc_html_escape) in XML-compatible
 * syntax, with no style attribute and no inline script, so it is right in
 * any ASCII-compatible charset, in XHTML and under a strict CSP. */
#include <string.h>

#include <apr_strings.h>
#include <apr_tables.h>

#include "cc_render.h"
#include "cc_util.h"

int cc_render_is_fr(const cc_view *vw)
{
    const char *l = vw->charter->langs[vw->lang];

    return l[0] == 'f' && l[1] == 'r' && (l[2] == '\0' || l[2] == '-');
}

const char *cc_render_text(apr_pool_t *p, const cc_view *vw,
                           const cc_text *t)
{
    const char *s = cc_text_get(t, vw->lang);

    return s ? cc_html_escape(p, s) : "";
}

const char *cc_render_policy_url(apr_pool_t *p, const cc_view *vw)
{
    if (vw->charter->policy_url) {
        return vw->charter->policy_url;
    }
    return apr_pstrcat(p, vw->prefix, "/policy", NULL);
}

void cc_render_hidden_fields(apr_pool_t *p, cc_tpl *t, const cc_view *vw)
{
    cc_tpl_hole(t, CC_HOLE_RETURN, 0);
    cc_tpl_add(t, apr_pstrcat(p, "<input type=\"hidden\" name=\"v\" value=\"",
                              cc_html_escape(p, vw->v ? vw->v : ""), "\"/>",
                              NULL));
}

void cc_render_category_boxes(apr_pool_t *p, cc_tpl *t, const cc_view *vw,
                              const char *idp)
{
    const cc_charter *ch = vw->charter;
    const char *required = cc_render_is_fr(vw) ? " (obligatoire)"
                                               : " (required)";
    int i;

    for (i = 0; i < ch->categories->nelts; i++) {
        const cc_category *c = APR_ARRAY_IDX(ch->categories, i,
                                             const cc_category *);
        const char *id = cc_html_escape(p, c->id);
        const char *box = apr_pstrcat(p, idp, id, NULL);
        const char *desc = cc_text_get(&c->description, vw->lang);
        const char *described = desc
            ? apr_pstrcat(p, " aria-describedby=\"", box, "-desc\"", NULL)
            : "";

        cc_tpl_add(t, "<div class=\"cookiecharter-category\">");
        if (c->required) {
            /* No name: shown for information, never posted. */
            cc_tpl_add(t, apr_pstrcat(p, "<input type=\"checkbox\" id=\"",
                                      box, "\"", described,
                                      " checked=\"checked\""
                                      " disabled=\"disabled\"/>", NULL));
        }
        else {
            cc_tpl_add(t, apr_pstrcat(p, "<input type=\"checkbox\""
                                      " name=\"category\" value=\"", id,
                                      "\" id=\"", box, "\"", described,
                                      NULL));
            cc_tpl_hole(t, CC_HOLE_TICK, c->index);
            cc_tpl_add(t, "/>");
        }
        cc_tpl_add(t, apr_pstrcat(p, "<label for=\"", box, "\">",
                                  cc_render_text(p, vw, &c->label),
                                  c->required ? required : "", "</label>",
                                  NULL));
        if (desc) {
            cc_tpl_add(t, apr_pstrcat(p, "<p id=\"", box,
                                      "-desc\" class=\"cookiecharter-description\">",
                                      cc_html_escape(p, desc), "</p>", NULL));
        }
        cc_tpl_add(t, "</div>");
    }
}

const char *cc_render_assets(apr_pool_t *p, const cc_view *vw,
                             apr_size_t *len)
{
    const char *v = cc_html_escape(p, vw->v ? vw->v : "");
    const char *pre = cc_html_escape(p, vw->prefix);
    const char *s = apr_pstrcat(p,
        "<link rel=\"stylesheet\" href=\"", pre, "/banner.css?v=", v, "\"/>",
        "<script src=\"", pre, "/banner.js?v=", v,
        "\" defer=\"defer\"></script>", NULL);

    if (len) {
        *len = strlen(s);
    }
    return s;
}

/* The manage control: always there, the way back to one's choice. In a
 * cross-site frame, where the consent cookie cannot be stored, it opens
 * the policy page in a top-level context of its own. */
static void manage_control(apr_pool_t *p, cc_tpl *t, const cc_view *vw,
                           const char *pre)
{
    cc_tpl_add(t, apr_pstrcat(p, "<a id=\"cookiecharter-manage\" href=\"",
                              pre, "/policy#cookiecharter-preferences\"",
                              vw->manage_only
                              ? " target=\"_blank\" rel=\"noopener\"" : "",
                              ">",
                              cc_render_text(p, vw,
                                             &vw->charter->texts[CC_T_MANAGE]),
                              "</a>", NULL));
}

cc_tpl *cc_render_banner_tpl(apr_pool_t *p, const cc_view *vw)
{
    const cc_charter *ch = vw->charter;
    cc_tpl *t = cc_tpl_make(p);
    const char *pre = cc_html_escape(p, vw->prefix);
    const char *action = apr_pstrcat(p, "<form method=\"post\" action=\"",
                                     pre, "/consent\"", NULL);
    int i, purposes = 0;

    if (!vw->manage_only) {
        cc_tpl_add(t, apr_pstrcat(p,
            "<div id=\"cookiecharter-banner\" role=\"dialog\""
            " aria-labelledby=\"cookiecharter-title\" lang=\"",
            cc_html_escape(p, ch->langs[vw->lang]),
            "\" data-cookiecharter-granted=\"", NULL));
        cc_tpl_hole(t, CC_HOLE_GRANTED_IDS, 0);
        cc_tpl_add(t, "\" aria-describedby=\"cookiecharter-message\"");
        cc_tpl_hole(t, CC_HOLE_HIDDEN, 0);
        cc_tpl_add(t, "><div class=\"cookiecharter-inner\">");
        /* A paragraph, not a heading: the banner comes before the page's
         * own h1 and must not disturb its outline. */
        cc_tpl_add(t, apr_pstrcat(p,
            "<p id=\"cookiecharter-title\">",
            cc_render_text(p, vw, &ch->texts[CC_T_TITLE]), "</p>"
            "<p id=\"cookiecharter-message\">",
            cc_render_text(p, vw, &ch->texts[CC_T_MESSAGE]), "</p>", NULL));

        /* What consent would be given to, before any choice. */
        for (i = 0; i < ch->categories->nelts; i++) {
            const cc_category *c = APR_ARRAY_IDX(ch->categories, i,
                                                 const cc_category *);
            if (!c->required) {
                cc_tpl_add(t, purposes++ ? "<li>"
                           : "<ul class=\"cookiecharter-purposes\"><li>");
                cc_tpl_add(t, cc_render_text(p, vw, &c->label));
                cc_tpl_add(t, "</li>");
            }
        }
        if (purposes) {
            cc_tpl_add(t, "</ul>");
        }
        cc_tpl_add(t, apr_pstrcat(p, "<p class=\"cookiecharter-more\"><a href=\"",
                                  cc_html_escape(p, cc_render_policy_url(p, vw)),
                                  "\">",
                                  cc_render_text(p, vw,
                                                 &ch->texts[CC_T_LEARN_MORE]),
                                  "</a></p>", NULL));

        /* First layer: its own form, so that accepting or refusing never
         * posts category boxes (the endpoint refuses category without
         * custom). Three controls of one class: refusing is as easy as
         * accepting. */
        cc_tpl_add(t, apr_pstrcat(p, action,
                                  " class=\"cookiecharter-choices\">", NULL));
        cc_render_hidden_fields(p, t, vw);
        cc_tpl_add(t, apr_pstrcat(p,
            "<div class=\"cookiecharter-actions\">"
            "<button type=\"submit\" name=\"choice\" value=\"accept-all\""
            " class=\"cookiecharter-button\">",
            cc_render_text(p, vw, &ch->texts[CC_T_ACCEPT_ALL]), "</button>"
            "<button type=\"submit\" name=\"choice\" value=\"reject-all\""
            " class=\"cookiecharter-button\">",
            cc_render_text(p, vw, &ch->texts[CC_T_REJECT_ALL]), "</button>"
            "<a id=\"cookiecharter-customize\" href=\"", pre,
            "/policy#cookiecharter-preferences\""
            " class=\"cookiecharter-button\">",
            cc_render_text(p, vw, &ch->texts[CC_T_CUSTOMIZE]), "</a>"
            "</div></form>", NULL));

        /* Second layer, opened in place by banner.js; without script the
         * customise link leads to the policy page's form instead. */
        cc_tpl_add(t, apr_pstrcat(p, action,
                                  " id=\"cookiecharter-panel\""
                                  " class=\"cookiecharter-panel\""
                                  " hidden=\"hidden\">", NULL));
        cc_render_hidden_fields(p, t, vw);
        cc_tpl_add(t, apr_pstrcat(p, "<fieldset><legend>",
                                  cc_render_text(p, vw,
                                                 &ch->texts[CC_T_CUSTOMIZE]),
                                  "</legend>", NULL));
        cc_render_category_boxes(p, t, vw, "cookiecharter-b-");
        cc_tpl_add(t, apr_pstrcat(p, "</fieldset>"
            "<div class=\"cookiecharter-actions\">"
            "<button type=\"submit\" name=\"choice\" value=\"custom\""
            " class=\"cookiecharter-button\">",
            cc_render_text(p, vw, &ch->texts[CC_T_SAVE]), "</button>"
            "</div></form></div></div>", NULL));
    }
    manage_control(p, t, vw, pre);
    cc_tpl_finish(t);
    return t;
}

const char *cc_render_banner(apr_pool_t *p, const cc_view *vw,
                             apr_size_t *len)
{
    return cc_tpl_fill(p, cc_render_banner_tpl(p, vw), vw, len);
}
