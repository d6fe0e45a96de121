#pragma once
#include "audit/finding.h"
#include "dialect/connection.h"
#include "model/model.h"
#include <functional>
#include <vector>

namespace tether {

// Counts, inside the database, the rows whose non-NULL foreign key values match no parent row
// (MATCH SIMPLE: a row with any NULL FK column is not an orphan, as PRAGMA foreign_key_check
// counts), for every FK the models declare or the database has, including NOT VALID ones.
// A check that fails or times out becomes a finding that says so; the others still run.
std::vector<Finding> checkOrphanRows(Connection &conn, const Schema &db, const Model *model,
                                     const std::function<void(const std::string &)> &progress = {});

// The SELECT that counts the orphans of one FK (and returns its smallest and largest orphan key),
// with every identifier quoted.
// `child`, the referencing table as introspected, tells which key types have no min()/max() (a
// uuid, a boolean: PostgreSQL has none for them); those are compared as text. Null: all as text.
std::string orphanCountSql(const Dialect &d, const std::string &table, const ForeignKey &fk,
                           const Table *child);
// The SELECT that lists them, for the finding's fix.
std::string orphanListSql(const Dialect &d, const std::string &table, const ForeignKey &fk);

} // namespace tether
