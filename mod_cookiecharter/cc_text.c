/* cc_text.c: being written */
