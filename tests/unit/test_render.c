/* Unit tests: render (the banner, the asset tags, the policy page and
 * charter.json). Charters are built by hand here, so that hostile texts
 * the loader would accept can be tried; the reference charter is loaded
 * from conf/ when it is there. */
#include <string.h>
#include <unistd.h>

#include <apr_strings.h>
#include <apr_tables.h>

#include "cc_unit.h"
#include "cc_charter.h"
#include "cc_render.h"

/* ---- a hand-built charter ---------------------------------------------- */

static cc_text t2(const char *fr, const char *en)
{
    const char **v = apr_palloc(cc_test_pool, 2 * sizeof(*v));
    cc_text t;

    v[0] = fr;
    v[1] = en;
    t.v = v;
    return t;
}

static cc_category *category(cc_charter *ch, const char *id, int required,
                             cc_text label, cc_text desc)
{
    cc_category *c = apr_pcalloc(cc_test_pool, sizeof(*c));

    c->id = id;
    c->index = ch->categories->nelts;
    c->required = required;
    c->label = label;
    c->description = desc;
    c->hosts = apr_array_make(cc_test_pool, 2, sizeof(cc_host_rule));
    APR_ARRAY_PUSH(ch->categories, cc_category *) = c;
    if (required) {
        ch->required_mask |= CC_MASK_BIT(c->index);
        if (!ch->consent_category) {
            ch->consent_category = c;
        }
    }
    else {
        ch->optional_mask |= CC_MASK_BIT(c->index);
    }
    return c;
}

static void cookie(cc_charter *ch, const char *name, cc_category *c,
                   const char *provider, cc_text service, cc_text purpose,
                   cc_text duration)
{
    cc_cookie *ck = apr_pcalloc(cc_test_pool, sizeof(*ck));

    ck->name = name;
    ck->is_glob = strpbrk(name, "*?") != NULL;
    ck->category = c;
    ck->provider = provider;
    ck->service = service;
    ck->purpose = purpose;
    ck->duration = duration;
    ck->path = "/";
    ck->declared = 1;
    APR_ARRAY_PUSH(ch->cookies, cc_cookie *) = ck;
}

/* The seed's charter (data.82numerique.fr), in French and English;
 * `hostile` puts markup and quotes into every kind of text. */
static cc_charter *hand_charter(int hostile, int declare_consent)
{
    static const char *const langs[] = { "fr", "en" };
    cc_charter *ch = apr_pcalloc(cc_test_pool, sizeof(*ch));
    cc_category *nec, *stats;
    cc_section *sec;
    cc_host_rule *h;
    const char *evil = "<script>alert(\"x\")</script> & 'q'";

    ch->file = "/hand/charter.yaml";
    ch->sha256 = "0123456789abcdef0123456789abcdef"
                 "0123456789abcdef0123456789abcdef";
    ch->schema = 1;
    ch->site_name = hostile ? evil : "data.82numerique.fr";
    ch->site_url = "https://data.82numerique.fr";
    ch->revision = "2024-06";
    ch->nlangs = 2;
    ch->langs = langs;
    ch->consent_cookie = "cookies_preferences";
    ch->lifetime_days = 182;
    ch->policy_title = t2("Charte cookies", "Cookie policy");
    ch->policy_intro = t2("Afin de vous proposer le meilleur service possible"
                          "\nnous utilisons des cookies.\n\n"
                          "Second paragraphe.",
                          "To offer you the best possible service\n"
                          "we use cookies.\n\nSecond paragraph.");
    ch->sections = apr_array_make(cc_test_pool, 2, sizeof(cc_section));
    sec = apr_array_push(ch->sections);
    sec->heading = t2("Qu'est ce qu'un cookie ?", "What is a cookie?");
    sec->text = hostile ? t2(evil, evil)
                        : t2("Un \"cookie\" est une suite d'informations.",
                             "A \"cookie\" is a piece of information.");
    ch->categories = apr_array_make(cc_test_pool, 4, sizeof(cc_category *));
    ch->cookies = apr_array_make(cc_test_pool, 8, sizeof(cc_cookie *));

    nec = category(ch, "necessary", 1,
                   t2("Cookies n\xc3\xa9" "cessaires", "Strictly necessary"),
                   t2("Indispensables au site.", "Needed by the site."));
    stats = category(ch, "statistics", 0,
                     hostile ? t2(evil, evil)
                             : t2("Mesure d'audience", "Audience measurement"),
                     t2("Matomo, sans publicit\xc3\xa9.",
                        "Matomo, no advertising."));
    category(ch, "marketing", 0, t2("Publicit\xc3\xa9", "Advertising"),
             t2("Partenaires.", "Partners."));
    h = apr_array_push(stats->hosts);
    h->host = "matomo.example.org";
    h->category = stats;
    h = apr_array_push(stats->hosts);
    h->path = "/matomo/";
    h->path_len = 8;
    h->category = stats;

    cookie(ch, "sessionid", nec, "Opendatasoft",
           t2("Authentification (front et back office)",
              "Authentication (front and back office)"),
           hostile ? t2(evil, evil)
                   : t2("Se souvenir de l'utilisateur d'une page \xc3\xa0"
                        " une autre.",
                        "Remember the user from one page to another."),
           t2("2 semaines", "2 weeks"));
    cookie(ch, "django_language", nec, "Opendatasoft",
           t2("S\xc3\xa9lection de la langue (front et back office)",
              "Language selection (front and back office)"),
           t2("Se souvenir de la langue du visiteur",
              "Remember the visitor's language"),
           t2(NULL, NULL));
    cookie(ch, "csrftoken", nec, "Opendatasoft",
           t2("API (CSRF) (front et back office)",
              "API (CSRF) (front and back office)"),
           t2("R\xc3\xa9" "cup\xc3\xa9rer des donn\xc3\xa9" "es via des"
              " appels API", "Fetch data through API calls"),
           t2("1 an", "1 year"));
    if (declare_consent) {
        cookie(ch, "cookies_preferences", nec, "Opendatasoft",
               t2("Choix concernant vos pr\xc3\xa9" "f\xc3\xa9rences sur les"
                  " cookies", "Your cookie preferences"),
               t2("Permet de se souvenir du choix op\xc3\xa9r\xc3\xa9 par le"
                  " visiteur concernant les cookies",
                  "Remembers the visitor's choice about cookies"),
               t2("6 mois", "6 months"));
    }
    cookie(ch, "_pk_id.*", stats, "Matomo", t2("Statistiques", "Statistics"),
           t2("Mesure d'audience", "Audience measurement"),
           t2("13 mois", "13 months"));
    /* The duration of django_language is absent, as the loader gives it. */
    APR_ARRAY_IDX(ch->cookies, 1, cc_cookie *)->duration.v = NULL;

    ch->texts[CC_T_TITLE] = t2("Les cookies sur ce site", "Cookies on this site");
    ch->texts[CC_T_MESSAGE] = hostile ? t2(evil, evil)
        : t2("Nous utilisons des cookies pour la mesure d'audience ; vous"
             " pouvez les accepter ou les refuser.",
             "We use cookies to measure the audience; you may accept or"
             " refuse them.");
    ch->texts[CC_T_ACCEPT_ALL] = t2("Tout accepter", "Accept all");
    ch->texts[CC_T_REJECT_ALL] = t2("Tout refuser", "Reject all");
    ch->texts[CC_T_CUSTOMIZE] = t2("Personnaliser", "Customise");
    ch->texts[CC_T_SAVE] = t2("Enregistrer mes choix", "Save my choices");
    ch->texts[CC_T_MANAGE] = t2("Cookies", "Cookies");
    ch->texts[CC_T_LEARN_MORE] = t2("En savoir plus", "Learn more");
    return ch;
}

