#include "index_dialect_check.h"
#include "dialect/dialect.h"
#include "drivers/open.h"

namespace tether::cli {

void checkIndexesForDialect(const Schema &schema, const std::string &dialect, Diagnostics &diags) {
  const Dialect &d = dialectByName(dialectNamed(dialect));
  for (const Table &t : forDialect(schema, d.name(), d.nativeTypes()).tables) {
    for (const auto &[at, problem] : d.unsupportedTableOptions(t))
      diags.error(at, "unsupported-option", d.name() + " cannot build " + problem);
    for (const Index &ix : t.indexes)
      for (const std::string &problem : d.unsupportedIndexOptions(ix))
        diags.error(ix.loc, "unsupported-index",
                    "index " + ix.name + " of " + t.name + ": " + d.name() + " cannot build " + problem);
    for (const ForeignKey &fk : t.foreignKeys) {
      std::string problem = d.unsupportedForeignKey(fk);
      if (!problem.empty())
        diags.error(fk.loc, "unsupported-foreign-key",
                    "foreign key of " + t.name + " -> " + fk.refTable + ": " + d.name() + " cannot build " +
                        problem);
    }
  }
}

} // namespace tether::cli
