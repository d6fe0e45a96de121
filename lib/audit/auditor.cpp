#include "audit/auditor.h"
#include "audit/drift_checks.h"
#include "audit/orphan_check.h"
#include "audit/schema_checks.h"
#include "audit/validity_checks.h"
#include "diff/desired_schema.h"
#include <optional>

namespace tether {

namespace {
// The live schema plus the FKs the models declare on existing columns: an FK the database lacks
// still wants an index, and its orphans still matter.
Schema withModelForeignKeys(Schema db, const Model &model) {
  for (const auto &mt : model.schema.tables) {
    Table *dt = db.table(mt.name);
    if (!dt) continue;
    for (const auto &fk : mt.foreignKeys) {
      bool present = false, columnsExist = true;
      for (const auto &have : dt->foreignKeys)
        present = present || (have.columns == fk.columns && have.refTable == fk.refTable &&
                              have.refColumns == fk.refColumns);
      for (const auto &c : fk.columns)
        columnsExist = columnsExist && dt->column(c);
      if (!present && columnsExist) dt->foreignKeys.push_back(fk);
    }
  }
  return db;
}

void append(std::vector<Finding> &to, std::vector<Finding> from) {
  for (auto &f : from)
    to.push_back(std::move(f));
}
} // namespace

AuditRun auditDatabase(Connection &conn, const Model *model,
                       const std::function<void(const std::string &)> &progress) {
  AuditRun run;
  if (progress) progress("reading the schema");
  Schema db = conn.introspect();
  const Dialect &d = conn.dialect();
  // The models as this database builds them (with_variant() types, own-schema references written
  // unqualified as introspection reads them), so a model naming `public.users` is not missing it.
  std::optional<Model> resolved;
  if (model) {
    resolved = *model;
    resolved->schema = desiredFor(model->schema, db, d);
    model = &*resolved;
  }
  Schema withModel = model ? withModelForeignKeys(db, *model) : db;
  if (model) {
    append(run.findings, checkDrift(*model, db, d));
    for (const char *c : {"missing_table", "missing_column", "column_mismatch", "missing_foreign_key",
                          "missing_unique", "unexpected_table", "unexpected_column"})
      run.checksRun.push_back(c);
  }
  append(run.findings, checkUnindexedForeignKeys(withModel, model, d));
  append(run.findings, checkRedundantIndexes(db, model, d));
  append(run.findings, checkTablesWithoutPrimaryKey(db, model));
  append(run.findings, checkOrphanRows(conn, db, model, progress));
  append(run.findings, checkUnvalidatedObjects(db, d));
  for (const char *c : {"unindexed_foreign_key", "redundant_index", "table_without_primary_key",
                        "orphan_rows", "unvalidated_constraint", "invalid_index"})
    run.checksRun.push_back(c);
  return run;
}

} // namespace tether
