/* cc_charter_load.c: being written */
