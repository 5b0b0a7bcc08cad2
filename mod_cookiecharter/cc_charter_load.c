/* Loading a charter (contract section 3): libyaml's event parser builds a
 * small tree with positions, rejecting what YAML allows but a charter must
 * not have (anchors, aliases, tags, duplicate keys, several documents,
 * deep nesting); then the tree is checked against the schema and turned
 * into the immutable cc_charter. Errors are collected, sorted into file
 * order and returned as "ABSPATH:LINE:COLUMN: message". Config time only:
 * the parse tree lives in a scratch pool. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>
#include <apr_file_info.h>
#include <apr_file_io.h>
#include <apr_hash.h>
#include <apr_strings.h>

#include "cc_charter_int.h"
#include "cc_glob.h"
#include "cc_util.h"

#define CC_MAX_ERRORS 50
#define CC_MAX_LANGS 32
#define CC_URL_MAX 2048
#define CC_DEFAULT_LIFETIME 182
#define CC_MAX_LIFETIME 395
#define CC_DEFAULT_CONSENT_COOKIE "cookies_preferences"

enum { YN_NULL, YN_SCALAR, YN_MAP, YN_SEQ, YN_BAD };

typedef struct ynode ynode;
struct ynode {
    int type;
    int plain;                  /* a plain (unquoted) scalar */
    cc_charter_pos pos;
    const char *s;              /* scalar text, NUL-terminated */
    apr_size_t len;
    apr_array_header_t *kids;   /* ynode *; in a map, keys and values
                                   alternate */
    apr_hash_t *keys;           /* map: key text -> key node */
    int unknown_keys;           /* map: reported unknown keys */
};

/* Far above a 10,000-cookie charter's few hundred thousand nodes, and a
 * bound on the memory a hostile file can make us use. */
#define CC_MAX_NODES 2000000

typedef struct {
    cc_charter_pos pos;
    int seq;
    const char *msg;
} ld_err;

typedef struct {
    apr_pool_t *p;              /* the charter's */
    apr_pool_t *tmp;            /* the parse tree's, destroyed after */
    const char *path;
    apr_array_header_t *errs;   /* ld_err */
    cc_charter *ch;
    apr_hash_t *cat_ids;        /* id -> cc_category * */
    apr_hash_t *cat_pos;        /* id -> ynode * of its id */
    int bad_required;           /* a category's `required` was unreadable */
    long nodes;
    int too_many_cats;
} ld_ctx;

static const cc_charter_pos file_pos = { 0, 0 };

static void err_at(ld_ctx *c, cc_charter_pos pos, const char *fmt, ...)
{
    ld_err *e;
    va_list ap;

    /* Far more than will be shown, so sorting still finds the first. */
    if (c->errs->nelts >= 20 * CC_MAX_ERRORS) {
        return;
    }
    e = &APR_ARRAY_PUSH(c->errs, ld_err);
    va_start(ap, fmt);
    e->msg = apr_pvsprintf(c->tmp, fmt, ap);
    va_end(ap);
    e->pos = pos;
    e->seq = c->errs->nelts;
}

static void err_cb(void *baton, cc_charter_pos pos, const char *msg)
{
    err_at(baton, pos, "%s", msg);
}

/* A value from the file, quoted for a message: at most 60 characters,
 * control characters shown as '?'. */
static const char *q(ld_ctx *c, const char *s)
{
    apr_size_t n = strlen(s), i;
    char *o = apr_pstrndup(c->tmp, s, n > 60 ? 60 : n);

    for (i = 0; o[i]; i++) {
        if ((unsigned char)o[i] < 0x20 || o[i] == 0x7f) {
            o[i] = '?';
        }
    }
    return apr_pstrcat(c->tmp, "'", o, n > 60 ? "...'" : "'", NULL);
}

static cc_charter_pos mark_pos(yaml_mark_t m)
{
    cc_charter_pos pos;

    pos.line = (int)m.line + 1;
    pos.col = (int)m.column + 1;
    return pos;
}

/* Line and column (in characters, as libyaml counts them) of a byte
 * offset, for the reader's errors that only give an offset. */
static cc_charter_pos offset_pos(const char *data, apr_size_t len,
                                 apr_size_t off)
{
    cc_charter_pos pos = { 1, 1 };
    apr_size_t i;

    for (i = 0; i < off && i < len; i++) {
        unsigned char b = (unsigned char)data[i];

        if (b == '\n' || (b == '\r' && (i + 1 >= len || data[i + 1] != '\n'))) {
            pos.line++;
            pos.col = 1;
        }
        else if ((b & 0xc0) != 0x80 && b != '\r') {
            pos.col++;
        }
    }
    return pos;
}

/* The byte at a 1-based line and character column, or -1. */
static int byte_at(const char *data, apr_size_t len, cc_charter_pos pos)
{
    apr_size_t i = 0;
    int line = 1, col = 1;

    while (i < len && line < pos.line) {
        if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= len || data[i + 1] != '\n'))) {
            line++;
        }
        i++;
    }
    while (i < len && col < pos.col) {
        i++;
        while (i < len && ((unsigned char)data[i] & 0xc0) == 0x80) {
            i++;
        }
        col++;
    }
    return i < len ? (unsigned char)data[i] : -1;
}

static void yaml_error(ld_ctx *c, yaml_parser_t *yp, const char *data,
                       apr_size_t len)
{
    const char *problem = yp->problem ? yp->problem : "unknown error";
    cc_charter_pos pos;

    switch (yp->error) {
    case YAML_READER_ERROR:
        if (strstr(problem, "UTF-8")) {
            /* Point at the sequence's first byte, not at the byte where
             * libyaml saw it go wrong. */
            apr_size_t off = yp->problem_offset, k;
            for (k = 0; k < 3 && off > 0 && off < len
                        && ((unsigned char)data[off] & 0xc0) != 0xc0
                        && strstr(problem, "trailing"); k++) {
                off--;
            }
            pos = offset_pos(data, len, off);
            err_at(c, pos, "invalid UTF-8 (byte 0x%02X, %s): the charter must "
                   "be UTF-8", off < len ? (unsigned char)data[off] : 0,
                   problem);
            return;
        }
        pos = offset_pos(data, len, yp->problem_offset);
        err_at(c, pos, "%s (U+%04X)", problem, (unsigned)yp->problem_value);
        return;
    case YAML_SCANNER_ERROR:
    case YAML_PARSER_ERROR:
        pos = mark_pos(yp->problem_mark);
        /* An unclosed quote or bracket is found at the end of the file:
         * where it opened says more. */
        if (yp->context && strstr(problem, "end of stream")) {
            pos = mark_pos(yp->context_mark);
            err_at(c, pos, "YAML syntax error: %s %s that starts here",
                   problem, yp->context);
        }
        else if (byte_at(data, len, pos) == '\t') {
            err_at(c, pos, "tab character in indentation: YAML indents with "
                   "spaces only");
        }
        else if (yp->context) {
            err_at(c, pos, "YAML syntax error: %s %s (line %d, column %d)",
                   problem, yp->context, (int)yp->context_mark.line + 1,
                   (int)yp->context_mark.column + 1);
        }
        else {
            err_at(c, pos, "YAML syntax error: %s", problem);
        }
        return;
    default:
        err_at(c, file_pos, "YAML parser failure: %s", problem);
        return;
    }
}

