/* The COOKIECHARTER output filter (contract section 6): streams HTML
 * through the core's rewriter, passing untouched bytes as the original
 * buckets (split, never copied), and keeps memory bounded whatever the
 * response size. Brigade handling follows mod_deflate and mod_include. */
#include <string.h>

#include "httpd.h"
#include "http_config.h"
#include "http_core.h"
#include "http_log.h"
#include "http_protocol.h"
#include "http_request.h"
#include "util_filter.h"
#include "apr_hash.h"
#include "apr_lib.h"
#include "apr_strings.h"

#include "cc_html_rewrite.h"
#include "cc_private.h"
#include "cc_render.h"

/* Pass what we have once this much is waiting: bounds memory when a file
 * is read as a series of 4 MiB mmaps. */
#define PASS_THRESHOLD (64 * 1024)

#define NOTE_ACTIVE "cookiecharter-html"

typedef struct html_ctx {
    cc_rewriter *rw;
    apr_bucket_brigade *out;
    apr_off_t out_bytes;
    /* The bucket being fed and how much of it was already handled. */
    apr_bucket *cur;
    const char *cur_data;
    apr_size_t cur_pos;
    /* The first bytes, until a UTF-16/32 byte order mark can be ruled out. */
    char head[4];
    apr_size_t head_len;
    int sniffed;
    int seen_eos;
    /* The first file bucket was seen (cut_sendfile_head). */
    int file_seen;
    /* The banner: the rewriter is given the first piece, and where it
     * inserts the banner, every piece goes, the template's own runs in
     * immortal buckets: nothing of its 4 to 5 KB is copied per page. */
    cc_piece banner[CC_TPL_PIECES_MAX];
    int banner_n;
} html_ctx;

/* A page file shorter than this is read, not mapped: mapping and unmapping
 * it costs more than reading and scanning all of it, and more than what is
 * left to send once the banner is in. Longer pages keep the mapping
 * EnableMMAP allows (a map cannot start at the unaligned offset a first
 * read would leave, so it is all or nothing). */
#define READ_WITHOUT_MMAP (64 * 1024)

/* With EnableSendfile On, a long page's first READ_WITHOUT_MMAP bytes (up
 * to a multiple of that size in the file, which is one of the page size
 * too) become a file bucket of their own, read, not mapped; what follows
 * keeps its own bucket and mmap setting. If the rewriter is done in the
 * head part, as it is for a visitor who granted everything, the rest goes
 * on as a file bucket the core sends with sendfile, as it would without
 * us (mapping the whole file would have turned it into memory the core
 * must copy); if not, it is mapped as before, at an offset mmap accepts.
 * Returns the bucket to read now. */
static apr_bucket *cut_sendfile_head(apr_bucket *e, apr_bucket_alloc_t *ba)
{
    apr_bucket_file *fb = e->data;
    apr_off_t cut = (e->start / READ_WITHOUT_MMAP + 1) * READ_WITHOUT_MMAP;
    apr_bucket *head;

    if (!(apr_file_flags_get(fb->fd) & APR_FOPEN_SENDFILE_ENABLED)
        || (apr_off_t)e->length <= cut - e->start) {
        return e;
    }
    apr_bucket_split(e, (apr_size_t)(cut - e->start));
    head = apr_bucket_file_create(fb->fd, e->start, e->length, fb->readpool,
                                  ba);
    APR_BUCKET_INSERT_BEFORE(e, head);
    apr_bucket_delete(e);
    return head;
}

static int is_html_type(const char *ct, int *xhtml)
{
    apr_size_t n;

    if (ct == NULL) {
        return 0;
    }
    n = strcspn(ct, "; \t");
    if (n == 9 && !strncasecmp(ct, "text/html", 9)) {
        *xhtml = 0;
        return 1;
    }
    if (n == 21 && !strncasecmp(ct, "application/xhtml+xml", 21)) {
        *xhtml = 1;
        return 1;
    }
    return 0;
}

/* Charsets whose bytes are not ASCII-compatible: our tags would not be
 * found, and our ASCII injection would corrupt the page. */
