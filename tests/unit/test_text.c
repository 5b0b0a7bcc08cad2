/* Unit tests: text. */
#include "cc_unit.h"

Suite *suite_text(void)
{
    Suite *s = suite_create("text");
    return s;
}
