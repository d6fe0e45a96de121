#include "migrate/replay.h"
#include "core/error.h"
#include "drivers/open.h"
#include "migrate/outside_transaction.h"
#include "migrate/revision_table.h"
#include <chrono>
#include <unistd.h>

namespace tether {

bool replaysInMemory(const Dialect &d) {
  return openConnection("sqlite://")->dialect().name() == d.name();
}

namespace {
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
