/* cc_render_fixture: print what the module renders for a charter, so the
 * browser tests can serve the real banner markup before (and besides)
 * httpd.
 *
 *   cc_render_fixture CHARTER assets|banner|policy|json|version
 *                     [-l LANG] [-s unset|gpc|choice] [-g ID+ID|-]
 *                     [-r RETURN] [-p PREFIX] [-m]
 *
 * -l: a language of the charter (default its first); -s: the consent
 * state (default unset); -g: the optional categories granted (default
 * none); -r: the return path (default none); -p: CookieCharterPath
 * (default /cookiecharter); -m: manage control only (cross-site frame).
 * Exit 0, or 2 on usage errors and charter errors (printed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <apr_general.h>
#include <apr_strings.h>

#include "cc_charter.h"
#include "cc_render.h"
#include "cc_assets.h"

static void usage(void)
{
    fprintf(stderr, "usage: cc_render_fixture CHARTER "
            "assets|banner|policy|json|version [-l LANG] "
            "[-s unset|gpc|choice] [-g ID+ID|-] [-r RETURN] [-p PREFIX] "
            "[-m]\n");
    exit(2);
}

static cc_mask parse_granted(const cc_charter *ch, const char *g,
                             apr_pool_t *p)
{
    cc_mask m = 0;
    char *last, *tok, *s = apr_pstrdup(p, g);

    if (strcmp(g, "-") == 0) {
        return 0;
    }
    for (tok = apr_strtok(s, "+", &last); tok;
         tok = apr_strtok(NULL, "+", &last)) {
        const cc_category *c = cc_charter_category(ch, tok, strlen(tok));
        if (!c || c->required) {
            fprintf(stderr, "cc_render_fixture: not an optional category: "
                    "%s\n", tok);
            exit(2);
        }
        m |= CC_MASK_BIT(c->index);
    }
    return m;
}

int main(int argc, const char *const *argv)
{
    apr_pool_t *p;
    cc_charter *ch = NULL;
    apr_array_header_t *errors = NULL;
    cc_view vw;
    const char *what, *out = NULL;
    apr_size_t len = 0;
    int i;

    if (argc < 3) {
        usage();
    }
    apr_app_initialize(&argc, &argv, NULL);
    atexit(apr_terminate);
    apr_pool_create(&p, NULL);
    if (cc_charter_load(&ch, argv[1], p, &errors) != APR_SUCCESS) {
        for (i = 0; errors && i < errors->nelts; i++) {
            fprintf(stderr, "%s\n", APR_ARRAY_IDX(errors, i, const char *));
        }
        return 2;
    }
    what = argv[2];
    memset(&vw, 0, sizeof(vw));
    vw.charter = ch;
    vw.prefix = "/cookiecharter";
    vw.v = cc_assets_version(p, ch);
    vw.state = CC_STATE_UNSET;
    for (i = 3; i < argc; i++) {
        const char *opt = argv[i];
        const char *arg = i + 1 < argc ? argv[i + 1] : NULL;

        if (strcmp(opt, "-m") == 0) {
            vw.manage_only = 1;
            continue;
        }
        if (!arg) {
            usage();
        }
        i++;
        if (strcmp(opt, "-l") == 0) {
            int k;
            vw.lang = -1;
            for (k = 0; k < ch->nlangs; k++) {
                if (strcmp(ch->langs[k], arg) == 0) {
                    vw.lang = k;
                }
            }
            if (vw.lang < 0) {
                usage();
            }
        }
        else if (strcmp(opt, "-s") == 0) {
            vw.state = strcmp(arg, "choice") == 0 ? CC_STATE_CHOICE
                       : strcmp(arg, "gpc") == 0 ? CC_STATE_GPC
                       : strcmp(arg, "unset") == 0 ? CC_STATE_UNSET : -1;
            if ((int)vw.state < 0) {
                usage();
            }
        }
        else if (strcmp(opt, "-g") == 0) {
            vw.granted = parse_granted(ch, arg, p);
        }
        else if (strcmp(opt, "-r") == 0) {
            vw.return_path = arg;
        }
        else if (strcmp(opt, "-p") == 0) {
            vw.prefix = arg;
        }
        else {
            usage();
        }
    }

    if (strcmp(what, "assets") == 0) {
        out = cc_render_assets(p, &vw, &len);
    }
    else if (strcmp(what, "banner") == 0) {
        out = cc_render_banner(p, &vw, &len);
    }
    else if (strcmp(what, "policy") == 0) {
        out = cc_render_policy(p, &vw, &len);
    }
    else if (strcmp(what, "json") == 0) {
        out = cc_render_charter_json(p, &vw, &len);
    }
    else if (strcmp(what, "version") == 0) {
        out = vw.v;
        len = strlen(out);
    }
    else {
        usage();
    }
    if (fwrite(out, 1, len, stdout) != len) {
        return 2;
    }
    return 0;
}
