/* The policy page (section 5, GET P/policy): the charter's prose, one
 * table of cookies per category, and the preference form. A complete
 * HTML5 document, pure ASCII bytes, every charter text escaped. */
#include <string.h>

#include <apr_strings.h>
#include <apr_tables.h>

#include "cc_render.h"
#include "cc_util.h"

#define ADD(a, s) (APR_ARRAY_PUSH((a), const char *) = (s))

/* The built-in words of the page, French or English (other languages
 * fall back to English). */
typedef struct policy_words {
    const char *title;
    const char *cols[5];
    const char *none;
    const char *revision;
    const char *choices;
    const char *consent_service;
    const char *consent_purpose;
    const char *days;
} policy_words;

static const policy_words words_fr = {
    "Charte cookies",
    { "Nom du prestataire", "Service et emplacement", "Nom du cookie",
      "Finalit\xc3\xa9s", "Dur\xc3\xa9" "e" },
    "Aucun cookie d\xc3\xa9" "clar\xc3\xa9 dans cette cat\xc3\xa9gorie.",
    "R\xc3\xa9vision de la charte",
    "Vos choix",
    "Choix concernant vos pr\xc3\xa9" "f\xc3\xa9rences sur les cookies",
    "Permet de se souvenir du choix op\xc3\xa9r\xc3\xa9 par le visiteur"
    " concernant les cookies",
    "jours"
};

static const policy_words words_en = {
    "Cookie policy",
    { "Provider", "Service and location", "Cookie name", "Purpose",
      "Duration" },
    "No cookie declared in this category.",
    "Charter revision",
    "Your choices",
    "Your cookie preferences",
    "Remembers the visitor's choice about cookies",
    "days"
};

/* A text as paragraphs: a blank line starts a paragraph, single newlines
 * inside one are spaces. */
static void paragraphs(apr_array_header_t *out, const char *text)
{
    apr_pool_t *p = out->pool;
    const char *s = text;

    while (s && *s) {
        apr_array_header_t *lines = apr_array_make(p, 4, sizeof(const char *));

        /* Skip blank lines, then gather lines up to the next blank one. */
        for (;;) {
            const char *e = s + strcspn(s, "\n");
            const char *b = s, *t = e;

            while (b < t && (*b == ' ' || *b == '\t' || *b == '\r')) {
                b++;
            }
            while (t > b && (t[-1] == ' ' || t[-1] == '\t' || t[-1] == '\r')) {
                t--;
            }
            if (b == t) {
                if (lines->nelts) {
                    break;      /* the blank line ends the paragraph */
                }
            }
            else {
                ADD(lines, apr_pstrmemdup(p, b, t - b));
            }
            s = *e ? e + 1 : e;
            if (!*s) {
                break;
            }
        }
        if (lines->nelts) {
            ADD(out, apr_pstrcat(p, "<p>",
                                 cc_html_escape(p, apr_array_pstrcat(p, lines,
                                                                     ' ')),
                                 "</p>", NULL));
        }
    }
}

static const char *text_in(const cc_view *vw, const cc_text *t)
{
    return cc_text_get(t, vw->lang);
}

static void cell(apr_array_header_t *out, const char *s, int code)
{
    apr_pool_t *p = out->pool;

    ADD(out, apr_pstrcat(p, "<td>", code ? "<code>" : "",
                         cc_html_escape(p, s ? s : ""),
                         code ? "</code>" : "", "</td>", NULL));
}

static void cookie_row(apr_array_header_t *out, const cc_view *vw,
                       const cc_cookie *ck)
{
    ADD(out, "<tr>");
    cell(out, ck->provider, 0);
    cell(out, text_in(vw, &ck->service), 0);
    cell(out, ck->name, 1);
    cell(out, text_in(vw, &ck->purpose), 0);
    cell(out, text_in(vw, &ck->duration), 0);
    ADD(out, "</tr>");
}

