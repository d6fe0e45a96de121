#include "dialect/postgres/pg_defaults.h"
#include "core/strings.h"
#include "dialect/postgres/pg_check_expr.h"
#include "dialect/postgres/pg_fragment.h"
#include "dialect/postgres/pg_quote.h"
#include "dialect/postgres/pg_types.h"
#include <cctype>
#include <cstdlib>

namespace tether::pg {

namespace {
bool isNumber(const std::string &s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  size_t digits = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])))
    ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])))
      ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    size_t exp = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])))
      ++i, ++exp;
    if (exp == 0) return false;
  }
  return i == s.size();
}

// Removes parentheses that wrap the whole expression: `(-1)` -> `-1`.
std::string stripOuterParens(std::string s) {
  for (;;) {
    s = trim(s);
    if (s.size() < 2 || s.front() != '(' || s.back() != ')') return s;
    int depth = 0;
    bool quoted = false, wrapsAll = true;
    for (size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      if (c == '\'') quoted = !quoted;
      if (quoted) continue;
      if (c == '(') ++depth;
      if (c == ')' && --depth == 0 && i + 1 < s.size()) wrapsAll = false;
    }
    if (!wrapsAll) return s;
    s = s.substr(1, s.size() - 2);
  }
}

// Reads a leading '…' literal (quotes doubled inside); returns its end, or npos.
size_t readLiteral(const std::string &s, std::string &value) {
  if (s.empty() || s[0] != '\'') return std::string::npos;
  value.clear();
  for (size_t i = 1; i < s.size(); ++i) {
    if (s[i] != '\'') {
      value += s[i];
    } else if (i + 1 < s.size() && s[i + 1] == '\'') {
      value += '\'';
      ++i;
    } else {
      return i + 1;
    }
  }
  return std::string::npos;
}

bool isNumericType(const std::string &canonical) {
  for (const char *t : {"integer", "bigint", "smallint", "numeric", "double precision", "real"})
    if (canonical == t || startsWith(canonical, std::string(t) + "(")) return true;
  return false;
}

std::optional<std::string> asBoolean(const std::string &v) {
  std::string l = toLower(trim(v));
  if (l == "true" || l == "t" || l == "yes" || l == "on" || l == "1") return "true";
  if (l == "false" || l == "f" || l == "no" || l == "off" || l == "0") return "false";
  return std::nullopt;
}

// A compact spelling of an SQL expression: lower case and no white space outside literals, the
// clock functions under one name.
std::string compactSql(const std::string &expr) {
  std::string s = stripOuterParens(expr), out;
  bool quoted = false;
  for (char c : s) {
    if (c == '\'') quoted = !quoted;
    if (!quoted && std::isspace(static_cast<unsigned char>(c))) continue;
    out += quoted ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  for (const char *clock : {"current_timestamp", "transaction_timestamp()", "statement_timestamp()"})
    if (out == clock) return "now()";
  if (out == "localtimestamp") return "('now'::text)::timestamp";
  return out;
}

bool sameNumber(const std::string &a, const std::string &b) {
  if (!isNumber(a) || !isNumber(b)) return false;
  return std::strtold(a.c_str(), nullptr) == std::strtold(b.c_str(), nullptr);
}
} // namespace

ColumnDefault parseDefault(const std::string &expr) {
  ColumnDefault d;
  std::string s = stripOuterParens(expr);
  if (s.empty()) return d;
  std::string upper = toUpper(s);
  if (upper == "NULL" || startsWith(upper, "NULL::")) return d;
  std::string literal, castType;
  size_t end = readLiteral(s, literal);
  bool isLiteral = end != std::string::npos;
  std::string rest = isLiteral ? trim(s.substr(end)) : "";
  if (!isLiteral) {
    // A bare number, possibly cast: 1.5, 0::numeric.
    auto cast = s.find("::");
    std::string head = stripOuterParens(s.substr(0, cast));
    if (isNumber(head)) {
      d.kind = ColumnDefault::Kind::Number;
      d.value = head;
      return d;
    }
    if (iequals(s, "true") || iequals(s, "false")) {
      d.kind = ColumnDefault::Kind::Boolean;
      d.value = toLower(s);
      return d;
    }
    d.kind = ColumnDefault::Kind::Sql;
    d.value = trim(expr);
    return d;
  }
  // Only a literal followed by casts is a literal; 'a'::text || 'b' is an expression.
  while (!rest.empty()) {
    if (!startsWith(rest, "::")) {
      d.kind = ColumnDefault::Kind::Sql;
      d.value = trim(expr);
      return d;
    }
    rest = trim(rest.substr(2));
    auto next = rest.find("::");
    std::string type = rest.substr(0, next);
    if (type.find_first_of("'|+-*/<>=!~%&@#^") != std::string::npos) { // an operator: not just a cast
      d.kind = ColumnDefault::Kind::Sql;
      d.value = trim(expr);
      return d;
    }
    castType = canonicalType(type);
    rest = next == std::string::npos ? "" : rest.substr(next);
  }
  if (isNumericType(castType) && isNumber(literal)) {
    d.kind = ColumnDefault::Kind::Number;
  } else if (castType == "boolean" && asBoolean(literal)) {
    d.kind = ColumnDefault::Kind::Boolean;
    literal = *asBoolean(literal);
  } else {
    d.kind = ColumnDefault::Kind::String;
  }
  d.value = literal;
  return d;
}

bool isSequenceDefault(const std::string &expr) {
  return startsWith(toLower(trim(expr)), "nextval(");
}

std::string renderDefault(const ColumnDefault &d) {
  switch (d.kind) {
  case ColumnDefault::Kind::None:
    return "NULL";
  case ColumnDefault::Kind::Number:
    return isNumber(trim(d.value)) ? trim(d.value) : quoteLiteral(d.value);
  case ColumnDefault::Kind::Boolean: {
    auto b = asBoolean(d.value);
    return b ? *b : quoteLiteral(d.value);
  }
  case ColumnDefault::Kind::String:
    return quoteLiteral(d.value);
  case ColumnDefault::Kind::Sql:
    requireOneExpression(d.value, "the default");
    return d.value; // the model's own SQL expression, on purpose
  }
  return "NULL";
}

bool sameDefault(const ColumnDefault &model, const ColumnDefault &db) {
  // The model may spell a literal as SQL ({sql: "'x'"}): read it the way the server prints it.
  ColumnDefault m = model.kind == ColumnDefault::Kind::Sql ? parseDefault(model.value) : model;
  ColumnDefault d = db.kind == ColumnDefault::Kind::Sql ? parseDefault(db.value) : db;
  if (!m.present() || !d.present()) return m.present() == d.present();
  bool mSql = m.kind == ColumnDefault::Kind::Sql, dSql = d.kind == ColumnDefault::Kind::Sql;
  // Past the spelling, the parse trees: PostgreSQL stores `now() + interval '1 day'` as
  // `(now() + '1 day'::interval)`.
  if (mSql || dSql)
    return mSql && dSql &&
           (compactSql(m.value) == compactSql(d.value) || sameCheckExpression(m.value, d.value));
  if (m.value == d.value) return true;
  bool numeric = m.kind == ColumnDefault::Kind::Number || d.kind == ColumnDefault::Kind::Number;
  if (numeric && sameNumber(m.value, d.value)) return true;
  bool boolish = m.kind == ColumnDefault::Kind::Boolean || d.kind == ColumnDefault::Kind::Boolean;
  if (boolish) {
    auto a = asBoolean(m.value), b = asBoolean(d.value);
    return a && b && *a == *b;
  }
  return false;
}

} // namespace tether::pg
