/* Directives (contract section 2): parsing, validation, merging. */
#include <string.h>

#include "httpd.h"
#include "http_config.h"
#include "http_core.h"
#include "http_log.h"
#include "apr_strings.h"

#include "cc_assets.h"
#include "cc_private.h"

#define UNSET (-1)
#define PICK(add, base, f) ((add)->f != UNSET ? (add)->f : (base)->f)
#define DEFAULT(v, def) ((v) != UNSET ? (v) : (def))

void *cc_create_srv_conf(apr_pool_t *p, server_rec *s)
{
    return apr_pcalloc(p, sizeof(cc_srv_conf));
}

void *cc_merge_srv_conf(apr_pool_t *p, void *basev, void *addv)
{
    const cc_srv_conf *base = basev, *add = addv;
    cc_srv_conf *n = apr_pcalloc(p, sizeof(*n));

    /* A virtual host without its own charter inherits the main server's,
     * with its version, like other per-server settings do. */
    if (add->charter) {
        n->charter = add->charter;
        n->charter_file = add->charter_file;
        n->v = add->v;
    }
    else {
        n->charter = base->charter;
        n->charter_file = base->charter_file;
        n->v = base->v;
    }
    n->path_set = add->path_set || base->path_set;
    n->path = add->path_set ? add->path : base->path;
    n->log_spec = add->log_spec ? add->log_spec : base->log_spec;
    return n;
}

void *cc_create_dir_conf(apr_pool_t *p, char *dir)
{
    cc_dir_conf *d = apr_palloc(p, sizeof(*d));

    d->enabled = d->report = d->allow_undeclared = UNSET;
    d->purge = d->strip = d->gpc = UNSET;
    return d;
}

void *cc_merge_dir_conf(apr_pool_t *p, void *basev, void *addv)
{
    const cc_dir_conf *base = basev, *add = addv;
    cc_dir_conf *n = apr_palloc(p, sizeof(*n));

    n->enabled = PICK(add, base, enabled);
    n->report = PICK(add, base, report);
    n->allow_undeclared = PICK(add, base, allow_undeclared);
    n->purge = PICK(add, base, purge);
    n->strip = PICK(add, base, strip);
    n->gpc = PICK(add, base, gpc);
    return n;
}

cc_srv_conf *cc_srv(const server_rec *s)
{
    return ap_get_module_config(s->module_config, &cookiecharter_module);
}

const cc_dir_conf *cc_dir(const request_rec *r)
{
    return ap_get_module_config(r->per_dir_config, &cookiecharter_module);
}

int cc_dir_enabled(const cc_dir_conf *d)          { return DEFAULT(d->enabled, 0); }
int cc_dir_report(const cc_dir_conf *d)           { return DEFAULT(d->report, 0); }
int cc_dir_allow_undeclared(const cc_dir_conf *d) { return DEFAULT(d->allow_undeclared, 0); }
int cc_dir_purge(const cc_dir_conf *d)            { return DEFAULT(d->purge, 1); }
int cc_dir_strip(const cc_dir_conf *d)            { return DEFAULT(d->strip, 0); }
int cc_dir_gpc(const cc_dir_conf *d)              { return DEFAULT(d->gpc, 1); }

const char *cc_srv_path(const cc_srv_conf *sc)
{
    return sc->path_set ? sc->path : "/cookiecharter";
}

const char *cc_dir_describe(apr_pool_t *p, const cc_dir_conf *d)
{
    return apr_psprintf(p, "CookieCharter=%s Mode=%s Undeclared=%s Purge=%s "
                        "StripRequestCookies=%s GPC=%s",
                        cc_dir_enabled(d) ? "On" : "Off",
                        cc_dir_report(d) ? "report" : "enforce",
                        cc_dir_allow_undeclared(d) ? "allow" : "block",
                        cc_dir_purge(d) ? "On" : "Off",
                        cc_dir_strip(d) ? "On" : "Off",
                        cc_dir_gpc(d) ? "On" : "Off");
}

/* ---- directive handlers ---- */

