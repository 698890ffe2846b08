// The reference cases under tests/reference/, compiled in (see cmake/embed.cmake).
#pragma once

#include <span>

#include "catalog.h"

namespace headroom {

std::span<const CatalogFile> embedded_reference_files();

}  // namespace headroom
