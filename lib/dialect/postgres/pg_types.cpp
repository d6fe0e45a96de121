#include "dialect/postgres/pg_types.h"
#include "core/error.h"
#include "core/strings.h"
#include "dialect/postgres/pg_fragment.h"
#include "dialect/postgres/pg_quote.h"
#include <algorithm>
#include <cctype>
#include <map>
#include <unordered_map>

namespace tether::pg {

std::string baseType(const ColumnType &t) {
  switch (t.kind) {
  case TypeKind::Integer:
    return "integer";
  case TypeKind::BigInteger:
    return "bigint";
  case TypeKind::SmallInteger:
    return "smallint";
  case TypeKind::String:
    return t.length ? "varchar(" + std::to_string(*t.length) + ")" : "varchar";
  case TypeKind::Text:
    return "text";
  case TypeKind::Numeric:
    if (!t.precision) return "numeric";
    return "numeric(" + std::to_string(*t.precision) + "," + std::to_string(t.scale.value_or(0)) + ")";
  case TypeKind::Float:
    return "double precision";
  case TypeKind::Boolean:
    return "boolean";
  case TypeKind::Date:
    return "date";
  case TypeKind::Time:
    return "time";
  case TypeKind::DateTime:
    return t.timezone ? "timestamptz" : "timestamp";
  case TypeKind::LargeBinary:
    return "bytea";
  case TypeKind::JSON:
    return "json";
  case TypeKind::Uuid:
    return "uuid";
  case TypeKind::Enum: {
    if (t.isNativeEnum()) return quoteIdent(t.enumName);
    // Without a type name there is nothing to CREATE TYPE under: store the values as text,
    // as SQLAlchemy does for a non-native Enum.
    if (t.enumLength) return "varchar(" + std::to_string(*t.enumLength) + ")";
    size_t longest = 1;
    for (const auto &v : t.enumValues)
      longest = std::max(longest, v.size());
    return "varchar(" + std::to_string(longest) + ")";
  }
  case TypeKind::Custom: {
    for (const char *key : {"postgresql", "postgres"}) {
      auto it = t.perDialect.find(key);
      if (it != t.perDialect.end() && !trim(it->second).empty()) {
        requireOneType(trim(it->second), "the PostgreSQL type of " + t.str());
        return trim(it->second);
      }
    }
    throw Error("type " + t.str() + " has no PostgreSQL spelling", {},
                "add a postgresql: entry, e.g. {postgresql: jsonb, sqlite: TEXT}");
  }
  }
  return "text";
}

std::string columnType(const Column &c) {
  // serial rather than an identity: it is what SQLAlchemy's create_all() builds, so a database
  // tether builds and one SQLAlchemy builds compare equal in both directions (Alembic included).
  if (c.autoincrement && c.type.isInteger() && !c.identity.present) {
    switch (c.type.kind) {
    case TypeKind::BigInteger:
      return "bigserial";
    case TypeKind::SmallInteger:
      return "smallserial";
    default:
      return "serial";
    }
  }
  return baseType(c.type);
}

namespace {
// Lower-cases outside double quotes and collapses white space, dropping it around ( ) and ,.
std::string squeeze(const std::string &s) {
  std::string out;
  bool quoted = false, pendingSpace = false;
  for (char ch : s) {
    if (ch == '"') quoted = !quoted;
    if (!quoted && std::isspace(static_cast<unsigned char>(ch))) {
      pendingSpace = !out.empty();
      continue;
    }
    bool tight = ch == '(' || ch == ')' || ch == ',' || ch == '[' || ch == ']';
    if (pendingSpace && !tight && !out.empty() && out.back() != '(' && out.back() != ',') out += ' ';
    pendingSpace = false;
    out += quoted ? ch : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  return out;
}

const std::map<std::string, std::string> &aliases() {
  static const std::map<std::string, std::string> m = {
      {"int", "integer"},
      {"int4", "integer"},
      {"serial", "integer"},
      {"serial4", "integer"},
      {"int8", "bigint"},
      {"bigserial", "bigint"},
      {"serial8", "bigint"},
      {"int2", "smallint"},
      {"smallserial", "smallint"},
      {"serial2", "smallint"},
      {"varchar", "character varying"},
      {"char", "character"},
      {"bpchar", "character"},
      {"decimal", "numeric"},
      {"float8", "double precision"},
      {"float", "double precision"},
      {"float4", "real"},
      {"bool", "boolean"},
      {"timestamp", "timestamp without time zone"},
      {"timestamptz", "timestamp with time zone"},
      {"time", "time without time zone"},
      {"timetz", "time with time zone"},
      {"varbit", "bit varying"},
  };
  return m;
}
} // namespace

namespace {
std::string spellCanonically(const std::string &spelling) {
  std::string s = squeeze(spelling);
  std::string arraySuffix;
  while (endsWith(s, "[]")) {
    arraySuffix += "[]";
    s = s.substr(0, s.size() - 2);
  }
  std::string name = s, args, after;
  auto open = s.find('(');
  auto close = s.find(')', open == std::string::npos ? 0 : open);
  if (open != std::string::npos && close != std::string::npos) {
    name = trim(s.substr(0, open));
    args = s.substr(open + 1, close - open - 1);
    after = trim(s.substr(close + 1));
  }
  std::string full = after.empty() ? name : name + " " + after;
  auto it = aliases().find(full);
  if (it != aliases().end()) full = it->second;
  if (full == "float" || full == "double precision") {
    // float(p): real up to 24 bits of precision, double precision above.
    if (!args.empty()) full = std::atoi(args.c_str()) <= 24 ? "real" : "double precision";
    args.clear();
  }
  if (full == "numeric" && !args.empty() && args.find(',') == std::string::npos) args += ",0";
  if (full == "character" && args.empty() && name != "character varying") args = "1";
  if (args.empty()) return full + arraySuffix;
  for (const char *withArgsInside : {"timestamp ", "time "}) {
    if (startsWith(full, withArgsInside)) {
      size_t word = std::string(withArgsInside).size() - 1;
      return full.substr(0, word) + "(" + args + ")" + full.substr(word) + arraySuffix;
    }
  }
  return full + "(" + args + ")" + arraySuffix;
}
} // namespace

// A schema spells its types a few dozen ways over thousands of columns, and a plan compares each
// column's type on both sides: each spelling is worked out once per thread.
std::string canonicalType(const std::string &spelling) {
  thread_local std::unordered_map<std::string, std::string> known;
  auto it = known.find(spelling);
  if (it != known.end()) return it->second;
  std::string canonical = spellCanonically(spelling);
  if (known.size() < 4096) known.emplace(spelling, canonical);
  return canonical;
}

ColumnType modelTypeOf(const std::string &dbType) {
  std::string c = canonicalType(dbType);
  ColumnType t;
  auto argsOf = [&](const std::string &prefix) -> std::vector<int> {
    std::vector<int> out;
    if (!startsWith(c, prefix + "(") || c.back() != ')') return out;
    for (const auto &a : split(c.substr(prefix.size() + 1, c.size() - prefix.size() - 2), ','))
      out.push_back(std::atoi(a.c_str()));
    return out;
  };
  static const std::map<std::string, TypeKind> plain = {
      {"integer", TypeKind::Integer},
      {"bigint", TypeKind::BigInteger},
      {"smallint", TypeKind::SmallInteger},
      {"character varying", TypeKind::String},
      {"text", TypeKind::Text},
      {"numeric", TypeKind::Numeric},
      {"double precision", TypeKind::Float},
      {"boolean", TypeKind::Boolean},
      {"date", TypeKind::Date},
      {"time without time zone", TypeKind::Time},
      {"timestamp without time zone", TypeKind::DateTime},
      {"bytea", TypeKind::LargeBinary},
      {"json", TypeKind::JSON},
      {"uuid", TypeKind::Uuid},
  };
  auto it = plain.find(c);
  if (it != plain.end()) {
    t.kind = it->second;
    return t;
  }
  if (c == "timestamp with time zone") {
    t.kind = TypeKind::DateTime;
    t.timezone = true;
    return t;
  }
  auto len = argsOf("character varying");
  if (len.size() == 1) {
    t.kind = TypeKind::String;
    t.length = len[0];
    return t;
  }
  auto ps = argsOf("numeric");
  if (ps.size() == 2) {
    t.kind = TypeKind::Numeric;
    t.precision = ps[0];
    t.scale = ps[1];
    return t;
  }
  t.kind = TypeKind::Custom;
  t.perDialect["postgresql"] = dbType;
  return t;
}

} // namespace tether::pg
