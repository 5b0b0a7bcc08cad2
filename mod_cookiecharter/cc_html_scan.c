/* cc_html_scan.c: being written */