static cc_view view(const cc_charter *ch, int lang, cc_state state,
                    cc_mask granted)
{
    cc_view vw;

    memset(&vw, 0, sizeof(vw));
    vw.charter = ch;
    vw.prefix = "/cookiecharter";
    vw.v = "0123abcd4567ef89";
    vw.lang = lang;
    vw.state = state;
    vw.granted = granted;
    vw.return_path = "/page?a=1&b=2";
    return vw;
}

/* ---- checks ------------------------------------------------------------ */

static int count(const char *hay, const char *needle)
{
    int n = 0;
    const char *s = hay;

    while ((s = strstr(s, needle)) != NULL) {
        n++;
        s += strlen(needle);
    }
    return n;
}

static int pure_ascii(const char *s)
{
    for (; *s; s++) {
        if ((unsigned char)*s >= 0x80) {
            return 0;
        }
    }
    return 1;
}

/* The text between the first `from` and the next `to` after it. */
static const char *between(const char *s, const char *from, const char *to)
{
    const char *a = strstr(s, from), *b;

    if (!a) {
        return NULL;
    }
    b = strstr(a, to);
    return b ? apr_pstrndup(cc_test_pool, a, b - a + strlen(to)) : NULL;
}

/* The start tag of the element with this id attribute. */
static const char *start_tag(const char *s, const char *id)
{
    const char *a = strstr(s, apr_pstrcat(cc_test_pool, "id=\"", id, "\"",
                                          NULL));
    const char *b, *e;

    if (!a) {
        return NULL;
    }
    for (b = a; b > s && *b != '<'; b--)
        ;
    e = strchr(a, '>');
    return e ? apr_pstrndup(cc_test_pool, b, e - b + 1) : NULL;
}

/* Enough of XML well-formedness for markup written by the module: tags
 * nest and close, attributes are quoted, `&` starts a reference, void
 * elements are self-closed. Returns NULL or what is wrong. */
static const char *xml_check(const char *s)
{
    const char *stack[128];
    int depth = 0;

    while (*s) {
        if (*s == '&') {
            const char *e = s + 1;
            if (*e == '#') {
                e++;
            }
            while ((*e >= 'a' && *e <= 'z') || (*e >= '0' && *e <= '9')) {
                e++;
            }
            if (*e != ';' || e == s + 1) {
                return apr_pstrcat(cc_test_pool, "bare &: ",
                                   apr_pstrndup(cc_test_pool, s, 20), NULL);
            }
            s = e + 1;
        }
        else if (*s == '>') {
            return "stray >";
        }
        else if (*s != '<') {
            s++;
        }
        else if (strncmp(s, "<!DOCTYPE html>", 15) == 0) {
            s += 15;
        }
        else if (s[1] == '/') {
            apr_size_t n = strcspn(s + 2, ">");
            if (depth == 0 || strlen(stack[depth - 1]) != n
                || strncmp(stack[depth - 1], s + 2, n) != 0) {
                return apr_pstrcat(cc_test_pool, "unbalanced ",
                                   apr_pstrndup(cc_test_pool, s, n + 3), NULL);
            }
            depth--;
            s += n + 3;
        }
        else {
            apr_size_t n = strcspn(s + 1, " />");
            const char *name = apr_pstrndup(cc_test_pool, s + 1, n);
            const char *a = s + 1 + n;

            for (;;) {
                while (*a == ' ') {
                    a++;
                }
                if (*a == '>' || (a[0] == '/' && a[1] == '>') || !*a) {
                    break;
                }
                a += strcspn(a, "= />");
                if (a[0] != '=' || a[1] != '"') {
                    return apr_pstrcat(cc_test_pool, "unquoted attribute in <",
                                       name, NULL);
                }
                a = strchr(a + 2, '"');
                if (!a) {
                    return "open attribute";
                }
                a++;
            }
            if (!*a) {
                return "open tag";
            }
            if (*a == '/') {
                s = a + 2;
            }
            else {
                if (!strcmp(name, "input") || !strcmp(name, "meta")
                    || !strcmp(name, "link") || !strcmp(name, "br")) {
                    return apr_pstrcat(cc_test_pool, "void <", name,
                                       "> not self-closed", NULL);
                }
                if (depth == 128) {
                    return "too deep";
                }
                stack[depth++] = name;
                s = a + 1;
            }
        }
    }
    return depth ? apr_pstrcat(cc_test_pool, "unclosed <", stack[depth - 1],
                               ">", NULL) : NULL;
}

/* A JSON validator (RFC 8259 grammar, recursion bounded). */
static const char *json_value(const char *s, int depth);

static const char *json_ws(const char *s)
{
    while (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t') {
        s++;
    }
    return s;
}

static const char *json_string(const char *s)
{
    if (*s++ != '"') {
        return NULL;
    }
    while (*s != '"') {
        if ((unsigned char)*s < 0x20) {
            return NULL;
        }
        if (*s == '\\') {
            s++;
            if (*s == 'u') {
                int i;
                for (i = 1; i <= 4; i++) {
                    if (!strchr("0123456789abcdefABCDEF", s[i]) || !s[i]) {
                        return NULL;
                    }
                }
                s += 4;
            }
            else if (!*s || !strchr("\"\\/bfnrt", *s)) {
                return NULL;
            }
        }
        s++;
    }
    return s + 1;
}

