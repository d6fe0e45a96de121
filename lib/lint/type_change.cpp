#include "lint/type_change.h"
#include "core/strings.h"
#include <cstdlib>
#include <map>
#include <set>
#include <vector>

namespace tether::lint {

namespace {

struct Parsed {
  std::string base;
  std::vector<long long> mods;
};

std::string foldAlias(const std::string &base) {
  static const std::map<std::string, std::string> kAliases = {
      {"integer", "int4"},
      {"int", "int4"},
      {"bigint", "int8"},
      {"smallint", "int2"},
      {"character varying", "varchar"},
      {"character", "bpchar"},
      {"char", "bpchar"},
      {"decimal", "numeric"},
      {"timestamp without time zone", "timestamp"},
      {"timestamp with time zone", "timestamptz"},
      {"time without time zone", "time"},
      {"time with time zone", "timetz"},
      {"double precision", "float8"},
      {"real", "float4"},
      {"boolean", "bool"},
      {"bit varying", "varbit"},
  };
  auto it = kAliases.find(base);
  return it == kAliases.end() ? base : it->second;
}

Parsed parse(const std::string &type) {
  Parsed p;
  std::string t = toLower(trim(type));
  size_t open = t.find('('), close = t.find(')');
  std::string base = t;
  if (open != std::string::npos && close != std::string::npos && close > open) {
    std::string mods = t.substr(open + 1, close - open - 1);
    for (const auto &m : split(mods, ','))
      p.mods.push_back(std::atoll(trim(m).c_str()));
    base = trim(t.substr(0, open)) + (close + 1 < t.size() ? " " + trim(t.substr(close + 1)) : "");
  }
  base = trim(base);
  if (base.compare(0, 11, "pg_catalog.") == 0) base = base.substr(11);
  p.base = foldAlias(base);
  return p;
}

bool lengthTyped(const std::string &b) {
  return b == "varchar" || b == "varbit";
}
bool precisionTyped(const std::string &b) {
  return b == "timestamp" || b == "timestamptz" || b == "time" || b == "timetz" || b == "interval";
}
bool textLike(const std::string &b) {
  return b == "text" || b == "citext";
}

} // namespace

std::string canonicalType(const std::string &type) {
  Parsed p = parse(type);
  std::vector<std::string> mods;
  for (long long m : p.mods)
    mods.push_back(std::to_string(m));
  return p.base + (mods.empty() ? "" : "(" + join(mods, ",") + ")");
}

std::string typeFromCatalog(const std::string &formatted) {
  return canonicalType(formatted);
}

TypeChange typeChange(const std::string &fromType, const std::string &toType) {
  if (fromType.empty() || toType.empty()) return TypeChange::Unknown;
  Parsed from = parse(fromType), to = parse(toType);
  if (from.base == to.base) {
    if (from.mods == to.mods || to.mods.empty()) {
      // Dropping a numeric's or bpchar's modifier: numeric keeps every value; bpchar re-pads.
      return from.base == "bpchar" && from.mods != to.mods ? TypeChange::Rewrite : TypeChange::NoRewrite;
    }
    if (from.mods.empty()) return TypeChange::Rewrite; // unbounded to bounded: every value is checked
    if (lengthTyped(from.base) || precisionTyped(from.base))
      return to.mods[0] >= from.mods[0] ? TypeChange::NoRewrite : TypeChange::Rewrite;
    if (from.base == "numeric") {
      long long fromScale = from.mods.size() > 1 ? from.mods[1] : 0,
                toScale = to.mods.size() > 1 ? to.mods[1] : 0;
      return fromScale == toScale && to.mods[0] >= from.mods[0] ? TypeChange::NoRewrite : TypeChange::Rewrite;
    }
    return TypeChange::Rewrite;
  }
  // Binary-coercible casts between different types.
  if ((from.base == "varchar" || textLike(from.base)) && textLike(to.base)) return TypeChange::NoRewrite;
  if (textLike(from.base) && to.base == "varchar" && to.mods.empty()) return TypeChange::NoRewrite;
  if (from.base == "cidr" && to.base == "inet") return TypeChange::NoRewrite;
  return TypeChange::Rewrite;
}

bool typeNarrows(const std::string &fromType, const std::string &toType) {
  Parsed from = parse(fromType), to = parse(toType);
  static const std::map<std::string, int> kIntRank = {{"int2", 1}, {"int4", 2}, {"int8", 3}};
  if (kIntRank.count(from.base) && kIntRank.count(to.base))
    return kIntRank.at(to.base) < kIntRank.at(from.base);
  if (from.base == "float8" && to.base == "float4") return true;
  if (to.mods.empty()) return false;
  if (from.base != to.base && !(textLike(from.base) || from.base == "varchar")) return false;
  if (from.mods.empty()) return true; // text or unbounded to bounded
  if (from.base == "numeric" && to.base == "numeric") {
    long long fromInt = from.mods[0] - (from.mods.size() > 1 ? from.mods[1] : 0);
    long long toInt = to.mods[0] - (to.mods.size() > 1 ? to.mods[1] : 0);
    return toInt < fromInt;
  }
  return to.mods[0] < from.mods[0];
}

} // namespace tether::lint
