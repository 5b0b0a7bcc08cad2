/* cc_handlers.c: being written */
