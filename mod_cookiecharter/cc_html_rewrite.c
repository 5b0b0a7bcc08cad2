/* Streaming HTML rewriting (contract section 6) on top of cc_html_scan:
 * just enough of the HTML tree builder's insertion modes (before head, in
 * head, after head, in body, frameset, head templates) to find where the
 * assets and the banner go, and the hold-back decisions for the tags that
 * can load a tracker.
 *
 * Every edit is an insertion at an input offset, emitted in offset order:
 * input up to the offset, then the inserted run. Input bytes come out as
 * CC_OUT_INPUT slices of the current chunk, or CC_OUT_HELD for the few
 * kept from earlier chunks (a tag in progress, at most CC_TAG_MAX bytes;
 * a `</head>` and the whitespace and comments after it while a frameset
 * may still follow, at most CC_HOLD_MAX more).
 *
 * Attribute values are compared after decoding &amp; &lt; &gt; &quot;
 * &apos; and numeric character references, and without ASCII tab and
 * newline (the URL parser drops them), so `&#46;` cannot hide a host; other
 * named references are compared raw. */
#include <stddef.h>
#include <string.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include <apr_lib.h>
#include <apr_strings.h>

#include "cc_html_rewrite.h"
#include "cc_html_scan.h"
#include "cc_util.h"

/* After `</head>`: how much whitespace and comment is held while waiting
 * for a possible <frameset>. */
#define CC_HOLD_MAX (16 * 1024)
/* The longest URL whose look-up is remembered. */
#define CC_URL_MEMO 256

enum {
    M_BEFORE_HEAD,      /* "initial", "before html", "before head" */
    M_IN_HEAD,
    M_AFTER_HEAD,
    M_BODY,
    M_FRAMESET
};

static const char type_plain[] = " type=\"text/plain\"";
static const char attr_prefix[] = "data-cookiecharter-";

struct cc_rewriter {
    apr_pool_t *pool;
    cc_rewrite_opts o;
    cc_rewrite_out_fn *out;
    void *baton;
    apr_status_t rv;            /* first failure of the callback */
    int finished;

    const char *chunk;          /* the chunk being fed */
    apr_off_t base;             /* its document offset */
    apr_off_t emitted;          /* input before this has been passed on */
    char *held;                 /* input [held_off, base) */
    apr_off_t held_off;
    char *scratch;              /* a value straddling held and chunk */
    char *dec;                  /* a decoded value */

    int mode;
    int tmpl;                   /* open <template> elements in the head */
    apr_off_t fs_hold;          /* offset of a held `</head>`, or -1 */
    int tag_held;               /* the streaming tag is held back */
    int all_granted;            /* every category: nothing to hold back */
    const char **id_attr;       /* ` data-cookiecharter="ID"` by index */
    cc_rewrite_stats stats;
    int done;

    /* the last URL looked up and its answer: an <img>'s src is most often
     * its srcset's first candidate too */
    apr_size_t last_url_len;    /* 0: none */
    const cc_category *last_cat;
    char last_url[CC_URL_MEMO];

    /* last, with last_url: not zeroed at creation (cc_scan_init sets what
     * it needs), as every HTML response creates a rewriter */
    cc_scan sc;
};

/* ---- output ---- */

static void out(cc_rewriter *rw, cc_out_kind kind, const char *data,
                apr_size_t len)
{
    if (rw->rv == APR_SUCCESS && len > 0) {
        rw->rv = rw->out(rw->baton, kind, data, len);
    }
}

/* Pass on the input up to `off`. */
static void emit_to(cc_rewriter *rw, apr_off_t off)
{
    if (off <= rw->emitted) {
        return;
    }
    if (rw->emitted < rw->base) {
        apr_off_t stop = off < rw->base ? off : rw->base;
        out(rw, CC_OUT_HELD, rw->held + (rw->emitted - rw->held_off),
            (apr_size_t)(stop - rw->emitted));
        rw->emitted = stop;
    }
    if (off > rw->emitted) {
        out(rw, CC_OUT_INPUT, rw->chunk + (rw->emitted - rw->base),
            (apr_size_t)(off - rw->emitted));
        rw->emitted = off;
    }
}

