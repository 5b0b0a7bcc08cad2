/* Texts in several languages, and the choice of a language (RFC 4647). */
#ifndef CC_TEXT_H
#define CC_TEXT_H

#include <apr_pools.h>

/* A text of the charter: one UTF-8 string per charter language, in the
 * order of the charter's `languages`. After loading, every slot is set
 * (a missing language falls back to the first), or v is NULL when the text
 * is absent altogether (an optional text such as a cookie's duration). */
typedef struct cc_text {
    const char *const *v;
} cc_text;

#define cc_text_get(t, lang) ((t)->v ? (t)->v[(lang)] : NULL)
#define cc_text_isset(t) ((t)->v != NULL)

/* RFC 4647 section 3.4 lookup of an Accept-Language header against the
 * supported language tags: ranges by descending q (stable), q=0 excluded,
 * each range shortened from the right ("en-GB" finds "en"), '*' ignored.
 * Returns the index into langs, or 0 (the default) when nothing matches.
 * Never fails: a malformed header means the default. */
int cc_lang_negotiate(const char *const *langs, int nlangs,
                      const char *accept_language);

/* The q of the best entry of an Accept header that matches `type`
 * ("application/json"), `type/ *` or `* / *` style ranges are matched
 * as written; returns q in thousandths (0..1000), -1 when absent.
 * Used for P/consent's JSON mode. */
int cc_accept_q(const char *accept, const char *media_type);

#endif
