/* The proof log (section 8): where CookieCharterConsentLog lines go. A file
 * (relative to ServerRoot, O_APPEND) or a "|program" piped log, opened in
 * open_logs as mod_log_config opens CustomLog; one spec shared by several
 * virtual hosts opens once. Each line goes out in a single write of at most
 * 4,096 bytes, below PIPE_BUF, so lines never interleave. */
#include <string.h>

#include "httpd.h"
#include "http_config.h"
#include "http_log.h"
#include "apr_hash.h"
#include "apr_strings.h"

#include "cc_private.h"

#define CC_PROOF_LINE_MAX 4096

struct cc_proof_log {
    const char *spec;
    apr_file_t *fd;
};

static apr_status_t open_one(apr_pool_t *pconf, server_rec *s,
                             const char *spec, cc_proof_log **out)
{
    cc_proof_log *pl = apr_pcalloc(pconf, sizeof(*pl));
    apr_status_t rv;

    pl->spec = spec;
    if (*spec == '|') {
        piped_log *pipe = ap_open_piped_log(pconf, spec + 1);
        if (pipe == NULL) {
            ap_log_error(APLOG_MARK, APLOG_ERR, 0, s,
                         "CookieCharterConsentLog: could not start the "
                         "program of '%s'", spec);
            return APR_EGENERAL;
        }
        pl->fd = ap_piped_log_write_fd(pipe);
    }
    else {
        const char *path = ap_server_root_relative(pconf, spec);
        if (path == NULL) {
            ap_log_error(APLOG_MARK, APLOG_ERR, APR_EBADPATH, s,
                         "CookieCharterConsentLog: invalid path '%s'", spec);
            return APR_EBADPATH;
        }
        rv = apr_file_open(&pl->fd, path,
                           APR_FOPEN_WRITE | APR_FOPEN_APPEND
                           | APR_FOPEN_CREATE | APR_FOPEN_LARGEFILE,
                           APR_OS_DEFAULT, pconf);
        if (rv != APR_SUCCESS) {
            ap_log_error(APLOG_MARK, APLOG_ERR, rv, s,
                         "CookieCharterConsentLog: could not open %s", path);
            return rv;
        }
    }
    *out = pl;
    return APR_SUCCESS;
}

int cc_proof_log_open(apr_pool_t *pconf, apr_pool_t *ptemp, server_rec *s)
{
    apr_hash_t *opened = apr_hash_make(ptemp);

    for (; s; s = s->next) {
        cc_srv_conf *sc = cc_srv(s);
        cc_proof_log *pl;

        sc->log = NULL;
        if (sc->log_spec == NULL) {
            continue;
        }
        pl = apr_hash_get(opened, sc->log_spec, APR_HASH_KEY_STRING);
        if (pl == NULL) {
            if (open_one(pconf, s, sc->log_spec, &pl) != APR_SUCCESS) {
                return HTTP_INTERNAL_SERVER_ERROR;
            }
            apr_hash_set(opened, sc->log_spec, APR_HASH_KEY_STRING, pl);
        }
        sc->log = pl;
    }
    return OK;
}

void cc_proof_log_write(request_rec *r, cc_srv_conf *sc, const char *json)
{
    apr_size_t len = strlen(json), n;
    char *line;
    apr_status_t rv;

    if (sc->log == NULL) {
        return;
    }
    if (len + 1 > CC_PROOF_LINE_MAX) {
        /* The caller keeps lines short; a longer one would lose the
         * single-write guarantee, so it is refused rather than split. */
        ap_log_rerror(APLOG_MARK, APLOG_ERR, 0, r,
                      "cookiecharter: proof log line of %" APR_SIZE_T_FMT
                      " bytes not written (limit %d)", len + 1,
                      CC_PROOF_LINE_MAX);
        return;
    }
    line = apr_palloc(r->pool, len + 1);
    memcpy(line, json, len);
    line[len] = '\n';
    n = len + 1;
    rv = apr_file_write(sc->log->fd, line, &n);
    if (rv != APR_SUCCESS || n != len + 1) {
        ap_log_rerror(APLOG_MARK, APLOG_ERR, rv, r,
                      "cookiecharter: could not write the proof log %s "
                      "(%" APR_SIZE_T_FMT " of %" APR_SIZE_T_FMT " bytes)",
                      sc->log->spec, n, len + 1);
    }
}
