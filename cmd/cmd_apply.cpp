#include "common.h"
#include "core/diagnostic.h"
#include "core/error.h"
#include "drivers/open.h"
#include "migrate/data_warnings.h"
#include "plan/plan.h"
#include "plan/plan_format.h"
#include "yaml/loader.h"
#include <iostream>
#include <string>
#include <unistd.h>

namespace tether::cli {

namespace {
struct ApplyFlags {
  bool yes = false;
  bool allowDestructive = false;
  bool online = false;
  std::string schema;
  double lockTimeout = 5;
  bool strict = false;
};

bool confirm(const std::string &question) {
  std::cerr << question << " [y/N] " << std::flush;
  std::string answer;
  if (!std::getline(std::cin, answer)) return false;
  return answer == "y" || answer == "Y" || answer == "yes";
}
} // namespace

void registerApply(CLI::App &app) {
  static ApplyFlags o;
  auto *sub = app.add_subcommand("apply", "Run the plan against the live database in one transaction");
  addModelsOption(sub);
  addDbOption(sub);
  sub->add_flag("-y,--yes", o.yes, "do not ask for confirmation on a terminal");
  sub->add_flag("--allow-destructive", o.allowDestructive, "also run drops and narrowing type changes");
  sub->add_flag("--online", o.online,
                "PostgreSQL: lock-safe DDL; those steps run one by one outside the transaction");
  sub->add_option("--schema", o.schema, "PostgreSQL schema (default: the first of the search path)");
  sub->add_option("--lock-timeout", o.lockTimeout,
                  "PostgreSQL: seconds a DDL statement may wait for a table lock before apply gives up and "
                  "retries (3 times; default 5, 0: wait for ever)")
      ->check(CLI::Range(0.0, 86400.0));
  sub->add_flag("--strict", o.strict, "model warnings block the apply as errors do");
  sub->footer(
      "Example:\n  tether apply --models examples/ecommerce --db sqlite:///app.db --yes\n"
      "Exit: 0 applied (or nothing to do), 2 failed (rolled back: nothing changed) or still differs.");
  setRunner(sub, []() -> int {
    LoadResult r = loadModels(modelsPath());
    if (!r.ok() || (o.strict && r.diags.warningCount() > 0)) {
      for (const auto &d : r.diags.all())
        std::cerr << formatDiagnostic(d, colorErr());
      std::cerr << "tether: the models have " << (r.ok() ? "warnings (--strict)" : "errors")
                << "; nothing was applied (see tether check)\n";
      return kExitFailed;
    }
    OpenOptions open;
    open.schema = o.schema.empty() ? config().schema : o.schema;
    open.lockTimeoutMs = static_cast<int>(o.lockTimeout * 1000);
    open.lockRetries = 3;
    // A SQLite file that does not exist yet is planned against an empty in-memory database and
    // created only once the plan is confirmed: declining leaves no empty file behind.
    const std::string url = dbUrl();
    const bool existed = databaseExists(url);
    auto db = openConnection(existed ? url : "sqlite://", open);
    const std::string name = existed ? db->displayName() : parseDbUrl(url).masked();
    PlanOptions opts;
    opts.allowDestructive = o.allowDestructive;
    opts.render.online = o.online;
    const Schema live = db->introspect();
    Plan p = makePlan(r.model.schema, live, db->dialect(), opts);
    std::cout << planToSql(p);
    for (const auto &w : planRunWarnings(*db, p, live, existed))
      std::cerr << "tether: warning: " << w << "\n";
    if (p.empty()) {
      std::cerr << "tether: nothing to apply to " << name << "\n";
      return kExitOk;
    }
    if (!o.yes && isatty(STDIN_FILENO) && isatty(STDERR_FILENO) &&
        !confirm("Apply " + std::to_string(p.changes.size()) + " change(s) to " + name + "?")) {
      std::cerr << "tether: not applied\n";
      return kExitOk;
    }
    if (!existed) db = openConnection(url, open);
    size_t outside = 0;
    for (const auto &s : p.steps)
      outside += !s.transactional;
    if (outside)
      std::cerr << "tether: --online: " << outside
                << " statement(s) run one by one after the transaction; each is safe to re-run\n";
    db->apply(p.steps);
    Plan after = makePlan(r.model.schema, db->introspect(), db->dialect(), opts);
    if (!after.empty()) {
      std::cerr << "tether: applied, but the database still differs from the models:\n" << planToSql(after);
      return kExitFailed;
    }
    std::cerr << "tether: applied " << p.changes.size() << " change(s) to " << db->displayName() << "\n";
    return kExitOk;
  });
}

} // namespace tether::cli
