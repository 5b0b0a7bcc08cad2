/* cc_filter_cookies.c: being written */