static const char *json_value(const char *s, int depth)
{
    s = json_ws(s);
    if (depth > 64) {
        return NULL;
    }
    if (*s == '{' || *s == '[') {
        char close = *s == '{' ? '}' : ']';
        int obj = *s == '{';
        s = json_ws(s + 1);
        if (*s == close) {
            return s + 1;
        }
        for (;;) {
            if (obj) {
                s = json_string(json_ws(s));
                if (!s || *(s = json_ws(s)) != ':') {
                    return NULL;
                }
                s++;
            }
            s = json_value(s, depth + 1);
            if (!s) {
                return NULL;
            }
            s = json_ws(s);
            if (*s == close) {
                return s + 1;
            }
            if (*s++ != ',') {
                return NULL;
            }
        }
    }
    if (*s == '"') {
        return json_string(s);
    }
    if (!strncmp(s, "true", 4) || !strncmp(s, "null", 4)) {
        return s + 4;
    }
    if (!strncmp(s, "false", 5)) {
        return s + 5;
    }
    if (*s == '-' || (*s >= '0' && *s <= '9')) {
        const char *b = s;
        s += *s == '-';
        while ((*s >= '0' && *s <= '9') || *s == '.' || *s == 'e'
               || *s == 'E' || *s == '+' || *s == '-') {
            s++;
        }
        return s > b ? s : NULL;
    }
    return NULL;
}

static int json_valid(const char *s)
{
    s = json_value(s, 0);
    return s && *json_ws(s) == '\0';
}

/* ---- tests ------------------------------------------------------------- */

START_TEST(assets_tags)
{
    cc_charter *ch = hand_charter(0, 1);
    cc_view vw = view(ch, 0, CC_STATE_UNSET, 0);
    apr_size_t len;
    const char *s = cc_render_assets(cc_test_pool, &vw, &len);

    ck_assert_str_eq(s, "<link rel=\"stylesheet\" href=\"/cookiecharter/"
                     "banner.css?v=0123abcd4567ef89\"/><script src=\""
                     "/cookiecharter/banner.js?v=0123abcd4567ef89\""
                     " defer=\"defer\"></script>");
    ck_assert_uint_eq(len, strlen(s));
}
END_TEST

START_TEST(banner_first_visit)
{
    cc_charter *ch = hand_charter(0, 1);
    cc_view vw = view(ch, 0, CC_STATE_UNSET, 0);
    apr_size_t len;
    const char *s = cc_render_banner(cc_test_pool, &vw, &len);
    const char *div = start_tag(s, "cookiecharter-banner");
    const char *first = between(s, "class=\"cookiecharter-choices\"",
                                "</form>");
    const char *panel = start_tag(s, "cookiecharter-panel");
    const char *why;

    ck_assert_uint_eq(len, strlen(s));
    ck_assert_ptr_nonnull(div);
    ck_assert_msg(strncmp(s, "<div id=\"cookiecharter-banner\" role=\"dialog\""
                          " aria-labelledby=\"cookiecharter-title\""
                          " lang=\"fr\" data-cookiecharter-granted=\"-\"",
                          strlen("<div id=\"cookiecharter-banner\" role=\"dialog\""
                                 " aria-labelledby=\"cookiecharter-title\""
                                 " lang=\"fr\" data-cookiecharter-granted=\"-\""))
                  == 0, "banner start: %s", div);
    ck_assert_ptr_null(strstr(div, "hidden"));
    ck_assert_ptr_nonnull(strstr(div, "aria-describedby=\"cookiecharter-message\""));
    ck_assert_ptr_nonnull(strstr(s, "<p id=\"cookiecharter-title\">Les cookies sur ce site</p>"));
    ck_assert_ptr_nonnull(strstr(s, "id=\"cookiecharter-message\""));
    ck_assert_ptr_nonnull(strstr(s, "<form method=\"post\" action=\"/cookiecharter/consent\""));

    /* First layer: exactly three controls, all of one class. */
    ck_assert_ptr_nonnull(first);
    ck_assert_int_eq(count(first, "<button"), 2);
    ck_assert_int_eq(count(first, "<a "), 1);
    ck_assert_int_eq(count(first, "class=\"cookiecharter-button\""), 3);
    ck_assert_ptr_nonnull(strstr(first, "<button type=\"submit\" name=\"choice\" value=\"accept-all\""));
    ck_assert_ptr_nonnull(strstr(first, "<button type=\"submit\" name=\"choice\" value=\"reject-all\""));
    ck_assert_ptr_nonnull(strstr(first, "<a id=\"cookiecharter-customize\" href=\"/cookiecharter/policy#cookiecharter-preferences\""));
    ck_assert_ptr_null(strstr(first, "name=\"category\""));
    ck_assert_ptr_nonnull(strstr(first, "<input type=\"hidden\" name=\"return\" value=\"/page?a=1&amp;b=2\"/>"));
    ck_assert_ptr_nonnull(strstr(first, "<input type=\"hidden\" name=\"v\" value=\"0123abcd4567ef89\"/>"));

    /* Purposes before any choice: every optional label, not the
     * required one. */
    ck_assert_ptr_nonnull(strstr(s, "<ul class=\"cookiecharter-purposes\"><li>Mesure d&#39;audience</li><li>Publicit&#233;</li></ul>"));
    ck_assert_ptr_nonnull(strstr(s, "<a href=\"/cookiecharter/policy\">En savoir plus</a>"));

    /* The panel: hidden, boxes unticked, required shown ticked and
     * disabled without a name, save posts custom. */
    ck_assert_ptr_nonnull(panel);
    ck_assert_ptr_nonnull(strstr(panel, "hidden=\"hidden\""));
    ck_assert_ptr_nonnull(strstr(s, "<input type=\"checkbox\" name=\"category\" value=\"statistics\" id=\"cookiecharter-b-statistics\" aria-describedby=\"cookiecharter-b-statistics-desc\"/>"));
    ck_assert_ptr_nonnull(strstr(s, "<input type=\"checkbox\" name=\"category\" value=\"marketing\" id=\"cookiecharter-b-marketing\" aria-describedby=\"cookiecharter-b-marketing-desc\"/>"));
    ck_assert_ptr_nonnull(strstr(s, "<input type=\"checkbox\" id=\"cookiecharter-b-necessary\" aria-describedby=\"cookiecharter-b-necessary-desc\" checked=\"checked\" disabled=\"disabled\"/>"));
    ck_assert_ptr_null(strstr(s, "value=\"necessary\""));
    ck_assert_int_eq(count(s, "checked=\"checked\""), 1);
    ck_assert_ptr_nonnull(strstr(s, "<label for=\"cookiecharter-b-statistics\">Mesure d&#39;audience</label>"));
    ck_assert_ptr_nonnull(strstr(s, "<fieldset><legend>Personnaliser</legend>"));
    ck_assert_ptr_nonnull(strstr(s, "<button type=\"submit\" name=\"choice\" value=\"custom\" class=\"cookiecharter-button\">Enregistrer mes choix</button>"));
    ck_assert_int_eq(count(s, "name=\"return\""), 2);
    ck_assert_int_eq(count(s, "name=\"v\""), 2);

    /* Then the manage control, after the banner. */
    ck_assert_ptr_nonnull(strstr(s, "</div></div><a id=\"cookiecharter-manage\" href=\"/cookiecharter/policy#cookiecharter-preferences\">Cookies</a>"));
    ck_assert_ptr_null(strstr(s, "style="));
    ck_assert_ptr_null(strstr(s, "<script"));
    why = xml_check(s);
    ck_assert_msg(why == NULL, "not XML: %s", why);
}
END_TEST

