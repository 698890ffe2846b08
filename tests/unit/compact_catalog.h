// The catalogs as the page embeds them (assets/compact_catalog.py), for the unit tests.
#pragma once

#include <span>

#include "catalog.h"

namespace headroom {
std::span<const CatalogFile> compact_catalog_files();
}
