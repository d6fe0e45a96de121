#include "dialect/postgres/pg_replay_json.h"

namespace tether::pg::replay {

const Json &at(const Json &j, const char *key) {
  static const Json null;
  if (!j.is_object()) return null;
  auto it = j.find(key);
  return it == j.end() ? null : *it;
}

std::string str(const Json &j, const char *key) {
  const Json &v = at(j, key);
  return v.is_string() ? v.get<std::string>() : std::string();
}

bool flag(const Json &j, const char *key) {
  const Json &v = at(j, key);
  return v.is_boolean() && v.get<bool>();
}

long long num(const Json &j, const char *key, long long fallback) {
  const Json &v = at(j, key);
  return v.is_number_integer() ? v.get<long long>() : fallback;
}

std::vector<std::string> strings(const Json &list) {
  std::vector<std::string> out;
  if (!list.is_array()) return out;
  for (const auto &item : list)
    out.push_back(str(at(item, "String"), "sval"));
  return out;
}

std::pair<std::string, const Json *> node(const Json &j) {
  static const Json null;
  if (!j.is_object() || j.empty()) return {"", &null};
  return {j.begin().key(), &j.begin().value()};
}

} // namespace tether::pg::replay
