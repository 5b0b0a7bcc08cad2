/* cc_form.c: being written */
