/* Unit tests: charter loading, validation, look-ups, globs. */
#include <stdio.h>
#include <string.h>

#include <apr_file_io.h>
#include <apr_strings.h>
#include <apr_time.h>

#include "cc_unit.h"
#include "cc_charter.h"
#include "cc_glob.h"

static const char *first_error(apr_array_header_t *errors)
{
    return errors && errors->nelts ? APR_ARRAY_IDX(errors, 0, const char *)
                                   : "(none)";
}

static const char *txt(const cc_text *t, int lang)
{
    ck_assert_ptr_nonnull(t->v);
    return t->v[lang];
}

static const cc_cookie *cookie(const cc_charter *ch, const char *name)
{
    return cc_charter_cookie(ch, name, strlen(name));
}

static const char *cookie_cat(const cc_charter *ch, const char *name)
{
    const cc_cookie *c = cookie(ch, name);
    return c ? c->category->id : NULL;
}

static const char *url_cat(const cc_charter *ch, const char *url,
                           const char *own)
{
    const cc_category *cat = cc_charter_url_category(ch, url, strlen(url), own);
    return cat ? cat->id : NULL;
}

#define ck_str_or_null(a, b) do {                                   \
        const char *a_ = (a), *b_ = (b);                            \
        if (b_ == NULL) ck_assert_msg(a_ == NULL, "%s: %s, expected NULL", #a, a_); \
        else ck_assert_msg(a_ && strcmp(a_, b_) == 0, "%s: %s, expected %s", #a, \
                           a_ ? a_ : "NULL", b_);                   \
    } while (0)

START_TEST(bad_charters_manifest)
{
    FILE *f = fopen(cc_unit_path("tests/charters/bad/expected.tsv"), "r");
    char line[1024];
    int n = 0;

    ck_assert_msg(f != NULL, "expected.tsv");
    while (fgets(line, sizeof(line), f)) {
        char *file, *l, *c, *msg, *last, *want;
        const char *path;
        cc_charter *ch = (cc_charter *)1;
        apr_array_header_t *errors = NULL;
        apr_status_t rv;

        if (line[0] == '#' || line[0] == '\n') {
            continue;
        }
        line[strcspn(line, "\n")] = '\0';
        file = apr_strtok(line, "\t", &last);
        l = apr_strtok(NULL, "\t", &last);
        c = apr_strtok(NULL, "\t", &last);
        msg = apr_strtok(NULL, "\t", &last);
        ck_assert_msg(file && l && c && msg, "manifest line");
        path = cc_unit_path(apr_pstrcat(cc_test_pool, "tests/charters/bad/",
                                        file, NULL));
        rv = cc_charter_load(&ch, path, cc_test_pool, &errors);
        ck_assert_msg(rv != APR_SUCCESS, "%s loaded", file);
        ck_assert_ptr_null(ch);
        ck_assert_msg(errors && errors->nelts > 0, "%s: no error", file);
        want = apr_psprintf(cc_test_pool, "%s:%s:%s: ", path, l, c);
        ck_assert_msg(strncmp(first_error(errors), want, strlen(want)) == 0,
                      "%s: got \"%s\", expected \"%s...\"", file,
                      first_error(errors), want);
        ck_assert_msg(strstr(first_error(errors) + strlen(want), msg) != NULL,
                      "%s: got \"%s\", expected \"%s\"", file,
                      first_error(errors), msg);
        n++;
    }
    fclose(f);
    ck_assert_int_ge(n, 25);
}
END_TEST

static void expect_file_error(const char *path, const char *msg)
{
    cc_charter *ch = NULL;
    apr_array_header_t *errors = NULL;
    const char *want = apr_pstrcat(cc_test_pool, path, ":0:0: ", NULL);

    ck_assert_int_ne(cc_charter_load(&ch, path, cc_test_pool, &errors),
                     APR_SUCCESS);
    ck_assert_ptr_null(ch);
    ck_assert_int_eq(errors->nelts, 1);
    ck_assert_msg(strncmp(first_error(errors), want, strlen(want)) == 0
                  && strstr(first_error(errors), msg),
                  "got \"%s\", expected \"%s%s\"", first_error(errors), want,
                  msg);
}

