/* mod_cookiecharter: the module record and its hooks. */
#include "httpd.h"
#include "http_config.h"

static void register_hooks(apr_pool_t *p)
{
}

AP_DECLARE_MODULE(cookiecharter) = {
    STANDARD20_MODULE_STUFF,
    NULL, NULL, NULL, NULL, NULL,
    register_hooks,
#if AP_MODULE_MAGIC_AT_LEAST(20120211, 70)
    AP_MODULE_FLAG_NONE
#endif
};
