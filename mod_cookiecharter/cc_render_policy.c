/* cc_render_policy.c: being written */