START_TEST(file_level_errors)
{
    const char *tmpdir, *big;
    apr_file_t *f;

    expect_file_error(cc_unit_path("tests/charters/no-such-file.yaml"),
                      "cannot read the charter");
    expect_file_error(cc_unit_path("tests/charters"), "is a directory");
    expect_file_error(cc_unit_path("tests/charters/bad/empty.yaml"),
                      "the charter file is empty");

    /* Over 32 MiB: a sparse file, refused from its size before reading. */
    ck_assert_int_eq(apr_temp_dir_get(&tmpdir, cc_test_pool), APR_SUCCESS);
    big = apr_pstrcat(cc_test_pool, tmpdir, "/cc-big-charter-XXXXXX", NULL);
    ck_assert_int_eq(apr_file_mktemp(&f, (char *)big, APR_FOPEN_CREATE
                                     | APR_FOPEN_READ | APR_FOPEN_WRITE
                                     | APR_FOPEN_EXCL, cc_test_pool),
                     APR_SUCCESS);
    ck_assert_int_eq(apr_file_trunc(f, (apr_off_t)CC_CHARTER_MAX_BYTES + 1),
                     APR_SUCCESS);
    apr_file_close(f);
    expect_file_error(big, "larger than 32 MiB");
    apr_file_remove(big, cc_test_pool);
}
END_TEST

START_TEST(parse_from_buffer)
{
    static const char good[] =
        "charter: 1\nsite: {name: s}\nrevision: r\n"
        "categories: [{id: n, required: true, label: N}]\n";
    cc_charter *ch = NULL;
    apr_array_header_t *errors = NULL;

    ck_assert_int_eq(cc_charter_parse(&ch, "/buf.yaml", good, sizeof(good) - 1,
                                      cc_test_pool, &errors), APR_SUCCESS);
    ck_assert_ptr_nonnull(ch);
    ck_assert_str_eq(ch->file, "/buf.yaml");
    ck_assert_int_eq(strlen(ch->sha256), 64);
    ch = NULL;
    ck_assert_int_ne(cc_charter_parse(&ch, "/buf.yaml", "", 0, cc_test_pool,
                                      &errors), APR_SUCCESS);
    ck_assert_str_eq(first_error(errors), "/buf.yaml:0:0: the charter file is empty");
}
END_TEST

START_TEST(several_errors_in_file_order)
{
    static const char bad[] =
        "charter: 1\n"
        "site: {name: s}\n"
        "revision: \"bad revision\"\n"
        "categories:\n"
        "  - {id: n, required: true, label: N}\n"
        "cookies:\n"
        "  - {name: a, category: nope, purpose: p}\n"
        "  - {name: 'b c', category: n, purpose: p}\n"
        "colour: red\n";
    cc_charter *ch = NULL;
    apr_array_header_t *errors = NULL;

    ck_assert_int_ne(cc_charter_parse(&ch, "/m.yaml", bad, sizeof(bad) - 1,
                                      cc_test_pool, &errors), APR_SUCCESS);
    ck_assert_int_eq(errors->nelts, 4);
    ck_assert(strncmp(APR_ARRAY_IDX(errors, 0, const char *), "/m.yaml:3:11: invalid revision", 30) == 0);
    ck_assert(strncmp(APR_ARRAY_IDX(errors, 1, const char *), "/m.yaml:7:25: unknown category", 30) == 0);
    ck_assert(strncmp(APR_ARRAY_IDX(errors, 2, const char *), "/m.yaml:8:12: invalid cookie name", 33) == 0);
    ck_assert(strncmp(APR_ARRAY_IDX(errors, 3, const char *), "/m.yaml:9:1: unknown key 'colour'", 33) == 0);
}
END_TEST

