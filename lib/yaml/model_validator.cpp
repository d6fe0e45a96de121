#include "yaml/model_validator.h"
#include "core/strings.h"
#include <algorithm>
#include <map>
#include <set>

namespace tether {

namespace {

std::vector<std::string> tableNames(const Model &m) {
  std::vector<std::string> v;
  for (const auto &t : m.schema.tables)
    v.push_back(t.name);
  return v;
}

// Integer widths differ but join fine; other kinds cannot hold each other's values.
bool sameFamily(const ColumnType &a, const ColumnType &b) {
  if (a.isInteger() && b.isInteger()) return true;
  if ((a.kind == TypeKind::String || a.kind == TypeKind::Text) &&
      (b.kind == TypeKind::String || b.kind == TypeKind::Text))
    return true;
  return a.kind == b.kind;
}

void checkForeignKeys(const Model &model, const TablesByName &tables, const Table &t, Diagnostics &diags) {
  for (const auto &fk : t.foreignKeys) {
    if (!fk.refSchema.empty()) continue; // another schema's table: the database checks it on apply
    auto found = tables.find(fk.refTable);
    const Table *ref = found == tables.end() ? nullptr : found->second;
    if (!ref) {
      diags.error(fk.loc, "unknown-table",
                  "foreign key of " + t.name + " references unknown table '" + fk.refTable + "'",
                  didYouMean(fk.refTable, tableNames(model), "tables: " + join(tableNames(model), ", ")));
      continue;
    }
    if (fk.columns.size() != fk.refColumns.size()) {
      diags.error(fk.loc, "fk-arity",
                  "foreign key (" + join(fk.columns, ", ") + ") of " + t.name + " has " +
                      std::to_string(fk.columns.size()) + " column(s) but references " +
                      std::to_string(fk.refColumns.size()) + " of " + ref->name,
                  "list as many referenced columns as referencing ones, in the same order");
      continue;
    }
    for (const auto &c : fk.onDeleteColumns)
      if (std::find(fk.columns.begin(), fk.columns.end(), c) == fk.columns.end())
        diags.error(fk.loc, "unknown-column",
                    "ON DELETE " + deleteActionText(fk) + " names " + c +
                        ", which is not a column of the key (" + join(fk.columns, ", ") + ")",
                    "name only columns of the foreign key");
    bool allKnown = true;
    for (size_t i = 0; i < fk.refColumns.size(); ++i) {
      const Column *rc = ref->column(fk.refColumns[i]);
      if (!rc) {
        std::vector<std::string> names;
        for (const auto &c : ref->columns)
          names.push_back(c.name);
        diags.error(
            fk.loc, "unknown-column",
            "foreign key of " + t.name + " references unknown column " + ref->name + "." + fk.refColumns[i],
            didYouMean(fk.refColumns[i], names, "columns of " + ref->name + ": " + join(names, ", ")));
        allKnown = false;
        continue;
      }
      const Column *lc = t.column(fk.columns[i]);
      if (!lc) continue;
      if (!sameFamily(lc->type, rc->type)) {
        diags.error(lc->loc, "fk-type-mismatch",
                    "foreign key column " + t.name + "." + lc->name + " is " + lc->type.str() + " but " +
                        ref->name + "." + rc->name + " is " + rc->type.str(),
                    "give " + lc->name + " the type " + rc->type.str());
      } else if (lc->type.kind != rc->type.kind || lc->type.length != rc->type.length) {
        diags.warning(lc->loc, "fk-type-width",
                      "foreign key column " + t.name + "." + lc->name + " is " + lc->type.str() + " but " +
                          ref->name + "." + rc->name + " is " + rc->type.str(),
                      "use the same type on both sides, so every key fits");
      }
      const bool setsThis = fk.onDeleteColumns.empty() ||
                            std::find(fk.onDeleteColumns.begin(), fk.onDeleteColumns.end(), lc->name) !=
                                fk.onDeleteColumns.end();
      if (((fk.onDelete == FkAction::SetNull && setsThis) || fk.onUpdate == FkAction::SetNull) &&
          !lc->nullable)
        diags.error(fk.loc, "set-null-not-nullable",
                    "ON " + std::string(fk.onDelete == FkAction::SetNull ? "DELETE" : "UPDATE") +
                        " SET NULL on " + t.name + "." + lc->name + ", which is NOT NULL",
                    "make the column nullable, or use CASCADE or RESTRICT");
    }
    if (allKnown && !ref->isUniqueSet(fk.refColumns))
      diags.error(fk.loc, "fk-not-unique",
                  "foreign key of " + t.name + " references " + ref->name + "(" + join(fk.refColumns, ", ") +
                      "), which is neither its primary key nor unique",
                  "reference the primary key, or declare those columns unique");
  }
}

void checkTable(const Model &model, const TablesByName &tables, const Table &t,
                std::map<std::string, SourceLoc> &indexNames, Diagnostics &diags) {
  if (t.primaryKey.empty() && !t.modelName.empty())
    diags.error(t.loc, "no-primary-key",
                "model " + t.modelName + " (table " + t.name + ") has no primary key",
                "SQLAlchemy cannot map a class without one: add primary_key: true to a column");
  checkForeignKeys(model, tables, t, diags);
  for (const auto &ix : t.indexes) {
    auto prev = indexNames.find(ix.name);
    if (prev != indexNames.end())
      diags.error(ix.loc, "duplicate-index", "index name '" + ix.name + "' is used twice",
                  "index names are unique per schema; the other is at " + prev->second.str());
    else
      indexNames.emplace(ix.name, ix.loc);
  }
}

struct Cascade {
  std::set<std::string> opts;
  bool has(const std::string &o) const { return opts.count(o) > 0; }
  bool deletes() const { return has("delete") || has("all"); }
};

const std::vector<std::string> kCascadeOptions = {
    "save-update", "merge", "refresh-expire", "expunge", "delete", "delete-orphan", "all", "none"};

Cascade parseCascade(const Relationship &rel, Diagnostics &diags) {
  Cascade c;
  if (rel.cascade.empty()) return c;
  for (auto &part : split(rel.cascade, ',')) {
    std::string o = trim(part);
    if (o.empty()) continue;
    if (std::find(kCascadeOptions.begin(), kCascadeOptions.end(), o) == kCascadeOptions.end()) {
      diags.error(rel.loc, "bad-cascade",
                  "relationship " + rel.owner + "." + rel.name + ": unknown cascade option '" + o + "'",
                  didYouMean(o, kCascadeOptions, "options: " + join(kCascadeOptions, ", ")));
      continue;
    }
    c.opts.insert(o);
  }
  if (c.has("none") && c.opts.size() > 1)
    diags.error(rel.loc, "bad-cascade",
                "relationship " + rel.owner + "." + rel.name +
                    ": cascade 'none' combined with other options");
  if (c.has("delete-orphan") && !c.deletes())
    diags.error(rel.loc, "bad-cascade",
                "relationship " + rel.owner + "." + rel.name +
                    ": cascade 'delete-orphan' requires 'delete' or 'all'",
                "write cascade: \"all, delete-orphan\"");
  return c;
}

void checkRelationship(const Model &model, const ModelClass &cls, const Relationship &rel,
                       Diagnostics &diags) {
  const std::string name = cls.name + "." + rel.name;
  if (const Table *own = model.schema.table(cls.table); own && own->column(rel.name))
    diags.error(rel.loc, "relationship-shadows-column",
                "relationship " + name + " has the same name as a column of " + cls.table,
                "SQLAlchemy would replace the column attribute; rename the relationship");
  for (const auto &other : cls.relationships)
    if (&other != &rel && other.name == rel.name) break; // duplicate keys are reported by the reader
  Cascade cascade = parseCascade(rel, diags);
  const ModelClass *target = model.cls(rel.target);
  if (!target) return;

  if (!rel.backPopulates.empty()) {
    const Relationship *inv = target->relationship(rel.backPopulates);
    if (!inv) {
      std::vector<std::string> names;
      for (const auto &r : target->relationships)
        names.push_back(r.name);
      diags.error(rel.loc, "back-populates-missing",
                  "relationship " + name + ": back_populates '" + rel.backPopulates +
                      "' is not a relationship of " + target->name,
                  didYouMean(rel.backPopulates, names,
                             "add " + rel.backPopulates + ": {model: " + cls.name +
                                 ", back_populates: " + rel.name + "} to " + target->name));
    } else if (inv->target != cls.name) {
      diags.error(rel.loc, "back-populates-mismatch",
                  "relationship " + name + ": back_populates points at " + target->name + "." + inv->name +
                      ", which targets " + inv->target + ", not " + cls.name);
    } else if (!inv->backPopulates.empty() && inv->backPopulates != rel.name) {
      diags.error(rel.loc, "back-populates-mismatch",
                  "relationship " + name + ": its inverse " + target->name + "." + inv->name +
                      " points back to '" + inv->backPopulates + "', not '" + rel.name + "'",
                  "set back_populates: " + rel.name + " on " + target->name + "." + inv->name);
    } else if (rel.kind != RelationKind::Unresolved && inv->kind != RelationKind::Unresolved) {
      bool collection = rel.kind == RelationKind::OneToMany || rel.kind == RelationKind::OneToOne;
      bool inverseScalar = inv->kind == RelationKind::ManyToOne;
      bool ok = (collection && inverseScalar) ||
                (rel.kind == RelationKind::ManyToOne &&
                 (inv->kind == RelationKind::OneToMany || inv->kind == RelationKind::OneToOne)) ||
                (rel.kind == RelationKind::ManyToMany && inv->kind == RelationKind::ManyToMany);
      if (!ok)
        diags.error(rel.loc, "back-populates-direction",
                    "relationship " + name + " is " + relationKindName(rel.kind) + " but its inverse " +
                        target->name + "." + inv->name + " is " + relationKindName(inv->kind),
                    "the two sides of a pair must mirror each other (one-to-many with many-to-one)");
    }
  }

  if (rel.kind == RelationKind::Unresolved) return;
  const ForeignKey *fk = model.fk(rel.fkTable, rel.fkIndex);
  const Table *fkTable = model.schema.table(rel.fkTable);
  if (!fk || !fkTable) return;

  if (rel.uselist && !*rel.uselist && rel.kind == RelationKind::OneToOne &&
      !fkTable->isUniqueSet(fk->columns))
    // SQLAlchemy maps it and create_all() builds it, so it cannot block; audit's missing_unique
    // checks the live rows.
    diags.warning(rel.loc, "one-to-one-not-unique",
                  "relationship " + name + " is one-to-one (uselist: false) but " + fkTable->name + "(" +
                      join(fk->columns, ", ") + ") is not unique, so the database allows many",
                  "add unique: true to " + fkTable->name + "." + fk->columns[0]);

  if (cascade.has("delete-orphan") &&
      (rel.kind == RelationKind::ManyToOne || rel.kind == RelationKind::ManyToMany) && !rel.singleParent)
    diags.error(rel.loc, "bad-cascade",
                "relationship " + name + ": delete-orphan on a " + std::string(relationKindName(rel.kind)) +
                    " relationship needs single_parent: true",
                "SQLAlchemy refuses it otherwise; usually the cascade belongs on the one-to-many side");

  bool parentSide = rel.kind == RelationKind::OneToMany || rel.kind == RelationKind::OneToOne;
  if (parentSide && cascade.has("delete-orphan")) {
    for (const auto &c : fk->columns) {
      const Column *col = fkTable->column(c);
      if (col && col->nullable)
        diags.warning(rel.loc, "orphan-nullable-fk",
                      "relationship " + name + " deletes orphans, but " + fkTable->name + "." + c +
                          " is nullable, so an orphan can also exist as a NULL row",
                      "add nullable: false to " + fkTable->name + "." + c);
    }
  }
  if (parentSide && cascade.deletes() && fk->onDelete == FkAction::None)
    diags.warning(rel.loc, "cascade-without-on-delete",
                  "relationship " + name + " deletes " + fkTable->name +
                      " rows in the ORM, but the foreign key has no ON DELETE, "
                      "so a raw DELETE of a row of " +
                      cls.table + " fails",
                  "add on_delete: CASCADE to the foreign key of " + fkTable->name + "." + fk->columns[0] +
                      (rel.passiveDeletes ? "" : " (and passive_deletes: true)"));
}

} // namespace

void validateModel(const Model &model, Diagnostics &diags) {
  std::map<std::string, SourceLoc> indexNames;
  const TablesByName tables = tablesByName(model.schema);
  for (const auto &t : model.schema.tables)
    checkTable(model, tables, t, indexNames, diags);
  std::map<std::string, const ModelClass *> byTable;
  for (const auto &cls : model.classes) {
    // A single-table subclass maps its base's table, as SQLAlchemy's single-table inheritance does.
    bool singleTable =
        !cls.inherits.empty() && model.cls(cls.inherits) && model.cls(cls.inherits)->table == cls.table;
    auto [it, fresh] = singleTable ? std::make_pair(byTable.end(), true) : byTable.emplace(cls.table, &cls);
    if (!fresh)
      diags.error(cls.loc, "table-mapped-twice",
                  "models " + it->second->name + " and " + cls.name + " both map table '" + cls.table + "'",
                  "the other is at " + it->second->loc.str());
    for (const auto &rel : cls.relationships)
      checkRelationship(model, cls, rel, diags);
  }
}

} // namespace tether