static void insert_kind(cc_rewriter *rw, apr_off_t off, cc_out_kind kind,
                        const char *data, apr_size_t len)
{
    emit_to(rw, off);
    out(rw, kind, data, len);
}

static void insert_at(cc_rewriter *rw, apr_off_t off, const char *data,
                      apr_size_t len)
{
    insert_kind(rw, off, CC_OUT_INSERT, data, len);
}

/* Input bytes [off, off+len) of the tag in progress, contiguous. */
static const char *input_bytes(cc_rewriter *rw, apr_off_t off, apr_size_t len)
{
    apr_size_t n;

    if (off >= rw->base) {
        return rw->chunk + (off - rw->base);
    }
    if (off + (apr_off_t)len <= rw->base) {
        return rw->held + (off - rw->held_off);
    }
    if (rw->scratch == NULL) {
        rw->scratch = apr_palloc(rw->pool, CC_TAG_MAX);
    }
    n = (apr_size_t)(rw->base - off);
    memcpy(rw->scratch, rw->held + (off - rw->held_off), n);
    memcpy(rw->scratch + n, rw->chunk, len - n);
    return rw->scratch;
}

/* ---- values ---- */

#define IS_WS(c) ((c) == ' ' || (c) == '\n' || (c) == '\t' || (c) == '\f' \
                  || (c) == '\r')

