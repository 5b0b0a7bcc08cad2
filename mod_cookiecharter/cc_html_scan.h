/* The HTML tokenizer behind cc_html_rewrite.c: a resumable state machine
 * after the HTML Living Standard's tokenizer (section 13.2.5), reduced to
 * what the rewriter decides on. It never copies input and never allocates:
 * it reports events with absolute document offsets, and the rewriter keeps
 * the bytes of a tag in progress. Between tags it skips with memchr. */
#ifndef CC_HTML_SCAN_H
#define CC_HTML_SCAN_H

#include <apr.h>

/* The longest tag kept whole; a longer one is reported as CC_SEV_TAG_LONG
 * and then streamed (attribute names reported one by one). */
#define CC_TAG_MAX (16 * 1024)
/* Attributes of interest recorded per tag before it counts as long. */
#define CC_SCAN_ATTR_MAX 64

/* Tag names the rewriter cares about; everything else is CC_TAG_OTHER. */
typedef enum {
    CC_TAG_OTHER = 0,
    CC_TAG_HTML, CC_TAG_HEAD, CC_TAG_BODY, CC_TAG_BR, CC_TAG_FRAMESET,
    CC_TAG_TEMPLATE,
    /* kept in the head by the tree builder */
    CC_TAG_BASE, CC_TAG_BASEFONT, CC_TAG_BGSOUND, CC_TAG_LINK, CC_TAG_META,
    CC_TAG_NOFRAMES, CC_TAG_SCRIPT, CC_TAG_STYLE, CC_TAG_TITLE,
    CC_TAG_NOSCRIPT,
    /* change the tokenizer state */
    CC_TAG_TEXTAREA, CC_TAG_XMP, CC_TAG_IFRAME, CC_TAG_NOEMBED,
    CC_TAG_PLAINTEXT,
    /* can load a resource the rewriter may hold back */
    CC_TAG_IMG, CC_TAG_EMBED, CC_TAG_OBJECT,
    CC_TAG__COUNT
} cc_tag_kind;

/* Sets of tag kinds, as masks. */
#define CC_TAG_BIT(k) ((apr_uint32_t)1 << (k))
#define CC_TAG_ALL (CC_TAG_BIT(CC_TAG__COUNT) - 1)
/* The kinds that can load a tracker: their attributes are recorded. */
#define CC_TAG_TRACKERS (CC_TAG_BIT(CC_TAG_SCRIPT) | CC_TAG_BIT(CC_TAG_IFRAME) \
                         | CC_TAG_BIT(CC_TAG_IMG) | CC_TAG_BIT(CC_TAG_EMBED) \
                         | CC_TAG_BIT(CC_TAG_OBJECT) | CC_TAG_BIT(CC_TAG_LINK))

/* Attribute names recorded on the tags that can load a tracker. */
typedef enum {
    CC_ATTR_OTHER = 0,
    CC_ATTR_SRC, CC_ATTR_SRCSET, CC_ATTR_DATA, CC_ATTR_HREF, CC_ATTR_REL,
    CC_ATTR_TYPE, CC_ATTR_DCC     /* data-cookiecharter */
} cc_attr_id;

typedef struct cc_scan_attr {
    cc_attr_id id;
    apr_off_t name_off;         /* first byte of the name */
    apr_off_t val_off;          /* first byte of the value (after a quote) */
    apr_size_t val_len;         /* 0 when there is no value */
} cc_scan_attr;

typedef enum {
    CC_SEV_NONE = 0,    /* the chunk is used up */
    CC_SEV_TEXT,        /* text that is not ASCII whitespace at ev->off
                           (only while report_text is set; once per run) */
    CC_SEV_TAG,         /* a start or end tag ended at ev->off (exclusive) */
    CC_SEV_TAG_LONG,    /* the tag in progress passed CC_TAG_MAX bytes (or
                           too many attributes): it streams from now on */
    CC_SEV_ATTR         /* streaming tag: attribute ev->attr named at
                           ev->off */
} cc_scan_event_kind;

typedef struct cc_scan_event {
    cc_scan_event_kind kind;
    apr_off_t off;
    cc_attr_id attr;
} cc_scan_event;

typedef struct cc_scan {
    /* input */
    const char *chunk;          /* current chunk */
    const char *cur;            /* next byte to look at */
    const char *end;
    apr_off_t base;             /* document offset of chunk[0] */

    int state;                  /* tokenizer state (cc_html_scan.c) */
    int content;                /* content model to go back to after a
                                   tag or comment */
    int xhtml;                  /* XML rules: no raw text, CDATA sections,
                                   case-sensitive element names */
    int report_text;            /* report CC_SEV_TEXT (before the body) */
    /* which tags end in CC_SEV_TAG (a tag whose attributes are recorded
     * always does) and which kinds have their attributes recorded: every
     * tag and CC_TAG_TRACKERS after cc_scan_init; the caller narrows them
     * between events to what it still decides on */
    apr_uint32_t report_start;
    apr_uint32_t report_end;
    apr_uint32_t record_kinds;
    int in_text_run;            /* a text event was reported for this run */
    int bom;                    /* bytes of a leading UTF-8 BOM matched;
                                   3 also once none can follow */

    /* the tag in progress (or just ended) */
    apr_off_t tag_start;        /* offset of its '<' */
    int is_end;
    int self_closing;
    cc_tag_kind kind;
    apr_off_t name_end;         /* offset just after the tag name */
    char name[12];              /* lowercase name, if short */
    apr_size_t name_len;
    int name_upper;             /* the name had uppercase letters */
    int record;                 /* record attributes (of record_kinds) */
    int streaming;              /* long tag: past CC_SEV_TAG_LONG */
    int nohold;                 /* end tag of raw text: nothing to keep */
    int pending_attr;           /* report the current attribute next */

    /* the attribute in progress */
    char aname[20];
    apr_size_t aname_len;
    apr_off_t aname_off;
    cc_attr_id aid;
    apr_off_t aval_off;
    int nattrs;

    /* matching: markup declarations, end tags of raw text, "script" in
     * script data escapes */
    char mdo[1];                /* the first byte after `<!` */
    int mdo_len;
    cc_tag_kind raw_kind;       /* element whose end tag closes raw text */
    const char *raw_name;
    apr_size_t match_len;
    int match_ok;
    int raw_esc;                /* that end tag began in escaped script */

    /* last: cc_scan_init leaves this table as it is (nattrs counts) */
    cc_scan_attr attrs[CC_SCAN_ATTR_MAX];
} cc_scan;

void cc_scan_init(cc_scan *sc, int xhtml);

/* Give the scanner the next chunk; base is its document offset. */
void cc_scan_chunk(cc_scan *sc, const char *data, apr_size_t len,
                   apr_off_t base);

/* Run to the next event; CC_SEV_NONE when the chunk is used up. */
cc_scan_event_kind cc_scan_next(cc_scan *sc, cc_scan_event *ev);

/* The earliest offset whose bytes must be kept across chunks (the tag in
 * progress, or a streaming tag's attribute name in progress); -1: none. */
apr_off_t cc_scan_hold_from(const cc_scan *sc);

/* In the plaintext state: nothing that follows can be markup. */
int cc_scan_plaintext(const cc_scan *sc);

/* Name of a tag kind, for tests and logs. */
const char *cc_tag_name(cc_tag_kind kind);

#endif
