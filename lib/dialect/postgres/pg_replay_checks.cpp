#include "dialect/postgres/pg_replay_checks.h"
#include "core/strings.h"
#include "dialect/postgres/pg_check_expr.h"
#include <algorithm>
#include <cctype>

namespace tether::pg::replay {

namespace {
bool identStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}
bool identPart(char c) {
  return identStart(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$';
}

// `sql` with every column reference to `from` (bare, case-folded, or quoted) written as `to`;
// string literals, function names and qualified names' other parts left as they are.
std::string renameIdentifier(const std::string &sql, const std::string &from, const std::string &to) {
  std::string out;
  size_t i = 0;
  auto nextNonSpace = [&](size_t j) {
    while (j < sql.size() && std::isspace(static_cast<unsigned char>(sql[j])))
      ++j;
    return j < sql.size() ? sql[j] : '\0';
  };
  while (i < sql.size()) {
    char c = sql[i];
    if (c == '\'') {
      size_t j = i + 1;
      while (j < sql.size()) {
        if (sql[j] == '\'' && j + 1 < sql.size() && sql[j + 1] == '\'')
          j += 2;
        else if (sql[j] == '\'')
          break;
        else
          ++j;
      }
      out += sql.substr(i, j + 1 - i);
      i = j + 1;
      continue;
    }
    std::string name;
    size_t j = i;
    if (c == '"') {
      ++j;
      while (j < sql.size()) {
        if (sql[j] == '"' && j + 1 < sql.size() && sql[j + 1] == '"') {
          name += '"';
          j += 2;
        } else if (sql[j] == '"') {
          ++j;
          break;
        } else {
          name += sql[j++];
        }
      }
    } else if (identStart(c) && (i == 0 || !identPart(sql[i - 1]))) {
      while (j < sql.size() && identPart(sql[j]))
        ++j;
      name = toLower(sql.substr(i, j - i));
    } else {
      out += c;
      ++i;
      continue;
    }
    bool qualifiedOrCall = nextNonSpace(j) == '(' || nextNonSpace(j) == '.' ||
                           (!out.empty() && out.back() == '.') || (i > 1 && sql.compare(i - 2, 2, "::") == 0);
    out += (name == from && !qualifiedOrCall) ? quoteIfNeeded(to) : sql.substr(i, j - i);
    i = j;
  }
  return out;
}
} // namespace

CheckConstraint replayedCheck(const std::string &name, const std::string &parenthesised,
                              const std::set<std::string> &columns) {
  CheckConstraint c;
  c.name = name;
  c.sql = checkExpressionOf(parenthesised);
  c.columns.assign(columns.begin(), columns.end());
  return c;
}

bool hasCheck(const Table &t, const std::string &name) {
  return std::any_of(t.checks.begin(), t.checks.end(),
                     [&](const CheckConstraint &c) { return c.name == name; });
}

bool hasCheck(const Schema &s, const std::string &name) {
  return std::any_of(s.tables.begin(), s.tables.end(), [&](const Table &t) { return hasCheck(t, name); });
}

bool validateCheck(Table &t, const std::string &name, ReplayState &s) {
  if (hasCheck(t, name)) return true;
  UnmanagedObject *u = s.unmanaged("check_constraint", name, t.name);
  if (!u) return false;
  const std::string suffix = " NOT VALID";
  if (!endsWith(u->definition, suffix) || u->definition.find(" NO INHERIT") != std::string::npos) return true;
  std::string def = u->definition.substr(0, u->definition.size() - suffix.size());
  size_t at = def.find(" CHECK ");
  std::set<std::string> cols = s.depsOf(*u).columns;
  CheckConstraint c = replayedCheck(name, at == std::string::npos ? "" : def.substr(at + 1), cols);
  s.removeUnmanaged("check_constraint", name, t.name);
  t.checks.push_back(c);
  return true;
}

bool dropCheck(Table &t, const std::string &name) {
  auto it = std::find_if(t.checks.begin(), t.checks.end(),
                         [&](const CheckConstraint &c) { return c.name == name; });
  if (it == t.checks.end()) return false;
  t.checks.erase(it);
  return true;
}

bool renameCheck(Table &t, const std::string &from, const std::string &to) {
  for (auto &c : t.checks)
    if (c.name == from) {
      c.name = to;
      return true;
    }
  return false;
}

void dropChecksReading(Table &t, const std::string &column) {
  auto &v = t.checks;
  v.erase(std::remove_if(v.begin(), v.end(),
                         [&](const CheckConstraint &c) {
                           return std::find(c.columns.begin(), c.columns.end(), column) != c.columns.end();
                         }),
          v.end());
}

void renameColumnInChecks(Table &t, const std::string &from, const std::string &to) {
  for (auto &c : t.checks) {
    auto it = std::find(c.columns.begin(), c.columns.end(), from);
    if (it == c.columns.end()) continue;
    *it = to;
    c.sql = renameIdentifier(c.sql, from, to);
  }
}

} // namespace tether::pg::replay
