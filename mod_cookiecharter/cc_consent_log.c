/* cc_consent_log.c: being written */