static int charset_incompatible(apr_pool_t *p, const char *ct)
{
    const char *cs = ap_strcasestr(ct, "charset=");
    char *name, *c;

    if (cs == NULL) {
        return 0;
    }
    cs += 8;
    if (*cs == '"') {
        cs++;
    }
    name = apr_pstrndup(p, cs, strcspn(cs, "\"; \t,"));
    for (c = name; *c; c++) {
        *c = apr_tolower(*c);
    }
    return !strncmp(name, "utf-16", 6) || !strncmp(name, "utf-32", 6)
        || !strncmp(name, "utf16", 5) || !strncmp(name, "utf32", 5)
        || !strcmp(name, "utf-7") || !strncmp(name, "ucs-", 4)
        || !strncmp(name, "iso-2022-", 9) || strstr(name, "ebcdic")
        || !strcmp(name, "ibm037") || !strcmp(name, "ibm500")
        || !strcmp(name, "ibm1047") || !strcmp(name, "cp037")
        || !strcmp(name, "cp500") || !strcmp(name, "cp1047");
}

static int has_encoding(request_rec *r)
{
    const char *enc = apr_table_get(r->headers_out, "Content-Encoding");

    if (enc == NULL && !apr_is_empty_table(r->err_headers_out)) {
        enc = apr_table_get(r->err_headers_out, "Content-Encoding");
    }
    if (enc == NULL) {
        enc = r->content_encoding;
    }
    return enc && *enc && strcasecmp(enc, "identity");
}

static const char *page_path(request_rec *r)
{
    request_rec *first = r;

    /* An ErrorDocument or rewritten page returns to what was asked for. */
    while (first->prev) {
        first = first->prev;
    }
    return first->unparsed_uri;
}

static int cross_site_frame(request_rec *r)
{
    const char *dest = apr_table_get(r->headers_in, "Sec-Fetch-Dest");
    const char *site;

    if (dest == NULL || strcasecmp(dest, "iframe")) {
        return 0;
    }
    site = apr_table_get(r->headers_in, "Sec-Fetch-Site");
    return site && !strcasecmp(site, "cross-site");
}

/* Header rules for every in-scope HTML response, whatever its body: the
 * page varies with the visitor, so no validator may revive it. */
static void html_headers(request_rec *r, cc_srv_conf *sc)
{
    cc_set_vary(r, sc->charter, cc_dir(r));
    apr_table_unset(r->headers_out, "ETag");
    apr_table_unset(r->headers_out, "Last-Modified");
    if (!apr_is_empty_table(r->err_headers_out)) {
        apr_table_unset(r->err_headers_out, "ETag");
        apr_table_unset(r->err_headers_out, "Last-Modified");
    }
    apr_table_setn(r->notes, "no-etag", "1");
}

/* The banner differs between visitors only in a few attributes: it is
 * rendered here once per server and language, and each page fills in the
 * holes (cc_tpl_pieces). Virtual hosts with the same charter and endpoints
 * share one rendering. */
int cc_filter_html_prerender(apr_pool_t *pconf, server_rec *s)
{
    apr_hash_t *made = apr_hash_make(pconf);

    for (; s; s = s->next) {
        cc_srv_conf *sc = cc_srv(s);
        const char *prefix = cc_srv_path(sc), *key;
        const cc_srv_conf *same;
        const cc_tpl **banner;
        cc_view vw;
        int i;

        if (sc->charter == NULL || prefix == NULL) {
            continue;
        }
        key = apr_psprintf(pconf, "%pp %s %s", sc->charter, prefix,
                           sc->v ? sc->v : "");
        same = apr_hash_get(made, key, APR_HASH_KEY_STRING);
        if (same) {
            sc->assets = same->assets;
            sc->assets_len = same->assets_len;
            sc->banner = same->banner;
            continue;
        }
        memset(&vw, 0, sizeof(vw));
        vw.charter = sc->charter;
        vw.prefix = prefix;
        vw.v = sc->v;
        sc->assets = cc_render_assets(pconf, &vw, &sc->assets_len);
        banner = apr_palloc(pconf, 2 * sc->charter->nlangs * sizeof(*banner));
        for (i = 0; i < 2 * sc->charter->nlangs; i++) {
            cc_tpl *t;
            cc_view all = vw;

            vw.lang = i / 2;
            vw.manage_only = i % 2;
            t = cc_render_banner_tpl(pconf, &vw);
            /* the returning visitor who granted everything: most pages */
            all.state = CC_STATE_CHOICE;
            all.granted = sc->charter->optional_mask;
            cc_tpl_expect(t, &all);
            banner[i] = t;
        }
        sc->banner = banner;
        apr_hash_set(made, key, APR_HASH_KEY_STRING, sc);
    }
    return OK;
}

