/* Unit tests: form. */
#include "cc_unit.h"

Suite *suite_form(void)
{
    Suite *s = suite_create("form");
    return s;
}
