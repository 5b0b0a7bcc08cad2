/* Unit tests: html_scan (cc_html_scan.c and cc_html_rewrite.c).
 *
 * Every document is rewritten whole, split in two at every byte offset,
 * and in one-byte chunks: the outputs must be identical, dropping the
 * inserted runs must give the input back, and the banner must be there
 * exactly once (never for a frameset). Placements are checked on short
 * hand-written cases, and on the corpus (tests/corpus/expected.txt). */
#include <string.h>
#include <stdio.h>
#include <stdlib.h>

#include <apr_lib.h>

#include <apr_file_io.h>
#include <apr_strings.h>

#include "cc_unit.h"
#include "cc_charter.h"
#include "cc_html_rewrite.h"
#include "cc_html_scan.h"

#define CORPUS_CHARTER "tests/corpus/charter.yaml"
#define A "[A]"
#define B "[B]"

typedef struct {
    char *data;
    apr_size_t len, cap;
} buf;

typedef struct {
    buf out;                    /* everything */
    buf undo;                   /* INPUT and HELD slices only */
    int banners;
    apr_size_t banner_at;       /* input offset of the banner */
    int inserts;
    int held_slices;
    int bad_pointer;            /* an INPUT slice outside the chunk */
    const char *chunk;
    apr_size_t chunk_len;
    const char *banner;
    apr_status_t fail_with;     /* returned by the callback when set */
} sink;

