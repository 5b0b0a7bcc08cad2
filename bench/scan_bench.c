/* scan_bench: the HTML rewriter's speed next to one memchr pass.
 *
 *   scan_bench [FILE]
 *
 * Without FILE it builds a realistic 2 MB page (head with scripts and
 * styles, then cards of links, paragraphs, images, inline JSON, a few
 * trackers); with FILE it reads that page. It prints GB/s for a memchr
 * pass over '<', for the rewriter fed the whole page, and fed in 8000-byte
 * chunks (a FILE bucket's size), with no optional category granted so
 * the scanner works to the end. Best of several rounds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <apr_general.h>
#include <apr_file_io.h>
#include <apr_strings.h>

#include "cc_charter.h"
#include "cc_html_rewrite.h"

#define TARGET (2u * 1024 * 1024)
#define ROUNDS 15

static const char charter_yaml[] =
    "charter: 1\n"
    "site:\n  name: bench.test\n"
    "revision: \"b1\"\n"
    "languages: [en]\n"
    "categories:\n"
    "  - id: necessary\n    required: true\n    label: N\n    description: N\n"
    "  - id: statistics\n    label: S\n    description: S\n"
    "    hosts: [matomo.example.org, /matomo/]\n"
    "  - id: marketing\n    label: M\n    description: M\n"
    "    hosts: [www.googletagmanager.com, connect.facebook.net]\n"
    "cookies:\n"
    "  - name: sessionid\n    category: necessary\n    service: S\n    purpose: P\n";

static char *page;
static size_t page_len, page_cap;

static void add(const char *s)
{
    size_t n = strlen(s);

    if (page_len + n + 1 > page_cap) {
        page_cap = (page_len + n + 1) * 2;
        page = realloc(page, page_cap);
        if (page == NULL) {
            abort();
        }
    }
    memcpy(page + page_len, s, n);
    page_len += n;
    page[page_len] = '\0';
}

static void build_page(void)
{
    char b[1024];
    unsigned i;

    add("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>Bench page &mdash; news and articles</title>\n"
        "<link rel=\"stylesheet\" href=\"/static/css/site.min.css?v=1234\">\n"
        "<link rel=\"preconnect\" href=\"https://cdn.example.com\">\n"
        "<style>body{margin:0;font-family:system-ui,sans-serif}.card{display:flex;gap:1rem}"
        ".card a:hover{text-decoration:underline}.tag>span{color:#555}</style>\n"
        "<script src=\"https://www.googletagmanager.com/gtag/js?id=G-X\" async></script>\n"
        "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}"
        "gtag('js',new Date());gtag('config','G-X');</script>\n"
        "</head>\n<body class=\"home page\">\n<header class=\"site-header\"><nav>"
        "<ul class=\"menu\"><li><a href=\"/\">Home</a></li><li><a href=\"/news\">News</a></li>"
        "<li><a href=\"/about\">About</a></li></ul></nav></header>\n<main id=\"content\">\n");
    for (i = 0; page_len < TARGET - 4096; i++) {
        snprintf(b, sizeof(b),
                 "<article class=\"card card--%u\" data-id=\"%u\">\n"
                 "  <a class=\"card__link\" href=\"/articles/%u-a-headline-about-things\">"
                 "<h2 class=\"card__title\">Headline number %u about several things</h2></a>\n"
                 "  <img class=\"card__img\" src=\"/media/%u/thumb.jpg\" "
                 "srcset=\"/media/%u/thumb.jpg 1x, /media/%u/thumb@2x.jpg 2x\" "
                 "alt=\"Picture for article %u\" width=\"320\" height=\"180\" loading=\"lazy\">\n"
                 "  <p class=\"card__summary\">Lorem ipsum dolor sit amet, consectetur "
                 "adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore "
                 "magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco "
                 "laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in "
                 "reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla "
                 "pariatur &amp; more.</p>\n"
                 "  <ul class=\"tags\"><li><a href=\"/tag/%u\">tag %u</a></li>"
                 "<li><a href=\"/tag/x\">another</a></li></ul>\n"
                 "</article>\n",
                 i % 7, i, i, i, i, i, i, i, i % 50, i % 50);
        add(b);
        if (i % 40 == 0) {
            add("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
                "\"@type\":\"NewsArticle\",\"headline\":\"A headline\",\"datePublished\":"
                "\"2024-06-01T08:00:00Z\",\"author\":[{\"@type\":\"Person\",\"name\":"
                "\"Someone\"}],\"image\":[\"https://cdn.example.com/a.jpg\"]}</script>\n");
        }
        if (i % 100 == 0) {
            add("<iframe src=\"https://www.youtube-nocookie.com/embed/x\" width=\"560\" "
                "height=\"315\" allowfullscreen></iframe>\n"
                "<img src=\"/matomo/matomo.php?idsite=1&amp;rec=1\" alt=\"\">\n"
                "<!-- a comment between cards, with <b>markup</b> inside -->\n");
        }
    }
    add("</main>\n<footer><p>&copy; Bench</p></footer>\n"
        "<script src=\"https://connect.facebook.net/en_US/fbevents.js\"></script>\n"
        "</body>\n</html>\n");
}

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static apr_status_t sink(void *baton, cc_out_kind kind, const char *data,
                         apr_size_t len)
{
    *(size_t *)baton += len;
    (void)kind;
    (void)data;
    return APR_SUCCESS;
}

static size_t memchr_pass(void)
{
    const char *p = page, *end = page + page_len;
    size_t n = 0;

    while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
        n++;
        p++;
    }
    return n;
}

static size_t rewrite_pass(apr_pool_t *pool, const cc_rewrite_opts *o,
                           size_t chunk)
{
    apr_pool_t *p;
    cc_rewriter *rw;
    size_t out = 0, off;

    apr_pool_create(&p, pool);
    rw = cc_rewriter_create(p, o, sink, &out);
    for (off = 0; off < page_len; off += chunk) {
        cc_rewriter_feed(rw, page + off,
                         page_len - off < chunk ? page_len - off : chunk);
    }
    cc_rewriter_finish(rw);
    apr_pool_destroy(p);
    return out;
}

int main(int argc, char **argv)
{
    apr_pool_t *pool;
    cc_charter *ch = NULL;
    apr_array_header_t *errors = NULL;
    cc_rewrite_opts o;
    double t, best_m = 1e9, best_w = 1e9, best_c = 1e9;
    size_t lts = 0, out = 0, k, tag_bytes = 0;
    int r, in_tag = 0;

    apr_initialize();
    apr_pool_create(&pool, NULL);
    if (cc_charter_parse(&ch, "/bench/charter.yaml", charter_yaml,
                         sizeof(charter_yaml) - 1, pool, &errors)) {
        fprintf(stderr, "charter: %s\n", errors && errors->nelts
                ? APR_ARRAY_IDX(errors, 0, const char *) : "?");
        return 1;
    }
    if (argc > 1) {
        apr_file_t *f;
        apr_finfo_t fi;
        if (apr_file_open(&f, argv[1], APR_FOPEN_READ, 0, pool)
            || apr_file_info_get(&fi, APR_FINFO_SIZE, f)) {
            fprintf(stderr, "cannot read %s\n", argv[1]);
            return 1;
        }
        page_len = (size_t)fi.size;
        page = malloc(page_len + 1);
        if (page == NULL || apr_file_read_full(f, page, page_len, NULL)) {
            fprintf(stderr, "cannot read %s\n", argv[1]);
            return 1;
        }
    }
    else {
        build_page();
    }
    for (k = 0; k < page_len; k++) {
        in_tag = page[k] == '<' ? 1 : page[k] == '>' ? 0 : in_tag;
        tag_bytes += in_tag || page[k] == '>';
    }

    memset(&o, 0, sizeof(o));
    o.charter = ch;
    o.granted = ch->required_mask;
    o.assets = "<link rel=\"stylesheet\" href=\"/cookiecharter/banner.css?v=x\"/>";
    o.assets_len = strlen(o.assets);
    o.banner = "<div id=\"cookiecharter-banner\" role=\"dialog\" hidden=\"hidden\"></div>";
    o.banner_len = strlen(o.banner);
    o.own_host = "bench.test";

    for (r = 0; r < ROUNDS; r++) {
        t = now();
        lts = memchr_pass();
        t = now() - t;
        best_m = t < best_m ? t : best_m;
        t = now();
        out = rewrite_pass(pool, &o, page_len);
        t = now() - t;
        best_w = t < best_w ? t : best_w;
        t = now();
        out = rewrite_pass(pool, &o, 8000);
        t = now() - t;
        best_c = t < best_c ? t : best_c;
    }
    printf("page: %zu bytes, %zu '<', about %.0f%% inside tags; output %zu bytes\n",
           page_len, lts, 100.0 * (double)tag_bytes / (double)page_len, out);
    printf("memchr '<' pass:          %6.2f GB/s\n", page_len / best_m / 1e9);
    printf("rewriter, whole page:     %6.2f GB/s\n", page_len / best_w / 1e9);
    printf("rewriter, 8000-byte feed: %6.2f GB/s\n", page_len / best_c / 1e9);
    apr_terminate();
    return 0;
}