/* Whether the charter declares the consent cookie by its exact name. */
static int consent_declared(const cc_charter *ch)
{
    int i;

    for (i = 0; i < ch->cookies->nelts; i++) {
        const cc_cookie *ck = APR_ARRAY_IDX(ch->cookies, i, const cc_cookie *);
        if (!ck->is_glob && strcmp(ck->name, ch->consent_cookie) == 0) {
            return 1;
        }
    }
    return 0;
}

/* A text with the same string in every language slot. */
static cc_text same_text(apr_pool_t *p, const cc_view *vw, const char *s)
{
    const char **v = apr_palloc(p, sizeof(*v) * vw->charter->nlangs);
    cc_text t;
    int i;

    for (i = 0; i < vw->charter->nlangs; i++) {
        v[i] = s;
    }
    t.v = v;
    return t;
}

/* A wide table scrolls inside a focusable region on narrow screens, so a
 * keyboard can scroll it too. */
static void table_head(apr_array_header_t *out, const policy_words *w,
                       const char *id)
{
    int k;

    ADD(out, apr_pstrcat(out->pool, "<div class=\"cookiecharter-table\""
                         " tabindex=\"0\" role=\"region\""
                         " aria-labelledby=\"cookiecharter-category-", id,
                         "\"><table><thead><tr>", NULL));
    for (k = 0; k < 5; k++) {
        ADD(out, apr_pstrcat(out->pool, "<th scope=\"col\">",
                             cc_html_escape(out->pool, w->cols[k]), "</th>",
                             NULL));
    }
    ADD(out, "</tr></thead><tbody>");
}

static void category_table(apr_array_header_t *out, const cc_view *vw,
                           const cc_category *c, const policy_words *w,
                           int add_consent)
{
    apr_pool_t *p = out->pool;
    const cc_charter *ch = vw->charter;
    const char *desc = text_in(vw, &c->description);
    int i, rows = 0;

    ADD(out, apr_pstrcat(p, "<h2 id=\"cookiecharter-category-",
                         cc_html_escape(p, c->id), "\">",
                         cc_render_text(p, vw, &c->label), "</h2>", NULL));
    if (desc) {
        paragraphs(out, desc);
    }
    for (i = 0; i < ch->cookies->nelts; i++) {
        const cc_cookie *ck = APR_ARRAY_IDX(ch->cookies, i, const cc_cookie *);
        if (ck->category != c) {
            continue;
        }
        if (rows++ == 0) {
            table_head(out, w, cc_html_escape(p, c->id));
        }
        cookie_row(out, vw, ck);
    }
    if (add_consent) {
        /* The module's own cookie is always listed, declared or not. */
        cc_cookie own;

        memset(&own, 0, sizeof(own));
        own.name = ch->consent_cookie;
        own.provider = ch->site_name;
        own.service = same_text(p, vw, w->consent_service);
        own.purpose = same_text(p, vw, w->consent_purpose);
        own.duration = same_text(p, vw, apr_psprintf(p, "%d %s",
                                                      ch->lifetime_days,
                                                      w->days));
        if (rows++ == 0) {
            table_head(out, w, cc_html_escape(p, c->id));
        }
        cookie_row(out, vw, &own);
    }
    if (rows) {
        ADD(out, "</tbody></table></div>");
    }
    else {
        ADD(out, apr_pstrcat(p, "<p>", cc_html_escape(p, w->none), "</p>",
                             NULL));
    }
}

