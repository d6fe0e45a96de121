#pragma once
#include "core/source_loc.h"
#include <string>
#include <string_view>

namespace tether {

// The 1-based line and column of byte `offset` in `text`, as editors show it: columns count UTF-8
// characters, not bytes. An offset past the end is the end.
SourceLoc positionOf(std::string_view text, size_t offset, const std::string &file);

} // namespace tether
