/* A resumable HTML tokenizer after the HTML Living Standard (13.2.5),
 * reduced to the decisions of cc_html_rewrite.c: where tags start and end
 * (quoted attribute values may hold '>'), their names, the few attributes
 * that can load a resource, and which text is markup at all (comments,
 * bogus comments, doctype, CDATA in XHTML, RCDATA, RAWTEXT, script data
 * with its escaped and double-escaped states, plaintext).
 *
 * The state lives in cc_scan, so a chunk may end anywhere. Character
 * references never change where a token ends, so they are not decoded
 * here; the rewriter decodes the values it compares. */
#include <stddef.h>
#include <string.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "cc_html_scan.h"

enum {
    /* content models: where text runs */
    S_DATA, S_RCDATA, S_RAWTEXT, S_SCRIPT, S_PLAINTEXT,
    /* tags */
    S_TAG_OPEN, S_END_TAG_OPEN, S_TAG_NAME, S_BEFORE_ATTR, S_ATTR_NAME,
    S_AFTER_ATTR_NAME, S_BEFORE_VALUE, S_VALUE_DQ, S_VALUE_SQ, S_VALUE_UNQ,
    S_AFTER_VALUE_Q, S_SELF_CLOSING,
    /* markup declarations */
    S_MDO, S_COMMENT_START, S_COMMENT_START_DASH, S_COMMENT,
    S_COMMENT_END_DASH, S_COMMENT_END, S_COMMENT_END_BANG, S_BOGUS,
    S_CDATA, S_CDATA_BRACKET, S_CDATA_END,
    /* end tags of raw text (RCDATA, RAWTEXT, script data, escaped) */
    S_RAW_LT, S_RAW_END_OPEN, S_RAW_END_NAME,
    /* script data escapes */
    S_SC_LT, S_SC_ESC_START, S_SC_ESC_START_DASH, S_SC_ESC, S_SC_ESC_DASH,
    S_SC_ESC_DASH_DASH, S_SC_ESC_LT, S_SC_DESC_START, S_SC_DESC,
    S_SC_DESC_DASH, S_SC_DESC_DASH_DASH, S_SC_DESC_LT, S_SC_DESC_END
};

/* Where a mismatched raw-text end tag goes back to: the content model,
 * or the escaped script state. */
#define RAW_BACK(sc, esc) ((esc) ? S_SC_ESC : (sc)->content)

#define OFF(sc, p) ((sc)->base + (apr_off_t)((p) - (sc)->chunk))
#define IS_WS(c) ((c) == ' ' || (c) == '\n' || (c) == '\t' || (c) == '\f' \
                  || (c) == '\r')
#define IS_ALPHA(c) ((((c) | 0x20) >= 'a') && (((c) | 0x20) <= 'z'))
#define LOWER(c) ((c) >= 'A' && (c) <= 'Z' ? (c) + 32 : (c))

/* Zero-padded to the size of cc_scan.name (which start_tag zeroes), so
 * that a name is compared whole, in two words, without a call. */
static const char tag_names[CC_TAG__COUNT][sizeof(((cc_scan *)0)->name)] = {
    "", "html", "head", "body", "br", "frameset", "template",
    "base", "basefont", "bgsound", "link", "meta", "noframes", "script",
    "style", "title", "noscript",
    "textarea", "xmp", "iframe", "noembed", "plaintext",
    "img", "embed", "object"
};
static const unsigned char tag_lens[CC_TAG__COUNT] = {
    0, 4, 4, 4, 2, 8, 8, 4, 8, 7, 4, 4, 8, 6, 5, 5, 8, 8, 3, 6, 7, 9, 3, 5, 6
};

const char *cc_tag_name(cc_tag_kind kind)
{
    return kind > 0 && kind < CC_TAG__COUNT ? tag_names[kind] : "";
}

/* Tag names are looked up at every tag: a perfect hash of the first and
 * last letters and the length picks the one candidate, compared whole. */
static const unsigned char tag_by_hash[64] = {
    [5] = CC_TAG_TEXTAREA, [6] = CC_TAG_BASEFONT, [7] = CC_TAG_OBJECT,
    [9] = CC_TAG_TEMPLATE, [10] = CC_TAG_FRAMESET, [11] = CC_TAG_SCRIPT,
    [17] = CC_TAG_NOFRAMES, [18] = CC_TAG_NOSCRIPT, [26] = CC_TAG_PLAINTEXT,
    [31] = CC_TAG_BASE, [32] = CC_TAG_BR, [34] = CC_TAG_IMG,
    [36] = CC_TAG_HEAD, [38] = CC_TAG_META, [39] = CC_TAG_EMBED,
    [44] = CC_TAG_HTML, [47] = CC_TAG_LINK, [48] = CC_TAG_BGSOUND,
    [50] = CC_TAG_IFRAME, [51] = CC_TAG_BODY, [54] = CC_TAG_STYLE,
    [55] = CC_TAG_TITLE, [58] = CC_TAG_XMP, [60] = CC_TAG_NOEMBED
};

