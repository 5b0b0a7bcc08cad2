/* libFuzzer target: the streaming HTML rewriter (cc_html_rewrite.c over
 * cc_html_scan.c). The first byte picks the options (XHTML, granted
 * categories), the next two the chunk sizes; the rest is the document.
 * Invariants: dropping the inserted runs gives the input back, an INPUT
 * slice lies in the chunk being fed, the banner appears at most once, and
 * the output does not depend on how the input was cut. */
#include "fuzz_common.h"

#include "cc_html_rewrite.h"

#define BANNER "<div id=\"cookiecharter-banner\"></div>"
#define ASSETS "<script src=\"/cookiecharter/banner.js\"></script>"

/* cc_fuzz_charter has no hosts: this one holds some back. */
static const char html_charter_yaml[] =
    "charter: 1\n"
    "site:\n  name: fuzz.example\n"
    "revision: \"h1\"\n"
    "languages: [en]\n"
    "categories:\n"
    "  - id: necessary\n    required: true\n    label: N\n    description: N\n"
    "  - id: statistics\n    label: S\n    description: S\n"
    "    hosts: [a.example, /m/]\n"
    "  - id: marketing\n    label: M\n    description: M\n"
    "    hosts: [b.example/p/, c.example]\n";

static const cc_charter *html_charter;

typedef struct {
    char *out;                  /* all output */
    size_t out_len, out_cap;
    char *undo;                 /* INPUT and HELD only */
    size_t undo_len;
    const char *chunk;
    size_t chunk_len;
    int banners;
} fuzz_sink;

static void grow_add(fuzz_sink *s, const char *d, size_t n)
{
    if (s->out_len + n > s->out_cap) {
        s->out_cap = (s->out_len + n) * 2 + 64;
        s->out = realloc(s->out, s->out_cap);
        CC_FUZZ_CHECK(s->out != NULL);
    }
    memcpy(s->out + s->out_len, d, n);
    s->out_len += n;
}

static apr_status_t fuzz_out(void *baton, cc_out_kind kind, const char *data,
                             apr_size_t len)
{
    fuzz_sink *s = baton;

    CC_FUZZ_CHECK(len > 0);
    grow_add(s, data, len);
    if (CC_OUT_IS_INSERT(kind)) {
        if (len == sizeof(BANNER) - 1 && memcmp(data, BANNER, len) == 0) {
            s->banners++;
        }
        return APR_SUCCESS;
    }
    if (kind == CC_OUT_INPUT) {
        CC_FUZZ_CHECK(data >= s->chunk && data + len <= s->chunk + s->chunk_len);
    }
    memcpy(s->undo + s->undo_len, data, len);
    s->undo_len += len;
    return APR_SUCCESS;
}

static void run(apr_pool_t *p, const cc_rewrite_opts *o, const char *doc,
                size_t len, const size_t *steps, int nsteps, fuzz_sink *s)
{
    cc_rewriter *rw = cc_rewriter_create(p, o, fuzz_out, s);
    size_t off = 0, n;
    int k = 0;

    s->undo = apr_palloc(p, len + 1);
    while (off < len) {
        n = steps[k++ % nsteps];
        n = n > len - off ? len - off : n;
        s->chunk = doc + off;
        s->chunk_len = n;
        CC_FUZZ_CHECK(cc_rewriter_feed(rw, doc + off, n) == APR_SUCCESS);
        off += n;
    }
    CC_FUZZ_CHECK(cc_rewriter_finish(rw) == APR_SUCCESS);
    CC_FUZZ_CHECK(s->undo_len == len && memcmp(s->undo, doc, len) == 0);
    CC_FUZZ_CHECK(s->banners <= 1);
    CC_FUZZ_CHECK(s->banners == cc_rewriter_stats(rw)->banner_injected);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    apr_pool_t *p;
    cc_rewrite_opts o;
    fuzz_sink a, b;
    size_t whole[1], steps[2];
    const char *doc;
    size_t len;

    cc_fuzz_init();
    if (html_charter == NULL) {
        cc_charter *ch = NULL;
        apr_array_header_t *errors = NULL;
        CC_FUZZ_CHECK(cc_charter_parse(&ch, "/fuzz/html.yaml", html_charter_yaml,
                                       sizeof(html_charter_yaml) - 1,
                                       cc_fuzz_root, &errors) == APR_SUCCESS);
        html_charter = ch;
    }
    if (size < 3) {
        return 0;
    }
    p = cc_fuzz_pool();
    memset(&o, 0, sizeof(o));
    o.charter = html_charter;
    o.xhtml = data[0] & 1;
    o.granted = html_charter->required_mask
              | (((cc_mask)(data[0] >> 1) << 1) & html_charter->optional_mask);
    o.assets = ASSETS;
    o.assets_len = sizeof(ASSETS) - 1;
    o.banner = BANNER;
    o.banner_len = sizeof(BANNER) - 1;
    o.own_host = "fuzz.example";
    steps[0] = (size_t)data[1] % 64 + 1;
    steps[1] = (size_t)data[2] * 97 + 1;
    doc = (const char *)data + 3;
    len = size - 3;

    memset(&a, 0, sizeof(a));
    memset(&b, 0, sizeof(b));
    whole[0] = len ? len : 1;
    run(p, &o, doc, len, whole, 1, &a);
    run(p, &o, doc, len, steps, 2, &b);
    CC_FUZZ_CHECK(a.out_len == b.out_len
                  && (a.out_len == 0 || memcmp(a.out, b.out, a.out_len) == 0));
    free(a.out);
    free(b.out);
    apr_pool_destroy(p);
    return 0;
}
