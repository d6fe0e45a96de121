#include "audit/fk_finding.h"

namespace tether {

Finding foreignKeyFinding(const char *check, Severity severity, const std::string &table,
                          const ForeignKey &fk) {
  Finding f;
  f.check = check;
  f.severity = severity;
  f.table = table;
  f.columns = fk.columns;
  f.refTable = fk.refTable;
  f.refColumns = fk.refColumns;
  return f;
}

} // namespace tether
