// The standing fault campaign: kill -9 the tether process at random points of an SQLite apply
// that rebuilds a table under foreign keys and of a multi-version migrate apply, and terminate
// the backend (or kill -9 tether) during a PostgreSQL apply. After every fault the schema is
// exactly the one before or the one after, the rows and their checksum are unchanged, the
// revision table matches the schema, and a rerun finishes. Seeded (TETHER_FAULT_SEED to replay;
// the seed is printed with any failure) and bounded in trials and time.
#include "core/strings.h"
#include "postgres/pg_test_util.h"
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <random>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char **environ;

using namespace tether;
using namespace tether::test;

namespace {
const std::string kModels = sourceDir() + "/examples/ecommerce";
constexpr int kTrials = 10;

unsigned campaignSeed() {
  if (const char *s = std::getenv("TETHER_FAULT_SEED")) return static_cast<unsigned>(std::stoul(s));
  return std::random_device{}();
}

// The v2 models: orders' key to users gains ON DELETE CASCADE (SQLite must rebuild orders, which
// order_items references) and users gains a column.
std::string v2Models() {
  std::string m = readFile(kModels + "/models.yaml");
  const std::string from = "user_id: {type: Integer, foreign_key: users.id, nullable: false, index: true}";
  auto at = m.find(from);
  REQUIRE(at != std::string::npos);
  m.replace(at, from.size(),
            "user_id: {type: Integer, foreign_key: {column: users.id, on_delete: CASCADE}, nullable: false, "
            "index: true}");
  at = m.find("      full_name: String(200)");
  REQUIRE(at != std::string::npos);
  m.insert(at, "      nickname: String(40)\n");
  return m;
}

// Starts tether, kills it with SIGKILL after delay (if it is still running); returns its status.
int runAndKill(const std::vector<std::string> &args, std::chrono::microseconds delay) {
  std::vector<std::string> argv = {TETHER_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char *> cargs;
  for (auto &a : argv)
    cargs.push_back(a.data());
  cargs.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  REQUIRE(posix_spawn(&pid, cargs[0], &fa, nullptr, cargs.data(), environ) == 0);
  posix_spawn_file_actions_destroy(&fa);
  std::this_thread::sleep_for(delay);
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

std::chrono::microseconds timeOf(const std::vector<std::string> &args) {
  auto t0 = std::chrono::steady_clock::now();
  RunResult r = runTether(args);
  INFO(r.out << r.err);
  REQUIRE(r.exitCode == 0);
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0);
}

std::string sqlite(const std::string &file, const std::string &what) {
  RunResult r = runShell("sqlite3 " + shellQuote(file) + " " + shellQuote(what));
  INFO(r.out);
  REQUIRE(r.exitCode == 0);
  return r.out;
}

// Row counts and a checksum of the data that every version keeps.
std::string sqliteData(const std::string &file) {
  return sqlite(
      file, "SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM orders), "
            "(SELECT count(*) FROM order_items), (SELECT sum(id * 7 + user_id) FROM orders), "
            "(SELECT sum(length(email)) FROM users), (SELECT sum(order_id * 3 + quantity) FROM order_items);"
            "PRAGMA integrity_check; PRAGMA foreign_key_check;");
}

void seedSqlite(const std::string &file) {
  sqlite(file,
         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
         "INSERT INTO users (id, email, full_name) SELECT i, 'u' || i || '@x.org', 'User ' || i FROM n;"
         "INSERT INTO products (id, name, price) VALUES (1, 'p', 1.5);"
         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40000) "
         "INSERT INTO orders (id, user_id, total_amount, status) SELECT i, 1 + i % 20000, i, 'paid' FROM n;"
         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40000) "
         "INSERT INTO order_items (id, order_id, product_id, quantity, unit_price) SELECT i, i, 1, 2, 1.5 "
         "FROM n;");
}
} // namespace

