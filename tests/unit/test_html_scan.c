/* Unit tests: html_scan. */
#include "cc_unit.h"

Suite *suite_html_scan(void)
{
    Suite *s = suite_create("html_scan");
    return s;
}
