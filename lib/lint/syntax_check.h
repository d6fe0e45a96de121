#pragma once
#include <optional>
#include <string>

namespace tether::lint {

// The first statement of sql that the dialect's reader (the one `migrate lint` uses) cannot
// parse, as "line L, column C: message"; nullopt when all parse. For writers of SQL (migrate new)
// that must never produce a file their own lint rejects.
std::optional<std::string> firstSyntaxError(const std::string &sql, const std::string &dialect);

} // namespace tether::lint
