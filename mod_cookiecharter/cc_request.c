/* cc_request.c: being written */
