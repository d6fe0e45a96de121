#include "model/column_type.h"
#include "core/strings.h"
#include <algorithm>
#include <cctype>

namespace tether {

namespace {
struct TypeName {
  const char *name;
  TypeKind kind;
};
const TypeName kTypes[] = {
    {"Integer", TypeKind::Integer},
    {"BigInteger", TypeKind::BigInteger},
    {"SmallInteger", TypeKind::SmallInteger},
    {"String", TypeKind::String},
    {"Text", TypeKind::Text},
    {"Numeric", TypeKind::Numeric},
    {"Float", TypeKind::Float},
    {"Boolean", TypeKind::Boolean},
    {"Date", TypeKind::Date},
    {"Time", TypeKind::Time},
    {"DateTime", TypeKind::DateTime},
    {"LargeBinary", TypeKind::LargeBinary},
    {"JSON", TypeKind::JSON},
    {"Uuid", TypeKind::Uuid},
    {"Enum", TypeKind::Enum},
};

const char *kindName(TypeKind k) {
  for (const auto &t : kTypes)
    if (t.kind == k) return t.name;
  return "Custom";
}

bool parseInt(const std::string &s, int &out) {
  std::string t = trim(s);
  if (t.empty() || t.size() > 9) return false;
  for (char c : t)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  out = std::stoi(t);
  return true;
}

// "key=value" split at its first '=', the key lower-cased; false when `a` has no '=' or is a quoted
// value (an enum value 'a=b').
bool keywordArgument(const std::string &a, std::string &key, std::string &value) {
  auto eq = a.find('=');
  if (eq == std::string::npos || a[0] == '\'' || a[0] == '"') return false;
  key = toLower(trim(a.substr(0, eq)));
  value = trim(a.substr(eq + 1));
  return true;
}

// Python's True/False (any case); nullopt for anything else.
std::optional<bool> pythonBool(const std::string &v) {
  if (iequals(v, "true")) return true;
  if (iequals(v, "false")) return false;
  return std::nullopt;
}

std::string unquote(const std::string &s) {
  std::string t = trim(s);
  if (t.size() >= 2 && (t.front() == '\'' || t.front() == '"') && t.back() == t.front())
    return t.substr(1, t.size() - 2);
  return t;
}
} // namespace

const std::vector<std::string> &typeNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto &t : kTypes)
      v.push_back(t.name);
    return v;
  }();
  return names;
}

std::string ColumnType::str() const {
  std::string s = kindName(kind);
  switch (kind) {
  case TypeKind::String:
    if (length) s += "(" + std::to_string(*length) + ")";
    break;
  case TypeKind::Numeric:
    if (precision) {
      s += "(" + std::to_string(*precision);
      if (scale) s += ", " + std::to_string(*scale);
      s += ")";
    }
    break;
  case TypeKind::DateTime:
    if (timezone) s += "(timezone=True)";
    break;
  case TypeKind::Enum: {
    std::vector<std::string> parts = enumValues;
    if (!enumName.empty()) parts.push_back("name=" + enumName);
    if (!nativeEnum) parts.push_back("native_enum=False");
    if (enumLength) parts.push_back("length=" + std::to_string(*enumLength));
    if (createConstraint) parts.push_back("create_constraint=True");
    s += "(" + join(parts, ", ") + ")";
    break;
  }
  case TypeKind::Boolean: {
    std::vector<std::string> parts;
    if (createConstraint) parts.push_back("create_constraint=True");
    if (!checkName.empty()) parts.push_back("name=" + checkName);
    if (!parts.empty()) s += "(" + join(parts, ", ") + ")";
    break;
  }
  case TypeKind::Custom: {
    std::vector<std::string> parts;
    for (const auto &[d, t] : perDialect)
      parts.push_back(d + ": " + t);
    s = "{" + join(parts, ", ") + "}";
    break;
  }
  default:
    break;
  }
  for (const auto &[d, v] : variants)
    s += ".with_variant(" + v + ", \"" + d + "\")";
  return s;
}