static ynode *new_node(ld_ctx *c, int type, yaml_mark_t m)
{
    ynode *n = apr_pcalloc(c->tmp, sizeof(*n));

    c->nodes++;
    n->type = type;
    n->pos = mark_pos(m);
    if (type == YN_MAP || type == YN_SEQ) {
        n->kids = apr_array_make(c->tmp, 8, sizeof(ynode *));
    }
    if (type == YN_MAP) {
        n->keys = apr_hash_make(c->tmp);
    }
    return n;
}

static void add_node(ld_ctx *c, ynode **stack, int depth, ynode *n,
                     ynode **root)
{
    ynode *parent;

    if (depth == 0) {
        *root = n;
        return;
    }
    parent = stack[depth - 1];
    if (parent->type == YN_MAP && parent->kids->nelts % 2 == 0
        && n->type == YN_SCALAR) {
        ynode *first = apr_hash_get(parent->keys, n->s, n->len);

        if (first) {
            err_at(c, n->pos, "duplicate key %s (first at line %d)",
                   q(c, n->s), first->pos.line);
        }
        else {
            apr_hash_set(parent->keys, n->s, n->len, n);
        }
    }
    APR_ARRAY_PUSH(parent->kids, ynode *) = n;
}

/* Anchors and tags on a node event: a charter is plain data. */
static void check_props(ld_ctx *c, yaml_event_t *ev, const yaml_char_t *anchor,
                        const yaml_char_t *tag, int implicit)
{
    if (anchor) {
        err_at(c, mark_pos(ev->start_mark), "YAML anchors are not allowed "
               "(&%s): write each value out", (const char *)anchor);
    }
    if (tag && !implicit) {
        err_at(c, mark_pos(ev->start_mark), "YAML tags are not allowed (%s)",
               (const char *)tag);
    }
}

static int is_null_scalar(const char *s, apr_size_t len)
{
    return len == 0 || strcmp(s, "~") == 0 || strcmp(s, "null") == 0
           || strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
}

