/* cc_render_banner.c: being written */