static cc_tag_kind tag_kind(const cc_scan *sc)
{
    const char *n = sc->name;
    apr_size_t len = sc->name_len, last;
    apr_uint64_t a0, b0;
    apr_uint32_t a1, b1;
    unsigned k;

    if (sc->xhtml && sc->name_upper) {
        return CC_TAG_OTHER;
    }
    /* without a branch on the name, which changes at every tag: a name of
     * no kind's length (1, 12 and more) fails the length test */
    last = len == 0 ? 0 : len > sizeof(sc->name) ? sizeof(sc->name) - 1
                                                 : len - 1;
    k = tag_by_hash[((unsigned char)n[0] + (unsigned char)n[last] + 6 * len)
                    & 63];
    memcpy(&a0, n, 8);
    memcpy(&a1, n + 8, 4);
    memcpy(&b0, tag_names[k], 8);
    memcpy(&b1, tag_names[k] + 8, 4);
    /* the length too: a NUL in the name must not pass for the padding */
    return (cc_tag_kind)(k & -(unsigned)(tag_lens[k] == len
                                         && ((a0 ^ b0) | (a1 ^ b1)) == 0));
}

static cc_attr_id attr_id(const cc_scan *sc)
{
    const char *n = sc->aname;

    switch (sc->aname_len) {
    case 3:
        return memcmp(n, "src", 3) == 0 ? CC_ATTR_SRC
             : memcmp(n, "rel", 3) == 0 ? CC_ATTR_REL : CC_ATTR_OTHER;
    case 4:
        return memcmp(n, "data", 4) == 0 ? CC_ATTR_DATA
             : memcmp(n, "href", 4) == 0 ? CC_ATTR_HREF
             : memcmp(n, "type", 4) == 0 ? CC_ATTR_TYPE : CC_ATTR_OTHER;
    case 6:
        return memcmp(n, "srcset", 6) == 0 ? CC_ATTR_SRCSET : CC_ATTR_OTHER;
    case 18:
        return memcmp(n, "data-cookiecharter", 18) == 0 ? CC_ATTR_DCC
                                                         : CC_ATTR_OTHER;
    default:
        return CC_ATTR_OTHER;
    }
}

void cc_scan_init(cc_scan *sc, int xhtml)
{
    memset(sc, 0, offsetof(cc_scan, attrs));
    sc->state = S_DATA;
    sc->content = S_DATA;
    sc->xhtml = xhtml;
    sc->tag_start = -1;
    sc->report_start = CC_TAG_ALL;
    sc->report_end = CC_TAG_ALL;
    sc->record_kinds = CC_TAG_TRACKERS;
}

void cc_scan_chunk(cc_scan *sc, const char *data, apr_size_t len,
                   apr_off_t base)
{
    sc->chunk = data;
    sc->cur = data;
    sc->end = data + len;
    sc->base = base;
}

static int in_tag_state(int st)
{
    return st >= S_TAG_OPEN && st <= S_SELF_CLOSING;
}

/* Where in this chunk the tag in progress passes CC_TAG_MAX bytes. */
static const char *tag_limit(const cc_scan *sc)
{
    apr_off_t lim = sc->tag_start + CC_TAG_MAX;

    if (lim >= OFF(sc, sc->end)) {
        return sc->end;
    }
    return lim <= sc->base ? sc->chunk : sc->chunk + (lim - sc->base);
}

apr_off_t cc_scan_hold_from(const cc_scan *sc)
{
    if (!in_tag_state(sc->state) || sc->nohold) {
        return -1;
    }
    if (!sc->streaming) {
        return sc->tag_start;
    }
    if (sc->state == S_ATTR_NAME && sc->record
        && sc->aname_len <= sizeof(sc->aname)) {
        return sc->aname_off;
    }
    return -1;
}

int cc_scan_plaintext(const cc_scan *sc)
{
    return sc->state == S_PLAINTEXT;
}

static void start_tag(cc_scan *sc, int is_end)
{
    sc->is_end = is_end;
    sc->self_closing = 0;
    sc->kind = CC_TAG_OTHER;
    memset(sc->name, 0, sizeof(sc->name));
    sc->name_len = 0;
    sc->name_upper = 0;
    sc->record = 0;
    sc->streaming = 0;
    sc->nohold = 0;
    sc->nattrs = 0;
    sc->aname_len = 0;
    sc->aid = CC_ATTR_OTHER;
}

/* The state after a tag: raw text for the elements whose content the
 * tree builder switches the tokenizer for (scripting enabled). */
static int after_tag(cc_scan *sc)
{
    int st = S_DATA;

    if (!sc->is_end && !sc->xhtml) {
        switch (sc->kind) {
        case CC_TAG_TITLE: case CC_TAG_TEXTAREA:
            st = S_RCDATA;
            break;
        case CC_TAG_STYLE: case CC_TAG_XMP: case CC_TAG_IFRAME:
        case CC_TAG_NOEMBED: case CC_TAG_NOFRAMES: case CC_TAG_NOSCRIPT:
            st = S_RAWTEXT;
            break;
        case CC_TAG_SCRIPT:
            st = S_SCRIPT;
            break;
        case CC_TAG_PLAINTEXT:
            st = S_PLAINTEXT;
            break;
        default:
            break;
        }
        if (st != S_DATA) {
            sc->raw_kind = sc->kind;
            sc->raw_name = tag_names[sc->kind];
        }
    }
    sc->content = st;
    return st;
}

