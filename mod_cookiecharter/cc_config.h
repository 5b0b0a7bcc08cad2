/* Directives and their merged values (section 2), mod_h2 style: every field
 * starts unset, merges child-over-parent, and typed getters fill defaults,
 * so "unset" never reaches a caller. */
#ifndef CC_CONFIG_H
#define CC_CONFIG_H

#include "httpd.h"
#include "http_config.h"

#include "cc_charter.h"

typedef struct cc_proof_log cc_proof_log;   /* cc_consent_log.c */

/* Per server (virtual host). */
typedef struct cc_srv_conf {
    const cc_charter *charter;      /* NULL: unset (inherited) */
    const char *charter_file;       /* where it came from, for messages */
    const char *path;               /* CookieCharterPath; NULL: unset */
    int path_set;
    const char *log_spec;           /* CookieCharterConsentLog; NULL: unset */
    cc_proof_log *log;              /* opened in open_logs */
    const char *v;                  /* banner version V for this charter */
    /* Rendered at startup by cc_filter_html_prerender(), read-only after:
     * the asset tags, and the banner per language x (page, cross-site
     * frame). NULL without a charter or endpoints. */
    const char *assets;
    apr_size_t assets_len;
    const struct cc_tpl *const *banner;
} cc_srv_conf;

/* Per directory; also holds the server-wide values given outside any
 * <Directory>/<Location>. -1: unset. */
typedef struct cc_dir_conf {
    int enabled;                    /* CookieCharter */
    int report;                     /* CookieCharterMode report */
    int allow_undeclared;           /* CookieCharterUndeclared allow */
    int purge;                      /* CookieCharterPurge */
    int strip;                      /* CookieCharterStripRequestCookies */
    int gpc;                        /* CookieCharterGPC */
} cc_dir_conf;

extern const command_rec cc_cmds[];

void *cc_create_srv_conf(apr_pool_t *p, server_rec *s);
void *cc_merge_srv_conf(apr_pool_t *p, void *basev, void *addv);
void *cc_create_dir_conf(apr_pool_t *p, char *dir);
void *cc_merge_dir_conf(apr_pool_t *p, void *basev, void *addv);

/* Typed getters: defaults filled in. */
cc_srv_conf *cc_srv(const server_rec *s);
const cc_dir_conf *cc_dir(const request_rec *r);
int cc_dir_enabled(const cc_dir_conf *d);          /* default Off */
int cc_dir_report(const cc_dir_conf *d);           /* default enforce */
int cc_dir_allow_undeclared(const cc_dir_conf *d); /* default block */
int cc_dir_purge(const cc_dir_conf *d);            /* default On */
int cc_dir_strip(const cc_dir_conf *d);            /* default Off */
int cc_dir_gpc(const cc_dir_conf *d);              /* default On */
/* The endpoint prefix without trailing slash, or NULL for `none`. */
const char *cc_srv_path(const cc_srv_conf *sc);

/* Rules that span directives, from check_config: CookieCharter On in a
 * server without a charter. Returns OK or !OK after logging. */
int cc_config_check(apr_pool_t *pconf, server_rec *s);

/* The merged per-dir values as one line, for the trace log and tests. */
const char *cc_dir_describe(apr_pool_t *p, const cc_dir_conf *d);

#endif