START_TEST(reference_charter)
{
    const cc_charter *ch = cc_unit_charter("conf/charter-reference.yaml");
    static const char *const names[] = {
        "sessionid", "django_language", "csrftoken", "cookies_preferences"
    };
    static const char *const purposes_fr[] = {
        "Se souvenir de l'utilisateur d'une page à une autre.",
        "Se souvenir de la langue du visiteur",
        "Récupérer des données via des appels API",
        "Permet de se souvenir du choix opéré par le visiteur concernant les cookies"
    };
    static const char *const services_fr[] = {
        "Authentification (front et back office)",
        "Sélection de la langue (front et back office)",
        "API (CSRF) (front et back office)",
        "Choix concernant vos préférences sur les cookies"
    };
    static const char *const durations_en[] = {
        "2 weeks", "12 months", "12 months", "6 months"
    };
    const cc_category *nec;
    const cc_section *sec;
    int i;

    ck_assert_str_eq(ch->site_name, "data.82numerique.fr");
    ck_assert_str_eq(ch->site_url, "https://data.82numerique.fr");
    ck_assert_str_eq(ch->revision, "2024-06");
    ck_assert_int_eq(ch->nlangs, 2);
    ck_assert_str_eq(ch->langs[0], "fr");
    ck_assert_str_eq(ch->langs[1], "en");
    ck_assert_str_eq(ch->consent_cookie, "cookies_preferences");
    ck_assert_int_eq(ch->lifetime_days, 182);
    ck_assert_str_eq(cc_text_get(&ch->policy_title, 0), "Charte cookies");
    ck_assert_str_eq(cc_text_get(&ch->policy_intro, 0),
                     "Afin de vous proposer le meilleur service possible nous "
                     "utilisons des cookies pour assurer son bon fonctionnement.");
    ck_assert_int_eq(ch->sections->nelts, 2);
    sec = &APR_ARRAY_IDX(ch->sections, 0, cc_section);
    ck_assert_str_eq(cc_text_get(&sec->heading, 0), "Qu'est ce qu'un cookie ?");
    ck_assert_ptr_nonnull(strstr(txt(&sec->text, 0),
                                 "\n\nIl existe plusieurs types de cookies :\n\n"));
    ck_assert_ptr_nonnull(strstr(txt(&sec->text, 0),
                                 "Les cookies dits « tiers », « tierce partie »"));
    sec = &APR_ARRAY_IDX(ch->sections, 1, cc_section);
    ck_assert_str_eq(cc_text_get(&sec->heading, 0),
                     "A quoi servent les cookies sur la plateforme https://data.82numerique.fr");
    ck_assert(!cc_text_isset(&sec->text));

    ck_assert_int_eq(ch->categories->nelts, 1);
    nec = APR_ARRAY_IDX(ch->categories, 0, cc_category *);
    ck_assert_str_eq(cc_text_get(&nec->label, 0),
                     "Cookies nécessaires au bon fonctionnement de la "
                     "plateforme / cookies fonctionnels");
    ck_assert(nec->required);
    ck_assert_ptr_eq(ch->consent_category, nec);
    ck_assert_uint_eq(ch->required_mask, 1);
    ck_assert_uint_eq(ch->optional_mask, 0);

    ck_assert_int_eq(ch->cookies->nelts, 4);
    for (i = 0; i < 4; i++) {
        const cc_cookie *c = APR_ARRAY_IDX(ch->cookies, i, cc_cookie *);
        ck_assert_str_eq(c->name, names[i]);
        ck_assert_str_eq(c->provider, "Opendatasoft");
        ck_assert_str_eq(cc_text_get(&c->service, 0), services_fr[i]);
        ck_assert_str_eq(cc_text_get(&c->purpose, 0), purposes_fr[i]);
        ck_assert_str_eq(cc_text_get(&c->duration, 1), durations_en[i]);
        ck_assert_ptr_nonnull(cc_text_get(&c->purpose, 1));
        ck_assert_ptr_ne(cc_text_get(&c->purpose, 1), cc_text_get(&c->purpose, 0));
        ck_assert_ptr_eq(c->category, nec);
        ck_assert(c->declared);
        ck_assert_str_eq(c->path, "/");
        ck_assert_ptr_eq(cookie(ch, names[i]), c);
    }
    ck_assert_str_eq(cc_text_get(&APR_ARRAY_IDX(ch->cookies, 0, cc_cookie *)->duration, 0),
                     "2 semaines");
    /* Built-in banner texts. */
    ck_assert_str_eq(cc_text_get(&ch->texts[CC_T_ACCEPT_ALL], 0), "Tout accepter");
    ck_assert_str_eq(cc_text_get(&ch->texts[CC_T_REJECT_ALL], 1), "Reject all");
    ck_assert_str_eq(cc_text_get(&ch->texts[CC_T_TITLE], 0), "Gestion des cookies");
    ck_assert_str_eq(cc_text_get(&ch->texts[CC_T_LEARN_MORE], 1), "Learn more");
    ck_assert_str_eq(cc_charter_join_ids(cc_test_pool, ch, ~(cc_mask)0, "+"), "-");
}
END_TEST

