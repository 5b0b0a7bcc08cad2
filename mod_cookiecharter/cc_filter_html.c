/* cc_filter_html.c: being written */
