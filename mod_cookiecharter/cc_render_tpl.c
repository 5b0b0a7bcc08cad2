/* Templates: markup rendered once, with holes a request fills. The banner
 * is built at startup per language; a page then costs one allocation and
 * a few copies instead of escaping and joining every text again. */
#include <string.h>

#include <apr_strings.h>
#include <apr_tables.h>

#include "cc_render.h"
#include "cc_util.h"

typedef struct tpl_seg {
    const char *s;          /* fixed markup, or NULL for a hole */
    apr_size_t len;
    cc_hole hole;
    int arg;
} tpl_seg;

struct cc_tpl {
    apr_pool_t *pool;
    apr_array_header_t *segs;   /* tpl_seg */
    apr_array_header_t *run;    /* const char *: fixed markup not joined yet */
    /* cc_tpl_expect: the segments for one state and grant, only the
     * return field left as a hole */
    apr_array_header_t *fast;
    cc_state fast_state;
    cc_mask fast_granted;
};

static const char hidden_attr[] = " hidden=\"hidden\"";
static const char tick_attr[] = " checked=\"checked\"";

cc_tpl *cc_tpl_make(apr_pool_t *p)
{
    cc_tpl *t = apr_pcalloc(p, sizeof(*t));

    t->pool = p;
    t->segs = apr_array_make(p, 16, sizeof(tpl_seg));
    t->run = apr_array_make(p, 32, sizeof(const char *));
    return t;
}

void cc_tpl_add(cc_tpl *t, const char *s)
{
    if (*s) {
        APR_ARRAY_PUSH(t->run, const char *) = s;
    }
}

/* Join a pending fixed run into one segment. */
static void close_run(apr_pool_t *p, apr_array_header_t *segs,
                      apr_array_header_t *run)
{
    tpl_seg *seg;

    if (run->nelts == 0) {
        return;
    }
    seg = apr_array_push(segs);
    seg->s = apr_array_pstrcat(p, run, 0);
    seg->len = strlen(seg->s);
    seg->hole = 0;
    seg->arg = 0;
    apr_array_clear(run);
}

static void add_hole(apr_array_header_t *segs, cc_hole hole, int arg)
{
    tpl_seg *seg = apr_array_push(segs);

    seg->s = NULL;
    seg->len = 0;
    seg->hole = hole;
    seg->arg = arg;
}

void cc_tpl_hole(cc_tpl *t, cc_hole hole, int arg)
{
    close_run(t->pool, t->segs, t->run);
    add_hole(t->segs, hole, arg);
}

void cc_tpl_finish(cc_tpl *t)
{
    close_run(t->pool, t->segs, t->run);
}

/* What the holes hold for one view, each computed at most once. */
typedef struct hole_values {
    const char *granted;
    apr_size_t granted_len;
    const char *ret;
    apr_size_t ret_len;
} hole_values;

static const char *hole_text(apr_pool_t *p, const tpl_seg *seg,
                             const cc_view *vw, hole_values *hv,
                             apr_size_t *len)
{
    switch (seg->hole) {
    case CC_HOLE_GRANTED_IDS:
        if (hv->granted == NULL) {
            /* optional ids joined by '+', or "-" */
            hv->granted = cc_charter_join_ids(p, vw->charter, vw->granted,
                                              "+");
            hv->granted_len = strlen(hv->granted);
        }
        *len = hv->granted_len;
        return hv->granted;
    case CC_HOLE_HIDDEN:
        if (vw->state == CC_STATE_UNSET) {
            break;
        }
        *len = sizeof(hidden_attr) - 1;
        return hidden_attr;
    case CC_HOLE_RETURN:
        if (vw->return_path == NULL) {
            break;
        }
        if (hv->ret == NULL) {
            hv->ret = apr_pstrcat(p, "<input type=\"hidden\" name=\"return\""
                                  " value=\"",
                                  cc_html_escape(p, vw->return_path), "\"/>",
                                  NULL);
            hv->ret_len = strlen(hv->ret);
        }
        *len = hv->ret_len;
        return hv->ret;
    case CC_HOLE_TICK:
        /* Ticked only as a real choice is: a first visit, a GPC refusal
         * and `default: granted` all show unticked boxes. */
        if (vw->state != CC_STATE_CHOICE
            || !(vw->granted & CC_MASK_BIT(seg->arg))) {
            break;
        }
        *len = sizeof(tick_attr) - 1;
        return tick_attr;
    }
    *len = 0;
    return "";
}