START_TEST(demo_charter)
{
    const cc_charter *ch = cc_unit_charter("conf/charter-demo.yaml");
    const char *own = "data.82numerique.fr";

    ck_assert_int_eq(ch->categories->nelts, 3);
    ck_assert_uint_eq(ch->required_mask, 1);
    ck_assert_uint_eq(ch->optional_mask, 6);
    ck_assert_uint_eq(ch->default_granted_mask, 0);
    ck_assert_int_eq(ch->cookies->nelts, 8);
    ck_assert_str_eq(ch->policy_url, "/cookiecharter/policy");

    ck_str_or_null(cookie_cat(ch, "sessionid"), "necessary");
    ck_str_or_null(cookie_cat(ch, "_pk_id.1.a8b3"), "statistics");
    ck_str_or_null(cookie_cat(ch, "_pk_ses.1.a8b3"), "statistics");
    ck_str_or_null(cookie_cat(ch, "_pk_ref.1.a8b3"), NULL);
    ck_str_or_null(cookie_cat(ch, "_ga"), "marketing");
    ck_str_or_null(cookie_cat(ch, "_ga_ABC123"), "marketing");
    ck_str_or_null(cookie_cat(ch, "_gid"), NULL);
    ck_str_or_null(cookie_cat(ch, "SESSIONID"), NULL);
    ck_str_or_null(cookie(ch, "_ga")->domain, ".82numerique.fr");
    ck_str_or_null(cookie(ch, "_ga_X")->name, "_ga_*");
    ck_assert(cookie(ch, "_ga_X")->is_glob);
    /* A name given with its length, not NUL-terminated. */
    ck_assert_ptr_eq(cc_charter_cookie(ch, "_gaXYZ", 3), cookie(ch, "_ga"));

    ck_str_or_null(url_cat(ch, "https://www.youtube.com/embed/x", own), "marketing");
    ck_str_or_null(url_cat(ch, "https://www.youtube-nocookie.com/embed/x", own), "marketing");
    ck_str_or_null(url_cat(ch, "https://youtube.com/embed/x", own), NULL);
    ck_str_or_null(url_cat(ch, "//player.vimeo.com/video/1", own), "marketing");
    ck_str_or_null(url_cat(ch, "HTTPS://Player.Vimeo.COM./video/1", own), "marketing");
    ck_str_or_null(url_cat(ch, "https://matomo.example.org:8443/matomo.js", own), "statistics");
    ck_str_or_null(url_cat(ch, "https://eu.matomo.example.org/", own), "statistics");
    ck_str_or_null(url_cat(ch, "https://notmatomo.example.org/", own), NULL);
    ck_str_or_null(url_cat(ch, "https://user@matomo.example.org/x", own), "statistics");
    ck_str_or_null(url_cat(ch, "https://matomo.example.org.evil.net/", own), NULL);
    ck_str_or_null(url_cat(ch, "/matomo/matomo.js", own), "statistics");
    ck_str_or_null(url_cat(ch, "/matomo", own), NULL);
    ck_str_or_null(url_cat(ch, "matomo/matomo.js", own), "statistics");
    ck_str_or_null(url_cat(ch, "  /matomo/piwik.js?x=1  ", own), "statistics");
    ck_str_or_null(url_cat(ch, "\\\\player.vimeo.com/x", own), "marketing");
    ck_str_or_null(url_cat(ch, "https://data.82numerique.fr/matomo/m.js", own), "statistics");
    ck_str_or_null(url_cat(ch, "https://DATA.82numerique.fr:443/matomo/m.js", "data.82numerique.fr:443"), "statistics");
    ck_str_or_null(url_cat(ch, "https://other.example/matomo/m.js", own), NULL);
    ck_str_or_null(url_cat(ch, "/static/app.js", own), NULL);
    ck_str_or_null(url_cat(ch, "data:text/javascript,alert(1)", own), NULL);
    ck_str_or_null(url_cat(ch, "javascript:void(0)", own), NULL);
    ck_str_or_null(url_cat(ch, "", own), NULL);
    ck_str_or_null(url_cat(ch, "https://www.googletagmanager.com/gtag/js?id=G-1", NULL), "marketing");
    /* URLs read in place as a browser reads them: case, ports, userinfo,
     * backslashes, tabs and newlines, trailing dots. */
    ck_str_or_null(url_cat(ch, "HTTPS://MATOMO.Example.ORG/x", own), "statistics");
    ck_str_or_null(url_cat(ch, "hTtP://Eu.Matomo.Example.Org:80/x", own), "statistics");
    ck_str_or_null(url_cat(ch, "//matomo.example.org:8080", own), "statistics");
    ck_str_or_null(url_cat(ch, "http://a@matomo.example.org/", own), "statistics");
    ck_str_or_null(url_cat(ch, "http://a@b@matomo.example.org:1/", own), "statistics");
    ck_str_or_null(url_cat(ch, "http://matomo.example.org@evil.net/", own), NULL);
    ck_str_or_null(url_cat(ch, "http://evil.net/@matomo.example.org/", own), NULL);
    ck_str_or_null(url_cat(ch, "http://evil.net?@matomo.example.org/", own), NULL);
    ck_str_or_null(url_cat(ch, "http://evil.net\\@matomo.example.org/", own), NULL);
    ck_str_or_null(url_cat(ch, "https:\\\\player.vimeo.com\\x", own), "marketing");
    ck_str_or_null(url_cat(ch, "/\\player.vimeo.com/x", own), "marketing");
    ck_str_or_null(url_cat(ch, "https:player.vimeo.com/x", own), "marketing");
    ck_str_or_null(url_cat(ch, "https:////player.vimeo.com/x", own), "marketing");
    ck_str_or_null(url_cat(ch, "ht\ttps://player.vim\neo.com/x", own), "marketing");
    ck_str_or_null(url_cat(ch, "/\t/player.vimeo.com/x", own), "marketing");
    ck_str_or_null(url_cat(ch, "https:/\r\n/player.vimeo.com/x", own), "marketing");
    ck_str_or_null(url_cat(ch, " \t\n https://player.vimeo.com/x \n", own), "marketing");
    ck_str_or_null(url_cat(ch, "/mat\tomo/m.js", own), "statistics");
    ck_str_or_null(url_cat(ch, "\\matomo\\m.js", own), "statistics");
    ck_str_or_null(url_cat(ch, "matomo\\m.js", own), "statistics");
    ck_str_or_null(url_cat(ch, "/matomo?/m.js", own), NULL);
    ck_str_or_null(url_cat(ch, "/matomo#/m.js", own), NULL);
    ck_str_or_null(url_cat(ch, "https://matomo.example.org./x", own), "statistics");
    ck_str_or_null(url_cat(ch, "https://matomo.example.org.:443/x", own), "statistics");
    ck_str_or_null(url_cat(ch, "https://matomo.example.org../x", own), NULL);
    ck_str_or_null(url_cat(ch, "https://.matomo.example.org/x", own), "statistics");
    ck_str_or_null(url_cat(ch, "https://DATA.82numerique.fr./matomo/x", own), "statistics");
    ck_str_or_null(url_cat(ch, "https://data.82numerique.fr\\matomo\\x", own), "statistics");
    ck_str_or_null(url_cat(ch, "https://data.82numerique.fr?/matomo/x", own), NULL);
    ck_str_or_null(url_cat(ch, "https://data.82numerique.fr.evil/matomo/x", own), NULL);
    ck_str_or_null(url_cat(ch, "http://[::1]:8080/matomo/x", "[::1]:8080"), "statistics");
    ck_str_or_null(url_cat(ch, "http://[::1]/matomo/x", "[::2]"), NULL);
    ck_str_or_null(url_cat(ch, "http://[::1]/x", "[::1]"), NULL);
    ck_str_or_null(url_cat(ch, "ftp://matomo.example.org/x", own), NULL);
    ck_str_or_null(url_cat(ch, "httpx://matomo.example.org/x", own), NULL);
    /* Hosts a browser decodes before resolving: percent-escapes, then the
     * UTS #46 mappings (fullwidth letters, ideographic dots, ignored
     * code points), so that an encoded tracker is still held back. */
    ck_str_or_null(url_cat(ch, "https://%6Datomo.example.org/", own), "statistics");
    ck_str_or_null(url_cat(ch, "https://matomo%2Eexample%2eORG/", own), "statistics");
    ck_str_or_null(url_cat(ch, "https://matomo.example.org%2E/", own), "statistics");
    ck_str_or_null(url_cat(ch, "https://matomo.exam\tple.org/", own), "statistics");
    ck_str_or_null(url_cat(ch, "https://%C3%A9.matomo.example.org/", own), "statistics");
    ck_str_or_null(url_cat(ch, "https://\xc3\xa9.matomo.example.org/", own), "statistics");
    ck_str_or_null(url_cat(ch, "https://\xef\xbd\x8d\xef\xbc\xa1tomo.example.org/", own), "statistics");
    ck_str_or_null(url_cat(ch, "https://matomo\xe3\x80\x82" "example\xef\xbd\xa1org/", own), "statistics");
    ck_str_or_null(url_cat(ch, "https://mato\xc2\xadmo.example.org/", own), "statistics");
    ck_str_or_null(url_cat(ch, "https://%E2%80%8Bmatomo.example.org/", own), "statistics");
    ck_str_or_null(url_cat(ch, "https://%6Datomo.example.org%40evil.net/", own), NULL);
    ck_str_or_null(url_cat(ch, "https://%zz.matomo.example.org/", own), "statistics");
    ck_str_or_null(url_cat(ch, "https://m%61tomo.example.org%", own), NULL);
    ck_str_or_null(url_cat(ch, "https://D%41TA.82numerique.fr/matomo/x", own), "statistics");
    ck_str_or_null(url_cat(ch, "https://notmatomo%2Eexample.org/", own), NULL);

    ck_str_or_null(cc_charter_join_ids(cc_test_pool, ch, 6, "+"), "statistics+marketing");
    ck_str_or_null(cc_charter_join_ids(cc_test_pool, ch, 7, " "), "statistics marketing");
    ck_str_or_null(cc_charter_join_ids(cc_test_pool, ch, 4, "+"), "marketing");
    ck_str_or_null(cc_charter_join_ids(cc_test_pool, ch, 1, "+"), "-");
    ck_assert_ptr_eq(cc_charter_category(ch, "statistics", 10),
                     APR_ARRAY_IDX(ch->categories, 1, cc_category *));
    ck_assert_ptr_eq(cc_charter_category(ch, "statistics+x", 10),
                     APR_ARRAY_IDX(ch->categories, 1, cc_category *));
    ck_assert_ptr_null(cc_charter_category(ch, "stat", 4));
    ck_str_or_null(cc_text_get(&ch->texts[CC_T_TITLE], 1), "Your cookie choices");
    ck_str_or_null(cc_text_get(&ch->texts[CC_T_SAVE], 0), "Enregistrer mes choix");
}
END_TEST

