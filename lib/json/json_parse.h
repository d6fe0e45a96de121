#pragma once
#include "json/json_text.h"
#include <string>
#include <string_view>

namespace tether {

// Parses a whole JSON document. Malformed input (including invalid UTF-8 in a string) throws a
// tether::Error of kind Syntax whose location is `source` with the line and column of the fault.
Json parseJson(std::string_view text, const std::string &source);

} // namespace tether