TEST_CASE("faults: kill -9 during an SQLite apply with a table rebuild under foreign keys", "[faults]") {
  const unsigned seed = campaignSeed();
  INFO("fault campaign seed " << seed << " (replay with TETHER_FAULT_SEED=" << seed << ")");
  std::mt19937 rng(seed);
  TempDir d;
  d.write("v2.yaml", v2Models());
  const std::string base = d.file("base.db");
  REQUIRE(runTether({"apply", "--yes", "--models", kModels, "--db", "sqlite:///" + base}).exitCode == 0);
  seedSqlite(base);
  const std::string schemaBefore = sqlite(base, ".schema");
  const std::string data = sqliteData(base);
  // The schema after, and how long a whole apply takes, from one undisturbed run.
  const std::string full = d.file("full.db");
  REQUIRE(runShell("cp " + shellQuote(base) + " " + shellQuote(full)).exitCode == 0);
  auto took = timeOf({"apply", "--yes", "--models", d.file("v2.yaml"), "--db", "sqlite:///" + full});
  const std::string schemaAfter = sqlite(full, ".schema");
  REQUIRE(schemaAfter != schemaBefore);
  REQUIRE(sqliteData(full) == data);
  int before = 0, after = 0;
  for (int trial = 0; trial < kTrials; ++trial) {
    const std::string db = d.file("t" + std::to_string(trial) + ".db");
    REQUIRE(runShell("cp " + shellQuote(base) + " " + shellQuote(db)).exitCode == 0);
    auto delay = std::chrono::microseconds(std::uniform_int_distribution<long>(0, took.count() * 6 / 5)(rng));
    runAndKill({"apply", "--yes", "--models", d.file("v2.yaml"), "--db", "sqlite:///" + db}, delay);
    INFO("trial " << trial << ", killed after " << delay.count() << " us");
    std::string schema = sqlite(db, ".schema");
    CHECK((schema == schemaBefore || schema == schemaAfter));
    before += schema == schemaBefore;
    after += schema == schemaAfter;
    CHECK(sqliteData(db) == data);
    RunResult rerun = runTether({"apply", "--yes", "--models", d.file("v2.yaml"), "--db", "sqlite:///" + db});
    INFO(rerun.out << rerun.err);
    CHECK(rerun.exitCode == 0);
    CHECK(sqlite(db, ".schema") == schemaAfter);
    CHECK(sqliteData(db) == data);
  }
  CHECK(before + after == kTrials);
}

namespace {
// A small tmpfs to run out of space on; mounting needs root (CI and this project's machines run as
// root), so elsewhere the disk-full case is skipped with a warning.
class SmallDisk {
public:
  explicit SmallDisk(const std::string &dir) : dir_(dir) {
    mounted_ = geteuid() == 0 && runShell("mkdir -p " + shellQuote(dir) +
                                          " && mount -t tmpfs -o size=16m tmpfs " + shellQuote(dir))
                                         .exitCode == 0;
  }
  ~SmallDisk() {
    if (mounted_) runShell("umount " + shellQuote(dir_));
  }
  bool mounted() const { return mounted_; }
  // Takes all free space but `leaveKiB`.
  void fill(int leaveKiB) const {
    runShell("dd if=/dev/zero of=" + shellQuote(dir_ + "/filler") + " bs=64k 2>/dev/null");
    REQUIRE(
        runShell("truncate -s -" + std::to_string(leaveKiB) + "K " + shellQuote(dir_ + "/filler")).exitCode ==
        0);
  }
  void release() const { REQUIRE(runShell("rm -f " + shellQuote(dir_ + "/filler")).exitCode == 0); }

private:
  std::string dir_;
  bool mounted_ = false;
};
} // namespace

TEST_CASE("faults: a full disk under an SQLite apply with a table rebuild changes nothing", "[faults]") {
  TempDir d;
  SmallDisk disk(d.file("small"));
  if (!disk.mounted()) {
    WARN("not root (or no tmpfs): the disk-full case needs to mount a small tmpfs");
    return;
  }
  d.write("v2.yaml", v2Models());
  const std::string db = d.file("small/shop.db");
  REQUIRE(runTether({"apply", "--yes", "--models", kModels, "--db", "sqlite:///" + db}).exitCode == 0);
  seedSqlite(db);
  const std::string schemaBefore = sqlite(db, ".schema");
  const std::string data = sqliteData(db);
  // Rebuilding orders copies it and journals the pages it replaces: far more than 32 KiB.
  disk.fill(32);
  RunResult full = runTether({"apply", "--yes", "--models", d.file("v2.yaml"), "--db", "sqlite:///" + db});
  INFO(full.out << full.err);
  CHECK(full.exitCode == 2);
  CHECK(full.err.find("full") != std::string::npos);
  disk.release();
  CHECK(sqlite(db, ".schema") == schemaBefore);
  CHECK(sqliteData(db) == data);
  RunResult rerun = runTether({"apply", "--yes", "--models", d.file("v2.yaml"), "--db", "sqlite:///" + db});
  INFO(rerun.out << rerun.err);
  CHECK(rerun.exitCode == 0);
  CHECK(sqlite(db, ".schema") != schemaBefore);
  CHECK(sqliteData(db) == data);
}

