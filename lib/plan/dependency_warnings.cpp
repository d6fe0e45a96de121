#include "plan/dependency_warnings.h"
#include "core/strings.h"
#include <cctype>
#include <set>

namespace tether {

namespace {

// The identifiers a definition spells, lower-cased: bare words and "quoted" names alike.
std::set<std::string> identifiers(const std::string &sql) {
  std::set<std::string> out;
  size_t i = 0;
  while (i < sql.size()) {
    char c = sql[i];
    if (c == '\'') { // a string literal names nothing
      size_t end = i + 1;
      while (end < sql.size() && !(sql[end] == '\'' && (end + 1 >= sql.size() || sql[end + 1] != '\'')))
        end += sql[end] == '\'' ? 2 : 1;
      i = end + 1;
    } else if (c == '"' || c == '`' || c == '[') {
      char close = c == '[' ? ']' : c;
      size_t end = sql.find(close, i + 1);
      if (end == std::string::npos) end = sql.size();
      out.insert(toLower(sql.substr(i + 1, end - i - 1)));
      i = end + 1;
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      size_t start = i;
      while (i < sql.size() &&
             (std::isalnum(static_cast<unsigned char>(sql[i])) || sql[i] == '_' || sql[i] == '$'))
        ++i;
      out.insert(toLower(sql.substr(start, i - start)));
    } else {
      ++i;
    }
  }
  return out;
}

struct Touched {
  std::string table, column; // column "" when the whole table is dropped or renamed
  std::string what;          // the step, as the plan describes it
};

std::vector<Touched> touched(const Plan &plan) {
  std::vector<Touched> out;
  for (const auto &c : plan.changes) {
    if (const auto *drop = c.get<step::DropColumn>())
      out.push_back({drop->table, drop->column.name, c.describe()});
    else if (const auto *rename = c.get<step::RenameColumn>())
      out.push_back({rename->table, rename->oldColumn.name, c.describe()});
    else if (const auto *alter = c.get<step::AlterColumn>()) {
      if (alter->typeChanged || alter->recomputed)
        out.push_back({alter->table, alter->column.name, c.describe()});
    } else if (c.is<step::DropTable>())
      out.push_back({c.table(), "", c.describe()});
    else if (const auto *renameTable = c.get<step::RenameTable>())
      out.push_back({renameTable->oldName, "", c.describe()});
  }
  return out;
}

} // namespace

std::vector<std::string> dependencyWarnings(const Plan &plan, const Schema &live) {
  std::vector<std::string> out;
  const auto steps = touched(plan);
  if (steps.empty()) return out;
  for (const auto &u : live.unmanaged) {
    const auto names = identifiers(u.definition);
    for (const auto &t : steps) {
      bool onTable = toLower(u.table) == toLower(t.table) || names.count(toLower(t.table));
      if (!onTable || (!t.column.empty() && !names.count(toLower(t.column)))) continue;
      // The object's own table going away takes a trigger or index with it, which the step says.
      if (t.column.empty() && u.partOfTable() && u.table == t.table) continue;
      out.push_back(t.what + ": " + u.kind + " " + u.name + " uses " + t.table +
                    (t.column.empty() ? "" : "." + t.column) +
                    ", which tether does not model; the database refuses the step while it exists, or "
                    "it is left broken or dropped with the column. Drop it first and recreate it after "
                    "the change (its definition is in the inspected models under unmanaged:)");
    }
  }
  return out;
}

} // namespace tether
