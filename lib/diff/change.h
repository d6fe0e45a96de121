#pragma once
#include "core/source_loc.h"
#include "model/schema.h"
#include <string>
#include <vector>

namespace tether {

// The vocabulary of schema changes. The differ produces them, the planner orders them, and each
// dialect renders them; none of it knows a dialect.
enum class ChangeKind {
  CreateEnum,
  AddEnumValue,
  DropEnum,
  CreateTable,
  DropTable,
  RenameTable,
  AddColumn,
  DropColumn,
  RenameColumn,
  AlterColumn,
  AddPrimaryKey, // primaryKey; tableDef.primaryKeyDeferral
  DropPrimaryKey,
  AddForeignKey,
  DropForeignKey,
  AddUnique,
  DropUnique,
  CreateIndex,
  DropIndex,
  CreateUnmanaged, // an unmanaged object the database lacks, from its verbatim definition
  AddCheck,
  DropCheck,
  RenamePrimaryKey, // oldName → tableDef.primaryKeyName, the key's columns unchanged
  AlterForeignKey,  // fk (named as the database names it) becomes fk.deferral, nothing else
  CreateSequence,   // a named sequence the models' columns draw from (diff/sequence_diff.h)
  AlterSequence,
  DropSequence,
};
const char *changeKindName(ChangeKind k); // "create_table", "add_foreign_key", …

struct Change {
  ChangeKind kind = ChangeKind::CreateTable;
  std::string table; // the table it applies to (new name for renames)
  Table tableDef;    // CreateTable: the table as desired (FKs that must wait are split off;
                     // no indexes: each comes as its own CreateIndex change);
                     // DropTable: the table as it was, so the change can be reversed
  Column column;     // AddColumn/DropColumn/AlterColumn(to)/RenameColumn(new)
  Column oldColumn;  // AlterColumn(from), RenameColumn(old)
  bool typeChanged = false, nullabilityChanged = false, defaultChanged = false;
  bool generationChanged = false; // AlterColumn: identity added, dropped or re-optioned; computed dropped
  bool recomputed = false;        // AlterColumn: becomes computed or computes otherwise (drop and add)
  std::vector<std::string> primaryKey; // AddPrimaryKey/DropPrimaryKey
  ForeignKey fk;
  Deferrability oldDeferral; // AlterForeignKey: the key's deferral as it was
  UniqueConstraint unique;
  Index index;
  std::string oldName; // RenameTable
  EnumTypeDef enumDef; // CreateEnum/DropEnum, AddEnumValue (enumDef.name + value)
  std::string enumValue;
  CheckConstraint check;          // AddCheck/DropCheck
  UnmanagedObject unmanaged;      // CreateUnmanaged
  Sequence sequence, oldSequence; // Create/Drop/AlterSequence (oldSequence: as it is)
  bool destructive = false;       // loses data or a constraint
  SourceLoc origin;               // the model element that asks for it
  std::string describe() const;   // "add column users.email", for plans and logs
};

} // namespace tether
