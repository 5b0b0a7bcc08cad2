/* The core's only way to speak: a callback set once at startup.
 * The httpd glue forwards to ap_log_error; unit tests collect the lines.
 * Levels are syslog's, as in httpd (APLOG_ERR == CC_LOG_ERR, ...). */
#ifndef CC_LOG_H
#define CC_LOG_H

#define CC_LOG_ERR     3
#define CC_LOG_WARNING 4
#define CC_LOG_NOTICE  5
#define CC_LOG_INFO    6
#define CC_LOG_DEBUG   7
#define CC_LOG_TRACE1  8

typedef void cc_log_fn(void *baton, int level, const char *file, int line,
                       const char *msg);

/* Not thread-safe: call before any thread starts (pre_config). */
void cc_log_set(cc_log_fn *fn, void *baton);

int cc_log_is_level(int level);
void cc_log(int level, const char *file, int line, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 4, 5)))
#endif
    ;

#define CC_LOG_MARK __FILE__, __LINE__

#endif