/* Pass 1: YAML into a tree. Returns 0 on any error. */
static int parse_yaml(ld_ctx *c, const char *data, apr_size_t len,
                      ynode **root)
{
    yaml_parser_t yp;
    yaml_event_t ev;
    ynode *stack[CC_CHARTER_MAX_DEPTH];
    int depth = 0, docs = 0, done = 0, nerr = c->errs->nelts;
    ynode *n;

    *root = NULL;
    if (!yaml_parser_initialize(&yp)) {
        err_at(c, file_pos, "out of memory");
        return 0;
    }
    yaml_parser_set_input_string(&yp, (const unsigned char *)data, len);
    yaml_parser_set_encoding(&yp, YAML_UTF8_ENCODING);
    while (!done) {
        if (!yaml_parser_parse(&yp, &ev)) {
            yaml_error(c, &yp, data, len);
            break;
        }
        if (c->nodes > CC_MAX_NODES) {
            err_at(c, mark_pos(ev.start_mark), "more than %d YAML values",
                   CC_MAX_NODES);
            yaml_event_delete(&ev);
            break;
        }
        switch (ev.type) {
        case YAML_STREAM_END_EVENT:
            done = 1;
            break;
        case YAML_DOCUMENT_START_EVENT:
            if (++docs > 1) {
                err_at(c, mark_pos(ev.start_mark), "more than one YAML "
                       "document: a charter file holds one");
                done = 1;
            }
            break;
        case YAML_MAPPING_START_EVENT:
        case YAML_SEQUENCE_START_EVENT:
            if (ev.type == YAML_MAPPING_START_EVENT) {
                check_props(c, &ev, ev.data.mapping_start.anchor,
                            ev.data.mapping_start.tag,
                            ev.data.mapping_start.implicit);
            }
            else {
                check_props(c, &ev, ev.data.sequence_start.anchor,
                            ev.data.sequence_start.tag,
                            ev.data.sequence_start.implicit);
            }
            if (depth >= CC_CHARTER_MAX_DEPTH) {
                err_at(c, mark_pos(ev.start_mark), "nesting deeper than %d "
                       "levels", CC_CHARTER_MAX_DEPTH);
                done = 1;
                break;
            }
            n = new_node(c, ev.type == YAML_MAPPING_START_EVENT ? YN_MAP
                                                                : YN_SEQ,
                         ev.start_mark);
            add_node(c, stack, depth, n, root);
            stack[depth++] = n;
            break;
        case YAML_MAPPING_END_EVENT:
        case YAML_SEQUENCE_END_EVENT:
            if (depth > 0) {
                depth--;
            }
            break;
        case YAML_SCALAR_EVENT:
            check_props(c, &ev, ev.data.scalar.anchor, ev.data.scalar.tag,
                        ev.data.scalar.plain_implicit
                        || ev.data.scalar.quoted_implicit);
            n = new_node(c, YN_SCALAR, ev.start_mark);
            n->len = ev.data.scalar.length;
            n->s = apr_pstrmemdup(c->tmp, (const char *)ev.data.scalar.value,
                                  n->len);
            n->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
            if (memchr(n->s, '\0', n->len)) {
                err_at(c, n->pos, "NUL character in a string");
            }
            if (n->plain && is_null_scalar(n->s, n->len)) {
                n->type = YN_NULL;
            }
            add_node(c, stack, depth, n, root);
            break;
        case YAML_ALIAS_EVENT:
            err_at(c, mark_pos(ev.start_mark), "YAML aliases are not allowed "
                   "(*%s): write each value out",
                   (const char *)ev.data.alias.anchor);
            add_node(c, stack, depth, new_node(c, YN_BAD, ev.start_mark),
                     root);
            break;
        default:
            break;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&yp);
    return c->errs->nelts == nerr;
}

/* ---- Pass 2: the schema. ---- */

static const char *type_name(const ynode *n)
{
    switch (n->type) {
    case YN_SCALAR: return "a string";
    case YN_MAP: return "a mapping";
    case YN_SEQ: return "a list";
    case YN_NULL: return "empty";
    default: return "an alias";
    }
}

static int want(ld_ctx *c, const ynode *n, int type, const char *what)
{
    static const char *const names[] = {
        "empty", "a string", "a mapping", "a list", "?"
    };

    if (n->type == type) {
        return 1;
    }
    err_at(c, n->pos, "%s must be %s, not %s", what, names[type],
           type_name(n));
    return 0;
}

#define NPAIRS(m) ((m)->kids->nelts / 2)
#define KEY(m, i) APR_ARRAY_IDX((m)->kids, 2 * (i), ynode *)
#define VAL(m, i) APR_ARRAY_IDX((m)->kids, 2 * (i) + 1, ynode *)

static ynode *get(const ynode *map, const char *key)
{
    ynode *k = apr_hash_get(map->keys, key, APR_HASH_KEY_STRING);
    int i;

    if (!k) {
        return NULL;
    }
    for (i = 0; i < NPAIRS(map); i++) {
        if (KEY(map, i) == k) {
            return VAL(map, i);
        }
    }
    return NULL;
}

/* Every key must be a string and one of `allowed` (NULL-terminated). */
static void check_keys(ld_ctx *c, ynode *map,
                       const char *const *allowed, const char *where)
{
    int i, j;

    for (i = 0; i < NPAIRS(map); i++) {
        const ynode *k = KEY(map, i);
        int found = 0;

        if (k->type != YN_SCALAR) {
            err_at(c, k->pos, "keys must be strings");
            continue;
        }
        for (j = 0; allowed[j]; j++) {
            if (strcmp(k->s, allowed[j]) == 0) {
                found = 1;
                break;
            }
        }
        if (!found) {
            const char *list = allowed[0];
            for (j = 1; allowed[j]; j++) {
                list = apr_pstrcat(c->tmp, list, ", ", allowed[j], NULL);
            }
            err_at(c, k->pos, "unknown key %s in %s (expected one of: %s)",
                   q(c, k->s), where, list);
            map->unknown_keys++;
        }
    }
}

static const char *get_str(ld_ctx *c, const ynode *n, const char *what)
{
    if (!want(c, n, YN_SCALAR, what)) {
        return NULL;
    }
    return apr_pstrmemdup(c->p, n->s, n->len);
}

/* A non-negative integer written plainly; -1 otherwise. */
static long get_int(ld_ctx *c, const ynode *n, const char *what)
{
    apr_size_t i;
    long v = 0;

    if (n->type != YN_SCALAR || !n->plain || n->len == 0) {
        err_at(c, n->pos, "%s must be an integer", what);
        return -1;
    }
    for (i = 0; i < n->len; i++) {
        if (n->s[i] < '0' || n->s[i] > '9') {
            err_at(c, n->pos, "%s must be an integer", what);
            return -1;
        }
        if (v < 100000000L) {
            v = v * 10 + (n->s[i] - '0');
        }
    }
    return v;
}

static int get_bool(ld_ctx *c, const ynode *n, const char *what)
{
    static const char *const t[] = { "true", "True", "TRUE", "yes", "Yes", "YES" };
    static const char *const f[] = { "false", "False", "FALSE", "no", "No", "NO" };
    int i;

    if (n->type == YN_SCALAR && n->plain) {
        for (i = 0; i < 6; i++) {
            if (strcmp(n->s, t[i]) == 0) {
                return 1;
            }
            if (strcmp(n->s, f[i]) == 0) {
                return 0;
            }
        }
    }
    err_at(c, n->pos, "%s must be true or false", what);
    return -1;
}

static int lang_index(const cc_charter *ch, const char *s)
{
    int i;

    for (i = 0; i < ch->nlangs; i++) {
        if (strcmp(ch->langs[i], s) == 0) {
            return i;
        }
    }
    return -1;
}

static const char *join_langs(ld_ctx *c)
{
    const char *s = c->ch->langs[0];
    int i;

    for (i = 1; i < c->ch->nlangs; i++) {
        s = apr_pstrcat(c->tmp, s, ", ", c->ch->langs[i], NULL);
    }
    return s;
}

/* A text: a string for every language, or a map by language. Returns the
 * per-language strings as written (NULL where absent), or NULL on error. */
static const char **get_text_raw(ld_ctx *c, const ynode *n, const char *what)
{
    const cc_charter *ch = c->ch;
    const char **raw = apr_pcalloc(c->tmp, ch->nlangs * sizeof(*raw));
    int i, ok = 1;

    if (n->type == YN_SCALAR) {
        const char *s = apr_pstrmemdup(c->p, n->s, n->len);
        for (i = 0; i < ch->nlangs; i++) {
            raw[i] = s;
        }
        return raw;
    }
    if (n->type != YN_MAP) {
        err_at(c, n->pos, "%s must be a string or a mapping by language, "
               "not %s", what, type_name(n));
        return NULL;
    }
    for (i = 0; i < NPAIRS(n); i++) {
        const ynode *k = KEY(n, i), *v = VAL(n, i);
        int li;

        if (k->type != YN_SCALAR) {
            err_at(c, k->pos, "keys must be strings");
            ok = 0;
            continue;
        }
        li = lang_index(ch, k->s);
        if (li < 0) {
            err_at(c, k->pos, "unknown language %s in %s (languages: %s)",
                   q(c, k->s), what, join_langs(c));
            ok = 0;
            continue;
        }
        if (!want(c, v, YN_SCALAR, apr_psprintf(c->tmp, "%s.%s", what, k->s))) {
            ok = 0;
            continue;
        }
        raw[li] = apr_pstrmemdup(c->p, v->s, v->len);
    }
    if (ok && raw[0] == NULL) {
        err_at(c, n->pos, "%s has no '%s' text: the first language is the "
               "one the others fall back to", what, ch->langs[0]);
        ok = 0;
    }
    return ok ? raw : NULL;
}

static cc_text fill_text(ld_ctx *c, const char **raw)
{
    const char **v = apr_palloc(c->p, c->ch->nlangs * sizeof(*v));
    cc_text t;
    int i;

    for (i = 0; i < c->ch->nlangs; i++) {
        v[i] = raw[i] ? raw[i] : raw[0];
    }
    t.v = v;
    return t;
}

static int get_text(ld_ctx *c, const ynode *n, const char *what, cc_text *out)
{
    const char **raw = get_text_raw(c, n, what);

    if (!raw) {
        return 0;
    }
    *out = fill_text(c, raw);
    return 1;
}

static ynode *need(ld_ctx *c, const ynode *map, const char *key,
                   const char *where)
{
    ynode *v = get(map, key);

    /* A misspelt key is reported as unknown: saying that the right one
     * is missing too would only repeat it. */
    if (!v && !map->unknown_keys) {
        err_at(c, map->pos, "%s: missing required key '%s'", where, key);
    }
    return v;
}

static int valid_revision(const char *s)
{
    apr_size_t n = strlen(s), i;

    if (n < 1 || n > CC_REVISION_MAX) {
        return 0;
    }
    for (i = 0; i < n; i++) {
        char ch = s[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')
              || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_')) {
            return 0;
        }
    }
    return 1;
}

static int valid_id(const char *s)
{
    apr_size_t n = strlen(s), i;

    if (n < 1 || n > CC_ID_MAX || s[0] < 'a' || s[0] > 'z') {
        return 0;
    }
    for (i = 1; i < n; i++) {
        char ch = s[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')
              || ch == '-' || ch == '_')) {
            return 0;
        }
    }
    return 1;
}

