/* Runs every suite of the core's unit tests (make check). */
#include <stdlib.h>
#include <apr_general.h>
#include <apr_strings.h>

#include "cc_unit.h"
#include "cc_charter.h"

apr_pool_t *cc_test_pool;
static apr_pool_t *root_pool;

void cc_unit_setup(void)
{
    apr_pool_create(&cc_test_pool, root_pool);
}

void cc_unit_teardown(void)
{
    apr_pool_destroy(cc_test_pool);
    cc_test_pool = NULL;
}

const char *cc_unit_path(const char *rel)
{
    return apr_pstrcat(cc_test_pool, CC_SRCDIR, "/", rel, NULL);
}

const cc_charter *cc_unit_charter(const char *rel)
{
    cc_charter *ch = NULL;
    apr_array_header_t *errors = NULL;
    apr_status_t rv = cc_charter_load(&ch, cc_unit_path(rel), cc_test_pool,
                                      &errors);
    if (rv != APR_SUCCESS) {
        ck_abort_msg("charter %s: %s", rel,
                     errors && errors->nelts
                         ? APR_ARRAY_IDX(errors, 0, const char *) : "?");
    }
    return ch;
}

int main(void)
{
    SRunner *sr;
    int failed;

    apr_initialize();
    atexit(apr_terminate);
    apr_pool_create(&root_pool, NULL);

    sr = srunner_create(suite_text());
    srunner_add_suite(sr, suite_charter());
    srunner_add_suite(sr, suite_consent());
    srunner_add_suite(sr, suite_cookie());
    srunner_add_suite(sr, suite_form());
    srunner_add_suite(sr, suite_html_scan());
    srunner_add_suite(sr, suite_render());
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
