// The JSON catalogs under assets/, compiled into the program (see cmake/embed_files.cmake).
#pragma once

#include <span>

#include "catalog.h"

namespace headroom {

std::span<const CatalogFile> embedded_catalog_files();

}  // namespace headroom
