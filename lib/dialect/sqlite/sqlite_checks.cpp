#include "dialect/sqlite/sqlite_checks.h"
#include "core/error.h"
#include "core/strings.h"
#include "dialect/sqlite/sqlite_dialect.h"
#include "dialect/sqlite/sqlite_quote.h"
#include "dialect/sqlite/sqlite_tokenizer.h"
#include <cctype>

namespace tether::sqlite {

namespace {
using Tokens = std::vector<Token>;

// Index of the parenthesis that closes the one at `open`, or t.size().
size_t closing(const Tokens &t, size_t open) {
  int depth = 0;
  for (size_t i = open; i < t.size(); ++i) {
    if (t[i].isPunct('('))
      ++depth;
    else if (t[i].isPunct(')') && --depth == 0)
      return i;
  }
  return t.size();
}

// Reads `CHECK (expr)` at t[i] (the CHECK keyword) into `out`; returns the index after it.
size_t readCheck(std::string_view sql, const Tokens &t, size_t i, CheckConstraint &out) {
  size_t open = i + 1;
  if (open >= t.size() || !t[open].isPunct('(')) return i + 1;
  size_t close = closing(t, open);
  if (close >= t.size()) return t.size();
  out.sql = trim(std::string(sql.substr(t[open].end, t[close].offset - t[open].end)));
  return close + 1;
}
} // namespace

std::vector<CheckConstraint> checksOf(std::string_view sql) {
  Tokens t = tokenize(sql);
  std::vector<CheckConstraint> out;
  size_t open = 0;
  while (open < t.size() && !t[open].isPunct('('))
    ++open;
  if (open >= t.size()) return out;
  size_t end = closing(t, open);
  // Items of the column list: split at top-level commas.
  size_t itemStart = open + 1;
  int depth = 0;
  for (size_t i = open + 1; i <= end && i < t.size(); ++i) {
    bool itemEnd = i == end || (depth == 0 && t[i].isPunct(','));
    if (t[i].isPunct('(')) ++depth;
    if (t[i].isPunct(')') && i != end) --depth;
    if (!itemEnd) continue;
    const size_t from = itemStart, to = i;
    itemStart = i + 1;
    if (from >= to) continue;
    const bool tableConstraint = t[from].isKeyword("CONSTRAINT") || t[from].isKeyword("CHECK") ||
                                 t[from].isKeyword("PRIMARY") || t[from].isKeyword("UNIQUE") ||
                                 t[from].isKeyword("FOREIGN");
    const std::string column = tableConstraint ? "" : t[from].value;
    int d = 0;
    for (size_t k = from; k < to; ++k) {
      if (t[k].isPunct('(')) ++d;
      if (t[k].isPunct(')')) --d;
      if (d != 0 || !t[k].isKeyword("CHECK")) continue;
      CheckConstraint c;
      if (k >= from + 2 && t[k - 2].isKeyword("CONSTRAINT") && t[k - 1].isName()) c.name = t[k - 1].value;
      c.column = column;
      if (!column.empty()) c.columns = {column};
      size_t next = readCheck(sql, t, k, c);
      if (!c.sql.empty()) out.push_back(c);
      k = next - 1;
    }
  }
  return out;
}

size_t checkKeywords(std::string_view sql) {
  size_t n = 0;
  for (const auto &tok : tokenize(sql))
    if (tok.isKeyword("CHECK")) ++n;
  return n;
}

namespace {
Tokens comparable(const std::string &s) {
  Tokens t = tokenize(s);
  while (t.size() >= 2 && t.front().isPunct('(') && closing(t, 0) == t.size() - 1)
    t = Tokens(t.begin() + 1, t.end() - 1);
  return t;
}
} // namespace

bool sameCheckExpression(const std::string &a, const std::string &b) {
  Tokens x = comparable(a), y = comparable(b);
  if (x.size() != y.size()) return false;
  for (size_t i = 0; i < x.size(); ++i) {
    const Token &p = x[i], &q = y[i];
    if (p.isName() && q.isName()) {
      if (!iequals(p.value, q.value)) return false;
      continue;
    }
    if (p.kind != q.kind || p.value != q.value) return false;
  }
  return true;
}

namespace {
// A model's CHECK expression is spliced into CREATE TABLE: it must not close the parenthesis it is
// written in, end the statement or comment the rest out. (SQLite cannot prepare it on its own:
// it names columns of a table that does not exist yet.)
void requireOneExpression(const std::string &expr, const std::string &what) {
  Tokens t = tokenize(expr);
  int depth = 0;
  size_t covered = 0;
  bool ok = !t.empty();
  for (const auto &tok : t) {
    for (size_t i = covered; i < tok.offset; ++i)
      if (!std::isspace(static_cast<unsigned char>(expr[i]))) ok = false; // a comment
    covered = tok.end;
    if (tok.isPunct('(')) ++depth;
    if (tok.isPunct(')') && --depth < 0) ok = false;
    if (tok.isPunct(';')) ok = false;
  }
  for (size_t i = covered; i < expr.size(); ++i)
    if (!std::isspace(static_cast<unsigned char>(expr[i]))) ok = false;
  if (!ok || depth != 0)
    throw Error(what + " '" + expr + "' is not a single SQLite expression", {},
                "a model fragment is one expression, with balanced parentheses, no ';' and no comment");
}
} // namespace

std::string checkClause(const CheckConstraint &c) {
  requireOneExpression(c.sql, "the check constraint" + (c.name.empty() ? "" : " " + c.name));
  return (c.name.empty() ? "" : "CONSTRAINT " + quoteIdent(c.name) + " ") + "CHECK (" + c.sql + ")";
}

} // namespace tether::sqlite