START_TEST(minimal_charter_defaults)
{
    const cc_charter *ch = cc_unit_charter("tests/charters/good/minimal.yaml");
    const cc_cookie *c;

    ck_assert_int_eq(ch->schema, 1);
    ck_assert_int_eq(ch->nlangs, 2);
    ck_assert_str_eq(ch->langs[0], "fr");
    ck_assert_ptr_null(ch->site_url);
    ck_assert_ptr_null(ch->policy_url);
    ck_assert(!cc_text_isset(&ch->policy_title));
    ck_assert_int_eq(ch->sections->nelts, 0);
    ck_assert_int_eq(ch->lifetime_days, 182);
    ck_assert_str_eq(ch->consent_cookie, "cookies_preferences");
    ck_assert_int_eq(ch->cookies->nelts, 0);
    /* The consent cookie is there, undeclared, in the required category. */
    c = cookie(ch, "cookies_preferences");
    ck_assert_ptr_nonnull(c);
    ck_assert_int_eq(c->declared, 0);
    ck_assert_ptr_eq(c->category, ch->consent_category);
    ck_assert_str_eq(c->path, "/");
    ck_assert_ptr_null(cookie(ch, "cookies_preferences2"));
    ck_assert_ptr_null(url_cat(ch, "https://example.org/", "example.org"));
    ck_assert_str_eq(cc_text_get(&ch->texts[CC_T_MANAGE], 0), "Gérer les cookies");
    ck_assert_str_eq(cc_text_get(&ch->texts[CC_T_CUSTOMIZE], 1), "Customise");
}
END_TEST

