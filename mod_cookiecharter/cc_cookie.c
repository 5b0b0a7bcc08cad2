/* cc_cookie.c: being written */