/* Record an attribute of interest at the end of its name; 0 when the
 * table is full (the tag then counts as long). */
static int record_attr(cc_scan *sc)
{
    cc_scan_attr *a;

    if (sc->nattrs == CC_SCAN_ATTR_MAX) {
        return 0;
    }
    a = &sc->attrs[sc->nattrs++];
    a->id = sc->aid;
    a->name_off = sc->aname_off;
    a->val_off = 0;
    a->val_len = 0;
    return 1;
}

static void value_done(cc_scan *sc, apr_off_t end)
{
    if (sc->record && !sc->streaming && sc->aid != CC_ATTR_OTHER
        && sc->nattrs > 0) {
        cc_scan_attr *a = &sc->attrs[sc->nattrs - 1];
        a->val_off = sc->aval_off;
        a->val_len = (apr_size_t)(end - sc->aval_off);
    }
}

/* Matching the name of the element that ends raw text (or "script" for
 * the double-escape states): lowercase letters, one at a time. */
static void match_letter(cc_scan *sc, const char *want, unsigned char c)
{
    if (sc->match_ok && want[sc->match_len] != '\0'
        && (unsigned char)want[sc->match_len] == LOWER(c)) {
        sc->match_len++;
    }
    else {
        sc->match_ok = 0;
    }
}

static int match_done(const cc_scan *sc, const char *want)
{
    return sc->match_ok && want[sc->match_len] == '\0';
}

/* The appropriate end tag of raw text, its name read and ended by c: a
 * real end tag now, whose attributes must still be parsed to find its
 * end. Returns the state after c. */
static int raw_end_tag(cc_scan *sc, unsigned char c)
{
    start_tag(sc, 1);
    sc->kind = sc->raw_kind;
    sc->nohold = 1;
    if (c == '>') {
        sc->content = S_DATA;
        return S_DATA;
    }
    return c == '/' ? S_SELF_CLOSING : S_BEFORE_ATTR;
}

/* When p (just after a '<' in raw text) holds '/', the raw text's
 * element name in any case, and a byte that ends a tag name: that byte;
 * else NULL. */
static const char *raw_end_here(const cc_scan *sc, const char *p,
                                const char *e)
{
    apr_size_t n = tag_lens[sc->raw_kind], i;
    unsigned char c;

    if ((apr_size_t)(e - p) < n + 2 || p[0] != '/') {
        return NULL;
    }
    for (i = 0; i < n; i++) {
        /* the name is lowercase letters: c | 0x20 is exact */
        if (((unsigned char)p[1 + i] | 0x20) != (unsigned char)sc->raw_name[i]) {
            return NULL;
        }
    }
    c = (unsigned char)p[1 + n];
    return IS_WS(c) || c == '/' || c == '>' ? p + 1 + n : NULL;
}

/* The first letters of the names attr_id knows. */
static const unsigned char attr_initial[256] = {
    ['s'] = 1, ['r'] = 1, ['d'] = 1, ['h'] = 1, ['t'] = 1,
    ['S'] = 1, ['R'] = 1, ['D'] = 1, ['H'] = 1, ['T'] = 1
};

/* Byte classes of the attribute states. */
enum { K_OTHER, K_WS, K_SLASH, K_GT, K_EQ, K_DQ, K_SQ };
static const unsigned char kls[256] = {
    ['\t'] = K_WS, ['\n'] = K_WS, ['\f'] = K_WS, ['\r'] = K_WS, [' '] = K_WS,
    ['/'] = K_SLASH, ['>'] = K_GT, ['='] = K_EQ, ['"'] = K_DQ, ['\''] = K_SQ
};

/* The first byte c in [p, e), or NULL. Values, names and text runs are
 * short: 16 bytes at a time inline beats a call to memchr until a run
 * proves long. */
static const char *find_byte(const char *p, const char *e, char c)
{
#if defined(__SSE2__) && defined(__GNUC__)
    const __m128i n = _mm_set1_epi8(c);
    const char *stop = e - p > 64 ? p + 64 : e;
    unsigned m;

    while (stop - p >= 16) {
        m = (unsigned)_mm_movemask_epi8(
                _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)p), n));
        if (m != 0) {
            return p + __builtin_ctz(m);
        }
        p += 16;
    }
#endif
    return p < e ? memchr(p, c, (apr_size_t)(e - p)) : NULL;
}

/* The next '<' of a text run: the first 16 bytes inline (runs between
 * tags are often that short), then memchr, faster on the long ones. */
static const char *find_text_end(const char *p, const char *e)
{
#if defined(__SSE2__) && defined(__GNUC__)
    unsigned m;

    if (e - p >= 16) {
        m = (unsigned)_mm_movemask_epi8(
                _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)p),
                               _mm_set1_epi8('<')));
        if (m != 0) {
            return p + __builtin_ctz(m);
        }
        p += 16;
    }
#endif
    return p < e ? memchr(p, '<', (apr_size_t)(e - p)) : NULL;
}

#if defined(__GNUC__)
#define CC_ALWAYS_INLINE __attribute__((always_inline)) inline
#else
#define CC_ALWAYS_INLINE inline
#endif

