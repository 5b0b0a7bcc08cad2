/* Cookies as browsers read them (section 6).
 *
 * Set-Cookie names follow RFC 6265bis 5.7: the name-value pair is the text
 * before the first ';', the name what precedes its first '=', trimmed of
 * spaces and tabs; no '=' (or an empty name) makes a nameless cookie that
 * the browser sends back as `Cookie: VALUE`. Where browsers disagree or a
 * header is ambiguous, the verdict fails closed:
 * - a CTL anywhere (C0 but HTAB, and DEL): Chrome drops the header, other
 *   browsers and proxies have truncated at NUL/CR/LF and stored the cookie
 *   under another name: CC_SC_MALFORMED;
 * - a nameless cookie is judged by the name a server reads from what the
 *   browser sends back: VALUE up to its first '=', or VALUE itself; empty
 *   name and empty value is CC_SC_MALFORMED;
 * - a ',' followed by `token=` (RFC 2109/2965 folding, which some clients
 *   and server-side cookie readers split on) makes each such token a
 *   candidate name that must be allowed too;
 * - the consent cookie's name, from anywhere, is CC_SC_CONSENT_NAME.
 * Names are byte strings: case-sensitive, prefixes included, non-ASCII
 * kept. Everything is one linear pass, no recursion. */
#include <string.h>

#include <apr_strings.h>

#include "cc_cookie.h"
#include "cc_util.h"

#define IS_WSP(c) ((c) == ' ' || (c) == '\t')
#define IS_CTL(c) (((c) < 0x20 && (c) != '\t') || (c) == 0x7F)

/* RFC 9110 tchar: what a folding client would accept as a cookie name. */
static int tchar(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
           || (c >= '0' && c <= '9') || (c && strchr("!#$%&'*+-.^_`|~", c));
}

static void trim(const char **s, apr_size_t *len)
{
    while (*len > 0 && IS_WSP((*s)[0])) {
        (*s)++;
        (*len)--;
    }
    while (*len > 0 && IS_WSP((*s)[*len - 1])) {
        (*len)--;
    }
}

void cc_setcookie_name(const char *hdr, apr_size_t len, cc_sc_name *out)
{
    apr_size_t i, pair = len;
    const char *eq = NULL;

    out->ambiguous = 0;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)hdr[i];
        if (IS_CTL(c)) {
            out->ambiguous = 1;
        }
        if (c == ';' && pair == len) {
            pair = i;
        }
        if (c == '=' && eq == NULL && pair == len) {
            eq = hdr + i;
        }
    }
    if (eq == NULL) {
        out->name = hdr;
        out->name_len = 0;
        out->value = hdr;
        out->value_len = pair;
    }
    else {
        out->name = hdr;
        out->name_len = (apr_size_t)(eq - hdr);
        out->value = eq + 1;
        out->value_len = pair - out->name_len - 1;
    }
    trim(&out->name, &out->name_len);
    trim(&out->value, &out->value_len);
}

/* The name a server reads from `Cookie: VALUE` sent back for a nameless
 * cookie: up to the first '=' of VALUE, trimmed, or VALUE. */
static void nameless_name(const char *value, apr_size_t vlen,
                          const char **name, apr_size_t *len)
{
    const char *eq = memchr(value, '=', vlen);

    *name = value;
    *len = eq ? (apr_size_t)(eq - value) : vlen;
    trim(name, len);
}

static int is_consent_name(const cc_charter *ch, const char *name,
                           apr_size_t len)
{
    return ch->consent_cookie != NULL && strlen(ch->consent_cookie) == len
           && memcmp(ch->consent_cookie, name, len) == 0;
}

static cc_sc_verdict judge_name(const cc_charter *ch, cc_mask granted,
                                int allow_undeclared, const char *name,
                                apr_size_t len, const cc_cookie **entry)
{
    const cc_cookie *e;

    *entry = NULL;
    if (is_consent_name(ch, name, len)) {
        *entry = cc_charter_cookie(ch, name, len);
        return CC_SC_CONSENT_NAME;
    }
    e = len > 0 ? cc_charter_cookie(ch, name, len) : NULL;
    *entry = e;
    if (e == NULL || e->category == NULL) {
        return allow_undeclared ? CC_SC_KEEP : CC_SC_UNDECLARED;
    }
    if (e->category->index >= 0 && e->category->index < CC_MAX_CATEGORIES
        && (granted & CC_MASK_BIT(e->category->index))) {
        return CC_SC_KEEP;
    }
    return CC_SC_NOT_GRANTED;
}

