/* cc_html_rewrite.c: being written */