TEST_CASE("faults: migrate new on a full disk leaves the folder as it was", "[faults]") {
  TempDir d;
  SmallDisk disk(d.file("small"));
  if (!disk.mounted()) {
    WARN("not root (or no tmpfs): the disk-full case needs to mount a small tmpfs");
    return;
  }
  const std::string migs = d.file("small/migs");
  REQUIRE(runTether({"migrate", "new", "initial", "--dialect", "sqlite", "--models", kModels, "--dir", migs})
              .exitCode == 0);
  const std::string listing = runShell("cd " + shellQuote(migs) + " && ls && cat *").out;
  d.write("v2.yaml", v2Models());
  disk.fill(0);
  RunResult r = runTether(
      {"migrate", "new", "cascade", "--dialect", "sqlite", "--models", d.file("v2.yaml"), "--dir", migs});
  INFO(r.out << r.err);
  CHECK(r.exitCode == 2);
  disk.release();
  // Nothing half-written: the snapshot and the sum file are the ones before, byte for byte, and
  // the history still checks against the old models.
  RunResult check = runTether({"migrate", "check", "--models", kModels, "--dir", migs});
  INFO(check.out << check.err);
  CHECK(check.exitCode == 0);
  CHECK(runShell("cd " + shellQuote(migs) + " && ls && cat *").out == listing);
}

TEST_CASE("faults: kill -9 during a multi-version SQLite migrate apply", "[faults]") {
  const unsigned seed = campaignSeed();
  INFO("fault campaign seed " << seed << " (replay with TETHER_FAULT_SEED=" << seed << ")");
  std::mt19937 rng(seed);
  TempDir d;
  d.write("v2.yaml", v2Models());
  std::string v3 = v2Models();
  v3.replace(v3.find("      nickname: String(40)"), std::string("      nickname: String(40)").size(),
             "      nickname: {type: String(40), index: true}");
  d.write("v3.yaml", v3);
  const std::string migs = d.file("migs");
  for (auto [name, models] : {std::pair{"initial", kModels}, std::pair{"cascade", d.file("v2.yaml")},
                              std::pair{"nickname_index", d.file("v3.yaml")}})
    REQUIRE(runTether({"migrate", "new", name, "--dialect", "sqlite", "--models", models, "--dir", migs})
                .exitCode == 0);
  // The database at version 1 with data; the schema at each later version.
  const std::string base = d.file("base.db");
  REQUIRE(
      runTether({"migrate", "apply", "--to", "0001", "--dir", migs, "--db", "sqlite:///" + base}).exitCode ==
      0);
  seedSqlite(base);
  const std::string data = sqliteData(base);
  std::vector<std::string> schemaAt = {sqlite(base, ".schema")};
  for (const char *to : {"0002", "0003"}) {
    std::string f = d.file(std::string("at") + to + ".db");
    REQUIRE(runShell("cp " + shellQuote(base) + " " + shellQuote(f)).exitCode == 0);
    REQUIRE(runTether({"migrate", "apply", "--to", to, "--dir", migs, "--db", "sqlite:///" + f}).exitCode ==
            0);
    schemaAt.push_back(sqlite(f, ".schema"));
  }
  const std::string full = d.file("full.db");
  REQUIRE(runShell("cp " + shellQuote(base) + " " + shellQuote(full)).exitCode == 0);
  auto took = timeOf({"migrate", "apply", "--dir", migs, "--db", "sqlite:///" + full});
  for (int trial = 0; trial < kTrials; ++trial) {
    const std::string db = d.file("t" + std::to_string(trial) + ".db");
    REQUIRE(runShell("cp " + shellQuote(base) + " " + shellQuote(db)).exitCode == 0);
    auto delay = std::chrono::microseconds(std::uniform_int_distribution<long>(0, took.count() * 6 / 5)(rng));
    runAndKill({"migrate", "apply", "--dir", migs, "--db", "sqlite:///" + db}, delay);
    INFO("trial " << trial << ", killed after " << delay.count() << " us");
    std::string schema = sqlite(db, ".schema");
    long applied = std::stol(sqlite(db, "SELECT count(*) FROM tether_migrations"));
    // The revision table says how many versions ran; the schema must be exactly that version's.
    REQUIRE(applied >= 1);
    REQUIRE(applied <= 3);
    CHECK(schema == schemaAt[static_cast<size_t>(applied - 1)]);
    CHECK(sqliteData(db) == data);
    // A killed run may leave the lock file; it is a flock, so the rerun takes it over.
    RunResult rerun = runTether({"migrate", "apply", "--dir", migs, "--db", "sqlite:///" + db});
    INFO(rerun.out << rerun.err);
    CHECK(rerun.exitCode == 0);
    CHECK(sqlite(db, ".schema") == schemaAt[2]);
    CHECK(sqlite(db, "SELECT count(*) FROM tether_migrations") == "3\n");
  }
}

