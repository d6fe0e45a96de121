#include "model/schema.h"
#include "core/strings.h"
#include <algorithm>
#include <optional>

namespace tether {

const char *fkActionSql(FkAction a) {
  switch (a) {
  case FkAction::None:
    return "";
  case FkAction::Cascade:
    return "CASCADE";
  case FkAction::SetNull:
    return "SET NULL";
  case FkAction::SetDefault:
    return "SET DEFAULT";
  case FkAction::Restrict:
    return "RESTRICT";
  case FkAction::NoAction:
    return "NO ACTION";
  }
  return "";
}

std::optional<FkAction> parseFkAction(const std::string &s) {
  std::string u = toUpper(trim(s));
  std::replace(u.begin(), u.end(), '_', ' ');
  if (u == "CASCADE") return FkAction::Cascade;
  if (u == "SET NULL") return FkAction::SetNull;
  if (u == "SET DEFAULT") return FkAction::SetDefault;
  if (u == "RESTRICT") return FkAction::Restrict;
  if (u == "NO ACTION") return FkAction::NoAction;
  return std::nullopt;
}

bool parseDeleteAction(const std::string &s, FkAction &action, std::vector<std::string> &columns) {
  columns.clear();
  std::string text = trim(s);
  const auto open = text.find('(');
  if (open != std::string::npos) {
    if (text.back() != ')') return false;
    for (const auto &c : split(text.substr(open + 1, text.size() - open - 2), ','))
      if (!trim(c).empty()) columns.push_back(trim(c));
    text = text.substr(0, open);
    if (columns.empty()) return false;
  }
  auto a = parseFkAction(text);
  if (!a || (!columns.empty() && *a != FkAction::SetNull && *a != FkAction::SetDefault)) return false;
  action = *a;
  return true;
}

std::string deleteActionText(const ForeignKey &fk) {
  std::string s = fkActionSql(fk.onDelete);
  if (!fk.onDeleteColumns.empty()) s += " (" + join(fk.onDeleteColumns, ", ") + ")";
  return s;
}

const Column *Table::column(const std::string &n) const {
  for (const auto &c : columns)
    if (c.name == n) return &c;
  return nullptr;
}
Column *Table::column(const std::string &n) {
  for (auto &c : columns)
    if (c.name == n) return &c;
  return nullptr;
}

bool Table::isPrimaryKey(const std::string &col) const {
  return std::find(primaryKey.begin(), primaryKey.end(), col) != primaryKey.end();
}

bool sameColumnSet(std::vector<std::string> a, std::vector<std::string> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

bool Table::isUniqueSet(const std::vector<std::string> &cols) const {
  if (!primaryKey.empty() && sameColumnSet(primaryKey, cols)) return true;
  for (const auto &u : uniques)
    if (sameColumnSet(u.columns, cols)) return true;
  for (const auto &i : indexes)
    if (i.unique && !i.invalid && i.predicate.empty() && !i.hasExpressions && sameColumnSet(i.columns, cols))
      return true;
  return false;
}

bool Table::uniqueIsPrimaryKey(const UniqueConstraint &u) const {
  return !primaryKey.empty() && sameColumnSet(primaryKey, u.columns);
}

namespace {
// SQLAlchemy's CHECK for Boolean/Enum(create_constraint=True), where `native` lacks the type.
std::optional<CheckConstraint> typeBoundCheck(const Column &c, NativeTypes native) {
  const ColumnType &t = c.type;
  if (!t.createConstraint) return std::nullopt;
  CheckConstraint k;
  k.typeBound = true;
  k.columns = {c.name};
  k.loc = c.loc;
  if (t.kind == TypeKind::Boolean && !native.booleans) {
    k.name = t.checkName;
    k.sql = sqlQuoted(c.name, '"') + " IN (0, 1)";
    return k;
  }
  if (t.kind == TypeKind::Enum && !(native.enums && t.isNativeEnum())) {
    std::vector<std::string> values;
    for (const auto &v : t.enumValues)
      values.push_back(sqlQuoted(v, '\''));
    k.name = t.enumName;
    k.sql = sqlQuoted(c.name, '"') + " IN (" + join(values, ", ") + ")";
    return k;
  }
  return std::nullopt;
}
} // namespace

Schema forDialect(const Schema &s, const std::string &dialect, NativeTypes native) {
  Schema out = s;
  for (auto &t : out.tables)
    for (auto &c : t.columns) {
      if (!c.type.variants.empty()) c.type = c.type.forDialect(dialect);
      auto check = typeBoundCheck(c, native);
      bool present = std::any_of(t.checks.begin(), t.checks.end(), [&](const CheckConstraint &k) {
        return k.typeBound && k.columns == std::vector<std::string>{c.name};
      });
      if (check && !present) t.checks.push_back(*check);
    }
  return out;
}

const Table *Schema::table(const std::string &n) const {
  for (const auto &t : tables)
    if (t.name == n) return &t;
  return nullptr;
}
Table *Schema::table(const std::string &n) {
  for (auto &t : tables)
    if (t.name == n) return &t;
  return nullptr;
}

TablesByName tablesByName(const Schema &s) {
  TablesByName out;
  out.reserve(s.tables.size());
  for (const Table &t : s.tables)
    out.emplace(t.name, &t);
  return out;
}

const UnmanagedObject *Schema::unmanagedObject(const std::string &kind, const std::string &name) const {
  for (const auto &u : unmanaged)
    if (u.kind == kind && u.name == name) return &u;
  return nullptr;
}

bool UnmanagedObject::precedesTables() const {
  static const char *const kinds[] = {"extension", "collation", "domain",   "type",
                                      "sequence",  "function",  "procedure"};
  return std::any_of(std::begin(kinds), std::end(kinds), [&](const char *k) { return kind == k; });
}

bool UnmanagedObject::partOfTable() const {
  static const char *const kinds[] = {
      "index",       "trigger",           "check_constraint", "exclude_constraint",
      "foreign_key", "unique_constraint", "primary_key"};
  return !table.empty() &&
         std::any_of(std::begin(kinds), std::end(kinds), [&](const char *k) { return kind == k; });
}

} // namespace tether