START_TEST(full_charter)
{
    const cc_charter *ch = cc_unit_charter("tests/charters/good/full.yaml");
    const cc_category *audience = cc_charter_category(ch, "audience", 8);
    const cc_section *sec;
    const cc_cookie *c;

    ck_assert_int_eq(ch->nlangs, 3);
    ck_assert_str_eq(ch->langs[2], "de");
    ck_assert_int_eq(ch->lifetime_days, 30);
    ck_assert_str_eq(ch->consent_cookie, "__Host-consent");
    ck_assert_uint_eq(ch->required_mask, 1);
    ck_assert_uint_eq(ch->optional_mask, 14);
    ck_assert_uint_eq(ch->default_granted_mask, 2);
    ck_assert(audience->default_granted);
    /* Texts: a string is every language; a missing language takes the
     * first one's. */
    ck_assert_str_eq(cc_text_get(&ch->policy_intro, 2), "Intro for everyone.");
    ck_assert_str_eq(cc_text_get(&audience->label, 1), "Audience");
    ck_assert(!cc_text_isset(&audience->description));
    sec = &APR_ARRAY_IDX(ch->sections, 0, cc_section);
    ck_assert(!cc_text_isset(&sec->text));
    ck_assert_str_eq(cc_text_get(&sec->heading, 2), "Titre seul");
    sec = &APR_ARRAY_IDX(ch->sections, 1, cc_section);
    ck_assert_str_eq(cc_text_get(&sec->text, 2), "Texte");
    ck_assert_str_eq(cc_text_get(&ch->texts[CC_T_MESSAGE], 1), "Message");
    ck_assert_str_eq(cc_text_get(&ch->texts[CC_T_MESSAGE], 2), "Nachricht");
    ck_assert_str_eq(cc_text_get(&ch->texts[CC_T_ACCEPT_ALL], 2), "Alle akzeptieren");

    /* Within a category the first entry wins. */
    c = cookie(ch, "sid");
    ck_assert_str_eq(cc_text_get(&c->purpose, 0), "Session");
    ck_assert_str_eq(c->provider, "Example");
    ck_assert_ptr_eq(c, APR_ARRAY_IDX(ch->cookies, 0, cc_cookie *));
    c = cookie(ch, "_pk_id.5.abc");
    ck_assert_str_eq(c->name, "_pk_id.*");
    ck_assert_str_eq(c->domain, ".example.org");
    ck_assert_str_eq(c->path, "/app");
    ck_assert_str_eq(cookie(ch, "_pk_ses.5")->name, "_pk_*");
    ck_str_or_null(cookie_cat(ch, "xvid"), "video");
    ck_str_or_null(cookie_cat(ch, "xxvid"), NULL);
    ck_str_or_null(cookie_cat(ch, "ad_1_x"), "ads");
    ck_str_or_null(cookie_cat(ch, "ad__x"), "ads");
    ck_str_or_null(cookie_cat(ch, "ad_x"), NULL);
    c = cookie(ch, "__Host-consent");
    ck_assert_int_eq(c->declared, 0);
    ck_assert_str_eq(c->category->id, "necessary");
    ck_assert_ptr_null(cookie(ch, "cookies_preferences"));

    ck_str_or_null(url_cat(ch, "https://youtube-nocookie.com/embed/1", "www.example.org"), "video");
    ck_str_or_null(url_cat(ch, "https://cdn.example.com/video/a.mp4", NULL), "video");
    ck_str_or_null(url_cat(ch, "https://cdn.example.com/audience/a.js", NULL), "audience");
    ck_str_or_null(url_cat(ch, "https://cdn.example.com/other.js", NULL), NULL);
    ck_str_or_null(url_cat(ch, "https://x.ads.example.net/p.gif", NULL), "ads");
    ck_str_or_null(url_cat(ch, "/matomo/m.js", "www.example.org"), "audience");
    ck_str_or_null(cc_charter_join_ids(cc_test_pool, ch, 15, "+"), "audience+video+ads");
    ck_str_or_null(cc_charter_join_ids(cc_test_pool, ch, 8, ","), "ads");
}
END_TEST

