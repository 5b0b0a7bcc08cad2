/* Hashing, base64url, JSON and HTML escaping for the core. */
#include <string.h>

#include <apr_base64.h>
#include <openssl/evp.h>

#include "cc_util.h"

const char *cc_sha256_hex_parts(apr_pool_t *p, const void *const *data,
                                const apr_size_t *lens, int n)
{
    static const char hex[] = "0123456789abcdef";
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0, i;
    char *out;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    int k, ok = ctx != NULL && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);

    for (k = 0; ok && k < n; k++) {
        ok = EVP_DigestUpdate(ctx, data[k], lens[k]);
    }
    ok = ok && EVP_DigestFinal_ex(ctx, md, &mdlen);
    EVP_MD_CTX_free(ctx);
    if (!ok) {
        return NULL;
    }
    out = apr_palloc(p, mdlen * 2 + 1);
    for (i = 0; i < mdlen; i++) {
        out[2 * i] = hex[md[i] >> 4];
        out[2 * i + 1] = hex[md[i] & 15];
    }
    out[2 * mdlen] = '\0';
    return out;
}

const char *cc_sha256_hex(apr_pool_t *p, const void *data, apr_size_t len)
{
    return cc_sha256_hex_parts(p, &data, &len, 1);
}

const char *cc_base64url(apr_pool_t *p, const unsigned char *data,
                         apr_size_t len)
{
    char *out = apr_palloc(p, apr_base64_encode_len((int)len));
    int n = apr_base64_encode_binary(out, data, (int)len);
    char *c;

    /* apr_base64 writes the standard alphabet with padding: map it. */
    for (c = out; *c; c++) {
        if (*c == '+') {
            *c = '-';
        }
        else if (*c == '/') {
            *c = '_';
        }
        else if (*c == '=') {
            *c = '\0';
            break;
        }
    }
    (void)n;
    return out;
}

/* Length of the valid UTF-8 sequence at s (1..4), 0 when invalid. */
static apr_size_t utf8_seq(const unsigned char *s, apr_size_t left)
{
    apr_size_t n, i;
    unsigned int cp;

    if (s[0] < 0x80) {
        return 1;
    }
    if (s[0] >= 0xC2 && s[0] <= 0xDF) {
        n = 2;
        cp = s[0] & 0x1F;
    }
    else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        n = 3;
        cp = s[0] & 0x0F;
    }
    else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        n = 4;
        cp = s[0] & 0x07;
    }
    else {
        return 0;
    }
    if (left < n) {
        return 0;
    }
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            return 0;
        }
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)))
        || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
        return 0;
    }
    return n;
}

int cc_utf8_valid(const char *s, apr_size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    apr_size_t i = 0, n;

    while (i < len) {
        if ((n = utf8_seq(u + i, len - i)) == 0) {
            return 0;
        }
        i += n;
    }
    return 1;
}

const char *cc_json_strn(apr_pool_t *p, const char *s, apr_size_t len)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *u = (const unsigned char *)s;
    /* Worst case: every byte becomes \uFFFD (6 bytes) or \u00XX. */
    char *out = apr_palloc(p, len * 6 + 3), *o = out;
    apr_size_t i = 0, n;

    *o++ = '"';
    while (i < len) {
        unsigned char c = u[i];
        if (c == '"' || c == '\\') {
            *o++ = '\\';
            *o++ = (char)c;
            i++;
        }
        else if (c < 0x20 || c == 0x7F || c == '<' || c == '>' || c == '&') {
            switch (c) {
            case '\n': *o++ = '\\'; *o++ = 'n'; break;
            case '\r': *o++ = '\\'; *o++ = 'r'; break;
            case '\t': *o++ = '\\'; *o++ = 't'; break;
            default:
                memcpy(o, "\\u00", 4);
                o += 4;
                *o++ = hex[c >> 4];
                *o++ = hex[c & 15];
            }
            i++;
        }
        else if ((n = utf8_seq(u + i, len - i)) > 0) {
            memcpy(o, u + i, n);
            o += n;
            i += n;
        }
        else {
            memcpy(o, "\\ufffd", 6);
            o += 6;
            i++;
        }
    }
    *o++ = '"';
    *o = '\0';
    return out;
}