TEST_CASE("faults: backend terminated or tether killed during a PostgreSQL apply", "[faults][postgres]") {
  REQUIRE_PG();
  const unsigned seed = campaignSeed();
  INFO("fault campaign seed " << seed << " (replay with TETHER_FAULT_SEED=" << seed << ")");
  std::mt19937 rng(seed);
  TempDir d;
  d.write("v2.yaml", v2Models());
  PgDatabase db;
  auto dumpSchema = [&] {
    RunResult r = runShell("pg_dump --schema-only --no-owner " + shellQuote(db.url()));
    REQUIRE(r.exitCode == 0);
    // pg_dump 15.14+ brackets its output with \restrict KEY lines, a new random key each time.
    std::string out;
    for (const auto &line : split(r.out, '\n'))
      if (line.rfind("\\restrict", 0) != 0 && line.rfind("\\unrestrict", 0) != 0) out += line + "\n";
    return out;
  };
  auto data = [&] {
    return psqlValue(db,
                     "SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM orders), "
                     "(SELECT sum(id * 7 + user_id) FROM orders), (SELECT sum(length(email)) FROM users)");
  };
  auto reset = [&] {
    psql(db, "DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    REQUIRE(runTether({"apply", "--yes", "--models", kModels, "--db", db.url()}).exitCode == 0);
    psql(db, "INSERT INTO users (id, email, full_name) SELECT i, 'u' || i || '@x.org', 'U' FROM "
             "generate_series(1, 20000) i;"
             "INSERT INTO orders (id, user_id, total_amount, status) SELECT i, 1 + i % 20000, i, 'paid' FROM "
             "generate_series(1, 40000) i;");
  };
  reset();
  const std::string schemaBefore = dumpSchema();
  const std::string rows = data();
  auto took = timeOf({"apply", "--yes", "--models", d.file("v2.yaml"), "--db", db.url()});
  const std::string schemaAfter = dumpSchema();
  REQUIRE(schemaAfter != schemaBefore);
  for (int trial = 0; trial < kTrials / 2; ++trial) {
    reset();
    auto delay = std::chrono::microseconds(std::uniform_int_distribution<long>(0, took.count() * 6 / 5)(rng));
    bool terminateBackend = trial % 2 == 0;
    INFO("trial " << trial << (terminateBackend ? ", backend terminated" : ", tether killed") << " after "
                  << delay.count() << " us");
    if (terminateBackend) {
      std::thread killer([&] {
        std::this_thread::sleep_for(delay);
        runShell(
            "psql -X -q " + shellQuote(pgUrl()) + " -c " +
            shellQuote(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'tether' "
                "AND datname = '" +
                db.name() + "'"));
      });
      RunResult r = runTether({"apply", "--yes", "--models", d.file("v2.yaml"), "--db", db.url()});
      killer.join();
      if (r.exitCode != 0) {
        INFO(r.err);
        CHECK(r.err.find("client encoding") == std::string::npos);
      }
    } else {
      runAndKill({"apply", "--yes", "--models", d.file("v2.yaml"), "--db", db.url()}, delay);
    }
    // The server ends a killed client's transaction once it notices the socket closed.
    for (int i = 0; i < 100 && psqlValue(db, "SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                                             "'tether' AND datname = current_database()") != "0";
         ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::string schema = dumpSchema();
    CHECK((schema == schemaBefore || schema == schemaAfter));
    CHECK(data() == rows);
    RunResult rerun = runTether({"apply", "--yes", "--models", d.file("v2.yaml"), "--db", db.url()});
    INFO(rerun.out << rerun.err);
    CHECK(rerun.exitCode == 0);
    CHECK(dumpSchema() == schemaAfter);
  }
}
