/* cc_charter_index.c: being written */