const char *cc_json_str(apr_pool_t *p, const char *s)
{
    return s ? cc_json_strn(p, s, strlen(s)) : "null";
}

/* The code point of the valid UTF-8 sequence at s, whose length utf8_seq
 * gave. */
static unsigned int utf8_cp(const unsigned char *s, apr_size_t n)
{
    unsigned int cp = n == 1 ? s[0] : n == 2 ? s[0] & 0x1F
                      : n == 3 ? s[0] & 0x0F : s[0] & 0x07;
    apr_size_t i;

    for (i = 1; i < n; i++) {
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    return cp;
}

/* Not written as such into HTML or XML: C0 controls other than tab, LF and
 * CR, DEL and the C1 range (HTML maps &#128;..&#159; to windows-1252), and
 * the noncharacters XML 1.0 excludes. */
static int html_unfit(unsigned int cp)
{
    return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r')
           || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF;
}

/* Bytes that pass through cc_html_escape as they are: printable ASCII
 * but & < > " ', and tab, newline, carriage return. */
static int html_safe(unsigned char c)
{
    return (c >= 0x20 && c < 0x7F && c != '&' && c != '<' && c != '>'
            && c != '"' && c != '\'') || c == '\t' || c == '\n' || c == '\r';
}

/* "&#N;" for a code point, without the formatter (per request, per text). */
static char *write_ncr(char *o, unsigned int cp)
{
    char digits[8];
    int n = 0;

    do {
        digits[n++] = (char)('0' + cp % 10);
        cp /= 10;
    } while (cp);
    *o++ = '&';
    *o++ = '#';
    while (n) {
        *o++ = digits[--n];
    }
    *o++ = ';';
    return o;
}

const char *cc_html_escape(apr_pool_t *p, const char *s)
{
    const unsigned char *u = (const unsigned char *)(s ? s : "");
    apr_size_t len, i = 0, n, run;
    char *out, *o;

    /* Texts are mostly plain: nothing to change, nothing to copy. */
    while (u[i] && html_safe(u[i])) {
        i++;
    }
    if (u[i] == '\0') {
        return (const char *)u;
    }
    len = i + strlen((const char *)u + i);
    /* Worst case per input byte: "&#65533;" (8) or "&quot;" (6); a 4-byte
     * sequence gives at most "&#1114111;" (10). */
    out = o = apr_palloc(p, len * 8 + 1);
    memcpy(o, u, i);
    o += i;
    while (i < len) {
        unsigned char c = u[i];
        unsigned int cp;

        for (run = i; run < len && html_safe(u[run]); run++) {
        }
        if (run > i) {
            memcpy(o, u + i, run - i);
            o += run - i;
            i = run;
            continue;
        }
        switch (c) {
        case '&': memcpy(o, "&amp;", 5); o += 5; i++; continue;
        case '<': memcpy(o, "&lt;", 4); o += 4; i++; continue;
        case '>': memcpy(o, "&gt;", 4); o += 4; i++; continue;
        case '"': memcpy(o, "&quot;", 6); o += 6; i++; continue;
        case '\'': memcpy(o, "&#39;", 5); o += 5; i++; continue;
        default: break;
        }
        n = utf8_seq(u + i, len - i);
        if (n == 0) {
            cp = 0xFFFD;
            n = 1;
        }
        else {
            cp = utf8_cp(u + i, n);
            if (html_unfit(cp)) {
                cp = 0xFFFD;
            }
        }
        i += n;
        o = write_ncr(o, cp);
    }
    *o = '\0';
    return out;
}

int cc_strncasecmp(const char *a, const char *b, apr_size_t n)
{
    apr_size_t i;

    for (i = 0; i < n; i++) {
        int ca = CC_LOWER((unsigned char)a[i]), cb = CC_LOWER((unsigned char)b[i]);
        if (ca != cb) {
            return ca - cb;
        }
        if (ca == 0) {
            return 0;
        }
    }
    return 0;
}
