#include "dialect/sqlite/sqlite_defaults.h"
#include "core/nesting_bound.h"
#include "core/strings.h"
#include "dialect/sqlite/sqlite_fragment.h"
#include "dialect/sqlite/sqlite_tokenizer.h"
#include <cctype>
#include <cstdlib>

namespace tether::sqlite {

namespace {
bool isNumber(const std::string &s) {
  if (s.empty()) return false;
  const char *begin = s.c_str();
  char *end = nullptr;
  std::strtod(begin, &end);
  return end == begin + s.size() && !std::isspace(static_cast<unsigned char>(s[0])) &&
         s.find_first_of("xXnN") == std::string::npos; // no hex, inf or nan
}

std::string quote(const std::string &v) {
  return sqlQuoted(v, '\'');
}

// Strips parentheses that wrap the whole expression: SQLite stores DEFAULT (x) with them.
std::string unwrap(std::string s) {
  if (findExcessiveNesting(s)) return s; // refused where it is rendered; never walked here
  for (;;) {
    s = trim(s);
    if (s.size() < 2 || s.front() != '(' || s.back() != ')') return s;
    auto toks = tokenize(s);
    int depth = 0;
    bool wraps = true;
    for (size_t i = 0; i < toks.size(); ++i) {
      if (toks[i].isPunct('('))
        ++depth;
      else if (toks[i].isPunct(')') && --depth == 0 && i + 1 != toks.size())
        wraps = false;
    }
    if (!wraps) return s;
    s = s.substr(1, s.size() - 2);
  }
}

std::string squash(const std::string &sql) {
  std::string out;
  for (const auto &t : tokenize(unwrap(sql)))
    out += t.kind == Token::Kind::Word ? toLower(t.text) : t.text;
  return out;
}

bool truthOf(const ColumnDefault &d, bool &truth) {
  std::string v = toLower(trim(d.value));
  if (d.kind == ColumnDefault::Kind::Sql && (v == "true" || v == "false")) {
    truth = v == "true";
    return true;
  }
  if (d.kind == ColumnDefault::Kind::Sql) return false;
  if (v == "1" || v == "true")
    truth = true;
  else if (v == "0" || v == "false")
    truth = false;
  else
    return false;
  return true;
}
} // namespace

std::string renderDefault(const ColumnDefault &d) {
  switch (d.kind) {
  case ColumnDefault::Kind::None:
    return "";
  case ColumnDefault::Kind::Number:
    return isNumber(d.value) ? d.value : quote(d.value);
  case ColumnDefault::Kind::Boolean:
    return toLower(d.value) == "true" ? "1" : "0";
  case ColumnDefault::Kind::String:
    return quote(d.value);
  case ColumnDefault::Kind::Sql: {
    std::string u = toUpper(trim(d.value));
    if (u == "CURRENT_TIMESTAMP" || u == "CURRENT_DATE" || u == "CURRENT_TIME" || u == "NULL" || isNumber(u))
      return trim(d.value);
    requireOneExpression(unwrap(d.value), "the default");
    return "(" + unwrap(d.value) + ")";
  }
  }
  return "";
}

ColumnDefault parseDefault(const std::string &stored) {
  ColumnDefault d;
  std::string s = unwrap(stored);
  if (s.empty() || iequals(s, "NULL")) return d;
  auto toks = tokenize(s);
  if (toks.size() == 1 && toks[0].kind == Token::Kind::String) {
    d.kind = ColumnDefault::Kind::String;
    d.value = toks[0].value;
  } else if (isNumber(s) || ((s[0] == '-' || s[0] == '+') && isNumber(s.substr(1)))) {
    d.kind = ColumnDefault::Kind::Number;
    d.value = s[0] == '+' ? s.substr(1) : s;
  } else if (iequals(s, "TRUE") || iequals(s, "FALSE")) {
    d.kind = ColumnDefault::Kind::Boolean;
    d.value = toLower(s);
  } else {
    d.kind = ColumnDefault::Kind::Sql;
    d.value = s;
  }
  return d;
}

bool sameDefault(const ColumnDefault &model, const ColumnDefault &db) {
  using K = ColumnDefault::Kind;
  if (!model.present() || !db.present()) return model.present() == db.present();
  if (model.kind == K::Boolean || db.kind == K::Boolean) {
    bool a, b;
    return truthOf(model, a) && truthOf(db, b) && a == b;
  }
  if (model.kind == K::Number && (db.kind == K::Number || db.kind == K::String))
    return isNumber(db.value) &&
           std::strtod(model.value.c_str(), nullptr) == std::strtod(db.value.c_str(), nullptr);
  if (model.kind == K::String) return db.kind == K::String && model.value == db.value;
  if (model.kind == K::Sql) {
    ColumnDefault asStored = parseDefault(renderDefault(model));
    if (asStored.kind != K::Sql) return sameDefault(asStored, db);
    return db.kind == K::Sql && squash(model.value) == squash(db.value);
  }
  return false;
}

bool isConstantDefault(const ColumnDefault &d) {
  if (d.kind != ColumnDefault::Kind::Sql) return true;
  std::string u = toUpper(trim(d.value));
  return u == "NULL" || isNumber(u);
}

} // namespace tether::sqlite
