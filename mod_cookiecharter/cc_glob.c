/* Cookie-name globs: validation, matching and the overlap test used to
 * reject charters where one name could belong to two categories. */
#include <string.h>

#include "cc_glob.h"

#define CC_GLOB_MAX 256

/* RFC 6265 cookie-name = token (RFC 2616): CHAR except CTLs and
 * separators. '?' is a separator there but a wildcard here. */
static int name_char(unsigned char c)
{
    if (c <= 0x20 || c >= 0x7f) {
        return 0;
    }
    return strchr("()<>@,;:\\\"/[]?={}", c) == NULL;
}

int cc_glob_valid(const char *s)
{
    apr_size_t n = 0;

    if (s == NULL) {
        return 0;
    }
    for (; s[n]; n++) {
        unsigned char c = (unsigned char)s[n];
        if (n >= CC_GLOB_MAX || !(name_char(c) || c == '?')) {
            return 0;
        }
    }
    return n > 0;
}

int cc_glob_has_wildcard(const char *s)
{
    return strpbrk(s, "*?") != NULL;
}

int cc_glob_match(const char *glob, const char *name, apr_size_t len)
{
    const char *g = glob, *star = NULL;
    apr_size_t i = 0, mark = 0;

    /* Two pointers; on a mismatch go back to just after the last '*' and
     * let it swallow one more character. */
    while (i < len) {
        if (*g == '*') {
            star = ++g;
            mark = i;
        }
        else if (*g && (*g == '?' || *g == name[i])) {
            g++;
            i++;
        }
        else if (star) {
            g = star;
            i = ++mark;
        }
        else {
            return 0;
        }
    }
    while (*g == '*') {
        g++;
    }
    return *g == '\0';
}

/* Is there a string matched by both patterns? reach[i][j] says that a
 * common prefix can bring a to position i and b to position j; it is
 * computed row by row over a, keeping two rows. Moves: a '*' matches the
 * empty string (advance past it), or absorbs the character the other side
 * produces (the other side advances); two non-stars advance together when
 * compatible ('?' takes anything). */
int cc_glob_overlap(const char *a, const char *b)
{
    unsigned char rows[2][CC_GLOB_MAX + 1];
    apr_size_t la = strlen(a), lb = strlen(b), i, j;
    unsigned char *prev, *cur;

    if (la > CC_GLOB_MAX || lb > CC_GLOB_MAX) {
        return 1;   /* not valid globs; say "overlap" to stay safe */
    }
    for (i = 0; i <= la; i++) {
        cur = rows[i & 1];
        prev = rows[(i + 1) & 1];   /* row i-1 */
        for (j = 0; j <= lb; j++) {
            unsigned char r = 0;

            if (i == 0 && j == 0) {
                r = 1;
            }
            if (!r && i > 0) {
                /* a[i-1] matched empty, or b[j] (a star) ate a[i-1]. */
                if (prev[j] && (a[i - 1] == '*' || (j < lb && b[j] == '*'))) {
                    r = 1;
                }
                else if (j > 0 && prev[j - 1] && a[i - 1] != '*'
                         && b[j - 1] != '*'
                         && (a[i - 1] == b[j - 1] || a[i - 1] == '?'
                             || b[j - 1] == '?')) {
                    r = 1;
                }
            }
            if (!r && j > 0 && cur[j - 1]
                && (b[j - 1] == '*' || (i < la && a[i] == '*'))) {
                /* b[j-1] matched empty, or a[i] (a star) ate b[j-1]. */
                r = 1;
            }
            cur[j] = r;
        }
    }
    return rows[la & 1][lb];
}
