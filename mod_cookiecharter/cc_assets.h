/* The banner's script and style, compiled in from assets/ at build time. */
#ifndef CC_ASSETS_H
#define CC_ASSETS_H

#include "cc_charter.h"

typedef struct cc_asset {
    const char *name;           /* "banner.js" */
    const char *content_type;   /* with charset */
    const unsigned char *data;
    apr_size_t len;
} cc_asset;

/* By file name, or NULL. */
const cc_asset *cc_asset_get(const char *name);

/* The version V: 16 hex digits of SHA-256 over the assets and the
 * charter's file hash (so a changed text changes V). */
const char *cc_assets_version(apr_pool_t *p, const cc_charter *ch);

#endif
