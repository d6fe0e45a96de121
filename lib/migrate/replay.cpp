#include "migrate/replay.h"
#include "core/error.h"
#include "drivers/open.h"
#include "migrate/outside_transaction.h"
#include "migrate/revision_table.h"
#include "migrate/transaction_marker.h"
#include <chrono>
#include <unistd.h>

namespace tether {

bool replaysInMemory(const Dialect &d) {
  return openConnection("sqlite://")->dialect().name() == d.name();
}

ReplayMode replayModeFor(const Dialect &d, const std::string &scratchUrl) {
  if (replaysInMemory(d)) return ReplayMode::InMemory;
  if (!scratchUrl.empty()) return ReplayMode::DevDb;
  return d.replaysOffline() ? ReplayMode::Offline : ReplayMode::None;
}

const char *replayModeName(ReplayMode m) {
  switch (m) {
  case ReplayMode::InMemory:
    return "in-memory";
  case ReplayMode::DevDb:
    return "dev-db";
  case ReplayMode::Offline:
    return "offline";
  case ReplayMode::None:
    break;
  }
  return "none";
}

std::string describeReplayMode(ReplayMode m) {
  switch (m) {
  case ReplayMode::InMemory:
    return "replayed in an in-memory database";
  case ReplayMode::DevDb:
    return "replayed on the --dev-db database, in a throwaway schema";
  case ReplayMode::Offline:
    return "replayed offline: the DDL read without a database; --dev-db URL replays on the database itself";
  case ReplayMode::None:
    break;
  }
  return "not replayed";
}

namespace {
std::vector<ReplayFile> replayFiles(const MigrationDir &dir, long upTo) {
  std::vector<ReplayFile> files;
  for (const auto &m : dir.versions) {
    if (upTo >= 0 && versionNumber(m.version) > upTo) break;
    files.push_back(ReplayFile{dir.path + "/" + m.upFile, m.upSql, !hasNoTransactionMarker(m.upSql)});
  }
  return files;
}

void replayAll(Connection &scratch, const MigrationDir &dir, long upTo) {
  for (const auto &m : dir.versions) {
    if (upTo >= 0 && versionNumber(m.version) > upTo) break;
    try {
      replayVersion(scratch, m);
    } catch (const Error &e) {
      throw Error("replaying " + dir.path + "/" + m.upFile + " on an empty database failed:\n" + e.what(),
                  SourceLoc{dir.path + "/" + m.upFile, 0, 0},
                  "every version must run on an empty database in order; fix the file (then tether migrate "
                  "hash)");
    }
  }
}
} // namespace

Schema replaySchema(const MigrationDir &dir, long upTo, const Dialect &d, const std::string &scratchUrl) {
  if (replaysInMemory(d)) {
    auto scratch = openConnection("sqlite://");
    replayAll(*scratch, dir, upTo);
    return scratch->introspect();
  }
  if (scratchUrl.empty() && d.replaysOffline()) return d.replayOffline(replayFiles(dir, upTo));
  if (scratchUrl.empty())
    throw Error("replaying " + d.name() + " migrations needs a database to replay them in", {},
                "pass --dev-db URL (a database tether may create and drop a throwaway schema in)");
  auto admin = openConnection(scratchUrl);
  const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
  const std::string schema =
      "tether_replay_" + std::to_string(getpid()) + "_" + std::to_string(stamp % 1000000);
  const std::string quoted = admin->dialect().quoteIdent(schema);
  admin->execute("CREATE SCHEMA " + quoted);
  struct Drop {
    Connection &db;
    std::string sql;
    ~Drop() {
      try {
        db.execute(sql);
      } catch (const std::exception &) {
        // Best effort: a leftover empty tether_replay_* schema is harmless and named as ours.
      }
    }
  } drop{*admin, "DROP SCHEMA " + quoted + " CASCADE"};
  OpenOptions o;
  o.schema = schema;
  auto scratch = openConnection(scratchUrl, o);
  replayAll(*scratch, dir, upTo);
  return scratch->introspect();
}

} // namespace tether
