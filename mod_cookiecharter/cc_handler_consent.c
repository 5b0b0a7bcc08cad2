/* POST P/consent (section 5): the only place that writes the consent
 * cookie, so every decision passes through the proof log. */
#include <string.h>
#include <arpa/inet.h>

#include "httpd.h"
#include "http_config.h"
#include "http_core.h"
#include "http_log.h"
#include "http_protocol.h"
#include "http_request.h"
#include "apr_strings.h"
#include "apr_uri.h"

#include "cc_form.h"
#include "cc_util.h"
#include "cc_private.h"

#define UA_MAX 512
#define PROOF_MAX 4095          /* without the newline */

/* Only same-origin posts may set a choice: Sec-Fetch-Site when the browser
 * sends it, else Origin. Origin "null" (sandboxed frames, privacy-sensitive
 * redirects) is not refused by this rule, as the contract says: browsers
 * that send it also send Sec-Fetch-Site, which decides first. */
static const char *cross_site(request_rec *r)
{
    const char *sfs = apr_table_get(r->headers_in, "Sec-Fetch-Site");
    const char *origin = apr_table_get(r->headers_in, "Origin");
    const char *host, *scheme = ap_http_scheme(r);
    apr_port_t port;
    apr_size_t hlen;
    apr_uri_t u;

    if (sfs) {
        return strcmp(sfs, "same-origin") == 0
               ? NULL : "Sec-Fetch-Site is not same-origin";
    }
    if (origin == NULL || strcmp(origin, "null") == 0) {
        return NULL;
    }
    /* An origin is scheme://host[:port] and nothing more. */
    if (apr_uri_parse(r->pool, origin, &u) != APR_SUCCESS
        || u.scheme == NULL || u.hostname == NULL || u.user || u.password
        || (u.path && *u.path) || u.query || u.fragment
        || (u.port_str && !*u.port_str)) {
        return "malformed Origin";
    }
    port = u.port_str ? u.port : apr_uri_port_of_scheme(u.scheme);
    host = r->hostname ? r->hostname : "";
    hlen = strlen(host);
    if (hlen > 2 && host[0] == '[' && host[hlen - 1] == ']') {
        host = apr_pstrmemdup(r->pool, host + 1, hlen - 2);
    }
    if (strcasecmp(u.scheme, scheme) != 0
        || strcasecmp(u.hostname, host) != 0
        || port != ap_get_server_port(r)) {
        return "Origin differs from the request's";
    }
    return NULL;
}

/* The body, at most CC_FORM_MAX_BODY bytes: over that is 413, from
 * Content-Length before reading, or as soon as a chunked body grows past
 * it. Returns OK or an HTTP status. */
static int read_body(request_rec *r, const char **body, apr_size_t *len)
{
    const char *cl = apr_table_get(r->headers_in, "Content-Length");
    char *buf = apr_palloc(r->pool, CC_FORM_MAX_BODY + 1);
    apr_bucket_brigade *bb;
    apr_size_t got = 0;
    apr_off_t clen;
    int seen_eos = 0;

    if (cl && (!ap_parse_strict_length(&clen, cl))) {
        return HTTP_BAD_REQUEST;
    }
    if (cl && clen > CC_FORM_MAX_BODY) {
        return HTTP_REQUEST_ENTITY_TOO_LARGE;
    }
    bb = apr_brigade_create(r->pool, r->connection->bucket_alloc);
    while (!seen_eos) {
        apr_bucket *e;
        apr_status_t rv = ap_get_brigade(r->input_filters, bb,
                                         AP_MODE_READBYTES, APR_BLOCK_READ,
                                         CC_FORM_MAX_BODY + 1 - got);
        if (rv != APR_SUCCESS) {
            apr_brigade_cleanup(bb);
            return ap_map_http_request_error(rv, HTTP_BAD_REQUEST);
        }
        if (APR_BRIGADE_EMPTY(bb)) {
            /* HTTP_IN ends a body with EOS; nothing at all is an error
             * rather than a reason to loop. */
            return HTTP_BAD_REQUEST;
        }
        for (e = APR_BRIGADE_FIRST(bb); e != APR_BRIGADE_SENTINEL(bb);
             e = APR_BUCKET_NEXT(e)) {
            const char *data;
            apr_size_t n;

            if (APR_BUCKET_IS_EOS(e)) {
                seen_eos = 1;
                break;
            }
            if (APR_BUCKET_IS_METADATA(e)) {
                continue;
            }
            rv = apr_bucket_read(e, &data, &n, APR_BLOCK_READ);
            if (rv != APR_SUCCESS) {
                apr_brigade_cleanup(bb);
                return HTTP_BAD_REQUEST;
            }
            if (n > CC_FORM_MAX_BODY - got) {
                apr_brigade_cleanup(bb);
                return HTTP_REQUEST_ENTITY_TOO_LARGE;
            }
            memcpy(buf + got, data, n);
            got += n;
        }
        apr_brigade_cleanup(bb);
    }
    buf[got] = '\0';
    *body = buf;
    *len = got;
    return OK;
}