cc_sc_verdict cc_setcookie_judge(const cc_charter *ch, cc_mask granted,
                                 int allow_undeclared, const char *hdr,
                                 apr_size_t len, const cc_cookie **entry,
                                 int *undeclared)
{
    cc_sc_name sn;
    const char *name;
    apr_size_t nlen, i;
    const cc_cookie *e, *ce;
    cc_sc_verdict v, cv, first_bad = CC_SC_KEEP;

    if (entry) {
        *entry = NULL;
    }
    if (undeclared) {
        *undeclared = 0;
    }
    cc_setcookie_name(hdr, len, &sn);
    if (sn.name_len > 0) {
        name = sn.name;
        nlen = sn.name_len;
    }
    else {
        nameless_name(sn.value, sn.value_len, &name, &nlen);
    }
    v = judge_name(ch, granted, allow_undeclared, name, nlen, &e);
    if (entry) {
        *entry = e;
    }
    if (undeclared) {
        *undeclared = e == NULL && nlen > 0;
    }
    if (sn.ambiguous || (sn.name_len == 0 && sn.value_len == 0)
        || nlen == 0) {
        return CC_SC_MALFORMED;
    }

    /* Folding candidates: ',' [WSP] 1*tchar [WSP] '='. Each candidate
     * lies between a comma and the next '=', so together they are linear
     * in the header. */
    for (i = 0; i < len; i++) {
        apr_size_t j, k;

        if (hdr[i] != ',') {
            continue;
        }
        for (j = i + 1; j < len && IS_WSP(hdr[j]); j++) {
        }
        for (k = j; k < len && tchar((unsigned char)hdr[k]); k++) {
        }
        if (k == j) {
            continue;
        }
        nlen = k - j;
        while (k < len && IS_WSP(hdr[k])) {
            k++;
        }
        if (k >= len || hdr[k] != '=') {
            continue;
        }
        cv = judge_name(ch, granted, allow_undeclared, hdr + j, nlen, &ce);
        if (cv == CC_SC_CONSENT_NAME) {
            return CC_SC_CONSENT_NAME;
        }
        if (first_bad == CC_SC_KEEP) {
            first_bad = cv;
        }
        i = k;
    }
    if (v != CC_SC_KEEP) {
        return v;
    }
    return first_bad;
}

int cc_cookie_next(const char **pos, const char *end, cc_cookie_pair *out)
{
    const char *s = *pos;

    while (s < end) {
        const char *start = s, *eq;
        apr_size_t len;

        s = memchr(s, ';', (apr_size_t)(end - s));
        if (s == NULL) {
            s = end;
        }
        len = (apr_size_t)(s - start);
        if (s < end) {
            s++;                /* past ';' */
        }
        trim(&start, &len);
        if (len == 0) {
            continue;           /* empty pair: "a=1;; b=2" */
        }
        out->raw = start;
        out->raw_len = len;
        eq = memchr(start, '=', len);
        if (eq == NULL) {
            out->name = start;
            out->name_len = 0;
            out->value = start;
            out->value_len = len;
        }
        else {
            out->name = start;
            out->name_len = (apr_size_t)(eq - start);
            out->value = eq + 1;
            out->value_len = len - out->name_len - 1;
            trim(&out->name, &out->name_len);
            trim(&out->value, &out->value_len);
        }
        *pos = s;
        return 1;
    }
    *pos = end;
    return 0;
}

const cc_cookie *cc_cookie_entry(const cc_charter *ch,
                                 const cc_cookie_pair *pair)
{
    const char *name;
    apr_size_t len;

    if (pair->name_len > 0) {
        return cc_charter_cookie(ch, pair->name, pair->name_len);
    }
    nameless_name(pair->value, pair->value_len, &name, &len);
    return len > 0 ? cc_charter_cookie(ch, name, len) : NULL;
}

/* The host without port, lowercase; *ip set for IP literals (IPv6 in
 * brackets, or dotted digits). NULL when it is not a plausible host name,
 * which leaves only the host-only variant. */
