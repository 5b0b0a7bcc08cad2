/* Language negotiation (RFC 4647 lookup over Accept-Language) and the q
 * of a media type in Accept. Both parse untrusted headers without
 * allocating: bounded entry counts, anything odd means "no preference". */
#include <string.h>

#include "cc_text.h"
#include "cc_util.h"

#define CC_MAX_RANGES 32

typedef struct {
    const char *s;
    apr_size_t len;
    int q;                      /* thousandths */
} cc_range;

static int is_ows(char c)
{
    return c == ' ' || c == '\t';
}

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ), as
 * thousandths; -1 when malformed. */
static int parse_q(const char *s, apr_size_t len)
{
    int q, scale = 100;
    apr_size_t i;

    if (len == 0 || (s[0] != '0' && s[0] != '1')) {
        return -1;
    }
    q = (s[0] - '0') * 1000;
    if (len == 1) {
        return q;
    }
    if (s[1] != '.' || len > 5) {
        return -1;
    }
    for (i = 2; i < len; i++) {
        if (!is_digit(s[i])) {
            return -1;
        }
        q += (s[i] - '0') * scale;
        scale /= 10;
    }
    return q > 1000 ? -1 : q;
}

/* Trim optional whitespace from both ends of [*s, *s + *len). */
static void trim(const char **s, apr_size_t *len)
{
    while (*len && is_ows(**s)) {
        (*s)++;
        (*len)--;
    }
    while (*len && is_ows((*s)[*len - 1])) {
        (*len)--;
    }
}

/* Split one list element "value;param;param" into its value and its q
 * (1000 when absent). Returns 0 when a q parameter is malformed. Other
 * parameters are ignored. */
static int split_element(const char *e, apr_size_t elen, const char **v,
                         apr_size_t *vlen, int *q)
{
    const char *semi = memchr(e, ';', elen);

    *q = 1000;
    *v = e;
    *vlen = semi ? (apr_size_t)(semi - e) : elen;
    trim(v, vlen);
    while (semi) {
        const char *p = semi + 1;
        apr_size_t plen = elen - (apr_size_t)(p - e);

        semi = memchr(p, ';', plen);
        if (semi) {
            plen = (apr_size_t)(semi - p);
        }
        trim(&p, &plen);
        if (plen >= 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
            *q = parse_q(p + 2, plen - 2);
            if (*q < 0) {
                return 0;
            }
        }
    }
    return 1;
}

/* language-range = (1*8ALPHA *("-" 1*8alphanum)) / "*" */
static int valid_range(const char *s, apr_size_t len)
{
    apr_size_t i, run = 0;

    if (len == 1 && s[0] == '*') {
        return 1;
    }
    for (i = 0; i < len; i++) {
        if (s[i] == '-') {
            if (run == 0) {
                return 0;
            }
            run = 0;
        }
        else if (is_alpha(s[i]) || (i > 0 && is_digit(s[i]))) {
            if (++run > 8) {
                return 0;
            }
        }
        else {
            return 0;
        }
    }
    return run > 0;
}

static int find_lang(const char *const *langs, int nlangs, const char *s,
                     apr_size_t len)
{
    int i;

    for (i = 0; i < nlangs; i++) {
        if (strlen(langs[i]) == len && cc_strncasecmp(langs[i], s, len) == 0) {
            return i;
        }
    }
    return -1;
}

int cc_lang_negotiate(const char *const *langs, int nlangs,
                      const char *accept_language)
{
    cc_range r[CC_MAX_RANGES];
    int n = 0, i, j;
    const char *s = accept_language;

    if (s == NULL || nlangs <= 1) {
        return 0;
    }
    while (*s) {
        const char *comma = strchr(s, ',');
        apr_size_t elen = comma ? (apr_size_t)(comma - s) : strlen(s);
        const char *v;
        apr_size_t vlen;
        int q;

        if (!split_element(s, elen, &v, &vlen, &q)) {
            return 0;
        }
        if (vlen > 0) {
            if (!valid_range(v, vlen)) {
                return 0;
            }
            if (n < CC_MAX_RANGES && q > 0) {
                r[n].s = v;
                r[n].len = vlen;
                r[n].q = q;
                n++;
            }
        }
        if (!comma) {
            break;
        }
        s = comma + 1;
    }
    /* Stable insertion sort by descending q. */
    for (i = 1; i < n; i++) {
        cc_range t = r[i];
        for (j = i; j > 0 && r[j - 1].q < t.q; j--) {
            r[j] = r[j - 1];
        }
        r[j] = t;
    }
    for (i = 0; i < n; i++) {
        apr_size_t len = r[i].len;

        if (len == 1 && r[i].s[0] == '*') {
            continue;
        }
        /* RFC 4647 3.4: shorten from the right, dropping a trailing
         * singleton along with its subtag. */
        while (len > 0) {
            int k = find_lang(langs, nlangs, r[i].s, len);
            if (k >= 0) {
                return k;
            }
            while (len > 0 && r[i].s[len - 1] != '-') {
                len--;
            }
            if (len > 0) {
                len--;
            }
            if (len >= 2 && r[i].s[len - 2] == '-') {
                len -= 2;
            }
        }
    }
    return 0;
}

int cc_accept_q(const char *accept, const char *media_type)
{
    const char *s = accept;
    apr_size_t mlen;
    int best = -1;

    if (s == NULL || media_type == NULL) {
        return -1;
    }
    mlen = strlen(media_type);
    while (*s) {
        const char *comma = strchr(s, ',');
        apr_size_t elen = comma ? (apr_size_t)(comma - s) : strlen(s);
        const char *v;
        apr_size_t vlen;
        int q;

        /* An entry with a malformed q says nothing: skip it. */
        if (split_element(s, elen, &v, &vlen, &q)
            && vlen == mlen && cc_strncasecmp(v, media_type, mlen) == 0
            && q > best) {
            best = q;
        }
        if (!comma) {
            break;
        }
        s = comma + 1;
    }
    return best;
}
