/* The core's unit tests: one Check suite per core file. */
#ifndef CC_UNIT_H
#define CC_UNIT_H

#include <check.h>
#include <apr_pools.h>
#include <apr_tables.h>

#include "cc_charter.h"

Suite *suite_text(void);
Suite *suite_charter(void);
Suite *suite_consent(void);
Suite *suite_cookie(void);
Suite *suite_form(void);
Suite *suite_html_scan(void);
Suite *suite_render(void);

/* A pool for the running test, cleared between tests. */
extern apr_pool_t *cc_test_pool;
void cc_unit_setup(void);
void cc_unit_teardown(void);

/* Path of a file under the source tree (CC_SRCDIR). */
const char *cc_unit_path(const char *rel);

/* Load a charter from a file under the source tree (REL as for
 * cc_unit_path); fails the test on error. */
const cc_charter *cc_unit_charter(const char *rel);

/* Parse a charter from YAML text, NAME standing for its file in messages;
 * fails the test on error. */
const cc_charter *cc_unit_charter_text(const char *name, const char *yaml);

/* The charter the consent, cookie and form tests (and the fuzzers) share,
 * tests/fuzz/cc_test_charter.h: categories necessary (required),
 * preferences, statistics (default granted) and marketing; consent cookie
 * cookies_preferences kept 182 days; cookies with exact names, globs, a
 * declared domain and path, prefixed names. */
const cc_charter *cc_unit_test_charter(void);

/* The mask bit of category ID of CH; fails the test if there is none. */
cc_mask cc_unit_bit(const cc_charter *ch, const char *id);

/* Every real charter there is, loaded (const cc_charter *): those of
 * conf/ named charter-NAME.yaml and every .yaml of tests/charters/good. */
apr_array_header_t *cc_unit_real_charters(void);

#endif
