#include "diff/change.h"
#include "diff/sequence_diff.h"
#include <type_traits>
#include <utility>

namespace tether {

const char *changeKindName(ChangeKind k) {
  switch (k) {
  case ChangeKind::CreateEnum:
    return "create_enum";
  case ChangeKind::AddEnumValue:
    return "add_enum_value";
  case ChangeKind::DropEnum:
    return "drop_enum";
  case ChangeKind::CreateTable:
    return "create_table";
  case ChangeKind::DropTable:
    return "drop_table";
  case ChangeKind::RenameTable:
    return "rename_table";
  case ChangeKind::AddColumn:
    return "add_column";
  case ChangeKind::DropColumn:
    return "drop_column";
  case ChangeKind::RenameColumn:
    return "rename_column";
  case ChangeKind::AlterColumn:
    return "alter_column";
  case ChangeKind::AddPrimaryKey:
    return "add_primary_key";
  case ChangeKind::DropPrimaryKey:
    return "drop_primary_key";
  case ChangeKind::AddForeignKey:
    return "add_foreign_key";
  case ChangeKind::DropForeignKey:
    return "drop_foreign_key";
  case ChangeKind::AddUnique:
    return "add_unique";
  case ChangeKind::DropUnique:
    return "drop_unique";
  case ChangeKind::CreateIndex:
    return "create_index";
  case ChangeKind::DropIndex:
    return "drop_index";
  case ChangeKind::CreateUnmanaged:
    return "create_unmanaged";
  case ChangeKind::AddCheck:
    return "add_check";
  case ChangeKind::DropCheck:
    return "drop_check";
  case ChangeKind::RenamePrimaryKey:
    return "rename_primary_key";
  case ChangeKind::AlterForeignKey:
    return "alter_foreign_key";
  case ChangeKind::CreateSequence:
    return "create_sequence";
  case ChangeKind::AlterSequence:
    return "alter_sequence";
  case ChangeKind::DropSequence:
    return "drop_sequence";
  }
  return "unknown";
}

namespace {
std::string cols(const std::vector<std::string> &c) {
  std::string s = "(";
  for (size_t i = 0; i < c.size(); ++i)
    s += (i ? ", " : "") + c[i];
  return s + ")";
}
std::string named(const std::string &name) {
  return name.empty() ? "" : " " + name;
}
std::string keyText(const std::string &table, const ForeignKey &fk) {
  return named(fk.name) + " " + table + cols(fk.columns) + " -> " + fk.refTable + cols(fk.refColumns);
}

std::string describeAlter(const step::AlterColumn &c) {
  const Column &column = c.column, &oldColumn = c.oldColumn;
  std::string what;
  const bool collationChanged = column.collation != oldColumn.collation;
  if (c.typeChanged && (!collationChanged || oldColumn.type.str() != column.type.str()))
    what += " type " + oldColumn.type.str() + " -> " + column.type.str();
  if (c.typeChanged && collationChanged)
    what += " collation " + (oldColumn.collation.empty() ? "default" : oldColumn.collation) + " -> " +
            (column.collation.empty() ? "default" : column.collation);
  if (c.nullabilityChanged) what += column.nullable ? " drop not null" : " set not null";
  if (c.defaultChanged) what += column.defaultValue.present() ? " set default" : " drop default";
  if (c.recomputed)
    what += " computed as " + column.computed.sql;
  else if (c.generationChanged)
    what += oldColumn.computed.present() && !column.computed.present() ? " drop expression"
            : column.identity.present && oldColumn.identity.present    ? " alter identity"
            : column.identity.present                                  ? " add identity"
                                                                       : " drop identity";
  return "alter column " + c.table + "." + column.name + ":" + what;
}

template <size_t... I> constexpr bool kindsInOrder(std::index_sequence<I...>) {
  return ((std::variant_alternative_t<I, ChangeStep>::kind == static_cast<ChangeKind>(I)) && ...);
}
static_assert(std::variant_size_v<ChangeStep> == static_cast<size_t>(ChangeKind::DropSequence) + 1 &&
                  kindsInOrder(std::make_index_sequence<std::variant_size_v<ChangeStep>>{}),
              "ChangeStep lists one step per ChangeKind, in the enum's order");

const std::string kNoTable;
} // namespace

const std::string &Change::table() const {
  return std::visit(
      [](const auto &s) -> const std::string & {
        if constexpr (appliesToTable<std::decay_t<decltype(s)>>)
          return s.table;
        else
          return kNoTable;
      },
      step);
}

std::string Change::describe() const {
  switch (kind()) {
  case ChangeKind::CreateEnum:
    return "create enum type " + as<step::CreateEnum>().enumDef.name;
  case ChangeKind::AddEnumValue: {
    const auto &c = as<step::AddEnumValue>();
    return "add value '" + c.enumValue + "' to enum type " + c.enumDef.name;
  }
  case ChangeKind::DropEnum:
    return "drop enum type " + as<step::DropEnum>().enumDef.name;
  case ChangeKind::CreateTable:
    return "create table " + table();
  case ChangeKind::DropTable:
    return "drop table " + table();
  case ChangeKind::RenameTable:
    return "rename table " + as<step::RenameTable>().oldName + " to " + table();
  case ChangeKind::AddColumn:
    return "add column " + table() + "." + as<step::AddColumn>().column.name;
  case ChangeKind::DropColumn:
    return "drop column " + table() + "." + as<step::DropColumn>().column.name;
  case ChangeKind::RenameColumn: {
    const auto &c = as<step::RenameColumn>();
    return "rename column " + table() + "." + c.oldColumn.name + " to " + c.column.name;
  }
  case ChangeKind::AlterColumn:
    return describeAlter(as<step::AlterColumn>());
  case ChangeKind::AddPrimaryKey:
    return "add primary key " + table() + cols(as<step::AddPrimaryKey>().primaryKey);
  case ChangeKind::DropPrimaryKey:
    return "drop primary key " + table() + cols(as<step::DropPrimaryKey>().primaryKey);
  case ChangeKind::AddForeignKey:
    return "add foreign key" + keyText(table(), as<step::AddForeignKey>().fk);
  case ChangeKind::DropForeignKey:
    return "drop foreign key" + keyText(table(), as<step::DropForeignKey>().fk);
  case ChangeKind::AddUnique: {
    const auto &u = as<step::AddUnique>().unique;
    return "add unique constraint" + named(u.name) + " " + table() + cols(u.columns);
  }
  case ChangeKind::DropUnique: {
    const auto &u = as<step::DropUnique>().unique;
    return "drop unique constraint" + named(u.name) + " " + table() + cols(u.columns);
  }
  case ChangeKind::CreateIndex: {
    const Index &index = as<step::CreateIndex>().index;
    return std::string("create ") + (index.unique ? "unique " : "") + "index " + index.name + " on " +
           table() + cols(index.columns);
  }
  case ChangeKind::DropIndex:
    return "drop index " + as<step::DropIndex>().index.name + " on " + table();
  case ChangeKind::AddCheck: {
    const auto &check = as<step::AddCheck>().check;
    return "add check constraint" + named(check.name) + " " + table() + " (" + check.sql + ")";
  }
  case ChangeKind::DropCheck: {
    const auto &check = as<step::DropCheck>().check;
    return "drop check constraint" + named(check.name) + " " + table() + " (" + check.sql + ")";
  }
  case ChangeKind::RenamePrimaryKey: {
    const auto &c = as<step::RenamePrimaryKey>();
    return "rename primary key " + table() + cols(c.primaryKey) + " " +
           (c.oldName.empty() ? "(unnamed)" : c.oldName) + " to " + c.newName;
  }
  case ChangeKind::AlterForeignKey: {
    const ForeignKey &fk = as<step::AlterForeignKey>().fk;
    return "alter foreign key" + named(fk.name) + " " + table() + cols(fk.columns) + ": " +
           (fk.deferral.present()
                ? (fk.deferral.initiallyDeferred ? "deferrable initially deferred" : "deferrable")
                : "not deferrable");
  }
  case ChangeKind::CreateSequence: {
    const Sequence &s = as<step::CreateSequence>().sequence;
    return "create sequence " + s.qualifiedName() + sequenceOptionsText(s);
  }
  case ChangeKind::AlterSequence: {
    const auto &c = as<step::AlterSequence>();
    return "alter sequence " + c.sequence.qualifiedName() + ":" + sequenceOptionsText(c.oldSequence) + " ->" +
           sequenceOptionsText(c.sequence);
  }
  case ChangeKind::DropSequence:
    return "drop sequence " + as<step::DropSequence>().sequence.qualifiedName();
  case ChangeKind::CreateUnmanaged: {
    const auto &u = as<step::CreateUnmanaged>().unmanaged;
    return "create " + u.kind + " " + u.name + " (unmanaged: its definition as written)";
  }
  }
  return "unknown change";
}
} // namespace tether
