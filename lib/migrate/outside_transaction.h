#pragma once
#include "dialect/connection.h"
#include "migrate/migration_dir.h"
#include "migrate/revision_table.h"
#include <string>

namespace tether {

// Runs the up file of a version marked -- tether:no-transaction: its statements one by one, in
// file order, each committed on its own. The version is recorded dirty before the first statement
// and its count of statements run is stamped after each, so a failure (or a killed process)
// leaves a record of how far it got; the last statement clears the flag. A BEGIN … COMMIT the
// file opens itself is honoured; a failure inside it rolls that block back first. Throws Error
// naming file:line and the database's message on failure.
void applyOutsideTransaction(Connection &db, const MigrationDir &dir, const MigrationFile &m);
// The same for the down file; the record is removed after its last statement.
void revertOutsideTransaction(Connection &db, const MigrationDir &dir, const MigrationFile &m,
                              const AppliedVersion &applied);

// Runs a version's up file on a scratch database, as apply would, for replays (drift check,
// migrate check, baseline): a marked file statement by statement, others in one transaction.
void replayVersion(Connection &scratch, const MigrationFile &m);

} // namespace tether
