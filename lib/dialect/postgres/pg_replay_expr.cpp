#include "dialect/postgres/pg_replay_expr.h"
#include "core/strings.h"
#include "dialect/postgres/pg_types.h"
#include <cctype>
#include <map>

namespace tether::pg::replay {

namespace {
std::string spelledType(const Json &typeName, const ReplayState &s, std::string *serial, bool *isEnum) {
  if (flag(typeName, "setof") || flag(typeName, "pct_type")) refuse("a SETOF or %TYPE type");
  std::vector<std::string> names = strings(at(typeName, "names"));
  if (names.empty() || names.size() > 3) refuse("a type name libpg_query does not resolve");
  const std::string name = names.back();
  const std::string qualifier = names.size() > 1 ? names[names.size() - 2] : "";
  const bool system = qualifier == "pg_catalog";
  std::vector<std::string> mods;
  for (const auto &m : at(typeName, "typmods")) {
    auto [kind, body] = node(m);
    if (kind != "A_Const" || !at(*body, "ival").is_object()) refuse("a type modifier that is not a number");
    mods.push_back(std::to_string(intConst(*body, s)));
  }
  const Json &bounds = at(typeName, "arrayBounds");
  const bool array = bounds.is_array() && !bounds.empty();
  if (system && name == "interval" && !mods.empty()) refuse("an interval type with fields or a precision");
  if (!system && isOwnSchema(qualifier) && !array && mods.empty()) {
    static const std::map<std::string, std::string> kSerials = {
        {"serial", "integer"}, {"serial4", "integer"},      {"bigserial", "bigint"},
        {"serial8", "bigint"}, {"smallserial", "smallint"}, {"serial2", "smallint"}};
    auto it = kSerials.find(name);
    if (it != kSerials.end() && serial) {
      *serial = it->first;
      return it->second;
    }
    for (const auto &e : s.schema.enums)
      if (e.name == name) {
        if (isEnum) *isEnum = true;
        return name;
      }
  }
  std::string spelled;
  if (system)
    spelled = name; // int4, varchar, bpchar…: canonicalType() knows them all
  else if (!isOwnSchema(qualifier))
    spelled = quoteIfNeeded(qualifier) + "." + quoteIfNeeded(name);
  else
    spelled = quoteIfNeeded(name);
  if (!mods.empty()) spelled += "(" + join(mods, ",") + ")";
  if (array) spelled += "[]";
  return spelled;
}

bool isNumberText(const std::string &v) {
  size_t i = 0, digits = 0;
  if (i < v.size() && (v[i] == '-' || v[i] == '+')) ++i;
  while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i])))
    ++i, ++digits;
  if (i < v.size() && v[i] == '.') {
    ++i;
    while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i])))
      ++i, ++digits;
  }
  return digits > 0 && i == v.size();
}

bool isNumericType(const std::string &canonical) {
  for (const char *t : {"integer", "bigint", "smallint", "numeric", "double precision", "real"})
    if (canonical == t || startsWith(canonical, std::string(t) + "(")) return true;
  return false;
}

// A string literal stored as a default of `type` (format_type spelling) prints back verbatim only
// for types whose input function keeps the text as it is; anything else is normalised by the
// server (timestamps gain seconds, jsonb spaces, uuids lose upper case), which is refused.
ColumnDefault literalDefault(const std::string &value, const std::string &type, bool isEnum) {
  ColumnDefault d;
  d.value = value;
  d.kind = ColumnDefault::Kind::String;
  if (isEnum || type == "text" || startsWith(type, "character") || type == "json" || type == "citext" ||
      type == "name")
    return d;
  if (isNumericType(type)) {
    if (!isNumberText(trim(value))) refuse("a numeric default written as the string '" + value + "'");
    d.kind = ColumnDefault::Kind::Number;
    d.value = trim(value);
    return d;
  }
  if (type == "boolean") {
    std::string l = toLower(trim(value));
    if (l == "true" || l == "t" || l == "yes" || l == "on" || l == "1")
      d.value = "true";
    else if (l == "false" || l == "f" || l == "no" || l == "off" || l == "0")
      d.value = "false";
    else
      refuse("a boolean default written as '" + value + "'");
    d.kind = ColumnDefault::Kind::Boolean;
    return d;
  }
  auto digitsAt = [&](size_t from, size_t n) {
    for (size_t i = from; i < from + n; ++i)
      if (i >= value.size() || !std::isdigit(static_cast<unsigned char>(value[i]))) return false;
    return true;
  };
  if (type == "date" && value.size() == 10 && digitsAt(0, 4) && value[4] == '-' && digitsAt(5, 2) &&
      value[7] == '-' && digitsAt(8, 2))
    return d;
  if (type == "uuid" && value.size() == 36 && toLower(value) == value) return d;
  if ((type == "jsonb" || endsWith(type, "[]")) && (value == "{}" || value == "[]")) return d;
  refuse("a default literal '" + value + "' of type " + type + ", which PostgreSQL stores normalised");
}