/* What the attribute states stopped for. */
enum {
    A_MORE,             /* the bound: *pst is the state there */
    A_TAG,              /* the tag's '>' was consumed */
    A_EVENT             /* ev is set (a streaming tag's attribute, or the
                           table overflowed) */
};

/* The attribute states, from *pst at p to the bound e, one label per
 * state so that each transition is a direct jump. Written once for both
 * kinds of tag: `record` is a constant at each call site, 0 for a tag
 * whose attributes nobody reads (most of them: no bookkeeping at all), 1
 * for the kinds that can load a resource (names of interest and their
 * values recorded while the tag is kept whole; reported one by one as
 * CC_SEV_ATTR once it streams). */
static CC_ALWAYS_INLINE const char *attrs(cc_scan *sc, const char *p,
                                          const char *e, int *pst,
                                          int *stop, cc_scan_event *ev,
                                          const int record)
{
    unsigned char k, c;
    const char *q;
    apr_size_t n = 0;
    int keep = 1;               /* the name may be of interest */

#define AT_END(s) if (p == e) { *pst = (s); return p; }
    switch (*pst) {
    case S_BEFORE_ATTR:
        goto before_attr;
    case S_ATTR_NAME:
        /* resumed: the whole name is looked up, its first letter decides */
        n = record ? sc->aname_len : 0;
        goto attr_name;
    case S_AFTER_ATTR_NAME:
        goto after_attr_name;
    case S_BEFORE_VALUE:
        goto before_value;
    case S_VALUE_DQ:
        goto value_dq;
    case S_VALUE_SQ:
        goto value_sq;
    case S_VALUE_UNQ:
        goto value_unq;
    case S_AFTER_VALUE_Q:
        goto after_value_q;
    case S_SELF_CLOSING:
        goto self_closing;
    default:
        return p;
    }

before_attr:
    for (;;) {
        AT_END(S_BEFORE_ATTR);
        k = kls[(unsigned char)*p];
        if (k != K_WS) {
            break;
        }
        p++;
    }
    if (k == K_GT) {
        goto gt;
    }
    if (k == K_SLASH) {
        p++;
        goto self_closing;
    }
    /* that byte begins a name, a leading '=' included */
name_start:
    if (record) {
        /* most names (class, alt, width...) cannot be of interest from
         * their first letter: counted only, never looked up */
        sc->aname_off = OFF(sc, p);
        sc->aname[0] = (char)LOWER((unsigned char)*p);
        keep = attr_initial[(unsigned char)*p];
    }
    n = 1;
    p++;

attr_name:
    for (;;) {
        if (p == e) {
            if (record) {
                sc->aname_len = n;
            }
            *pst = S_ATTR_NAME;
            return p;
        }
        c = (unsigned char)*p;
        k = kls[c];
        if (k == K_WS || k == K_SLASH || k == K_GT || k == K_EQ) {
            break;
        }
        if (record && keep && n < sizeof(sc->aname)) {
            sc->aname[n] = (char)LOWER(c);
        }
        n++;
        p++;
    }
    if (record) {
        sc->aname_len = n;
        sc->aid = keep && n <= sizeof(sc->aname) ? attr_id(sc)
                                                 : CC_ATTR_OTHER;
        if (sc->aid != CC_ATTR_OTHER) {
            if (sc->streaming) {
                ev->kind = CC_SEV_ATTR;
                ev->attr = sc->aid;
                ev->off = sc->aname_off;
                goto event;
            }
            if (!record_attr(sc)) {
                /* too many: the tag streams from this name on, which is
                 * reported right after the overflow */
                sc->streaming = 1;
                sc->pending_attr = 1;
                ev->kind = CC_SEV_TAG_LONG;
                ev->off = sc->aname_off;
                goto event;
            }
        }
    }
    if (k == K_GT) {
        goto gt;
    }
    p++;
    if (k == K_EQ) {
        goto before_value;
    }
    if (k == K_SLASH) {
        goto self_closing;
    }

after_attr_name:
    for (;;) {
        AT_END(S_AFTER_ATTR_NAME);
        k = kls[(unsigned char)*p];
        if (k != K_WS) {
            break;
        }
        p++;
    }
    if (k == K_GT) {
        goto gt;
    }
    if (k == K_SLASH) {
        p++;
        goto self_closing;
    }
    if (k == K_EQ) {
        p++;
        goto before_value;
    }
    goto name_start;

before_value:
    for (;;) {
        AT_END(S_BEFORE_VALUE);
        k = kls[(unsigned char)*p];
        if (k != K_WS) {
            break;
        }
        p++;
    }
    if (k == K_GT) {
        goto gt;
    }
    if (k == K_DQ || k == K_SQ) {
        p++;
        if (record) {
            sc->aval_off = OFF(sc, p);
        }
        if (k == K_DQ) {
            goto value_dq;
        }
        goto value_sq;
    }
    if (record) {
        sc->aval_off = OFF(sc, p);
    }

value_unq:
    for (;;) {
        AT_END(S_VALUE_UNQ);
        k = kls[(unsigned char)*p];
        if (k == K_WS || k == K_GT) {
            break;
        }
        p++;
    }
    if (record) {
        value_done(sc, OFF(sc, p));
    }
    if (k == K_GT) {
        goto gt;
    }
    p++;
    goto before_attr;

value_dq:
    c = '"';
    goto value_q;
value_sq:
    c = '\'';
value_q:
    q = find_byte(p, e, (char)c);
    if (q == NULL) {
        *pst = c == '"' ? S_VALUE_DQ : S_VALUE_SQ;
        return e;
    }
    if (record) {
        value_done(sc, OFF(sc, q));
    }
    p = q + 1;

after_value_q:
    AT_END(S_AFTER_VALUE_Q);
    k = kls[(unsigned char)*p];
    if (k == K_GT) {
        goto gt;
    }
    if (k == K_WS) {
        p++;
        goto before_attr;
    }
    if (k == K_SLASH) {
        p++;
        goto self_closing;
    }
    goto before_attr;           /* reconsumed */

self_closing:
    AT_END(S_SELF_CLOSING);
    if (*p == '>') {
        sc->self_closing = 1;
        goto gt;
    }
    goto before_attr;           /* reconsumed */

gt:
    *stop = A_TAG;
    *pst = S_DATA;
    return p + 1;

event:
    /* the name ended at p; from there on the transitions of the state
     * after a name are those of the name's end */
    *stop = A_EVENT;
    *pst = S_AFTER_ATTR_NAME;
    return p;
#undef AT_END
}

