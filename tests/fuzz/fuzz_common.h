/* Shared by every libFuzzer target in tests/fuzz (see run.sh for the
 * pattern): APR set up once, a pool per input, a fixed charter, and a
 * check macro that aborts so libFuzzer records the input as a crash. */
#ifndef CC_FUZZ_COMMON_H
#define CC_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <apr_general.h>
#include <apr_pools.h>
#include <apr_strings.h>

#include "cc_charter.h"
#include "cc_test_charter.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define CC_FUZZ_UNUSED __attribute__((unused))

/* An invariant broken: say which and abort (libFuzzer keeps the input). */
#define CC_FUZZ_CHECK(cond)                                              \
    do {                                                                 \
        if (!(cond)) {                                                   \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__,   \
                    __LINE__, #cond);                                    \
            abort();                                                     \
        }                                                                \
    } while (0)

static apr_pool_t *cc_fuzz_root;

/* The charter the cookie, consent and form targets judge against: the
 * unit tests' one (see cc_test_charter.h). */
static const char cc_fuzz_charter_yaml[] = CC_TEST_CHARTER_YAML;

static CC_FUZZ_UNUSED const cc_charter *cc_fuzz_charter;

/* Call first in every input; sets up APR and the charter once. */
static CC_FUZZ_UNUSED void cc_fuzz_init(void)
{
    apr_array_header_t *errors = NULL;
    cc_charter *ch = NULL;

    if (cc_fuzz_root != NULL) {
        return;
    }
    apr_initialize();
    apr_pool_create(&cc_fuzz_root, NULL);
    if (cc_charter_parse(&ch, "/fuzz/charter.yaml", cc_fuzz_charter_yaml,
                         sizeof(cc_fuzz_charter_yaml) - 1, cc_fuzz_root,
                         &errors) != APR_SUCCESS) {
        fprintf(stderr, "fuzz charter does not load: %s\n",
                errors && errors->nelts
                    ? APR_ARRAY_IDX(errors, 0, const char *) : "?");
        abort();
    }
    cc_fuzz_charter = ch;
}

/* A pool for one input; destroy it at the end of the input. */
static CC_FUZZ_UNUSED apr_pool_t *cc_fuzz_pool(void)
{
    apr_pool_t *p;

    apr_pool_create(&p, cc_fuzz_root);
    return p;
}

/* A copy of the input that is NUL-terminated (libFuzzer's is not). */
static CC_FUZZ_UNUSED char *cc_fuzz_cstr(apr_pool_t *p, const uint8_t *data,
                                         size_t size)
{
    char *s = apr_palloc(p, size + 1);

    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

static CC_FUZZ_UNUSED const cc_category *cc_fuzz_cat(const char *id)
{
    return cc_charter_category(cc_fuzz_charter, id, strlen(id));
}

#endif