static int hexval(char c)
{
    return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

static apr_size_t put_utf8(char *d, unsigned long cp)
{
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        cp = 0xFFFD;
    }
    if (cp < 0x80) {
        d[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        d[0] = (char)(0xC0 | (cp >> 6));
        d[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        d[0] = (char)(0xE0 | (cp >> 12));
        d[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        d[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    d[0] = (char)(0xF0 | (cp >> 18));
    d[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    d[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    d[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Decode a value into dst (never longer than the source): the basic
 * named references and numeric ones; tab, LF and CR dropped; leading and
 * trailing spaces and controls trimmed. */
static apr_size_t decode_value(char *dst, const char *s, apr_size_t n)
{
    static const struct { const char *name; apr_size_t len; char c; } ents[] = {
        { "amp;", 4, '&' }, { "lt;", 3, '<' }, { "gt;", 3, '>' },
        { "quot;", 5, '"' }, { "apos;", 5, '\'' }
    };
    apr_size_t i = 0, o = 0, k;

    while (n > 0 && (unsigned char)s[n - 1] <= ' ') {
        n--;
    }
    while (i < n && (unsigned char)s[i] <= ' ') {
        i++;
    }
    while (i < n) {
        char c = s[i];
        if (c == '\t' || c == '\n' || c == '\r') {
            i++;
            continue;
        }
        if (c == '&' && i + 2 < n && s[i + 1] == '#') {
            apr_size_t j = i + 2, start;
            unsigned long cp = 0;
            int hex = 0;
            if (s[j] == 'x' || s[j] == 'X') {
                hex = 1;
                j++;
            }
            start = j;
            for (; j < n; j++) {
                int d = apr_isdigit(s[j]) ? s[j] - '0'
                      : hex && apr_isxdigit(s[j]) ? hexval(s[j]) : -1;
                if (d < 0) {
                    break;
                }
                cp = cp * (hex ? 16 : 10) + (unsigned long)d;
                if (cp > 0x10FFFF) {
                    cp = 0x110000;      /* stays invalid, never overflows */
                }
            }
            if (j > start) {
                if (j < n && s[j] == ';') {
                    j++;
                }
                o += put_utf8(dst + o, cp);
                i = j;
                continue;
            }
        }
        else if (c == '&') {
            for (k = 0; k < sizeof(ents) / sizeof(ents[0]); k++) {
                if (n - i - 1 >= ents[k].len
                    && memcmp(s + i + 1, ents[k].name, ents[k].len) == 0) {
                    break;
                }
            }
            if (k < sizeof(ents) / sizeof(ents[0])) {
                dst[o++] = ents[k].c;
                i += 1 + ents[k].len;
                continue;
            }
        }
        dst[o++] = c;
        i++;
    }
    return o;
}

/* Whether decode_value would give the value back unchanged (most values:
 * no reference, no tab or newline, nothing to trim). */
static int plain_value(const char *s, apr_size_t n)
{
    apr_size_t i;
    unsigned char c;

    if (n == 0) {
        return 1;
    }
    if ((unsigned char)s[0] <= ' ' || (unsigned char)s[n - 1] <= ' ') {
        return 0;
    }
    i = 0;
#if defined(__SSE2__) && defined(__GNUC__)
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
        __m128i m = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('&')),
                         _mm_cmpeq_epi8(v, _mm_set1_epi8('\t'))),
            _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')),
                         _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))));
        if (_mm_movemask_epi8(m) != 0) {
            return 0;
        }
    }
#endif
    for (; i < n; i++) {
        c = (unsigned char)s[i];
        if (c <= '&' && (c == '&' || c == '\t' || c == '\n' || c == '\r')) {
            return 0;
        }
    }
    return 1;
}

/* A value as compared: decoded, or the input itself when decoding would
 * not change it. Valid until the next call. */
static const char *attr_value(cc_rewriter *rw, const cc_scan_attr *a,
                              apr_size_t *len)
{
    const char *raw = input_bytes(rw, a->val_off, a->val_len);

    if (plain_value(raw, a->val_len)) {
        *len = a->val_len;
        return raw;
    }
    if (rw->dec == NULL) {
        rw->dec = apr_palloc(rw->pool, CC_TAG_MAX);
    }
    *len = decode_value(rw->dec, raw, a->val_len);
    return rw->dec;
}

static int granted(const cc_rewriter *rw, const cc_category *cat)
{
    return (rw->o.granted & CC_MASK_BIT(cat->index)) != 0;
}

static const cc_category *url_category(cc_rewriter *rw, const char *u,
                                       apr_size_t n)
{
    const cc_category *cat;

    if (n > 0 && n == rw->last_url_len && memcmp(u, rw->last_url, n) == 0) {
        return rw->last_cat;
    }
    cat = cc_charter_url_category(rw->o.charter, u, n, rw->o.own_host);
    if (n <= CC_URL_MEMO) {
        memcpy(rw->last_url, u, n);
        rw->last_url_len = n;
        rw->last_cat = cat;
    }
    return cat;
}

/* The index of the first ASCII whitespace in v[i, n), or n. A srcset's
 * URLs are long and its separators few: 16 bytes at a time. */
static apr_size_t ws_at(const char *v, apr_size_t i, apr_size_t n)
{
#if defined(__SSE2__) && defined(__GNUC__)
    for (; i + 16 <= n; i += 16) {
        __m128i b = _mm_loadu_si128((const __m128i *)(v + i));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8(' ')),
                         _mm_cmpeq_epi8(b, _mm_set1_epi8('\n'))),
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8('\t')),
                                      _mm_cmpeq_epi8(b, _mm_set1_epi8('\f'))),
                         _mm_cmpeq_epi8(b, _mm_set1_epi8('\r')))));
        if (m != 0) {
            return i + (apr_size_t)__builtin_ctz(m);
        }
    }
#endif
    while (i < n && !IS_WS(v[i])) {
        i++;
    }
    return i;
}

/* The first category not granted among the URLs of a value (a srcset
 * holds several), or NULL. */
static const cc_category *url_refused(cc_rewriter *rw, const char *v,
                                      apr_size_t n, int srcset)
{
    const cc_category *cat;
    apr_size_t i = 0, u, e;

    if (!srcset) {
        cat = n ? url_category(rw, v, n) : NULL;
        return cat && !granted(rw, cat) ? cat : NULL;
    }
    /* srcset: URL (to whitespace, trailing commas not part of it), then
     * descriptors to the next comma */
    while (i < n) {
        while (i < n && (v[i] == ',' || IS_WS(v[i]))) {
            i++;
        }
        u = i;
        i = ws_at(v, i, n);
        e = i;
        while (e > u && v[e - 1] == ',') {
            e--;
        }
        if (e > u) {
            cat = url_category(rw, v + u, e - u);
            if (cat && !granted(rw, cat)) {
                return cat;
            }
        }
        if (e < i) {
            continue;           /* the commas ended this candidate */
        }
        while (i < n && v[i] != ',') {
            i++;
        }
    }
    return NULL;
}

