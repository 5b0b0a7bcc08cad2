/* Runs every suite of the core's unit tests (make check). */
#include <stdlib.h>
#include <string.h>
#include <apr_file_info.h>
#include <apr_general.h>
#include <apr_strings.h>

#include "cc_unit.h"
#include "cc_charter.h"
#include "../fuzz/cc_test_charter.h"

/* Shared with the fuzzers: tests/fuzz/cc_test_charter.h. */
static const char test_yaml[] = CC_TEST_CHARTER_YAML;

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

const cc_charter *cc_unit_charter_text(const char *name, const char *yaml)
{
    cc_charter *ch = NULL;
    apr_array_header_t *errors = NULL;
    apr_status_t rv = cc_charter_parse(&ch, name, yaml, strlen(yaml),
                                       cc_test_pool, &errors);

    ck_assert_msg(rv == APR_SUCCESS, "charter %s: %s", name,
                  errors && errors->nelts
                      ? APR_ARRAY_IDX(errors, 0, const char *) : "?");
    return ch;
}

const cc_charter *cc_unit_test_charter(void)
{
    return cc_unit_charter_text("/test/unit.yaml", test_yaml);
}

cc_mask cc_unit_bit(const cc_charter *ch, const char *id)
{
    const cc_category *c = cc_charter_category(ch, id, strlen(id));

    ck_assert_ptr_nonnull(c);
    return CC_MASK_BIT(c->index);
}

/* Loads into OUT the .yaml files of DIR whose name starts with PREFIX;
 * a missing DIR adds nothing. */
static void real_charters(const char *dir, const char *prefix,
                          apr_array_header_t *out)
{
    apr_dir_t *d;
    apr_finfo_t fi;

    if (apr_dir_open(&d, cc_unit_path(dir), cc_test_pool) != APR_SUCCESS) {
        return;
    }
    while (apr_dir_read(&fi, APR_FINFO_NAME | APR_FINFO_TYPE, d)
           == APR_SUCCESS) {
        size_t n = strlen(fi.name);
        if (fi.filetype == APR_REG && n > 5
            && strncmp(fi.name, prefix, strlen(prefix)) == 0
            && strcmp(fi.name + n - 5, ".yaml") == 0) {
            APR_ARRAY_PUSH(out, const cc_charter *) = cc_unit_charter(
                apr_pstrcat(cc_test_pool, dir, "/", fi.name, NULL));
        }
    }
    apr_dir_close(d);
}

apr_array_header_t *cc_unit_real_charters(void)
{
    apr_array_header_t *a = apr_array_make(cc_test_pool, 8,
                                           sizeof(const cc_charter *));

    real_charters("conf", "charter-", a);
    real_charters("tests/charters/good", "", a);
    return a;
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
