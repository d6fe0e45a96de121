#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace tether::pg::replay {

using Json = nlohmann::json;

// libpg_query's JSON leaves out members that are zero, false or empty: a missing member reads as
// a null, false, 0 or "" here, so lookups chain without checks.
const Json &at(const Json &j, const char *key);
std::string str(const Json &j, const char *key);
bool flag(const Json &j, const char *key);
long long num(const Json &j, const char *key, long long fallback = 0);
// [{"String": {"sval": "a"}}, …] -> {"a", …}
std::vector<std::string> strings(const Json &list);
// The one member of a node such as {"ColumnDef": {…}}: its type name and body.
std::pair<std::string, const Json *> node(const Json &j);

} // namespace tether::pg::replay
