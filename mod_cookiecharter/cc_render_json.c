/* charter.json (section 5, GET P/charter.json): the charter key for key as
 * in the YAML, defaults filled in, every text as {"LANG": "...", ...} over
 * all the charter's languages, plus "v" and "charter_sha256". Strings go
 * through cc_json_str, so the output is valid JSON whatever the charter
 * holds, and safe to inline in HTML. */
#include <string.h>

#include <apr_strings.h>
#include <apr_tables.h>

#include "cc_render.h"
#include "cc_util.h"

#define ADD(a, s) (APR_ARRAY_PUSH((a), const char *) = (s))

static const char *str(apr_pool_t *p, const char *s)
{
    return cc_json_str(p, s);
}

/* A text over every language, or `fallback` (itself JSON) when unset. */
static void text(apr_array_header_t *out, const cc_charter *ch,
                 const cc_text *t, const char *fallback)
{
    apr_pool_t *p = out->pool;
    int i;

    if (!cc_text_isset(t)) {
        ADD(out, fallback);
        return;
    }
    ADD(out, "{");
    for (i = 0; i < ch->nlangs; i++) {
        ADD(out, apr_pstrcat(p, i ? "," : "", str(p, ch->langs[i]), ":",
                             str(p, t->v[i]), NULL));
    }
    ADD(out, "}");
}

/* The built-in policy title, for the default filled in. */
static const char *default_title(apr_pool_t *p, const cc_charter *ch)
{
    apr_array_header_t *o = apr_array_make(p, 8, sizeof(const char *));
    int i;

    ADD(o, "{");
    for (i = 0; i < ch->nlangs; i++) {
        const char *l = ch->langs[i];
        int fr = l[0] == 'f' && l[1] == 'r' && (l[2] == '\0' || l[2] == '-');
        ADD(o, apr_pstrcat(p, i ? "," : "", str(p, l), ":",
                           fr ? "\"Charte cookies\"" : "\"Cookie policy\"",
                           NULL));
    }
    ADD(o, "}");
    return apr_array_pstrcat(p, o, 0);
}

static const char *host_rule(apr_pool_t *p, const cc_host_rule *h)
{
    const char *path = h->path ? apr_pstrmemdup(p, h->path, h->path_len)
                               : "";

    return str(p, apr_pstrcat(p, h->host ? h->host : "", path, NULL));
}

static void categories(apr_array_header_t *out, const cc_charter *ch)
{
    apr_pool_t *p = out->pool;
    int i, k;

    ADD(out, ",\n\"categories\":[");
    for (i = 0; i < ch->categories->nelts; i++) {
        const cc_category *c = APR_ARRAY_IDX(ch->categories, i,
                                             const cc_category *);
        /* A required category is always granted. */
        int granted = c->required || c->default_granted;

        ADD(out, apr_pstrcat(p, i ? ",\n" : "\n", "{\"id\":", str(p, c->id),
                             ",\"required\":", c->required ? "true" : "false",
                             ",\"default\":",
                             granted ? "\"granted\"" : "\"refused\"",
                             ",\"label\":", NULL));
        text(out, ch, &c->label, "null");
        ADD(out, ",\"description\":");
        text(out, ch, &c->description, "null");
        ADD(out, ",\"hosts\":[");
        for (k = 0; c->hosts && k < c->hosts->nelts; k++) {
            ADD(out, apr_pstrcat(p, k ? "," : "",
                                 host_rule(p, &APR_ARRAY_IDX(c->hosts, k,
                                                             cc_host_rule)),
                                 NULL));
        }
        ADD(out, "]}");
    }
    ADD(out, "]");
}

static void cookies(apr_array_header_t *out, const cc_charter *ch)
{
    apr_pool_t *p = out->pool;
    int i;

    ADD(out, ",\n\"cookies\":[");
    for (i = 0; i < ch->cookies->nelts; i++) {
        const cc_cookie *ck = APR_ARRAY_IDX(ch->cookies, i, const cc_cookie *);

        ADD(out, apr_pstrcat(p, i ? ",\n" : "\n", "{\"name\":",
                             str(p, ck->name), ",\"category\":",
                             str(p, ck->category->id), ",\"provider\":",
                             str(p, ck->provider), ",\"service\":", NULL));
        text(out, ch, &ck->service, "null");
        ADD(out, ",\"purpose\":");
        text(out, ch, &ck->purpose, "null");
        ADD(out, ",\"duration\":");
        text(out, ch, &ck->duration, "null");
        ADD(out, apr_pstrcat(p, ",\"domain\":", str(p, ck->domain),
                             ",\"path\":", str(p, ck->path ? ck->path : "/"),
                             "}", NULL));
    }
    ADD(out, "]");
}

const char *cc_render_charter_json(apr_pool_t *p, const cc_view *vw,
                                   apr_size_t *len)
{
    const cc_charter *ch = vw->charter;
    apr_array_header_t *out = apr_array_make(p, 256, sizeof(const char *));
    const char *s;
    int i;

    ADD(out, apr_psprintf(p, "{\"charter\":%d,\n\"site\":{\"name\":%s,"
                          "\"url\":%s},\n\"revision\":%s,\n\"languages\":[",
                          ch->schema, str(p, ch->site_name),
                          str(p, ch->site_url), str(p, ch->revision)));
    for (i = 0; i < ch->nlangs; i++) {
        ADD(out, apr_pstrcat(p, i ? "," : "", str(p, ch->langs[i]), NULL));
    }
    ADD(out, apr_psprintf(p, "],\n\"consent\":{\"cookie\":%s,"
                          "\"lifetime_days\":%d},\n\"policy_url\":%s,\n"
                          "\"policy\":{\"title\":",
                          str(p, ch->consent_cookie), ch->lifetime_days,
                          str(p, cc_render_policy_url(p, vw))));
    text(out, ch, &ch->policy_title, default_title(p, ch));
    ADD(out, ",\"intro\":");
    text(out, ch, &ch->policy_intro, "null");
    ADD(out, ",\"sections\":[");
    for (i = 0; ch->sections && i < ch->sections->nelts; i++) {
        const cc_section *sec = &APR_ARRAY_IDX(ch->sections, i, cc_section);

        ADD(out, i ? ",\n{\"heading\":" : "\n{\"heading\":");
        text(out, ch, &sec->heading, "null");
        ADD(out, ",\"text\":");
        text(out, ch, &sec->text, "null");
        ADD(out, "}");
    }
    ADD(out, "]}");
    categories(out, ch);
    cookies(out, ch);
    ADD(out, ",\n\"texts\":{");
    for (i = 0; i < CC_T__COUNT; i++) {
        ADD(out, apr_pstrcat(p, i ? ",\n" : "\n", str(p, cc_text_keys[i]),
                             ":", NULL));
        text(out, ch, &ch->texts[i], "null");
    }
    ADD(out, apr_pstrcat(p, "},\n\"v\":", str(p, vw->v), ",\n"
                         "\"charter_sha256\":", str(p, ch->sha256), "}\n",
                         NULL));

    s = apr_array_pstrcat(p, out, 0);
    if (len) {
        *len = strlen(s);
    }
    return s;
}
