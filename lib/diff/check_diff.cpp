#include "diff/check_diff.h"
#include "core/strings.h"
#include <algorithm>
#include <cctype>

namespace tether {

namespace {
bool keptUnmanaged(const Schema &desired, const std::string &table, const std::string &name) {
  return std::any_of(desired.unmanaged.begin(), desired.unmanaged.end(), [&](const UnmanagedObject &u) {
    return u.kind == "check_constraint" && u.table == table && u.name == name;
  });
}
} // namespace

bool ColumnRules::sameSqlExpression(const std::string &model, const std::string &db) const {
  return collapseSpace(model) == collapseSpace(db);
}

void diffChecks(const Table &want, const Table &have, const Schema &desired, const ColumnRules &rules,
                std::vector<Change> &out) {
  std::vector<bool> used(have.checks.size(), false);
  for (size_t i = 0; i < have.checks.size(); ++i)
    if (!have.checks[i].name.empty() && keptUnmanaged(desired, want.name, have.checks[i].name))
      used[i] = true;
  std::vector<const CheckConstraint *> adds;
  // Named checks first, so an unnamed one cannot take the database check a name claims.
  for (int pass = 0; pass < 2; ++pass)
    for (const CheckConstraint &w : want.checks) {
      if (w.name.empty() != (pass == 1)) continue;
      bool found = false;
      for (size_t i = 0; i < have.checks.size() && !found; ++i) {
        const CheckConstraint &h = have.checks[i];
        if (used[i] || (!w.name.empty() && h.name != w.name)) continue;
        if (rules.sameSqlExpression(w.sql, h.sql)) used[i] = found = true;
      }
      if (found) continue;
      adds.push_back(&w);
    }
  for (size_t i = 0; i < have.checks.size(); ++i) {
    if (used[i]) continue;
    const CheckConstraint &check = have.checks[i];
    // A redefinition (a new check of the same name, or on the same one column) loses nothing.
    const bool destructive = std::none_of(adds.begin(), adds.end(), [&](const CheckConstraint *a) {
      return (!a->name.empty() && a->name == check.name) ||
             (!a->column.empty() && check.columns == std::vector<std::string>{a->column});
    });
    out.push_back(Change{step::DropCheck{want.name, check}, want.loc, destructive});
  }
  for (const CheckConstraint *w : adds)
    out.push_back(Change{step::AddCheck{want.name, *w}, w->loc});
}

void diffPrimaryKeyName(const Table &want, const Table &have, std::vector<Change> &out) {
  if (want.primaryKeyName.empty() || want.primaryKey.empty() || want.primaryKey != have.primaryKey ||
      want.primaryKeyName == have.primaryKeyName)
    return;
  out.push_back(
      Change{step::RenamePrimaryKey{want.name, want.primaryKey, have.primaryKeyName, want.primaryKeyName},
             want.loc});
}

bool isModelledCheck(const UnmanagedObject &u, const Schema &current) {
  if (u.kind != "check_constraint") return false;
  const Table *t = current.table(u.table);
  return t && std::any_of(t->checks.begin(), t->checks.end(),
                          [&](const CheckConstraint &c) { return c.name == u.name; });
}

} // namespace tether
