#include "dialect/sqlite/sqlite_types.h"
#include "core/error.h"
#include "core/strings.h"
#include "dialect/sqlite/sqlite_fragment.h"
#include <algorithm>
#include <cctype>
#include <set>

namespace tether::sqlite {

std::string renderType(const Column &c) {
  const ColumnType &t = c.type;
  switch (t.kind) {
  case TypeKind::Integer:
    return "INTEGER";
  case TypeKind::BigInteger:
    // As create_all() writes it: a BIGINT key is no rowid alias (with_variant(Integer, "sqlite")
    // is how an application asks for one).
    return "BIGINT";
  case TypeKind::SmallInteger:
    return "SMALLINT";
  case TypeKind::String:
    return t.length ? "VARCHAR(" + std::to_string(*t.length) + ")" : "VARCHAR";
  case TypeKind::Text:
    return "TEXT";
  case TypeKind::Numeric:
    if (!t.precision) return "NUMERIC";
    return "NUMERIC(" + std::to_string(*t.precision) + (t.scale ? ", " + std::to_string(*t.scale) : "") + ")";
  case TypeKind::Float:
    return "FLOAT";
  case TypeKind::Boolean:
    return "BOOLEAN";
  case TypeKind::Date:
    return "DATE";
  case TypeKind::Time:
    return "TIME";
  case TypeKind::DateTime:
    return "DATETIME";
  case TypeKind::LargeBinary:
    return "BLOB";
  case TypeKind::JSON:
    return "JSON";
  case TypeKind::Uuid:
    return "CHAR(32)";
  case TypeKind::Enum: {
    if (t.enumLength) return "VARCHAR(" + std::to_string(*t.enumLength) + ")";
    size_t n = 0;
    for (const auto &v : t.enumValues)
      n = std::max(n, v.size());
    return "VARCHAR(" + std::to_string(std::max<size_t>(n, 1)) + ")";
  }
  case TypeKind::Custom: {
    auto it = t.perDialect.find("sqlite");
    if (it == t.perDialect.end())
      throw Error("column " + c.name + " has a custom type with no SQLite spelling", c.loc,
                  "add sqlite: <type> to its type mapping");
    requireOneType(it->second, "the SQLite type of column " + c.name);
    return it->second;
  }
  }
  return "TEXT";
}

std::string normalizeDeclaredType(const std::string &declared) {
  std::string out;
  bool space = false;
  for (char ch : toUpper(trim(declared))) {
    if (std::isspace(static_cast<unsigned char>(ch))) {
      space = true;
      continue;
    }
    bool tight = ch == '(' || ch == ')' || ch == ',';
    bool prevTight = !out.empty() && (out.back() == '(' || out.back() == ',');
    if (space && !tight && !prevTight && !out.empty()) out += ' ';
    space = false;
    out += ch;
  }
  return out;
}

namespace {
std::set<std::string> spellings(const Column &model) {
  const ColumnType &t = model.type;
  std::set<std::string> s{normalizeDeclaredType(renderType(model))};
  switch (t.kind) {
  case TypeKind::Integer:
    s.insert("INT");
    break;
  case TypeKind::BigInteger:
    s.insert("BIGINT");
    // Databases built when tether spelled an autoincrement BigInteger key INTEGER stay valid:
    // rebuilding them as BIGINT would take away their rowid autoincrement.
    if (model.autoincrement) s.insert({"INT", "INTEGER"});
    break;
  case TypeKind::Float:
    s.insert({"REAL", "DOUBLE", "DOUBLE PRECISION"});
    break;
  case TypeKind::Boolean:
    s.insert("BOOL");
    break;
  case TypeKind::Text:
    s.insert("CLOB");
    break;
  case TypeKind::DateTime:
    s.insert("TIMESTAMP");
    break;
  case TypeKind::Numeric:
    if (t.precision) {
      std::string p = std::to_string(*t.precision), sc = std::to_string(t.scale.value_or(0));
      s.insert({"NUMERIC(" + p + "," + sc + ")", "DECIMAL(" + p + "," + sc + ")"});
      if (!t.scale) s.insert("DECIMAL(" + p + ")");
    } else {
      s.insert("DECIMAL");
    }
    break;
  case TypeKind::String:
    if (t.length) s.insert("CHARACTER VARYING(" + std::to_string(*t.length) + ")");
    break;
  default:
    break;
  }
  return s;
}

bool parseArgs(const std::string &norm, const std::string &name, std::vector<int> &args) {
  if (!startsWith(norm, name)) return false;
  std::string rest = norm.substr(name.size());
  if (rest.empty()) return true;
  if (rest.front() != '(' || rest.back() != ')') return false;
  for (const auto &a : split(rest.substr(1, rest.size() - 2), ',')) {
    if (a.empty() || a.size() > 9 || !std::all_of(a.begin(), a.end(), ::isdigit)) return false;
    args.push_back(std::stoi(a));
  }
  return true;
}
} // namespace

bool sameType(const Column &model, const Column &db) {
  return spellings(model).count(normalizeDeclaredType(db.dbType)) > 0;
}

bool isRowidAliasType(const std::string &declared) {
  return normalizeDeclaredType(declared) == "INTEGER";
}

ColumnType modelTypeOf(const std::string &declared) {
  std::string n = normalizeDeclaredType(declared);
  ColumnType t;
  std::vector<int> args;
  auto is = [&](std::initializer_list<const char *> names) {
    for (const char *x : names)
      if (n == x) return true;
    return false;
  };
  if (is({"INTEGER", "INT"}))
    t.kind = TypeKind::Integer;
  else if (n == "BIGINT")
    t.kind = TypeKind::BigInteger;
  else if (n == "SMALLINT")
    t.kind = TypeKind::SmallInteger;
  else if (is({"TEXT", "CLOB"}))
    t.kind = TypeKind::Text;
  else if (is({"FLOAT", "REAL", "DOUBLE", "DOUBLE PRECISION"}))
    t.kind = TypeKind::Float;
  else if (is({"BOOLEAN", "BOOL"}))
    t.kind = TypeKind::Boolean;
  else if (n == "DATE")
    t.kind = TypeKind::Date;
  else if (n == "TIME")
    t.kind = TypeKind::Time;
  else if (is({"DATETIME", "TIMESTAMP"}))
    t.kind = TypeKind::DateTime;
  else if (n == "BLOB")
    t.kind = TypeKind::LargeBinary;
  else if (n == "JSON")
    t.kind = TypeKind::JSON;
  else if ((parseArgs(n, "VARCHAR", args) || parseArgs(n, "CHARACTER VARYING", args)) && args.size() <= 1) {
    t.kind = TypeKind::String;
    if (!args.empty() && args[0] > 0) t.length = args[0];
  } else if ((parseArgs(n, "NUMERIC", args) || parseArgs(n, "DECIMAL", args)) && args.size() <= 2) {
    t.kind = TypeKind::Numeric;
    if (!args.empty() && args[0] > 0) t.precision = args[0];
    if (args.size() == 2 && args[1] <= args[0]) t.scale = args[1];
  } else {
    t.kind = TypeKind::Custom;
    t.perDialect["sqlite"] = trim(declared);
  }
  return t;
}

} // namespace tether::sqlite
