/* The core's unit tests: one Check suite per core file. */
#ifndef CC_UNIT_H
#define CC_UNIT_H

#include <check.h>
#include <apr_pools.h>

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

/* Load a charter from tests/charters/NAME or conf/NAME; fails the test on
 * error. */
struct cc_charter;
const struct cc_charter *cc_unit_charter(const char *rel);

#endif