/* Lowercase BCP 47-like tag: 2-3 letters, then subtags of 1-8 [a-z0-9]. */
static int valid_lang(const char *s)
{
    apr_size_t i = 0, run;

    while (s[i] >= 'a' && s[i] <= 'z') {
        i++;
    }
    if (i < 2 || i > 3) {
        return 0;
    }
    while (s[i] == '-') {
        i++;
        for (run = 0; (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9');
             i++) {
            run++;
        }
        if (run < 1 || run > 8) {
            return 0;
        }
    }
    return s[i] == '\0';
}

/* A local URL path: "/..." of visible ASCII, not "//" or "/\". */
static int valid_local_path(const char *s)
{
    apr_size_t i, n = strlen(s);

    if (n < 1 || n > CC_URL_MAX || s[0] != '/' || s[1] == '/' || s[1] == '\\') {
        return 0;
    }
    for (i = 0; i < n; i++) {
        if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7f
            || s[i] == '\\') {
            return 0;
        }
    }
    return 1;
}

/* Host names: letters, digits, '-', '_' in dot-separated labels. */
static int valid_host(const char *s)
{
    apr_size_t i, run = 0, n = strlen(s);

    if (n == 0 || n > 253) {
        return 0;
    }
    for (i = 0; i < n; i++) {
        char ch = s[i];
        if (ch == '.') {
            if (run == 0) {
                return 0;
            }
            run = 0;
        }
        else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')
                 || ch == '-' || ch == '_') {
            if (++run > 63) {
                return 0;
            }
        }
        else {
            return 0;
        }
    }
    return run > 0;
}

static char *lower(apr_pool_t *p, const char *s)
{
    char *o = apr_pstrdup(p, s), *x;

    for (x = o; *x; x++) {
        *x = (char)CC_LOWER((unsigned char)*x);
    }
    return o;
}

/* One entry of a category's hosts. */
static int parse_host_rule(ld_ctx *c, const ynode *n, cc_host_rule *r)
{
    const char *s = n->s, *slash;
    char *host;

    if (strstr(s, "://") || strncmp(s, "//", 2) == 0) {
        err_at(c, n->pos, "hosts entry %s: write the host without a scheme "
               "(such as 'cdn.example.com/path/')", q(c, s));
        return 0;
    }
    slash = strchr(s, '/');
    if (slash) {
        if (!valid_local_path(slash) || strpbrk(slash, "?#")) {
            err_at(c, n->pos, "hosts entry %s: invalid path prefix", q(c, s));
            return 0;
        }
    }
    if (slash == s) {
        if (strcmp(s, "/") == 0) {
            err_at(c, n->pos, "hosts entry '/' would hold back the whole site");
            return 0;
        }
        r->host = NULL;
    }
    else {
        host = lower(c->p, s);
        if (slash) {
            host[slash - s] = '\0';
        }
        if (strchr(host, ':')) {
            err_at(c, n->pos, "hosts entry %s: no port (a host matches on "
                   "every port)", q(c, s));
            return 0;
        }
        if (host[0] == '*' || host[0] == '.') {
            err_at(c, n->pos, "hosts entry %s: write the bare host, which "
                   "matches its subdomains too", q(c, s));
            return 0;
        }
        if (!valid_host(host)) {
            err_at(c, n->pos, "hosts entry %s: invalid host name", q(c, s));
            return 0;
        }
        r->host = host;
    }
    if (slash && slash[1] == '\0') {
        slash = NULL;           /* "host/" is the whole host */
    }
    r->path = slash ? apr_pstrdup(c->p, slash) : NULL;
    r->path_len = slash ? strlen(slash) : 0;
    return 1;
}

static int host_overlap(const char *a, const char *b)
{
    apr_size_t la = strlen(a), lb = strlen(b);

    if (la < lb) {
        const char *t = a;
        apr_size_t tl = la;
        a = b; la = lb;
        b = t; lb = tl;
    }
    /* a is the longer: equal, or a subdomain of b */
    return strcmp(a + la - lb, b) == 0 && (la == lb || a[la - lb - 1] == '.');
}

static int path_overlap(const cc_host_rule *a, const cc_host_rule *b)
{
    apr_size_t n;

    if (!a->path || !b->path) {
        return 1;
    }
    n = a->path_len < b->path_len ? a->path_len : b->path_len;
    return strncmp(a->path, b->path, n) == 0;
}

static const char *const root_keys[] = {
    "charter", "site", "revision", "languages", "consent", "policy_url",
    "policy", "categories", "cookies", "texts", NULL
};
static const char *const site_keys[] = { "name", "url", NULL };
static const char *const consent_keys[] = { "cookie", "lifetime_days", NULL };
static const char *const policy_keys[] = { "title", "intro", "sections", NULL };
static const char *const section_keys[] = { "heading", "text", NULL };
static const char *const category_keys[] = {
    "id", "required", "label", "description", "default", "hosts", NULL
};
static const char *const cookie_keys[] = {
    "name", "category", "provider", "service", "purpose", "duration",
    "domain", "path", NULL
};

