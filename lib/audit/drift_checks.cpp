#include "audit/drift_checks.h"
#include "core/strings.h"
#include "model/nullability.h"

namespace tether {

namespace {
Finding make(const std::string &check, Severity sev, const std::string &table, std::vector<std::string> cols,
             std::string message, const SourceLoc &loc) {
  Finding f;
  f.check = check;
  f.severity = sev;
  f.table = table;
  f.columns = std::move(cols);
  f.message = std::move(message);
  f.location = loc;
  return f;
}

bool hasForeignKey(const Table &t, const ForeignKey &want) {
  for (const auto &fk : t.foreignKeys)
    if (fk.columns == want.columns && fk.refTable == want.refTable && fk.refColumns == want.refColumns)
      return true;
  return false;
}

// The model says "these columns are unique": any unique constraint or full unique index will do.
bool hasUnique(const Table &t, const std::vector<std::string> &cols) {
  return t.isUniqueSet(cols);
}

std::string describeDefault(const ColumnDefault &d) {
  switch (d.kind) {
  case ColumnDefault::Kind::None:
    return "no default";
  case ColumnDefault::Kind::String:
    return "'" + d.value + "'";
  default:
    return d.value;
  }
}
} // namespace

std::vector<Finding> checkDrift(const Model &model, const Schema &db, const Dialect &d) {
  std::vector<Finding> out;
  for (const auto &mt : model.schema.tables) {
    const Table *dt = db.table(mt.name);
    if (!dt) {
      out.push_back(make("missing_table", Severity::Error, mt.name, {},
                         "table " + mt.name + " is in the models but not in the database", mt.loc));
      out.back().fix = "tether apply (or tether migrate new + apply) creates it";
      continue;
    }
    for (const auto &mc : mt.columns) {
      const Column *dc = dt->column(mc.name);
      if (!dc) {
        out.push_back(make("missing_column", Severity::Error, mt.name, {mc.name},
                           "column " + mt.name + "." + mc.name + " is in the models but not in the database",
                           mc.loc));
        continue;
      }
      std::vector<std::string> diffs;
      if (!d.sameType(mc, *dc))
        diffs.push_back("type " + (dc->dbType.empty() ? dc->type.str() : dc->dbType) + " in the database, " +
                        mc.type.str() + " in the models");
      if (nullabilityDiffers(mt, mc, *dc))
        diffs.push_back(std::string(dc->nullable ? "nullable" : "NOT NULL") + " in the database, " +
                        (mc.nullable ? "nullable" : "NOT NULL") + " in the models");
      if (!d.sameDefault(mc, *dc))
        diffs.push_back("default " + describeDefault(dc->defaultValue) + " in the database, " +
                        describeDefault(mc.defaultValue) + " in the models");
      if (!diffs.empty())
        out.push_back(make("column_mismatch", Severity::Error, mt.name, {mc.name},
                           "column " + mt.name + "." + mc.name + " differs: " + join(diffs, "; "), mc.loc));
    }
    for (const auto &fk : mt.foreignKeys) {
      // A missing column is reported already; the FK on it would only repeat that.
      bool columnsExist = true;
      for (const auto &c : fk.columns)
        columnsExist = columnsExist && dt->column(c);
      if (!columnsExist || hasForeignKey(*dt, fk)) continue;
      Finding f = make("missing_foreign_key", Severity::Error, mt.name, fk.columns,
                       "foreign key " + mt.name + "(" + join(fk.columns, ", ") + ") -> " + fk.refTable + "(" +
                           join(fk.refColumns, ", ") +
                           ") is in the models but not in the database, so nothing stops orphans",
                       fk.loc);
      f.refTable = fk.refTable;
      f.refColumns = fk.refColumns;
      out.push_back(f);
    }
    auto needUnique = [&](const std::vector<std::string> &cols, const SourceLoc &loc,
                          const std::string &why) {
      for (const auto &c : cols)
        if (!dt->column(c)) return;
      if (hasUnique(*dt, cols)) return;
      out.push_back(make("missing_unique", Severity::Error, mt.name, cols,
                         "unique constraint on " + mt.name + "(" + join(cols, ", ") + ") " + why +
                             " is not in the database, so duplicates can be inserted",
                         loc));
    };
    for (const auto &u : mt.uniques)
      needUnique(u.columns, u.loc, "declared in the models");
    for (const auto &ix : mt.indexes)
      if (ix.unique) needUnique(ix.columns, ix.loc, "(unique index " + ix.name + ")");
    // A one-to-one relationship relies on uniqueness of its FK even if no column says unique.
    for (const auto &cls : model.classes)
      for (const auto &r : cls.relationships)
        if (r.kind == RelationKind::OneToOne && r.fkTable == mt.name)
          if (const ForeignKey *fk = model.fk(r.fkTable, r.fkIndex); fk && !mt.isUniqueSet(fk->columns))
            needUnique(fk->columns, r.loc, "(what makes " + cls.name + "." + r.name + " one-to-one)");
  }
  for (const auto &dt : db.tables) {
    const Table *mt = model.schema.table(dt.name);
    if (!mt) {
      out.push_back(make("unexpected_table", Severity::Info, dt.name, {},
                         "table " + dt.name + " is in the database but not in the models", {}));
      continue;
    }
    for (const auto &dc : dt.columns)
      if (!mt->column(dc.name))
        out.push_back(make("unexpected_column", Severity::Info, dt.name, {dc.name},
                           "column " + dt.name + "." + dc.name + " is in the database but not in the models",
                           mt->loc));
  }
  return out;
}

} // namespace tether