/* The client address for the log: /24 for IPv4, /48 for IPv6, an
 * IPv4-mapped IPv6 address as its IPv4 address. */
static const char *client_prefix(request_rec *r)
{
    unsigned char a[16];
    char out[64];
    const char *ip = r->useragent_ip;

    if (ip == NULL) {
        return NULL;
    }
    if (inet_pton(AF_INET, ip, a) == 1) {
        a[3] = 0;
        return apr_psprintf(r->pool, "%u.%u.%u.0", a[0], a[1], a[2]);
    }
#if APR_HAVE_IPV6
    if (inet_pton(AF_INET6, ip, a) == 1) {
        static const unsigned char mapped[12] = {
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff
        };
        if (memcmp(a, mapped, sizeof(mapped)) == 0) {
            return apr_psprintf(r->pool, "%u.%u.%u.0", a[12], a[13], a[14]);
        }
        memset(a + 6, 0, 10);
        if (inet_ntop(AF_INET6, a, out, sizeof(out))) {
            return apr_pstrdup(r->pool, out);
        }
    }
#endif
    return NULL;
}

static const char *json_ids(apr_pool_t *p, const cc_charter *ch, cc_mask m)
{
    const char *out = "[";
    int i, first = 1;

    for (i = 0; i < ch->categories->nelts; i++) {
        const cc_category *cat = APR_ARRAY_IDX(ch->categories, i,
                                               const cc_category *);
        if (!cat->required && (m & CC_MASK_BIT(cat->index))) {
            out = apr_pstrcat(p, out, first ? "" : ",",
                              cc_json_str(p, cat->id), NULL);
            first = 0;
        }
    }
    return apr_pstrcat(p, out, "]", NULL);
}

static const char *const choice_names[] = {
    "", "accept-all", "reject-all", "custom"
};

/* One proof log line (without newline), within PROOF_MAX bytes: the user
 * agent, the only long free text, is cut further if need be. */