static int rel_stylesheet(const char *v, apr_size_t n)
{
    apr_size_t i = 0, s;

    while (i < n) {
        while (i < n && IS_WS(v[i])) {
            i++;
        }
        s = i;
        while (i < n && !IS_WS(v[i])) {
            i++;
        }
        if (i - s == 10 && cc_strncasecmp(v + s, "stylesheet", 10) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Whether an attribute is one that a held-back tag of this kind renames. */
static int renamed(cc_tag_kind kind, cc_attr_id id)
{
    switch (kind) {
    case CC_TAG_SCRIPT:
        return id == CC_ATTR_TYPE;
    case CC_TAG_IMG:
        return id == CC_ATTR_SRC || id == CC_ATTR_SRCSET;
    case CC_TAG_IFRAME:
    case CC_TAG_EMBED:
        return id == CC_ATTR_SRC;
    case CC_TAG_OBJECT:
        return id == CC_ATTR_DATA;
    case CC_TAG_LINK:
        return id == CC_ATTR_HREF;
    default:
        return 0;
    }
}

static int is_url_attr(cc_tag_kind kind, cc_attr_id id)
{
    return kind == CC_TAG_SCRIPT ? id == CC_ATTR_SRC : renamed(kind, id);
}

static const char *id_attr(cc_rewriter *rw, const cc_category *cat)
{
    if (rw->id_attr == NULL) {
        rw->id_attr = apr_pcalloc(rw->pool,
                                  sizeof(const char *) * CC_MAX_CATEGORIES);
    }
    if (rw->id_attr[cat->index] == NULL) {
        rw->id_attr[cat->index] = apr_pstrcat(rw->pool,
                                              " data-cookiecharter=\"",
                                              cat->id, "\"", NULL);
    }
    return rw->id_attr[cat->index];
}

/* The hold-back decision for a start tag that can load a tracker, and its
 * insertions. A long tag (`is_long`) is held back whatever it holds, with
 * what was seen of it before it grew too long. */
static void hold_back(cc_rewriter *rw, int is_long)
{
    cc_scan *sc = &rw->sc;
    const cc_category *cat = NULL;
    const cc_scan_attr *dcc = NULL;
    int held = is_long, i, stylesheet = sc->kind != CC_TAG_LINK;
    const char *v, *ins;
    apr_size_t n;

    rw->tag_held = 0;
    for (i = 0; i < sc->nattrs; i++) {
        const cc_scan_attr *a = &sc->attrs[i];
        if (a->id == CC_ATTR_DCC && dcc == NULL) {
            dcc = a;
        }
        else if (a->id == CC_ATTR_REL && a->val_off > 0 && !stylesheet) {
            v = attr_value(rw, a, &n);
            stylesheet = rel_stylesheet(v, n);
        }
    }
    if (dcc != NULL) {
        /* an explicit mark decides, even against the URL's host */
        if (dcc->val_off > 0 || !is_long) {
            v = dcc->val_off > 0 ? attr_value(rw, dcc, &n) : "";
            n = dcc->val_off > 0 ? n : 0;
            cat = rw->o.charter ? cc_charter_category(rw->o.charter, v, n)
                                : NULL;
            if (cat == NULL) {
                held = 1;
                if (rw->stats.unknown_id == NULL) {
                    rw->stats.unknown_id = apr_pstrmemdup(rw->pool, v, n);
                }
            }
            else if (!granted(rw, cat)) {
                held = 1;
            }
        }
    }
    else if (stylesheet && rw->o.charter) {
        for (i = 0; i < sc->nattrs && cat == NULL; i++) {
            const cc_scan_attr *a = &sc->attrs[i];
            if (is_url_attr(sc->kind, a->id) && a->val_off > 0) {
                v = attr_value(rw, a, &n);
                cat = url_refused(rw, v, n, a->id == CC_ATTR_SRCSET);
            }
        }
        held = held || cat != NULL;
    }
    if (!held) {
        return;
    }
    rw->tag_held = 1;
    rw->stats.held_back++;
    if (is_long) {
        rw->stats.held_long++;
    }
    if (sc->kind == CC_TAG_SCRIPT) {
        insert_at(rw, sc->name_end, type_plain, sizeof(type_plain) - 1);
    }
    if (dcc == NULL && cat != NULL) {
        ins = id_attr(rw, cat);
        insert_at(rw, sc->name_end, ins, strlen(ins));
    }
    for (i = 0; i < sc->nattrs; i++) {
        if (renamed(sc->kind, sc->attrs[i].id)) {
            insert_at(rw, sc->attrs[i].name_off, attr_prefix,
                      sizeof(attr_prefix) - 1);
        }
    }
}

/* ---- tree construction ---- */

static void update_done(cc_rewriter *rw)
{
    if (rw->mode == M_FRAMESET
        || (rw->stats.banner_injected
            && (rw->all_granted || cc_scan_plaintext(&rw->sc)))) {
        rw->done = 1;
    }
}

static void inject_assets(cc_rewriter *rw, apr_off_t off)
{
    insert_kind(rw, off, CC_OUT_ASSETS, rw->o.assets, rw->o.assets_len);
    rw->stats.assets_injected = 1;
}

/* No frameset after the held `</head>`: the assets go before it. */
static void not_frameset(cc_rewriter *rw)
{
    if (rw->fs_hold >= 0) {
        inject_assets(rw, rw->fs_hold);
        rw->fs_hold = -1;
    }
}

static void frameset(cc_rewriter *rw)
{
    rw->stats.frameset = 1;
    rw->fs_hold = -1;
    rw->mode = M_FRAMESET;
    rw->sc.report_text = 0;
    rw->done = 1;
}

/* The body starts at `off`: the assets if still due, then the banner. */
static void start_body(cc_rewriter *rw, apr_off_t off)
{
    if (rw->fs_hold >= 0) {
        not_frameset(rw);
    }
    else if (!rw->stats.assets_injected) {
        inject_assets(rw, off);
    }
    insert_kind(rw, off, CC_OUT_BANNER, rw->o.banner, rw->o.banner_len);
    rw->stats.banner_injected = 1;
    rw->mode = M_BODY;
    rw->sc.report_text = 0;
    update_done(rw);
}

/* Elements the tree builder keeps in the head. */
#define HEAD_KINDS (CC_TAG_BIT(CC_TAG_BASE) | CC_TAG_BIT(CC_TAG_BASEFONT) \
    | CC_TAG_BIT(CC_TAG_BGSOUND) | CC_TAG_BIT(CC_TAG_LINK) \
    | CC_TAG_BIT(CC_TAG_META) | CC_TAG_BIT(CC_TAG_NOFRAMES) \
    | CC_TAG_BIT(CC_TAG_SCRIPT) | CC_TAG_BIT(CC_TAG_STYLE) \
    | CC_TAG_BIT(CC_TAG_TEMPLATE) | CC_TAG_BIT(CC_TAG_TITLE) \
    | CC_TAG_BIT(CC_TAG_NOSCRIPT))
/* The start tags that leave "in head" as it is (tag_before). */
#define STAY_IN_HEAD ((HEAD_KINDS & ~CC_TAG_BIT(CC_TAG_TEMPLATE)) \
    | CC_TAG_BIT(CC_TAG_HTML) | CC_TAG_BIT(CC_TAG_HEAD))

static int head_element(cc_tag_kind k)
{
    return (HEAD_KINDS >> k) & 1;
}

/* Which tags the scanner reports: each one costs a return and a decision,
 * and a head of metas, links and scripts needs none of them but the one
 * that starts the body. In the body only <plaintext> changes anything;
 * the tags held back are recorded, so reported whatever the masks. */
static void set_reports(cc_rewriter *rw)
{
    cc_scan *sc = &rw->sc;

    if (rw->mode == M_BODY) {
        sc->report_start = CC_TAG_BIT(CC_TAG_PLAINTEXT);
        sc->report_end = 0;
    }
    else if (rw->mode == M_IN_HEAD && rw->tmpl == 0 && rw->fs_hold < 0
             && !rw->o.xhtml) {
        sc->report_start = CC_TAG_ALL & ~STAY_IN_HEAD;
        sc->report_end = CC_TAG_BIT(CC_TAG_HEAD) | CC_TAG_BIT(CC_TAG_BODY)
                         | CC_TAG_BIT(CC_TAG_HTML) | CC_TAG_BIT(CC_TAG_BR);
    }
    else {
        sc->report_start = CC_TAG_ALL;
        sc->report_end = CC_TAG_ALL;
    }
}

/* Decisions that go before a tag, taken once its name and (unless long)
 * its attributes are known. */
static void tag_before(cc_rewriter *rw, int is_long)
{
    cc_scan *sc = &rw->sc;
    cc_tag_kind k = sc->kind;

    if (rw->mode < M_BODY && rw->o.xhtml) {
        /* XML has no implied elements: only the literal tags count */
        if (sc->is_end && k == CC_TAG_HEAD && rw->mode < M_AFTER_HEAD) {
            inject_assets(rw, sc->tag_start);
            rw->mode = M_AFTER_HEAD;
        }
    }
    else if (rw->mode < M_BODY && rw->tmpl > 0) {
        /* template contents never start the body */
        if (k == CC_TAG_TEMPLATE) {
            rw->tmpl += sc->is_end ? -1 : 1;
        }
    }
    else if (rw->mode < M_BODY && !sc->is_end) {
        if (k == CC_TAG_FRAMESET) {
            frameset(rw);
        }
        else if (k == CC_TAG_HEAD) {
            if (rw->mode == M_BEFORE_HEAD) {
                rw->mode = M_IN_HEAD;
            }
        }
        else if (k == CC_TAG_HTML || k == CC_TAG_BODY) {
            /* html: merged or ignored; body: decided after the tag */
        }
        else if (head_element(k)) {
            if (rw->mode == M_BEFORE_HEAD) {
                rw->mode = M_IN_HEAD;
            }
            /* only a <frameset> right after `</head>` is waited for */
            not_frameset(rw);
            if (k == CC_TAG_TEMPLATE) {
                rw->tmpl = 1;
            }
        }
        else {
            start_body(rw, sc->tag_start);
        }
    }
    else if (rw->mode < M_BODY) {
        if (k == CC_TAG_HEAD && rw->mode <= M_IN_HEAD) {
            /* hold it: a <frameset> may still follow */
            rw->fs_hold = sc->tag_start;
            rw->mode = M_AFTER_HEAD;
        }
        else if (k == CC_TAG_BODY || k == CC_TAG_HTML || k == CC_TAG_BR) {
            start_body(rw, sc->tag_start);
        }
    }
    if (sc->record && rw->mode != M_FRAMESET) {
        hold_back(rw, is_long);
    }
}

/* Decisions that go after a tag (it ended at `end`). */
static void tag_after(cc_rewriter *rw, apr_off_t end)
{
    cc_scan *sc = &rw->sc;

    if (rw->mode < M_BODY && !sc->is_end && sc->kind == CC_TAG_BODY
        && rw->tmpl == 0) {
        start_body(rw, end);
    }
    else if (sc->kind == CC_TAG_PLAINTEXT) {
        update_done(rw);
    }
    rw->tag_held = 0;
}

/* ---- the API ---- */

cc_rewriter *cc_rewriter_create(apr_pool_t *p, const cc_rewrite_opts *opts,
                                cc_rewrite_out_fn *outfn, void *baton)
{
    cc_rewriter *rw = apr_palloc(p, sizeof(*rw));
    int n = opts->charter ? opts->charter->categories->nelts : 0;
    cc_mask all = n >= CC_MAX_CATEGORIES ? ~(cc_mask)0 : CC_MASK_BIT(n) - 1;

    memset(rw, 0, offsetof(cc_rewriter, last_url));
    rw->pool = p;
    rw->o = *opts;
    rw->out = outfn;
    rw->baton = baton;
    rw->fs_hold = -1;
    rw->mode = M_BEFORE_HEAD;
    rw->all_granted = (opts->granted & all) == all;
    cc_scan_init(&rw->sc, opts->xhtml);
    rw->sc.report_text = !opts->xhtml;
    if (rw->all_granted) {
        /* no tag is recorded, so hold_back() never runs */
        rw->sc.record_kinds = 0;
    }
    set_reports(rw);
    return rw;
}

/* Keep the input from `hold` on (bytes of this chunk and of the held
 * ones) for the next feed. */
static void keep_from(cc_rewriter *rw, apr_off_t hold, const char *data,
                      apr_size_t len)
{
    apr_off_t end = rw->base + (apr_off_t)len;

    if (rw->held == NULL && hold < end) {
        rw->held = apr_palloc(rw->pool, CC_TAG_MAX + CC_HOLD_MAX + 64);
    }
    if (hold < rw->base) {
        apr_size_t n = (apr_size_t)(rw->base - hold);

        memmove(rw->held, rw->held + (hold - rw->held_off), n);
        memcpy(rw->held + n, data, len);
    }
    else if (hold < end) {
        memcpy(rw->held, data + (hold - rw->base), (apr_size_t)(end - hold));
    }
    rw->held_off = hold;
}

apr_status_t cc_rewriter_feed(cc_rewriter *rw, const char *data,
                              apr_size_t len)
{
    cc_scan_event ev;
    cc_scan *sc = &rw->sc;
    apr_off_t end, hold;

    if (rw->rv != APR_SUCCESS || rw->finished || len == 0) {
        return rw->rv;
    }
    rw->chunk = data;
    end = rw->base + (apr_off_t)len;
    if (!rw->done) {
        cc_scan_chunk(sc, data, len, rw->base);
    }
    while (!rw->done && rw->rv == APR_SUCCESS
           && cc_scan_next(sc, &ev) != CC_SEV_NONE) {
        switch (ev.kind) {
        case CC_SEV_TEXT:
            if (rw->mode < M_BODY && rw->tmpl == 0) {
                start_body(rw, ev.off);
            }
            break;
        case CC_SEV_TAG:
            if (!sc->streaming) {
                tag_before(rw, 0);
            }
            tag_after(rw, ev.off);
            break;
        case CC_SEV_TAG_LONG:
            tag_before(rw, 1);
            break;
        case CC_SEV_ATTR:
            if (rw->tag_held && renamed(sc->kind, ev.attr)) {
                insert_at(rw, ev.off, attr_prefix, sizeof(attr_prefix) - 1);
            }
            break;
        default:
            break;
        }
        set_reports(rw);
    }

    hold = rw->done ? -1 : cc_scan_hold_from(sc);
    if (rw->fs_hold >= 0) {
        if ((hold >= 0 ? hold : end) - rw->fs_hold > CC_HOLD_MAX) {
            not_frameset(rw);
            set_reports(rw);
        }
        else {
            hold = rw->fs_hold;
        }
    }
    if (hold < 0 || hold > end) {
        hold = end;
    }
    if (hold < rw->emitted) {
        hold = rw->emitted;
    }
    emit_to(rw, hold);
    keep_from(rw, hold, data, len);
    rw->base = end;
    return rw->rv;
}

apr_status_t cc_rewriter_finish(cc_rewriter *rw)
{
    if (rw->rv != APR_SUCCESS || rw->finished) {
        return rw->rv;
    }
    /* a tag cut by the end is no tag; whatever is held goes out as is */
    rw->chunk = NULL;
    emit_to(rw, rw->base);
    rw->fs_hold = -1;
    rw->finished = 1;
    return rw->rv;
}

int cc_rewriter_done(const cc_rewriter *rw)
{
    return rw->done;
}

const cc_rewrite_stats *cc_rewriter_stats(const cc_rewriter *rw)
{
    return &rw->stats;
}
