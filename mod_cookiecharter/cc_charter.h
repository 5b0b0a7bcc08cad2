/* The cookie charter: what the site declares, loaded once from YAML at
 * configuration time into an immutable structure (section 3 of the
 * interface contract). Nothing here knows httpd. */
#ifndef CC_CHARTER_H
#define CC_CHARTER_H

#include <apr_pools.h>
#include <apr_tables.h>
#include <apr_hash.h>
#include <stdint.h>

#include "cc_text.h"

/* Bit i of a cc_mask is the category of index i. */
typedef uint64_t cc_mask;
#define CC_MAX_CATEGORIES 64
#define CC_MASK_BIT(i) (((cc_mask)1) << (i))

#define CC_CHARTER_MAX_BYTES (32u * 1024 * 1024)
#define CC_CHARTER_MAX_DEPTH 64
#define CC_REVISION_MAX 32
#define CC_ID_MAX 32

typedef enum {
    CC_T_TITLE,
    CC_T_MESSAGE,
    CC_T_ACCEPT_ALL,
    CC_T_REJECT_ALL,
    CC_T_CUSTOMIZE,
    CC_T_SAVE,
    CC_T_MANAGE,
    CC_T_LEARN_MORE,
    CC_T__COUNT
} cc_text_key;

/* The YAML keys of `texts`, in cc_text_key order. */
extern const char *const cc_text_keys[CC_T__COUNT];

typedef struct cc_category cc_category;

/* One entry of a category's `hosts`: "host", "host/path/prefix" or
 * "/path/prefix" (host NULL: the site's own host). */
typedef struct cc_host_rule {
    const char *host;           /* lowercase, no port; NULL for own host */
    const char *path;           /* path prefix, or NULL for any path */
    apr_size_t path_len;
    const cc_category *category;
} cc_host_rule;

struct cc_category {
    const char *id;
    int index;                  /* position in the charter, 0-based */
    int required;
    int default_granted;        /* `default: granted` (optional ones only) */
    cc_text label;
    cc_text description;
    apr_array_header_t *hosts;  /* cc_host_rule, in charter order */
};

typedef struct cc_cookie {
    const char *name;           /* exact name or glob */
    int is_glob;                /* contains * or ? */
    const cc_category *category;
    const char *provider;       /* may be NULL */
    cc_text service;
    cc_text purpose;
    cc_text duration;           /* may be unset */
    const char *domain;         /* may be NULL */
    const char *path;           /* "/" unless given */
    int declared;               /* 0 for the implicit consent-cookie entry */
} cc_cookie;

typedef struct cc_section {
    cc_text heading;
    cc_text text;
} cc_section;

typedef struct cc_lookup cc_lookup;   /* private index, cc_charter_index.c */

typedef struct cc_charter {
    const char *file;           /* absolute path it was loaded from */
    const char *sha256;         /* hex SHA-256 of the file's bytes */
    int schema;                 /* `charter:` */
    const char *site_name;
    const char *site_url;       /* may be NULL */
    const char *revision;
    int nlangs;
    const char *const *langs;   /* lowercase tags; [0] is the default */
    const char *consent_cookie; /* default "cookies_preferences" */
    int lifetime_days;          /* default 182 */
    const char *policy_url;     /* NULL: P/policy */
    cc_text policy_title;       /* may be unset: default texts are used */
    cc_text policy_intro;
    apr_array_header_t *sections;    /* cc_section */
    apr_array_header_t *categories;  /* cc_category *, charter order */
    apr_array_header_t *cookies;     /* cc_cookie *, charter order, declared
                                        ones only */
    cc_text texts[CC_T__COUNT];      /* charter texts over built-in ones */
    const cc_category *consent_category; /* the first required category */
    cc_mask required_mask;
    cc_mask optional_mask;
    const char *optional_ids;        /* every optional id joined by '+':
                                        join_ids' answer when all is
                                        granted, made once */
    apr_size_t optional_ids_len;
    cc_mask default_granted_mask;    /* optional with `default: granted` */
    cc_lookup *lookup;
} cc_charter;

/* Load and validate a charter. `path` must be absolute. On failure returns
 * non-zero and fills *errors with lines "ABSPATH:LINE:COLUMN: message"
 * (1-based; "ABSPATH:0:0: ..." for file-level errors), in file order.
 * Nothing of a failed load is usable. */
apr_status_t cc_charter_load(cc_charter **pcharter, const char *path,
                             apr_pool_t *p, apr_array_header_t **errors);

/* The same from a buffer (used by the fuzzer and the unit tests); `path`
 * only names the source in messages. */
apr_status_t cc_charter_parse(cc_charter **pcharter, const char *path,
                              const char *data, apr_size_t len,
                              apr_pool_t *p, apr_array_header_t **errors);

/* Look-ups, all thread-safe (read-only). */
const cc_category *cc_charter_category(const cc_charter *ch, const char *id,
                                       apr_size_t len);

/* The cookie entry that governs a name: an exact name first, else the
 * first glob in charter order that matches. The consent cookie's name
 * always finds an entry in the consent category (declared or implicit).
 * NULL: undeclared. */
const cc_cookie *cc_charter_cookie(const cc_charter *ch, const char *name,
                                   apr_size_t len);

/* The category holding back a URL, from the categories' `hosts`: `url` as
 * written in an attribute (absolute, scheme-relative or a path); own_host
 * is the request's host, for path rules and relative URLs. NULL: none. */
const cc_category *cc_charter_url_category(const cc_charter *ch,
                                           const char *url, apr_size_t len,
                                           const char *own_host);

/* Optional categories granted by a mask, their ids joined by `sep`
 * ("-" when none), in charter order. */
const char *cc_charter_join_ids(apr_pool_t *p, const cc_charter *ch,
                                cc_mask mask, const char *sep);

#endif
