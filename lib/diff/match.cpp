#include "diff/match.h"
#include <algorithm>

namespace tether {

bool sameFkAction(FkAction a, FkAction b) {
  auto norm = [](FkAction x) { return x == FkAction::None ? FkAction::NoAction : x; };
  return norm(a) == norm(b);
}

bool sameForeignKeyDefinition(const ForeignKey &a, const ForeignKey &b) {
  return a.columns == b.columns && a.refTable == b.refTable && a.refSchema == b.refSchema &&
         a.refColumns == b.refColumns && sameFkAction(a.onDelete, b.onDelete) &&
         a.onDeleteColumns == b.onDeleteColumns && sameFkAction(a.onUpdate, b.onUpdate);
}

bool matchesForeignKey(const ForeignKey &model, const ForeignKey &db) {
  if (!model.name.empty() && model.name != db.name) return false;
  // A key left NOT VALID (an interrupted --online apply) has never checked the existing rows: it
  // is drift until it is validated.
  if (db.notValid && !model.notValid) return false;
  return sameForeignKeyDefinition(model, db) && model.deferral == db.deferral;
}

bool matchesUnique(const UniqueConstraint &model, const UniqueConstraint &db) {
  if (!model.name.empty() && model.name != db.name) return false;
  return model.columns == db.columns && model.deferral == db.deferral;
}

bool matchesIndex(const Index &model, const Index &db, const ColumnRules &rules) {
  if (!model.name.empty() && model.name != db.name) return false;
  if (db.invalid || model.unique != db.unique || indexMethod(model) != indexMethod(db) ||
      model.columns.size() != db.columns.size() || model.include != db.include ||
      model.nullsNotDistinct != db.nullsNotDistinct)
    return false;
  if (model.predicate.empty() != db.predicate.empty()) return false;
  if (!model.predicate.empty() && !rules.sameSqlExpression(model.predicate, db.predicate)) return false;
  for (size_t i = 0; i < model.columns.size(); ++i) {
    IndexKey a = indexKeyAt(model, i), b = indexKeyAt(db, i);
    if (a != b) return false;
    if (a.expression ? !rules.sameSqlExpression(model.columns[i], db.columns[i])
                     : model.columns[i] != db.columns[i])
      return false;
  }
  return true;
}

namespace {
int integerRank(TypeKind k) {
  switch (k) {
  case TypeKind::SmallInteger:
    return 1;
  case TypeKind::Integer:
    return 2;
  case TypeKind::BigInteger:
    return 3;
  default:
    return 0;
  }
}
} // namespace

bool isNarrowing(const ColumnType &from, const ColumnType &to) {
  if (from == to) return false;
  if (from.isInteger() && to.isInteger()) return integerRank(to.kind) < integerRank(from.kind);
  if (to.kind == TypeKind::Text)
    return !(from.kind == TypeKind::String || from.kind == TypeKind::Enum || from.kind == TypeKind::Text);
  if (to.kind == TypeKind::String) {
    if (from.kind == TypeKind::String) return to.length && (!from.length || *to.length < *from.length);
    if (from.kind == TypeKind::Enum) {
      if (!to.length) return false;
      for (const auto &v : from.enumValues)
        if (static_cast<int>(v.size()) > *to.length) return true;
      return false;
    }
    return true;
  }
  if (from.kind == TypeKind::Numeric && to.kind == TypeKind::Numeric) {
    if (!to.precision) return false;
    if (!from.precision) return true;
    int fromScale = from.scale.value_or(0), toScale = to.scale.value_or(0);
    return toScale < fromScale || (*to.precision - toScale) < (*from.precision - fromScale);
  }
  if (from.kind == TypeKind::Enum && to.kind == TypeKind::Enum) {
    for (const auto &v : from.enumValues)
      if (std::find(to.enumValues.begin(), to.enumValues.end(), v) == to.enumValues.end()) return true;
    return false;
  }
  if (from.kind == to.kind && from.kind == TypeKind::DateTime) return false; // time zone only
  if (from.kind == to.kind && from.kind != TypeKind::Custom) return false;
  return true;
}

} // namespace tether
