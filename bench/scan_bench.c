/* scan_bench: the HTML rewriter's speed next to one memchr pass.
 *
 *   scan_bench [cards|article|FILE]...
 *
 * Without arguments it runs two generated 2 MB pages: "cards", tag-dense
 * (a home page of cards: links, images with srcset, little text; about
 * half the bytes inside tags) and "article", closer to a typical page (a
 * news or encyclopedia article: head with scripts and styles, a nav,
 * paragraphs of text with inline links and references, figures, lists, a
 * footer). A FILE argument reads that page. For each page it prints GB/s
 * for a memchr pass over '<', for the scanner alone (reporting only what
 * the rewriter needs in a body), and for the rewriter fed the whole page
 * and in 8000-byte chunks (a FILE bucket's size), with no optional
 * category granted so that it scans to the end; then how many times
 * slower than memchr each is.
 * Best of several rounds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <apr_general.h>
#include <apr_file_io.h>
#include <apr_strings.h>

#include "cc_charter.h"
#include "cc_html_rewrite.h"
#include "cc_html_scan.h"

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

/* A deterministic pseudo-random sequence, so the article is the same on
 * every run but not one repeated block a branch predictor learns. */
static unsigned long seed = 12345;

static unsigned rnd(unsigned n)
{
    seed = seed * 6364136223846793005UL + 1442695040888963407UL;
    return (unsigned)((seed >> 33) % n);
}

static const char *const words[] = {
    "the", "of", "and", "in", "to", "was", "is", "for", "on", "as", "by",
    "with", "from", "that", "at", "his", "which", "an", "were", "are",
    "river", "century", "government", "population", "municipality",
    "railway", "station", "bridge", "cathedral", "university", "council",
    "district", "province", "harbour", "medieval", "industrial", "northern",
    "southern", "economy", "agriculture", "festival", "museum", "library",
    "architecture", "treaty", "parliament", "election", "climate",
    "temperature", "average", "annual", "built", "founded", "destroyed",
    "rebuilt", "expanded", "during", "after", "before", "between", "several",
    "important", "largest", "second", "traditional", "regional", "l'\xc3\xa9glise",
    "\xc3\xa9t\xc3\xa9", "M\xc3\xbcnster"
};
#define NWORDS (sizeof(words) / sizeof(words[0]))

static void add_words(unsigned n, int cap)
{
    unsigned k;

    for (k = 0; k < n; k++) {
        const char *w = words[rnd(NWORDS)];
        if (k == 0 && cap) {
            char b[64];
            snprintf(b, sizeof(b), "%s", w);
            b[0] = (char)(b[0] >= 'a' && b[0] <= 'z' ? b[0] - 32 : b[0]);
            add(b);
        }
        else {
            add(w);
        }
        if (k + 1 < n) {
            add(" ");
        }
    }
}

/* An inline link to another article, the commonest tag in running text. */
static void add_link(void)
{
    char b[256];
    const char *w1 = words[20 + rnd(NWORDS - 23)];
    const char *w2 = words[20 + rnd(NWORDS - 23)];

    snprintf(b, sizeof(b), "<a href=\"/wiki/%s_%s\" title=\"%s %s\">%s %s</a>",
             w1, w2, w1, w2, w1, w2);
    add(b);
}

static void add_paragraph(unsigned *ref)
{
    unsigned n = 60 + rnd(120), k = 0, run;
    char b[256];

    add("<p>");
    while (k < n) {
        run = 8 + rnd(20);
        add_words(run, k == 0);
        k += run;
        switch (rnd(10)) {
        case 0: case 1: case 2: case 3: case 4:
            add(" ");
            add_link();
            add(" ");
            break;
        case 5:
            add(" <b>");
            add_words(2, 0);
            add("</b> ");
            break;
        case 6:
            add(" <i>");
            add_words(1 + rnd(3), 0);
            add("</i> ");
            break;
        case 7:
            (*ref)++;
            snprintf(b, sizeof(b), "<sup id=\"cite_ref-%u\" class=\"reference\">"
                     "<a href=\"#cite_note-%u\">[%u]</a></sup> ", *ref, *ref, *ref);
            add(b);
            break;
        default:
            add(rnd(3) ? " " : ", ");
            break;
        }
    }
    add(".</p>\n");
}