/* The two instances: no call is made through a variable `record`. */
static const char *skip_attrs(cc_scan *sc, const char *p, const char *e,
                              int *pst, int *stop, cc_scan_event *ev)
{
    return attrs(sc, p, e, pst, stop, ev, 0);
}

static const char *record_attrs(cc_scan *sc, const char *p, const char *e,
                                int *pst, int *stop, cc_scan_event *ev)
{
    return attrs(sc, p, e, pst, stop, ev, 1);
}

/* A tag name that ends within the 16 bytes at *pp, read at once: its
 * lowercase into sc->name (zero-padded), its length and whether it had
 * uppercase letters; *pp moves to the byte that ended it. 0 (nothing
 * done) for a longer name, one ended by a control character other than
 * whitespace (part of the name), or fewer than 16 bytes left. */
static int name16(cc_scan *sc, const char **pp, const char *e,
                  apr_size_t *len, int *upper)
{
#if defined(__SSE2__) && defined(__GNUC__)
    static const char idx[16] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
                                  13, 14, 15 };
    const char *p = *pp;
    __m128i v, az, low;
    unsigned m, n;
    char buf[16];

    if (e - p < 16) {
        return 0;
    }
    v = _mm_loadu_si128((const __m128i *)p);
    /* candidates: bytes up to ' ' (whitespace and controls), '/', '>' */
    m = (unsigned)_mm_movemask_epi8(_mm_or_si128(
            _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(' ')), v),
            _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('/')),
                         _mm_cmpeq_epi8(v, _mm_set1_epi8('>')))));
    if (m == 0) {
        return 0;
    }
    n = (unsigned)__builtin_ctz(m);
    if (kls[(unsigned char)p[n]] == K_OTHER) {
        return 0;
    }
    /* A-Z: v - 'A' is at most 25 unsigned */
    az = _mm_sub_epi8(v, _mm_set1_epi8('A'));
    az = _mm_cmpeq_epi8(_mm_min_epu8(az, _mm_set1_epi8(25)), az);
    low = _mm_or_si128(v, _mm_and_si128(az, _mm_set1_epi8(0x20)));
    /* only the name's n bytes; the padding is zeros */
    low = _mm_and_si128(low, _mm_cmplt_epi8(
              _mm_loadu_si128((const __m128i *)idx),
              _mm_set1_epi8((char)n)));
    _mm_storeu_si128((__m128i *)buf, low);
    memcpy(sc->name, buf, sizeof(sc->name));
    *upper = ((unsigned)_mm_movemask_epi8(az) & ((1u << n) - 1)) != 0;
    *len = n;
    *pp = p + n;
    return 1;
#else
    (void)sc; (void)pp; (void)e; (void)len; (void)upper;
    return 0;
#endif
}

/* From just after a '<' in data: the tag open and tag name states in one
 * go, then the attribute states. Stops where the general loop must take
 * over (anything unusual, the bound e) with *pst the state there; *stop as
 * for attrs(). */