ColumnType ColumnType::forDialect(const std::string &dialect) const {
  auto it = variants.find(dialect);
  if (it == variants.end()) return *this;
  TypeParse p = parseColumnType(it->second);
  return p.type ? *p.type : *this; // parsed once already when the model was loaded
}

bool ColumnType::operator==(const ColumnType &o) const {
  return kind == o.kind && length == o.length && precision == o.precision && scale == o.scale &&
         timezone == o.timezone && enumValues == o.enumValues && enumName == o.enumName &&
         nativeEnum == o.nativeEnum && enumLength == o.enumLength && createConstraint == o.createConstraint &&
         checkName == o.checkName && perDialect == o.perDialect && variants == o.variants;
}

namespace {
// Splits "Base().with_variant(Integer, 'sqlite').with_variant(...)" into the base spelling and
// (type, dialect) pairs; false with `error` set when a with_variant() call is malformed.
bool splitVariants(const std::string &s, std::string &base,
                   std::vector<std::pair<std::string, std::string>> &variants, std::string &error) {
  const std::string call = ".with_variant(";
  size_t at = s.find(call);
  base = trim(s.substr(0, at));
  while (at != std::string::npos) {
    size_t open = at + call.size() - 1;
    int depth = 0;
    size_t close = std::string::npos, comma = std::string::npos;
    for (size_t i = open; i < s.size(); ++i) {
      if (s[i] == '(') ++depth;
      if (s[i] == ')' && --depth == 0) {
        close = i;
        break;
      }
      if (s[i] == ',' && depth == 1) comma = i;
    }
    if (close == std::string::npos || comma == std::string::npos) {
      error = "with_variant() takes a type and a dialect name, e.g. with_variant(Integer, \"sqlite\")";
      return false;
    }
    variants.push_back(
        {trim(s.substr(open + 1, comma - open - 1)), unquote(s.substr(comma + 1, close - comma - 1))});
    if (close + 1 < s.size() && s.compare(close + 1, call.size(), call) != 0) {
      error = "unexpected text after with_variant(): '" + s.substr(close + 1) + "'";
      return false;
    }
    at = close + 1 < s.size() ? close + 1 : std::string::npos;
  }
  if (base.size() > 2 && base.compare(base.size() - 2, 2, "()") == 0) base.resize(base.size() - 2);
  return true;
}
} // namespace