START_TEST(banner_choice)
{
    cc_charter *ch = hand_charter(0, 1);
    cc_view vw = view(ch, 1, CC_STATE_CHOICE, CC_MASK_BIT(1));
    const char *s = cc_render_banner(cc_test_pool, &vw, NULL);
    const char *div = start_tag(s, "cookiecharter-banner");

    ck_assert_ptr_nonnull(strstr(div, " lang=\"en\" data-cookiecharter-granted=\"statistics\""));
    ck_assert_ptr_nonnull(strstr(div, "hidden=\"hidden\""));
    ck_assert_ptr_nonnull(strstr(s, "value=\"statistics\" id=\"cookiecharter-b-statistics\" aria-describedby=\"cookiecharter-b-statistics-desc\" checked=\"checked\"/>"));
    ck_assert_ptr_nonnull(strstr(s, "value=\"marketing\" id=\"cookiecharter-b-marketing\" aria-describedby=\"cookiecharter-b-marketing-desc\"/>"));
    ck_assert_ptr_nonnull(strstr(s, ">Accept all</button>"));
    ck_assert_ptr_nonnull(strstr(s, ">Reject all</button>"));

    vw.granted = CC_MASK_BIT(1) | CC_MASK_BIT(2);
    s = cc_render_banner(cc_test_pool, &vw, NULL);
    ck_assert_ptr_nonnull(strstr(s, "data-cookiecharter-granted=\"statistics+marketing\""));
    ck_assert_int_eq(count(s, "checked=\"checked\""), 3);

    /* Refusing everything is a choice too. */
    vw.granted = 0;
    s = cc_render_banner(cc_test_pool, &vw, NULL);
    ck_assert_ptr_nonnull(strstr(s, "data-cookiecharter-granted=\"-\" aria-describedby=\"cookiecharter-message\" hidden=\"hidden\">"));
}
END_TEST

START_TEST(banner_gpc_and_defaults)
{
    cc_charter *ch = hand_charter(0, 1);
    cc_view vw = view(ch, 0, CC_STATE_GPC, 0);
    const char *s = cc_render_banner(cc_test_pool, &vw, NULL);

    ck_assert_ptr_nonnull(strstr(start_tag(s, "cookiecharter-banner"),
                                 "hidden=\"hidden\""));
    ck_assert_int_eq(count(s, "checked=\"checked\""), 1);

    /* `default: granted` counts as granted but is no choice: the banner
     * shows and the box stays unticked. */
    vw.state = CC_STATE_UNSET;
    vw.granted = CC_MASK_BIT(1);
    s = cc_render_banner(cc_test_pool, &vw, NULL);
    ck_assert_ptr_null(strstr(start_tag(s, "cookiecharter-banner"), "hidden"));
    ck_assert_ptr_nonnull(strstr(s, "data-cookiecharter-granted=\"statistics\""));
    ck_assert_int_eq(count(s, "checked=\"checked\""), 1);

    /* No return path known: no return field, the endpoint sends to /. */
    vw.return_path = NULL;
    s = cc_render_banner(cc_test_pool, &vw, NULL);
    ck_assert_ptr_null(strstr(s, "name=\"return\""));
}
END_TEST

/* The filter renders the banner once per language at startup and fills it
 * per page: one template filled for different visitors must give what a
 * fresh rendering gives, and must not keep anything of an earlier fill. */
START_TEST(banner_template_reused)
{
    cc_charter *ch = hand_charter(1, 1);
    cc_view first = view(ch, 0, CC_STATE_UNSET, 0);
    cc_view later = view(ch, 0, CC_STATE_CHOICE, CC_MASK_BIT(1));
    cc_view gpc = view(ch, 0, CC_STATE_GPC, 0);
    cc_tpl *t = cc_render_banner_tpl(cc_test_pool, &first);
    apr_size_t len;
    const char *s;

    later.return_path = "/other?q=\"<x>\"&amp;";
    gpc.return_path = NULL;
    s = cc_tpl_fill(cc_test_pool, t, &later, &len);
    ck_assert_str_eq(s, cc_render_banner(cc_test_pool, &later, NULL));
    ck_assert_uint_eq(len, strlen(s));
    ck_assert_ptr_nonnull(strstr(s, "value=\"/other?q=&quot;&lt;x&gt;&quot;&amp;amp;\""));
    ck_assert_int_eq(count(s, "checked=\"checked\""), 2);
    s = cc_tpl_fill(cc_test_pool, t, &first, &len);
    ck_assert_str_eq(s, cc_render_banner(cc_test_pool, &first, NULL));
    ck_assert_int_eq(count(s, "checked=\"checked\""), 1);
    s = cc_tpl_fill(cc_test_pool, t, &gpc, &len);
    ck_assert_str_eq(s, cc_render_banner(cc_test_pool, &gpc, NULL));
    ck_assert_ptr_null(strstr(s, "name=\"return\""));
}
END_TEST

