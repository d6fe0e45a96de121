#pragma once
#include "core/source_loc.h"
#include "model/schema.h"
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

namespace tether {

// The vocabulary of schema changes. The differ produces them, the planner orders them, and each
// dialect renders them; none of it knows a dialect. Each kind is a small struct carrying what its
// SQL needs and what its reverse needs (diff/change_reverse.h), nothing of the other kinds.
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
  AddPrimaryKey,
  DropPrimaryKey,
  AddForeignKey,
  DropForeignKey,
  AddUnique,
  DropUnique,
  CreateIndex,
  DropIndex,
  CreateUnmanaged,
  AddCheck,
  DropCheck,
  RenamePrimaryKey,
  AlterForeignKey,
  CreateSequence,
  AlterSequence,
  DropSequence,
};
const char *changeKindName(ChangeKind k); // "create_table", "add_foreign_key", …

namespace step {
struct CreateEnum {
  static constexpr ChangeKind kind = ChangeKind::CreateEnum;
  EnumTypeDef enumDef;
};
struct AddEnumValue {
  static constexpr ChangeKind kind = ChangeKind::AddEnumValue;
  EnumTypeDef enumDef; // the type as the models want it (the new value's neighbours)
  std::string enumValue;
};
struct DropEnum {
  static constexpr ChangeKind kind = ChangeKind::DropEnum;
  EnumTypeDef enumDef;
};
struct CreateTable {
  static constexpr ChangeKind kind = ChangeKind::CreateTable;
  std::string table;
  // The table as desired; FKs that must wait are split off, and no indexes: each comes as its own
  // CreateIndex step.
  Table tableDef;
};
struct DropTable {
  static constexpr ChangeKind kind = ChangeKind::DropTable;
  std::string table;
  Table tableDef; // the table as it was, so the step can be reversed
};
struct RenameTable {
  static constexpr ChangeKind kind = ChangeKind::RenameTable;
  std::string table; // the new name
  std::string oldName;
};
struct AddColumn {
  static constexpr ChangeKind kind = ChangeKind::AddColumn;
  std::string table;
  Column column;
};
struct DropColumn {
  static constexpr ChangeKind kind = ChangeKind::DropColumn;
  std::string table;
  Column column; // as it was
};
struct RenameColumn {
  static constexpr ChangeKind kind = ChangeKind::RenameColumn;
  std::string table;
  Column column;    // with its new name
  Column oldColumn; // with its old name
};
struct AlterColumn {
  static constexpr ChangeKind kind = ChangeKind::AlterColumn;
  std::string table;
  Column column;    // to
  Column oldColumn; // from
  bool typeChanged = false, nullabilityChanged = false, defaultChanged = false;
  bool generationChanged = false; // identity added, dropped or re-optioned; computed dropped
  bool recomputed = false;        // becomes computed or computes otherwise (drop and add)
};
struct AddPrimaryKey {
  static constexpr ChangeKind kind = ChangeKind::AddPrimaryKey;
  std::string table;
  std::vector<std::string> primaryKey;
  Deferrability deferral;
};
struct DropPrimaryKey {
  static constexpr ChangeKind kind = ChangeKind::DropPrimaryKey;
  std::string table;
  std::vector<std::string> primaryKey;
  Deferrability deferral; // the key's, so it can be added back as it was
};
struct AddForeignKey {
  static constexpr ChangeKind kind = ChangeKind::AddForeignKey;
  std::string table;
  ForeignKey fk;
};
struct DropForeignKey {
  static constexpr ChangeKind kind = ChangeKind::DropForeignKey;
  std::string table;
  ForeignKey fk;
};
struct AddUnique {
  static constexpr ChangeKind kind = ChangeKind::AddUnique;
  std::string table;
  UniqueConstraint unique;
};
struct DropUnique {
  static constexpr ChangeKind kind = ChangeKind::DropUnique;
  std::string table;
  UniqueConstraint unique;
};
struct CreateIndex {
  static constexpr ChangeKind kind = ChangeKind::CreateIndex;
  std::string table;
  Index index;
};
struct DropIndex {
  static constexpr ChangeKind kind = ChangeKind::DropIndex;
  std::string table;
  Index index;
};
// An unmanaged object the database lacks, from its verbatim definition.
struct CreateUnmanaged {
  static constexpr ChangeKind kind = ChangeKind::CreateUnmanaged;
  std::string table;
  UnmanagedObject unmanaged;
};
struct AddCheck {
  static constexpr ChangeKind kind = ChangeKind::AddCheck;
  std::string table;
  CheckConstraint check;
};
struct DropCheck {
  static constexpr ChangeKind kind = ChangeKind::DropCheck;
  std::string table;
  CheckConstraint check;
};
// The key's columns unchanged, its constraint renamed.
struct RenamePrimaryKey {
  static constexpr ChangeKind kind = ChangeKind::RenamePrimaryKey;
  std::string table;
  std::vector<std::string> primaryKey;
  std::string oldName; // empty: the key had no name of its own
  std::string newName;
};
// The key (named as the database names it) becomes fk.deferral, nothing else.
struct AlterForeignKey {
  static constexpr ChangeKind kind = ChangeKind::AlterForeignKey;
  std::string table;
  ForeignKey fk;
  Deferrability oldDeferral; // as it was
};
// A named sequence the models' columns draw from (diff/sequence_diff.h).
struct CreateSequence {
  static constexpr ChangeKind kind = ChangeKind::CreateSequence;
  Sequence sequence;
};
struct AlterSequence {
  static constexpr ChangeKind kind = ChangeKind::AlterSequence;
  Sequence sequence;
  Sequence oldSequence; // as it is
};
struct DropSequence {
  static constexpr ChangeKind kind = ChangeKind::DropSequence;
  Sequence sequence;
};
} // namespace step