void cc_tpl_expect(cc_tpl *t, const cc_view *vw)
{
    apr_array_header_t *fast = apr_array_make(t->pool, 4, sizeof(tpl_seg));
    const tpl_seg *segs = (const tpl_seg *)t->segs->elts;
    hole_values hv;
    const char *s;
    apr_size_t n;
    int i;

    memset(&hv, 0, sizeof(hv));
    for (i = 0; i < t->segs->nelts; i++) {
        if (segs[i].s) {
            APR_ARRAY_PUSH(t->run, const char *) = segs[i].s;
        }
        else if (segs[i].hole == CC_HOLE_RETURN) {
            close_run(t->pool, fast, t->run);
            add_hole(fast, CC_HOLE_RETURN, 0);
        }
        else {
            s = hole_text(t->pool, &segs[i], vw, &hv, &n);
            APR_ARRAY_PUSH(t->run, const char *) = apr_pstrmemdup(t->pool, s,
                                                                  n);
        }
    }
    close_run(t->pool, fast, t->run);
    /* more runs than cc_tpl_pieces gives out: fill as for any view */
    if (fast->nelts > CC_TPL_PIECES_MAX) {
        return;
    }
    t->fast = fast;
    t->fast_state = vw->state;
    t->fast_granted = vw->granted;
}

/* The segments resolved by cc_tpl_expect for this view, or NULL. */
static const apr_array_header_t *expected(const cc_tpl *t, const cc_view *vw)
{
    return t->fast && vw->state == t->fast_state
           && vw->granted == t->fast_granted ? t->fast : NULL;
}

const char *cc_tpl_fill(apr_pool_t *p, const cc_tpl *t, const cc_view *vw,
                        apr_size_t *len)
{
    const apr_array_header_t *all = expected(t, vw) ? t->fast : t->segs;
    const tpl_seg *segs = (const tpl_seg *)all->elts;
    hole_values hv;
    apr_size_t total = 0, n;
    char *buf, *w;
    int i;

    memset(&hv, 0, sizeof(hv));
    for (i = 0; i < all->nelts; i++) {
        if (segs[i].s) {
            total += segs[i].len;
        }
        else {
            hole_text(p, &segs[i], vw, &hv, &n);
            total += n;
        }
    }
    w = buf = apr_palloc(p, total + 1);
    for (i = 0; i < all->nelts; i++) {
        const char *s = segs[i].s;

        if (s) {
            n = segs[i].len;
        }
        else {
            s = hole_text(p, &segs[i], vw, &hv, &n);
        }
        memcpy(w, s, n);
        w += n;
    }
    *w = '\0';
    if (len) {
        *len = total;
    }
    return buf;
}

int cc_tpl_pieces(apr_pool_t *p, const cc_tpl *t, const cc_view *vw,
                  cc_piece *pieces)
{
    const apr_array_header_t *fast = expected(t, vw);
    const tpl_seg *segs;
    hole_values hv;
    int i, n = 0;

    if (fast == NULL) {
        pieces[0].data = cc_tpl_fill(p, t, vw, &pieces[0].len);
        pieces[0].lasting = 0;
        return pieces[0].len > 0;
    }
    segs = (const tpl_seg *)fast->elts;
    memset(&hv, 0, sizeof(hv));
    for (i = 0; i < fast->nelts; i++) {
        cc_piece *pc = &pieces[n];

        if (segs[i].s) {
            pc->data = segs[i].s;
            pc->len = segs[i].len;
            pc->lasting = 1;
        }
        else {
            pc->data = hole_text(p, &segs[i], vw, &hv, &pc->len);
            pc->lasting = 0;
        }
        n += pc->len > 0;
    }
    return n;
}
