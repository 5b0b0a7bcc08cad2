/* Unit tests: charter. */
#include "cc_unit.h"

Suite *suite_charter(void)
{
    Suite *s = suite_create("charter");
    return s;
}