ColumnDefault constantDefault(const Json &aconst, const std::string &type, bool isEnum,
                              const ReplayState &s) {
  ColumnDefault d;
  if (flag(aconst, "isnull")) return d;
  if (at(aconst, "ival").is_object()) {
    d.kind = ColumnDefault::Kind::Number;
    d.value = std::to_string(intConst(aconst, s));
    if (type == "boolean") refuse("an integer default on a boolean column");
    return d;
  }
  if (at(aconst, "fval").is_object()) {
    d.kind = ColumnDefault::Kind::Number;
    d.value = str(at(aconst, "fval"), "fval");
    return d;
  }
  if (at(aconst, "boolval").is_object()) {
    d.kind = ColumnDefault::Kind::Boolean;
    d.value = flag(at(aconst, "boolval"), "boolval") ? "true" : "false";
    return d;
  }
  if (at(aconst, "sval").is_object()) return literalDefault(str(at(aconst, "sval"), "sval"), type, isEnum);
  refuse("a bit-string default");
}

std::string sqlValueFunction(const Json &f) {
  static const std::map<std::string, std::string> kNames = {
      {"SVFOP_CURRENT_DATE", "CURRENT_DATE"},
      {"SVFOP_CURRENT_TIME", "CURRENT_TIME"},
      {"SVFOP_CURRENT_TIME_N", "CURRENT_TIME"},
      {"SVFOP_CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"},
      {"SVFOP_CURRENT_TIMESTAMP_N", "CURRENT_TIMESTAMP"},
      {"SVFOP_LOCALTIME", "LOCALTIME"},
      {"SVFOP_LOCALTIME_N", "LOCALTIME"},
      {"SVFOP_LOCALTIMESTAMP", "LOCALTIMESTAMP"},
      {"SVFOP_LOCALTIMESTAMP_N", "LOCALTIMESTAMP"},
      {"SVFOP_CURRENT_ROLE", "CURRENT_ROLE"},
      {"SVFOP_CURRENT_USER", "CURRENT_USER"},
      {"SVFOP_USER", "CURRENT_USER"},
      {"SVFOP_SESSION_USER", "SESSION_USER"},
      {"SVFOP_CURRENT_CATALOG", "CURRENT_CATALOG"},
      {"SVFOP_CURRENT_SCHEMA", "CURRENT_SCHEMA"}};
  const std::string op = str(f, "op");
  auto it = kNames.find(op);
  if (it == kNames.end()) refuse("the default " + op);
  if (endsWith(op, "_N")) return it->second + "(" + std::to_string(num(f, "typmod", 0)) + ")";
  return it->second;
}

// nextval('name') or nextval('name'::regclass): the sequence's name as written.
std::string nextvalSequenceName(const Json &arg) {
  const Json *value = &arg;
  if (at(arg, "TypeCast").is_object()) {
    auto type = strings(at(at(at(arg, "TypeCast"), "typeName"), "names"));
    if (type.empty() || type.back() != "regclass") refuse("a nextval() argument cast to another type");
    value = &at(at(arg, "TypeCast"), "arg");
  }
  std::string name = str(at(at(*value, "A_Const"), "sval"), "sval");
  if (name.empty()) refuse("a nextval() default whose argument is not a sequence name");
  return name;
}

template <class F> void walk(const Json &tree, const F &visit) {
  if (tree.is_object()) {
    for (auto it = tree.begin(); it != tree.end(); ++it) {
      visit(it.key(), it.value());
      walk(it.value(), visit);
    }
  } else if (tree.is_array()) {
    for (const auto &item : tree)
      walk(item, visit);
  }
}
} // namespace

std::string readColumnType(const Json &typeName, const ReplayState &s, Column &c) {
  std::string serial;
  bool isEnum = false;
  std::string spelled = spelledType(typeName, s, &serial, &isEnum);
  c.type = ColumnType{};
  if (isEnum) {
    c.dbType = spelled;
    c.type.kind = TypeKind::Enum;
    c.type.enumName = spelled;
    return "";
  }
  c.dbType = canonicalType(spelled);
  c.type = modelTypeOf(c.dbType);
  return serial;
}

