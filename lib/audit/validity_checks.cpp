#include "audit/validity_checks.h"
#include "audit/fk_finding.h"
#include "audit/report.h"
#include "core/strings.h"

namespace tether {

std::vector<Finding> checkUnvalidatedObjects(const Schema &db, const Dialect &d) {
  registerCheckDescription("unvalidated_constraint",
                           "Constraint that exists but was never validated (NOT VALID)");
  registerCheckDescription("invalid_index", "Index left INVALID by an interrupted CREATE INDEX CONCURRENTLY");
  std::vector<Finding> out;
  for (const auto &t : db.tables) {
    for (const auto &fk : t.foreignKeys) {
      if (!fk.notValid) continue;
      Finding f = foreignKeyFinding("unvalidated_constraint", Severity::Error, t.name, fk);
      f.message = "foreign key " + fk.name + " on " + t.name + "(" + join(fk.columns, ", ") +
                  ") is NOT VALID: rows written before it was added were never checked";
      f.fix = "ALTER TABLE " + d.quoteIdent(t.name) + " VALIDATE CONSTRAINT " + d.quoteIdent(fk.name) + ";";
      out.push_back(f);
    }
    for (const auto &ix : t.indexes) {
      if (!ix.invalid) continue;
      Finding f;
      f.check = "invalid_index";
      f.severity = Severity::Error;
      f.table = t.name;
      f.columns = ix.columns;
      f.message = "index " + ix.name + " on " + t.name + "(" + join(ix.columns, ", ") +
                  ") is INVALID (an interrupted CREATE INDEX CONCURRENTLY): it is maintained on every write "
                  "but used by no query" +
                  (ix.unique ? " and enforces no uniqueness" : "");
      f.fix = "REINDEX INDEX CONCURRENTLY " + d.quoteIdent(ix.name) + ";";
      out.push_back(f);
    }
  }
  return out;
}

} // namespace tether
