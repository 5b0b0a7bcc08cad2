/* cc_config.c: being written */