START_TEST(globs)
{
    ck_assert(cc_glob_valid("sessionid"));
    ck_assert(cc_glob_valid("_pk_id.*"));
    ck_assert(cc_glob_valid("?x*"));
    ck_assert(cc_glob_valid("__Host-a"));
    ck_assert(!cc_glob_valid(""));
    ck_assert(!cc_glob_valid("a b"));
    ck_assert(!cc_glob_valid("a=b"));
    ck_assert(!cc_glob_valid("a[0]"));
    ck_assert(!cc_glob_valid("caf\xc3\xa9"));
    ck_assert(cc_glob_has_wildcard("a*"));
    ck_assert(cc_glob_has_wildcard("a?"));
    ck_assert(!cc_glob_has_wildcard("a"));

    ck_assert(cc_glob_match("_ga_*", "_ga_X", 5));
    ck_assert(cc_glob_match("_ga_*", "_ga_", 4));
    ck_assert(!cc_glob_match("_ga_*", "_ga", 3));
    ck_assert(cc_glob_match("*", "", 0));
    ck_assert(cc_glob_match("a*b*c", "aXbYbZc", 7));
    ck_assert(!cc_glob_match("a*b*c", "aXbYbZ", 6));
    ck_assert(cc_glob_match("a?c", "abc", 3));
    ck_assert(!cc_glob_match("a?c", "ac", 2));
    ck_assert(cc_glob_match("exact", "exact", 5));
    ck_assert(!cc_glob_match("exact", "exactly", 7));
    ck_assert(cc_glob_match("*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaab", 30));
    ck_assert(!cc_glob_match("*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 30));

    ck_assert(cc_glob_overlap("_ga_*", "_ga_*"));
    ck_assert(cc_glob_overlap("_pk_*", "*_id"));
    ck_assert(cc_glob_overlap("a*", "*b"));
    ck_assert(!cc_glob_overlap("a*", "b*"));
    ck_assert(!cc_glob_overlap("*a", "*b"));
    ck_assert(cc_glob_overlap("?", "x"));
    ck_assert(!cc_glob_overlap("??", "x"));
    ck_assert(cc_glob_overlap("a?c", "*c"));
    ck_assert(!cc_glob_overlap("a?c", "*d"));
    ck_assert(cc_glob_overlap("s*", "sid"));
    ck_assert(!cc_glob_overlap("s*x", "sid"));
    ck_assert(cc_glob_overlap("*", ""));
    ck_assert(!cc_glob_overlap("?", ""));
    ck_assert(cc_glob_overlap("a*b*c", "*x*"));
    ck_assert(cc_glob_overlap("ab*", "*ba"));
    ck_assert(!cc_glob_overlap("ab*", "b*"));
    ck_assert(!cc_glob_overlap("ab*c", "*d"));
    ck_assert(cc_glob_overlap("ab*", "*ba*"));
    ck_assert(!cc_glob_overlap("_ga", "_ga_*"));
    ck_assert(cc_glob_overlap("x?y", "?z?"));
}
END_TEST

/* 10,000 cookies: 9,900 exact names and 100 globs over ten categories. */
START_TEST(large_charter)
{
    apr_pool_t *p = cc_test_pool;
    const int nexact = 9900, nglob = 100, nlook = 100000;
    char *buf;
    apr_size_t cap = 4 * 1024 * 1024, len = 0;
    cc_charter *ch = NULL;
    apr_array_header_t *errors = NULL;
    apr_time_t t0, t1, t2, tl;
    const char **names;
    int i, found = 0, globbed = 0, missed = 0;

    buf = apr_palloc(p, cap);
#define OUT(...) (len += (apr_size_t)apr_snprintf(buf + len, cap - len, __VA_ARGS__))
    OUT("charter: 1\nsite: {name: big}\nrevision: big\ncategories:\n");
    OUT("  - {id: c0, required: true, label: C0}\n");
    for (i = 1; i < 10; i++) {
        OUT("  - {id: c%d, label: C%d}\n", i, i);
    }
    OUT("cookies:\n");
    for (i = 0; i < nexact; i++) {
        OUT("  - {name: ck%05d, category: c%d, provider: P, purpose: p}\n",
            i, i % 10);
    }
    for (i = 0; i < nglob; i++) {
        OUT("  - {name: g%03d_*, category: c%d, purpose: p}\n", i, i % 10);
    }
#undef OUT
    ck_assert(len < cap - 1);

    t0 = apr_time_now();
    ck_assert_msg(cc_charter_parse(&ch, "/big.yaml", buf, len, p, &errors)
                  == APR_SUCCESS, "%s", first_error(errors));
    tl = apr_time_now();
    ck_assert_int_eq(ch->cookies->nelts, nexact + nglob);
    /* The names first, so that only the look-ups are timed. */
    names = apr_palloc(p, nlook * sizeof(*names));
    for (i = 0; i < nlook; i++) {
        int k = i % 3;

        if (k == 0) {
            names[i] = apr_psprintf(p, "ck%05d", i % nexact);
        }
        else if (k == 1) {
            names[i] = apr_psprintf(p, "g%03d_session%d", i % nglob, i);
        }
        else {
            names[i] = apr_psprintf(p, "undeclared%d", i);
        }
    }
    t1 = apr_time_now();
    for (i = 0; i < nlook; i++) {
        const cc_cookie *c;
        int k = i % 3;

        c = cc_charter_cookie(ch, names[i], strlen(names[i]));
        /* No ck_assert in the timed loop: Check reports every one. */
        if (k == 0) {
            found += c && c->category->index == (i % nexact) % 10;
        }
        else if (k == 1) {
            globbed += c && c->category->index == (i % nglob) % 10;
        }
        else {
            missed += c == NULL;
        }
    }
    t2 = apr_time_now();
    ck_assert_int_eq(found, (nlook + 2) / 3);
    ck_assert_int_eq(globbed, (nlook + 1) / 3);
    ck_assert_int_eq(missed, nlook / 3);
    printf("charter of %d cookies (%lu bytes): loaded in %.1f ms; %d look-ups "
           "(%d exact, %d glob, %d undeclared) in %.1f ms, %.0f look-ups/s\n",
           nexact + nglob, (unsigned long)len, (tl - t0) / 1000.0, nlook,
           found, globbed, missed, (t2 - t1) / 1000.0,
           nlook / ((t2 - t1 + 1) / 1e6));
}
END_TEST

/* A glob against an exact name of another category is found in a large
 * charter too (the check goes through the prefix index). */
START_TEST(large_charter_conflict)
{
    apr_pool_t *p = cc_test_pool;
    char *buf;
    apr_size_t cap = 1024 * 1024, len = 0;
    cc_charter *ch = NULL;
    apr_array_header_t *errors = NULL;
    int i;

    buf = apr_palloc(p, cap);
#define OUT(...) (len += (apr_size_t)apr_snprintf(buf + len, cap - len, __VA_ARGS__))
    OUT("charter: 1\nsite: {name: big}\nrevision: big\ncategories:\n"
        "  - {id: a, required: true, label: A}\n  - {id: b, label: B}\n"
        "cookies:\n");
    for (i = 0; i < 3000; i++) {
        OUT("  - {name: n%04d, category: a, purpose: p}\n", i);
    }
    OUT("  - {name: n29*, category: b, purpose: p}\n");
#undef OUT
    ck_assert_int_ne(cc_charter_parse(&ch, "/c.yaml", buf, len, p, &errors),
                     APR_SUCCESS);
    ck_assert_int_eq(errors->nelts, 1);
    ck_assert_msg(strstr(first_error(errors), "/c.yaml:3008:12: cookie glob "
                         "'n29*' of category 'b' also matches") == first_error(errors),
                  "%s", first_error(errors));
}
END_TEST

Suite *suite_charter(void)
{
    Suite *s = suite_create("charter");
    TCase *tc = tcase_create("charter");

    tcase_add_checked_fixture(tc, cc_unit_setup, cc_unit_teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, bad_charters_manifest);
    tcase_add_test(tc, file_level_errors);
    tcase_add_test(tc, parse_from_buffer);
    tcase_add_test(tc, several_errors_in_file_order);
    tcase_add_test(tc, reference_charter);
    tcase_add_test(tc, demo_charter);
    tcase_add_test(tc, minimal_charter_defaults);
    tcase_add_test(tc, full_charter);
    tcase_add_test(tc, globs);
    tcase_add_test(tc, large_charter);
    tcase_add_test(tc, large_charter_conflict);
    suite_add_tcase(s, tc);
    return s;
}