std::string formatType(const Json &typeName, const ReplayState &s) {
  bool isEnum = false;
  std::string spelled = spelledType(typeName, s, nullptr, &isEnum);
  return isEnum ? quoteIfNeeded(spelled) : canonicalType(spelled);
}

ColumnDefault readDefault(const Json &expr, const Column &c, const ReplayState &s) {
  auto [kind, body] = node(expr);
  const bool isEnum = c.type.kind == TypeKind::Enum;
  if (kind == "A_Const") return constantDefault(*body, c.dbType, isEnum, s);
  if (kind == "TypeCast") {
    auto [argKind, arg] = node(at(*body, "arg"));
    if (argKind != "A_Const") refuse("a default that casts an expression");
    Column cast;
    readColumnType(at(*body, "typeName"), s, cast);
    return constantDefault(*arg, cast.dbType, cast.type.kind == TypeKind::Enum, s);
  }
  if (kind == "SQLValueFunction") {
    ColumnDefault d;
    d.kind = ColumnDefault::Kind::Sql;
    d.value = sqlValueFunction(*body);
    return d;
  }
  if (kind == "FuncCall") {
    std::vector<std::string> name = strings(at(*body, "funcname"));
    const Json &args = at(*body, "args");
    bool plainCall = !at(*body, "agg_order").is_array() && !at(*body, "over").is_object() &&
                     !flag(*body, "agg_star") && !flag(*body, "func_variadic");
    bool ownName = name.size() == 1 || (name.size() == 2 && (name[0] == "pg_catalog" || name[0] == "public"));
    if (plainCall && ownName) {
      ColumnDefault d;
      d.kind = ColumnDefault::Kind::Sql;
      if (!args.is_array() || args.empty()) {
        d.value = name.back() + "()";
        return d;
      }
      if (name.back() == "nextval" && args.size() == 1) {
        // A sequence default makes the column autoincrement, as introspection reads it.
        d.value = "nextval('" + nextvalSequenceName(args[0]) + "'::regclass)";
        return d;
      }
    }
    refuse("a default calling " + join(name, ".") + "() with arguments");
  }
  refuse("a default expression (" + kind + ") PostgreSQL would store reformatted");
}

long long intConst(const Json &aconst, const ReplayState &s) {
  long long stored = num(at(aconst, "ival"), "ival", 0);
  long long loc = num(aconst, "location", -1);
  if (stored > 0 || loc < 0 || !s.text || static_cast<size_t>(loc) >= s.text->size()) return stored;
  const std::string &t = *s.text;
  size_t i = static_cast<size_t>(loc);
  bool negative = false;
  while (i < t.size() && (t[i] == '-' || t[i] == '+' || std::isspace(static_cast<unsigned char>(t[i])))) {
    if (t[i] == '-') negative = !negative;
    ++i;
  }
  long long v = 0;
  size_t digits = 0;
  while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i])) && digits < 18) {
    v = v * 10 + (t[i] - '0');
    ++i, ++digits;
  }
  if (digits == 0) return stored;
  return negative ? -v : v;
}

void columnRefs(const Json &tree, std::set<std::string> &out) {
  walk(tree, [&](const std::string &key, const Json &value) {
    if (key != "ColumnRef") return;
    auto fields = strings(at(value, "fields"));
    if (!fields.empty() && !fields.back().empty()) out.insert(fields.back());
  });
}

void relationRefs(const Json &tree, std::set<std::string> &out) {
  walk(tree, [&](const std::string &key, const Json &value) {
    if (key == "RangeVar" && isOwnSchema(str(value, "schemaname"))) out.insert(str(value, "relname"));
  });
}

void functionCalls(const Json &tree, std::set<std::string> &out) {
  walk(tree, [&](const std::string &key, const Json &value) {
    if (key != "FuncCall") return;
    auto name = strings(at(value, "funcname"));
    if (!name.empty()) out.insert(name.back());
  });
}

std::string parenthesized(const std::string &text, size_t from) {
  size_t open = text.find('(', from);
  if (open == std::string::npos) return "";
  int depth = 0;
  char quote = 0;
  for (size_t i = open; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"')
      quote = c;
    else if (c == '(')
      ++depth;
    else if (c == ')' && --depth == 0)
      return text.substr(open, i - open + 1);
  }
  return text.substr(open);
}

} // namespace tether::pg::replay
