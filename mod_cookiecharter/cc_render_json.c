/* cc_render_json.c: being written */