// Whether a step applies to one table (all but enum types and sequences).
template <class Step, class = void> constexpr bool appliesToTable = false;
template <class Step> constexpr bool appliesToTable<Step, std::void_t<decltype(Step::table)>> = true;

// One alternative per ChangeKind, in the enum's order (checked in change.cpp).
using ChangeStep =
    std::variant<step::CreateEnum, step::AddEnumValue, step::DropEnum, step::CreateTable, step::DropTable,
                 step::RenameTable, step::AddColumn, step::DropColumn, step::RenameColumn, step::AlterColumn,
                 step::AddPrimaryKey, step::DropPrimaryKey, step::AddForeignKey, step::DropForeignKey,
                 step::AddUnique, step::DropUnique, step::CreateIndex, step::DropIndex, step::CreateUnmanaged,
                 step::AddCheck, step::DropCheck, step::RenamePrimaryKey, step::AlterForeignKey,
                 step::CreateSequence, step::AlterSequence, step::DropSequence>;

struct Change {
  ChangeStep step;
  bool destructive = false; // loses data or a constraint
  SourceLoc origin;         // the model element that asks for it
  // A foreign key dropped and added back only because this table's primary key is made again
  // (PostgreSQL ties a key to the index it was made against): planned only with that key's drop.
  std::string aroundKeyOf;

  Change() = default;
  template <class Step, class = decltype(Step::kind)>
  Change(Step s, SourceLoc from = {}, bool loses = false) // NOLINT: a step is a change
      : step(std::move(s)), destructive(loses), origin(std::move(from)) {}

  ChangeKind kind() const { return static_cast<ChangeKind>(step.index()); }
  template <class Step> bool is() const { return std::holds_alternative<Step>(step); }
  template <class Step> const Step &as() const { return std::get<Step>(step); }
  template <class Step> Step &as() { return std::get<Step>(step); }
  template <class Step> const Step *get() const { return std::get_if<Step>(&step); }
  template <class Step> Step *get() { return std::get_if<Step>(&step); }
  // The table it applies to (the new name for a rename); empty for enum types and sequences.
  const std::string &table() const;
  std::string describe() const; // "add column users.email", for plans and logs
};

} // namespace tether