static void buf_add(buf *b, const char *d, apr_size_t n)
{
    if (b->len + n + 1 > b->cap) {
        apr_size_t cap = (b->len + n + 1) * 2;
        char *nd = apr_palloc(cc_test_pool, cap);
        if (b->len) {
            memcpy(nd, b->data, b->len);
        }
        b->data = nd;
        b->cap = cap;
    }
    memcpy(b->data + b->len, d, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static apr_status_t collect(void *baton, cc_out_kind kind, const char *data,
                            apr_size_t len)
{
    sink *s = baton;

    if (s->fail_with != APR_SUCCESS) {
        return s->fail_with;
    }
    buf_add(&s->out, data, len);
    if (CC_OUT_IS_INSERT(kind)) {
        s->inserts++;
        if (len == strlen(s->banner) && memcmp(data, s->banner, len) == 0) {
            s->banners++;
            s->banner_at = s->undo.len;
        }
    }
    else {
        buf_add(&s->undo, data, len);
        if (kind == CC_OUT_HELD) {
            s->held_slices++;
        }
        else if (data < s->chunk || data + len > s->chunk + s->chunk_len) {
            s->bad_pointer = 1;
        }
    }
    return APR_SUCCESS;
}

static const cc_charter *charter;

static cc_rewrite_opts make_opts(int all, int xhtml)
{
    cc_rewrite_opts o;

    memset(&o, 0, sizeof(o));
    o.charter = charter;
    o.granted = charter->required_mask | (all ? charter->optional_mask : 0);
    o.xhtml = xhtml;
    o.assets = A;
    o.assets_len = strlen(A);
    o.banner = B;
    o.banner_len = strlen(B);
    o.own_host = "corpus.test";
    return o;
}

/* Rewrite `in` in chunks: cut at `cut` (0: none) and then every `step`
 * bytes (0: the rest at once). */
static sink *rewrite(const cc_rewrite_opts *o, const char *in, apr_size_t len,
                     apr_size_t cut, apr_size_t step,
                     const cc_rewrite_stats **stats)
{
    sink *s = apr_pcalloc(cc_test_pool, sizeof(*s));
    cc_rewriter *rw;
    apr_size_t off = 0, n;

    s->banner = o->banner;
    rw = cc_rewriter_create(cc_test_pool, o, collect, s);
    buf_add(&s->out, "", 0);
    buf_add(&s->undo, "", 0);
    while (off < len) {
        n = len - off;
        if (cut > off && cut < len) {
            n = cut - off;
        }
        else if (step && step < n) {
            n = step;
        }
        s->chunk = in + off;
        s->chunk_len = n;
        ck_assert_int_eq(cc_rewriter_feed(rw, in + off, n), APR_SUCCESS);
        off += n;
    }
    ck_assert_int_eq(cc_rewriter_finish(rw), APR_SUCCESS);
    if (stats) {
        *stats = cc_rewriter_stats(rw);
    }
    return s;
}

/* The properties every document has, in every chunking. Returns the
 * output of the whole-buffer run. */
static sink *check_doc(const char *name, const char *in, apr_size_t len,
                       int all, int xhtml, int full_splits, int banners)
{
    cc_rewrite_opts o = make_opts(all, xhtml);
    const cc_rewrite_stats *st;
    sink *whole = rewrite(&o, in, len, 0, 0, &st), *s;
    apr_size_t k;
    static const apr_size_t steps[] = { 1, 2, 3, 7, 64, 4096 };

    ck_assert_msg(whole->undo.len == len
                  && memcmp(whole->undo.data, in, len) == 0,
                  "%s: dropping the insertions does not give the input", name);
    ck_assert_msg(!whole->bad_pointer, "%s: INPUT slice not in the chunk",
                  name);
    ck_assert_msg(whole->banners == (st->frameset ? 0 : banners),
                  "%s: %d banners", name, whole->banners);
    for (k = 0; k < sizeof(steps) / sizeof(steps[0]); k++) {
        s = rewrite(&o, in, len, 0, steps[k], NULL);
        ck_assert_msg(s->out.len == whole->out.len
                      && memcmp(s->out.data, whole->out.data, s->out.len) == 0,
                      "%s: output differs in chunks of %u", name,
                      (unsigned)steps[k]);
        ck_assert_msg(!s->bad_pointer, "%s: INPUT slice not in the chunk",
                      name);
    }
    for (k = 1; full_splits && k < len; k++) {
        s = rewrite(&o, in, len, k, 0, NULL);
        ck_assert_msg(s->out.len == whole->out.len
                      && memcmp(s->out.data, whole->out.data, s->out.len) == 0,
                      "%s: output differs when split at %u", name,
                      (unsigned)k);
        ck_assert_msg(s->undo.len == len, "%s: undo differs at %u", name,
                      (unsigned)k);
    }
    return whole;
}

static const char *read_file(const char *path, apr_size_t *len)
{
    apr_file_t *f;
    apr_finfo_t fi;
    char *d;

    ck_assert_int_eq(apr_file_open(&f, path, APR_FOPEN_READ | APR_FOPEN_BINARY,
                                   0, cc_test_pool), APR_SUCCESS);
    ck_assert_int_eq(apr_file_info_get(&fi, APR_FINFO_SIZE, f), APR_SUCCESS);
    *len = (apr_size_t)fi.size;
    d = apr_palloc(cc_test_pool, *len + 1);
    if (*len) {
        ck_assert_int_eq(apr_file_read_full(f, d, *len, NULL), APR_SUCCESS);
    }
    d[*len] = '\0';
    apr_file_close(f);
    return d;
}

/* Undo the C escapes of expected.txt (\n \t \\ \xHH \0). */
static apr_size_t unescape(char *s)
{
    char *o = s, *i = s;

    while (*i) {
        if (*i == '\\' && i[1]) {
            i++;
            if (*i == 'n') {
                *o++ = '\n';
            }
            else if (*i == 't') {
                *o++ = '\t';
            }
            else if (*i == '0') {
                return (apr_size_t)(o - s);
            }
            else if (*i == 'x' && apr_isxdigit(i[1]) && apr_isxdigit(i[2])) {
                char h[3] = { i[1], i[2], 0 };
                *o++ = (char)strtol(h, NULL, 16);
                i += 2;
            }
            else {
                *o++ = *i;
            }
            i++;
        }
        else {
            *o++ = *i++;
        }
    }
    return (apr_size_t)(o - s);
}

static void corpus(int all)
{
    apr_size_t elen;
    char *exp = apr_pstrdup(cc_test_pool,
                            read_file(cc_unit_path("tests/corpus/expected.txt"),
                                      &elen));
    char *line, *last;
    int docs = 0;

    charter = cc_unit_charter(CORPUS_CHARTER);
    for (line = apr_strtok(exp, "\n", &last); line;
         line = apr_strtok(NULL, "\n", &last)) {
        char *name, *held, *ctx, *l2;
        const char *in, *at;
        apr_size_t len, clen;
        int xhtml;
        sink *s;
        cc_rewrite_opts o;
        const cc_rewrite_stats *st;

        if (line[0] == '#' || line[0] == '\0') {
            continue;
        }
        name = apr_strtok(line, "\t", &l2);
        held = apr_strtok(NULL, "\t", &l2);
        ctx = apr_strtok(NULL, "\t", &l2);
        ck_assert_msg(name && held && ctx, "expected.txt: bad line");
        in = read_file(cc_unit_path(apr_pstrcat(cc_test_pool,
                                                "tests/corpus/html/", name,
                                                NULL)), &len);
        xhtml = strstr(name, ".xhtml") != NULL;
        s = check_doc(name, in, len, all, xhtml, 1, strcmp(ctx, "-") != 0);
        docs++;
        o = make_opts(all, xhtml);
        rewrite(&o, in, len, 0, 0, &st);
        if (st->frameset) {
            ck_assert_msg(s->out.len == len && memcmp(s->out.data, in, len) == 0,
                          "%s: a frameset document was changed", name);
        }
        if (all) {
            /* nothing held back once everything is granted */
            ck_assert_msg(strstr(s->out.data, "data-cookiecharter-") == NULL
                          || strstr(in, "data-cookiecharter-") != NULL,
                          "%s: held back with everything granted", name);
            continue;
        }
        ck_assert_msg(st->held_back == atoi(held), "%s: %d held back, not %s",
                      name, st->held_back, held);
        if (strcmp(ctx, "-") == 0) {
            ck_assert_msg(!st->banner_injected, "%s: a banner", name);
            continue;
        }
        clen = unescape(ctx);
        at = in + s->banner_at;
        ck_assert_msg(s->banners == 1, "%s: no banner", name);
        ck_assert_msg(len - s->banner_at >= clen
                      && memcmp(at, ctx, clen) == 0,
                      "%s: the banner is not right before \"%.*s\"", name,
                      (int)clen, ctx);
    }
    ck_assert_int_ge(docs, 35);
}

START_TEST(corpus_none_granted)
{
    corpus(0);
}
END_TEST

START_TEST(corpus_all_granted)
{
    corpus(1);
}
END_TEST

/* Hand-written placements: [A] assets, [B] banner. */
typedef struct {
    const char *in;
    const char *out;            /* with no optional category granted */
} placement;

static const placement placements[] = {
    { "<html><head><title>t</title></head><body><p>x</p></body></html>",
      "<html><head><title>t</title>" A "</head><body>" B "<p>x</p></body></html>" },
    { "<BODY class=x>", "<BODY class=x>" A B },
    { "<bodyx><body>", A B "<bodyx><body>" },
    { "<head></head><body data-a='>' data-b=\"<body>\">x",
      "<head>" A "</head><body data-a='>' data-b=\"<body>\">" B "x" },
    { "<!-- <body> --><body>", "<!-- <body> --><body>" A B },
    { "<!--><body>", "<!--><body>" A B },
    { "<!---><body>", "<!---><body>" A B },
    { "<!-- --!><body>", "<!-- --!><body>" A B },
    { "<!-- -- --><body>", "<!-- -- --><body>" A B },
    { "<!x><body>", "<!x><body>" A B },
    { "<?x <body>?><body>", "<?x <body>" A B "?><body>" },
    { "</3 <body>><body>", "</3 <body>" A B "><body>" },
    { "</><body>", "</><body>" A B },
    { "<![CDATA[<body>]]><body>", "<![CDATA[<body>" A B "]]><body>" },
    { "<!DOCTYPE html><body>", "<!DOCTYPE html><body>" A B },
    { "<title><body></title><body>", "<title><body></title><body>" A B },
    { "<title></titlex><body></title>x", "<title></titlex><body></title>" A B "x" },
    { "<style></style ><body></style>x", "<style></style ><body>" A B "</style>x" },
    { "<script>a='</head><body>'</script></head>x",
      "<script>a='</head><body>'</script>" A "</head>" B "x" },
    { "<script><!--<script></script>--></script><body>",
      "<script><!--<script></script>--></script><body>" A B },
    { "<script><!--</script><body>", "<script><!--</script><body>" A B },
    { "<script><!--<script>--></script><body>",
      "<script><!--<script>--></script><body>" A B },
    { "<noscript><body></noscript><body>", "<noscript><body></noscript><body>" A B },
    { "<head><noscript><link></noscript></head>y",
      "<head><noscript><link></noscript>" A "</head>" B "y" },
    { "<template><p>a</template>b", "<template><p>a</template>" A B "b" },
    { "<template><template></template><body></template>c",
      "<template><template></template><body></template>" A B "c" },
    { "<head></head> <!--c--> <frameset>", "<head></head> <!--c--> <frameset>" },
    { "<frameset>", "<frameset>" },
    { "<head></head> <meta><frameset>", "<head>" A "</head> <meta><frameset>" },
    { "<head></head> <p>", "<head>" A "</head> " B "<p>" },
    { "<body><body>", "<body>" A B "<body>" },
    { "text", A B "text" },
    { " \n\t text", " \n\t " A B "text" },
    { "\xEF\xBB\xBFtext", "\xEF\xBB\xBF" A B "text" },
    { "\xEF\xBB\xBF<p>", "\xEF\xBB\xBF" A B "<p>" },
    { "<title>t</title>< x", "<title>t</title>" A B "< x" },
    { "<head></body>", "<head>" A B "</body>" },
    { "<head></br>", "<head>" A B "</br>" },
    { "<head></p></div>x", "<head></p></div>" A B "x" },
    { "<plaintext></plaintext><body>", A B "<plaintext></plaintext><body>" },
    { "<textarea></head>", A B "<textarea></head>" },
    { "<meta content='a>b'><link rel=x><div>", "<meta content='a>b'><link rel=x>" A B "<div>" },
    { "<body/>", "<body/>" A B },
    { "<body\n>", "<body\n>" A B },
    { "<body a=b/>", "<body a=b/>" A B },
    /* hold-back */
    { "<script src=\"https://www.googletagmanager.com/gtm.js\"></script>",
      "<script type=\"text/plain\" data-cookiecharter=\"marketing\" "
      "src=\"https://www.googletagmanager.com/gtm.js\"></script>" },
    { "<script type=module src=//matomo.example.org/m.js TYPE=x></script>",
      "<script type=\"text/plain\" data-cookiecharter=\"statistics\" "
      "data-cookiecharter-type=module src=//matomo.example.org/m.js "
      "data-cookiecharter-TYPE=x></script>" },
    { "<script/src=/matomo/a.js></script>",
      "<script type=\"text/plain\" data-cookiecharter=\"statistics\"/src=/matomo/a.js></script>" },
    { "<script src=/js/app.js></script>", "<script src=/js/app.js></script>" },
    { "<script data-cookiecharter=statistics>t()</script>",
      "<script type=\"text/plain\" data-cookiecharter=statistics>t()</script>" },
    { "<script data-cookiecharter=necessary>t()</script>",
      "<script data-cookiecharter=necessary>t()</script>" },
    { "<script data-cookiecharter>t()</script>",
      "<script type=\"text/plain\" data-cookiecharter>t()</script>" },
    { "<iframe src=\"https://www.youtube.com/embed/x\"></iframe>",
      A B "<iframe data-cookiecharter=\"media\" data-cookiecharter-src=\"https://www.youtube.com/embed/x\"></iframe>" },
    { "<img src=a.png srcset=\"b.png 1x, https://tracker.example.net/pixel/c.png 2x\">",
      A B "<img data-cookiecharter=\"marketing\" data-cookiecharter-src=a.png "
      "data-cookiecharter-srcset=\"b.png 1x, https://tracker.example.net/pixel/c.png 2x\">" },
    { "<img src=\"https://tracker.example.net/other.png\">",
      A B "<img src=\"https://tracker.example.net/other.png\">" },
    { "<embed src=https://player.vimeo.com/x>",
      A B "<embed data-cookiecharter=\"media\" data-cookiecharter-src=https://player.vimeo.com/x>" },
    { "<object data=https://player.vimeo.com/x></object>",
      A B "<object data-cookiecharter=\"media\" data-cookiecharter-data=https://player.vimeo.com/x></object>" },
    { "<link href=https://fonts.example.com/css/a.css rel='alternate StyleSheet'>",
      "<link data-cookiecharter=\"media\" data-cookiecharter-href=https://fonts.example.com/css/a.css rel='alternate StyleSheet'>" },
    { "<link href=https://fonts.example.com/css/a.css rel=preload>",
      "<link href=https://fonts.example.com/css/a.css rel=preload>" },
    { "<img src=\"https://tracker&#46;example.net/pixel/a\">",
      A B "<img data-cookiecharter=\"marketing\" data-cookiecharter-src=\"https://tracker&#46;example.net/pixel/a\">" },
    { "<img src=\"https://tracker&#x2E;example.net&#47;pixel/a\">",
      A B "<img data-cookiecharter=\"marketing\" data-cookiecharter-src=\"https://tracker&#x2E;example.net&#47;pixel/a\">" },
    { "<img src=\"/matomo/p?a&amp;b\">",
      A B "<img data-cookiecharter=\"statistics\" data-cookiecharter-src=\"/matomo/p?a&amp;b\">" },
    { "<xmp><img src=/matomo/p></xmp>", A B "<xmp><img src=/matomo/p></xmp>" },
    { "<img alt='<img src=/matomo/p>'>", A B "<img alt='<img src=/matomo/p>'>" },
    /* tag ends past quotes holding '>' (the fast paths), quotes that
     * open no value, long values, recorded tags with quotes */
    { "<p title=\"a>b\" data-x='c>d' e=f>g<img src=/matomo/p>",
      A B "<p title=\"a>b\" data-x='c>d' e=f>g<img data-cookiecharter=\"statistics\" data-cookiecharter-src=/matomo/p>" },
    { "<p a\"b='>'<img src=/matomo/p>",
      A B "<p a\"b='>'<img src=/matomo/p>" },
    { "<p a=b\"c>d\" <img src=/matomo/p>",
      A B "<p a=b\"c>d\" <img data-cookiecharter=\"statistics\" data-cookiecharter-src=/matomo/p>" },
    { "<p a= \"x>y\"><img src=/matomo/p>",
      A B "<p a= \"x>y\"><img data-cookiecharter=\"statistics\" data-cookiecharter-src=/matomo/p>" },
    { "<p a =\">\"><img src=/matomo/p>",
      A B "<p a =\">\"><img data-cookiecharter=\"statistics\" data-cookiecharter-src=/matomo/p>" },
    { "<p a==\">\"<img src=/matomo/p>",
      A B "<p a==\">\"<img data-cookiecharter=\"statistics\" data-cookiecharter-src=/matomo/p>" },
    { "<p \"a=\">\"<img src=/matomo/p>",
      A B "<p \"a=\">\"<img src=/matomo/p>" },
    { "<p a='x\"y>' b=\"p'q>\"><img src=/matomo/p>",
      A B "<p a='x\"y>' b=\"p'q>\"><img data-cookiecharter=\"statistics\" data-cookiecharter-src=/matomo/p>" },
    { "<p/a=\"x>y\"/><img src=/matomo/p>",
      A B "<p/a=\"x>y\"/><img data-cookiecharter=\"statistics\" data-cookiecharter-src=/matomo/p>" },
    { "</p a=\">\"><img src=/matomo/p>",
      "</p a=\">\">" A B "<img data-cookiecharter=\"statistics\" data-cookiecharter-src=/matomo/p>" },
    { "<body><DIV CLASS=\">\" Id='<img src=/matomo/p>'><img src=/matomo/p>",
      "<body>" A B "<DIV CLASS=\">\" Id='<img src=/matomo/p>'><img data-cookiecharter=\"statistics\" data-cookiecharter-src=/matomo/p>" },
    { "<body><img alt=\"a>b\" src='/matomo/p?x=\"1\"' srcset=\"/a 1x, /matomo/q 2x\">",
      "<body>" A B "<img data-cookiecharter=\"statistics\" alt=\"a>b\" data-cookiecharter-src='/matomo/p?x=\"1\"' data-cookiecharter-srcset=\"/a 1x, /matomo/q 2x\">" },
    { "<body><p =\">\"<img src=/matomo/p>",
      "<body>" A B "<p =\">\"<img data-cookiecharter=\"statistics\" data-cookiecharter-src=/matomo/p>" },
    { "<body><p a\n=\n'>'\n/><img src=/matomo/p>",
      "<body>" A B "<p a\n=\n'>'\n/><img data-cookiecharter=\"statistics\" data-cookiecharter-src=/matomo/p>" },
    { "<body><p a=>x<img src=/matomo/p>",
      "<body>" A B "<p a=>x<img data-cookiecharter=\"statistics\" data-cookiecharter-src=/matomo/p>" },
    { "<body><p a / = \"b>\" / ><img src=/matomo/p>",
      "<body>" A B "<p a / = \"b>\" / ><img data-cookiecharter=\"statistics\" data-cookiecharter-src=/matomo/p>" },
    { "<body><a href=\"/x\">t</a ><A HREF='/y'>u</A><img src=\"/matomo/p\">",
      "<body>" A B "<a href=\"/x\">t</a ><A HREF='/y'>u</A><img data-cookiecharter=\"statistics\" data-cookiecharter-src=\"/matomo/p\">" },
    /* recorded attributes: odd spacing, a name beginning with '=', both
     * quotes, a mark after the URL */
    { "<body><script type=module src=\"/matomo/m.js\" =x SRC\n=\n'/a'/></script>"
      "<iframe src= https://x/ data-cookiecharter=\"marketing\"></iframe>",
      "<body>" A B "<script type=\"text/plain\" data-cookiecharter=\"statistics\" "
      "data-cookiecharter-type=module src=\"/matomo/m.js\" =x SRC\n=\n'/a'/></script>"
      "<iframe data-cookiecharter-src= https://x/ data-cookiecharter=\"marketing\"></iframe>" },
    /* the remembered last URL: the same one again, then one as long */
    { "<body><img src=\"/a.png\" srcset=\"/a.png 1x, /matomo/p 2x\"><img src=\"/matomo/p\">"
      "<img src=\"/natomo/p\" srcset=\"/natomo/p 2x\"><img src=\" /matomo/p&#x20;\">",
      "<body>" A B "<img data-cookiecharter=\"statistics\" data-cookiecharter-src=\"/a.png\" "
      "data-cookiecharter-srcset=\"/a.png 1x, /matomo/p 2x\"><img data-cookiecharter=\"statistics\" "
      "data-cookiecharter-src=\"/matomo/p\"><img src=\"/natomo/p\" srcset=\"/natomo/p 2x\">"
      "<img data-cookiecharter=\"statistics\" data-cookiecharter-src=\" /matomo/p&#x20;\">" },
    /* values longer than the inline search: '>' and the quote far in */
    { "<body><p a=\"0123456789abcdefghij0123456789abcdefghij0123456789abcdefghij>0123456789abcdefghij0123456789\" b='0123456789abcdefghij0123456789abcdefghij0123456789abcdefghij>0123456789abcdefghij0123456789'><img src=/matomo/p>",
      "<body>" A B "<p a=\"0123456789abcdefghij0123456789abcdefghij0123456789abcdefghij>0123456789abcdefghij0123456789\" b='0123456789abcdefghij0123456789abcdefghij0123456789abcdefghij>0123456789abcdefghij0123456789'><img data-cookiecharter=\"statistics\" data-cookiecharter-src=/matomo/p>" },
};

START_TEST(hand_written_placements)
{
    const placement *pc = &placements[_i];
    sink *s;

    charter = cc_unit_charter(CORPUS_CHARTER);
    s = check_doc(pc->in, pc->in, strlen(pc->in), 0, 0, 1,
                  strstr(pc->out, B) != NULL);
    ck_assert_msg(strcmp(s->out.data, pc->out) == 0,
                  "in:   %s\nout:  %s\nwant: %s", pc->in, s->out.data, pc->out);
}
END_TEST

START_TEST(xhtml_mode)
{
    static const char in[] =
        "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">"
        "<head><script><![CDATA[ if (a < b) x = '</head><body>'; ]]></script>"
        "<style>/* &lt;body&gt; */</style></head>"
        "<BODY>x</BODY><body><p>y</p></body></html>";
    cc_rewrite_opts o;
    sink *s;

    charter = cc_unit_charter(CORPUS_CHARTER);
    o = make_opts(0, 1);
    s = check_doc("xhtml", in, strlen(in), 0, 1, 1, 1);
    ck_assert_str_eq(s->out.data,
        "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">"
        "<head><script><![CDATA[ if (a < b) x = '</head><body>'; ]]></script>"
        "<style>/* &lt;body&gt; */</style>" A "</head>"
        "<BODY>x</BODY><body>" B "<p>y</p></body></html>");
    /* no implied body in XML */
    s = rewrite(&o, "text only", 9, 0, 0, NULL);
    ck_assert_str_eq(s->out.data, "text only");
}
END_TEST

static char *repeat(char c, apr_size_t n)
{
    char *s = apr_palloc(cc_test_pool, n + 1);

    memset(s, c, n);
    s[n] = '\0';
    return s;
}

START_TEST(long_tags)
{
    char *big = repeat('x', 20000);
    const cc_rewrite_stats *st;
    cc_rewrite_opts o;
    sink *s;
    const char *in;
    int i, n;

    charter = cc_unit_charter(CORPUS_CHARTER);
    o = make_opts(0, 0);

    /* a long tag of another kind passes unchanged */
    in = apr_pstrcat(cc_test_pool, "<head></head><body><div data-x=\"", big,
                     "\">x</div>", NULL);
    s = check_doc("long div", in, strlen(in), 0, 0, 0, 1);
    ck_assert_str_eq(s->out.data, apr_pstrcat(cc_test_pool, "<head>" A
                     "</head><body>" B "<div data-x=\"", big, "\">x</div>",
                     NULL));

    /* a long <body> still gets the banner after it, the assets before a
     * long </head> */
    in = apr_pstrcat(cc_test_pool, "<head></head a=\"", big, "\"><body b='",
                     big, "'>x", NULL);
    s = check_doc("long head and body", in, strlen(in), 0, 0, 0, 1);
    ck_assert_str_eq(s->out.data, apr_pstrcat(cc_test_pool, "<head>" A
                     "</head a=\"", big, "\"><body b='", big, "'>" B "x",
                     NULL));

    /* a long script is held back whatever it loads: type inserted after
     * the name, its own type renamed even after the cut */
    in = apr_pstrcat(cc_test_pool, "<body><script src=\"/js/app.js\" data-x=\"",
                     big, "\" type=\"module\"></script>", NULL);
    s = check_doc("long script", in, strlen(in), 0, 0, 0, 1);
    rewrite(&o, in, strlen(in), 0, 0, &st);
    ck_assert_int_eq(st->held_back, 1);
    ck_assert_int_eq(st->held_long, 1);
    ck_assert_str_eq(s->out.data, apr_pstrcat(cc_test_pool, "<body>" A B
                     "<script type=\"text/plain\" src=\"/js/app.js\" data-x=\"",
                     big, "\" data-cookiecharter-type=\"module\"></script>",
                     NULL));

    /* a long image from a declared host seen before the cut: its id */
    in = apr_pstrcat(cc_test_pool, "<body><img src=\"/matomo/p\" alt=\"", big,
                     "\" srcset=\"a 1x\">", NULL);
    s = check_doc("long img", in, strlen(in), 0, 0, 0, 1);
    ck_assert_str_eq(s->out.data, apr_pstrcat(cc_test_pool, "<body>" A B
                     "<img data-cookiecharter=\"statistics\" "
                     "data-cookiecharter-src=\"/matomo/p\" alt=\"", big,
                     "\" data-cookiecharter-srcset=\"a 1x\">", NULL));

    /* a huge data: URL is held back too (fail closed), unless everything
     * is granted */
    in = apr_pstrcat(cc_test_pool, "<body><img src=\"data:image/png;base64,",
                     big, "\">", NULL);
    s = check_doc("long data url", in, strlen(in), 0, 0, 0, 1);
    ck_assert_str_eq(s->out.data, apr_pstrcat(cc_test_pool, "<body>" A B
                     "<img data-cookiecharter-src=\"data:image/png;base64,",
                     big, "\">", NULL));
    s = check_doc("long data url granted", in, strlen(in), 1, 0, 0, 1);
    ck_assert_str_eq(s->out.data, apr_pstrcat(cc_test_pool, "<body>" A B, in + 6,
                                              NULL));

    /* the value of the URL is cut: every src after the cut is renamed */
    in = apr_pstrcat(cc_test_pool, "<body><iframe title=\"", big,
                     "\" src=a src=b></iframe>", NULL);
    s = check_doc("long iframe", in, strlen(in), 0, 0, 0, 1);
    ck_assert_str_eq(s->out.data, apr_pstrcat(cc_test_pool, "<body>" A B
                     "<iframe title=\"", big, "\" data-cookiecharter-src=a "
                     "data-cookiecharter-src=b></iframe>", NULL));

    /* too many attributes of interest: streams, every one renamed */
    in = "<body><img";
    for (i = 0; i < 100; i++) {
        in = apr_pstrcat(cc_test_pool, in, " src=a", NULL);
    }
    in = apr_pstrcat(cc_test_pool, in, " src=/matomo/x>", NULL);
    s = check_doc("many attributes", in, strlen(in), 0, 0, 1, 1);
    for (n = 0, big = s->out.data; (big = strstr(big, "data-cookiecharter-src="));
         big++) {
        n++;
    }
    ck_assert_int_eq(n, 101);
}
END_TEST

START_TEST(held_across_chunks)
{
    static const char in[] =
        "<body><script src=\"https://www.google-analytics.com/a.js\"></script>";
    cc_rewrite_opts o;
    sink *s;

    charter = cc_unit_charter(CORPUS_CHARTER);
    o = make_opts(0, 0);
    /* cut inside the tag: its first part comes back as HELD */
    s = rewrite(&o, in, strlen(in), 14, 0, NULL);
    ck_assert_int_ge(s->held_slices, 1);
    ck_assert(!s->bad_pointer);
    ck_assert_str_eq(s->out.data, "<body>" A B "<script type=\"text/plain\" "
                     "data-cookiecharter=\"marketing\" "
                     "src=\"https://www.google-analytics.com/a.js\"></script>");
    /* cut outside any tag: nothing held */
    s = rewrite(&o, in, strlen(in), 6, 0, NULL);
    ck_assert_int_eq(s->held_slices, 0);
}
END_TEST

static apr_status_t count_out(void *baton, cc_out_kind kind, const char *data,
                              apr_size_t len)
{
    *(apr_size_t *)baton += len;
    return APR_SUCCESS;
}

START_TEST(done_when_nothing_left)
{
    static const char head[] = "<head><title>t</title></head><body>";
    static const char rest[] = "<script src=https://www.googletagmanager.com/g.js></script>";
    cc_rewrite_opts o;
    cc_rewriter *rw;
    apr_size_t n = 0;

    charter = cc_unit_charter(CORPUS_CHARTER);
    o = make_opts(1, 0);
    rw = cc_rewriter_create(cc_test_pool, &o, count_out, &n);
    ck_assert_int_eq(cc_rewriter_feed(rw, head, 10), APR_SUCCESS);
    ck_assert(!cc_rewriter_done(rw));
    ck_assert_int_eq(cc_rewriter_feed(rw, head + 10, strlen(head) - 10),
                     APR_SUCCESS);
    ck_assert(cc_rewriter_done(rw));
    ck_assert_int_eq(n, strlen(head) + 6);
    ck_assert_int_eq(cc_rewriter_feed(rw, rest, strlen(rest)), APR_SUCCESS);
    ck_assert_int_eq(n, strlen(head) + 6 + strlen(rest));

    /* something refused: scanning goes on */
    o = make_opts(0, 0);
    rw = cc_rewriter_create(cc_test_pool, &o, count_out, &n);
    ck_assert_int_eq(cc_rewriter_feed(rw, head, strlen(head)), APR_SUCCESS);
    ck_assert(!cc_rewriter_done(rw));

    /* a frameset document: done, untouched */
    n = 0;
    rw = cc_rewriter_create(cc_test_pool, &o, count_out, &n);
    ck_assert_int_eq(cc_rewriter_feed(rw, "<head></head>\n<frameset>", 24),
                     APR_SUCCESS);
    ck_assert(cc_rewriter_done(rw));
    ck_assert(cc_rewriter_stats(rw)->frameset);
    ck_assert_int_eq(n, 24);
}
END_TEST

START_TEST(callback_error_stops)
{
    cc_rewrite_opts o;
    cc_rewriter *rw;
    sink s;

    charter = cc_unit_charter(CORPUS_CHARTER);
    o = make_opts(0, 0);
    memset(&s, 0, sizeof(s));
    s.banner = B;
    s.fail_with = APR_ECONNABORTED;
    rw = cc_rewriter_create(cc_test_pool, &o, collect, &s);
    ck_assert_int_eq(cc_rewriter_feed(rw, "<body>x", 7), APR_ECONNABORTED);
    ck_assert_int_eq(cc_rewriter_feed(rw, "y", 1), APR_ECONNABORTED);
    ck_assert_int_eq(cc_rewriter_finish(rw), APR_ECONNABORTED);
}
END_TEST

START_TEST(unknown_id_recorded)
{
    static const char in[] =
        "<body><script data-cookiecharter=\"nosuch\">x()</script>"
        "<script data-cookiecharter=\"other\">y()</script>";
    cc_rewrite_opts o;
    const cc_rewrite_stats *st;

    charter = cc_unit_charter(CORPUS_CHARTER);
    o = make_opts(1, 0);
    /* everything granted: done after the banner, nothing held */
    rewrite(&o, in, strlen(in), 0, 0, &st);
    ck_assert_int_eq(st->held_back, 0);
    o = make_opts(0, 0);
    rewrite(&o, in, strlen(in), 0, 0, &st);
    ck_assert_int_eq(st->held_back, 2);
    ck_assert_str_eq(st->unknown_id, "nosuch");
}
END_TEST

START_TEST(scanner_events)
{
    static const char in[] =
        "<a href='x>y'><!--<b>--><script><!--<script></script>--></script>"
        "<C d=e/><?p <q>?></r s=\">\"><style></style x='>'><t>";
    static const char *const want[] = {
        "a", "script", "c", "r", "style", "t"
    };
    cc_scan sc;
    cc_scan_event ev;
    int n = 0;

    cc_scan_init(&sc, 0);
    cc_scan_chunk(&sc, in, strlen(in), 0);
    while (cc_scan_next(&sc, &ev) != CC_SEV_NONE) {
        ck_assert_int_eq(ev.kind, CC_SEV_TAG);
        ck_assert_int_lt(n, 6);
        ck_assert_int_eq(sc.name_len, strlen(want[n]));
        ck_assert(memcmp(sc.name, want[n], sc.name_len) == 0);
        ck_assert_int_eq(sc.is_end, n == 3);
        n++;
    }
    ck_assert_int_eq(n, 6);
    ck_assert_int_eq(cc_scan_hold_from(&sc), -1);

    /* attribute records with their values */
    cc_scan_init(&sc, 0);
    cc_scan_chunk(&sc, "<IMG SRC = \"a b\" srcset=c data-cookiecharter='d'>", 49, 100);
    ck_assert_int_eq(cc_scan_next(&sc, &ev), CC_SEV_TAG);
    ck_assert_int_eq(sc.kind, CC_TAG_IMG);
    ck_assert_int_eq(sc.nattrs, 3);
    ck_assert_int_eq(sc.attrs[0].id, CC_ATTR_SRC);
    ck_assert_int_eq(sc.attrs[0].name_off, 105);
    ck_assert_int_eq(sc.attrs[0].val_off, 112);
    ck_assert_int_eq(sc.attrs[0].val_len, 3);
    ck_assert_int_eq(sc.attrs[1].id, CC_ATTR_SRCSET);
    ck_assert_int_eq(sc.attrs[1].val_len, 1);
    ck_assert_int_eq(sc.attrs[2].id, CC_ATTR_DCC);
    ck_assert_int_eq(ev.off, 149);

    /* a tag in progress is held from its '<' */
    cc_scan_init(&sc, 0);
    cc_scan_chunk(&sc, "ab<scr", 6, 0);
    ck_assert_int_eq(cc_scan_next(&sc, &ev), CC_SEV_NONE);
    ck_assert_int_eq(cc_scan_hold_from(&sc), 2);
}
END_TEST

/* The masks: only the kinds asked for are reported, start and end tags
 * apart, and a tag whose attributes are recorded is reported whatever
 * the masks; with no kind recorded, no attribute is. */
START_TEST(scanner_masks)
{
    static const char in[] =
        "<meta charset=x><title>a</title><link href=y><script src=z></script>"
        "</head><body><img src=w><p></p>";
    cc_scan sc;
    cc_scan_event ev;
    const char *got = "";

    cc_scan_init(&sc, 0);
    sc.report_start = CC_TAG_BIT(CC_TAG_BODY);
    sc.report_end = CC_TAG_BIT(CC_TAG_HEAD);
    cc_scan_chunk(&sc, in, strlen(in), 0);
    while (cc_scan_next(&sc, &ev) != CC_SEV_NONE) {
        ck_assert_int_eq(ev.kind, CC_SEV_TAG);
        got = apr_pstrcat(cc_test_pool, got, sc.is_end ? "/" : "",
                          cc_tag_name(sc.kind), "(",
                          apr_itoa(cc_test_pool, sc.nattrs), ") ", NULL);
    }
    ck_assert_str_eq(got, "link(1) script(1) /head(0) body(0) img(1) ");

    cc_scan_init(&sc, 0);
    sc.report_start = CC_TAG_BIT(CC_TAG_IMG);
    sc.report_end = 0;
    sc.record_kinds = 0;
    cc_scan_chunk(&sc, in, strlen(in), 0);
    ck_assert_int_eq(cc_scan_next(&sc, &ev), CC_SEV_TAG);
    ck_assert_int_eq(sc.kind, CC_TAG_IMG);
    ck_assert_int_eq(sc.nattrs, 0);
    ck_assert_int_eq(cc_scan_next(&sc, &ev), CC_SEV_NONE);
}
END_TEST

/* Every kind by its name in either case, and names that share the first
 * and last letters and the length of one (the hash's key) but are none. */
START_TEST(tag_kinds)
{
    char in[64], up[16];
    cc_scan sc;
    cc_scan_event ev;
    int k, x;
    apr_size_t i, n;
    static const struct { const char *in; apr_size_t len; } none[] = {
        { "<hxml>", 6 }, { "<bx>", 4 }, { "<bodyy>", 7 }, { "<b\0r>", 5 },
        { "<br\0>", 5 }, { "<scripts>", 9 }, { "<plaintexts>", 12 },
        { "<plaintextplaintext>", 20 }, { "<i>", 3 }, { "<imgimgimgimgimg>", 17 },
        /* hashes to "br", and its first 12 bytes are those of "br" */
        { "<br" "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0" ">", 23 }
    };

    for (k = 1; k < CC_TAG__COUNT; k++) {
        n = strlen(cc_tag_name((cc_tag_kind)k));
        for (i = 0; i < n; i++) {
            up[i] = (char)(cc_tag_name((cc_tag_kind)k)[i] - 32);
        }
        up[n] = '\0';
        for (x = 0; x < 4; x++) {
            apr_snprintf(in, sizeof(in), x == 1 ? "<%s x=y>" : "<%s>",
                         x >= 2 ? up : cc_tag_name((cc_tag_kind)k));
            cc_scan_init(&sc, x == 3);
            cc_scan_chunk(&sc, in, strlen(in), 0);
            ck_assert_int_eq(cc_scan_next(&sc, &ev), CC_SEV_TAG);
            ck_assert_msg(sc.kind == (x == 3 ? CC_TAG_OTHER : (cc_tag_kind)k),
                          "%s: kind %d", in, (int)sc.kind);
        }
    }
    for (i = 0; i < sizeof(none) / sizeof(none[0]); i++) {
        cc_scan_init(&sc, 0);
        cc_scan_chunk(&sc, none[i].in, none[i].len, 0);
        ck_assert_int_eq(cc_scan_next(&sc, &ev), CC_SEV_TAG);
        ck_assert_msg(sc.kind == CC_TAG_OTHER, "%u: kind %d", (unsigned)i,
                      (int)sc.kind);
    }
}
END_TEST

/* The scanner's events and attribute records over `in`, cut in two at
 * `cut` (0: whole), as text. */
static const char *scan_trace(const char *in, apr_size_t len, apr_size_t cut)
{
    buf b = { 0 };
    cc_scan sc;
    cc_scan_event ev;
    apr_size_t off = 0, n;
    int i;
    char line[128];

    buf_add(&b, "", 0);
    cc_scan_init(&sc, 0);
    while (off < len) {
        n = cut > off ? cut - off : len - off;
        cc_scan_chunk(&sc, in + off, n, (apr_off_t)off);
        while (cc_scan_next(&sc, &ev) != CC_SEV_NONE) {
            apr_snprintf(line, sizeof(line), "%d@%d:%d k%d",
                         (int)ev.kind, (int)ev.off, (int)ev.attr,
                         (int)sc.kind);
            buf_add(&b, line, strlen(line));
            for (i = 0; ev.kind == CC_SEV_TAG && !sc.streaming
                        && i < sc.nattrs; i++) {
                apr_snprintf(line, sizeof(line), " %d@%d=%d/%d",
                             (int)sc.attrs[i].id, (int)sc.attrs[i].name_off,
                             (int)sc.attrs[i].val_off,
                             (int)sc.attrs[i].val_len);
                buf_add(&b, line, strlen(line));
            }
            buf_add(&b, "\n", 1);
        }
        off += n;
    }
    return b.data;
}

/* Attribute names of interest whatever their case, among others with the
 * same first letters, quotes and '>' in values, '=' opening a name, and a
 * tag with more attributes of interest than the table holds: the same
 * events and records when the input is cut at any offset. */
START_TEST(attributes_cut_anywhere)
{
    static const char in[] =
        "<p class=\"a>b\" =src=x><IMG class=a SRC=\"x>\" Srcset='y 1x, z 2x'"
        " sx=1 data-CookieCharter=m\ttYpe = t HREF=h rel=\"r\" data=d"
        " sr=1 srcsets=2 href/><link rel='stylesheet' =x hreF=\"/a\" / >"
        "<iframe data-cookiecharter src=\"//x.test/\" title=\"'\"></iframe>"
        "<script SrC = 'https://x.test/\"' type=\"module\" async></script>";
    char big[3000];
    const char *whole;
    apr_size_t len = sizeof(in) - 1, k, n = 0;
    int i;

    whole = scan_trace(in, len, 0);
    ck_assert_msg(strstr(whole, " 1@") != NULL, "%s", whole);
    for (k = 1; k < len; k++) {
        const char *s = scan_trace(in, len, k);
        ck_assert_msg(strcmp(s, whole) == 0, "cut at %u:\n%s\nwhole:\n%s",
                      (unsigned)k, s, whole);
    }
    /* 70 src attributes: the table overflows, the tag streams */
    n = (apr_size_t)apr_snprintf(big, sizeof(big), "<img");
    for (i = 0; i < 70; i++) {
        n += (apr_size_t)apr_snprintf(big + n, sizeof(big) - n,
                                      i % 2 ? " SRC=\"%d\"" : " class=%d", i);
        n += (apr_size_t)apr_snprintf(big + n, sizeof(big) - n, " src=%d", i);
    }
    n += (apr_size_t)apr_snprintf(big + n, sizeof(big) - n, ">x");
    whole = scan_trace(big, n, 0);
    ck_assert_msg(strstr(whole, "3@") != NULL, "no CC_SEV_TAG_LONG: %s",
                  whole);
    for (k = 1; k < n; k += 7) {
        const char *s = scan_trace(big, n, k);
        ck_assert_msg(strcmp(s, whole) == 0, "cut at %u", (unsigned)k);
    }
}
END_TEST

Suite *suite_html_scan(void)
{
    Suite *s = suite_create("html_scan");
    TCase *tc = tcase_create("rewrite");

    tcase_add_checked_fixture(tc, cc_unit_setup, cc_unit_teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, scanner_events);
    tcase_add_test(tc, scanner_masks);
    tcase_add_test(tc, tag_kinds);
    tcase_add_test(tc, attributes_cut_anywhere);
    tcase_add_loop_test(tc, hand_written_placements, 0,
                        (int)(sizeof(placements) / sizeof(placements[0])));
    tcase_add_test(tc, xhtml_mode);
    tcase_add_test(tc, long_tags);
    tcase_add_test(tc, held_across_chunks);
    tcase_add_test(tc, done_when_nothing_left);
    tcase_add_test(tc, callback_error_stops);
    tcase_add_test(tc, unknown_id_recorded);
    tcase_add_test(tc, corpus_none_granted);
    tcase_add_test(tc, corpus_all_granted);
    suite_add_tcase(s, tc);
    return s;
}