int cc_filter_html_init(ap_filter_t *f)
{
    request_rec *r = f->r;
    int xhtml;

    /* Runs before the handler: a static HTML page must not answer 304
     * from the file's validators (mod_include's way). */
    if (is_html_type(r->content_type, &xhtml)) {
        r->no_local_copy = 1;
        apr_table_setn(r->notes, "no-etag", "1");
    }
    return OK;
}

static apr_status_t emit(void *baton, cc_out_kind kind, const char *data,
                         apr_size_t len)
{
    ap_filter_t *f = baton;
    html_ctx *ctx = f->ctx;
    apr_bucket_alloc_t *ba = f->c->bucket_alloc;
    apr_bucket *b;

    if (len == 0) {
        return APR_SUCCESS;
    }
    if (kind == CC_OUT_INPUT && ctx->cur != NULL) {
        apr_size_t off = (apr_size_t)(data - ctx->cur_data);

        /* Bytes between the last slice and this one were held by the
         * rewriter (it will give them back as HELD): drop them here. */
        if (off > ctx->cur_pos) {
            apr_bucket_split(ctx->cur, off - ctx->cur_pos);
            b = ctx->cur;
            ctx->cur = APR_BUCKET_NEXT(b);
            apr_bucket_delete(b);
            ctx->cur_pos = off;
        }
        b = ctx->cur;
        if (len < b->length) {
            apr_bucket_split(b, len);
        }
        ctx->cur = APR_BUCKET_NEXT(b);
        APR_BUCKET_REMOVE(b);
        APR_BRIGADE_INSERT_TAIL(ctx->out, b);
        ctx->cur_pos += len;
    }
    else if (kind == CC_OUT_BANNER) {
        int i;

        for (i = 0; i < ctx->banner_n; i++) {
            const cc_piece *pc = &ctx->banner[i];
            b = pc->lasting
                ? apr_bucket_immortal_create(pc->data, pc->len, ba)
                : apr_bucket_pool_create(pc->data, pc->len, f->r->pool, ba);
            APR_BRIGADE_INSERT_TAIL(ctx->out, b);
            ctx->out_bytes += pc->len;
        }
        return APR_SUCCESS;
    }
    else if (kind == CC_OUT_ASSETS) {
        /* The server's asset tags live as long as the configuration. */
        b = apr_bucket_immortal_create(data, len, ba);
        APR_BRIGADE_INSERT_TAIL(ctx->out, b);
    }
    else if (kind == CC_OUT_INSERT) {
        /* Lives in r->pool: a pool bucket survives a set-aside. */
        b = apr_bucket_pool_create(data, len, f->r->pool, ba);
        APR_BRIGADE_INSERT_TAIL(ctx->out, b);
    }
    else {
        /* Held bytes, or input fed from our own small copy: copied. */
        b = apr_bucket_heap_create(data, len, NULL, ba);
        APR_BRIGADE_INSERT_TAIL(ctx->out, b);
    }
    ctx->out_bytes += len;
    return APR_SUCCESS;
}

static apr_status_t pass_out(ap_filter_t *f, html_ctx *ctx)
{
    apr_status_t rv;

    if (APR_BRIGADE_EMPTY(ctx->out)) {
        return APR_SUCCESS;
    }
    rv = ap_pass_brigade(f->next, ctx->out);
    apr_brigade_cleanup(ctx->out);
    ctx->out_bytes = 0;
    return rv;
}

