#include "dialect/sqlite/sqlite_constraint_options.h"
#include "core/strings.h"
#include "dialect/sqlite/sqlite_tokenizer.h"
#include <algorithm>
#include <map>

namespace tether::sqlite {

namespace {
using Tokens = std::vector<Token>;

bool startsTableConstraint(const Token &t) {
  for (const char *kw : {"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"})
    if (t.isKeyword(kw)) return true;
  return false;
}

// The top-level items of the table's parenthesised body: column definitions and table constraints.
std::vector<Tokens> bodyItems(std::string_view sql) {
  Tokens t = tokenize(sql);
  std::vector<Tokens> items;
  size_t i = 0;
  while (i < t.size() && !t[i].isPunct('('))
    ++i;
  int depth = 0;
  Tokens cur;
  for (; i < t.size(); ++i) {
    if (t[i].isPunct('(') && depth++ == 0) continue;
    if (t[i].isPunct(')') && --depth == 0) break;
    if (t[i].isPunct(',') && depth == 1) {
      items.push_back(cur);
      cur.clear();
      continue;
    }
    cur.push_back(t[i]);
  }
  if (!cur.empty()) items.push_back(cur);
  return items;
}

bool isColumnDefinition(const Tokens &item) {
  return !item.empty() && item[0].isName() && !startsTableConstraint(item[0]);
}

// The COLLATE tokens at the item's own level (not inside a CHECK's or a default's parentheses).
template <class Fn> void forEachColumnCollate(const Tokens &item, Fn fn) {
  int depth = 0;
  for (size_t i = 1; i + 1 < item.size(); ++i) {
    if (item[i].isPunct('(')) ++depth;
    if (item[i].isPunct(')')) --depth;
    if (depth == 0 && item[i].isKeyword("COLLATE") && item[i + 1].isName()) fn(item[i], item[i + 1]);
  }
}

std::vector<std::string> namesIn(const Tokens &item, size_t open) {
  std::vector<std::string> out;
  int depth = 0;
  bool expectName = true;
  for (size_t i = open; i < item.size(); ++i) {
    if (item[i].isPunct('(')) {
      ++depth;
      continue;
    }
    if (item[i].isPunct(')') && --depth == 0) break;
    if (depth == 1 && item[i].isPunct(','))
      expectName = true;
    else if (depth == 1 && expectName && item[i].isName()) {
      out.push_back(item[i].value);
      expectName = false;
    }
  }
  return out;
}

// [NOT] DEFERRABLE [INITIALLY DEFERRED | INITIALLY IMMEDIATE] after the REFERENCES at `ref`.
Deferrability timingAfter(const Tokens &item, size_t ref) {
  Deferrability d;
  int depth = 0;
  for (size_t i = ref + 1; i < item.size(); ++i) {
    if (item[i].isPunct('(')) ++depth;
    if (item[i].isPunct(')')) --depth;
    if (depth != 0) continue;
    if (item[i].isKeyword("REFERENCES")) break;
    if (!item[i].isKeyword("DEFERRABLE")) continue;
    if (i > 0 && item[i - 1].isKeyword("NOT")) return d; // SQLite: checked at once, whatever follows
    d.deferrable = true;
    d.initiallyDeferred =
        i + 2 < item.size() && item[i + 1].isKeyword("INITIALLY") && item[i + 2].isKeyword("DEFERRED");
    return d;
  }
  return d;
}
} // namespace

std::string collationName(const std::string &written) {
  const std::string up = toUpper(written);
  return isBuiltinCollation(up) ? up : written;
}

bool isBuiltinCollation(const std::string &name) {
  const std::string up = toUpper(name);
  return up == "BINARY" || up == "NOCASE" || up == "RTRIM";
}

std::map<std::string, std::string> columnCollations(std::string_view sql) {
  std::map<std::string, std::string> out;
  for (const Tokens &item : bodyItems(sql))
    if (isColumnDefinition(item))
      forEachColumnCollate(item, [&](const Token &, const Token &name) {
        out[item[0].value] = collationName(name.value); // the last one wins, as in SQLite
      });
  return out;
}

std::set<size_t> columnCollateOffsets(std::string_view sql) {
  std::set<size_t> out;
  for (const Tokens &item : bodyItems(sql))
    if (isColumnDefinition(item))
      forEachColumnCollate(item, [&](const Token &kw, const Token &) { out.insert(kw.offset); });
  return out;
}

std::vector<ForeignKeyTiming> foreignKeyTimings(std::string_view sql) {
  std::vector<ForeignKeyTiming> out;
  for (const Tokens &item : bodyItems(sql)) {
    int depth = 0;
    for (size_t i = 0; i < item.size(); ++i) {
      if (item[i].isPunct('(')) ++depth;
      if (item[i].isPunct(')')) --depth;
      if (depth != 0 || !item[i].isKeyword("REFERENCES")) continue;
      ForeignKeyTiming fk;
      if (isColumnDefinition(item)) {
        fk.columns = {item[0].value};
      } else {
        for (size_t k = 0; k < i; ++k)
          if (item[k].isKeyword("FOREIGN") && k + 2 < i && item[k + 1].isKeyword("KEY"))
            fk.columns = namesIn(item, k + 2);
      }
      fk.deferral = timingAfter(item, i);
      out.push_back(fk);
    }
  }
  return out;
}

void readForeignKeyTimings(Table &t) {
  if (toUpper(t.createSql).find("DEFERRABLE") == std::string::npos) return;
  std::vector<ForeignKeyTiming> timings = foreignKeyTimings(t.createSql);
  for (auto &fk : t.foreignKeys)
    for (auto it = timings.begin(); it != timings.end(); ++it)
      if (it->columns.size() == fk.columns.size() &&
          std::equal(fk.columns.begin(), fk.columns.end(), it->columns.begin(),
                     [](const std::string &a, const std::string &b) { return iequals(a, b); })) {
        fk.deferral = it->deferral;
        timings.erase(it);
        break;
      }
}

std::vector<std::pair<SourceLoc, std::string>> unsupportedTableOptions(const Table &t) {
  std::vector<std::pair<SourceLoc, std::string>> out;
  if (!t.primaryKey.empty() && t.primaryKeyDeferral.present())
    out.push_back({t.loc, "a deferrable primary key on " + t.name + " (" + join(t.primaryKey, ", ") +
                              "): SQLite checks PRIMARY KEY at each statement"});
  for (const auto &u : t.uniques)
    if (u.deferral.present())
      out.push_back({u.loc, "a deferrable unique constraint on " + t.name + " (" + join(u.columns, ", ") +
                                "): SQLite checks UNIQUE at each statement"});
  for (const auto &c : t.columns)
    if (!c.collation.empty() && !isBuiltinCollation(c.collation))
      out.push_back({c.loc, "collation '" + c.collation + "' of " + t.name + "." + c.name +
                                ": SQLite knows BINARY, NOCASE and RTRIM"});
  return out;
}

} // namespace tether::sqlite