static void load_languages(ld_ctx *c, const ynode *root)
{
    cc_charter *ch = c->ch;
    const ynode *n = get(root, "languages");
    const char **langs;
    int i, nl = 0;

    if (n && want(c, n, YN_SEQ, "languages")) {
        langs = apr_pcalloc(c->p, (CC_MAX_LANGS + 1) * sizeof(*langs));
        if (n->kids->nelts == 0) {
            err_at(c, n->pos, "languages must list at least one language");
        }
        for (i = 0; i < n->kids->nelts; i++) {
            const ynode *e = APR_ARRAY_IDX(n->kids, i, ynode *);
            int j, dup = 0;

            if (!want(c, e, YN_SCALAR, "a language")) {
                continue;
            }
            if (!valid_lang(e->s)) {
                err_at(c, e->pos, "invalid language tag %s (lowercase, such "
                       "as 'fr', 'en' or 'pt-br')", q(c, e->s));
                continue;
            }
            for (j = 0; j < nl; j++) {
                dup |= strcmp(langs[j], e->s) == 0;
            }
            if (dup) {
                err_at(c, e->pos, "language %s is listed twice", q(c, e->s));
                continue;
            }
            if (nl == CC_MAX_LANGS) {
                err_at(c, e->pos, "more than %d languages", CC_MAX_LANGS);
                break;
            }
            langs[nl++] = apr_pstrdup(c->p, e->s);
        }
        if (nl > 0) {
            ch->langs = langs;
            ch->nlangs = nl;
            return;
        }
    }
    /* Absent (or unusable, already reported): French, then English. */
    langs = apr_palloc(c->p, 2 * sizeof(*langs));
    langs[0] = "fr";
    langs[1] = "en";
    ch->langs = langs;
    ch->nlangs = 2;
}

static void load_site(ld_ctx *c, const ynode *root)
{
    const ynode *n = need(c, root, "site", "the charter"), *v;
    const char *s;

    if (!n || !want(c, n, YN_MAP, "site")) {
        return;
    }
    check_keys(c, (ynode *)n, site_keys, "site");
    if ((v = need(c, n, "name", "site"))) {
        c->ch->site_name = get_str(c, v, "site.name");
    }
    if ((v = get(n, "url")) && (s = get_str(c, v, "site.url"))) {
        if ((cc_strncasecmp(s, "https://", 8) != 0
             && cc_strncasecmp(s, "http://", 7) != 0)
            || strpbrk(s, " \t\r\n") || strlen(s) > CC_URL_MAX) {
            err_at(c, v->pos, "site.url must be an http:// or https:// URL");
        }
        c->ch->site_url = s;
    }
}

static void load_consent(ld_ctx *c, const ynode *root)
{
    const ynode *n = get(root, "consent"), *v;
    const char *s;
    long l;

    c->ch->consent_cookie = CC_DEFAULT_CONSENT_COOKIE;
    c->ch->lifetime_days = CC_DEFAULT_LIFETIME;
    if (!n || !want(c, n, YN_MAP, "consent")) {
        return;
    }
    check_keys(c, (ynode *)n, consent_keys, "consent");
    if ((v = get(n, "cookie")) && (s = get_str(c, v, "consent.cookie"))) {
        if (!cc_glob_valid(s) || cc_glob_has_wildcard(s)) {
            err_at(c, v->pos, "consent.cookie %s is not a valid cookie name "
                   "(RFC 6265 token characters)", q(c, s));
        }
        c->ch->consent_cookie = s;
    }
    if ((v = get(n, "lifetime_days"))
        && (l = get_int(c, v, "consent.lifetime_days")) >= 0) {
        if (l < 1 || l > CC_MAX_LIFETIME) {
            err_at(c, v->pos, "consent.lifetime_days must be between 1 and "
                   "%d (13 months)", CC_MAX_LIFETIME);
        }
        else {
            c->ch->lifetime_days = (int)l;
        }
    }
}

static void load_policy(ld_ctx *c, const ynode *root)
{
    const ynode *n = get(root, "policy"), *v;
    int i;

    c->ch->sections = apr_array_make(c->p, 4, sizeof(cc_section));
    if (!n || !want(c, n, YN_MAP, "policy")) {
        return;
    }
    check_keys(c, (ynode *)n, policy_keys, "policy");
    if ((v = get(n, "title"))) {
        get_text(c, v, "policy.title", &c->ch->policy_title);
    }
    if ((v = get(n, "intro"))) {
        get_text(c, v, "policy.intro", &c->ch->policy_intro);
    }
    if (!(v = get(n, "sections")) || !want(c, v, YN_SEQ, "policy.sections")) {
        return;
    }
    for (i = 0; i < v->kids->nelts; i++) {
        const ynode *e = APR_ARRAY_IDX(v->kids, i, ynode *), *h, *t;
        cc_section sec;

        if (!want(c, e, YN_MAP, "a policy section")) {
            continue;
        }
        check_keys(c, (ynode *)e, section_keys, "a policy section");
        memset(&sec, 0, sizeof(sec));
        if ((h = need(c, e, "heading", "policy section"))
            && get_text(c, h, "heading", &sec.heading)) {
            if ((t = get(e, "text")) && !get_text(c, t, "text", &sec.text)) {
                continue;
            }
            APR_ARRAY_PUSH(c->ch->sections, cc_section) = sec;
        }
    }
}

/* A host rule and where it was written; the rule is found through its
 * category once cat->hosts no longer grows. */
typedef struct {
    const cc_category *cat;
    int k;
    const ynode *node;
} host_at;

#define HOST_RULE(ha) (&APR_ARRAY_IDX((ha)->cat->hosts, (ha)->k, cc_host_rule))

