/* cc_glob.c: being written */
