#include "audit/report.h"
#include "common.h"
#include "core/error.h"
#include "core/strings.h"
#include "drivers/open.h"
#include "drivers/url.h"
#include "lint/lint.h"
#include "migrate/baseline.h"
#include "migrate/check_migrations.h"
#include "migrate/migration_dir.h"
#include "migrate/migrator.h"
#include "migrate/new_migration.h"
#include "migrate/sum_file.h"
#include <filesystem>
#include <iostream>

namespace tether::cli {

namespace {
struct MigrateFlags {
  std::string dir, dialect, name, to, format = "text";
  bool allowDestructive = false, online = false, dryRun = false, allowDrift = false;
  double lockTimeout = 60;
  double ddlLockTimeout = 5;
  std::string schema, devDb;
};
MigrateFlags &flags() {
  static MigrateFlags f;
  return f;
}

std::string migrationsRoot() {
  return config().migrations.empty() ? "migrations" : config().migrations;
}

// --dir, else <migrations root>/<dialect>.
std::string dirFor(const std::string &dialect) {
  return flags().dir.empty() ? migrationsRoot() + "/" + dialect : flags().dir;
}

MigrateOptions runOptions() {
  MigrateOptions o;
  o.url = dbUrl();
  o.dir = dirFor(parseDbUrl(o.url).scheme);
  o.to = flags().to;
  o.dryRun = flags().dryRun;
  o.lockTimeoutSeconds = flags().lockTimeout;
  o.ddlLockTimeoutSeconds = flags().ddlLockTimeout;
  o.allowDrift = flags().allowDrift;
  o.schema = flags().schema.empty() ? config().schema : flags().schema;
  return o;
}

void addDir(CLI::App *sub) {
  sub->add_option(
      "--dir", flags().dir,
      "the dialect's migration folder (default: migrations/<dialect>, or migrations: in tether.yaml)");
}

// migrate new's dialect: --dialect, else what the folder records (or its name), else the scheme of
// $DATABASE_URL / db:, else the one dialect folder under the migrations root.
std::string newDialect() {
  if (!flags().dialect.empty()) return flags().dialect;
  if (!flags().dir.empty()) {
    if (std::string d = dialectOfDir(flags().dir); !d.empty()) return d;
  }
  std::string url;
  try {
    url = dbUrl();
  } catch (const Error &) {
  }
  if (!url.empty()) {
    if (std::string known = dialectNamed(parseDbUrl(url).scheme); !known.empty()) return known;
  }
  std::vector<std::string> found;
  if (flags().dir.empty())
    for (const auto &d : knownDialects())
      if (std::filesystem::is_directory(migrationsRoot() + "/" + d)) found.push_back(d);
  if (found.size() == 1) return found[0];
  throw Error("cannot tell which dialect to write the migration for", {},
              "pass --dialect sqlite or --dialect postgresql (or set DATABASE_URL)");
}

void registerNew(CLI::App *parent) {
  auto *sub = parent->add_subcommand(
      "new", "Write the next migration for what the models changed since the last one");
  sub->add_option("name", flags().name, "what the migration does, e.g. add_user_profiles")->required();
  addModelsOption(sub);
  addDir(sub);
  sub->add_option("--dialect", flags().dialect,
                  "sqlite or postgresql (default: what --dir records, else the scheme of $DATABASE_URL)")
      ->check(CLI::IsMember(knownDialects()));
  sub->add_flag("--allow-destructive", flags().allowDestructive, "include drops and narrowing type changes");
  sub->add_flag("--online", flags().online, "PostgreSQL: lock-safe DDL for big live tables");
  sub->footer(
      "Example:\n  tether migrate new add_user_profiles --models examples/ecommerce --dialect sqlite\n"
      "Exit: 0 written (or nothing changed), 2 could not (model errors, a directory not matching its sum "
      "file).");
  setRunner(sub, []() -> int {
    auto &f = flags();
    f.dialect = newDialect();
    NewMigrationOptions o{f.name, modelsPath(), dirFor(f.dialect), f.dialect, f.allowDestructive, f.online};
    NewMigrationResult r = newMigration(o);
    for (const auto &c : r.up.skipped)
      std::cerr << "tether: skipped (destructive; pass --allow-destructive): " << c.describe() << "\n";
    if (!r.written) {
      std::cout << "no changes: the models match " << o.dir << "; nothing written\n";
      return kExitOk;
    }
    std::cout << "wrote " << r.upPath << " (" << r.up.steps.size() << " statement(s)) and " << r.downPath
              << " (" << r.downStatements << ")\n";
    // Lint what was just generated, with the earlier versions as context (a table they created
    // already exists), so a lock or data-loss hazard shows before review, not in production.
    LintOptions lo;
    lo.dialect = f.dialect;
    lo.ignoreRules = config().lintIgnore;
    std::vector<std::string> files = migrationFiles(o.dir, lo), context;
    for (const auto &file : files)
      if (file != r.upPath) context.push_back(file);
    std::vector<Finding> findings = lintMigrationFiles(files, lo, context);
    if (!findings.empty()) {
      std::cout << "\nmigrate lint on " << r.upPath << ":\n" << renderAuditText(findings, colorOut());
      if (dialectByName(f.dialect).onlineDdl() && !f.online)
        std::cout << "hint: tether migrate new --online renders lock-safe DDL for live tables\n";
    }
    return kExitOk;
  });
}

void registerApplyCmd(CLI::App *parent) {
  auto *sub =
      parent->add_subcommand("apply", "Apply pending migrations in order, each in its own transaction");
  addDbOption(sub);
  addDir(sub);
  sub->add_option("--to", flags().to, "apply up to and including this version");
  sub->add_flag("--dry-run", flags().dryRun, "print what would run; change nothing");
  sub->add_option("--lock-timeout", flags().lockTimeout, "seconds to wait for a concurrent run (default 60)")
      ->check(CLI::Range(0.0, 86400.0));
  sub->add_option("--ddl-lock-timeout", flags().ddlLockTimeout,
                  "PostgreSQL: seconds a statement may wait for a table lock (default 5, 0: for ever)")
      ->check(CLI::Range(0.0, 86400.0));
  sub->add_flag("--allow-drift", flags().allowDrift, "apply even when the database was changed by hand");
  sub->add_option("--schema", flags().schema, "PostgreSQL schema (default: the first of the search path)");
  sub->footer("Example:\n  tether migrate apply --db sqlite:///app.db --dir migrations/sqlite\n"
              "Exit: 0 applied (or nothing to do), 2 refused or failed (the failing version rolled back).");
  setRunner(sub, []() -> int {
    MigrateOptions o = runOptions();
    MigrateOutcome r = applyMigrations(o, std::cout);
    if (r.done.empty() && !o.dryRun)
      std::cout << "nothing to apply: " << parseDbUrl(o.url).masked() << " is up to date\n";
    return kExitOk;
  });
}

void registerDown(CLI::App *parent) {
  auto *sub = parent->add_subcommand("down", "Revert the last migration (or down to --to, exclusive)");
  addDbOption(sub);
  addDir(sub);
  sub->add_option("--to", flags().to, "revert every version above this one");
  sub->add_flag("--dry-run", flags().dryRun, "print what would run; change nothing");
  sub->add_option("--lock-timeout", flags().lockTimeout, "seconds to wait for a concurrent run (default 60)")
      ->check(CLI::Range(0.0, 86400.0));
  sub->add_option("--schema", flags().schema, "PostgreSQL schema (default: the first of the search path)");
  sub->footer("Example:\n  tether migrate down --db sqlite:///app.db --to 0001\nExit: 0 reverted (or nothing "
              "to do), 2 failed.");
  setRunner(sub, []() -> int {
    revertMigrations(runOptions(), std::cout);
    return kExitOk;
  });
}

void registerStatus(CLI::App *parent) {
  auto *sub =
      parent->add_subcommand("status", "Applied, pending, modified-after-apply and missing migrations");
  addDbOption(sub);
  addDir(sub);
  sub->add_option("--format", flags().format, "text or json")->check(CLI::IsMember({"text", "json"}));
  sub->add_option("--schema", flags().schema, "PostgreSQL schema (default: the first of the search path)");
  sub->footer("Example:\n  tether migrate status --db sqlite:///app.db --format json\nExit: 0 listed, 2 "
              "could not read.");
  setRunner(sub, []() -> int {
    MigrateOptions o = runOptions();
    for (const auto &p : verifySumFile(o.dir))
      std::cerr << "tether: warning: " << p << "\n";
    auto states = migrationStatus(o);
    std::cout << (flags().format == "json" ? statusJson(states) : statusText(states));
    return kExitOk;
  });
}

void registerBaseline(CLI::App *parent) {
  auto *sub = parent->add_subcommand(
      "baseline", "Record the versions up to VERSION as applied, once the live schema is what they produce");
  sub->add_option("version", flags().to, "the last version the database already has, e.g. 0003")->required();
  addDbOption(sub);
  addDir(sub);
  sub->add_option("--lock-timeout", flags().lockTimeout, "seconds to wait for a concurrent run (default 60)")
      ->check(CLI::Range(0.0, 86400.0));
  sub->add_option("--schema", flags().schema, "PostgreSQL schema (default: the first of the search path)");
  sub->footer(
      "Replays the versions up to VERSION on a scratch database (SQLite in memory, PostgreSQL in a\n"
      "throwaway schema of the same database, dropped after) and compares the result with the live\n"
      "schema. Equal: records them in tether_migrations without running them (also clears a dirty\n"
      "version finished by hand). Different: lists what differs and records nothing.\n"
      "Example:\n  tether migrate baseline 0003 --db \"$DATABASE_URL\" --dir migrations/postgresql\n"
      "Exit: 0 recorded (or already), 1 the live schema differs (nothing recorded), 2 could not check.");
  setRunner(sub, []() -> int {
    MigrateOptions o = runOptions();
    const std::string version = o.to;
    o.to.clear();
    BaselineOutcome r = baselineMigrations(o, version, std::cout);
    if (!r.differences.empty()) {
      std::cout << "the live schema of " << parseDbUrl(o.url).masked() << " is not what " << o.dir
                << " produces up to " << version << "; nothing recorded. To match, it would need:\n";
      for (const auto &d : r.differences)
        std::cout << "  " << d << "\n";
      return kExitFound;
    }
    for (const auto &v : r.recorded)
      std::cout << "recorded " << v << " as applied (not run)\n";
    if (r.recorded.empty())
      std::cout << "nothing to record: every version up to " << version << " is applied\n";
    return kExitOk;
  });
}

void registerCheckCmd(CLI::App *parent) {
  auto *sub = parent->add_subcommand(
      "check", "CI gate: do the migrations produce the models, and match their sum file?");
  addModelsOption(sub);
  addDir(sub);
  sub->add_option("--dialect", flags().dialect,
                  "the folder's dialect, when its tether.sum and name do not say")
      ->check(CLI::IsMember(knownDialects()));
  sub->add_option("--dev-db", flags().devDb,
                  "PostgreSQL: replay the files on this database, in a throwaway schema dropped after "
                  "(without it they are replayed offline, their DDL read with libpg_query)");
  sub->add_option("--format", flags().format, "text or json")->check(CLI::IsMember({"text", "json"}));
  sub->footer(
      "Example:\n  tether migrate check --models examples/ecommerce\n"
      "Without --dir, checks every dialect folder under migrations/.\n"
      "Replays the files: SQLite in memory; PostgreSQL offline (libpg_query, no database), or with\n"
      "--dev-db URL in a throwaway schema of that database. The output names the replay used.\n"
      "A statement the offline replay cannot model exactly is exit 2 naming file:line: pass --dev-db.\n"
      "Exit: 0 in step, 1 the models or files differ, 2 could not check.");
  setRunner(sub, []() -> int {
    std::vector<std::pair<std::string, std::string>> dirs; // folder, dialect
    if (!flags().dir.empty()) {
      requireMigrationDir(flags().dir);
      std::string dialect = flags().dialect.empty() ? dialectOfDir(flags().dir) : flags().dialect;
      if (dialect.empty())
        throw Error("cannot tell the dialect of " + flags().dir, {},
                    "pass --dialect sqlite or --dialect postgresql");
      dirs.emplace_back(flags().dir, dialect);
    } else {
      for (const auto &d : knownDialects())
        if (std::filesystem::is_directory(migrationsRoot() + "/" + d))
          dirs.emplace_back(migrationsRoot() + "/" + d, d);
      if (dirs.empty())
        throw Error("no migration folders under " + migrationsRoot() + "/ (sqlite/ or postgresql/)", {},
                    "create the first one with tether migrate new NAME --dialect …, or pass --dir");
    }
    size_t problems = 0;
    std::vector<MigrationCheck> checks;
    for (const auto &[dir, dialect] : dirs) {
      checks.push_back(checkMigrationFolder(modelsPath(), dir, dialect, flags().devDb));
      problems += checks.back().problems.size();
    }
    std::cout << (flags().format == "json" ? migrationCheckJson(checks) : migrationCheckText(checks));
    return problems ? kExitFound : kExitOk;
  });
}

void registerHash(CLI::App *parent) {
  auto *sub = parent->add_subcommand("hash", "Re-sign the sum file after an intended hand edit");
  addDir(sub);
  sub->add_option("--dialect", flags().dialect, "with no --dir: the folder migrations/<dialect>")
      ->check(CLI::IsMember(knownDialects()));
  sub->footer("Example:\n  tether migrate hash --dir migrations/postgresql\nExit: 0 signed, 2 could not.");
  setRunner(sub, []() -> int {
    std::vector<std::string> dirs;
    if (!flags().dir.empty())
      dirs.push_back(flags().dir);
    else if (!flags().dialect.empty())
      dirs.push_back(dirFor(flags().dialect));
    else
      for (const auto &d : knownDialects())
        if (std::filesystem::is_directory(migrationsRoot() + "/" + d))
          dirs.push_back(migrationsRoot() + "/" + d);
    if (dirs.empty()) throw Error("no migration folder to sign", {}, "pass --dir");
    for (const auto &d : dirs) {
      requireMigrationDir(d);
      for (const auto &w : resignSumFile(d, flags().dialect.empty() ? dialectOfDir(d) : flags().dialect))
        std::cerr << "tether: warning: " << w << "\n";
      std::cout << "signed " << d << "/" << kSumFile << "\n";
    }
    return kExitOk;
  });
}
} // namespace

void registerMigrate(CLI::App &app) {
  auto *sub =
      app.add_subcommand("migrate", "Versioned migrations: new, apply, down, status, check, hash, baseline");
  sub->require_subcommand(1);
  sub->footer(
      "Examples:\n  tether migrate new add_user_profiles --models examples/ecommerce --dialect postgresql\n"
      "  tether migrate apply --db \"$DATABASE_URL\"\n"
      "  tether migrate check --models examples/ecommerce   # the CI gate, no database\n"
      "Folders: migrations/<dialect>/ with <NNNN>_<name>.up.sql and .down.sql, tether.sum (checksums)\n"
      "and schema.snapshot.yaml (the schema the last version reaches). Applied versions are recorded in\n"
      "the table tether_migrations.\n"
      "Transactions: each version runs in one transaction with its record, and a BEGIN/COMMIT/ROLLBACK/\n"
      "SAVEPOINT in such a file is refused (exit 2, file:line) before anything runs. A file with the line\n"
      "  -- tether:no-transaction\n"
      "runs statement by statement instead (CREATE INDEX CONCURRENTLY, a SQLite rebuild with its own\n"
      "BEGIN/COMMIT); migrate new --online writes it where needed. If such a version fails midway it is\n"
      "recorded as dirty: status shows which statements ran, and apply/down refuse to run until it is\n"
      "resolved (finish or undo it by hand, then tether migrate baseline VERSION).\n"
      "Adopting an existing database: tether migrate baseline VERSION --db URL records the versions up to\n"
      "VERSION as applied after checking the live schema is what they produce.");
  registerNew(sub);
  registerApplyCmd(sub);
  registerDown(sub);
  registerStatus(sub);
  registerCheckCmd(sub);
  registerHash(sub);
  registerBaseline(sub);
}

} // namespace tether::cli