/* A template resolved for one state and grant gives what the generic one
 * gives, for that view (whatever its return path) and for the others. */
START_TEST(banner_template_expected_view)
{
    cc_charter *ch = hand_charter(1, 1);
    cc_view first = view(ch, 0, CC_STATE_UNSET, 0);
    cc_view all = view(ch, 0, CC_STATE_CHOICE, ch->optional_mask);
    cc_view some = view(ch, 0, CC_STATE_CHOICE, 0);
    cc_tpl *t = cc_render_banner_tpl(cc_test_pool, &first);
    const char *s;
    apr_size_t len;

    cc_tpl_expect(t, &all);
    all.return_path = "/a?b=\"<c>\"";
    s = cc_tpl_fill(cc_test_pool, t, &all, &len);
    ck_assert_str_eq(s, cc_render_banner(cc_test_pool, &all, NULL));
    ck_assert_uint_eq(len, strlen(s));
    ck_assert_ptr_nonnull(strstr(s, "value=\"/a?b=&quot;&lt;c&gt;&quot;\""));
    all.return_path = NULL;
    s = cc_tpl_fill(cc_test_pool, t, &all, &len);
    ck_assert_str_eq(s, cc_render_banner(cc_test_pool, &all, NULL));
    ck_assert_ptr_null(strstr(s, "name=\"return\""));
    s = cc_tpl_fill(cc_test_pool, t, &some, &len);
    ck_assert_str_eq(s, cc_render_banner(cc_test_pool, &some, NULL));
    s = cc_tpl_fill(cc_test_pool, t, &first, &len);
    ck_assert_str_eq(s, cc_render_banner(cc_test_pool, &first, NULL));
}
END_TEST

static const char *join_pieces(const cc_piece *pc, int n)
{
    const char *s = "";
    int i;

    for (i = 0; i < n; i++) {
        s = apr_pstrcat(cc_test_pool, s,
                        apr_pstrmemdup(cc_test_pool, pc[i].data, pc[i].len),
                        NULL);
    }
    return s;
}

/* Pieces: the expected view's runs are the template's own (lasting, the
 * same for every page), the return fields are filled; another view is
 * one filled piece. */
START_TEST(banner_template_pieces)
{
    cc_charter *ch = hand_charter(1, 1);
    cc_view all = view(ch, 0, CC_STATE_CHOICE, ch->optional_mask);
    cc_view first = view(ch, 0, CC_STATE_UNSET, 0);
    cc_tpl *t = cc_render_banner_tpl(cc_test_pool, &first);
    cc_piece pc[CC_TPL_PIECES_MAX], again[CC_TPL_PIECES_MAX];
    int n, i, lasting = 0;

    cc_tpl_expect(t, &all);
    all.return_path = "/x?y=<z>";
    n = cc_tpl_pieces(cc_test_pool, t, &all, pc);
    ck_assert_int_gt(n, 2);
    ck_assert_str_eq(join_pieces(pc, n),
                     cc_render_banner(cc_test_pool, &all, NULL));
    for (i = 0; i < n; i++) {
        /* what is not the template's own is a return field */
        lasting += pc[i].lasting;
        ck_assert(pc[i].lasting
                  || strstr(join_pieces(&pc[i], 1), "&lt;z&gt;") != NULL);
    }
    ck_assert_int_ge(lasting, 2);
    ck_assert_int_lt(lasting, n);
    ck_assert_int_eq(cc_tpl_pieces(cc_test_pool, t, &all, again), n);
    ck_assert_ptr_eq(again[0].data, pc[0].data);
    ck_assert_ptr_eq(again[n - 1].data, pc[n - 1].data);

    n = cc_tpl_pieces(cc_test_pool, t, &first, pc);
    ck_assert_int_eq(n, 1);
    ck_assert_int_eq(pc[0].lasting, 0);
    ck_assert_str_eq(join_pieces(pc, n),
                     cc_render_banner(cc_test_pool, &first, NULL));
}
END_TEST

START_TEST(banner_manage_only)
{
    cc_charter *ch = hand_charter(0, 1);
    cc_view vw = view(ch, 1, CC_STATE_UNSET, 0);
    const char *s;

    vw.manage_only = 1;
    s = cc_render_banner(cc_test_pool, &vw, NULL);
    ck_assert_str_eq(s, "<a id=\"cookiecharter-manage\" href=\"/cookiecharter/policy#cookiecharter-preferences\" target=\"_blank\" rel=\"noopener\">Cookies</a>");
}
END_TEST

START_TEST(banner_pure_ascii)
{
    cc_charter *ch = hand_charter(0, 1);
    cc_view vw = view(ch, 0, CC_STATE_UNSET, 0);
    const char *s = cc_render_banner(cc_test_pool, &vw, NULL);

    ck_assert_msg(pure_ascii(s), "non-ASCII byte in the banner");
    ck_assert_ptr_nonnull(strstr(s, "Cookies n&#233;cessaires (obligatoire)</label>"));
    ck_assert_ptr_nonnull(strstr(s, "Matomo, sans publicit&#233;.</p>"));
    s = cc_render_policy(cc_test_pool, &vw, NULL);
    ck_assert_msg(pure_ascii(s), "non-ASCII byte in the policy page");
    ck_assert_ptr_nonnull(strstr(s, "<th scope=\"col\">Finalit&#233;s</th>"));
}
END_TEST

