#pragma once
#include <string>
#include <string_view>

namespace tether {

// SHA-256 of `data` as 64 lowercase hex digits (FIPS 180-4). Checksums of migration files:
// a strong hash so an edited history cannot match by accident.
std::string sha256Hex(std::string_view data);

} // namespace tether
