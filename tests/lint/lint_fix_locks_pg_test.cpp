// Every fix migrate lint prints is code: this harness applies it on the real PostgreSQL and watches
// pg_locks from a second connection while each step waits behind a concurrent writer, then checks
// that a concurrent reader and writer are blocked exactly as the lock the message promises says.
#include "dialect/postgres/postgres.h"
#include "lint/lint.h"
#include "lint/lock_levels.h"
#include "migrate/sql_split.h"
#include "support.h"
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <pqxx/pqxx>
#include <thread>

using namespace tether;
using namespace tether::test;

namespace {

// A fix split at its "-- migration k of n" lines; a single-snippet fix is one migration.
struct FixStep {
  std::string sql;
  bool noTransaction = false;
};

std::vector<FixStep> fixSteps(const std::string &fix) {
  std::vector<FixStep> steps;
  std::string current;
  auto flush = [&] {
    if (current.find_first_not_of(" \n") == std::string::npos) return;
    FixStep s;
    s.sql = current;
    s.noTransaction = current.find("-- tether:no-transaction") != std::string::npos;
    steps.push_back(s);
  };
  size_t pos = 0;
  while (pos <= fix.size()) {
    size_t nl = fix.find('\n', pos);
    std::string line = fix.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    if (line.rfind("-- migration ", 0) == 0) {
      flush();
      current.clear();
    } else {
      current += line + "\n";
    }
    if (nl == std::string::npos) break;
    pos = nl + 1;
  }
  flush();
  return steps;
}

bool hasStatement(const std::string &sql) {
  for (const auto &s : splitSqlScript(sql, postgresDialect()))
    if (s.sql.find_first_not_of(" \n") != std::string::npos) return true;
  return false;
}

const char *pgLocksMode(lint::LockLevel l) {
  switch (l) {
  case lint::LockLevel::AccessExclusive:
    return "AccessExclusiveLock";
  case lint::LockLevel::Exclusive:
    return "ExclusiveLock";
  case lint::LockLevel::ShareRowExclusive:
    return "ShareRowExclusiveLock";
  case lint::LockLevel::Share:
    return "ShareLock";
  case lint::LockLevel::ShareUpdateExclusive:
    return "ShareUpdateExclusiveLock";
  default:
    return "";
  }
}

// Would a reader (SELECT) or a writer (INSERT … rolled back) get through within 300 ms?
bool blocked(const std::string &url, const std::string &sql) {
  try {
    pqxx::connection c(url);
    pqxx::work w(c);
    w.exec("SET LOCAL lock_timeout = '300ms'");
    w.exec(sql);
    w.abort();
    return false;
  } catch (const pqxx::sql_error &e) {
    return std::string(e.what()).find("lock timeout") != std::string::npos;
  }
}

struct Observation {
  std::string waitedMode; // the relation lock on the table the step waited for behind the writer
  bool readerBlocked = false, writerBlocked = false;
  bool applied = false;
  std::string output;
};

int versionCounter = 0;

// Applies one step: transactional ones with `tether migrate apply`, no-transaction ones statement
// by statement outside a transaction.
// TODO(after merging the migrations branch): migrate apply honours -- tether:no-transaction; apply
// those steps with it too.
bool applyStep(const std::string &url, const std::string &dir, const FixStep &step, std::string &output) {
  if (step.noTransaction) {
    try {
      pqxx::connection c(url);
      for (const auto &s : splitSqlScript(step.sql, postgresDialect())) {
        pqxx::nontransaction n(c);
        n.exec(s.sql);
      }
      return true;
    } catch (const std::exception &e) {
      output = e.what();
      return false;
    }
  }
  char name[32];
  std::snprintf(name, sizeof name, "%04d_fix", ++versionCounter);
  TempDir unused;
  std::FILE *f = std::fopen((dir + "/" + name + ".up.sql").c_str(), "w");
  std::fputs(step.sql.c_str(), f);
  std::fclose(f);
  f = std::fopen((dir + "/" + name + ".down.sql").c_str(), "w");
  std::fputs("SELECT 1;\n", f);
  std::fclose(f);
  RunResult h = runTether({"migrate", "hash", "--dir", dir});
  RunResult r = runTether({"migrate", "apply", "--db", url, "--dir", dir, "--allow-drift"});
  output = h.out + h.err + r.out + r.err;
  return r.exitCode == 0;
}

// Runs the step while a writer holds ROW EXCLUSIVE on `table`: a step needing a lock that blocks
// writes queues behind it, and pg_locks shows the mode it asks for.
Observation observe(const std::string &url, const std::string &dir, const std::string &table,
                    const FixStep &step) {
  Observation o;
  pqxx::connection holder(url);
  pqxx::work hold(holder);
  hold.exec("LOCK TABLE " + table + " IN ROW EXCLUSIVE MODE");
  int holderPid = holder.backendpid();
  std::atomic<bool> done{false};
  std::thread runner([&] {
    o.applied = applyStep(url, dir, step, o.output);
    done = true;
  });
  pqxx::connection monitor(url);
  for (int i = 0; i < 40 && !done && o.waitedMode.empty(); ++i) {
    pqxx::nontransaction m(monitor);
    auto r = m.exec_params("SELECT mode FROM pg_locks WHERE locktype = 'relation' AND NOT granted AND "
                           "relation = to_regclass($1) AND pid <> $2",
                           table, holderPid);
    if (!r.empty()) o.waitedMode = r[0][0].c_str();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (!o.waitedMode.empty()) {
    // The step is queued: new readers and writers queue behind it if its lock conflicts with theirs.
    o.readerBlocked = blocked(url, "SELECT count(*) FROM " + table);
    o.writerBlocked = blocked(url, "LOCK TABLE " + table + " IN ROW EXCLUSIVE MODE");
  }
  hold.abort();
  runner.join();
  return o;
}

// The strongest table lock among the step's statements, as the lock table promises it.
lint::LockLevel promisedLock(const std::string &sql) {
  lint::LockLevel strongest = lint::LockLevel::None;
  // Statement kinds the fixes use, matched on their text.
  for (const auto &s : splitSqlScript(sql, postgresDialect())) {
    std::string u = s.sql;
    for (auto &c : u)
      c = char(std::toupper(static_cast<unsigned char>(c)));
    auto at = [&](const char *statement) {
      lint::LockLevel l = lint::lockEntry(statement).lock;
      if (l > strongest) strongest = l;
    };
    if (u.find("CREATE UNIQUE INDEX CONCURRENTLY") != std::string::npos ||
        u.find("CREATE INDEX CONCURRENTLY") != std::string::npos)
      at("CREATE INDEX CONCURRENTLY");
    else if (u.find("CREATE INDEX") != std::string::npos ||
             u.find("CREATE UNIQUE INDEX") != std::string::npos)
      at("CREATE INDEX");
    else if (u.find("DROP INDEX CONCURRENTLY") != std::string::npos)
      at("DROP INDEX CONCURRENTLY");
    else if (u.find("DROP INDEX") != std::string::npos)
      at("DROP INDEX");
    else if (u.find("REINDEX") != std::string::npos)
      at(u.find("CONCURRENTLY") != std::string::npos ? "REINDEX CONCURRENTLY" : "REINDEX");
    else if (u.find("VALIDATE CONSTRAINT") != std::string::npos)
      at("ALTER TABLE … VALIDATE CONSTRAINT");
    else if (u.find("FOREIGN KEY") != std::string::npos)
      at("ALTER TABLE … ADD CONSTRAINT FOREIGN KEY");
    else if (u.find("ALTER TABLE") != std::string::npos)
      at("ALTER TABLE … ADD COLUMN"); // every other ALTER TABLE the fixes use takes ACCESS EXCLUSIVE
  }
  return strongest;
}

void checkObservation(const Observation &o, lint::LockLevel promised) {
  INFO("waited for: '" << o.waitedMode << "', promised " << lint::lockLevelName(promised) << "\n"
                       << o.output);
  CHECK(o.applied);
  if (lint::blocksWrites(promised)) {
    CHECK(o.waitedMode == pgLocksMode(promised));
    CHECK(o.writerBlocked);
    CHECK(o.readerBlocked == lint::blocksReads(promised));
  } else {
    CHECK(o.waitedMode.empty()); // ran past the writer without a table lock conflict
  }
}

struct Scenario {
  const char *rule;
  const char *setup;   // creates the tables, with rows
  const char *bad;     // the migration lint flags
  const char *table;   // the table whose locks are watched
  const char *outcome; // a query returning 1 once the fix's steps have all run
};

const Scenario kScenarios[] = {
    {"create-index-without-concurrently",
     "CREATE TABLE users (id bigint PRIMARY KEY, email text);"
     "INSERT INTO users SELECT g, 'u' || g || '@example.com' FROM generate_series(1, 2000) g;",
     "SET lock_timeout = '5s';\nCREATE INDEX users_email ON users (email);", "users",
     "SELECT count(*) FROM pg_indexes WHERE indexname = 'users_email'"},
    {"unique-constraint-builds-index",
     "CREATE TABLE users (id bigint PRIMARY KEY, email text);"
     "INSERT INTO users SELECT g, 'u' || g || '@example.com' FROM generate_series(1, 2000) g;",
     "SET lock_timeout = '5s';\nALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);", "users",
     "SELECT count(*) FROM pg_constraint WHERE conname = 'users_email_key' AND contype = 'u'"},
    {"add-foreign-key-without-not-valid",
     "CREATE TABLE users (id bigint PRIMARY KEY); CREATE TABLE orders (id bigint PRIMARY KEY, user_id "
     "bigint);"
     "INSERT INTO users SELECT g FROM generate_series(1, 100) g;"
     "INSERT INTO orders SELECT g, 1 + g % 100 FROM generate_series(1, 2000) g;",
     "SET lock_timeout = '5s';\nALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) "
     "REFERENCES users (id);",
     "orders", "SELECT count(*) FROM pg_constraint WHERE conname = 'orders_user_fk' AND convalidated"},
    {"add-check-without-not-valid",
     "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric);"
     "INSERT INTO orders SELECT g, g FROM generate_series(1, 2000) g;",
     "SET lock_timeout = '5s';\nALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total > 0);",
     "orders", "SELECT count(*) FROM pg_constraint WHERE conname = 'orders_total_positive' AND convalidated"},
    {"set-not-null-without-check",
     "CREATE TABLE users (id bigint PRIMARY KEY, email text);"
     "INSERT INTO users SELECT g, 'u' || g FROM generate_series(1, 2000) g;",
     "SET lock_timeout = '5s';\nALTER TABLE users ALTER COLUMN email SET NOT NULL;", "users",
     "SELECT count(*) FROM pg_attribute WHERE attrelid = 'users'::regclass AND attname = 'email' AND "
     "attnotnull"},
    {"drop-index-without-concurrently",
     "CREATE TABLE users (id bigint PRIMARY KEY, email text); CREATE INDEX users_email ON users (email);",
     "SET lock_timeout = '5s';\nDROP INDEX users_email;", "users",
     "SELECT 1 - count(*) FROM pg_indexes WHERE indexname = 'users_email'"},
    {"lock-hazard",
     "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric);"
     "INSERT INTO orders SELECT g, g FROM generate_series(1, 2000) g;",
     "SET lock_timeout = '5s';\nSET statement_timeout = '5min';\nREINDEX TABLE orders;", "orders",
     "SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_pkey'"},
    {"not-valid-validate-same-transaction",
     "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric);"
     "INSERT INTO orders SELECT g, g FROM generate_series(1, 2000) g;",
     "SET lock_timeout = '5s';\nALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total > 0) "
     "NOT "
     "VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;",
     "orders", "SELECT count(*) FROM pg_constraint WHERE conname = 'orders_total_positive' AND convalidated"},
    {"volatile-default",
     "CREATE TABLE users (id bigint PRIMARY KEY);"
     "INSERT INTO users SELECT g FROM generate_series(1, 2000) g;",
     "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();", "users",
     "SELECT count(*) FROM pg_attribute WHERE attrelid = 'users'::regclass AND attname = 'token'"},
};

} // namespace

TEST_CASE("lint fixes on PostgreSQL: each step takes the lock its message promises, and the fix works",
          "[lint][postgres][fixlocks]") {
  REQUIRE_PG();
  for (const auto &sc : kScenarios) {
    DYNAMIC_SECTION(sc.rule) {
      PgDatabase db;
      {
        pqxx::connection c(db.url());
        pqxx::nontransaction n(c);
        n.exec(sc.setup);
      }
      LintOptions lo;
      lo.dialect = "postgresql";
      std::vector<Finding> fs = lintMigrationFile("bad.sql", sc.bad, lo);
      const Finding *finding = nullptr;
      for (const auto &f : fs)
        if (f.check == sc.rule) finding = &f;
      REQUIRE(finding);
      INFO("fix:\n" << finding->fix);
      TempDir tmp;
      std::string dir = tmp.file("migrations");
      REQUIRE(runShell("mkdir -p " + shellQuote(dir)).exitCode == 0);

      // The unsafe migration takes the lock its message names (the lock table's entry).
      {
        PgDatabase scratch;
        pqxx::connection c(scratch.url());
        pqxx::nontransaction n(c);
        n.exec(sc.setup);
        TempDir t2;
        std::string d2 = t2.file("m");
        REQUIRE(runShell("mkdir -p " + shellQuote(d2)).exitCode == 0);
        FixStep badStep{sc.bad, false};
        Observation o = observe(scratch.url(), d2, sc.table, badStep);
        INFO("the unsafe migration");
        lint::LockLevel promised = promisedLock(sc.bad);
        CHECK(finding->message.find(lint::lockLevelName(promised)) != std::string::npos);
        checkObservation(o, promised);
      }

      std::vector<FixStep> steps = fixSteps(finding->fix);
      REQUIRE(!steps.empty());
      std::vector<std::string> lintedSteps;
      for (const auto &step : steps) {
        if (!hasStatement(step.sql)) continue; // a "-- backfill …" instruction
        INFO("step:\n" << step.sql);
        // Every step of a fix is itself clean of lock errors, the earlier steps as context.
        std::string path = tmp.file("step" + std::to_string(lintedSteps.size()) + ".sql");
        tmp.write("step" + std::to_string(lintedSteps.size()) + ".sql", step.sql);
        std::vector<std::string> context = lintedSteps;
        lintedSteps.push_back(path);
        for (const auto &f : lintMigrationFiles(lintedSteps, lo, context)) {
          INFO(f.check << ": " << f.message);
          CHECK(f.severity != Severity::Error);
        }
        Observation o = observe(db.url(), dir, sc.table, step);
        checkObservation(o, promisedLock(step.sql));
      }
      pqxx::connection c(db.url());
      pqxx::nontransaction n(c);
      CHECK(n.exec(sc.outcome)[0][0].as<int>() == 1);
    }
  }
}
