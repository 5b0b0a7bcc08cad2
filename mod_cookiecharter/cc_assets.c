/* Look-up of the built-in assets, and the banner version V. */
#include <string.h>

#include "cc_assets.h"
#include "cc_util.h"

/* From cc_assets_data.c, generated at build time. */
extern const cc_asset cc_assets_table[];
extern const int cc_assets_count;

const cc_asset *cc_asset_get(const char *name)
{
    int i;

    for (i = 0; i < cc_assets_count; i++) {
        if (strcmp(cc_assets_table[i].name, name) == 0) {
            return &cc_assets_table[i];
        }
    }
    return NULL;
}

const char *cc_assets_version(apr_pool_t *p, const cc_charter *ch)
{
    const void *parts[8];
    apr_size_t lens[8];
    int i, n = 0;

    for (i = 0; i < cc_assets_count && n < 7; i++) {
        parts[n] = cc_assets_table[i].data;
        lens[n++] = cc_assets_table[i].len;
    }
    parts[n] = ch ? ch->sha256 : "";
    lens[n++] = ch ? strlen(ch->sha256) : 0;
    return apr_pstrndup(p, cc_sha256_hex_parts(p, parts, lens, n), 16);
}