START_TEST(banner_hostile_texts)
{
    cc_charter *ch = hand_charter(1, 1);
    cc_view vw = view(ch, 0, CC_STATE_UNSET, 0);
    const char *s = cc_render_banner(cc_test_pool, &vw, NULL);
    const char *why;

    ck_assert_ptr_null(strstr(s, "<script"));
    ck_assert_ptr_nonnull(strstr(s, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"));
    why = xml_check(s);
    ck_assert_msg(why == NULL, "not XML: %s", why);

    /* A hostile prefix or return path cannot break out of attributes. */
    vw.prefix = "/cc\"><script>";
    vw.return_path = "/\"onmouseover=\"x";
    s = cc_render_banner(cc_test_pool, &vw, NULL);
    ck_assert_ptr_null(strstr(s, "<script"));
    ck_assert_ptr_null(strstr(s, "\"onmouseover"));
    s = cc_render_assets(cc_test_pool, &vw, NULL);
    ck_assert_int_eq(count(s, "<script"), 1);

    vw.prefix = "/cookiecharter";
    s = cc_render_policy(cc_test_pool, &vw, NULL);
    ck_assert_int_eq(count(s, "<script"), 1);    /* banner.js only */
    ck_assert_ptr_nonnull(strstr(s, "<td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;</td>"));
    ck_assert_ptr_nonnull(strstr(s, "<title>Charte cookies - &lt;script&gt;"));
    why = xml_check(s);
    ck_assert_msg(why == NULL, "policy not XML: %s", why);
}
END_TEST

START_TEST(policy_french)
{
    cc_charter *ch = hand_charter(0, 1);
    cc_view vw = view(ch, 0, CC_STATE_CHOICE, CC_MASK_BIT(2));
    const char *s, *why, *form, *quick;

    vw.return_path = NULL;
    s = cc_render_policy(cc_test_pool, &vw, NULL);
    ck_assert_msg(strncmp(s, "<!DOCTYPE html>\n<html lang=\"fr\">", 31) == 0,
                  "start: %.40s", s);
    ck_assert_ptr_nonnull(strstr(s, "<meta charset=\"utf-8\"/>"));
    ck_assert_ptr_nonnull(strstr(s, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"));
    ck_assert_ptr_nonnull(strstr(s, "<title>Charte cookies - data.82numerique.fr</title>"));
    ck_assert_ptr_nonnull(strstr(s, "<link rel=\"stylesheet\" href=\"/cookiecharter/banner.css?v=0123abcd4567ef89\"/>"));
    ck_assert_ptr_nonnull(strstr(s, "<script src=\"/cookiecharter/banner.js?v=0123abcd4567ef89\" defer=\"defer\"></script>"));
    ck_assert_ptr_nonnull(strstr(s, "<h1>Charte cookies</h1>"));
    /* A blank line starts a paragraph; a single newline is a space. */
    ck_assert_ptr_nonnull(strstr(s, "<p>Afin de vous proposer le meilleur service possible nous utilisons des cookies.</p><p>Second paragraphe.</p>"));
    ck_assert_ptr_nonnull(strstr(s, "<h2>Qu&#39;est ce qu&#39;un cookie ?</h2>"));
    ck_assert_ptr_nonnull(strstr(s, "<p>Un &quot;cookie&quot; est une suite d&#39;informations.</p>"));

    /* One table per category under its label, French headers. */
    ck_assert_ptr_nonnull(strstr(s, "<h2 id=\"cookiecharter-category-necessary\">Cookies n&#233;cessaires</h2>"));
    ck_assert_int_eq(count(s, "<table>"), 2);
    ck_assert_int_eq(count(s, "<th scope=\"col\">Nom du prestataire</th><th scope=\"col\">Service et emplacement</th><th scope=\"col\">Nom du cookie</th><th scope=\"col\">Finalit&#233;s</th><th scope=\"col\">Dur&#233;e</th>"), 2);
    ck_assert_ptr_nonnull(strstr(s, "<tr><td>Opendatasoft</td><td>Authentification (front et back office)</td><td><code>sessionid</code></td><td>Se souvenir de l&#39;utilisateur d&#39;une page &#224; une autre.</td><td>2 semaines</td></tr>"));
    ck_assert_ptr_nonnull(strstr(s, "<td><code>django_language</code></td><td>Se souvenir de la langue du visiteur</td><td></td></tr>"));
    ck_assert_ptr_nonnull(strstr(s, "<td>Opendatasoft</td><td>API (CSRF) (front et back office)</td><td><code>csrftoken</code></td>"));
    ck_assert_ptr_nonnull(strstr(s, "<td><code>cookies_preferences</code></td><td>Permet de se souvenir du choix op&#233;r&#233; par le visiteur concernant les cookies</td><td>6 mois</td>"));
    ck_assert_int_eq(count(s, "<code>cookies_preferences</code>"), 1);
    ck_assert_ptr_nonnull(strstr(s, "<td>Matomo</td><td>Statistiques</td><td><code>_pk_id.*</code></td>"));
    ck_assert_ptr_nonnull(strstr(s, "<p>Aucun cookie d&#233;clar&#233; dans cette cat&#233;gorie.</p>"));

    /* The preference form: the current choice ticked, returns here. */
    form = between(s, "<form id=\"cookiecharter-preferences\" method=\"post\" action=\"/cookiecharter/consent\"", "</form>");
    ck_assert_ptr_nonnull(form);
    ck_assert_ptr_nonnull(strstr(form, "<input type=\"hidden\" name=\"return\" value=\"/cookiecharter/policy\"/>"));
    ck_assert_ptr_nonnull(strstr(form, "name=\"v\" value=\"0123abcd4567ef89\""));
    ck_assert_ptr_nonnull(strstr(form, "value=\"marketing\" id=\"cookiecharter-p-marketing\" aria-describedby=\"cookiecharter-p-marketing-desc\" checked=\"checked\"/>"));
    ck_assert_ptr_nonnull(strstr(form, "value=\"statistics\" id=\"cookiecharter-p-statistics\" aria-describedby=\"cookiecharter-p-statistics-desc\"/>"));
    ck_assert_ptr_nonnull(strstr(form, "form=\"cookiecharter-quick\" name=\"choice\" value=\"accept-all\""));
    ck_assert_ptr_nonnull(strstr(form, "form=\"cookiecharter-quick\" name=\"choice\" value=\"reject-all\""));
    ck_assert_ptr_nonnull(strstr(form, "<button type=\"submit\" name=\"choice\" value=\"custom\""));
    /* Accept and reject post a form without category fields. */
    quick = between(s, "<form id=\"cookiecharter-quick\"", "</form>");
    ck_assert_ptr_nonnull(quick);
    ck_assert_ptr_null(strstr(quick, "category"));
    ck_assert_ptr_nonnull(strstr(quick, "name=\"return\" value=\"/cookiecharter/policy\""));
    ck_assert_ptr_nonnull(strstr(s, "R&#233;vision de la charte: 2024-06"));
    ck_assert_msg(pure_ascii(s), "non-ASCII byte");
    why = xml_check(s);
    ck_assert_msg(why == NULL, "not XML: %s", why);
}
END_TEST

START_TEST(policy_english_and_defaults)
{
    cc_charter *ch = hand_charter(0, 0);
    cc_view vw = view(ch, 1, CC_STATE_UNSET, 0);
    const char *s;

    ch->policy_title.v = NULL;
    ch->policy_url = "/legal/cookies";
    s = cc_render_policy(cc_test_pool, &vw, NULL);
    ck_assert_ptr_nonnull(strstr(s, "<html lang=\"en\">"));
    ck_assert_ptr_nonnull(strstr(s, "<title>Cookie policy - data.82numerique.fr</title>"));
    ck_assert_ptr_nonnull(strstr(s, "<h1>Cookie policy</h1>"));
    ck_assert_ptr_nonnull(strstr(s, "<p>To offer you the best possible service we use cookies.</p>"));
    ck_assert_ptr_nonnull(strstr(s, "<th scope=\"col\">Provider</th><th scope=\"col\">Service and location</th><th scope=\"col\">Cookie name</th><th scope=\"col\">Purpose</th><th scope=\"col\">Duration</th>"));
    ck_assert_ptr_nonnull(strstr(s, "<tr><td>Opendatasoft</td><td>Authentication (front and back office)</td><td><code>sessionid</code></td><td>Remember the user from one page to another.</td><td>2 weeks</td></tr>"));
    /* Not declared: the consent cookie is listed all the same, in the
     * consent category, before the statistics table. */
    ck_assert_ptr_nonnull(strstr(s, "<tr><td>data.82numerique.fr</td><td>Your cookie preferences</td><td><code>cookies_preferences</code></td><td>Remembers the visitor&#39;s choice about cookies</td><td>182 days</td></tr>"));
    ck_assert_ptr_nonnull(strstr(s, "<code>cookies_preferences</code>") < strstr(s, "cookiecharter-category-statistics") ? "ok" : NULL);
    ck_assert_int_eq(count(s, "checked=\"checked\""), 1);
    ck_assert_ptr_nonnull(strstr(s, "name=\"return\" value=\"/page?a=1&amp;b=2\""));

    /* The banner's learn-more link follows policy_url; the controls keep
     * P/policy, where the preference form is. */
    s = cc_render_banner(cc_test_pool, &vw, NULL);
    ck_assert_ptr_nonnull(strstr(s, "<a href=\"/legal/cookies\">Learn more</a>"));
    ck_assert_ptr_nonnull(strstr(s, "id=\"cookiecharter-customize\" href=\"/cookiecharter/policy#cookiecharter-preferences\""));
    ck_assert_str_eq(cc_render_policy_url(cc_test_pool, &vw), "/legal/cookies");
    ch->policy_url = NULL;
    ck_assert_str_eq(cc_render_policy_url(cc_test_pool, &vw),
                     "/cookiecharter/policy");
}
END_TEST

START_TEST(charter_json)
{
    cc_charter *ch = hand_charter(0, 1);
    cc_view vw = view(ch, 0, CC_STATE_UNSET, 0);
    apr_size_t len;
    const char *s;
    int i;

    ch->texts[CC_T_MANAGE].v = NULL;    /* an unset text is null */
    s = cc_render_charter_json(cc_test_pool, &vw, &len);
    ck_assert_uint_eq(len, strlen(s));
    ck_assert_msg(json_valid(s), "invalid JSON: %s", s);
    ck_assert_ptr_nonnull(strstr(s, "{\"charter\":1,"));
    ck_assert_ptr_nonnull(strstr(s, "\"site\":{\"name\":\"data.82numerique.fr\",\"url\":\"https://data.82numerique.fr\"}"));
    ck_assert_ptr_nonnull(strstr(s, "\"revision\":\"2024-06\""));
    ck_assert_ptr_nonnull(strstr(s, "\"languages\":[\"fr\",\"en\"]"));
    ck_assert_ptr_nonnull(strstr(s, "\"consent\":{\"cookie\":\"cookies_preferences\",\"lifetime_days\":182}"));
    ck_assert_ptr_nonnull(strstr(s, "\"policy_url\":\"/cookiecharter/policy\""));
    ck_assert_ptr_nonnull(strstr(s, "\"policy\":{\"title\":{\"fr\":\"Charte cookies\",\"en\":\"Cookie policy\"},\"intro\":{\"fr\":\"Afin de vous"));
    ck_assert_ptr_nonnull(strstr(s, "\"sections\":[\n{\"heading\":{\"fr\":\"Qu'est ce qu'un cookie ?\",\"en\":\"What is a cookie?\"}"));
    ck_assert_ptr_nonnull(strstr(s, "{\"id\":\"necessary\",\"required\":true,\"default\":\"granted\",\"label\":{\"fr\":\"Cookies n\xc3\xa9" "cessaires\",\"en\":\"Strictly necessary\"}"));
    ck_assert_ptr_nonnull(strstr(s, "{\"id\":\"statistics\",\"required\":false,\"default\":\"refused\""));
    ck_assert_ptr_nonnull(strstr(s, "\"hosts\":[\"matomo.example.org\",\"/matomo/\"]"));
    ck_assert_ptr_nonnull(strstr(s, "{\"id\":\"marketing\","));
    ck_assert_ptr_nonnull(strstr(s, "{\"name\":\"sessionid\",\"category\":\"necessary\",\"provider\":\"Opendatasoft\",\"service\":{\"fr\":\"Authentification (front et back office)\",\"en\":\"Authentication (front and back office)\"}"));
    ck_assert_ptr_nonnull(strstr(s, "\"duration\":null,\"domain\":null,\"path\":\"/\"}"));
    ck_assert_ptr_nonnull(strstr(s, "{\"name\":\"_pk_id.*\",\"category\":\"statistics\""));
    ck_assert_int_eq(count(s, "\n{\"name\":"), 5);
    for (i = 0; i < CC_T__COUNT; i++) {
        ck_assert_msg(strstr(s, apr_pstrcat(cc_test_pool, "\"",
                                            cc_text_keys[i], "\":", NULL)),
                      "texts.%s missing", cc_text_keys[i]);
    }
    ck_assert_ptr_nonnull(strstr(s, "\"accept_all\":{\"fr\":\"Tout accepter\",\"en\":\"Accept all\"}"));
    ck_assert_ptr_nonnull(strstr(s, "\"manage\":null"));
    ck_assert_ptr_nonnull(strstr(s, "\"v\":\"0123abcd4567ef89\""));
    ck_assert_ptr_nonnull(strstr(s, "\"charter_sha256\":\"0123456789abcdef"));

    /* Defaults filled in: the policy title; policy_url as set. */
    ch = hand_charter(1, 0);
    ch->policy_title.v = NULL;
    ch->policy_url = "/legal/cookies";
    ch->site_url = NULL;
    vw.charter = ch;
    s = cc_render_charter_json(cc_test_pool, &vw, NULL);
    ck_assert_msg(json_valid(s), "invalid JSON: %s", s);
    ck_assert_ptr_nonnull(strstr(s, "\"title\":{\"fr\":\"Charte cookies\",\"en\":\"Cookie policy\"}"));
    ck_assert_ptr_nonnull(strstr(s, "\"policy_url\":\"/legal/cookies\""));
    ck_assert_ptr_nonnull(strstr(s, "\"url\":null"));
    /* Hostile texts stay inside their strings, with no '<' at all. */
    ck_assert_ptr_null(strchr(s, '<'));
    ck_assert_ptr_nonnull(strstr(s, "\\u003cscript\\u003ealert(\\\"x\\\")"));
}
END_TEST

/* ---- the reference charter, once conf/ has it --------------------------- */

START_TEST(reference_policy)
{
    const char *path = cc_unit_path("conf/charter-reference.yaml");
    const cc_charter *ch;
    cc_view vw;
    const char *fr, *en, *js;
    int i;

    if (access(path, R_OK) != 0) {
        return;     /* not written yet: the hand-built charter covers it */
    }
    ch = cc_unit_charter("conf/charter-reference.yaml");
    vw = view(ch, 0, CC_STATE_UNSET, 0);
    fr = cc_render_policy(cc_test_pool, &vw, NULL);
    vw.lang = ch->nlangs > 1 ? 1 : 0;
    en = cc_render_policy(cc_test_pool, &vw, NULL);
    js = cc_render_charter_json(cc_test_pool, &vw, NULL);

    ck_assert_msg(pure_ascii(fr) && pure_ascii(en), "non-ASCII byte");
    ck_assert_msg(json_valid(js), "invalid JSON");
    ck_assert_msg(xml_check(fr) == NULL, "fr not XML: %s", xml_check(fr));
    ck_assert_msg(xml_check(en) == NULL, "en not XML: %s", xml_check(en));
    /* The seed's prose and its four cookies with their providers. */
    ck_assert_ptr_nonnull(strstr(fr, "Charte cookies"));
    ck_assert_ptr_nonnull(strstr(fr, "Qu&#39;est ce qu&#39;un cookie ?"));
    ck_assert_ptr_nonnull(strstr(fr, "Afin de vous proposer le meilleur service possible"));
    ck_assert_ptr_nonnull(strstr(fr, "Les cookies dits &#171;"));
    ck_assert_ptr_nonnull(strstr(fr, "<th scope=\"col\">Nom du prestataire</th>"));
    ck_assert_ptr_nonnull(strstr(en, "<th scope=\"col\">Provider</th>"));
    ck_assert_ptr_nonnull(strstr(fr, "Authentification (front et back office)"));
    ck_assert_ptr_nonnull(strstr(fr, "Se souvenir de l&#39;utilisateur d&#39;une page &#224; une autre."));
    ck_assert_ptr_nonnull(strstr(fr, "S&#233;lection de la langue (front et back office)"));
    ck_assert_ptr_nonnull(strstr(fr, "R&#233;cup&#233;rer des donn&#233;es via des appels API"));
    ck_assert_ptr_nonnull(strstr(fr, "Permet de se souvenir du choix op&#233;r&#233; par le visiteur concernant les cookies"));
    for (i = 0; i < ch->cookies->nelts; i++) {
        const cc_cookie *ck = APR_ARRAY_IDX(ch->cookies, i, const cc_cookie *);
        const char *row = apr_pstrcat(cc_test_pool, "<td><code>",
                                      ck->name, "</code></td>", NULL);
        ck_assert_msg(strstr(fr, row) && strstr(en, row), "%s", ck->name);
        if (ck->provider) {
            ck_assert_ptr_nonnull(strstr(fr, ck->provider));
        }
        ck_assert_ptr_nonnull(strstr(js, apr_pstrcat(cc_test_pool,
                                                     "{\"name\":\"", ck->name,
                                                     "\"", NULL)));
    }
    ck_assert_ptr_nonnull(strstr(fr, "<code>sessionid</code>"));
    ck_assert_ptr_nonnull(strstr(fr, "<code>django_language</code>"));
    ck_assert_ptr_nonnull(strstr(fr, "<code>csrftoken</code>"));
    ck_assert_int_eq(count(fr, "<code>cookies_preferences</code>"), 1);
    for (i = 0; i < ch->categories->nelts; i++) {
        const cc_category *c = APR_ARRAY_IDX(ch->categories, i,
                                             const cc_category *);
        ck_assert_ptr_nonnull(strstr(js, apr_pstrcat(cc_test_pool,
                                                     "{\"id\":\"", c->id,
                                                     "\"", NULL)));
    }
    for (i = 0; i < CC_T__COUNT; i++) {
        ck_assert_ptr_nonnull(strstr(js, apr_pstrcat(cc_test_pool, "\"",
                                                     cc_text_keys[i], "\":{",
                                                     NULL)));
    }
}
END_TEST

Suite *suite_render(void)
{
    Suite *s = suite_create("render");
    TCase *tc = tcase_create("banner");

    tcase_add_checked_fixture(tc, cc_unit_setup, cc_unit_teardown);
    tcase_add_test(tc, assets_tags);
    tcase_add_test(tc, banner_first_visit);
    tcase_add_test(tc, banner_choice);
    tcase_add_test(tc, banner_gpc_and_defaults);
    tcase_add_test(tc, banner_template_reused);
    tcase_add_test(tc, banner_template_expected_view);
    tcase_add_test(tc, banner_template_pieces);
    tcase_add_test(tc, banner_manage_only);
    tcase_add_test(tc, banner_pure_ascii);
    tcase_add_test(tc, banner_hostile_texts);
    suite_add_tcase(s, tc);

    tc = tcase_create("policy");
    tcase_add_checked_fixture(tc, cc_unit_setup, cc_unit_teardown);
    tcase_add_test(tc, policy_french);
    tcase_add_test(tc, policy_english_and_defaults);
    tcase_add_test(tc, reference_policy);
    suite_add_tcase(s, tc);

    tc = tcase_create("json");
    tcase_add_checked_fixture(tc, cc_unit_setup, cc_unit_teardown);
    tcase_add_test(tc, charter_json);
    suite_add_tcase(s, tc);
    return s;
}
