/* cc_consent.c: being written */
