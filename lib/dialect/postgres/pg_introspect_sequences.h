#pragma once
#include "dialect/postgres/pg_introspect.h"

namespace tether::pg {

// Named sequences (SQLAlchemy's Sequence): a free-standing sequence (no serial or identity owns
// it) whose options a model states in full (bigint, start, increment; default bounds, CACHE 1, no
// CYCLE). Each goes to Schema::sequences. A column whose default calls nextval() on one of them
// draws from it (`sequence:` plus its server default), and the sequence leaves `unmanaged`; one no
// column uses stays unmanaged. A column default on a free-standing sequence with other options is
// kept as the server default it is, the sequence unmanaged. Serial columns are left as they are.
// Read and added apart, so the queries run while other rows are still being turned into tables.
struct SequenceRows {
  std::vector<Row> freeSequences, columnDefaults;
};
SequenceRows readSequences(const CatalogQuery &run, const std::string &schema);
void addSequences(const SequenceRows &read, const std::string &schema, Schema &s);

// Options a model can state: introspection and the offline replay agree on this.
bool plainSequenceOptions(const std::string &type, long long increment, long long min, long long max,
                          long long cache, bool cycle);

} // namespace tether::pg