TypeParse parseColumnType(const std::string &spelling) {
  TypeParse r;
  std::string s = trim(spelling);
  if (s.find(".with_variant(") != std::string::npos) {
    std::string base;
    std::vector<std::pair<std::string, std::string>> variants;
    if (!splitVariants(s, base, variants, r.error)) {
      r.hint = "BigInteger().with_variant(Integer, \"sqlite\")";
      return r;
    }
    r = parseColumnType(base);
    if (!r.type) return r;
    for (const auto &[type, dialect] : variants) {
      TypeParse v = parseColumnType(type);
      if (!v.type) return v;
      r.type->variants[dialect] = v.type->str();
    }
    return r;
  }
  size_t open = s.find('(');
  std::string name = trim(s.substr(0, open));
  std::vector<std::string> args;
  if (open != std::string::npos) {
    if (s.back() != ')') {
      r.error = "type '" + s + "' has an unclosed argument list";
      r.hint = "write it as Name(arg, …), e.g. String(255)";
      return r;
    }
    std::string inner = s.substr(open + 1, s.size() - open - 2);
    if (!trim(inner).empty())
      for (auto &a : split(inner, ','))
        args.push_back(trim(a));
  }
  const TypeName *found = nullptr;
  for (const auto &t : kTypes)
    if (iequals(name, t.name)) found = &t;
  if (!found) {
    r.error = "unknown type '" + name + "'";
    r.hint = didYouMean(name, typeNames(),
                        "known types: " + join(typeNames(), ", ") +
                            "; for anything else write {postgresql: …, sqlite: …}");
    return r;
  }
  ColumnType t;
  t.kind = found->kind;
  auto bad = [&](const std::string &why, const std::string &hint) {
    r.error = "bad arguments for " + std::string(found->name) + ": " + why;
    r.hint = hint;
    return r;
  };
  switch (t.kind) {
  case TypeKind::String: {
    if (args.size() > 1) return bad("String takes one length", "e.g. String(255)");
    if (args.size() == 1) {
      int n;
      if (!parseInt(args[0], n) || n <= 0 || n > 10485760)
        return bad("length '" + args[0] + "' is not a positive whole number", "e.g. String(255)");
      t.length = n;
    }
    break;
  }
  case TypeKind::Numeric: {
    if (args.size() > 2) return bad("Numeric takes precision and scale", "e.g. Numeric(10, 2)");
    if (!args.empty()) {
      int p, sc = 0;
      if (!parseInt(args[0], p) || p <= 0 || p > 1000)
        return bad("precision '" + args[0] + "' must be a whole number from 1 to 1000",
                   "e.g. Numeric(10, 2)");
      t.precision = p;
      if (args.size() == 2) {
        if (!parseInt(args[1], sc) || sc > p)
          return bad("scale '" + args[1] + "' must be a whole number no larger than the precision",
                     "e.g. Numeric(10, 2)");
        t.scale = sc;
      }
    }
    break;
  }
  case TypeKind::DateTime: {
    for (const auto &a : args) {
      std::string k = toLower(a);
      k.erase(std::remove_if(k.begin(), k.end(),
                             [](char c) { return std::isspace(static_cast<unsigned char>(c)); }),
              k.end());
      if (k == "timezone=true")
        t.timezone = true;
      else if (k == "timezone=false")
        t.timezone = false;
      else
        return bad("'" + a + "' is not an argument of DateTime", "DateTime(timezone=True)");
    }
    break;
  }
  case TypeKind::Boolean: {
    for (const auto &a : args) {
      std::string key, value;
      std::optional<bool> flag;
      if (!keywordArgument(a, key, value))
        return bad("'" + a + "' is not an argument of Boolean",
                   "Boolean(create_constraint=True, name=ck_flag)");
      if (key == "name") {
        t.checkName = unquote(value);
      } else if (key == "create_constraint" && (flag = pythonBool(value))) {
        t.createConstraint = *flag;
      } else {
        return bad("'" + a + "' is not an argument of Boolean",
                   "Boolean(create_constraint=True, name=ck_flag)");
      }
    }
    break;
  }
  case TypeKind::Enum: {
    const std::string hint =
        "Enum(pending, paid, name=order_status, native_enum=False, create_constraint=True)";
    for (const auto &a : args) {
      std::string key, value;
      std::optional<bool> flag;
      int n = 0;
      if (keywordArgument(a, key, value)) {
        if (key == "name")
          t.enumName = unquote(value);
        else if (key == "native_enum" && (flag = pythonBool(value)))
          t.nativeEnum = *flag;
        else if (key == "create_constraint" && (flag = pythonBool(value)))
          t.createConstraint = *flag;
        else if (key == "length" && parseInt(value, n) && n > 0 && n <= 10485760)
          t.enumLength = n;
        else
          return bad("'" + a + "' is not an argument of Enum", hint);
      } else {
        std::string v = unquote(a);
        if (v.empty()) return bad("an empty enum value", "Enum(pending, paid, name=order_status)");
        if (std::find(t.enumValues.begin(), t.enumValues.end(), v) != t.enumValues.end())
          return bad("value '" + v + "' is listed twice", "list each value once");
        t.enumValues.push_back(v);
      }
    }
    if (t.enumValues.empty())
      return bad("an Enum needs at least one value", "Enum(pending, paid, name=order_status)");
    for (const auto &v : t.enumValues)
      if (t.enumLength && v.size() > static_cast<size_t>(*t.enumLength))
        return bad("value '" + v + "' is longer than length=" + std::to_string(*t.enumLength),
                   "leave length out: it defaults to the longest value's");
    break;
  }
  default:
    if (!args.empty())
      return bad(std::string(found->name) + " takes no arguments", "write it as " + std::string(found->name));
  }
  r.type = t;
  return r;
}

} // namespace tether