const char *cc_render_policy(apr_pool_t *p, const cc_view *vw,
                             apr_size_t *len)
{
    const cc_charter *ch = vw->charter;
    const policy_words *w = cc_render_is_fr(vw) ? &words_fr : &words_en;
    apr_array_header_t *out = apr_array_make(p, 256, sizeof(const char *));
    const char *pre = cc_html_escape(p, vw->prefix);
    const char *title = text_in(vw, &ch->policy_title);
    const char *intro = text_in(vw, &ch->policy_intro);
    const char *self = vw->return_path ? vw->return_path
                       : apr_pstrcat(p, vw->prefix, "/policy", NULL);
    const char *action = apr_pstrcat(p, "method=\"post\" action=\"", pre,
                                     "/consent\"", NULL);
    int add_consent = !consent_declared(ch);
    cc_view self_vw = *vw;
    cc_tpl *form;
    const char *s;
    int i;

    if (!title) {
        title = w->title;
    }
    /* The form returns here. */
    self_vw.return_path = self;
    ADD(out, apr_pstrcat(p,
        "<!DOCTYPE html>\n<html lang=\"",
        cc_html_escape(p, ch->langs[vw->lang]), "\">\n<head>\n"
        "<meta charset=\"utf-8\"/>\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        "<title>", cc_html_escape(p, title), " - ",
        cc_html_escape(p, ch->site_name), "</title>\n", NULL));
    ADD(out, cc_render_assets(p, vw, NULL));
    ADD(out, apr_pstrcat(p, "\n</head>\n<body class=\"cookiecharter-policy\">\n"
                         "<main>\n<h1>", cc_html_escape(p, title), "</h1>\n",
                         NULL));
    if (intro) {
        paragraphs(out, intro);
    }
    for (i = 0; ch->sections && i < ch->sections->nelts; i++) {
        const cc_section *sec = &APR_ARRAY_IDX(ch->sections, i, cc_section);
        const char *text = text_in(vw, &sec->text);

        ADD(out, apr_pstrcat(p, "\n<h2>",
                             cc_render_text(p, vw, &sec->heading), "</h2>\n",
                             NULL));
        if (text) {
            paragraphs(out, text);
        }
    }
    for (i = 0; i < ch->categories->nelts; i++) {
        const cc_category *c = APR_ARRAY_IDX(ch->categories, i,
                                             const cc_category *);
        ADD(out, "\n");
        category_table(out, vw, c, w,
                       add_consent && c == ch->consent_category);
    }

    /* The preference form. Accept-all and reject-all belong (through the
     * form attribute) to a form of their own, so that they never post the
     * ticked boxes: the endpoint answers 400 to category without custom. */
    ADD(out, apr_pstrcat(p, "\n<h2>", cc_html_escape(p, w->choices),
                         "</h2>\n<form id=\"cookiecharter-quick\" ", action,
                         ">", NULL));
    form = cc_tpl_make(p);
    cc_render_hidden_fields(p, form, &self_vw);
    cc_tpl_add(form, apr_pstrcat(p, "</form>\n<form id=\"cookiecharter-preferences\" ",
                                 action, " class=\"cookiecharter-panel\">", NULL));
    cc_render_hidden_fields(p, form, &self_vw);
    cc_tpl_add(form, apr_pstrcat(p, "<fieldset><legend>",
                                 cc_render_text(p, vw, &ch->texts[CC_T_CUSTOMIZE]),
                                 "</legend>", NULL));
    cc_render_category_boxes(p, form, vw, "cookiecharter-p-");
    cc_tpl_finish(form);
    ADD(out, cc_tpl_fill(p, form, &self_vw, NULL));
    ADD(out, apr_pstrcat(p, "</fieldset><div class=\"cookiecharter-actions\">"
        "<button type=\"submit\" form=\"cookiecharter-quick\" name=\"choice\""
        " value=\"accept-all\" class=\"cookiecharter-button\">",
        cc_render_text(p, vw, &ch->texts[CC_T_ACCEPT_ALL]), "</button>"
        "<button type=\"submit\" form=\"cookiecharter-quick\" name=\"choice\""
        " value=\"reject-all\" class=\"cookiecharter-button\">",
        cc_render_text(p, vw, &ch->texts[CC_T_REJECT_ALL]), "</button>"
        "<button type=\"submit\" name=\"choice\" value=\"custom\""
        " class=\"cookiecharter-button\">",
        cc_render_text(p, vw, &ch->texts[CC_T_SAVE]), "</button>"
        "</div></form>\n", NULL));
    ADD(out, apr_pstrcat(p, "<p class=\"cookiecharter-revision\">",
                         cc_html_escape(p, w->revision), ": ",
                         cc_html_escape(p, ch->revision), "</p>\n"
                         "</main>\n</body>\n</html>\n", NULL));

    s = apr_array_pstrcat(p, out, 0);
    if (len) {
        *len = strlen(s);
    }
    return s;
}
