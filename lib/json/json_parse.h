#pragma once
#include "json/json_text.h"
#include <string>
#include <string_view>

namespace tether {

// A document tether reads, never writes. Its objects are std::maps: an insertion-ordered object
// is a vector of pair<const string, json>, which cannot be moved, so each time it grows it copies
// the whole subtrees of the members before it, and a parse tree 1,400 levels deep (`1+1+…+1`)
// took 6 s to read.
using JsonDoc = nlohmann::json;

// Parses a whole JSON document. Malformed input (including invalid UTF-8 in a string) throws a
// tether::Error of kind Syntax whose location is `source` with the line and column of the fault.
JsonDoc parseJson(std::string_view text, const std::string &source);

} // namespace tether
