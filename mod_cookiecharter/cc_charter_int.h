/* Between the charter's loader and its index: not for other files. */
#ifndef CC_CHARTER_INT_H
#define CC_CHARTER_INT_H

#include "cc_charter.h"

/* Where an entry was written, for error messages. */
typedef struct cc_charter_pos {
    int line;
    int col;
} cc_charter_pos;

/* Reports one error at a position of the file. */
typedef void cc_charter_err_fn(void *baton, cc_charter_pos pos,
                               const char *msg);

/* Builds ch->lookup (cookie names, globs, hosts) and checks the rules that
 * span cookies: a name that two categories can match, and the consent
 * cookie in an optional category. name_pos[i] is where cookie i's name is
 * written. Adds the implicit consent-cookie entry when it is not declared.
 * Returns the number of errors reported. */
int cc_charter_index_build(cc_charter *ch, apr_pool_t *p, apr_pool_t *ptemp,
                           const cc_charter_pos *name_pos,
                           cc_charter_err_fn *err, void *baton);

/* The built-in banner texts of a language ("fr", "en", or a tag whose
 * primary subtag is one of them), NULL when there are none. */
const char *const *cc_charter_builtin_texts(const char *lang);

#endif