static const char *tag_fast(cc_scan *sc, const char *p, const char *e,
                            int *pst, int *stop, cc_scan_event *ev)
{
    int is_end = 0, upper = 0;
    apr_size_t n = 0;
    unsigned char c = (unsigned char)*p, k;

    if (c == '/') {
        if (p + 1 == e || !IS_ALPHA((unsigned char)p[1])) {
            return p;           /* S_TAG_OPEN handles it */
        }
        is_end = 1;
        c = (unsigned char)*++p;
    }
    else if (!IS_ALPHA(c)) {
        return p;
    }
    start_tag(sc, is_end);
    /* end tags are mostly </p>, </a>, </li>: the loop is cheaper there */
    if (!is_end && name16(sc, &p, e, &n, &upper)) {
        c = (unsigned char)*p;
        k = kls[c];
        goto named;
    }
    for (;;) {
        k = kls[c];
        if (k == K_WS || k == K_SLASH || k == K_GT) {
            break;
        }
        if (c >= 'A' && c <= 'Z') {
            c += 32;
            upper = 1;
        }
        if (n < sizeof(sc->name)) {
            sc->name[n] = (char)c;
        }
        n++;
        if (++p == e) {
            sc->name_len = n;
            sc->name_upper = upper;
            *pst = S_TAG_NAME;
            return p;
        }
        c = (unsigned char)*p;
    }
named:
    sc->name_len = n;
    sc->name_upper = upper;
    sc->kind = tag_kind(sc);
    sc->name_end = OFF(sc, p);
    sc->record = !is_end && (sc->record_kinds >> sc->kind & 1);
    if (k == K_GT) {
        *stop = A_TAG;
        *pst = S_DATA;
        return p + 1;
    }
    *pst = k == K_SLASH ? S_SELF_CLOSING : S_BEFORE_ATTR;
    p++;
    if (sc->record) {
        return record_attrs(sc, p, e, pst, stop, ev);
    }
    return skip_attrs(sc, p, e, pst, stop, ev);
}