static const char *set_flag(cmd_parms *cmd, void *dcfg, int flag)
{
    cc_dir_conf *d = dcfg;
    /* cmd->info names the field, as ap_set_flag_slot would. */
    *(int *)((char *)d + (apr_size_t)cmd->info) = flag ? 1 : 0;
    return NULL;
}

static const char *set_mode(cmd_parms *cmd, void *dcfg, const char *arg)
{
    cc_dir_conf *d = dcfg;

    if (!strcasecmp(arg, "enforce")) {
        d->report = 0;
    }
    else if (!strcasecmp(arg, "report")) {
        d->report = 1;
    }
    else {
        return apr_psprintf(cmd->pool, "%s must be enforce or report, not '%s'",
                            cmd->cmd->name, arg);
    }
    return NULL;
}

static const char *set_undeclared(cmd_parms *cmd, void *dcfg, const char *arg)
{
    cc_dir_conf *d = dcfg;

    if (!strcasecmp(arg, "block")) {
        d->allow_undeclared = 0;
    }
    else if (!strcasecmp(arg, "allow")) {
        d->allow_undeclared = 1;
    }
    else {
        return apr_psprintf(cmd->pool, "%s must be block or allow, not '%s'",
                            cmd->cmd->name, arg);
    }
    return NULL;
}

static const char *set_file(cmd_parms *cmd, void *dcfg, const char *arg)
{
    cc_srv_conf *sc = cc_srv(cmd->server);
    const char *path = ap_server_root_relative(cmd->pool, arg);
    apr_array_header_t *errors = NULL;
    cc_charter *ch = NULL;
    const char *err = ap_check_cmd_context(cmd, NOT_IN_DIR_CONTEXT);

    if (err) {
        return err;
    }
    if (path == NULL) {
        return apr_psprintf(cmd->pool, "%s: invalid path '%s'",
                            cmd->cmd->name, arg);
    }
    if (sc->charter) {
        return apr_psprintf(cmd->pool, "%s given twice for this server "
                            "(first: %s)", cmd->cmd->name, sc->charter_file);
    }
    /* Loaded now, so `apachectl -t` reports every charter error and the
     * server never runs with a half-loaded charter. */
    if (cc_charter_load(&ch, path, cmd->pool, &errors) != APR_SUCCESS) {
        int i;

        /* httpd escapes newlines in a directive's message: each error goes
         * out as a line of its own, ABSPATH:LINE:COLUMN first. */
        for (i = 0; errors && i < errors->nelts; i++) {
            ap_log_error(APLOG_MARK, APLOG_STARTUP | APLOG_CRIT, 0, NULL,
                         "%s", APR_ARRAY_IDX(errors, i, const char *));
        }
        return apr_psprintf(cmd->pool, "%s: %d error(s) in the charter %s",
                            cmd->cmd->name, errors ? errors->nelts : 0, path);
    }
    sc->charter = ch;
    sc->charter_file = path;
    sc->v = cc_assets_version(cmd->pool, ch);
    return NULL;
}

static const char *set_path(cmd_parms *cmd, void *dcfg, const char *arg)
{
    cc_srv_conf *sc = cc_srv(cmd->server);
    const char *err = ap_check_cmd_context(cmd, NOT_IN_DIR_CONTEXT);
    apr_size_t len = strlen(arg);
    const char *c;

    if (err) {
        return err;
    }
    sc->path_set = 1;
    if (!strcasecmp(arg, "none")) {
        sc->path = NULL;
        return NULL;
    }
    while (len > 1 && arg[len - 1] == '/') {
        len--;
    }
    if (arg[0] != '/' || len < 2) {
        return apr_psprintf(cmd->pool, "%s must be a URL path such as "
                            "/cookiecharter, or none, not '%s'",
                            cmd->cmd->name, arg);
    }
    for (c = arg; c < arg + len; c++) {
        if (*c <= 0x20 || *c >= 0x7F || *c == '?' || *c == '#'
            || *c == '%' || *c == '\\' || (*c == '/' && c[1] == '/')) {
            return apr_psprintf(cmd->pool, "%s: '%s' is not a plain URL "
                                "path (no spaces, query, fragment, %%, \\ "
                                "or //)", cmd->cmd->name, arg);
        }
    }
    sc->path = apr_pstrndup(cmd->pool, arg, len);
    return NULL;
}

