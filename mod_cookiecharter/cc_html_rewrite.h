/* Streaming HTML rewriting (section 6): inject the assets and the banner,
 * hold back scripts, iframes, images, embeds, objects and stylesheets of
 * non-granted categories. Fed chunks of any size; never holds more than a
 * tag in progress (bounded), never the page.
 *
 * Every edit is an insertion: the output is the input with inserted runs,
 * so dropping the inserted slices (CC_OUT_IS_INSERT) gives back the input
 * byte for byte.
 * A held-back <script> gets ` type="text/plain" data-cookiecharter="ID"`
 * after its name and `data-cookiecharter-` before its own type attribute;
 * URL attributes get `data-cookiecharter-` before their name. */
#ifndef CC_HTML_REWRITE_H
#define CC_HTML_REWRITE_H

#include "cc_charter.h"

typedef enum {
    CC_OUT_INPUT,   /* a slice of the chunk given to this feed() call */
    CC_OUT_HELD,    /* input bytes held back from earlier chunks; valid
                       during the callback only */
    CC_OUT_INSERT,  /* inserted bytes; valid for the rewriter's lifetime */
    CC_OUT_ASSETS,  /* inserted: opts.assets, as the caller gave them */
    CC_OUT_BANNER   /* inserted: opts.banner, as the caller gave it */
} cc_out_kind;
#define CC_OUT_IS_INSERT(kind) ((kind) >= CC_OUT_INSERT)

typedef apr_status_t cc_rewrite_out_fn(void *baton, cc_out_kind kind,
                                       const char *data, apr_size_t len);

typedef struct cc_rewrite_opts {
    const cc_charter *charter;
    cc_mask granted;            /* every granted category (required too) */
    int xhtml;                  /* application/xhtml+xml: CDATA sections */
    const char *assets;         /* before </head> (or before the banner) */
    apr_size_t assets_len;
    const char *banner;         /* at the start of the body */
    apr_size_t banner_len;
    const char *own_host;       /* request host, for path rules */
} cc_rewrite_opts;

typedef struct cc_rewriter cc_rewriter;

/* Everything is allocated from p; the option strings must outlive it. */
cc_rewriter *cc_rewriter_create(apr_pool_t *p, const cc_rewrite_opts *opts,
                                cc_rewrite_out_fn *out, void *baton);

/* Feed the next chunk; output slices in order through the callback before
 * it returns. A non-success status from the callback stops and is
 * returned. */
apr_status_t cc_rewriter_feed(cc_rewriter *rw, const char *data,
                              apr_size_t len);

/* The end of the document: releases held bytes, and for a document whose
 * body never started, injects nothing more (the page is left as is past
 * what was already sent). */
apr_status_t cc_rewriter_finish(cc_rewriter *rw);

/* 1 when the rest of the input may pass unread: the banner is in and no
 * category is left to hold back, or the document is a frameset. Holds no
 * bytes then. */
int cc_rewriter_done(const cc_rewriter *rw);

/* Facts for logging and tests. */
typedef struct cc_rewrite_stats {
    int frameset;               /* a frameset document: nothing injected */
    int assets_injected;
    int banner_injected;
    int held_back;              /* tags held back */
    int held_long;              /* of which too long to keep whole */
    const char *unknown_id;     /* first unknown data-cookiecharter id */
} cc_rewrite_stats;

const cc_rewrite_stats *cc_rewriter_stats(const cc_rewriter *rw);

#endif