cc_scan_event_kind cc_scan_next(cc_scan *sc, cc_scan_event *ev)
{
    const char *p = sc->cur, *end = sc->end, *q, *tend;
    int st = sc->state;
    unsigned char c;
    /* where the tag in progress grows too long (end: no tag kept) */
    const char *tlim = in_tag_state(st) && !sc->streaming && !sc->nohold
                       ? tag_limit(sc) : end;

    ev->kind = CC_SEV_NONE;
    ev->attr = CC_ATTR_OTHER;
    if (sc->pending_attr) {
        sc->pending_attr = 0;
        ev->kind = CC_SEV_ATTR;
        ev->attr = sc->aid;
        ev->off = sc->aname_off;
        return ev->kind;
    }

    while (p < end) {
        /* A tag kept whole may not grow past CC_TAG_MAX bytes. */
        if (p >= tlim && in_tag_state(st) && !sc->streaming && !sc->nohold) {
            sc->streaming = 1;
            ev->kind = CC_SEV_TAG_LONG;
            ev->off = OFF(sc, p);
            goto out;
        }
        tend = in_tag_state(st) ? tlim : end;
        if (st >= S_BEFORE_ATTR && st <= S_SELF_CLOSING) {
            int stop = A_MORE;
            p = sc->record ? record_attrs(sc, p, tend, &st, &stop, ev)
                           : skip_attrs(sc, p, tend, &st, &stop, ev);
            if (stop == A_TAG) {
                goto tag_done;
            }
            if (stop == A_EVENT) {
                goto out;
            }
            continue;
        }

        switch (st) {
        case S_DATA:
            if (!sc->report_text) {
                q = find_text_end(p, end);
                if (q == NULL) {
                    p = end;
                    break;
                }
                p = q;
            }
            else {
                /* Before the body: find the first text that is not
                 * whitespace (a leading UTF-8 BOM is not text). */
                for (; p < end && *p != '<'; p++) {
                    c = (unsigned char)*p;
                    if (sc->bom < 3) {
                        if (OFF(sc, p) == sc->bom
                            && c == (unsigned char)"\xEF\xBB\xBF"[sc->bom]) {
                            sc->bom++;
                            continue;
                        }
                        sc->bom = 3;    /* no BOM can follow now */
                    }
                    if (!IS_WS(c) && !sc->in_text_run) {
                        sc->in_text_run = 1;
                        ev->kind = CC_SEV_TEXT;
                        ev->off = OFF(sc, p);
                        goto out;
                    }
                }
                if (p == end) {
                    break;
                }
            }
            sc->in_text_run = 0;
            sc->tag_start = OFF(sc, p);
            sc->nohold = 0;
            sc->streaming = 0;
            /* tag_limit(), for a tag that starts in this chunk */
            tlim = end - p > CC_TAG_MAX ? p + CC_TAG_MAX : end;
            p++;
            st = S_TAG_OPEN;
            if (p < tlim) {
                int stop = A_MORE;
                p = tag_fast(sc, p, tlim, &st, &stop, ev);
                if (stop == A_TAG) {
                    goto tag_done;
                }
                if (stop == A_EVENT) {
                    goto out;
                }
            }
            break;

        case S_TAG_OPEN:
            c = (unsigned char)*p;
            if (c == '!') {
                sc->mdo_len = 0;
                st = S_MDO;
                p++;
            }
            else if (c == '/') {
                st = S_END_TAG_OPEN;
                p++;
            }
            else if (IS_ALPHA(c)) {
                start_tag(sc, 0);
                st = S_TAG_NAME;
            }
            else if (c == '?') {
                st = S_BOGUS;
            }
            else {
                /* '<' as text; reconsume in data */
                st = S_DATA;
                if (sc->report_text) {
                    sc->in_text_run = 1;
                    ev->kind = CC_SEV_TEXT;
                    ev->off = sc->tag_start;
                    goto out;
                }
            }
            break;

        case S_END_TAG_OPEN:
            c = (unsigned char)*p;
            if (IS_ALPHA(c)) {
                start_tag(sc, 1);
                st = S_TAG_NAME;
            }
            else if (c == '>') {
                /* `</>` is nothing at all */
                st = S_DATA;
                p++;
            }
            else {
                st = S_BOGUS;
            }
            break;

        case S_TAG_NAME:
            {
                apr_size_t n = sc->name_len;
                int upper = 0;
                for (; p < tend; p++, n++) {
                    c = (unsigned char)*p;
                    if (IS_WS(c) || c == '/' || c == '>') {
                        break;
                    }
                    if (c >= 'A' && c <= 'Z') {
                        c += 32;
                        upper = 1;
                    }
                    if (n < sizeof(sc->name)) {
                        sc->name[n] = (char)c;
                    }
                }
                sc->name_len = n;
                sc->name_upper |= upper;
            }
            if (p == tend) {
                break;
            }
            c = (unsigned char)*p;
            sc->kind = tag_kind(sc);
            sc->name_end = OFF(sc, p);
            sc->record = !sc->is_end && (sc->record_kinds >> sc->kind & 1);
            if (c == '>') {
                p++;
                goto tag_done;
            }
            st = c == '/' ? S_SELF_CLOSING : S_BEFORE_ATTR;
            p++;
            break;

        case S_MDO:
            /* `<!` then "--", or "[CDATA[" in XHTML. Anything else is a
             * bogus comment, a doctype too: it ends at the first '>'
             * whatever its quotes, as a bogus comment does. mdo[0] says
             * which of the two is being matched, mdo_len how far. */
            c = (unsigned char)*p;
            if (sc->mdo_len == 0) {
                sc->mdo[0] = (char)c;
            }
            {
                const char *want = sc->mdo[0] == '-' ? "--"
                                 : sc->xhtml ? "[CDATA[" : "";
                if (c == '\0' || c != (unsigned char)want[sc->mdo_len]) {
                    st = S_BOGUS;       /* reconsumes this byte */
                    break;
                }
                p++;
                if (want[++sc->mdo_len] == '\0') {
                    st = want[0] == '-' ? S_COMMENT_START : S_CDATA;
                }
            }
            break;

        case S_COMMENT_START:
            if (*p == '-') {
                st = S_COMMENT_START_DASH;
                p++;
            }
            else if (*p == '>') {
                p++;            /* `<!-->` */
                st = S_DATA;
            }
            else {
                st = S_COMMENT;
            }
            break;

        case S_COMMENT_START_DASH:
            if (*p == '-') {
                st = S_COMMENT_END;
                p++;
            }
            else if (*p == '>') {
                p++;            /* `<!--->` */
                st = S_DATA;
            }
            else {
                st = S_COMMENT;
            }
            break;

        case S_COMMENT:
            q = memchr(p, '-', (apr_size_t)(end - p));
            if (q == NULL) {
                p = end;
                break;
            }
            p = q + 1;
            st = S_COMMENT_END_DASH;
            break;

        case S_COMMENT_END_DASH:
            if (*p == '-') {
                st = S_COMMENT_END;
                p++;
            }
            else {
                st = S_COMMENT;
            }
            break;

        case S_COMMENT_END:
            c = (unsigned char)*p;
            if (c == '>') {
                st = S_DATA;
                p++;
            }
            else if (c == '!') {
                st = S_COMMENT_END_BANG;
                p++;
            }
            else if (c == '-') {
                p++;
            }
            else {
                st = S_COMMENT;
            }
            break;

        case S_COMMENT_END_BANG:
            c = (unsigned char)*p;
            if (c == '-') {
                st = S_COMMENT_END_DASH;
                p++;
            }
            else if (c == '>') {
                st = S_DATA;    /* `--!>` */
                p++;
            }
            else {
                st = S_COMMENT;
            }
            break;

        case S_BOGUS:
            q = memchr(p, '>', (apr_size_t)(end - p));
            if (q == NULL) {
                p = end;
                break;
            }
            p = q + 1;
            st = S_DATA;
            break;

        case S_CDATA:
            q = memchr(p, ']', (apr_size_t)(end - p));
            if (q == NULL) {
                p = end;
                break;
            }
            p = q + 1;
            st = S_CDATA_BRACKET;
            break;

        case S_CDATA_BRACKET:
            if (*p == ']') {
                st = S_CDATA_END;
                p++;
            }
            else {
                st = S_CDATA;
            }
            break;

        case S_CDATA_END:
            if (*p == '>') {
                st = S_DATA;
                p++;
            }
            else if (*p == ']') {
                p++;
            }
            else {
                st = S_CDATA;
            }
            break;

        case S_RCDATA:
        case S_RAWTEXT:
        case S_SCRIPT:
            q = memchr(p, '<', (apr_size_t)(end - p));
            if (q == NULL) {
                p = end;
                break;
            }
            sc->tag_start = OFF(sc, q);
            p = q + 1;
            /* the usual end, `</name>` whole in this chunk, at once */
            if ((q = raw_end_here(sc, p, end)) != NULL) {
                c = (unsigned char)*q;
                p = q + 1;
                sc->raw_esc = 0;
                tlim = end;
                st = raw_end_tag(sc, c);
                break;
            }
            st = st == S_SCRIPT ? S_SC_LT : S_RAW_LT;
            break;

        case S_PLAINTEXT:
            p = end;
            break;

        case S_RAW_LT:
            if (*p == '/') {
                sc->raw_esc = 0;
                st = S_RAW_END_OPEN;
                p++;
            }
            else {
                st = sc->content;
            }
            break;

        case S_SC_LT:
            if (*p == '/') {
                sc->raw_esc = 0;
                st = S_RAW_END_OPEN;
                p++;
            }
            else if (*p == '!') {
                st = S_SC_ESC_START;
                p++;
            }
            else {
                st = S_SCRIPT;
            }
            break;

        case S_RAW_END_OPEN:
            if (IS_ALPHA((unsigned char)*p)) {
                sc->match_ok = 1;
                sc->match_len = 0;
                st = S_RAW_END_NAME;
            }
            else {
                st = RAW_BACK(sc, sc->raw_esc);
            }
            break;

        case S_RAW_END_NAME:
            /* the letters in one go */
            while (IS_ALPHA(c = (unsigned char)*p)) {
                match_letter(sc, sc->raw_name, c);
                if (++p == end) {
                    break;
                }
            }
            if (p == end) {
                break;
            }
            if ((IS_WS(c) || c == '/' || c == '>')
                && match_done(sc, sc->raw_name)) {
                tlim = end;
                p++;
                st = raw_end_tag(sc, c);
                break;
            }
            st = RAW_BACK(sc, sc->raw_esc);
            break;

        case S_SC_ESC_START:
            if (*p == '-') {
                st = S_SC_ESC_START_DASH;
                p++;
            }
            else {
                st = S_SCRIPT;
            }
            break;

        case S_SC_ESC_START_DASH:
            if (*p == '-') {
                st = S_SC_ESC_DASH_DASH;
                p++;
            }
            else {
                st = S_SCRIPT;
            }
            break;

        case S_SC_ESC:
        case S_SC_DESC:
            for (; p < end && *p != '-' && *p != '<'; p++) {
            }
            if (p == end) {
                break;
            }
            if (*p == '-') {
                st = st == S_SC_ESC ? S_SC_ESC_DASH : S_SC_DESC_DASH;
            }
            else {
                sc->tag_start = OFF(sc, p);
                st = st == S_SC_ESC ? S_SC_ESC_LT : S_SC_DESC_LT;
            }
            p++;
            break;

        case S_SC_ESC_DASH:
        case S_SC_ESC_DASH_DASH:
        case S_SC_DESC_DASH:
        case S_SC_DESC_DASH_DASH:
            {
                int esc = st == S_SC_ESC_DASH || st == S_SC_ESC_DASH_DASH;
                int dd = st == S_SC_ESC_DASH_DASH || st == S_SC_DESC_DASH_DASH;
                c = (unsigned char)*p;
                if (c == '-') {
                    st = esc ? S_SC_ESC_DASH_DASH : S_SC_DESC_DASH_DASH;
                    p++;
                }
                else if (c == '<') {
                    sc->tag_start = OFF(sc, p);
                    st = esc ? S_SC_ESC_LT : S_SC_DESC_LT;
                    p++;
                }
                else if (c == '>' && dd) {
                    st = S_SCRIPT;
                    p++;
                }
                else {
                    st = esc ? S_SC_ESC : S_SC_DESC;
                }
            }
            break;

        case S_SC_ESC_LT:
            c = (unsigned char)*p;
            if (c == '/') {
                sc->raw_esc = 1;
                st = S_RAW_END_OPEN;
                p++;
            }
            else if (IS_ALPHA(c)) {
                sc->match_ok = 1;
                sc->match_len = 0;
                st = S_SC_DESC_START;
            }
            else {
                st = S_SC_ESC;
            }
            break;

        case S_SC_DESC_START:
        case S_SC_DESC_END:
            c = (unsigned char)*p;
            if (IS_ALPHA(c)) {
                match_letter(sc, "script", c);
                p++;
            }
            else if (IS_WS(c) || c == '/' || c == '>') {
                if (st == S_SC_DESC_START) {
                    st = match_done(sc, "script") ? S_SC_DESC : S_SC_ESC;
                }
                else {
                    st = match_done(sc, "script") ? S_SC_ESC : S_SC_DESC;
                }
                p++;
            }
            else {
                st = st == S_SC_DESC_START ? S_SC_ESC : S_SC_DESC;
            }
            break;

        case S_SC_DESC_LT:
            if (*p == '/') {
                sc->match_ok = 1;
                sc->match_len = 0;
                st = S_SC_DESC_END;
                p++;
            }
            else {
                st = S_SC_DESC;
            }
            break;

        default:
            /* unreachable; never loop on a corrupt state */
            st = S_DATA;
            p = end;
            break;
        }
        continue;

    tag_done:
        tlim = end;
        st = after_tag(sc);
        if (sc->nohold
            || !(sc->record
                 || ((sc->is_end ? sc->report_end : sc->report_start)
                     >> sc->kind & 1))) {
            /* the end tag of raw text, or a tag nobody asked for */
            continue;
        }
        ev->kind = CC_SEV_TAG;
        ev->off = OFF(sc, p);
        goto out;
    }

out:
    sc->state = st;
    sc->cur = p;
    return ev->kind;
}
