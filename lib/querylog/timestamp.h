#pragma once
#include <cstddef>
#include <string_view>

namespace tether {

// Parses "YYYY-MM-DD HH:MM:SS" with an optional fraction after '.' or ',' (and 'T' instead of the
// space) at the start of `s`. Returns milliseconds since the epoch (the zone is ignored: only
// differences within one log matter) and sets `used` to the characters consumed; -1 when `s`
// does not start with a timestamp.
double parseTimestampMs(std::string_view s, size_t &used);

} // namespace tether