static char *purge_host(apr_pool_t *p, const char *host, int *ip)
{
    const char *end;
    char *h, *c;
    int alpha = 0;

    *ip = 0;
    if (host == NULL || *host == '\0') {
        return NULL;
    }
    if (host[0] == '[') {
        *ip = 1;
        return NULL;
    }
    end = strchr(host, ':');
    h = end ? apr_pstrmemdup(p, host, (apr_size_t)(end - host))
            : apr_pstrdup(p, host);
    for (c = h; *c; c++) {
        *c = (char)CC_LOWER((unsigned char)*c);
        if (*c >= 'a' && *c <= 'z') {
            alpha = 1;
        }
        else if (!((*c >= '0' && *c <= '9') || *c == '-' || *c == '.'
                   || *c == '_')) {
            return NULL;
        }
    }
    if (c > h && c[-1] == '.') {
        c[-1] = '\0';           /* a fully qualified name's root dot */
    }
    if (!alpha) {
        *ip = 1;                /* 192.0.2.1 (or digits only) */
        return NULL;
    }
    if (*h == '\0' || *h == '.' || strstr(h, "..") != NULL) {
        return NULL;
    }
    return h;
}

/* Bytes a Set-Cookie we write must not carry: CTLs (header injection or
 * truncation), and the separators of the header itself. */
static int attr_safe(const char *s, apr_size_t len)
{
    apr_size_t i;

    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (IS_CTL(c) || c == ';') {
            return 0;
        }
    }
    return 1;
}

static void add_purge(apr_pool_t *p, apr_array_header_t *out,
                      const char *nv, const char *path, const char *domain,
                      int secure, int partitioned)
{
    APR_ARRAY_PUSH(out, const char *) =
        apr_pstrcat(p, nv, "; Path=", path,
                    domain ? "; Domain=" : "", domain ? domain : "",
                    "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
                    secure ? "; Secure" : "",
                    partitioned ? "; Partitioned" : "", NULL);
}

void cc_purge_values(apr_pool_t *p, const char *name, apr_size_t name_len,
                     const cc_cookie *entry, const char *host, int https,
                     apr_array_header_t *out)
{
    const char *nv, *path = "/", *declared = NULL;
    char *h;
    int ip, host_prefix, secure;

    if (!attr_safe(name, name_len)) {
        return;                 /* no browser stores such a name */
    }
    /* A nameless cookie is overwritten by another nameless one. */
    nv = name_len > 0 ? apr_pstrcat(p, apr_pstrmemdup(p, name, name_len),
                                    "=", NULL)
                      : "=-";
    host_prefix = name_len >= 7 && cc_strncasecmp(name, "__Host-", 7) == 0;
    secure = https || host_prefix
             || (name_len >= 9 && cc_strncasecmp(name, "__Secure-", 9) == 0);
    if (entry != NULL && entry->path != NULL && entry->path[0] == '/'
        && attr_safe(entry->path, strlen(entry->path))) {
        path = entry->path;
    }
    if (host_prefix) {
        /* __Host- cookies exist only host-only, Secure, with Path=/. */
        add_purge(p, out, nv, "/", NULL, 1, 0);
        if (https) {
            add_purge(p, out, nv, "/", NULL, 1, 1);
        }
        return;
    }

    h = purge_host(p, host, &ip);
    if (entry != NULL && entry->domain != NULL && *entry->domain != '\0'
        && attr_safe(entry->domain, strlen(entry->domain))) {
        declared = entry->domain;
        add_purge(p, out, nv, path, declared, secure, 0);
        if (*declared == '.') {
            declared++;         /* compared without the leading dot */
        }
    }
    add_purge(p, out, nv, path, NULL, secure, 0);
    if (h != NULL && !ip && strchr(h, '.') != NULL) {
        /* The host itself and each parent with at least two labels:
         * www.a.example.org, a.example.org and example.org, never the bare
         * TLD. Domain=<the host> is a cookie of its own, apart from the
         * host-only one (what analytics scripts write on a bare domain). */
        const char *d = h;
        while (d != NULL) {
            if (declared == NULL || strlen(d) != strlen(declared)
                || cc_strncasecmp(d, declared, strlen(d)) != 0) {
                add_purge(p, out, nv, path, d, secure, 0);
            }
            d = strchr(d, '.');
            if (d != NULL && strchr(++d, '.') == NULL) {
                break;
            }
        }
    }
    if (https) {
        add_purge(p, out, nv, path, NULL, 1, 1);
    }
}
