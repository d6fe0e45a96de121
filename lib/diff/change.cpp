#include "diff/change.h"
#include "diff/sequence_diff.h"

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
} // namespace

std::string Change::describe() const {
  switch (kind) {
  case ChangeKind::CreateEnum:
    return "create enum type " + enumDef.name;
  case ChangeKind::AddEnumValue:
    return "add value '" + enumValue + "' to enum type " + enumDef.name;
  case ChangeKind::DropEnum:
    return "drop enum type " + enumDef.name;
  case ChangeKind::CreateTable:
    return "create table " + table;
  case ChangeKind::DropTable:
    return "drop table " + table;
  case ChangeKind::RenameTable:
    return "rename table " + oldName + " to " + table;
  case ChangeKind::AddColumn:
    return "add column " + table + "." + column.name;
  case ChangeKind::DropColumn:
    return "drop column " + table + "." + column.name;
  case ChangeKind::RenameColumn:
    return "rename column " + table + "." + oldColumn.name + " to " + column.name;
  case ChangeKind::AlterColumn: {
    std::string what;
    const bool collationChanged = column.collation != oldColumn.collation;
    if (typeChanged && (!collationChanged || oldColumn.type.str() != column.type.str()))
      what += " type " + oldColumn.type.str() + " -> " + column.type.str();
    if (typeChanged && collationChanged)
      what += " collation " + (oldColumn.collation.empty() ? "default" : oldColumn.collation) + " -> " +
              (column.collation.empty() ? "default" : column.collation);
    if (nullabilityChanged) what += column.nullable ? " drop not null" : " set not null";
    if (defaultChanged) what += column.defaultValue.present() ? " set default" : " drop default";
    if (recomputed)
      what += " computed as " + column.computed.sql;
    else if (generationChanged)
      what += oldColumn.computed.present() && !column.computed.present() ? " drop expression"
              : column.identity.present && oldColumn.identity.present    ? " alter identity"
              : column.identity.present                                  ? " add identity"
                                                                         : " drop identity";
    return "alter column " + table + "." + column.name + ":" + what;
  }
  case ChangeKind::AddPrimaryKey:
    return "add primary key " + table + cols(primaryKey);
  case ChangeKind::DropPrimaryKey:
    return "drop primary key " + table + cols(primaryKey);
  case ChangeKind::AddForeignKey:
    return "add foreign key" + named(fk.name) + " " + table + cols(fk.columns) + " -> " + fk.refTable +
           cols(fk.refColumns);
  case ChangeKind::DropForeignKey:
    return "drop foreign key" + named(fk.name) + " " + table + cols(fk.columns) + " -> " + fk.refTable +
           cols(fk.refColumns);
  case ChangeKind::AddUnique:
    return "add unique constraint" + named(unique.name) + " " + table + cols(unique.columns);
  case ChangeKind::DropUnique:
    return "drop unique constraint" + named(unique.name) + " " + table + cols(unique.columns);
  case ChangeKind::CreateIndex:
    return std::string("create ") + (index.unique ? "unique " : "") + "index " + index.name + " on " + table +
           cols(index.columns);
  case ChangeKind::DropIndex:
    return "drop index " + index.name + " on " + table;
  case ChangeKind::AddCheck:
    return "add check constraint" + named(check.name) + " " + table + " (" + check.sql + ")";
  case ChangeKind::DropCheck:
    return "drop check constraint" + named(check.name) + " " + table + " (" + check.sql + ")";
  case ChangeKind::RenamePrimaryKey:
    return "rename primary key " + table + cols(primaryKey) + " " +
           (oldName.empty() ? "(unnamed)" : oldName) + " to " + tableDef.primaryKeyName;
  case ChangeKind::AlterForeignKey:
    return "alter foreign key" + named(fk.name) + " " + table + cols(fk.columns) + ": " +
           (fk.deferral.present()
                ? (fk.deferral.initiallyDeferred ? "deferrable initially deferred" : "deferrable")
                : "not deferrable");
  case ChangeKind::CreateSequence:
  case ChangeKind::AlterSequence:
  case ChangeKind::DropSequence:
    return describeSequenceChange(*this);
  case ChangeKind::CreateUnmanaged:
    return "create " + unmanaged.kind + " " + unmanaged.name + " (unmanaged: its definition as written)";
  }
  return "unknown change";
}

} // namespace tether