static void load_category(ld_ctx *c, const ynode *e, apr_array_header_t *hosts)
{
    cc_charter *ch = c->ch;
    cc_category *cat = apr_pcalloc(c->p, sizeof(*cat));
    const ynode *v, *idn;
    const ynode *first;
    apr_array_header_t *hnodes;
    int i, b;

    check_keys(c, (ynode *)e, category_keys, "a category");
    if (!(idn = need(c, e, "id", "category"))
        || !(cat->id = get_str(c, idn, "id"))) {
        return;
    }
    if (!valid_id(cat->id)) {
        err_at(c, idn->pos, "invalid category id %s (a lowercase letter, "
               "then up to 31 of a-z, 0-9, '_', '-')", q(c, cat->id));
        return;
    }
    if ((first = apr_hash_get(c->cat_pos, cat->id, APR_HASH_KEY_STRING))) {
        err_at(c, idn->pos, "duplicate category id %s (first at line %d)",
               q(c, cat->id), first->pos.line);
        return;
    }
    apr_hash_set(c->cat_pos, cat->id, APR_HASH_KEY_STRING, idn);
    if ((v = get(e, "required"))) {
        b = get_bool(c, v, "required");
        cat->required = b == 1;
        c->bad_required |= b < 0;
    }
    if ((v = get(e, "default")) && want(c, v, YN_SCALAR, "default")) {
        if (strcmp(v->s, "granted") == 0) {
            if (cat->required) {
                err_at(c, v->pos, "'default: granted' is for optional "
                       "categories: a required category is always granted");
            }
            cat->default_granted = 1;
        }
        else if (strcmp(v->s, "refused") != 0) {
            err_at(c, v->pos, "default must be 'refused' or 'granted'");
        }
    }
    if ((v = need(c, e, "label", "category"))) {
        get_text(c, v, "label", &cat->label);
    }
    if ((v = get(e, "description"))) {
        get_text(c, v, "description", &cat->description);
    }
    cat->hosts = apr_array_make(c->p, 2, sizeof(cc_host_rule));
    hnodes = apr_array_make(c->tmp, 2, sizeof(const ynode *));
    if ((v = get(e, "hosts")) && want(c, v, YN_SEQ, "hosts")) {
        for (i = 0; i < v->kids->nelts; i++) {
            const ynode *h = APR_ARRAY_IDX(v->kids, i, ynode *);
            cc_host_rule r;

            r.category = cat;
            if (want(c, h, YN_SCALAR, "a hosts entry")
                && parse_host_rule(c, h, &r)) {
                APR_ARRAY_PUSH(cat->hosts, cc_host_rule) = r;
                APR_ARRAY_PUSH(hnodes, const ynode *) = h;
            }
        }
    }
    if (ch->categories->nelts >= CC_MAX_CATEGORIES) {
        if (!c->too_many_cats++) {
            err_at(c, e->pos, "more than %d categories", CC_MAX_CATEGORIES);
        }
        return;
    }
    cat->index = ch->categories->nelts;
    APR_ARRAY_PUSH(ch->categories, cc_category *) = cat;
    apr_hash_set(c->cat_ids, cat->id, APR_HASH_KEY_STRING, cat);
    for (i = 0; i < hnodes->nelts; i++) {
        host_at *ha = &APR_ARRAY_PUSH(hosts, host_at);
        ha->cat = cat;
        ha->k = i;
        ha->node = APR_ARRAY_IDX(hnodes, i, const ynode *);
    }
}

/* The host of site.url, lowercase, or NULL. */
static const char *site_host(ld_ctx *c)
{
    const char *u = c->ch->site_url, *h;
    char *o;

    if (!u || !(h = strstr(u, "://"))) {
        return NULL;
    }
    h += 3;
    o = lower(c->tmp, h);
    o[strcspn(o, "/:?#")] = '\0';
    return o[0] ? o : NULL;
}

static void check_hosts(ld_ctx *c, apr_array_header_t *hosts)
{
    const char *own = site_host(c);
    int i, j;

    /* Pairwise: hosts are few (cookies are where the numbers are). */
    for (i = 1; i < hosts->nelts; i++) {
        const host_at *b = &APR_ARRAY_IDX(hosts, i, host_at);
        const cc_host_rule *rb = HOST_RULE(b);

        for (j = 0; j < i; j++) {
            const host_at *a = &APR_ARRAY_IDX(hosts, j, host_at);
            const cc_host_rule *ra = HOST_RULE(a);

            const char *ha = ra->host ? ra->host : own;
            const char *hb = rb->host ? rb->host : own;

            /* An own-host rule meets a named host only through site.url:
             * otherwise the own host is known per request only. */
            if (a->cat == b->cat
                || ((ra->host == NULL) != (rb->host == NULL) && (!ha || !hb))) {
                continue;
            }
            if (((ra->host == NULL && rb->host == NULL)
                 || host_overlap(ha, hb))
                && path_overlap(ra, rb)) {
                err_at(c, b->node->pos, "hosts entry %s of category '%s' "
                       "overlaps %s of category '%s' (line %d): a host or "
                       "path can be under one category only",
                       q(c, b->node->s), b->cat->id,
                       q(c, a->node->s), a->cat->id,
                       a->node->pos.line);
                break;
            }
        }
    }
}

static void load_categories(ld_ctx *c, const ynode *root)
{
    cc_charter *ch = c->ch;
    const ynode *n = need(c, root, "categories", "the charter");
    apr_array_header_t *hosts = apr_array_make(c->tmp, 8, sizeof(host_at));
    int i;

    ch->categories = apr_array_make(c->p, 8, sizeof(cc_category *));
    if (!n || !want(c, n, YN_SEQ, "categories")) {
        return;
    }
    for (i = 0; i < n->kids->nelts; i++) {
        const ynode *e = APR_ARRAY_IDX(n->kids, i, ynode *);

        if (want(c, e, YN_MAP, "a category")) {
            load_category(c, e, hosts);
        }
    }
    check_hosts(c, hosts);
    for (i = 0; i < ch->categories->nelts; i++) {
        const cc_category *cat = APR_ARRAY_IDX(ch->categories, i, cc_category *);

        if (cat->required) {
            ch->required_mask |= CC_MASK_BIT(i);
            if (!ch->consent_category) {
                ch->consent_category = cat;
            }
        }
        else {
            ch->optional_mask |= CC_MASK_BIT(i);
            if (cat->default_granted) {
                ch->default_granted_mask |= CC_MASK_BIT(i);
            }
        }
    }
    ch->optional_ids = cc_charter_join_ids(c->p, ch, ch->optional_mask,
                                           "+");
    ch->optional_ids_len = strlen(ch->optional_ids);
    if (!ch->consent_category && apr_hash_count(c->cat_pos) > 0
        && !c->bad_required) {
        err_at(c, n->pos, "no required category: at least one category "
               "needs 'required: true' (the cookies the site cannot work "
               "without, the consent cookie among them)");
    }
}

