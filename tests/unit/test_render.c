/* Unit tests: render. */
#include "cc_unit.h"

Suite *suite_render(void)
{
    Suite *s = suite_create("render");
    return s;
}
