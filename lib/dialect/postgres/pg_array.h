#pragma once
#include <string>
#include <vector>

namespace tether::pg {

// The elements of a one-dimensional array in PostgreSQL's text output (`{a,"b c","x\"y"}`).
// NULL elements are left out. Malformed input yields what could be read, never a crash.
std::vector<std::string> parseTextArray(const std::string &text);

} // namespace tether::pg