static void load_cookies(ld_ctx *c, const ynode *root,
                         apr_array_header_t *name_pos)
{
    cc_charter *ch = c->ch;
    const ynode *n = get(root, "cookies");
    int i;

    ch->cookies = apr_array_make(c->p, 16, sizeof(cc_cookie *));
    if (!n || !want(c, n, YN_SEQ, "cookies")) {
        return;
    }
    for (i = 0; i < n->kids->nelts; i++) {
        const ynode *e = APR_ARRAY_IDX(n->kids, i, ynode *), *v, *nm;
        cc_cookie *ck;
        int ok = 1;

        if (!want(c, e, YN_MAP, "a cookie")) {
            continue;
        }
        check_keys(c, (ynode *)e, cookie_keys, "a cookie");
        ck = apr_pcalloc(c->p, sizeof(*ck));
        ck->declared = 1;
        ck->path = "/";
        if ((nm = need(c, e, "name", "cookie"))
            && (ck->name = get_str(c, nm, "name"))) {
            if (ck->name[0] == '\0') {
                err_at(c, nm->pos, "cookie name is empty");
                ok = 0;
            }
            else if (!cc_glob_valid(ck->name)) {
                err_at(c, nm->pos, "invalid cookie name or glob %s (RFC 6265 "
                       "token characters, with '*' and '?' as wildcards)",
                       q(c, ck->name));
                ok = 0;
            }
            ck->is_glob = ok && cc_glob_has_wildcard(ck->name);
        }
        else {
            ok = 0;
        }
        if ((v = need(c, e, "category", "cookie"))
            && want(c, v, YN_SCALAR, "category")) {
            ck->category = apr_hash_get(c->cat_ids, v->s, APR_HASH_KEY_STRING);
            if (!ck->category) {
                if (!apr_hash_get(c->cat_pos, v->s, APR_HASH_KEY_STRING)) {
                    err_at(c, v->pos, "unknown category %s", q(c, v->s));
                }
                ok = 0;
            }
        }
        else {
            ok = 0;
        }
        if ((v = get(e, "provider"))) {
            ok &= (ck->provider = get_str(c, v, "provider")) != NULL;
        }
        if ((v = get(e, "service"))) {
            ok &= get_text(c, v, "service", &ck->service);
        }
        if ((v = need(c, e, "purpose", "cookie"))) {
            ok &= get_text(c, v, "purpose", &ck->purpose);
        }
        else {
            ok = 0;
        }
        if ((v = get(e, "duration"))) {
            ok &= get_text(c, v, "duration", &ck->duration);
        }
        if ((v = get(e, "domain")) && (ck->domain = get_str(c, v, "domain"))) {
            const char *d = ck->domain[0] == '.' ? ck->domain + 1 : ck->domain;
            char *l = lower(c->p, d);
            if (!valid_host(l)) {
                err_at(c, v->pos, "invalid cookie domain %s", q(c, ck->domain));
                ok = 0;
            }
            ck->domain = ck->domain[0] == '.' ? apr_pstrcat(c->p, ".", l, NULL) : l;
        }
        if ((v = get(e, "path")) && (ck->path = get_str(c, v, "path"))) {
            if (!valid_local_path(ck->path) || strchr(ck->path, ';')) {
                err_at(c, v->pos, "cookie path must be a path starting with "
                       "'/'");
                ok = 0;
            }
        }
        if (ok) {
            APR_ARRAY_PUSH(ch->cookies, cc_cookie *) = ck;
            APR_ARRAY_PUSH(name_pos, cc_charter_pos) = nm->pos;
        }
    }
}

static void load_texts(ld_ctx *c, const ynode *root, const ynode *langs_node)
{
    cc_charter *ch = c->ch;
    const ynode *n = get(root, "texts");
    const char **raw[CC_T__COUNT];
    const char *keys[CC_T__COUNT + 1];
    int k, i;

    memset(raw, 0, sizeof(raw));
    for (k = 0; k < CC_T__COUNT; k++) {
        keys[k] = cc_text_keys[k];
    }
    keys[CC_T__COUNT] = NULL;
    if (n && want(c, n, YN_MAP, "texts")) {
        check_keys(c, (ynode *)n, keys, "texts");
        for (k = 0; k < CC_T__COUNT; k++) {
            const ynode *v = get(n, cc_text_keys[k]);
            if (v) {
                raw[k] = get_text_raw(c, v, apr_pstrcat(c->tmp, "texts.",
                                                        cc_text_keys[k], NULL));
            }
        }
    }
    for (i = 0; i < ch->nlangs; i++) {
        const char *const *builtin = cc_charter_builtin_texts(ch->langs[i]);
        const char *missing = NULL;

        for (k = 0; k < CC_T__COUNT; k++) {
            if (!builtin && !(raw[k] && raw[k][i])) {
                missing = missing ? apr_pstrcat(c->tmp, missing, ", ",
                                                cc_text_keys[k], NULL)
                                  : cc_text_keys[k];
            }
        }
        if (missing) {
            cc_charter_pos pos = langs_node ? langs_node->pos : file_pos;
            if (langs_node && langs_node->type == YN_SEQ) {
                int j;
                for (j = 0; j < langs_node->kids->nelts; j++) {
                    const ynode *e = APR_ARRAY_IDX(langs_node->kids, j, ynode *);
                    if (e->type == YN_SCALAR && strcmp(e->s, ch->langs[i]) == 0) {
                        pos = e->pos;
                    }
                }
            }
            err_at(c, pos, "language '%s' has no built-in texts: texts must "
                   "give it every key (missing: %s)", ch->langs[i], missing);
        }
    }
    for (k = 0; k < CC_T__COUNT; k++) {
        const char **v = apr_palloc(c->p, ch->nlangs * sizeof(*v));

        for (i = 0; i < ch->nlangs; i++) {
            const char *const *builtin = cc_charter_builtin_texts(ch->langs[i]);

            if (raw[k]) {
                v[i] = raw[k][i] ? raw[k][i] : raw[k][0];
            }
            else if (builtin) {
                v[i] = builtin[k];
            }
            else {
                v[i] = cc_charter_builtin_texts("en")[k];
            }
        }
        ch->texts[k].v = v;
    }
}

static void load_root(ld_ctx *c, const ynode *root,
                       apr_array_header_t *name_pos)
{
    cc_charter *ch = c->ch;
    const ynode *v;
    const char *s;
    long l;

    check_keys(c, (ynode *)root, root_keys, "the charter");
    if ((v = need(c, root, "charter", "the charter"))
        && (l = get_int(c, v, "charter")) >= 0) {
        if (l != 1) {
            err_at(c, v->pos, "unsupported charter version %ld (this module "
                   "reads 'charter: 1')", l);
        }
        ch->schema = (int)l;
    }
    if ((v = need(c, root, "revision", "the charter"))
        && (s = get_str(c, v, "revision"))) {
        if (!valid_revision(s)) {
            err_at(c, v->pos, "invalid revision %s (1 to 32 of A-Z, a-z, "
                   "0-9, '_', '-')", q(c, s));
        }
        ch->revision = s;
    }
    load_languages(c, root);
    load_site(c, root);
    load_consent(c, root);
    if ((v = get(root, "policy_url")) && (s = get_str(c, v, "policy_url"))) {
        if (!valid_local_path(s)) {
            err_at(c, v->pos, "policy_url must be a local path starting "
                   "with '/'");
        }
        ch->policy_url = s;
    }
    load_policy(c, root);
    load_categories(c, root);
    load_cookies(c, root, name_pos);
    load_texts(c, root, get(root, "languages"));
}