static void build_article(void)
{
    char b[1024];
    unsigned i, k, n, ref = 0;

    add("<!DOCTYPE html>\n<html class=\"client-nojs\" lang=\"en\" dir=\"ltr\">\n"
        "<head>\n<meta charset=\"UTF-8\">\n<title>Sample town - The Encyclopedia</title>\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\">\n"
        "<meta name=\"description\" content=\"Sample town is a municipality on the river\">\n"
        "<meta property=\"og:title\" content=\"Sample town\">\n"
        "<meta property=\"og:type\" content=\"article\">\n"
        "<meta property=\"og:image\" content=\"https://upload.example.org/a/1200px-Sample.jpg\">\n"
        "<link rel=\"stylesheet\" href=\"/w/load.php?lang=en&amp;modules=site.styles&amp;only=styles\">\n"
        "<link rel=\"preconnect\" href=\"//upload.example.org\">\n"
        "<link rel=\"alternate\" type=\"application/x-wiki\" title=\"Edit\" href=\"/w/index.php?title=Sample&amp;action=edit\">\n"
        "<link rel=\"icon\" href=\"/static/favicon/wiki.ico\">\n"
        "<link rel=\"canonical\" href=\"https://en.example.org/wiki/Sample_town\">\n"
        "<script>document.documentElement.className=\"client-js\";RLCONF={\"wgPageName\":"
        "\"Sample_town\",\"wgTitle\":\"Sample town\",\"wgCurRevisionId\":1234567,"
        "\"wgArticleId\":98765,\"wgIsArticle\":true,\"wgUserName\":null,"
        "\"wgCategories\":[\"Towns\",\"Populated places\"],\"wgRelevantPageName\":"
        "\"Sample_town\"};RLSTATE={\"site.styles\":\"ready\",\"user.styles\":\"ready\"};"
        "RLPAGEMODULES=[\"ext.cite.ux-enhancements\",\"site\",\"mediawiki.page.ready\"];"
        "if(a<b&&c>d){x()}</script>\n"
        "<script async src=\"/w/load.php?lang=en&amp;modules=startup&amp;only=scripts\"></script>\n"
        "<script async src=\"https://www.googletagmanager.com/gtag/js?id=G-X\"></script>\n"
        "<style>.mw-parser-output .hatnote{font-style:italic}.mw-parser-output "
        ".reflist{margin-bottom:0.5em}.infobox{border:1px solid #a2a9b1;float:right}"
        "</style>\n"
        "</head>\n<body class=\"mediawiki ltr sitedir-ltr ns-0 page-Sample_town\">\n"
        "<a class=\"skip\" href=\"#content\">Jump to content</a>\n"
        "<header class=\"header\"><nav id=\"site-navigation\" aria-label=\"Site\">\n<ul class=\"menu\">\n");
    for (k = 0; k < 40; k++) {
        const char *w = words[20 + rnd(NWORDS - 23)];
        snprintf(b, sizeof(b), "<li id=\"n-%s-%u\" class=\"menu-item\"><a href=\"/wiki/Portal:%s\" "
                 "title=\"Portal %s\"><span>%s</span></a></li>\n", w, k, w, w, w);
        add(b);
    }
    add("</ul>\n<form action=\"/w/index.php\" id=\"searchform\"><input type=\"search\" "
        "name=\"search\" placeholder=\"Search\" autocapitalize=\"sentences\" "
        "title=\"Search [alt-shift-f]\" accesskey=\"f\"><button class=\"btn\">Search"
        "</button></form>\n</nav></header>\n<main id=\"content\" class=\"mw-body\">\n"
        "<h1 id=\"firstHeading\" class=\"firstHeading\"><span class=\"mw-page-title-main\">"
        "Sample town</span></h1>\n<div id=\"bodyContent\" class=\"content\">\n"
        "<div class=\"mw-parser-output\">\n");
    for (i = 0; page_len < TARGET - 16384; i++) {
        snprintf(b, sizeof(b), "<h2 id=\"Section_%u\">", i);
        add(b);
        add_words(1 + rnd(3), 1);
        add("</h2>\n");
        for (k = 0, n = 3 + rnd(5); k < n; k++) {
            add_paragraph(&ref);
        }
        if (i % 3 == 0) {
            snprintf(b, sizeof(b),
                     "<figure class=\"mw-default-size\" typeof=\"mw:File/Thumb\">"
                     "<a href=\"/wiki/File:Sample_%u.jpg\" class=\"mw-file-description\">"
                     "<img src=\"//upload.example.org/thumb/%u/Sample_%u.jpg/250px-Sample_%u.jpg\" "
                     "decoding=\"async\" width=\"250\" height=\"167\" class=\"mw-file-element\" "
                     "srcset=\"//upload.example.org/thumb/%u/Sample_%u.jpg/375px-Sample_%u.jpg 1.5x, "
                     "//upload.example.org/thumb/%u/Sample_%u.jpg/500px-Sample_%u.jpg 2x\">"
                     "</a><figcaption>",
                     i, i % 10, i, i, i % 10, i, i, i % 10, i, i);
            add(b);
            add_words(6 + rnd(10), 1);
            add(".</figcaption></figure>\n");
        }
        if (i % 4 == 2) {
            add("<ul>\n");
            for (k = 0, n = 3 + rnd(5); k < n; k++) {
                add("<li>");
                add_words(3 + rnd(10), 1);
                add(" ");
                add_link();
                add("</li>\n");
            }
            add("</ul>\n");
        }
        if (i % 25 == 24) {
            add("<iframe src=\"https://www.youtube-nocookie.com/embed/x\" width=\"560\" "
                "height=\"315\" allowfullscreen></iframe>\n"
                "<!-- NewPP limit report: cached time, CPU time usage 0.5 seconds -->\n");
        }
    }
    add("<h2 id=\"References\">References</h2>\n<div class=\"reflist\"><ol class=\"references\">\n");
    for (k = 1; k <= 60; k++) {
        snprintf(b, sizeof(b), "<li id=\"cite_note-%u\"><a href=\"#cite_ref-%u\">^</a> "
                 "<cite class=\"citation web\"><a rel=\"nofollow\" class=\"external text\" "
                 "href=\"https://www.example.net/report/%u\">", k, k, k);
        add(b);
        add_words(4 + rnd(6), 1);
        add("</a>. Retrieved 2024.</cite></li>\n");
    }
    add("</ol></div>\n</div></div></main>\n<footer id=\"footer\"><ul>"
        "<li>This page was last edited on 1 June 2024.</li>"
        "<li><a href=\"/wiki/Privacy\">Privacy policy</a></li>"
        "<li><a href=\"/wiki/About\">About</a></li></ul></footer>\n"
        "<img src=\"/matomo/matomo.php?idsite=1&amp;rec=1\" style=\"border:0\" alt=\"\">\n"
        "<script>(RLQ=window.RLQ||[]).push(function(){mw.config.set({\"wgBackendResponseTime\":120});});</script>\n"
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

/* The scanner alone, as the rewriter runs it in the body: only the tags
 * that can load a resource reported. */
static size_t scan_pass(void)
{
    cc_scan sc;
    cc_scan_event ev;
    size_t n = 0;

    cc_scan_init(&sc, 0);
    sc.report_start = CC_TAG_BIT(CC_TAG_PLAINTEXT);
    sc.report_end = 0;
    cc_scan_chunk(&sc, page, page_len, 0);
    while (cc_scan_next(&sc, &ev) != CC_SEV_NONE) {
        n++;
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

static double best_of(double best, double t0)
{
    double t = now() - t0;

    return t < best ? t : best;
}

static int load(const char *what, apr_pool_t *pool)
{
    apr_file_t *f;
    apr_finfo_t fi;

    free(page);
    page = NULL;
    page_len = page_cap = 0;
    seed = 12345;
    if (strcmp(what, "cards") == 0) {
        build_page();
        return 0;
    }
    if (strcmp(what, "article") == 0) {
        build_article();
        return 0;
    }
    if (apr_file_open(&f, what, APR_FOPEN_READ, 0, pool)
        || apr_file_info_get(&fi, APR_FINFO_SIZE, f)) {
        fprintf(stderr, "cannot read %s\n", what);
        return 1;
    }
    page_len = (size_t)fi.size;
    page = malloc(page_len + 1);
    if (page == NULL || apr_file_read_full(f, page, page_len, NULL)) {
        fprintf(stderr, "cannot read %s\n", what);
        apr_file_close(f);
        return 1;
    }
    apr_file_close(f);
    return 0;
}

static void run(const char *what, apr_pool_t *pool, const cc_rewrite_opts *o)
{
    double t, best_m = 1e9, best_s = 1e9, best_w = 1e9, best_c = 1e9;
    size_t lts = 0, out = 0, evs = 0, k, tag_bytes = 0;
    int r, in_tag = 0;

    for (k = 0; k < page_len; k++) {
        in_tag = page[k] == '<' ? 1 : page[k] == '>' ? 0 : in_tag;
        tag_bytes += in_tag || page[k] == '>';
    }
    for (r = 0; r < ROUNDS; r++) {
        t = now();
        lts = memchr_pass();
        best_m = best_of(best_m, t);
        t = now();
        evs = scan_pass();
        best_s = best_of(best_s, t);
        t = now();
        out = rewrite_pass(pool, o, page_len);
        best_w = best_of(best_w, t);
        t = now();
        out = rewrite_pass(pool, o, 8000);
        best_c = best_of(best_c, t);
    }
    printf("%s: %zu bytes, %zu '<', about %.0f%% inside tags; %zu events; "
           "output %zu bytes\n", what, page_len, lts,
           100.0 * (double)tag_bytes / (double)page_len, evs, out);
    printf("  memchr '<' pass:          %6.2f GB/s\n", page_len / best_m / 1e9);
    printf("  scanner alone:            %6.2f GB/s  (%.1fx memchr's time)\n",
           page_len / best_s / 1e9, best_s / best_m);
    printf("  rewriter, whole page:     %6.2f GB/s  (%.1fx memchr's time)\n",
           page_len / best_w / 1e9, best_w / best_m);
    printf("  rewriter, 8000-byte feed: %6.2f GB/s  (%.1fx memchr's time)\n",
           page_len / best_c / 1e9, best_c / best_m);
}

int main(int argc, char **argv)
{
    static const char *const defaults[] = { "cards", "article" };
    apr_pool_t *pool;
    cc_charter *ch = NULL;
    apr_array_header_t *errors = NULL;
    cc_rewrite_opts o;
    const char *const *pages = defaults;
    int i, n = 2;

    apr_initialize();
    apr_pool_create(&pool, NULL);
    if (cc_charter_parse(&ch, "/bench/charter.yaml", charter_yaml,
                         sizeof(charter_yaml) - 1, pool, &errors)) {
        fprintf(stderr, "charter: %s\n", errors && errors->nelts
                ? APR_ARRAY_IDX(errors, 0, const char *) : "?");
        return 1;
    }
    if (argc > 1) {
        pages = (const char *const *)argv + 1;
        n = argc - 1;
    }
    memset(&o, 0, sizeof(o));
    o.charter = ch;
    o.granted = ch->required_mask;
    o.assets = "<link rel=\"stylesheet\" href=\"/cookiecharter/banner.css?v=x\"/>";
    o.assets_len = strlen(o.assets);
    o.banner = "<div id=\"cookiecharter-banner\" role=\"dialog\" hidden=\"hidden\"></div>";
    o.banner_len = strlen(o.banner);
    o.own_host = "bench.test";

    for (i = 0; i < n; i++) {
        if (load(pages[i], pool)) {
            return 1;
        }
        run(pages[i], pool, &o);
    }
    free(page);
    apr_terminate();
    return 0;
}