/* Feed one data bucket (the head of bb) to the rewriter; what it does not
 * give back as INPUT slices is removed from the brigade. */
static apr_status_t feed_bucket(ap_filter_t *f, html_ctx *ctx,
                                apr_bucket *e, const char *data,
                                apr_size_t len)
{
    apr_status_t rv;

    ctx->cur = e;
    ctx->cur_data = data;
    ctx->cur_pos = 0;
    rv = cc_rewriter_feed(ctx->rw, data, len);
    if (ctx->cur_pos < len) {
        /* The rest of this bucket (what follows the last split) is held
         * in the rewriter, which gives it back later as HELD bytes. */
        apr_bucket_delete(ctx->cur);
    }
    ctx->cur = NULL;
    return rv;
}

/* Feed bytes that are not in a bucket of the brigade (the few kept while
 * sniffing for a byte order mark): INPUT slices of them are copied. */
static apr_status_t feed_copy(html_ctx *ctx, const char *data, apr_size_t len)
{
    ctx->cur = NULL;
    return len ? cc_rewriter_feed(ctx->rw, data, len) : APR_SUCCESS;
}

/* The first call: does this response concern us, and how. */
static apr_status_t setup(ap_filter_t *f)
{
    request_rec *r = f->r;
    cc_srv_conf *sc = cc_srv(r->server);
    html_ctx *ctx;
    cc_rewrite_opts opts;
    cc_view vw;
    cc_req *rq;
    int xhtml = 0;

    if (r->main || sc->charter == NULL
        || !is_html_type(r->content_type, &xhtml)
        || apr_table_get(r->notes, NOTE_ACTIVE)
        || apr_table_get(r->subprocess_env, "no-cookiecharter-banner")) {
        return APR_EGENERAL;
    }
    apr_table_setn(r->notes, NOTE_ACTIVE, "1");
    html_headers(r, sc);

    /* No body to change: the header rules above are all (HEAD, 204, 304,
     * a range, a compressed or non-ASCII-compatible body). */
    if (r->header_only || r->status < 200 || AP_STATUS_IS_HEADER_ONLY(r->status)
        || r->status == HTTP_PARTIAL_CONTENT
        || apr_table_get(r->headers_out, "Content-Range")) {
        if (r->header_only) {
            apr_table_unset(r->headers_out, "Content-Length");
        }
        return APR_EGENERAL;
    }
    if (has_encoding(r)) {
        ap_log_rerror(APLOG_MARK, APLOG_DEBUG, 0, r,
                      "cookiecharter: %s is content-encoded, passed "
                      "untouched (see docs: SetOutputFilter INFLATE)", r->uri);
        return APR_EGENERAL;
    }
    if (charset_incompatible(r->pool, r->content_type)) {
        ap_log_rerror(APLOG_MARK, APLOG_DEBUG, 0, r,
                      "cookiecharter: %s: charset not ASCII-compatible, "
                      "passed untouched", r->uri);
        return APR_EGENERAL;
    }
    rq = cc_req_get(r);
    if (rq == NULL) {
        return APR_EGENERAL;
    }
    /* A range of this page would be cut from the original bytes, trackers
     * armed (a CGI or a backend even answers a whole unchanged page): the
     * page is sent whole and changed instead, with a 200, as HTTP lets a
     * server ignore Range. BYTERANGE reads the header after us. */
    if (apr_table_get(r->headers_in, "Range")) {
        apr_table_unset(r->headers_in, "Range");
        apr_table_unset(r->headers_out, "Accept-Ranges");
    }

    memset(&vw, 0, sizeof(vw));
    vw.charter = sc->charter;
    vw.prefix = cc_srv_path(sc);
    vw.v = sc->v;
    vw.lang = rq->lang;
    vw.state = rq->state;
    vw.granted = rq->granted & sc->charter->optional_mask;
    vw.return_path = page_path(r);
    vw.manage_only = cross_site_frame(r);
    if (vw.prefix == NULL || sc->banner == NULL) {
        /* Endpoints off: the banner would post nowhere. Cookies are still
         * enforced by the other filter. */
        return APR_EGENERAL;
    }
    f->ctx = ctx = apr_pcalloc(r->pool, sizeof(*ctx));
    ctx->banner_n = cc_tpl_pieces(r->pool,
                                  sc->banner[2 * vw.lang + vw.manage_only],
                                  &vw, ctx->banner);

    memset(&opts, 0, sizeof(opts));
    opts.charter = sc->charter;
    opts.granted = rq->granted;
    opts.xhtml = xhtml;
    opts.assets = sc->assets;
    opts.assets_len = sc->assets_len;
    opts.banner = ctx->banner_n ? ctx->banner[0].data : "";
    opts.banner_len = ctx->banner_n ? ctx->banner[0].len : 0;
    opts.own_host = r->hostname;

    ctx->out = apr_brigade_create(r->pool, f->c->bucket_alloc);
    ctx->rw = cc_rewriter_create(r->pool, &opts, emit, f);
    apr_table_unset(r->headers_out, "Content-Length");
    return APR_SUCCESS;
}

