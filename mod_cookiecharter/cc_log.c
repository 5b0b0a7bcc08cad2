/* Logging callback for the httpd-free core (as mod_md's md_log.c). */
#include <stdarg.h>
#include <stdio.h>

#include "cc_log.h"

static cc_log_fn *log_fn;
static void *log_baton;
static int log_level = CC_LOG_WARNING;

void cc_log_set(cc_log_fn *fn, void *baton)
{
    log_fn = fn;
    log_baton = baton;
    log_level = CC_LOG_TRACE1;
}

int cc_log_is_level(int level)
{
    return log_fn != NULL && level <= log_level;
}

void cc_log(int level, const char *file, int line, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;

    if (!cc_log_is_level(level)) {
        return;
    }
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    log_fn(log_baton, level, file, line, buf);
}
