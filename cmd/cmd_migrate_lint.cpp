#include "common.h"
#include "core/error.h"
#include "drivers/open.h"
#include "lint/lint_command.h"

namespace tether::cli {

void registerMigrateLint(CLI::App &migrate) {
  static MigrateLintArgs a;
  auto *sub =
      migrate.add_subcommand("lint", "Catch migrations that lock production or lose data, before they run");
  sub->add_option("--dir", a.dir, "migrations directory, or one dialect's folder (default: migrations/)");
  addDbOption(sub);
  sub->add_option("--dialect", a.dialect,
                  "postgresql or sqlite (default: from --db, else from the directory)")
      ->check(CLI::IsMember(knownDialects()));
  auto *latest = sub->add_option("--latest", a.latest, "only the last N migrations");
  sub->add_option("--base", a.base, "only migrations changed since this git ref (e.g. origin/main)")
      ->excludes(latest);
  sub->add_option("--format", a.format, "text, json or sarif")
      ->check(CLI::IsMember({"text", "json", "sarif"}));
  sub->add_option("--fail-on", a.failOn, "exit 1 on findings at or above: error (default), warning, never")
      ->check(CLI::IsMember({"error", "warning", "never"}));
  sub->add_flag("--include-down", a.includeDown, "lint the .down.sql files too");
  sub->footer("Examples:\n  tether migrate lint --dir migrations/postgresql --latest 1\n"
              "  tether migrate lint --db \"$DATABASE_URL\" --base origin/main --format sarif > lint.sarif\n"
              "Silence one statement with a comment before it: -- tether:nolint rule-name reason\n"
              "Exit: 0 clean (below --fail-on), 1 findings, 2 could not lint.");
  setRunner(sub, []() -> int {
    MigrateLintArgs args = a;
    if (!globals().db.empty() || std::getenv("DATABASE_URL") || !config().db.empty()) args.dbUrl = dbUrl();
    if (args.dir == "migrations" && !config().migrations.empty()) args.dir = config().migrations;
    args.ignoreRules = config().lintIgnore;
    args.enableSets = config().lintEnable;
    args.color = colorOut();
    return runMigrateLint(args);
  });
}

} // namespace tether::cli
