/* cc_rewrite_tool: run the HTML rewriter over a file, as the output filter
 * would, with fixed marker strings for the assets and the banner.
 *
 *   cc_rewrite_tool [-c CHARTER] [-g all|none|ID+ID] [-x] [-s CHUNK]
 *                   [-H HOST] [-e] FILE
 *
 * -g: granted categories (required ones always; default none);
 * -x: XHTML (CDATA sections, no implied elements); -s: feed chunks of this
 * many bytes (default: the whole file at once); -e: print the edit list
 * (input offset and inserted text, one a line) and a last line of
 * statistics instead of the output. Exit 0, or
 * 2 on usage or I/O errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <apr_general.h>
#include <apr_file_io.h>
#include <apr_strings.h>

#include "cc_charter.h"
#include "cc_html_rewrite.h"

#define ASSETS "<link rel=\"stylesheet\" href=\"/cookiecharter/banner.css?v=t\"/>" \
               "<script src=\"/cookiecharter/banner.js?v=t\" defer=\"defer\"></script>"
#define BANNER "<div id=\"cookiecharter-banner\" role=\"dialog\" hidden=\"hidden\"></div>"

typedef struct {
    int edits;
    apr_off_t in_off;           /* input bytes written so far */
} tool_out;

static apr_status_t write_out(void *baton, cc_out_kind kind,
                              const char *data, apr_size_t len)
{
    tool_out *t = baton;

    if (t->edits) {
        if (CC_OUT_IS_INSERT(kind)) {
            printf("%" APR_OFF_T_FMT " ", t->in_off);
            fwrite(data, 1, len, stdout);
            putchar('\n');
        }
    }
    else if (fwrite(data, 1, len, stdout) != len) {
        return APR_EGENERAL;
    }
    if (!CC_OUT_IS_INSERT(kind)) {
        t->in_off += (apr_off_t)len;
    }
    return APR_SUCCESS;
}

static void usage(void)
{
    fprintf(stderr, "usage: cc_rewrite_tool [-c CHARTER] [-g all|none|ID+ID] "
            "[-x] [-s CHUNK] [-H HOST] [-e] FILE\n");
    exit(2);
}

static cc_mask parse_granted(const cc_charter *ch, const char *g)
{
    cc_mask m = ch->required_mask;
    char *list, *tok, *last;

    if (strcmp(g, "all") == 0) {
        return ch->required_mask | ch->optional_mask;
    }
    if (strcmp(g, "none") == 0) {
        return m;
    }
    list = strdup(g);
    for (tok = apr_strtok(list, "+,", &last); tok;
         tok = apr_strtok(NULL, "+,", &last)) {
        const cc_category *c = cc_charter_category(ch, tok, strlen(tok));
        if (c == NULL) {
            fprintf(stderr, "cc_rewrite_tool: no category %s\n", tok);
            exit(2);
        }
        m |= CC_MASK_BIT(c->index);
    }
    free(list);
    return m;
}

int main(int argc, char **argv)
{
    const char *charter_path = "tests/corpus/charter.yaml", *granted = "none";
    const char *host = "corpus.test", *file = NULL;
    apr_size_t chunk = 0, off, len;
    int xhtml = 0, i;
    apr_pool_t *p;
    apr_array_header_t *errors = NULL;
    cc_charter *ch = NULL;
    cc_rewrite_opts o;
    cc_rewriter *rw;
    tool_out t = { 0, 0 };
    char *data, *abs;
    apr_file_t *f;
    apr_finfo_t fi;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-c") == 0 && i + 1 < argc) {
            charter_path = argv[++i];
        }
        else if (strcmp(argv[i], "-g") == 0 && i + 1 < argc) {
            granted = argv[++i];
        }
        else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc) {
            chunk = (apr_size_t)strtoul(argv[++i], NULL, 10);
        }
        else if (strcmp(argv[i], "-H") == 0 && i + 1 < argc) {
            host = argv[++i];
        }
        else if (strcmp(argv[i], "-x") == 0) {
            xhtml = 1;
        }
        else if (strcmp(argv[i], "-e") == 0) {
            t.edits = 1;
        }
        else if (argv[i][0] == '-' || file) {
            usage();
        }
        else {
            file = argv[i];
        }
    }
    if (file == NULL) {
        usage();
    }
    apr_initialize();
    atexit(apr_terminate);
    apr_pool_create(&p, NULL);

    if (apr_filepath_merge(&abs, NULL, charter_path, APR_FILEPATH_NATIVE, p)
        || cc_charter_load(&ch, abs, p, &errors) != APR_SUCCESS) {
        fprintf(stderr, "cc_rewrite_tool: %s\n", errors && errors->nelts
                ? APR_ARRAY_IDX(errors, 0, const char *) : charter_path);
        return 2;
    }
    if (apr_file_open(&f, file, APR_FOPEN_READ | APR_FOPEN_BINARY, 0, p)
        || apr_file_info_get(&fi, APR_FINFO_SIZE, f)) {
        fprintf(stderr, "cc_rewrite_tool: cannot read %s\n", file);
        return 2;
    }
    len = (apr_size_t)fi.size;
    data = apr_palloc(p, len + 1);
    if (len > 0 && apr_file_read_full(f, data, len, NULL) != APR_SUCCESS) {
        fprintf(stderr, "cc_rewrite_tool: cannot read %s\n", file);
        return 2;
    }

    memset(&o, 0, sizeof(o));
    o.charter = ch;
    o.granted = parse_granted(ch, granted);
    o.xhtml = xhtml;
    o.assets = ASSETS;
    o.assets_len = strlen(ASSETS);
    o.banner = BANNER;
    o.banner_len = strlen(BANNER);
    o.own_host = host;
    rw = cc_rewriter_create(p, &o, write_out, &t);
    if (chunk == 0) {
        chunk = len ? len : 1;
    }
    for (off = 0; off < len; off += chunk) {
        if (cc_rewriter_feed(rw, data + off,
                             len - off < chunk ? len - off : chunk)) {
            return 2;
        }
    }
    if (cc_rewriter_finish(rw) != APR_SUCCESS) {
        return 2;
    }
    if (t.edits) {
        const cc_rewrite_stats *st = cc_rewriter_stats(rw);
        printf("stats held=%d long=%d frameset=%d assets=%d banner=%d "
               "unknown=%s\n", st->held_back, st->held_long, st->frameset,
               st->assets_injected, st->banner_injected,
               st->unknown_id ? st->unknown_id : "-");
    }
    if (fflush(stdout) != 0) {
        return 2;
    }
    return 0;
}
