/*
 * The stylesheet, scripts and images of the service (web/, built with GOV.UK Frontend), compiled
 * into the program and served under /assets/.
 */
#ifndef VIEW_ASSETS_H
#define VIEW_ASSETS_H

#include "base/embed.h"

/* A short hash of every asset: pages link to /assets/NAME?v=VERSION, so a new build is fetched. */
extern const char web_assets_version[];

/* The asset at path (e.g. "app.css"), or NULL. */
const struct embed_file *view_asset(const char *path);
/* The Content-Type for an asset's path. */
const char *view_asset_type(const char *path);

#endif