/* UTF-16/32 byte order marks: such a page is passed untouched. */
static int utf16_32_bom(const unsigned char *b, apr_size_t n)
{
    return (n >= 2 && ((b[0] == 0xFE && b[1] == 0xFF)
                       || (b[0] == 0xFF && b[1] == 0xFE)))
        || (n >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF);
}

/* Decide on the first bytes whether the body is ASCII-compatible. Returns
 * 1 when decided (ctx->sniffed), 0 when more bytes are needed; on a BOM
 * the rewriter is dropped. */
static int sniff(html_ctx *ctx, const char *data, apr_size_t len, int last)
{
    apr_size_t take = sizeof(ctx->head) - ctx->head_len;

    if (take > len) {
        take = len;
    }
    memcpy(ctx->head + ctx->head_len, data, take);
    ctx->head_len += take;
    if (ctx->head_len < sizeof(ctx->head) && !last) {
        return 0;
    }
    ctx->sniffed = 1;
    if (utf16_32_bom((const unsigned char *)ctx->head, ctx->head_len)) {
        ctx->rw = NULL;
    }
    return 1;
}

apr_status_t cc_filter_html(ap_filter_t *f, apr_bucket_brigade *bb)
{
    request_rec *r = f->r;
    html_ctx *ctx = f->ctx;
    apr_status_t rv = APR_SUCCESS;
    apr_read_type_e mode = APR_NONBLOCK_READ;

    if (APR_BRIGADE_EMPTY(bb)) {
        return APR_SUCCESS;
    }
    if (ctx == NULL) {
        if (setup(f) != APR_SUCCESS) {
            ap_remove_output_filter(f);
            if (r->header_only && apr_table_get(r->notes, NOTE_ACTIVE)) {
                /* A HEAD of an in-scope page: the body is the original
                 * one, so CONTENT_LENGTH must not count it. A FLUSH first
                 * makes it pass on before EOS, and it then sets none. */
                APR_BRIGADE_INSERT_HEAD(bb,
                    apr_bucket_flush_create(f->c->bucket_alloc));
            }
            return ap_pass_brigade(f->next, bb);
        }
        ctx = f->ctx;
    }
    if (ctx->seen_eos) {
        apr_brigade_cleanup(bb);
        return APR_SUCCESS;
    }

    while (!APR_BRIGADE_EMPTY(bb)) {
        apr_bucket *e = APR_BRIGADE_FIRST(bb);
        const char *data;
        apr_size_t len;

        if (ctx->rw == NULL || (ctx->sniffed && cc_rewriter_done(ctx->rw))) {
            /* Nothing left to change: the rest passes unread, so files
             * keep their sendfile/mmap path. */
            APR_BRIGADE_CONCAT(ctx->out, bb);
            ap_remove_output_filter(f);
            return pass_out(f, ctx);
        }
        if (APR_BUCKET_IS_METADATA(e)) {
            if (APR_BUCKET_IS_EOS(e)) {
                ctx->seen_eos = 1;
                if (!ctx->sniffed && ctx->head_len) {
                    /* A body shorter than a BOM check: decide now. */
                    sniff(ctx, "", 0, 1);
                    if (ctx->rw == NULL) {
                        APR_BRIGADE_INSERT_TAIL(ctx->out,
                            apr_bucket_heap_create(ctx->head, ctx->head_len,
                                                   NULL, f->c->bucket_alloc));
                    }
                    else {
                        rv = feed_copy(ctx, ctx->head, ctx->head_len);
                    }
                }
                if (ctx->rw && rv == APR_SUCCESS) {
                    rv = cc_rewriter_finish(ctx->rw);
                }
                APR_BUCKET_REMOVE(e);
                APR_BRIGADE_INSERT_TAIL(ctx->out, e);
                apr_brigade_cleanup(bb);
                ap_remove_output_filter(f);
                if (rv != APR_SUCCESS) {
                    return rv;
                }
                return pass_out(f, ctx);
            }
            APR_BUCKET_REMOVE(e);
            APR_BRIGADE_INSERT_TAIL(ctx->out, e);
            if (APR_BUCKET_IS_FLUSH(e)) {
                /* A streaming response stays streaming. */
                if ((rv = pass_out(f, ctx)) != APR_SUCCESS) {
                    return rv;
                }
            }
            continue;
        }

        if (APR_BUCKET_IS_FILE(e)) {
            if (!ctx->file_seen) {
                ctx->file_seen = 1;
                e = cut_sendfile_head(e, f->c->bucket_alloc);
            }
            if (e->length <= READ_WITHOUT_MMAP) {
                apr_bucket_file_enable_mmap(e, 0);
            }
        }
        rv = apr_bucket_read(e, &data, &len, mode);
        if (APR_STATUS_IS_EAGAIN(rv)) {
            /* Slow backend: send what we have, then wait for more. */
            APR_BRIGADE_INSERT_TAIL(ctx->out,
                                    apr_bucket_flush_create(f->c->bucket_alloc));
            if ((rv = pass_out(f, ctx)) != APR_SUCCESS) {
                return rv;
            }
            mode = APR_BLOCK_READ;
            continue;
        }
        if (rv != APR_SUCCESS) {
            ap_log_rerror(APLOG_MARK, APLOG_ERR, rv, r,
                          "cookiecharter: reading the response of %s", r->uri);
            return rv;
        }
        mode = APR_NONBLOCK_READ;
        if (len == 0) {
            apr_bucket_delete(e);
            continue;
        }
        if (!ctx->sniffed) {
            apr_size_t kept = ctx->head_len;

            if (!sniff(ctx, data, len, 0)) {
                /* Keep these few bytes; the rewriter sees them later. */
                apr_bucket_delete(e);
                continue;
            }
            if (ctx->rw == NULL) {
                /* A UTF-16/32 page: give back the kept bytes and pass. */
                if (kept) {
                    APR_BRIGADE_INSERT_TAIL(ctx->out,
                        apr_bucket_heap_create(ctx->head, kept, NULL,
                                               f->c->bucket_alloc));
                }
                continue;
            }
            if (kept && (rv = feed_copy(ctx, ctx->head, kept)) != APR_SUCCESS) {
                return rv;
            }
        }
        rv = feed_bucket(f, ctx, e, data, len);
        if (rv != APR_SUCCESS) {
            return rv;
        }
        /* Once done, what waits is the input's own buckets, not a copy:
         * passing it with the rest (and EOS) lets CONTENT_LENGTH count the
         * changed page, which then goes out with a length, not chunked. */
        if (ctx->out_bytes >= PASS_THRESHOLD && !cc_rewriter_done(ctx->rw)) {
            if ((rv = pass_out(f, ctx)) != APR_SUCCESS) {
                return rv;
            }
        }
    }
    return pass_out(f, ctx);
}