static int cmp_err(const void *a, const void *b)
{
    const ld_err *x = a, *y = b;

    if (x->pos.line != y->pos.line) {
        return x->pos.line < y->pos.line ? -1 : 1;
    }
    if (x->pos.col != y->pos.col) {
        return x->pos.col < y->pos.col ? -1 : 1;
    }
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The collected errors, in file order, as the contract's lines. */
static apr_array_header_t *format_errors(ld_ctx *c)
{
    apr_array_header_t *out = apr_array_make(c->p, c->errs->nelts,
                                             sizeof(const char *));
    int i, n = c->errs->nelts;

    qsort(c->errs->elts, n, sizeof(ld_err), cmp_err);
    for (i = 0; i < n && i < CC_MAX_ERRORS; i++) {
        const ld_err *e = &APR_ARRAY_IDX(c->errs, i, ld_err);
        APR_ARRAY_PUSH(out, const char *) =
            apr_psprintf(c->p, "%s:%d:%d: %s", c->path, e->pos.line,
                         e->pos.col, e->msg);
    }
    if (n > CC_MAX_ERRORS) {
        const ld_err *e = &APR_ARRAY_IDX(c->errs, CC_MAX_ERRORS, ld_err);
        APR_ARRAY_PUSH(out, const char *) =
            apr_psprintf(c->p, "%s:%d:%d: further errors not shown", c->path,
                         e->pos.line, e->pos.col);
    }
    return out;
}

static apr_status_t file_error(apr_pool_t *p, const char *path,
                               apr_array_header_t **errors, apr_status_t rv,
                               const char *msg)
{
    char buf[256];

    if (errors) {
        *errors = apr_array_make(p, 1, sizeof(const char *));
        APR_ARRAY_PUSH(*errors, const char *) =
            apr_psprintf(p, "%s:0:0: %s%s%s", path, msg, rv ? ": " : "",
                         rv ? apr_strerror(rv, buf, sizeof(buf)) : "");
    }
    return rv ? rv : APR_EGENERAL;
}

apr_status_t cc_charter_parse(cc_charter **pcharter, const char *path,
                              const char *data, apr_size_t len,
                              apr_pool_t *p, apr_array_header_t **errors)
{
    ld_ctx c;
    ynode *root = NULL;
    apr_array_header_t *name_pos;
    apr_status_t rv = APR_SUCCESS;

    *pcharter = NULL;
    if (errors) {
        *errors = NULL;
    }
    if (len == 0) {
        return file_error(p, path, errors, 0, "the charter file is empty");
    }
    if (len > CC_CHARTER_MAX_BYTES) {
        return file_error(p, path, errors, 0, "the charter file is larger "
                          "than 32 MiB");
    }
    memset(&c, 0, sizeof(c));
    c.p = p;
    c.path = path;
    apr_pool_create(&c.tmp, p);
    c.errs = apr_array_make(c.tmp, 8, sizeof(ld_err));
    c.cat_ids = apr_hash_make(c.tmp);
    c.cat_pos = apr_hash_make(c.tmp);
    c.ch = apr_pcalloc(p, sizeof(cc_charter));
    c.ch->file = apr_pstrdup(p, path);
    name_pos = apr_array_make(c.tmp, 16, sizeof(cc_charter_pos));

    if (parse_yaml(&c, data, len, &root)) {
        if (root == NULL) {
            err_at(&c, file_pos, "the charter is empty (no YAML document)");
        }
        else if (root->type != YN_MAP) {
            err_at(&c, root->pos, "the charter must be a mapping (charter:, "
                   "site:, revision:, categories:, ...), not %s",
                   type_name(root));
        }
        else {
            load_root(&c, root, name_pos);
            if (c.ch->categories->nelts > 0) {
                cc_charter_index_build(c.ch, p, c.tmp,
                                       (const cc_charter_pos *)name_pos->elts,
                                       err_cb, &c);
            }
        }
    }
    if (c.errs->nelts > 0) {
        if (errors) {
            *errors = format_errors(&c);
        }
        rv = APR_EGENERAL;
    }
    else {
        c.ch->sha256 = cc_sha256_hex(p, data, len);
        *pcharter = c.ch;
    }
    apr_pool_destroy(c.tmp);
    return rv;
}

apr_status_t cc_charter_load(cc_charter **pcharter, const char *path,
                             apr_pool_t *p, apr_array_header_t **errors)
{
    apr_finfo_t fi;
    apr_file_t *f;
    apr_status_t rv;
    apr_size_t len, got = 0;
    char *buf;

    *pcharter = NULL;
    if (errors) {
        *errors = NULL;
    }
    rv = apr_stat(&fi, path, APR_FINFO_TYPE | APR_FINFO_SIZE, p);
    if (rv != APR_SUCCESS) {
        return file_error(p, path, errors, rv, "cannot read the charter");
    }
    if (fi.filetype == APR_DIR) {
        return file_error(p, path, errors, 0, "the charter is a directory, "
                          "not a file");
    }
    if (fi.filetype != APR_REG) {
        return file_error(p, path, errors, 0, "the charter is not a regular "
                          "file");
    }
    if (fi.size > (apr_off_t)CC_CHARTER_MAX_BYTES) {
        return file_error(p, path, errors, 0, "the charter file is larger "
                          "than 32 MiB");
    }
    rv = apr_file_open(&f, path, APR_FOPEN_READ | APR_FOPEN_BINARY,
                       APR_OS_DEFAULT, p);
    if (rv != APR_SUCCESS) {
        return file_error(p, path, errors, rv, "cannot read the charter");
    }
    /* One byte more than the limit, in case the file grew since stat. */
    buf = apr_palloc(p, (apr_size_t)fi.size + 2);
    len = (apr_size_t)fi.size + 1;
    while (got < len) {
        apr_size_t n = len - got;
        rv = apr_file_read(f, buf + got, &n);
        got += n;
        if (rv != APR_SUCCESS) {
            break;
        }
    }
    apr_file_close(f);
    if (rv != APR_SUCCESS && !APR_STATUS_IS_EOF(rv)) {
        return file_error(p, path, errors, rv, "cannot read the charter");
    }
    if (got > (apr_size_t)fi.size) {
        return file_error(p, path, errors, 0, "the charter changed while "
                          "being read");
    }
    buf[got] = '\0';
    return cc_charter_parse(pcharter, path, buf, got, p, errors);
}
