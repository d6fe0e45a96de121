#include "diff/simulate.h"
#include "diff/match.h"
#include <algorithm>

namespace tether {

namespace {
template <class T, class Pred> void eraseFirst(std::vector<T> &v, Pred p) {
  auto it = std::find_if(v.begin(), v.end(), p);
  if (it != v.end()) v.erase(it);
}

void renameColumn(Schema &s, Table &t, const std::string &from, const std::string &to) {
  renameColumnInTable(t, from, to);
  for (auto &other : s.tables)
    for (auto &fk : other.foreignKeys)
      if (fk.refTable == t.name) renameIn(fk.refColumns, from, to);
}
} // namespace

void renameColumnInTable(Table &t, const std::string &from, const std::string &to) {
  if (Column *c = t.column(from)) c->name = to;
  renameIn(t.primaryKey, from, to);
  for (auto &fk : t.foreignKeys)
    renameIn(fk.columns, from, to);
  for (auto &u : t.uniques)
    renameIn(u.columns, from, to);
  for (auto &i : t.indexes) {
    renameIn(i.columns, from, to);
    renameIn(i.include, from, to);
  }
}

void renameIn(std::vector<std::string> &names, const std::string &from, const std::string &to) {
  for (auto &n : names)
    if (n == from) n = to;
}

namespace {
// One overload per step; a step on a table the schema lacks changes nothing.
void apply(Schema &s, const step::CreateEnum &c) {
  s.enums.push_back(c.enumDef);
}
void apply(Schema &s, const step::AddEnumValue &c) {
  for (auto &e : s.enums)
    if (e.name == c.enumDef.name) e.values.push_back(c.enumValue);
}
void apply(Schema &s, const step::DropEnum &c) {
  eraseFirst(s.enums, [&](const EnumTypeDef &e) { return e.name == c.enumDef.name; });
}
void apply(Schema &s, const step::CreateTable &c) {
  s.tables.push_back(c.tableDef);
}
void apply(Schema &s, const step::DropTable &c) {
  eraseFirst(s.tables, [&](const Table &x) { return x.name == c.table; });
  // What lives inside the table goes with it.
  s.unmanaged.erase(
      std::remove_if(s.unmanaged.begin(), s.unmanaged.end(),
                     [&](const UnmanagedObject &u) { return u.partOfTable() && u.table == c.table; }),
      s.unmanaged.end());
}
void apply(Schema &s, const step::CreateUnmanaged &c) {
  s.unmanaged.push_back(c.unmanaged);
}
void apply(Schema &s, const step::RenameTable &c) {
  Table *t = s.table(c.oldName);
  if (!t) return;
  t->name = c.table;
  for (auto &other : s.tables)
    for (auto &fk : other.foreignKeys)
      if (fk.refTable == c.oldName) fk.refTable = c.table;
}
void apply(Schema &s, const step::RenameColumn &c) {
  if (Table *t = s.table(c.table)) renameColumn(s, *t, c.oldColumn.name, c.column.name);
}
std::vector<Sequence>::iterator sequenceNamed(Schema &s, const Sequence &q) {
  return std::find_if(s.sequences.begin(), s.sequences.end(),
                      [&](const Sequence &x) { return x.qualifiedName() == q.qualifiedName(); });
}
void apply(Schema &s, const step::CreateSequence &c) {
  if (sequenceNamed(s, c.sequence) == s.sequences.end()) s.sequences.push_back(c.sequence);
}
void apply(Schema &s, const step::AlterSequence &c) {
  auto at = sequenceNamed(s, c.sequence);
  if (at != s.sequences.end()) *at = c.sequence;
}
void apply(Schema &s, const step::DropSequence &c) {
  auto at = sequenceNamed(s, c.sequence);
  if (at != s.sequences.end()) s.sequences.erase(at);
}

// The rest change one table.
void apply(Table &t, const step::AddColumn &c) {
  t.columns.push_back(c.column);
}
void apply(Table &t, const step::DropColumn &c) {
  eraseFirst(t.columns, [&](const Column &x) { return x.name == c.column.name; });
}
void apply(Table &t, const step::AlterColumn &c) {
  if (Column *col = t.column(c.column.name)) *col = c.column;
}
void apply(Table &t, const step::AddPrimaryKey &c) {
  t.primaryKey = c.primaryKey;
  t.primaryKeyDeferral = c.deferral;
}
void apply(Table &t, const step::DropPrimaryKey &) {
  t.primaryKey.clear();
  t.primaryKeyName.clear();
  t.primaryKeyDeferral = {};
}
void apply(Table &t, const step::RenamePrimaryKey &c) {
  t.primaryKeyName = c.newName;
}
void apply(Table &t, const step::AddForeignKey &c) {
  t.foreignKeys.push_back(c.fk);
}
void apply(Table &t, const step::DropForeignKey &c) {
  eraseFirst(t.foreignKeys,
             [&](const ForeignKey &x) { return x.name == c.fk.name && sameForeignKeyDefinition(x, c.fk); });
}
void apply(Table &t, const step::AlterForeignKey &c) {
  for (auto &fk : t.foreignKeys)
    if (fk.name == c.fk.name && sameForeignKeyDefinition(fk, c.fk)) fk.deferral = c.fk.deferral;
}
void apply(Table &t, const step::AddUnique &c) {
  t.uniques.push_back(c.unique);
}
void apply(Table &t, const step::DropUnique &c) {
  eraseFirst(t.uniques, [&](const UniqueConstraint &x) {
    return x.name == c.unique.name && x.columns == c.unique.columns;
  });
}
void apply(Table &t, const step::CreateIndex &c) {
  t.indexes.push_back(c.index);
}
void apply(Table &t, const step::DropIndex &c) {
  eraseFirst(t.indexes, [&](const Index &x) { return x.name == c.index.name; });
}
void apply(Table &t, const step::AddCheck &c) {
  t.checks.push_back(c.check);
}
void apply(Table &t, const step::DropCheck &c) {
  eraseFirst(t.checks,
             [&](const CheckConstraint &x) { return x.name == c.check.name && x.sql == c.check.sql; });
}

template <class Step, class = void> constexpr bool changesSchema = false;
template <class Step>
constexpr bool changesSchema<
    Step, std::void_t<decltype(apply(std::declval<Schema &>(), std::declval<const Step &>()))>> = true;
} // namespace

void applyChange(Schema &schema, const Change &change) {
  std::visit(
      [&](const auto &s) {
        using Step = std::decay_t<decltype(s)>;
        if constexpr (changesSchema<Step>) {
          apply(schema, s);
        } else if (Table *t = schema.table(s.table)) {
          apply(*t, s);
        }
      },
      change.step);
}

} // namespace tether
