/* Unit tests: consent. */
#include "cc_unit.h"

Suite *suite_consent(void)
{
    Suite *s = suite_create("consent");
    return s;
}