static const char *proof_line(request_rec *r, cc_srv_conf *sc,
                              const cc_consent *c, const cc_form *form,
                              int js)
{
    const cc_charter *ch = sc->charter;
    const char *ua = apr_table_get(r->headers_in, "User-Agent");
    const char *client = client_prefix(r);
    const char *head, *line;
    apr_size_t ua_len = ua ? strlen(ua) : 0, cut;
    char stamp[32];
    apr_size_t slen;
    apr_time_exp_t tm;

    apr_time_exp_gmt(&tm, apr_time_from_sec(c->issued));
    apr_strftime(stamp, &slen, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
    head = apr_pstrcat(r->pool,
        "{\"time\":\"", stamp, "\"",
        ",\"id\":", cc_json_str(r->pool, c->id),
        ",\"revision\":", cc_json_str(r->pool, ch->revision),
        ",\"charter_sha256\":", cc_json_str(r->pool, ch->sha256),
        ",\"v\":", form->v && sc->v && strcmp(form->v, sc->v) == 0
                   ? cc_json_str(r->pool, sc->v) : "null",
        ",\"choice\":\"", choice_names[form->choice], "\"",
        ",\"granted\":", json_ids(r->pool, ch, c->granted),
        ",\"refused\":", json_ids(r->pool, ch,
                                  ch->optional_mask & ~c->granted),
        ",\"method\":\"", js ? "js" : "form", "\"",
        ",\"vhost\":", cc_json_str(r->pool, r->server->server_hostname
                                            ? r->server->server_hostname
                                            : ""),
        ",\"client\":", client ? cc_json_str(r->pool, client) : "null",
        ",\"ua\":", NULL);
    cut = ua_len > UA_MAX ? UA_MAX : ua_len;
    for (;;) {
        /* Never cut inside a UTF-8 sequence. */
        while (cut > 0 && cut < ua_len && ((unsigned char)ua[cut] & 0xC0)
                                          == 0x80) {
            cut--;
        }
        line = apr_pstrcat(r->pool, head,
                           ua ? cc_json_strn(r->pool, ua, cut) : "null",
                           "}", NULL);
        if (strlen(line) <= PROOF_MAX || cut == 0) {
            return line;
        }
        cut /= 2;
    }
}

static int refuse(request_rec *r, int status, const char *why)
{
    ap_log_rerror(APLOG_MARK, APLOG_INFO, 0, r,
                  "cookiecharter: consent refused with %d: %s", status, why);
    return status;
}

int cc_handle_consent(request_rec *r, cc_srv_conf *sc, cc_req *rq)
{
    const cc_charter *ch = sc->charter;
    const char *why, *body = NULL, *line, *accept;
    apr_size_t len = 0;
    cc_consent c;
    cc_form form;
    int status, js, q_json;

    if (r->method_number != M_POST) {
        /* Answered here rather than through ap_send_error_response, whose
         * Allow header would also list TRACE, which this URL refuses. */
        r->status = HTTP_METHOD_NOT_ALLOWED;
        apr_table_setn(r->headers_out, "Allow", "POST");
        ap_set_content_type(r, "text/plain; charset=utf-8");
        ap_rputs("Only POST is allowed here.\n", r);
        return OK;
    }
    if ((why = cross_site(r)) != NULL) {
        return refuse(r, HTTP_FORBIDDEN, why);
    }
    if (!cc_form_content_type_ok(apr_table_get(r->headers_in,
                                               "Content-Type"))) {
        return refuse(r, HTTP_UNSUPPORTED_MEDIA_TYPE,
                      "not application/x-www-form-urlencoded");
    }
    if ((status = read_body(r, &body, &len)) != OK) {
        return refuse(r, status, "request body");
    }
    if ((why = cc_form_parse(r->pool, ch, body, len, &form)) != NULL) {
        ap_log_rerror(APLOG_MARK, APLOG_INFO, 0, r,
                      "cookiecharter: consent refused with 400: %s", why);
        r->status = HTTP_BAD_REQUEST;
        ap_set_content_type(r, "text/plain; charset=utf-8");
        apr_table_setn(r->headers_out, "Cache-Control", "no-store");
        ap_rvputs(r, why, "\n", NULL);
        return OK;
    }

    /* The new choice; a visitor with a valid one keeps its ID. */
    memset(&c, 0, sizeof(c));
    if (rq->state == CC_STATE_CHOICE) {
        memcpy(c.id, rq->consent.id, sizeof(c.id));
    }
    else if (cc_consent_new_id(c.id) != APR_SUCCESS) {
        ap_log_rerror(APLOG_MARK, APLOG_ERR, 0, r,
                      "cookiecharter: no random bytes for a consent ID");
        return HTTP_INTERNAL_SERVER_ERROR;
    }
    c.issued = apr_time_sec(r->request_time);
    c.granted = cc_form_granted(ch, &form) & ch->optional_mask;

    accept = apr_table_get(r->headers_in, "Accept");
    q_json = cc_accept_q(accept, "application/json");
    js = q_json > 0 && q_json > cc_accept_q(accept, "text/html")
         && q_json > cc_accept_q(accept, "*/*");

    cc_add_own_cookie(r, cc_consent_set_cookie(r->pool, ch, &c,
                                               cc_req_is_https(r)));
    /* From here on the request is answered under the new choice: the
     * cookies filter judges other Set-Cookie headers against it. */
    rq->state = CC_STATE_CHOICE;
    rq->consent = c;
    rq->granted = cc_consent_granted(ch, CC_STATE_CHOICE, &c);
    cc_purge_request_cookies(r, rq, rq->granted, 1, 1);
    cc_req_set_env(r, rq);
    apr_table_setn(r->err_headers_out, "Cache-Control", "no-store");

    line = proof_line(r, sc, &c, &form, js);
    cc_proof_log_write(r, sc, line);
    ap_log_rerror(APLOG_MARK, APLOG_INFO, 0, r,
                  "cookiecharter: consent %s id %s revision %s granted %s "
                  "(%s)", choice_names[form.choice], c.id, ch->revision,
                  cc_charter_join_ids(r->pool, ch, c.granted, "+"),
                  js ? "js" : "form");

    if (js) {
        ap_set_content_type(r, "application/json");
        ap_rvputs(r, "{\"id\":", cc_json_str(r->pool, c.id),
                  ",\"revision\":", cc_json_str(r->pool, ch->revision),
                  ",\"granted\":", json_ids(r->pool, ch, c.granted),
                  ",\"refused\":", json_ids(r->pool, ch,
                                            ch->optional_mask & ~c.granted),
                  "}\n", NULL);
        return OK;
    }
    apr_table_setn(r->headers_out, "Location",
                   form.ret && cc_form_return_ok(form.ret) ? form.ret : "/");
    return HTTP_SEE_OTHER;
}
