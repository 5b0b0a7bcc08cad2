/* Unit tests: cookie. */
#include "cc_unit.h"

Suite *suite_cookie(void)
{
    Suite *s = suite_create("cookie");
    return s;
}