static const char *set_log(cmd_parms *cmd, void *dcfg, const char *arg)
{
    cc_srv_conf *sc = cc_srv(cmd->server);
    const char *err = ap_check_cmd_context(cmd, NOT_IN_DIR_CONTEXT);

    if (err) {
        return err;
    }
    if (!*arg || (arg[0] == '|' && !arg[1 + strspn(arg + 1, " \t")])) {
        return apr_psprintf(cmd->pool, "%s needs a file or \"|program\"",
                            cmd->cmd->name);
    }
    sc->log_spec = arg;
    return NULL;
}

#define DIRFLAG(name, field, help) \
    AP_INIT_FLAG(name, set_flag, \
                 (void *)APR_OFFSETOF(cc_dir_conf, field), \
                 RSRC_CONF | ACCESS_CONF, help)

const command_rec cc_cmds[] = {
    AP_INIT_FLAG("CookieCharter", set_flag,
                 (void *)APR_OFFSETOF(cc_dir_conf, enabled),
                 RSRC_CONF | ACCESS_CONF | OR_FILEINFO,
                 "On to enforce the cookie charter and show the banner here"),
    AP_INIT_TAKE1("CookieCharterFile", set_file, NULL, RSRC_CONF,
                  "the YAML cookie charter, relative to ServerRoot"),
    AP_INIT_TAKE1("CookieCharterPath", set_path, NULL, RSRC_CONF,
                  "URL path of the module's endpoints, or none"),
    AP_INIT_TAKE1("CookieCharterMode", set_mode, NULL, RSRC_CONF | ACCESS_CONF,
                  "enforce, or report to decide and log without changing"),
    AP_INIT_TAKE1("CookieCharterUndeclared", set_undeclared, NULL,
                  RSRC_CONF | ACCESS_CONF,
                  "block or allow Set-Cookie names the charter does not declare"),
    DIRFLAG("CookieCharterPurge", purge,
            "On to expire non-granted cookies the browser still sends"),
    DIRFLAG("CookieCharterStripRequestCookies", strip,
            "On to remove non-granted cookies from the request"),
    DIRFLAG("CookieCharterGPC", gpc,
            "On to treat Sec-GPC: 1 without a choice as a refusal"),
    AP_INIT_TAKE1("CookieCharterConsentLog", set_log, NULL, RSRC_CONF,
                  "file or \"|program\" for the JSON proof log of decisions"),
    { NULL }
};

/* ---- rules that span directives ---- */

static int section_enabled(ap_conf_vector_t *sec)
{
    const cc_dir_conf *d = ap_get_module_config(sec, &cookiecharter_module);
    return d && d->enabled == 1;
}

static int any_section_enabled(apr_array_header_t *secs)
{
    int i;

    for (i = 0; secs && i < secs->nelts; i++) {
        if (section_enabled(APR_ARRAY_IDX(secs, i, ap_conf_vector_t *))) {
            return 1;
        }
    }
    return 0;
}

int cc_config_check(apr_pool_t *pconf, server_rec *s)
{
    int rv = OK;

    for (; s; s = s->next) {
        const cc_srv_conf *sc = cc_srv(s);
        core_server_config *core = ap_get_core_module_config(s->module_config);

        if (sc->charter) {
            continue;
        }
        if (section_enabled(s->lookup_defaults)
            || any_section_enabled(core->sec_dir)
            || any_section_enabled(core->sec_url)) {
            ap_log_error(APLOG_MARK, APLOG_STARTUP | APLOG_CRIT, 0, s,
                         "CookieCharter On in virtual host %s:%u (%s:%u) "
                         "without a CookieCharterFile for it",
                         s->server_hostname ? s->server_hostname : "?",
                         (unsigned)s->port,
                         s->defn_name ? s->defn_name : "?",
                         s->defn_line_number);
            rv = !OK;
        }
    }
    return rv;
}
